/**
 * transit-encryption-disabled over what the model now sees: a `terraform.tfvars` value over a default in
 * `variables.tf` (both ways), a variable declared in another file of the module, CloudFormation parameters whose
 * AllowedValues decide the value, `Fn::If` / `cond ? a : b` both ways, a Terraform conditional decided by its
 * variable's default, and count/for_each (one resource, one finding). YAML, JSON and Terraform.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'transit-encryption-disabled';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const TLS = (v: string) => `TransitEncryptionEnabled: ${v}`;
const PARAM = (lines: string[]) => `Parameters:\n  Tls:\n    Type: String\n${lines.map((l) => `    ${l}\n`).join('')}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const JCOND = { Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'prod'] } } };
const tfRg = (value: string, after = '') => tf(TF_RG, ['replication_group_id       = "g"', 'description                = "x"', `transit_encryption_enabled = ${value}`], after);
const VAR = (name: string, def?: string) => def === undefined ? `variable "${name}" {\n  type = bool\n}\n` : `variable "${name}" {\n  type    = bool\n  default = ${def}\n}\n`;

const c = {
  yAllowedFalse: yaml(RG, [D, TLS('!Ref Tls')], PARAM(['AllowedValues: ["false"]'])),
  yDefaultFalse: yaml(RG, [D, TLS('!Ref Tls')], PARAM(['Default: "false"', 'AllowedValues: ["true", "false"]'])),
  yIfFalse: yaml(RG, [D, TLS('!If [IsProd, true, false]')], COND),
  yIfTrueBranchFalse: yaml(RG, [D, TLS('!If [IsProd, false, true]')], COND),
  yIfBothFalse: yaml(RG, [D, TLS('!If [IsProd, false, "false"]')], COND),
  yIfNoValue: yaml(RG, [D, TLS('!If [IsProd, true, !Ref AWS::NoValue]')], COND),
  yMdbIf: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access', 'TLSEnabled: !If [IsProd, true, false]'], COND),
  jAllowedFalse: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: { Ref: 'Tls' } }, { Parameters: { Tls: { Type: 'String', AllowedValues: ['false'] } } }),
  jIfFalse: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: { 'Fn::If': ['IsProd', true, false] } }, JCOND),
  jIfBothFalse: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: { 'Fn::If': ['IsProd', 'false', false] } }, JCOND),
  tCondDefaultFalse: tfRg('var.secure ? true : false', VAR('secure', 'false')),
  tCondOpen: tfRg('var.secure ? true : false', VAR('secure')),
  tCondNegated: tfRg('var.dev ? false : true', VAR('dev', 'true')),
  tCount: tf(TF_RG, ['count                      = 3', 'replication_group_id       = "g-${count.index}"', 'description                = "x"', 'transit_encryption_enabled = false']),
  tForEach: tf(TF_RG, ['for_each             = toset(["a", "b"])', 'replication_group_id = each.key', 'description          = "x"']),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: a parameter that only allows true cannot be false (no default)', path: 't.yaml', code: yaml(RG, [D, TLS('!Ref Tls')], PARAM(['AllowedValues: ["true"]'])) },
    { name: 'yaml: a parameter that only allows true, defaulting to it', path: 't.yaml', code: yaml(RG, [D, TLS('!Ref Tls')], PARAM(['Default: "true"', 'AllowedValues: ["true"]'])) },
    { name: 'yaml: a parameter allowing both, without default: unknown, silent', path: 't.yaml', code: yaml(RG, [D, TLS('!Ref Tls')], PARAM(['AllowedValues: ["true", "false"]'])) },
    { name: 'yaml: !If true both ways', path: 't.yaml', code: yaml(RG, [D, TLS('!If [IsProd, true, "true"]')], COND) },
    { name: 'yaml: MemoryDB !If with true and AWS::NoValue (the default is on)', path: 't.yaml', code: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access', 'TLSEnabled: !If [IsProd, true, !Ref AWS::NoValue]'], COND) },
    { name: 'json: a parameter that only allows true', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: { Ref: 'Tls' } }, { Parameters: { Tls: { Type: 'String', AllowedValues: ['true'] } } }) },
    { name: 'json: Fn::If true both ways', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: { 'Fn::If': ['IsProd', true, 'true'] } }, JCOND) },
    { name: 'tf: a conditional decided true by the variable\'s default', path: 'main.tf', code: tfRg('var.secure ? true : false', VAR('secure', 'true')) },
    { name: 'tf: a negated conditional decided true', path: 'main.tf', code: tfRg('var.dev ? false : true', VAR('dev', 'false')) },
    { name: 'tf: both branches true', path: 'main.tf', code: tfRg('var.secure ? true : true', VAR('secure')) },
    { name: 'tf: count with TLS on', path: 'main.tf', code: tf(TF_RG, ['count                      = 2', 'replication_group_id       = "g"', 'description                = "x"', 'transit_encryption_enabled = true']) },
  ],
  invalid: [
    { name: 'yaml: a parameter that only allows "false": certain', path: 't.yaml', code: c.yAllowedFalse, errors: [at(RULE, c.yAllowedFalse, '!Ref Tls')], severities: ['error'] },
    { name: 'yaml: a parameter defaulting to "false" among true/false', path: 't.yaml', code: c.yDefaultFalse, errors: [at(RULE, c.yDefaultFalse, '!Ref Tls')], severities: ['error'] },
    { name: 'yaml: !If [IsProd, true, false]: info at the false branch', path: 't.yaml', code: c.yIfFalse, errors: [at(RULE, c.yIfFalse, 'false]')], severities: ['info'] },
    { name: 'yaml: !If [IsProd, false, true]: info at the false branch', path: 't.yaml', code: c.yIfTrueBranchFalse, errors: [at(RULE, c.yIfTrueBranchFalse, 'false,')], severities: ['info'] },
    { name: 'yaml: !If false both ways (one a string): certain, at the !If', path: 't.yaml', code: c.yIfBothFalse, errors: [at(RULE, c.yIfBothFalse, '!If')], severities: ['error'] },
    { name: 'yaml: !If with true and AWS::NoValue (the default false applies): info at the !If', path: 't.yaml', code: c.yIfNoValue, errors: [at(RULE, c.yIfNoValue, '!If')], severities: ['info'] },
    { name: 'yaml: MemoryDB !If with a false branch', path: 't.yaml', code: c.yMdbIf, errors: [at(RULE, c.yMdbIf, 'false]')], severities: ['info'] },
    { name: 'json: a parameter that only allows "false"', path: 't.json', code: c.jAllowedFalse, errors: [at(RULE, c.jAllowedFalse, '"TransitEncryptionEnabled": ', 28)], severities: ['error'] },
    { name: 'json: Fn::If with a false branch: info', path: 't.json', code: c.jIfFalse, errors: [at(RULE, c.jIfFalse, 'false\n')], severities: ['info'] },
    { name: 'json: Fn::If false both ways', path: 't.json', code: c.jIfBothFalse, errors: [at(RULE, c.jIfBothFalse, '"TransitEncryptionEnabled": ', 28)], severities: ['error'] },
    { name: 'tf: a conditional decided false by the variable\'s default', path: 'main.tf', code: c.tCondDefaultFalse, errors: [at(RULE, c.tCondDefaultFalse, 'var.secure ?')], severities: ['error'] },
    { name: 'tf: a conditional on a variable without default: info at the false', path: 'main.tf', code: c.tCondOpen, errors: [at(RULE, c.tCondOpen, 'false\n')], severities: ['info'] },
    { name: 'tf: a negated conditional decided false', path: 'main.tf', code: c.tCondNegated, errors: [at(RULE, c.tCondNegated, 'var.dev ?')], severities: ['error'] },
    { name: 'tf: count = 3: one resource, reported once', path: 'main.tf', code: c.tCount, errors: [at(RULE, c.tCount, 'false\n')] },
    { name: 'tf: for_each without TLS: once, at the block', path: 'main.tf', code: c.tForEach, errors: [at(RULE, c.tForEach, '"aws_elasticache')] },
  ],
});

const MAIN = tfRg('var.tls');

test('terraform.tfvars sets false over a default of true in variables.tf: an error that points at the tfvars line', async () => {
  const files = { 'main.tf': MAIN, 'variables.tf': VAR('tls', 'true'), 'terraform.tfvars': 'tls = false\n' };
  const r = await inModule(files, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, MAIN, 'var.tls')]);
  assert.equal(r.findings[0].severity, 'error');
  assert.match(r.findings[0].message, /transit_encryption_enabled comes from 'tls', set to false in terraform\.tfvars/);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/terraform.tfvars', 0, 6]]);
  // The default of true is not the file to change: no "change the default" fix for a value the tfvars file gives.
  assert.ok(r.findings[0].fixes.every((f) => !/default/.test(f.title)), JSON.stringify(r.findings[0].fixes.map((f) => f.title)));
});

test('terraform.tfvars sets true over a default of false: silent; an *.auto.tfvars false wins over terraform.tfvars', async () => {
  const files = { 'main.tf': MAIN, 'variables.tf': VAR('tls', 'false'), 'terraform.tfvars': 'tls = true\n' };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const auto = await inModule({ ...files, 'z.auto.tfvars': 'tls = false\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(auto), [at(RULE, MAIN, 'var.tls')]);
  assert.deepEqual(auto.findings[0].related?.map((x) => x.path), ['mod/z.auto.tfvars']);
});

test('a variable declared in another file of the module: its default decides, and the finding points at it', async () => {
  const r = await inModule({ 'main.tf': MAIN, 'variables.tf': VAR('tls', 'false') }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, MAIN, 'var.tls')]);
  assert.match(r.findings[0].message, /transit_encryption_enabled comes from 'tls', whose default is false/);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line]), [['mod/variables.tf', 2]]);
  // Declared without a default in the other file, or declared nowhere: unknown, silent.
  assert.deepEqual(summarize(await inModule({ 'main.tf': MAIN, 'variables.tf': VAR('tls') }, 'main.tf', RULE)), []);
  assert.deepEqual(summarize(await inModule({ 'main.tf': MAIN, 'other.tf': VAR('unrelated', 'false') }, 'main.tf', RULE)), []);
});

test('a conditional whose variable terraform.tfvars decides', async () => {
  const main = tfRg('var.secure ? true : false');
  const files = { 'main.tf': main, 'variables.tf': VAR('secure', 'true') };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'secure = false\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, main, 'var.secure ?')]);
  assert.equal(r.findings[0].severity, 'error');
  assert.deepEqual(r.findings[0].related?.map((x) => x.path), ['mod/terraform.tfvars']);
});

test('a branch finding names the condition and offers no fix; a certain one keeps the fixes', async () => {
  const [b] = (await findings('t.yaml', c.yIfFalse, RULE)).findings;
  assert.equal(b.message, "Replication group 'Cache' may not encrypt traffic in transit: TransitEncryptionEnabled is false when IsProd is false, so on that branch clients and replicas exchange data and AUTH secrets in plaintext, and AUTH cannot be turned on without it.");
  assert.deepEqual(b.fixes, []);
  const [n] = (await findings('t.yaml', c.yIfNoValue, RULE)).findings;
  assert.match(n.message, /TransitEncryptionEnabled is not set, and it defaults to false when IsProd is false/);
  const [both] = (await findings('t.yaml', c.yIfBothFalse, RULE)).findings;
  assert.match(both.message, /TransitEncryptionEnabled is false whether IsProd is true or false/);
  assert.ok(both.fixes.some((f) => f.title === 'Set TransitEncryptionEnabled to true'));
  const [allowed] = (await findings('t.yaml', c.yAllowedFalse, RULE)).findings;
  assert.match(allowed.message, /TransitEncryptionEnabled comes from 'Tls', whose only allowed value is "false"/);
});

test('the online migration fix is offered for a live group whether the property is false or absent', async (t) => {
  const title = 'Set TransitEncryptionEnabled to true with TransitEncryptionMode "preferred" (online migration of a live group)';
  const absent = yaml(RG, [D, 'Engine: valkey']);
  const [a] = (await findings('t.yaml', absent, RULE)).findings;
  assert.deepEqual(a.fixes.map((f) => f.title), ['Set TransitEncryptionEnabled to true', title]);
  assert.match(a.message, /On a running group \(Valkey 7\.2\+ \/ Redis OSS 7\+\) migrate without replacement/);
  await roundTrip('t.yaml', absent, RULE, title, /      Engine: valkey\n      TransitEncryptionEnabled: true\n      TransitEncryptionMode: preferred\n/);
  const tfAbsent = tf(TF_RG, ['replication_group_id = "g"', 'description          = "x"']);
  assertFmtClean(await roundTrip('main.tf', tfAbsent, RULE, 'Set transit_encryption_enabled to true with transit_encryption_mode "preferred" (online migration of a live group)', /transit_encryption_enabled = true\n\s+transit_encryption_mode\s+= "preferred"\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tCondDefaultFalse, RULE, 'Set transit_encryption_enabled to true', /transit_encryption_enabled = true\n/), t);
  // A cache cluster has no migration: only the plain fix.
  const cc = yaml('AWS::ElastiCache::CacheCluster', ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']);
  assert.deepEqual((await findings('t.yaml', cc, RULE)).findings[0].fixes.map((f) => f.title), ['Set TransitEncryptionEnabled to true']);
});
