/**
 * multi-az-disabled in CloudFormation YAML, JSON and Terraform: a replication group with replicas and Multi-AZ off
 * (Terraform's default false; CloudFormation's is not in our sources), a Memcached cluster of several nodes in one
 * zone (Terraform's az_mode default single-az). A group without replicas is automatic-failover-disabled's; a single
 * Memcached node has nowhere to spread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'multi-az-disabled';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const TF_RG = 'aws_elasticache_replication_group';
const TF_CC = 'aws_elasticache_cluster';
const D = 'ReplicationGroupDescription: x';
const MC = ['Engine: memcached', 'CacheNodeType: cache.m7g.large'];
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const PARAM = (type: string, def?: string) => `Parameters:\n  P:\n    Type: ${type}\n${def !== undefined ? `    Default: ${def}\n` : ''}`;
const TF_VAR = (type: string, def?: string) => `variable "p" {\n${def !== undefined ? `  type    = ${type}\n  default = ${def}\n` : `  type = ${type}\n`}}\n`;

const c = {
  off: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: false']),
  offString: yaml(RG, [D, 'NumCacheClusters: 3', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: "false"']),
  offBoth: yaml(RG, [D, 'NumCacheClusters: 2', 'MultiAZEnabled: false']),
  offParam: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: !Ref P'], PARAM('String', "'false'")),
  offIf: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: !If [IsProd, true, false]'], COND),
  sharded: yaml(RG, [D, 'NumNodeGroups: 3', 'ReplicasPerNodeGroup: 1', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: false']),
  mcSingleAz: yaml(CC, [...MC, 'NumCacheNodes: 3', 'AZMode: single-az']),
  mcParam: yaml(CC, [...MC, 'NumCacheNodes: !Ref P', 'AZMode: single-az'], PARAM('Number', '2')),
  jsonOff: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 2, AutomaticFailoverEnabled: true, MultiAZEnabled: false }),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 2, AutomaticFailoverEnabled: true, MultiAZEnabled: { 'Fn::If': ['IsProd', true, 'false'] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  jsonMc: json(CC, { Engine: 'memcached', CacheNodeType: 'cache.m7g.large', NumCacheNodes: '2', AZMode: 'single-az' }),
  tfAbsent: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = true']),
  tfAbsentBoth: tf(TF_RG, ['description        = "x"', 'num_cache_clusters = 2']),
  tfOff: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = true', 'multi_az_enabled           = false']),
  tfVar: tf(TF_RG, ['description                = "x"', 'num_node_groups            = 2', 'replicas_per_node_group    = 1', 'automatic_failover_enabled = true', 'multi_az_enabled           = var.p'], TF_VAR('bool', 'false')),
  tfCond: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = true', 'multi_az_enabled           = var.p ? true : false'], TF_VAR('bool')),
  tfMc: tf(TF_CC, ['cluster_id      = "c"', 'engine          = "memcached"', 'num_cache_nodes = 2']),
  tfMcSingle: tf(TF_CC, ['cluster_id      = "c"', 'engine          = "memcached"', 'num_cache_nodes = 4', 'az_mode         = "single-az"']),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: Multi-AZ on with a replica', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: true']) },
    { name: 'yaml: Multi-AZ "true" as a string', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: "true"']) },
    { name: 'yaml: absent (CloudFormation\'s default is not in our sources)', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true']) },
    { name: 'yaml: a single node with Multi-AZ false: no replica, automatic-failover-disabled\'s business', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 1', 'MultiAZEnabled: false']) },
    { name: 'yaml: shards without replicas', path: 't.yaml', code: yaml(RG, [D, 'NumNodeGroups: 2', 'ReplicasPerNodeGroup: 0', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: false']) },
    { name: 'yaml: replicas from a parameter without default: unknown', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: !Ref P', 'MultiAZEnabled: false'], PARAM('Number')) },
    { name: 'yaml: Multi-AZ from a parameter without default', path: 't.yaml', code: yaml(RG, [D, 'NumCacheClusters: 2', 'AutomaticFailoverEnabled: true', 'MultiAZEnabled: !Ref P'], PARAM('String')) },
    { name: 'yaml: Memcached across zones', path: 't.yaml', code: yaml(CC, [...MC, 'NumCacheNodes: 3', 'AZMode: cross-az']) },
    { name: 'yaml: a single Memcached node in single-az', path: 't.yaml', code: yaml(CC, [...MC, 'NumCacheNodes: 1', 'AZMode: single-az']) },
    { name: 'yaml: Memcached nodes placed in two zones by PreferredAvailabilityZones', path: 't.yaml', code: yaml(CC, [...MC, 'NumCacheNodes: 2', 'AZMode: single-az', 'PreferredAvailabilityZones: [us-east-1a, us-east-1b]']) },
    { name: 'yaml: a Redis OSS cache cluster has no AZMode to judge', path: 't.yaml', code: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1', 'AZMode: single-az']) },
    { name: 'yaml: a Global Datastore secondary follows its primary', path: 't.yaml', code: yaml(RG, [D, 'GlobalReplicationGroupId: ldgnf-global', 'NumCacheClusters: 2', 'MultiAZEnabled: false']) },
    { name: 'json: Multi-AZ on', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', NumCacheClusters: 2, AutomaticFailoverEnabled: true, MultiAZEnabled: true }) },
    { name: 'json: Memcached with AZMode absent (CloudFormation default not in our sources)', path: 't.json', code: json(CC, { Engine: 'memcached', CacheNodeType: 'cache.m7g.large', NumCacheNodes: 2 }) },
    { name: 'tf: Multi-AZ on', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = true', 'multi_az_enabled           = true']) },
    { name: 'tf: a single node (num_cache_clusters defaults to 1)', path: 'main.tf', code: tf(TF_RG, ['description = "x"']) },
    { name: 'tf: Multi-AZ from a variable without default', path: 'main.tf', code: tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = true', 'multi_az_enabled           = var.p'], TF_VAR('bool')) },
    { name: 'tf: one Memcached node', path: 'main.tf', code: tf(TF_CC, ['cluster_id      = "c"', 'engine          = "memcached"', 'num_cache_nodes = 1']) },
    { name: 'tf: Memcached cross-az', path: 'main.tf', code: tf(TF_CC, ['cluster_id      = "c"', 'engine          = "memcached"', 'num_cache_nodes = 3', 'az_mode         = "cross-az"']) },
    { name: 'tf: a Valkey cache cluster', path: 'main.tf', code: tf(TF_CC, ['cluster_id      = "c"', 'engine          = "valkey"', 'num_cache_nodes = 1']) },
  ],
  invalid: [
    { name: 'yaml: false with a replica', path: 't.yaml', code: c.off, errors: [at(RULE, c.off, 'false')], severities: ['warning'] },
    { name: 'yaml: "false" as a string', path: 't.yaml', code: c.offString, errors: [at(RULE, c.offString, '"false"')] },
    { name: 'yaml: Multi-AZ and failover both off', path: 't.yaml', code: c.offBoth, errors: [at(RULE, c.offBoth, 'false')] },
    { name: 'yaml: a parameter whose default is false', path: 't.yaml', code: c.offParam, errors: [at(RULE, c.offParam, '!Ref P')] },
    { name: 'yaml: !If with a false branch: info', path: 't.yaml', code: c.offIf, errors: [at(RULE, c.offIf, 'false]')], severities: ['info'] },
    { name: 'yaml: three shards with a replica each', path: 't.yaml', code: c.sharded, errors: [at(RULE, c.sharded, 'false')] },
    { name: 'yaml: Memcached single-az with three nodes', path: 't.yaml', code: c.mcSingleAz, errors: [at(RULE, c.mcSingleAz, 'single-az')] },
    { name: 'yaml: Memcached node count from a parameter defaulting to 2', path: 't.yaml', code: c.mcParam, errors: [at(RULE, c.mcParam, 'single-az')] },
    { name: 'json: false', path: 't.json', code: c.jsonOff, errors: [at(RULE, c.jsonOff, 'false')] },
    { name: 'json: Fn::If with a "false" branch: info', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, '"false"')], severities: ['info'] },
    { name: 'json: Memcached single-az, NumCacheNodes "2" as a string', path: 't.json', code: c.jsonMc, errors: [at(RULE, c.jsonMc, '"single-az"')] },
    { name: 'tf: absent (defaults to false) with a replica', path: 'main.tf', code: c.tfAbsent, errors: [at(RULE, c.tfAbsent, '"aws_elasticache')] },
    { name: 'tf: absent with failover absent too', path: 'main.tf', code: c.tfAbsentBoth, errors: [at(RULE, c.tfAbsentBoth, '"aws_elasticache')] },
    { name: 'tf: false', path: 'main.tf', code: c.tfOff, errors: [at(RULE, c.tfOff, 'false')] },
    { name: 'tf: a variable whose default is false, sharded', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.p')] },
    { name: 'tf: a conditional on a variable without default: info', path: 'main.tf', code: c.tfCond, errors: [at(RULE, c.tfCond, 'false\n')], severities: ['info'] },
    { name: 'tf: Memcached with az_mode absent (defaults to single-az)', path: 'main.tf', code: c.tfMc, errors: [at(RULE, c.tfMc, '"aws_elasticache')] },
    { name: 'tf: Memcached single-az', path: 'main.tf', code: c.tfMcSingle, errors: [at(RULE, c.tfMcSingle, '"single-az"')] },
  ],
});

test('messages name the property, the default and what a zone outage does', async () => {
  const [a] = (await findings('main.tf', c.tfAbsent, RULE)).findings;
  assert.equal(a.message, "Replication group 'cache' has replicas but Multi-AZ off: multi_az_enabled is not set, and it defaults to false, so ElastiCache does not keep its replicas in other Availability Zones to fail over to, and an outage of one zone can take the whole group down.");
  const [m] = (await findings('main.tf', c.tfMc, RULE)).findings;
  assert.equal(m.message, "Cache cluster 'cache' keeps its 2 nodes in one Availability Zone: az_mode is not set, and it defaults to \"single-az\" for Memcached, so an outage of that zone takes every node, and the whole cache, down.");
  const [b] = (await findings('t.yaml', c.offIf, RULE)).findings;
  assert.match(b.message, /may run without Multi-AZ: MultiAZEnabled is false when IsProd is false, so on that branch/);
  assert.deepEqual(b.fixes, []);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description                = "x"', 'num_cache_clusters         = 2', 'automatic_failover_enabled = true', 'multi_az_enabled           = var.multi_az']),
    'variables.tf': 'variable "multi_az" {\n  type    = bool\n  default = true\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'multi_az = false\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.multi_az')]);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line]), [['mod/terraform.tfvars', 0]]);
  // Memcached nodes counted from the module's variables.
  const mc = {
    'main.tf': tf(TF_CC, ['cluster_id      = "c"', 'engine          = "memcached"', 'num_cache_nodes = var.nodes']),
    'variables.tf': 'variable "nodes" {\n  type    = number\n  default = 1\n}\n',
  };
  assert.deepEqual(summarize(await inModule(mc, 'main.tf', RULE)), []);
  assert.deepEqual(summarize(await inModule({ ...mc, 'terraform.tfvars': 'nodes = 3\n' }, 'main.tf', RULE)), [at(RULE, mc['main.tf'], '"aws_elasticache')]);
});

test('fixes: Multi-AZ on (with failover when it is off), cross-az, the parameter default', async (t) => {
  await roundTrip('t.yaml', c.off, RULE, 'Set MultiAZEnabled to true', /      MultiAZEnabled: true\n/);
  const both = await roundTrip('t.yaml', c.offBoth, RULE, 'Set MultiAZEnabled and AutomaticFailoverEnabled to true', /      MultiAZEnabled: true\n/);
  assert.match(both, /AutomaticFailoverEnabled: true/);
  await roundTrip('t.yaml', c.offParam, RULE, "Change the default of parameter 'P' to true", /    Default: '?true'?\n/);
  const cross = 'Set AZMode to "cross-az" (a running cluster places only nodes added later in other zones)';
  await roundTrip('t.yaml', c.mcSingleAz, RULE, cross, /      AZMode: cross-az\n/);
  await roundTrip('t.json', c.jsonOff, RULE, 'Set MultiAZEnabled to true', /"MultiAZEnabled": true\n/);
  await roundTrip('t.json', c.jsonMc, RULE, cross, /"AZMode": "cross-az"\n/);
  assertFmtClean(await roundTrip('main.tf', c.tfAbsent, RULE, 'Set multi_az_enabled to true', /  automatic_failover_enabled = true\n  multi_az_enabled           = true\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfAbsentBoth, RULE, 'Set multi_az_enabled and automatic_failover_enabled to true', /automatic_failover_enabled = true\n\s+multi_az_enabled\s+= true\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'p' to true", /  default = true\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfMc, RULE, 'Set az_mode to "cross-az" (a running cluster places only nodes added later in other zones)', /  num_cache_nodes = 2\n  az_mode         = "cross-az"\n/), t);
  assertFmtClean(await roundTrip('main.tf', c.tfMcSingle, RULE, 'Set az_mode to "cross-az" (a running cluster places only nodes added later in other zones)', /  az_mode         = "cross-az"\n/), t);
});
