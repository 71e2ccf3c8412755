/**
 * transit-encryption-preferred in CloudFormation YAML, JSON and Terraform: TransitEncryptionMode `preferred`
 * (plaintext still accepted), written or from an input's value, or on one branch of a condition.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'transit-encryption-preferred';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const ON = 'TransitEncryptionEnabled: true';
const PARAM = (def: string) => `Parameters:\n  Mode:\n    Type: String\n    AllowedValues: [preferred, required]\n${def ? `    Default: ${def}\n` : ''}`;
const COND = 'Conditions:\n  Migrating: !Equals [!Ref AWS::StackName, old]\n';
const TF_ON = 'transit_encryption_enabled = true';

const c = {
  yamlPreferred: yaml(RG, [D, 'Engine: valkey', ON, 'TransitEncryptionMode: preferred']),
  yamlQuoted: yaml(RG, [D, 'Engine: valkey', ON, 'TransitEncryptionMode: "preferred"']),
  yamlParam: yaml(RG, [D, ON, 'TransitEncryptionMode: !Ref Mode'], PARAM('preferred')),
  yamlIf: yaml(RG, [D, ON, 'TransitEncryptionMode: !If [Migrating, preferred, required]'], COND),
  yamlUnknownTls: yaml(RG, [D, 'TransitEncryptionEnabled: !Ref Tls', 'TransitEncryptionMode: preferred'], 'Parameters:\n  Tls:\n    Type: String\n'),
  jsonPreferred: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' }),
  jsonParam: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: 'true', TransitEncryptionMode: { Ref: 'Mode' } }, { Parameters: { Mode: { Type: 'String', Default: 'preferred' } } }),
  tfPreferred: tf(TF_RG, ['description                = "x"', TF_ON, 'transit_encryption_mode    = "preferred"']),
  tfVar: tf(TF_RG, ['description                = "x"', TF_ON, 'transit_encryption_mode    = var.mode'], 'variable "mode" {\n  type    = string\n  default = "preferred"\n}\n'),
  tfCondOpen: tf(TF_RG, ['description                = "x"', TF_ON, 'transit_encryption_mode    = var.migrating ? "preferred" : "required"'], 'variable "migrating" {\n  type = bool\n}\n'),
  tfCondDecided: tf(TF_RG, ['description                = "x"', TF_ON, 'transit_encryption_mode    = var.migrating ? "preferred" : "required"'], 'variable "migrating" {\n  type    = bool\n  default = true\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: required', path: 't.yaml', code: yaml(RG, [D, ON, 'TransitEncryptionMode: required']) },
    { name: 'yaml: mode absent (TLS on: required)', path: 't.yaml', code: yaml(RG, [D, ON]) },
    { name: 'yaml: preferred with TLS off is transit-encryption-disabled\'s', path: 't.yaml', code: yaml(RG, [D, 'TransitEncryptionEnabled: false', 'TransitEncryptionMode: preferred']) },
    { name: 'yaml: preferred with TLS absent (defaults to false) is transit-encryption-disabled\'s', path: 't.yaml', code: yaml(RG, [D, 'TransitEncryptionMode: preferred']) },
    { name: 'yaml: from a parameter without default: unknown, silent', path: 't.yaml', code: yaml(RG, [D, ON, 'TransitEncryptionMode: !Ref Mode'], PARAM('')) },
    { name: 'yaml: from a parameter defaulting to required', path: 't.yaml', code: yaml(RG, [D, ON, 'TransitEncryptionMode: !Ref Mode'], PARAM('required')) },
    { name: 'yaml: !If with both branches required', path: 't.yaml', code: yaml(RG, [D, ON, 'TransitEncryptionMode: !If [Migrating, required, required]'], COND) },
    { name: 'yaml: a Global Datastore secondary', path: 't.yaml', code: yaml(RG, [D, 'GlobalReplicationGroupId: g', ON, 'TransitEncryptionMode: preferred']) },
    { name: 'yaml: a look-alike on a cache cluster (no such property)', path: 't.yaml', code: yaml('AWS::ElastiCache::CacheCluster', ['Engine: redis', 'NumCacheNodes: 1', 'CacheNodeType: cache.t4g.micro', ON, 'TransitEncryptionMode: preferred']) },
    { name: 'json: required', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: true, TransitEncryptionMode: 'required' }) },
    { name: 'tf: required', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', TF_ON, 'transit_encryption_mode    = "required"']) },
    { name: 'tf: from a variable without default', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', TF_ON, 'transit_encryption_mode    = var.mode'], 'variable "mode" {\n  type = string\n}\n') },
  ],
  invalid: [
    { name: 'yaml: preferred', path: 't.yaml', code: c.yamlPreferred, errors: [at(RULE, c.yamlPreferred, 'preferred')], severities: ['warning'] },
    { name: 'yaml: "preferred" quoted', path: 't.yaml', code: c.yamlQuoted, errors: [at(RULE, c.yamlQuoted, '"preferred"')] },
    { name: 'yaml: a parameter whose default is preferred', path: 't.yaml', code: c.yamlParam, errors: [at(RULE, c.yamlParam, '!Ref Mode')] },
    { name: 'yaml: !If with a preferred branch: info at it', path: 't.yaml', code: c.yamlIf, errors: [at(RULE, c.yamlIf, 'preferred,')], severities: ['info'] },
    { name: 'yaml: TLS from a parameter without default, mode preferred: still preferred', path: 't.yaml', code: c.yamlUnknownTls, errors: [at(RULE, c.yamlUnknownTls, 'preferred')] },
    { name: 'json: preferred', path: 't.json', code: c.jsonPreferred, errors: [at(RULE, c.jsonPreferred, '"preferred"')] },
    { name: 'json: {"Ref"} to a parameter defaulting to preferred (TLS as the string "true")', path: 't.json', code: c.jsonParam, errors: [at(RULE, c.jsonParam, '"TransitEncryptionMode": ', 25)] },
    { name: 'tf: preferred', path: 'main.tf', code: c.tfPreferred, errors: [at(RULE, c.tfPreferred, '"preferred"')] },
    { name: 'tf: a variable whose default is preferred', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.mode')] },
    { name: 'tf: a conditional on a variable without default: info', path: 'main.tf', code: c.tfCondOpen, errors: [at(RULE, c.tfCondOpen, '"preferred"')], severities: ['info'] },
    { name: 'tf: a conditional decided by the variable\'s default', path: 'main.tf', code: c.tfCondDecided, errors: [at(RULE, c.tfCondDecided, 'var.migrating')], severities: ['warning'] },
  ],
});

test('messages name the resource, the property as written and the consequence', async () => {
  const [y] = (await findings('t.yaml', c.yamlPreferred, RULE)).findings;
  assert.equal(y.message, "Replication group 'Cache' accepts plaintext connections: TransitEncryptionMode is \"preferred\", so clients may still connect without TLS and send data and AUTH secrets in plaintext.");
  const [t] = (await findings('main.tf', c.tfVar, RULE)).findings;
  assert.equal(t.message, "Replication group 'cache' accepts plaintext connections: transit_encryption_mode comes from 'mode', whose default is \"preferred\", so clients may still connect without TLS and send data and AUTH secrets in plaintext.");
  const [b] = (await findings('t.yaml', c.yamlIf, RULE)).findings;
  assert.match(b.message, /may accept plaintext connections: TransitEncryptionMode is "preferred" when Migrating is true, so on that branch/);
  assert.deepEqual(b.fixes, []);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description                = "x"', TF_ON, 'transit_encryption_mode    = var.mode']),
    'variables.tf': 'variable "mode" {\n  type    = string\n  default = "required"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'mode = "preferred"\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.mode')]);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/terraform.tfvars', 0, 7]]);
  assert.deepEqual(r.findings[0].fixes.map((f) => f.title), ['Set transit_encryption_mode to "required" (once every client connects with TLS)']);
});

test('fixes: required in each format, and the parameter or variable default', async () => {
  const title = 'Set TransitEncryptionMode to "required" (once every client connects with TLS)';
  await roundTrip('t.yaml', c.yamlPreferred, RULE, title, /      TransitEncryptionMode: "?required"?\n/);
  await roundTrip('t.yaml', c.yamlParam, RULE, title, /      TransitEncryptionMode: "?required"?\n/);
  await roundTrip('t.yaml', c.yamlParam, RULE, "Change the default of parameter 'Mode' to \"required\" (once every client connects with TLS)", /    Default: "?required"?\n/);
  await roundTrip('t.json', c.jsonPreferred, RULE, title, /"TransitEncryptionMode": "required"\n/);
  await roundTrip('t.json', c.jsonParam, RULE, title, /"TransitEncryptionMode": "required"\n/);
  const tfTitle = 'Set transit_encryption_mode to "required" (once every client connects with TLS)';
  await roundTrip('main.tf', c.tfPreferred, RULE, tfTitle, /  transit_encryption_mode    = "required"\n/);
  await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'mode' to \"required\" (once every client connects with TLS)", /  default = "required"\n/);
});
