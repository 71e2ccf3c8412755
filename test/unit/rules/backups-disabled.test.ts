/**
 * backups-disabled in CloudFormation YAML, JSON and Terraform: retention 0, or absent where the default is 0
 * (replication groups, Valkey/Redis OSS cache clusters and serverless caches, MemoryDB in Terraform); never
 * Memcached; parameter and variable defaults, a tfvars override, conditions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'backups-disabled';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const SL = 'AWS::ElastiCache::ServerlessCache';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const PARAM = (def: string) => `Parameters:\n  Days:\n    Type: Number\n${def ? `    Default: ${def}\n` : ''}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';

const c = {
  rgAbsent: yaml(RG, [D, 'Engine: valkey']),
  rgZero: yaml(RG, [D, 'SnapshotRetentionLimit: 0']),
  rgString: yaml(RG, [D, 'SnapshotRetentionLimit: "0"']),
  rgParam: yaml(RG, [D, 'SnapshotRetentionLimit: !Ref Days'], PARAM('0')),
  rgIf: yaml(RG, [D, 'SnapshotRetentionLimit: !If [IsProd, 7, 0]'], COND),
  rgIfNoValue: yaml(RG, [D, 'SnapshotRetentionLimit: !If [IsProd, 7, !Ref AWS::NoValue]'], COND),
  ccRedis: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']),
  slValkey: yaml(SL, ['ServerlessCacheName: s', 'Engine: valkey']),
  mdbZero: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access', 'SnapshotRetentionLimit: 0']),
  jsonAbsent: json(RG, { ReplicationGroupDescription: 'x' }),
  jsonZero: json(RG, { ReplicationGroupDescription: 'x', SnapshotRetentionLimit: 0 }),
  jsonParam: json(RG, { ReplicationGroupDescription: 'x', SnapshotRetentionLimit: { Ref: 'Days' } }, { Parameters: { Days: { Type: 'Number', Default: 0 } } }),
  jsonIf: json(SL, { ServerlessCacheName: 's', Engine: 'redis', SnapshotRetentionLimit: { 'Fn::If': ['IsProd', 3, 0] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  tfAbsent: tf(TF_RG, ['description = "x"']),
  tfZero: tf(TF_RG, ['description              = "x"', 'snapshot_retention_limit = 0']),
  tfVar: tf(TF_RG, ['description              = "x"', 'snapshot_retention_limit = var.days'], 'variable "days" {\n  type    = number\n  default = 0\n}\n'),
  tfCluster: tf('aws_elasticache_cluster', ['cluster_id = "c"', 'engine     = "redis"', 'node_type  = "cache.t4g.micro"']),
  tfServerless: tf('aws_elasticache_serverless_cache', ['name   = "s"', 'engine = "valkey"']),
  tfMemorydb: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = "open-access"', 'node_type = "db.r7g.large"']),
  tfCondOpen: tf(TF_RG, ['description              = "x"', 'snapshot_retention_limit = var.prod ? 7 : 0'], 'variable "prod" {\n  type = bool\n}\n'),
  tfCondDecided: tf(TF_RG, ['description              = "x"', 'snapshot_retention_limit = var.prod ? 7 : 0'], 'variable "prod" {\n  type    = bool\n  default = false\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: replication group keeping 7 days', path: 't.yaml', code: yaml(RG, [D, 'SnapshotRetentionLimit: 7']) },
    { name: 'yaml: from a parameter without default: unknown, silent', path: 't.yaml', code: yaml(RG, [D, 'SnapshotRetentionLimit: !Ref Days'], PARAM('')) },
    { name: 'yaml: from a parameter defaulting to 1', path: 't.yaml', code: yaml(RG, [D, 'SnapshotRetentionLimit: !Ref Days'], PARAM('1')) },
    { name: 'yaml: !If with both branches above 0', path: 't.yaml', code: yaml(RG, [D, 'SnapshotRetentionLimit: !If [IsProd, 7, 1]'], COND) },
    { name: 'yaml: a Memcached cluster has no snapshots', path: 't.yaml', code: yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 2']) },
    { name: 'yaml: a Memcached serverless cache has no snapshots', path: 't.yaml', code: yaml(SL, ['ServerlessCacheName: s', 'Engine: memcached']) },
    { name: 'yaml: a cache cluster whose engine is a parameter without default: the default cannot be told', path: 't.yaml', code: yaml(CC, ['Engine: !Ref Eng', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 1'], 'Parameters:\n  Eng:\n    Type: String\n') },
    { name: 'yaml: MemoryDB with the property absent (no CloudFormation default in the facts)', path: 't.yaml', code: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access']) },
    { name: 'yaml: the same property on a type cachelint does not model', path: 't.yaml', code: yaml('AWS::Neptune::DBCluster', ['SnapshotRetentionLimit: 0']) },
    { name: 'json: 35 days', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', SnapshotRetentionLimit: 35 }) },
    { name: 'json: Memcached cluster with 0 written', path: 't.json', code: json(CC, { Engine: 'memcached', CacheNodeType: 'cache.m7g.large', NumCacheNodes: 1, SnapshotRetentionLimit: 0 }) },
    { name: 'tf: 5 days', path: 'main.tf', code: tf(TF_RG, ['description              = "x"', 'snapshot_retention_limit = 5']) },
    { name: 'tf: a replica cluster joining a group takes the group\'s retention', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id           = "r"', 'replication_group_id = aws_elasticache_replication_group.g.id']) },
    { name: 'tf: a Memcached cluster', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id = "c"', 'engine     = "memcached"']) },
    { name: 'tf: from a variable without default', path: 'main.tf', code: tf(TF_RG, ['description              = "x"', 'snapshot_retention_limit = var.days'], 'variable "days" {\n  type = number\n}\n') },
  ],
  invalid: [
    { name: 'yaml: replication group without retention (defaults to 0): at the logical id', path: 't.yaml', code: c.rgAbsent, errors: [at(RULE, c.rgAbsent, 'Cache:')], severities: ['warning'] },
    { name: 'yaml: retention 0', path: 't.yaml', code: c.rgZero, errors: [at(RULE, c.rgZero, '0\n')] },
    { name: 'yaml: retention "0" as a string', path: 't.yaml', code: c.rgString, errors: [at(RULE, c.rgString, '"0"')] },
    { name: 'yaml: a parameter whose default is 0', path: 't.yaml', code: c.rgParam, errors: [at(RULE, c.rgParam, '!Ref Days')] },
    { name: 'yaml: !If with a 0 branch: info at it', path: 't.yaml', code: c.rgIf, errors: [at(RULE, c.rgIf, '0]')], severities: ['info'] },
    { name: 'yaml: !If with an unset branch: info at the !If', path: 't.yaml', code: c.rgIfNoValue, errors: [at(RULE, c.rgIfNoValue, '!If')], severities: ['info'] },
    { name: 'yaml: a Redis OSS cache cluster without retention', path: 't.yaml', code: c.ccRedis, errors: [at(RULE, c.ccRedis, 'Cache:')] },
    { name: 'yaml: a Valkey serverless cache without retention', path: 't.yaml', code: c.slValkey, errors: [at(RULE, c.slValkey, 'Cache:')] },
    { name: 'yaml: MemoryDB with retention 0', path: 't.yaml', code: c.mdbZero, errors: [at(RULE, c.mdbZero, '0\n')] },
    { name: 'json: absent', path: 't.json', code: c.jsonAbsent, errors: [at(RULE, c.jsonAbsent, '"Cache"')] },
    { name: 'json: 0', path: 't.json', code: c.jsonZero, errors: [at(RULE, c.jsonZero, '0\n')] },
    { name: 'json: {"Ref"} to a parameter defaulting to 0', path: 't.json', code: c.jsonParam, errors: [at(RULE, c.jsonParam, '"SnapshotRetentionLimit": ', 26)] },
    { name: 'json: Fn::If with a 0 branch on a serverless cache: info', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, '0\n')], severities: ['info'] },
    { name: 'tf: replication group without retention', path: 'main.tf', code: c.tfAbsent, errors: [at(RULE, c.tfAbsent, '"aws_elasticache')] },
    { name: 'tf: 0', path: 'main.tf', code: c.tfZero, errors: [at(RULE, c.tfZero, '0\n')] },
    { name: 'tf: a variable whose default is 0', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.days')] },
    { name: 'tf: a Redis OSS cache cluster', path: 'main.tf', code: c.tfCluster, errors: [at(RULE, c.tfCluster, '"aws_elasticache')] },
    { name: 'tf: a Valkey serverless cache', path: 'main.tf', code: c.tfServerless, errors: [at(RULE, c.tfServerless, '"aws_elasticache')] },
    { name: 'tf: a MemoryDB cluster (the provider defaults to 0)', path: 'main.tf', code: c.tfMemorydb, errors: [at(RULE, c.tfMemorydb, '"aws_memorydb')] },
    { name: 'tf: a conditional on a variable without default: info at the 0', path: 'main.tf', code: c.tfCondOpen, errors: [at(RULE, c.tfCondOpen, '0\n')], severities: ['info'] },
    { name: 'tf: a conditional decided by the variable\'s default', path: 'main.tf', code: c.tfCondDecided, errors: [at(RULE, c.tfCondDecided, 'var.prod ?')], severities: ['warning'] },
  ],
});

test('messages name the resource, the property as written, the default and the consequence', async () => {
  const [y] = (await findings('t.yaml', c.rgAbsent, RULE)).findings;
  assert.equal(y.message, "Replication group 'Cache' has no automatic backups: SnapshotRetentionLimit is not set, and it defaults to 0, so no automatic backup is kept to restore from when data is lost or corrupted.");
  const [s] = (await findings('main.tf', c.tfServerless, RULE)).findings;
  assert.equal(s.message, "Serverless cache 'cache' has no automatic backups: snapshot_retention_limit is not set, and it defaults to 0, so no automatic backup is kept to restore from when data is lost or corrupted.");
  assert.deepEqual(s.fixes.map((f) => f.title), ['Set snapshot_retention_limit to 7 (days; daily_snapshot_time picks when they run)']);
  const [b] = (await findings('t.yaml', c.rgIf, RULE)).findings;
  assert.equal(b.message, "Replication group 'Cache' may have no automatic backups: SnapshotRetentionLimit is 0 when IsProd is false, so on that branch no automatic backup is kept to restore from when data is lost or corrupted.");
  assert.deepEqual(b.fixes, []);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf('aws_memorydb_cluster', ['name                     = "m"', 'acl_name                 = "open-access"', 'snapshot_retention_limit = var.days']),
    'variables.tf': 'variable "days" {\n  type    = number\n  default = 7\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'days = 0\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.days')]);
  assert.match(r.findings[0].message, /snapshot_retention_limit comes from 'days', set to 0 in terraform\.tfvars/);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/terraform.tfvars', 0, 7]]);
  // And the other way round: a default of 0 that the tfvars file raises.
  const raised = { ...files, 'variables.tf': files['variables.tf'].replace('default = 7', 'default = 0'), 'terraform.tfvars': 'days = 14\n' };
  assert.deepEqual(summarize(await inModule(raised, 'main.tf', RULE)), []);
});

test('fixes: a retention of 7 days in each format, and the parameter or variable default', async () => {
  const title = 'Set SnapshotRetentionLimit to 7 (days; SnapshotWindow picks when they run)';
  await roundTrip('t.yaml', c.rgAbsent, RULE, title, /      Engine: valkey\n      SnapshotRetentionLimit: 7\n/);
  await roundTrip('t.yaml', c.rgZero, RULE, title, /      SnapshotRetentionLimit: 7\n/);
  await roundTrip('t.yaml', c.slValkey, RULE, 'Set SnapshotRetentionLimit to 7 (days; DailySnapshotTime picks when they run)', /      SnapshotRetentionLimit: 7\n/);
  await roundTrip('t.yaml', c.rgParam, RULE, "Change the default of parameter 'Days' to 7 (days; SnapshotWindow picks when they run)", /    Default: "?7"?\n/);
  await roundTrip('t.json', c.jsonAbsent, RULE, title, /"ReplicationGroupDescription": "x",\n\s+"SnapshotRetentionLimit": 7\n/);
  await roundTrip('t.json', c.jsonZero, RULE, title, /"SnapshotRetentionLimit": 7\n/);
  const tfTitle = 'Set snapshot_retention_limit to 7 (days; snapshot_window picks when they run)';
  await roundTrip('main.tf', c.tfAbsent, RULE, tfTitle, /  description              = "x"\n  snapshot_retention_limit = 7\n/);
  await roundTrip('main.tf', c.tfZero, RULE, tfTitle, /  snapshot_retention_limit = 7\n/);
  await roundTrip('main.tf', c.tfMemorydb, RULE, tfTitle, /  snapshot_retention_limit = 7\n/);
  await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'days' to 7 (days; snapshot_window picks when they run)", /  default = 7\n/);
});

test('flow-style Properties and comments: the fix lands inside the mapping and keeps the comment', async () => {
  const flow = 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties: {ReplicationGroupDescription: x, SnapshotRetentionLimit: 0}  # sessions\n';
  assert.deepEqual(summarize(await findings('t.yaml', flow, RULE)), [at(RULE, flow, '0}')]);
  const fixed = await roundTrip('t.yaml', flow, RULE, 'Set SnapshotRetentionLimit to 7 (days; SnapshotWindow picks when they run)', /SnapshotRetentionLimit: 7\}  # sessions\n$/);
  assert.doesNotMatch(fixed, /: 0/);
});

test('a Terraform resource with for_each is one resource, reported once', async () => {
  const code = tf(TF_RG, ['for_each    = toset(["a", "b"])', 'description = "x"']);
  assert.deepEqual(summarize(await findings('main.tf', code, RULE)), [at(RULE, code, '"aws_elasticache')]);
});

test('a serverless cache: the default is named without an engine qualifier', async () => {
  // As in a synthesized CDK template: a Redis OSS serverless cache with only its name, engine and subnets.
  const cfn = json(SL, { ServerlessCacheName: 'sessions', Engine: 'redis', MajorEngineVersion: '7', SubnetIds: ['subnet-a', 'subnet-b'] });
  const [j] = (await findings('t.json', cfn, RULE)).findings;
  assert.equal(`${RULE}@${j.range.start.line + 1}:${j.range.start.character + 1}`, at(RULE, cfn, '"Cache"'));
  assert.equal(j.message, "Serverless cache 'Cache' has no automatic backups: SnapshotRetentionLimit is not set, and it defaults to 0, so no automatic backup is kept to restore from when data is lost or corrupted.");
  const y = yaml(SL, ['ServerlessCacheName: s', 'Engine: redis']);
  const [f] = (await findings('t.yaml', y, RULE)).findings;
  assert.doesNotMatch(f.message, /for (Redis OSS|Valkey)/);
  // A written 0 still says so; a retention set is silent.
  const zero = yaml(SL, ['ServerlessCacheName: s', 'Engine: redis', 'SnapshotRetentionLimit: 0']);
  assert.match((await findings('t.yaml', zero, RULE)).findings[0].message, /SnapshotRetentionLimit is 0/);
  assert.deepEqual(summarize(await findings('t.yaml', yaml(SL, ['ServerlessCacheName: s', 'Engine: redis', 'SnapshotRetentionLimit: 7']), RULE)), []);
});
