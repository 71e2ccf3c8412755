/**
 * Conditions are values (issue 7): CloudFormation `Fn::If` (short and long form, `AWS::NoValue` branches, nested)
 * and Terraform `cond ? a : b` with literal branches become choices; effectiveValue says what each branch gives, or
 * picks the branch when the condition is a variable whose value the module gives. Parameters keep AllowedValues;
 * dynamic references are recognised, secret ones as secrets. Look-alikes: a non-literal branch, a Condition that
 * is not a resource's, `{{resolve:ssm:…}}` (not secret).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import type { IacModel, IacResource, IacValue } from '../../../server/src/model/iac';
import { isSecretReference, describeUnresolved } from '../../../server/src/model/iac';
import { effectiveValue, relatedOf, type Effective } from '../../../server/src/model/effective';
import { transitEncryptionDisabled } from '../../../server/src/rules/iac/transit-encryption-disabled';
import { parseTerraform, at } from '../terraform/parse';
import { parseInModule } from './module-support';
import type { RuleContext } from '../../../server/src/rules/rule';

function cfnModel(text: string, path = 'template.yaml'): IacModel {
  const parsed = cloudformation.parse({ path, text }, new LineIndex(text), new Grammars(nodeGrammarSource()));
  assert.ok(parsed);
  return parsed.model;
}

const named = (model: IacModel, name: string): IacResource => model.resources.find((r) => r.name === name)!;

/** The parts of an Effective a test compares: value, origin, why, and each branch as `when → value (origin): why`. */
function show(e: Effective): unknown[] {
  return [e.value, e.origin, e.why, (e.branches ?? []).map((b) => `${b.when} → ${String(b.value)} (${b.origin}): ${b.why}`)];
}

const CFN = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Token:
    Type: String
    NoEcho: true
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Both:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: both
      TransitEncryptionEnabled: !If [IsProd, true, false]
      MultiAZEnabled: !If [IsProd, true, !Ref AWS::NoValue]
      AuthToken: "{{resolve:secretsmanager:cache-token:SecretString:token}}"
  Same:
    Type: AWS::ElastiCache::ReplicationGroup
    Condition: IsProd
    Properties:
      ReplicationGroupDescription: same
      TransitEncryptionEnabled: !If [IsProd, false, "false"]
      AuthToken: !Sub "{{resolve:ssm-secure:/cache/\${Env}/token}}"
      Engine: !If [IsProd, valkey, !If [Other, redis, valkey]]
  Plain:
    Type: AWS::ElastiCache::User
    Properties:
      UserId: u
      UserName: u
      Engine: redis
      AccessString: "{{resolve:ssm:/cache/access}}"
      AuthenticationMode: !If [IsProd, {Type: iam}, {Type: password, Passwords: [!Ref Token]}]
