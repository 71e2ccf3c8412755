/**
 * unknown-node-type in CloudFormation YAML, JSON and Terraform: names that are no node type (a family that does not
 * exist, a typo, a size the family lacks, the other service's prefix, data tiering on Memcached), real look-alikes
 * (current, previous-generation, t4g.micro), values from parameters and variables, conditions, a tfvars override,
 * and the nearest-type fix only when one type is clearly nearest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'unknown-node-type';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const PARAM = (def: string) => `Parameters:\n  NodeType:\n    Type: String\n${def ? `    Default: ${def}\n` : ''}`;
const mdb = (t: string) => yaml(MDB, ['ClusterName: m', 'ACLName: open-access', `NodeType: ${t}`]);

const c = {
  r7gd: yaml(RG, [D, 'CacheNodeType: cache.r7gd.xlarge']),
  typo: yaml(RG, [D, 'CacheNodeType: cache.m7g.larg']),
  size: yaml(RG, [D, 'CacheNodeType: cache.r7g.24xlarge']),
  dbOnElastiCache: yaml(CC, ['Engine: redis', 'CacheNodeType: db.r7g.large', 'NumCacheNodes: 1']),
  x2gd: mdb('db.x2gd.large'),
  dbMicro: mdb('db.t4g.micro'),
  cacheOnMdb: mdb('cache.r6g.xlarge'),
  memcachedR6gd: yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.r6gd.xlarge', 'NumCacheNodes: 2']),
  param: yaml(RG, [D, 'CacheNodeType: !Ref NodeType'], PARAM('cache.m7g.xlarg')),
  ifYaml: yaml(RG, [D, 'CacheNodeType: !If [IsProd, cache.r7gd.large, cache.r7g.large]'], COND),
  json: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.r7gd.xlarge' }),
  jsonTypo: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.r6g.xlareg' }),
  jsonParam: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: { Ref: 'NodeType' } }, { Parameters: { NodeType: { Type: 'String', Default: 'db.r7g.large' } } }),
  tf: tf(TF_RG, ['description = "x"', 'node_type   = "cache.m7g.larg"']),
  tfMdb: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = "open-access"', 'node_type = "db.x2gd.large"']),
  tfVar: tf(TF_RG, ['description = "x"', 'node_type   = var.node_type'], 'variable "node_type" {\n  default = "cache.t4g.mirco"\n}\n'),
  tfCond: tf(TF_RG, ['description = "x"', 'node_type   = var.prod ? "cache.r7gd.large" : "cache.t4g.small"'], 'variable "prod" {\n  type = bool\n}\n'),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: { 'Fn::If': ['IsProd', 'cache.r7g.large', 'cache.r7gd.large'] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  flow: 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties: {ReplicationGroupDescription: x, CacheNodeType: cache.m7g.larg}  # sessions\n',
  tfCount: tf(TF_RG, ['count       = 2', 'description = "x"', 'node_type   = "cache.m7g.larg"']),
  tfGlobal: tf('aws_elasticache_global_replication_group', ['global_replication_group_id_suffix = "g"', 'primary_replication_group_id       = "p"', 'cache_node_type                    = "cache.r7g.larg"']),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: a real r7g type', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.r7g.xlarge']) },
    { name: 'yaml: cache.t4g.micro exists', path: 't.yaml', code: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']) },
    { name: 'yaml: data tiering cache.r6gd.xlarge on Valkey', path: 't.yaml', code: yaml(RG, [D, 'Engine: valkey', 'CacheNodeType: cache.r6gd.xlarge', 'DataTieringEnabled: true']) },
    { name: 'yaml: previous-generation cache.m4.large exists', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.m4.large']) },
    { name: 'yaml: cache.r3.large exists (previous generation)', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.r3.large']) },
    { name: 'yaml: upper case is still the type', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: Cache.R7G.Large']) },
    { name: 'yaml: MemoryDB db.t4g.small', path: 't.yaml', code: mdb('db.t4g.small') },
    { name: 'yaml: MemoryDB db.r6gd.8xlarge', path: 't.yaml', code: mdb('db.r6gd.8xlarge') },
    { name: 'yaml: Valkey on cache.r8g.large', path: 't.yaml', code: yaml(RG, [D, 'Engine: valkey', 'CacheNodeType: cache.r8g.large']) },
    { name: 'yaml: Redis OSS on cache.m8g.large: the table has no Redis OSS row, which proves nothing', path: 't.yaml', code: yaml(RG, [D, 'Engine: redis', 'CacheNodeType: cache.m8g.large']) },
    { name: 'yaml: from a parameter without default: not guessed', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: !Ref NodeType'], PARAM('')) },
    { name: 'yaml: from a parameter defaulting to a real type', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: !Ref NodeType'], PARAM('cache.r7g.large')) },
    { name: 'yaml: !Sub built type: computed, not guessed', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: !Sub "cache.${AWS::Region}.large"']) },
    { name: 'yaml: !If with two real types', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: !If [IsProd, cache.r7g.large, cache.t4g.small]'], COND) },
    { name: 'json: cache.c7gn.large', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.c7gn.large' }) },
    { name: 'tf: db.r7g.large on MemoryDB', path: 'main.tf', code: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = "open-access"', 'node_type = "db.r7g.large"']) },
    { name: 'tf: a variable without default', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'node_type   = var.node_type'], 'variable "node_type" {\n  type = string\n}\n') },
    { name: 'tf: a variable declared nowhere', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'node_type   = var.node_type']) },
  ],
  invalid: [
    { name: 'yaml: cache.r7gd.xlarge (no r7gd family)', path: 't.yaml', code: c.r7gd, errors: [at(RULE, c.r7gd, 'cache.r7gd')], severities: ['error'] },
    { name: 'yaml: a typo of cache.m7g.large', path: 't.yaml', code: c.typo, errors: [at(RULE, c.typo, 'cache.m7g')] },
    { name: 'yaml: a size the r7g family lacks', path: 't.yaml', code: c.size, errors: [at(RULE, c.size, 'cache.r7g')] },
    { name: 'yaml: a MemoryDB type on an ElastiCache cluster', path: 't.yaml', code: c.dbOnElastiCache, errors: [at(RULE, c.dbOnElastiCache, 'db.r7g')] },
    { name: 'yaml: db.x2gd.large on MemoryDB', path: 't.yaml', code: c.x2gd, errors: [at(RULE, c.x2gd, 'db.x2gd')] },
    { name: 'yaml: db.t4g.micro (MemoryDB t4g is small and medium only)', path: 't.yaml', code: c.dbMicro, errors: [at(RULE, c.dbMicro, 'db.t4g')] },
    { name: 'yaml: an ElastiCache type on MemoryDB', path: 't.yaml', code: c.cacheOnMdb, errors: [at(RULE, c.cacheOnMdb, 'cache.r6g')] },
    { name: 'yaml: Memcached on data-tiering r6gd', path: 't.yaml', code: c.memcachedR6gd, errors: [at(RULE, c.memcachedR6gd, 'cache.r6gd')] },
    { name: 'yaml: a parameter whose default is a typo', path: 't.yaml', code: c.param, errors: [at(RULE, c.param, '!Ref NodeType')] },
    { name: 'yaml: !If with a branch that does not exist: warning at it', path: 't.yaml', code: c.ifYaml, errors: [at(RULE, c.ifYaml, 'cache.r7gd')], severities: ['warning'] },
    { name: 'json: cache.r7gd.xlarge', path: 't.json', code: c.json, errors: [at(RULE, c.json, '"cache.r7gd')] },
    { name: 'json: a swapped-letter typo', path: 't.json', code: c.jsonTypo, errors: [at(RULE, c.jsonTypo, '"cache.r6g')] },
    { name: 'json: a parameter defaulting to a MemoryDB type', path: 't.json', code: c.jsonParam, errors: [at(RULE, c.jsonParam, '"CacheNodeType": ', 17)] },
    { name: 'json: Fn::If with a branch that does not exist: warning', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, '"cache.r7gd')], severities: ['warning'] },
    { name: 'yaml: flow-style Properties with a comment', path: 't.yaml', code: c.flow, errors: [at(RULE, c.flow, 'cache.m7g')] },
    { name: 'tf: count: one resource, reported once', path: 'main.tf', code: c.tfCount, errors: [at(RULE, c.tfCount, '"cache.m7g')] },
    { name: 'tf: a typo', path: 'main.tf', code: c.tf, errors: [at(RULE, c.tf, '"cache.m7g')] },
    { name: 'tf: db.x2gd.large', path: 'main.tf', code: c.tfMdb, errors: [at(RULE, c.tfMdb, '"db.x2gd')] },
    { name: 'tf: a variable default with a typo', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.node_type')] },
    { name: 'tf: a conditional with a branch that does not exist: warning', path: 'main.tf', code: c.tfCond, errors: [at(RULE, c.tfCond, '"cache.r7gd')], severities: ['warning'] },
    { name: 'tf: a Global Datastore\'s cache_node_type', path: 'main.tf', code: c.tfGlobal, errors: [at(RULE, c.tfGlobal, '"cache.r7g')] },
  ],
});

test('messages say why, with the nearest types, in the file\'s own spelling', async () => {
  const m = async (file: string, code: string) => (await findings(file, code, RULE)).findings.map((f) => f.message);
  assert.deepEqual(await m('t.yaml', c.r7gd), ["Replication group 'Cache' names a node type that does not exist: ElastiCache has no node type cache.r7gd.xlarge (the nearest real ones are cache.r7g.xlarge and cache.r6gd.xlarge), so creating it fails."]);
  assert.deepEqual(await m('t.yaml', c.size), ["Replication group 'Cache' names a node type that does not exist: ElastiCache has no node type cache.r7g.24xlarge: the r7g family comes in large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, so creating it fails."]);
  assert.deepEqual(await m('t.yaml', c.dbOnElastiCache), ["Cache cluster 'Cache' names a node type that does not exist: db.r7g.large is a MemoryDB node type, not an ElastiCache one; the ElastiCache type of that size is cache.r7g.large, so creating it fails."]);
  assert.deepEqual(await m('t.yaml', c.dbMicro), ["MemoryDB cluster 'Cache' names a node type that does not exist: MemoryDB has no node type db.t4g.micro: the t4g family comes in small, medium, so creating it fails."]);
  assert.deepEqual(await m('t.yaml', c.memcachedR6gd), ["Cache cluster 'Cache' names a node type that does not exist: cache.r6gd.xlarge runs Valkey and Redis OSS only (data tiering), not Memcached, so creating it fails."]);
  assert.deepEqual(await m('main.tf', c.tfVar), ["Replication group 'cache' names a node type that does not exist (node_type comes from 'node_type', whose default is \"cache.t4g.mirco\"): ElastiCache has no node type cache.t4g.mirco (the nearest real one is cache.t4g.micro), so creating it fails."]);
  const [branch] = (await findings('t.yaml', c.ifYaml, RULE)).findings;
  assert.match(branch.message, /CacheNodeType is "cache\.r7gd\.large" when IsProd is true/);
  assert.deepEqual(branch.fixes, []);
});

test('fixes: only one nearest type gets a fix; ties and size gaps get none', async (t) => {
  for (const [file, code] of [['t.yaml', c.r7gd], ['t.yaml', c.size], ['t.yaml', c.x2gd], ['t.yaml', c.memcachedR6gd], ['main.tf', c.tfMdb]] as const) {
    const [f] = (await findings(file, code, RULE)).findings;
    assert.deepEqual(f.fixes, [], code);
  }
  await roundTrip('t.yaml', c.typo, RULE, 'Set CacheNodeType to "cache.m7g.large"', /      CacheNodeType: "?cache\.m7g\.large"?\n/);
  await roundTrip('t.yaml', c.dbOnElastiCache, RULE, 'Set CacheNodeType to "cache.r7g.large"', /CacheNodeType: "?cache\.r7g\.large"?\n/);
  await roundTrip('t.yaml', c.cacheOnMdb, RULE, 'Set NodeType to "db.r6g.xlarge"', /NodeType: "?db\.r6g\.xlarge"?\n/);
  await roundTrip('t.yaml', c.param, RULE, "Change the default of parameter 'NodeType' to \"cache.m7g.xlarge\"", /    Default: "?cache\.m7g\.xlarge"?\n/);
  await roundTrip('t.yaml', c.flow, RULE, 'Set CacheNodeType to "cache.m7g.large"', /CacheNodeType: "?cache\.m7g\.large"?\}  # sessions\n$/);
  await roundTrip('t.json', c.jsonTypo, RULE, 'Set CacheNodeType to "cache.r6g.xlarge"', /"CacheNodeType": "cache\.r6g\.xlarge"\n/);
  await roundTrip('t.json', c.jsonParam, RULE, 'Set CacheNodeType to "cache.r7g.large"', /"CacheNodeType": "cache\.r7g\.large"\n/);
  assertFmtClean(await roundTrip('main.tf', c.tf, RULE, 'Set node_type to "cache.m7g.large"', /  node_type   = "cache\.m7g\.large"\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'node_type' to \"cache.t4g.micro\"", /  default = "cache\.t4g\.micro"\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfGlobal, RULE, 'Set cache_node_type to "cache.r7g.large"', /cache_node_type += "cache\.r7g\.large"\n/), t);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description = "x"', 'node_type   = var.node_type']),
    'variables.tf': 'variable "node_type" {\n  default = "cache.r7g.large"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'node_type = "cache.r7gd.large"\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.node_type')]);
  assert.deepEqual(r.findings[0].related?.map((x) => x.path), ['mod/terraform.tfvars']);
  // A typo in variables.tf that terraform.tfvars overrides with a real type is no finding.
  const fixed = { ...files, 'variables.tf': files['variables.tf'].replace('cache.r7g.large', 'cache.r7g.larg'), 'terraform.tfvars': 'node_type = "cache.r7g.xlarge"\n' };
  assert.deepEqual(summarize(await inModule(fixed, 'main.tf', RULE)), []);
});
