/**
 * automatic-failover-disabled in CloudFormation YAML, JSON and Terraform: failover off (written, a string, an input,
 * absent = false), a single node per shard, cluster mode without failover (error); one branch of a condition is
 * info. Look-alikes that must stay quiet: failover on with replicas, cache clusters, MemoryDB, Global Datastore
 * secondaries, values the files do not decide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'automatic-failover-disabled';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const PARAM = (type: string, def?: string) => `Parameters:\n  P:\n    Type: ${type}\n${def !== undefined ? `    Default: ${def}\n` : ''}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const TF_VAR = (type: string, def?: string) => `variable "p" {\n${def !== undefined ? `  type    = ${type}\n  default = ${def}\n` : `  type = ${type}\n`}}\n`;

const c = {
  absent: yaml(RG, [D, 'NumCacheClusters: 2']),
  off: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: false']),
  offString: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: "false"']),
  offParam: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: !Ref P'], PARAM('String', "'false'")),
  offIf: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: !If [IsProd, true, false]'], COND),
  bare: yaml(RG, [D, 'Engine: valkey']),
  single: yaml(RG, [D, 'NumCacheClusters: 1']),
  singleOn: yaml(RG, [D, 'NumCacheClusters: 1', 'AutomaticFailoverEnabled: true']),
  singleParam: yaml(RG, [D, 'NumCacheClusters: !Ref P', 'AutomaticFailoverEnabled: true'], PARAM('Number', '1')),
  cluster: yaml(RG, [D, 'NumNodeGroups: 3', 'ReplicasPerNodeGroup: 1']),
  clusterModeOff: yaml(RG, [D, 'ClusterMode: enabled', 'NumNodeGroups: 1', 'ReplicasPerNodeGroup: 2', 'AutomaticFailoverEnabled: false']),
  clusterNoReplica: yaml(RG, [D, 'NumNodeGroups: 2', 'ReplicasPerNodeGroup: 0', 'AutomaticFailoverEnabled: true']),
  jsonAbsent: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 3 }),
  jsonOff: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 2, AutomaticFailoverEnabled: 'false' }),
  jsonCluster: json(RG, { ReplicationGroupDescription: 'x', NumNodeGroups: 2, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: false }),
  jsonSingle: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 1, AutomaticFailoverEnabled: false }),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 2, AutomaticFailoverEnabled: { 'Fn::If': ['IsProd', true, false] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  flow: 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties: {ReplicationGroupDescription: x, NumCacheClusters: 1}  # one node\n',
  tfAbsent: tf(TF_RG, ['description        = "x"', 'num_cache_clusters = 2']),
  tfOff: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = false']),
  tfVar: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = var.p'], TF_VAR('bool', 'false')),
  tfBare: tf(TF_RG, ['description = "x"']),
  tfCluster: tf(TF_RG, ['description             = "x"', 'num_node_groups         = 2', 'replicas_per_node_group = 1']),
  tfCond: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = var.p ? true : false'], TF_VAR('bool')),
  tfClusterMode: tf(TF_RG, ['description  = "x"', 'cluster_mode = "enabled"']),
  tfSingleOn: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 1', 'automatic_failover_enabled = true']),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: failover on with a replica', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true']) },
    { name: 'yaml: failover "true" as a string', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 3', 'AutomaticFailoverEnabled: "true"']) },
    { name: 'yaml: cluster mode with failover on and a replica per shard', path: 't.yaml', code: yaml(RG, [D, 'ClusterMode: enabled', 'NumNodeGroups: 3', 'ReplicasPerNodeGroup: 1', 'AutomaticFailoverEnabled: true']) },
    { name: 'yaml: failover from a parameter without default: unknown, silent', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: !Ref P'], PARAM('String')) },
    { name: 'yaml: node count from a parameter without default, failover on', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: !Ref P', 'AutomaticFailoverEnabled: true'], PARAM('Number')) },
    { name: 'yaml: !If on failover with both branches true', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: !If [IsProd, true, "true"]'], COND) },
    { name: 'yaml: per-shard NodeGroupConfiguration, failover on: replicas not judged', path: 't.yaml', code: yaml(RG, [D, 'NumNodeGroups: 2', 'AutomaticFailoverEnabled: true', 'NodeGroupConfiguration:', '  - ReplicaCount: 1', '  - ReplicaCount: 1']) },
    { name: 'yaml: a single-node Redis OSS cache cluster is not a replication group', path: 't.yaml', code: yaml('AWS::ElastiCache::CacheCluster', ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']) },
    { name: 'yaml: a Memcached cluster', path: 't.yaml', code: yaml('AWS::ElastiCache::CacheCluster', ['Engine: memcached', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 1']) },
    { name: 'yaml: MemoryDB with no replica (the facts say nothing of its failover)', path: 't.yaml', code: yaml('AWS::MemoryDB::Cluster', ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access', 'NumReplicasPerShard: 0']) },
    { name: 'yaml: a Global Datastore secondary follows its primary', path: 't.yaml', code: yaml(RG, [D, 'GlobalReplicationGroupId: ldgnf-global']) },
    { name: 'json: failover true, 3 nodes', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 3, AutomaticFailoverEnabled: true }) },
    { name: 'tf: failover on with two nodes', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = true']) },
    { name: 'tf: cluster mode with failover on', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', 'num_node_groups            = 3', 'replicas_per_node_group    = 2', 'automatic_failover_enabled = true']) },
    { name: 'tf: failover from a variable without default', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = var.p'], TF_VAR('bool')) },
    { name: 'tf: a replica cluster joining a group', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id           = "r"', 'replication_group_id = aws_elasticache_replication_group.g.id']) },
    { name: 'tf: MemoryDB without replicas', path: 'main.tf', code: tf('aws_memorydb_cluster', ['name                   = "m"', 'acl_name               = "open-access"', 'num_replicas_per_shard = 0']) },
  ],
  invalid: [
    { name: 'yaml: absent (defaults to false) with two nodes: at the logical id', path: 't.yaml', code: c.absent, errors: [at(RULE, c.absent, 'Cache:')], severities: ['warning'] },
    { name: 'yaml: false', path: 't.yaml', code: c.off, errors: [at(RULE, c.off, 'false')] },
    { name: 'yaml: "false" as a string', path: 't.yaml', code: c.offString, errors: [at(RULE, c.offString, '"false"')] },
    { name: 'yaml: a parameter whose default is false', path: 't.yaml', code: c.offParam, errors: [at(RULE, c.offParam, '!Ref P')] },
    { name: 'yaml: !If with a false branch: info at it', path: 't.yaml', code: c.offIf, errors: [at(RULE, c.offIf, 'false]')], severities: ['info'] },
    { name: 'yaml: nothing written: one node and no failover', path: 't.yaml', code: c.bare, errors: [at(RULE, c.bare, 'Cache:')], severities: ['warning'] },
    { name: 'yaml: NumCacheClusters 1: at the count', path: 't.yaml', code: c.single, errors: [at(RULE, c.single, '1\n')] },
    { name: 'yaml: NumCacheClusters 1 with failover on: still nothing to fail over to', path: 't.yaml', code: c.singleOn, errors: [at(RULE, c.singleOn, '1\n')], severities: ['warning'] },
    { name: 'yaml: NumCacheClusters from a parameter defaulting to 1', path: 't.yaml', code: c.singleParam, errors: [at(RULE, c.singleParam, '!Ref P')] },
    { name: 'yaml: three shards without failover: error', path: 't.yaml', code: c.cluster, errors: [at(RULE, c.cluster, 'Cache:')], severities: ['error'] },
    { name: 'yaml: ClusterMode enabled with failover false: error at the value', path: 't.yaml', code: c.clusterModeOff, errors: [at(RULE, c.clusterModeOff, 'false')], severities: ['error'] },
    { name: 'yaml: cluster mode with no replica per shard', path: 't.yaml', code: c.clusterNoReplica, errors: [at(RULE, c.clusterNoReplica, '0\n')], severities: ['warning'] },
    { name: 'json: absent', path: 't.json', code: c.jsonAbsent, errors: [at(RULE, c.jsonAbsent, '"Cache"')] },
    { name: 'json: "false"', path: 't.json', code: c.jsonOff, errors: [at(RULE, c.jsonOff, '"false"')] },
    { name: 'json: two shards with failover false: error', path: 't.json', code: c.jsonCluster, errors: [at(RULE, c.jsonCluster, 'false')], severities: ['error'] },
    { name: 'json: one node, failover false: one finding at the count', path: 't.json', code: c.jsonSingle, errors: [at(RULE, c.jsonSingle, '1,')] },
    { name: 'json: Fn::If with a false branch: info', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, 'false\n')], severities: ['info'] },
    { name: 'yaml: flow-style Properties with one node', path: 't.yaml', code: c.flow, errors: [at(RULE, c.flow, '1}')] },
    { name: 'tf: absent', path: 'main.tf', code: c.tfAbsent, errors: [at(RULE, c.tfAbsent, '"aws_elasticache')] },
    { name: 'tf: false', path: 'main.tf', code: c.tfOff, errors: [at(RULE, c.tfOff, 'false')] },
    { name: 'tf: a variable whose default is false', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.p')] },
    { name: 'tf: nothing written (num_cache_clusters defaults to 1)', path: 'main.tf', code: c.tfBare, errors: [at(RULE, c.tfBare, '"aws_elasticache')] },
    { name: 'tf: two shards without failover: error', path: 'main.tf', code: c.tfCluster, errors: [at(RULE, c.tfCluster, '"aws_elasticache')], severities: ['error'] },
    { name: 'tf: a conditional on a variable without default: info at the false', path: 'main.tf', code: c.tfCond, errors: [at(RULE, c.tfCond, 'false\n')], severities: ['info'] },
    { name: 'tf: one node with failover on', path: 'main.tf', code: c.tfSingleOn, errors: [at(RULE, c.tfSingleOn, '1\n')] },
    { name: 'tf: cluster_mode enabled alone: the cluster-mode error, no claim about replicas', path: 'main.tf', code: c.tfClusterMode, errors: [at(RULE, c.tfClusterMode, '"aws_elasticache')], severities: ['error'] },
  ],
});

test('messages fit the shape: failover off, a single node, cluster mode', async () => {
  const [a] = (await findings('t.yaml', c.absent, RULE)).findings;
  assert.equal(a.message, "Replication group 'Cache' has automatic failover off: AutomaticFailoverEnabled is not set, and it defaults to false, so when the primary fails no replica is promoted, and writes fail until the node is recovered or replaced.");
  const [s] = (await findings('main.tf', c.tfBare, RULE)).findings;
  assert.equal(s.message, "Replication group 'cache' has a single node per shard (num_cache_clusters is not set, and it defaults to 1; automatic_failover_enabled is not set, and it defaults to false), so when the primary fails there is no replica to promote, and the cache is down until the node is recovered or replaced.");
  const [k] = (await findings('t.yaml', c.cluster, RULE)).findings;
  assert.equal(k.message, "Replication group 'Cache' runs in cluster mode, which requires automatic failover, but AutomaticFailoverEnabled is not set, and it defaults to false: AWS rejects the group as written.");
  const [b] = (await findings('t.yaml', c.offIf, RULE)).findings;
  assert.match(b.message, /may have automatic failover off: AutomaticFailoverEnabled is false when IsProd is false, so on that branch/);
  assert.deepEqual(b.fixes, []);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = var.failover']),
    'variables.tf': 'variable "failover" {\n  type    = bool\n  default = true\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'failover = false\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.failover')]);
  assert.match(r.findings[0].message, /automatic_failover_enabled comes from 'failover', set to false in terraform\.tfvars/);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line]), [['mod/terraform.tfvars', 0]]);
  // The node count from the module's variables: one node by the tfvars file.
  const nodes = {
    'main.tf': tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = var.nodes', 'automatic_failover_enabled = true']),
    'variables.tf': 'variable "nodes" {\n  type    = number\n  default = 2\n}\n',
  };
  assert.deepEqual(summarize(await inModule(nodes, 'main.tf', RULE)), []);
  const one = await inModule({ ...nodes, 'terraform.tfvars': 'nodes = 1\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(one), [at(RULE, nodes['main.tf'], 'var.nodes')]);
});

test('fixes: failover on, a replica added with it, the parameter default', async (t) => {
  await roundTrip('t.yaml', c.absent, RULE, 'Set AutomaticFailoverEnabled to true', /      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n/);
  await roundTrip('t.yaml', c.off, RULE, 'Set AutomaticFailoverEnabled to true', /      AutomaticFailoverEnabled: true\n/);
  await roundTrip('t.yaml', c.offParam, RULE, "Change the default of parameter 'P' to true", /    Default: '?true'?\n/);
  await roundTrip('t.yaml', c.bare, RULE, 'Set AutomaticFailoverEnabled to true and NumCacheClusters to 2', /      AutomaticFailoverEnabled: true\n      NumCacheClusters: 2\n/);
  await roundTrip('t.yaml', c.singleOn, RULE, 'Set NumCacheClusters to 2', /      NumCacheClusters: 2\n/);
  await roundTrip('t.yaml', c.cluster, RULE, 'Set AutomaticFailoverEnabled to true', /      AutomaticFailoverEnabled: true\n/);
  await roundTrip('t.yaml', c.clusterNoReplica, RULE, 'Set ReplicasPerNodeGroup to 1 (replaces the replication group)', /      ReplicasPerNodeGroup: 1\n/);
  const flow = await roundTrip('t.yaml', c.flow, RULE, 'Set AutomaticFailoverEnabled to true and NumCacheClusters to 2', /NumCacheClusters: 2, AutomaticFailoverEnabled: true\}  # one node\n$/);
  assert.doesNotMatch(flow, /NumCacheClusters: 1/);
  await roundTrip('t.json', c.jsonOff, RULE, 'Set AutomaticFailoverEnabled to true', /"AutomaticFailoverEnabled": true\n/);
  await roundTrip('t.json', c.jsonSingle, RULE, 'Set AutomaticFailoverEnabled to true and NumCacheClusters to 2', /"NumCacheClusters": 2,\n\s+"AutomaticFailoverEnabled": true\n/);
  assertFmtClean(await roundTrip('main.tf', c.tfAbsent, RULE, 'Set automatic_failover_enabled to true', /  num_cache_clusters         = 2\n  automatic_failover_enabled = true\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfOff, RULE, 'Set automatic_failover_enabled to true', /  automatic_failover_enabled = true\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'p' to true", /  default = true\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfBare, RULE, 'Set automatic_failover_enabled to true and num_cache_clusters to 2', /automatic_failover_enabled = true\n\s+num_cache_clusters\s+= 2\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfCluster, RULE, 'Set automatic_failover_enabled to true', /  automatic_failover_enabled = true\n/), t);
});

test('community modules: the module\'s own defaults, reported on the module block', async () => {
  const cp = (extra: string[]) => `module "cache" {\n  source  = "cloudposse/elasticache-redis/aws"\n  subnets = ["subnet-a", "subnet-b"]\n${extra.map((l) => `  ${l}\n`).join('')}}\n`;
  const bare = cp([]);
  const [f] = (await findings('main.tf', bare, RULE)).findings;
  assert.equal(`${RULE}@${f.range.start.line + 1}:${f.range.start.character + 1}`, at(RULE, bare, '"cache"'));
  assert.match(f.message, /cluster_size is not set, and the module defaults it to 1; automatic_failover_enabled is not set, and the module defaults it to false/);
  assert.deepEqual(summarize(await findings('main.tf', cp(['cluster_size               = 2', 'automatic_failover_enabled = true']), RULE)), []);
});