`;

test('CloudFormation Fn::If: a choice with both branches; effectiveValue says what each gives', () => {
  const model = cfnModel(CFN);
  const both = named(model, 'Both');
  assert.deepEqual(show(effectiveValue(both, 'transitEncryptionEnabled')), [undefined, 'unknown', "TransitEncryptionEnabled depends on condition 'IsProd'", [
    'true → true (written): TransitEncryptionEnabled is true when IsProd is true',
    'false → false (written): TransitEncryptionEnabled is false when IsProd is false',
  ]]);
  // !Ref AWS::NoValue leaves MultiAZEnabled unset on that branch; CloudFormation's table gives no default for it.
  assert.deepEqual(show(effectiveValue(both, 'multiAzEnabled')), [undefined, 'unknown', "MultiAZEnabled depends on condition 'IsProd'", [
    'true → true (written): MultiAZEnabled is true when IsProd is true',
    'false → undefined (unknown): MultiAZEnabled is not set, and its default is not known when IsProd is false',
  ]]);
  const tls = both.properties.get('transitEncryptionEnabled')!.value;
  assert.ok(tls.kind === 'choice');
  assert.deepEqual([tls.condition.name, at(tls.condition.range), at(tls.range), tls.then && at(tls.then.range), tls.else && at(tls.else.range)],
    ['IsProd', '17:38-17:44', '17:33-17:58', '17:46-17:50', '17:52-17:57']);
  assert.equal(describeUnresolved(tls), "it depends on condition 'IsProd'");
  // Both branches false (a boolean and a string boolean): false whichever way, so it is known.
  assert.deepEqual(show(effectiveValue(named(model, 'Same'), 'transitEncryptionEnabled')), [false, 'written', 'TransitEncryptionEnabled is false whether IsProd is true or false', []]);
  // A nested Fn::If is a choice inside a branch: that branch cannot be told.
  assert.deepEqual(show(effectiveValue(named(model, 'Same'), 'engine')), [undefined, 'unknown', "Engine depends on condition 'IsProd'", [
    'true → valkey (written): Engine is "valkey" when IsProd is true',
    "false → undefined (unknown): Engine cannot be known: it depends on condition 'Other' when IsProd is false",
  ]]);
});

test('CloudFormation Fn::If branches are read like any value: canonical names inside, inputs kept', () => {
  const model = cfnModel(CFN);
  const mode = named(model, 'Plain').properties.get('authenticationMode')!.value;
  assert.ok(mode.kind === 'choice' && mode.then?.kind === 'object' && mode.else?.kind === 'object');
  assert.deepEqual([...mode.then.entries.keys()], ['type']);
  assert.deepEqual([...mode.else.entries.keys()], ['type', 'passwords']);
  const pw = mode.else.entries.get('passwords')!.value;
  assert.ok(pw.kind === 'list' && pw.items[0].kind === 'input' && pw.items[0].input.secret === true);
});

test('CloudFormation resources keep their Condition name; parameters keep AllowedValues', () => {
  const model = cfnModel(CFN);
  assert.deepEqual([named(model, 'Same').conditional, named(model, 'Same').condition], [true, 'IsProd']);
  assert.deepEqual([named(model, 'Both').conditional, named(model, 'Both').condition], [undefined, undefined]);
  const tls = named(model, 'Both').properties.get('authToken')!.value;
  assert.equal(tls.kind, 'unknown');
  const env = cfnModel(CFN.replace('AuthToken: "{{resolve', 'TransitEncryptionMode: !Ref Env\n      AuthToken: "{{resolve'));
  const mode = named(env, 'Both').properties.get('transitEncryptionMode')!.value;
  assert.ok(mode.kind === 'input');
  assert.deepEqual(mode.input.allowedValues?.map((v) => [v.kind === 'literal' && v.value, at(v.range)]), [['dev', '6:21-6:24'], ['prod', '6:26-6:30']]);
  assert.equal(named(env, 'Both').properties.get('authToken')!.value.kind, 'unknown');
});

test('dynamic references: secretsmanager and ssm-secure are secrets (also inside !Sub), ssm is not', () => {
  const model = cfnModel(CFN);
  const value = (r: string, p: string): IacValue => named(model, r).properties.get(p)!.value;
  const dyn = (v: IacValue) => (v.kind === 'unknown' ? v.dynamic : undefined);
  assert.deepEqual(dyn(value('Both', 'authToken')), { service: 'secretsmanager', secret: true });
  assert.deepEqual(dyn(value('Same', 'authToken')), { service: 'ssm-secure', secret: true });
  assert.deepEqual(dyn(value('Plain', 'accessString')), { service: 'ssm', secret: false });
  assert.deepEqual(['Both', 'Same', 'Plain'].map((r) => isSecretReference(value(r, r === 'Plain' ? 'accessString' : 'authToken'))), [true, true, false]);
  assert.equal(describeUnresolved(value('Both', 'authToken')), 'it is a dynamic reference to secretsmanager, resolved at deploy time');
  // JSON long forms: Fn::If is a choice there too; a dynamic reference inside Fn::Join is still one.
  const json = cfnModel(JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { G: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: {
      TransitEncryptionEnabled: { 'Fn::If': ['IsProd', true, { Ref: 'AWS::NoValue' }] },
      AuthToken: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'AWS::StackName' }, ':SecretString:t}}']] },
    } } },
  }, null, 2), 'template.json');
  const g = named(json, 'G');
  assert.deepEqual(show(effectiveValue(g, 'transitEncryptionEnabled')), [undefined, 'unknown', "TransitEncryptionEnabled depends on condition 'IsProd'", [
    'true → true (written): TransitEncryptionEnabled is true when IsProd is true',
    'false → false (schema-default): TransitEncryptionEnabled is not set, and it defaults to false when IsProd is false',
  ]]);
  assert.equal(isSecretReference(g.properties.get('authToken')!.value), true);
});

test('transit-encryption-disabled on choices: an info at the false branch of an undecided one, an error when both branches are false', () => {
  const model = cfnModel(CFN);
  const findings = transitEncryptionDisabled.check(model, {} as RuleContext);
  assert.deepEqual(findings.map((f) => [at(f.range), f.severity, f.message.split(':')[0]]), [
    ['17:52-17:57', 'info', "Replication group 'Both' may not encrypt traffic in transit"],
    ['25:33-25:61', undefined, "Replication group 'Same' does not encrypt traffic in transit"],
  ]);
});

const HCL = `variable "prod" {
  type    = bool
  default = false
}

