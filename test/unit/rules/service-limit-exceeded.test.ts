/**
 * service-limit-exceeded in CloudFormation YAML, JSON and Terraform: serverless CacheUsageLimits (nested), replicas
 * per shard, NumCacheClusters, nodes per cluster, Memcached nodes; exactly-at-the-limit look-alikes; parameter and
 * variable values, conditions, a tfvars override; the clamp fixes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'service-limit-exceeded';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const SL = 'AWS::ElastiCache::ServerlessCache';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const TF_SL = 'aws_elasticache_serverless_cache';
const D = 'ReplicationGroupDescription: x';
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const limits = (gb: string, ecpu?: string) => ['ServerlessCacheName: s', 'Engine: valkey', 'CacheUsageLimits:', '  DataStorage:', `    Maximum: ${gb}`, '    Unit: GB',
  ...(ecpu ? ['  ECPUPerSecond:', `    Maximum: ${ecpu}`] : [])];
const tfLimits = (gb: string, ecpu?: string) => ['name   = "s"', 'engine = "valkey"', 'cache_usage_limits {', '  data_storage {', `    maximum = ${gb}`, '    unit    = "GB"', '  }',
  ...(ecpu ? ['  ecpu_per_second {', `    maximum = ${ecpu}`, '  }'] : []), '}'];
const memcached = (n: string) => yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.r7g.large', `NumCacheNodes: ${n}`]);

const c = {
  storage: yaml(SL, limits('6000')),
  ecpu: yaml(SL, limits('100', '20000000')),
  ecpuLow: yaml(SL, limits('100', '500')),
  replicas: yaml(RG, [D, 'NumNodeGroups: 2', 'ReplicasPerNodeGroup: 6']),
  clusters: yaml(RG, [D, 'NumCacheClusters: 7']),
  clustersString: yaml(RG, [D, 'NumCacheClusters: "8"']),
  nodes: yaml(RG, [D, 'NumNodeGroups: 100', 'ReplicasPerNodeGroup: 5']),
  shards: yaml(RG, [D, 'NumNodeGroups: 501']),
  groupReplicas: yaml(RG, [D, 'NodeGroupConfiguration:', '  - NodeGroupId: "0001"', '    ReplicaCount: 2', '  - NodeGroupId: "0002"', '    ReplicaCount: 6']),
  mdbReplicas: yaml(MDB, ['ClusterName: m', 'ACLName: open-access', 'NodeType: db.r7g.large', 'NumReplicasPerShard: 7']),
  memcached70: memcached('70'),
  memcached50: memcached('50'),
  param: yaml(RG, [D, 'ReplicasPerNodeGroup: !Ref Replicas'], 'Parameters:\n  Replicas:\n    Type: Number\n    Default: 8\n'),
  ifYaml: yaml(RG, [D, 'NumCacheClusters: !If [IsProd, 9, 2]'], COND),
  json: json(SL, { ServerlessCacheName: 's', Engine: 'redis', CacheUsageLimits: { DataStorage: { Maximum: 5001, Unit: 'GB' } } }),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', ReplicasPerNodeGroup: { 'Fn::If': ['IsProd', 6, 1] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  ifObject: yaml(SL, ['ServerlessCacheName: s', 'Engine: valkey', 'CacheUsageLimits: !If', '  - IsProd', '  - DataStorage: {Maximum: 7000, Unit: GB}', '  - DataStorage: {Maximum: 10, Unit: GB}'], COND),
  jsonClusters: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 10 }),
  tf: tf(TF_SL, tfLimits('8000', '16000000')),
  tfReplicas: tf(TF_RG, ['description             = "x"', 'num_node_groups         = 3', 'replicas_per_node_group = 6']),
  tfMdbNodes: tf('aws_memorydb_cluster', ['name       = "m"', 'acl_name   = "open-access"', 'node_type  = "db.r7g.large"', 'num_shards = 300']),
  tfVar: tf(TF_RG, ['description        = "x"', 'num_cache_clusters = var.n'], 'variable "n" {\n  default = 7\n}\n'),
  tfCond: tf(TF_SL, ['name   = "s"', 'engine = "valkey"', 'cache_usage_limits {', '  data_storage {', '    maximum = var.big ? 9000 : 10', '    unit    = "GB"', '  }', '}'], 'variable "big" {\n  type = bool\n}\n'),
  tfGroups: tf(TF_RG, ['description = "x"', 'node_group_configuration {', '  node_group_id = "0001"', '  replica_count = 1', '}', 'node_group_configuration {', '  node_group_id = "0002"', '  replica_count = 7', '}']),
  tfMemcached: tf('aws_elasticache_cluster', ['cluster_id      = "m"', 'engine          = "memcached"', 'node_type       = "cache.r7g.large"', 'num_cache_nodes = 61']),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: exactly 5,000 GB and 15,000,000 ECPU/s', path: 't.yaml', code: yaml(SL, limits('5000', '15000000')) },
    { name: 'yaml: exactly 5 replicas per shard', path: 't.yaml', code: yaml(RG, [D, 'NumNodeGroups: 2', 'ReplicasPerNodeGroup: 5']) },
    { name: 'yaml: exactly 6 cache clusters', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 6']) },
    { name: 'yaml: 250 shards × 2 nodes = 500', path: 't.yaml', code: yaml(RG, [D, 'NumNodeGroups: 250', 'ReplicasPerNodeGroup: 1']) },
    { name: 'yaml: 500 shards with replicas not known: not overstated', path: 't.yaml', code: yaml(RG, [D, 'NumNodeGroups: 500', 'ReplicasPerNodeGroup: !Ref R'], 'Parameters:\n  R:\n    Type: Number\n') },
    { name: 'yaml: 40 Memcached nodes', path: 't.yaml', code: memcached('40') },
    { name: 'yaml: a Redis OSS cluster is not judged by the Memcached quota', path: 't.yaml', code: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.r7g.large', 'NumCacheNodes: 1']) },
    { name: 'yaml: a parameter without default', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: !Ref N'], 'Parameters:\n  N:\n    Type: Number\n') },
    { name: 'yaml: !If with both branches within the limit', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: !If [IsProd, 6, 2]'], COND) },
    { name: 'yaml: MemoryDB with 5 replicas', path: 't.yaml', code: yaml(MDB, ['ClusterName: m', 'ACLName: open-access', 'NodeType: db.r7g.large', 'NumReplicasPerShard: 5']) },
    { name: 'json: 5,000 GB', path: 't.json', code: json(SL, { ServerlessCacheName: 's', Engine: 'redis', CacheUsageLimits: { DataStorage: { Maximum: 5000, Unit: 'GB' } } }) },
    { name: 'tf: 5,000 GB and 1,000 ECPU/s', path: 'main.tf', code: tf(TF_SL, tfLimits('5000', '1000')) },
    { name: 'tf: MemoryDB 250 shards with the provider\'s default of 1 replica = 500 nodes', path: 'main.tf', code: tf('aws_memorydb_cluster', ['name       = "m"', 'acl_name   = "open-access"', 'node_type  = "db.r7g.large"', 'num_shards = 250']) },
    { name: 'tf: a variable without default', path: 'main.tf', code: tf(TF_RG, ['description        = "x"', 'num_cache_clusters = var.n'], 'variable "n" {\n  type = number\n}\n') },
  ],
  invalid: [
    { name: 'yaml: 6,000 GB of serverless storage', path: 't.yaml', code: c.storage, errors: [at(RULE, c.storage, '6000')], severities: ['error'] },
    { name: 'yaml: 20,000,000 ECPU/s', path: 't.yaml', code: c.ecpu, errors: [at(RULE, c.ecpu, '20000000')] },
    { name: 'yaml: 500 ECPU/s is below the 1,000 minimum', path: 't.yaml', code: c.ecpuLow, errors: [at(RULE, c.ecpuLow, '500\n')] },
    { name: 'yaml: 6 replicas per shard', path: 't.yaml', code: c.replicas, errors: [at(RULE, c.replicas, '6\n')] },
    { name: 'yaml: 7 cache clusters', path: 't.yaml', code: c.clusters, errors: [at(RULE, c.clusters, '7\n')] },
    { name: 'yaml: "8" as a string', path: 't.yaml', code: c.clustersString, errors: [at(RULE, c.clustersString, '"8"')] },
    { name: 'yaml: 100 shards × 6 nodes = 600', path: 't.yaml', code: c.nodes, errors: [at(RULE, c.nodes, '100')] },
    { name: 'yaml: 501 shards', path: 't.yaml', code: c.shards, errors: [at(RULE, c.shards, '501')] },
    { name: 'yaml: one node group with 6 replicas', path: 't.yaml', code: c.groupReplicas, errors: [at(RULE, c.groupReplicas, '6\n')] },
    { name: 'yaml: MemoryDB with 7 replicas per shard', path: 't.yaml', code: c.mdbReplicas, errors: [at(RULE, c.mdbReplicas, '7\n')] },
    { name: 'yaml: 70 Memcached nodes: error', path: 't.yaml', code: c.memcached70, errors: [at(RULE, c.memcached70, '70')], severities: ['error'] },
    { name: 'yaml: 50 Memcached nodes: beyond the default quota, a warning', path: 't.yaml', code: c.memcached50, errors: [at(RULE, c.memcached50, '50')], severities: ['warning'] },
    { name: 'yaml: a parameter defaulting to 8 replicas', path: 't.yaml', code: c.param, errors: [at(RULE, c.param, '!Ref Replicas')] },
    { name: 'yaml: !If with a 9-node branch: warning', path: 't.yaml', code: c.ifYaml, errors: [at(RULE, c.ifYaml, '9,')], severities: ['warning'] },
    { name: 'json: 5,001 GB', path: 't.json', code: c.json, errors: [at(RULE, c.json, '5001')] },
    { name: 'json: Fn::If with a 6-replica branch: warning', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, '6,')], severities: ['warning'] },
    { name: 'yaml: CacheUsageLimits chosen by !If, one branch over 5,000 GB: warning', path: 't.yaml', code: c.ifObject, errors: [at(RULE, c.ifObject, '7000')], severities: ['warning'] },
    { name: 'json: 10 cache clusters', path: 't.json', code: c.jsonClusters, errors: [at(RULE, c.jsonClusters, ': 10', 2)] },
    { name: 'tf: 6 replicas per node group', path: 'main.tf', code: c.tfReplicas, errors: [at(RULE, c.tfReplicas, '6\n')] },
    { name: 'tf: MemoryDB 300 shards × (1 + the default 1 replica) = 600 nodes', path: 'main.tf', code: c.tfMdbNodes, errors: [at(RULE, c.tfMdbNodes, '300')] },
    { name: 'tf: a variable defaulting to 7', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.n')] },
    { name: 'tf: a conditional nested maximum: warning at the branch', path: 'main.tf', code: c.tfCond, errors: [at(RULE, c.tfCond, '9000')], severities: ['warning'] },
    { name: 'tf: the second node_group_configuration block with 7 replicas', path: 'main.tf', code: c.tfGroups, errors: [at(RULE, c.tfGroups, '7\n')] },
    { name: 'tf: 61 Memcached nodes', path: 'main.tf', code: c.tfMemcached, errors: [at(RULE, c.tfMemcached, '61')], severities: ['error'] },
  ],
});

test('tf: 8,000 GB and 16,000,000 ECPU/s are two findings, at each nested maximum', async () => {
  assert.deepEqual(summarize(await findings('main.tf', c.tf, RULE)), [at(RULE, c.tf, '8000'), at(RULE, c.tf, '16000000')]);
});

test('messages name the property as written, the value, the limit and the consequence', async () => {
  const m = async (file: string, code: string) => (await findings(file, code, RULE)).findings.map((f) => f.message);
  assert.deepEqual(await m('t.yaml', c.storage), ["Serverless cache 'Cache' exceeds a service limit: CacheUsageLimits.DataStorage.Maximum is 6000, above the most a serverless cache can have (5,000 GB), so creating or updating it fails."]);
  assert.deepEqual(await m('main.tf', c.tf), [
    "Serverless cache 'cache' exceeds a service limit: cache_usage_limits.data_storage.maximum is 8000, above the most a serverless cache can have (5,000 GB), so creating or updating it fails.",
    "Serverless cache 'cache' exceeds a service limit: cache_usage_limits.ecpu_per_second.maximum is 16000000, above the most a serverless cache can have (15,000,000 ECPU/s), so creating or updating it fails.",
  ]);
  assert.deepEqual(await m('t.yaml', c.nodes), ["Replication group 'Cache' exceeds a service limit: 100 shards × (1 primary + 5 replicas) = 600 nodes, above the 500 nodes a cluster can have (and above the default quota of 90 unless raised), so creating or updating it fails."]);
  assert.deepEqual(await m('t.yaml', c.groupReplicas), ["Replication group 'Cache' exceeds a service limit: NodeGroupConfiguration.ReplicaCount of node group 2 is 6, above the most replicas a shard can have (5), so creating or updating it fails."]);
  assert.deepEqual(await m('t.yaml', c.memcached50), ["Cache cluster 'Cache' may exceed its account's quota: NumCacheNodes is 50, above the default quota of 40 nodes per Memcached cluster, so creating it fails unless the quota was raised (60 at most)."]);
  const [branch] = (await findings('t.yaml', c.ifYaml, RULE)).findings;
  assert.match(branch.message, /NumCacheClusters is 9 when IsProd is true/);
  assert.deepEqual(branch.fixes, []);
});

test('fixes: clamp to the limit, top level and nested', async (t) => {
  await roundTrip('t.yaml', c.clusters, RULE, 'Set NumCacheClusters to 6', /      NumCacheClusters: 6\n/);
  await roundTrip('t.yaml', c.replicas, RULE, 'Set ReplicasPerNodeGroup to 5', /      ReplicasPerNodeGroup: 5\n/);
  await roundTrip('t.yaml', c.nodes, RULE, 'Set NumNodeGroups to 83 (at most 500 nodes with ReplicasPerNodeGroup 5)', /      NumNodeGroups: 83\n/);
  await roundTrip('t.yaml', c.mdbReplicas, RULE, 'Set NumReplicasPerShard to 5', /      NumReplicasPerShard: 5\n/);
  await roundTrip('t.yaml', c.memcached70, RULE, 'Set NumCacheNodes to 40 (the default quota)', /      NumCacheNodes: 40\n/);
  await roundTrip('t.yaml', c.param, RULE, "Change the default of parameter 'Replicas' to 5", /    Default: "?5"?\n/);
  await roundTrip('t.yaml', c.storage, RULE, 'Set CacheUsageLimits.DataStorage.Maximum to 5000', /          Maximum: 5000\n/);
  await roundTrip('t.yaml', c.ecpuLow, RULE, 'Set CacheUsageLimits.ECPUPerSecond.Maximum to 1000', /          Maximum: 1000\n/);
  await roundTrip('t.yaml', c.groupReplicas, RULE, 'Set NodeGroupConfiguration.ReplicaCount to 5', /    ReplicaCount: 5\n$/);
  await roundTrip('t.json', c.json, RULE, 'Set CacheUsageLimits.DataStorage.Maximum to 5000', /"Maximum": 5000,/);
  await roundTrip('t.json', c.jsonClusters, RULE, 'Set NumCacheClusters to 6', /"NumCacheClusters": 6\n/);
  const hcl = async (code: string, title: string, expect: RegExp) => assertFmtClean(await roundTrip('main.tf', code, RULE, title, expect), t);
  await hcl(c.tfReplicas, 'Set replicas_per_node_group to 5', /  replicas_per_node_group = 5\n/);
  await hcl(c.tfVar, "Change the default of variable 'n' to 6", /  default = 6\n/);
  await hcl(c.tfMemcached, 'Set num_cache_nodes to 40 (the default quota)', /  num_cache_nodes = 40\n/);
  await hcl(tf(TF_SL, tfLimits('8000')), 'Set cache_usage_limits.data_storage.maximum to 5000', /      maximum = 5000\n/);
  await hcl(tf(TF_SL, tfLimits('100', '99')), 'Set cache_usage_limits.ecpu_per_second.maximum to 1000', /    ecpu_per_second \{\n      maximum = 1000\n/);
  await hcl(c.tfGroups, 'Set node_group_configuration.replica_count to 5', /  node_group_configuration \{\n    node_group_id = "0002"\n    replica_count = 5\n/);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description             = "x"', 'num_node_groups         = 2', 'replicas_per_node_group = var.replicas']),
    'variables.tf': 'variable "replicas" {\n  default = 2\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'replicas = 9\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.replicas')]);
  assert.deepEqual(r.findings[0].related?.map((x) => x.path), ['mod/terraform.tfvars']);
});
