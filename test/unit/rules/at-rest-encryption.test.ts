/**
 * at-rest-encryption-disabled in CloudFormation YAML, JSON and Terraform: explicit false, absent on Redis OSS (the
 * table's default), parameter and variable defaults, a tfvars override, conditions; absent on Valkey is on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'at-rest-encryption-disabled';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const PARAM = (def: string) => `Parameters:\n  AtRest:\n    Type: String\n${def ? `    Default: ${def}\n` : ''}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';

const c = {
  redisAbsent: yaml(RG, [D, 'Engine: redis']),
  valkeyFalse: yaml(RG, [D, 'Engine: valkey', 'AtRestEncryptionEnabled: false']),
  stringFalse: yaml(RG, [D, 'Engine: valkey', "AtRestEncryptionEnabled: 'False'"]),
  paramFalse: yaml(RG, [D, 'Engine: valkey', 'AtRestEncryptionEnabled: !Ref AtRest'], PARAM('"false"')),
  ifYaml: yaml(RG, [D, 'Engine: valkey', 'AtRestEncryptionEnabled: !If [IsProd, true, false]'], COND),
  ifNoValue: yaml(RG, [D, 'Engine: redis', 'AtRestEncryptionEnabled: !If [IsProd, true, !Ref AWS::NoValue]'], COND),
  jsonRedis: json(RG, { ReplicationGroupDescription: 'x', Engine: 'redis' }),
  jsonFalse: json(RG, { ReplicationGroupDescription: 'x', AtRestEncryptionEnabled: false }),
  jsonParam: json(RG, { ReplicationGroupDescription: 'x', Engine: 'valkey', AtRestEncryptionEnabled: { Ref: 'AtRest' } }, { Parameters: { AtRest: { Type: 'String', Default: 'false' } } }),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', Engine: 'valkey', AtRestEncryptionEnabled: { 'Fn::If': ['IsProd', true, false] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  tfDefaultEngine: tf(TF_RG, ['description = "x"']),
  tfFalse: tf(TF_RG, ['description                = "x"', 'engine                     = "valkey"', 'at_rest_encryption_enabled = false']),
  tfVar: tf(TF_RG, ['description                = "x"', 'engine                     = "valkey"', 'at_rest_encryption_enabled = var.at_rest'], 'variable "at_rest" {\n  type    = bool\n  default = false\n}\n'),
  tfCondDecided: tf(TF_RG, ['description                = "x"', 'engine                     = "valkey"', 'at_rest_encryption_enabled = var.prod ? true : false'], 'variable "prod" {\n  type    = bool\n  default = false\n}\n'),
  tfCondOpen: tf(TF_RG, ['description                = "x"', 'engine                     = "valkey"', 'at_rest_encryption_enabled = var.prod ? true : false'], 'variable "prod" {\n  type = bool\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: Valkey with the property absent (defaults to true)', path: 't.yaml', code: yaml(RG, [D, 'Engine: valkey']) },
    { name: 'yaml: Redis OSS with it true', path: 't.yaml', code: yaml(RG, [D, 'Engine: redis', 'AtRestEncryptionEnabled: true']) },
    { name: 'yaml: the string "true"', path: 't.yaml', code: yaml(RG, [D, 'Engine: redis', 'AtRestEncryptionEnabled: "true"']) },
    { name: 'yaml: engine not set (CloudFormation states no default engine): unknown, silent', path: 't.yaml', code: yaml(RG, [D]) },
    { name: 'yaml: engine from a parameter without default: unknown, silent', path: 't.yaml', code: yaml(RG, [D, 'Engine: !Ref Eng'], 'Parameters:\n  Eng:\n    Type: String\n') },
    { name: 'yaml: from a parameter without default: unknown, silent', path: 't.yaml', code: yaml(RG, [D, 'Engine: redis', 'AtRestEncryptionEnabled: !Ref AtRest'], PARAM('')) },
    { name: 'yaml: !If with both branches true', path: 't.yaml', code: yaml(RG, [D, 'Engine: redis', 'AtRestEncryptionEnabled: !If [IsProd, true, "true"]'], COND) },
    { name: 'yaml: !If with an unset branch on Valkey (default true)', path: 't.yaml', code: yaml(RG, [D, 'Engine: valkey', 'AtRestEncryptionEnabled: !If [IsProd, true, !Ref AWS::NoValue]'], COND) },
    { name: 'yaml: a Global Datastore secondary takes it from the primary', path: 't.yaml', code: yaml(RG, [D, 'Engine: redis', 'GlobalReplicationGroupId: !Ref Global']) },
    { name: 'yaml: a cache cluster has no at-rest property', path: 't.yaml', code: yaml('AWS::ElastiCache::CacheCluster', ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']) },
    { name: 'yaml: a look-alike property on another resource type', path: 't.yaml', code: yaml('AWS::MemoryDB::Cluster', ['ClusterName: m', 'ACLName: open-access', 'NodeType: db.r7g.large', 'AtRestEncryptionEnabled: false']) },
    { name: 'json: Valkey absent', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', Engine: 'valkey' }) },
    { name: 'json: parameter default "true"', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', Engine: 'redis', AtRestEncryptionEnabled: { Ref: 'P' } }, { Parameters: { P: { Type: 'String', Default: 'true' } } }) },
    { name: 'tf: engine valkey, absent', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'engine      = "valkey"']) },
    { name: 'tf: true', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', 'at_rest_encryption_enabled = true']) },
    { name: 'tf: from a variable without default: unknown, silent', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', 'at_rest_encryption_enabled = var.at_rest'], 'variable "at_rest" {\n  type = bool\n}\n') },
    { name: 'tf: engine from a variable without default: unknown, silent', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'engine      = var.engine'], 'variable "engine" {\n  type = string\n}\n') },
    { name: 'tf: a Global Datastore secondary', path: 'main.tf', code: tf(TF_RG, ['description                 = "x"', 'global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id']) },
    { name: 'tf: a cache cluster (no such argument)', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id = "c"', 'engine     = "redis"']) },
  ],
  invalid: [
    { name: 'yaml: Redis OSS, absent (defaults to false): at the logical id', path: 't.yaml', code: c.redisAbsent, errors: [at(RULE, c.redisAbsent, 'Cache:')], severities: ['warning'] },
    { name: 'yaml: Valkey, explicitly false', path: 't.yaml', code: c.valkeyFalse, errors: [at(RULE, c.valkeyFalse, 'false')] },
    { name: 'yaml: the string \'False\'', path: 't.yaml', code: c.stringFalse, errors: [at(RULE, c.stringFalse, "'False'")] },
    { name: 'yaml: a parameter whose default is "false"', path: 't.yaml', code: c.paramFalse, errors: [at(RULE, c.paramFalse, '!Ref AtRest')] },
    { name: 'yaml: !If with a false branch: info, at that branch', path: 't.yaml', code: c.ifYaml, errors: [at(RULE, c.ifYaml, 'false]')], severities: ['info'] },
    { name: 'yaml: !If with an unset branch on Redis OSS: info, at the !If', path: 't.yaml', code: c.ifNoValue, errors: [at(RULE, c.ifNoValue, '!If')], severities: ['info'] },
    { name: 'json: Redis OSS, absent', path: 't.json', code: c.jsonRedis, errors: [at(RULE, c.jsonRedis, '"Cache"')] },
    { name: 'json: false (engine unknown, but false is false)', path: 't.json', code: c.jsonFalse, errors: [at(RULE, c.jsonFalse, 'false')] },
    { name: 'json: {"Ref"} to a parameter defaulting to "false"', path: 't.json', code: c.jsonParam, errors: [at(RULE, c.jsonParam, '"AtRestEncryptionEnabled": ', 27)] },
    { name: 'json: Fn::If with a false branch: info', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, 'false', 0, 0)], severities: ['info'] },
    { name: 'tf: no engine (the provider defaults to redis), absent', path: 'main.tf', code: c.tfDefaultEngine, errors: [at(RULE, c.tfDefaultEngine, '"aws_elasticache')] },
    { name: 'tf: false', path: 'main.tf', code: c.tfFalse, errors: [at(RULE, c.tfFalse, 'false')] },
    { name: 'tf: a variable whose default is false', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.at_rest')] },
    { name: 'tf: a conditional decided by the variable\'s default: warning', path: 'main.tf', code: c.tfCondDecided, errors: [at(RULE, c.tfCondDecided, 'var.prod ?')], severities: ['warning'] },
    { name: 'tf: a conditional on a variable without default: info, at the false branch', path: 'main.tf', code: c.tfCondOpen, errors: [at(RULE, c.tfCondOpen, 'false')], severities: ['info'] },
  ],
});

test('messages name the resource, the property as written, the default and the consequence', async () => {
  const [y] = (await findings('t.yaml', c.redisAbsent, RULE)).findings;
  assert.equal(y.message, "Replication group 'Cache' does not encrypt data at rest: AtRestEncryptionEnabled is not set, and it defaults to false for Redis OSS, so its data written to disk and its backups are stored unencrypted.");
  const [t] = (await findings('main.tf', c.tfDefaultEngine, RULE)).findings;
  assert.equal(t.message, "Replication group 'cache' does not encrypt data at rest: at_rest_encryption_enabled is not set, and it defaults to false for Redis OSS, so its data written to disk and its backups are stored unencrypted.");
  const [b] = (await findings('t.yaml', c.ifYaml, RULE)).findings;
  assert.equal(b.message, "Replication group 'Cache' may not encrypt data at rest: AtRestEncryptionEnabled is false when IsProd is false, so on that branch its data written to disk and its backups are stored unencrypted.");
  assert.deepEqual(b.fixes, [], 'a condition someone wrote is not rewritten');
  const [d] = (await findings('main.tf', c.tfCondDecided, RULE)).findings;
  assert.match(d.message, /at_rest_encryption_enabled is false because 'prod' defaults to false/);
});

test('a terraform.tfvars value overrides the default in variables.tf: reported in main.tf with the tfvars line related', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description                = "x"', 'engine                     = "valkey"', 'at_rest_encryption_enabled = var.at_rest']),
    'variables.tf': 'variable "at_rest" {\n  type    = bool\n  default = true\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'at_rest = false\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.at_rest')]);
  assert.match(r.findings[0].message, /at_rest_encryption_enabled comes from 'at_rest', set to false in terraform\.tfvars/);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/terraform.tfvars', 0, 10]]);
  // The fix sets the argument in main.tf: the variable file is not this file's to edit.
  assert.deepEqual(r.findings[0].fixes.map((f) => f.title), ['Set at_rest_encryption_enabled to true (replaces the replication group)']);
});

test('fixes: set true (saying it replaces the group), in each format, and the parameter default', async () => {
  const title = 'Set AtRestEncryptionEnabled to true (replaces the replication group)';
  await roundTrip('t.yaml', c.redisAbsent, RULE, title, /      Engine: redis\n      AtRestEncryptionEnabled: true\n/);
  await roundTrip('t.yaml', c.valkeyFalse, RULE, title, /      AtRestEncryptionEnabled: true\n/);
  await roundTrip('t.yaml', c.paramFalse, RULE, title, /      AtRestEncryptionEnabled: true\n/);
  await roundTrip('t.yaml', c.paramFalse, RULE, "Change the default of parameter 'AtRest' to true (replaces the replication group)", /    Default: "?true"?\n/);
  await roundTrip('t.json', c.jsonRedis, RULE, title, /"Engine": "redis",\n\s+"AtRestEncryptionEnabled": true\n/);
  await roundTrip('t.json', c.jsonFalse, RULE, title, /"AtRestEncryptionEnabled": true\n/);
  const tfTitle = 'Set at_rest_encryption_enabled to true (replaces the replication group)';
  await roundTrip('main.tf', c.tfDefaultEngine, RULE, tfTitle, /  description                = "x"\n  at_rest_encryption_enabled = true\n/);
  await roundTrip('main.tf', c.tfFalse, RULE, tfTitle, /  at_rest_encryption_enabled = true\n/);
  await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'at_rest' to true (replaces the replication group)", /  default = true\n/);
});

test('flow-style Properties and comments: the fix lands inside the mapping and keeps the comment', async () => {
  const flow = 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties: {ReplicationGroupDescription: x, Engine: redis}  # sessions\n';
  assert.deepEqual(summarize(await findings('t.yaml', flow, RULE)), [at(RULE, flow, 'Cache:')]);
  const fixed = await roundTrip('t.yaml', flow, RULE, 'Set AtRestEncryptionEnabled to true (replaces the replication group)', /AtRestEncryptionEnabled: true/);
  assert.match(fixed, /\}  # sessions\n$/);
});

test('a Terraform resource with count is one resource, reported once', async () => {
  const code = tf(TF_RG, ['count       = 2', 'description = "x"', 'engine      = "redis"']);
  assert.deepEqual(summarize(await findings('main.tf', code, RULE)), [at(RULE, code, '"aws_elasticache')]);
});