variable "env" {
  type = string
}

resource "aws_elasticache_replication_group" "by_var" {
  description                = "by var"
  transit_encryption_enabled = var.prod ? true : false
  at_rest_encryption_enabled = var.env == "prod" ? true : null
  multi_az_enabled           = var.prod ? var.other : false
  count                      = var.prod ? 1 : 0
}

resource "aws_elasticache_replication_group" "many" {
  for_each    = toset(["a", "b"])
  description = each.key
}
`;

test('Terraform: a conditional with literal branches is a choice; a variable condition with a value decides it', async () => {
  const [byVar, many] = (await parseTerraform('main.tf', HCL)).model.resources;
  // var.prod defaults to false: the else branch is in effect, as an input's default is for a plain reference.
  assert.deepEqual(show(effectiveValue(byVar, 'transitEncryptionEnabled')), [false, 'input-default', "transit_encryption_enabled is false because 'prod' defaults to false", []]);
  // A comparison is named by its text; null leaves the argument unset, so the engine's default applies there.
  const atRest = byVar.properties.get('atRestEncryptionEnabled')!.value;
  assert.ok(atRest.kind === 'choice');
  assert.deepEqual([atRest.condition.name, atRest.condition.input, at(atRest.condition.range)], ['var.env == "prod"', undefined, '13:32-13:49']);
  assert.deepEqual(show(effectiveValue(byVar, 'atRestEncryptionEnabled')), [undefined, 'unknown', "at_rest_encryption_enabled depends on condition 'var.env == \"prod\"'", [
    'true → true (written): at_rest_encryption_enabled is true when var.env == "prod" is true',
    'false → false (schema-default): at_rest_encryption_enabled is not set, and it defaults to false for Redis OSS when var.env == "prod" is false',
  ]]);
  // A branch that is not a literal: not a choice, unknown as before.
  assert.equal(byVar.properties.get('multiAzEnabled')!.value.kind, 'unknown');
  // count / for_each: the resource once, flagged, with what decides it.
  assert.deepEqual([byVar.conditional, byVar.condition, many.conditional, many.condition], [true, 'var.prod ? 1 : 0', true, 'toset(["a", "b"])']);
});

test('Terraform module: a choice crosses files in summaries; terraform.tfvars decides the branch, and the related location says so', async () => {
  const files = [
    { path: '/m/main.tf', text: 'resource "aws_elasticache_replication_group" "r" {\n  description                = "r"\n  transit_encryption_enabled = var.prod ? true : false\n}\n' },
    { path: '/m/variables.tf', text: 'variable "prod" {\n  type    = bool\n  default = true\n}\n' },
    { path: '/m/terraform.tfvars', text: 'prod = false\n' },
    { path: '/m/other.tf', text: 'resource "aws_elasticache_parameter_group" "p" {\n  name   = var.prod ? "prod" : "dev"\n  family = "redis7"\n}\n' },
  ];
  const { model } = await parseInModule(files, 'main.tf');
  const e = effectiveValue(model.resources[0], 'transitEncryptionEnabled');
  assert.deepEqual(show(e), [false, 'input-value', "transit_encryption_enabled is false because 'prod' is set to false in terraform.tfvars", []]);
  assert.deepEqual(relatedOf(e).map((r) => [r.path, at(r.range), r.message]), [['/m/terraform.tfvars', '1:8-1:13', "'prod' is set to false here"]]);
  // The rule sees it as it sees a variable set in terraform.tfvars: a finding on the expression, the tfvars line related.
  const [finding] = transitEncryptionDisabled.check(model, {} as RuleContext);
  assert.deepEqual([at(finding.range), finding.related?.map((r) => r.path), finding.fixes?.map((f) => f.title)], [
    '3:32-3:55', ['/m/terraform.tfvars'],
    ['Set transit_encryption_enabled to true', 'Set transit_encryption_enabled to true with transit_encryption_mode "preferred" (online migration of a live group)'],
  ]);
  const p = model.moduleResources!.find((m) => m.resource.name === 'p')!.resource;
  const name = p.properties.get('name')!.value;
  assert.ok(name.kind === 'choice' && name.condition.input?.name === 'prod' && name.condition.input.assigned !== undefined);
  assert.deepEqual([name.then?.kind === 'literal' && name.then.value, name.else?.kind === 'literal' && name.else.value], ['prod', 'dev']);
});

test('a nested property under a chosen object is a choice of what each branch holds there', () => {
  const model = cfnModel(CFN);
  assert.deepEqual(show(effectiveValue(named(model, 'Plain'), 'authenticationMode.type')), [undefined, 'unknown', "AuthenticationMode.Type depends on condition 'IsProd'", [
    'true → iam (written): AuthenticationMode.Type is "iam" when IsProd is true',
    'false → password (written): AuthenticationMode.Type is "password" when IsProd is false',
  ]]);
  // The iam branch has no Passwords: unset there, not unknown.
  const pw = effectiveValue(named(model, 'Plain'), 'authenticationMode.passwords');
  assert.deepEqual(pw.branches?.map((b) => [b.when, b.written?.kind]), [[true, undefined], [false, 'list']]);
});

test('Terraform JSON: "${var.x ? a : b}" with literal branches is the same choice; other templates stay unknown', async () => {
  const json = JSON.stringify({
    variable: { prod: { type: 'bool', default: false } },
    resource: { aws_elasticache_replication_group: { r: {
      description: 'r',
      transit_encryption_enabled: '${var.prod ? true : false}',
      at_rest_encryption_enabled: '${var.env == "prod" ? true : null}',
      engine_version: '${var.prod ? var.v : "7.1"}',
      snapshot_retention_limit: '${var.prod ? 7 : 0} days',
    } } },
  }, null, 2);
  const [r] = (await parseTerraform('main.tf.json', json)).model.resources;
  assert.deepEqual(show(effectiveValue(r, 'transitEncryptionEnabled')), [false, 'input-default', "transit_encryption_enabled is false because 'prod' defaults to false", []]);
  const atRest = r.properties.get('atRestEncryptionEnabled')!.value;
  assert.ok(atRest.kind === 'choice');
  assert.deepEqual([atRest.condition.name, atRest.condition.input, atRest.then?.kind === 'literal' && atRest.then.value, atRest.else], ['var.env == "prod"', undefined, true, undefined]);
  assert.deepEqual(['engineVersion', 'snapshotRetentionLimit'].map((p) => r.properties.get(p)!.value.kind), ['unknown', 'unknown']);
});
