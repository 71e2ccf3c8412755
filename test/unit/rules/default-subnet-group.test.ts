/**
 * default-subnet-group in CloudFormation YAML, JSON and Terraform: a replication group, cache cluster or MemoryDB
 * cluster with no subnet group, or the one named `default` (written, from an input's default or a tfvars value);
 * one branch of a condition is info. A reference to a subnet group, any other name, an input without a value, a
 * cluster joining a group and serverless caches stay quiet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'default-subnet-group';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const PARAM = (def?: string) => `Parameters:\n  Group:\n    Type: String\n${def !== undefined ? `    Default: ${def}\n` : ''}`;
const TF_VAR = (def?: string) => `variable "group" {\n  type = string\n${def !== undefined ? `  default = ${def}\n` : ''}}\n`;
const SUBNETS = '  Subnets:\n    Type: AWS::ElastiCache::SubnetGroup\n    Properties:\n      Description: private\n      SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]\n';
const TF_SUBNETS = 'resource "aws_elasticache_subnet_group" "private" {\n  name       = "private"\n  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]\n}\n';

const c = {
  absent: yaml(RG, [D, 'Engine: valkey']),
  named: yaml(RG, [D, 'CacheSubnetGroupName: default']),
  namedCase: yaml(RG, [D, 'CacheSubnetGroupName: "Default"']),
  param: yaml(RG, [D, 'CacheSubnetGroupName: !Ref Group'], PARAM('default')),
  ifNoValue: yaml(RG, [D, 'CacheSubnetGroupName: !If [IsProd, private, !Ref AWS::NoValue]'], COND),
  ifDefault: yaml(RG, [D, 'CacheSubnetGroupName: !If [IsProd, private, default]'], COND),
  cluster: yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 2']),
  memorydb: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access']),
  jsonAbsent: json(RG, { ReplicationGroupDescription: 'x' }),
  jsonNamed: json(CC, { Engine: 'redis', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1, CacheSubnetGroupName: 'default' }),
  jsonMemorydb: json(MDB, { ClusterName: 'm', NodeType: 'db.r7g.large', ACLName: 'open-access', SubnetGroupName: 'default' }),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', CacheSubnetGroupName: { 'Fn::If': ['IsProd', 'private', { Ref: 'AWS::NoValue' }] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  tfAbsent: tf(TF_RG, ['description = "x"']),
  tfNamed: tf(TF_RG, ['description       = "x"', 'subnet_group_name = "default"']),
  tfVar: tf(TF_RG, ['description       = "x"', 'subnet_group_name = var.group'], TF_VAR('"default"')),
  tfCond: tf(TF_RG, ['description       = "x"', 'subnet_group_name = var.prod ? "private" : "default"'], 'variable "prod" {\n  type = bool\n}\n'),
  tfCluster: tf('aws_elasticache_cluster', ['cluster_id = "c"', 'engine     = "memcached"']),
  tfMemorydb: tf('aws_memorydb_cluster', ['name     = "m"', 'acl_name = "open-access"']),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: !Ref to a subnet group of the template', path: 't.yaml', code: yaml(RG, [D, 'CacheSubnetGroupName: !Ref Subnets']).replace('Resources:\n', `Resources:\n${SUBNETS}`) },
    { name: 'yaml: a subnet group by another name', path: 't.yaml', code: yaml(RG, [D, 'CacheSubnetGroupName: shared-private']) },
    { name: 'yaml: a look-alike name containing default', path: 't.yaml', code: yaml(RG, [D, 'CacheSubnetGroupName: default-private']) },
    { name: 'yaml: from a parameter without default: unknown', path: 't.yaml', code: yaml(RG, [D, 'CacheSubnetGroupName: !Ref Group'], PARAM()) },
    { name: 'yaml: from a parameter whose default is another group', path: 't.yaml', code: yaml(RG, [D, 'CacheSubnetGroupName: !Ref Group'], PARAM('private')) },
    { name: 'yaml: an imported value', path: 't.yaml', code: yaml(RG, [D, 'CacheSubnetGroupName: !ImportValue network-cache-subnets']) },
    { name: 'yaml: !If between two named groups', path: 't.yaml', code: yaml(RG, [D, 'CacheSubnetGroupName: !If [IsProd, prod-private, dev-private]'], COND) },
    { name: 'yaml: a Memcached cluster with its subnet group', path: 't.yaml', code: yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 2', 'CacheSubnetGroupName: private']) },
    { name: 'yaml: MemoryDB with its subnet group', path: 't.yaml', code: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access', 'SubnetGroupName: private']) },
    { name: 'yaml: a serverless cache without SubnetIds (the facts do not say where it lands)', path: 't.yaml', code: yaml('AWS::ElastiCache::ServerlessCache', ['ServerlessCacheName: s', 'Engine: valkey']) },
    { name: 'json: a {"Ref"} to a parameter without default', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', CacheSubnetGroupName: { Ref: 'Group' } }, { Parameters: { Group: { Type: 'String' } } }) },
    { name: 'tf: a reference to a subnet group', path: 'main.tf', code: tf(TF_RG, ['description       = "x"', 'subnet_group_name = aws_elasticache_subnet_group.private.name'], TF_SUBNETS) },
    { name: 'tf: from a variable without default', path: 'main.tf', code: tf(TF_RG, ['description       = "x"', 'subnet_group_name = var.group'], TF_VAR()) },
    { name: 'tf: a replica cluster joining a group lives in the group\'s subnets', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id           = "r"', 'replication_group_id = aws_elasticache_replication_group.g.id']) },
    { name: 'tf: MemoryDB with a subnet group', path: 'main.tf', code: tf('aws_memorydb_cluster', ['name              = "m"', 'acl_name          = "open-access"', 'subnet_group_name = aws_memorydb_subnet_group.private.id']) },
    { name: 'tf: a serverless cache without subnet_ids', path: 'main.tf', code: tf('aws_elasticache_serverless_cache', ['name   = "s"', 'engine = "valkey"']) },
  ],
  invalid: [
    { name: 'yaml: absent: at the logical id', path: 't.yaml', code: c.absent, errors: [at(RULE, c.absent, 'Cache:')], severities: ['warning'] },
    { name: 'yaml: named default', path: 't.yaml', code: c.named, errors: [at(RULE, c.named, 'default')] },
    { name: 'yaml: named "Default" (names are stored lower-case)', path: 't.yaml', code: c.namedCase, errors: [at(RULE, c.namedCase, '"Default"')] },
    { name: 'yaml: a parameter whose default is default', path: 't.yaml', code: c.param, errors: [at(RULE, c.param, '!Ref Group')] },
    { name: 'yaml: !If with an AWS::NoValue branch: info at the !If', path: 't.yaml', code: c.ifNoValue, errors: [at(RULE, c.ifNoValue, '!If')], severities: ['info'] },
    { name: 'yaml: !If with a default branch: info at it', path: 't.yaml', code: c.ifDefault, errors: [at(RULE, c.ifDefault, 'default]')], severities: ['info'] },
    { name: 'yaml: a Memcached cluster without a subnet group', path: 't.yaml', code: c.cluster, errors: [at(RULE, c.cluster, 'Cache:')] },
    { name: 'yaml: a MemoryDB cluster without a subnet group', path: 't.yaml', code: c.memorydb, errors: [at(RULE, c.memorydb, 'Cache:')] },
    { name: 'json: absent', path: 't.json', code: c.jsonAbsent, errors: [at(RULE, c.jsonAbsent, '"Cache"')] },
    { name: 'json: a cache cluster named default', path: 't.json', code: c.jsonNamed, errors: [at(RULE, c.jsonNamed, '"default"')] },
    { name: 'json: MemoryDB named default', path: 't.json', code: c.jsonMemorydb, errors: [at(RULE, c.jsonMemorydb, '"default"')] },
    { name: 'json: Fn::If with an AWS::NoValue branch: info at the Fn::If', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, '"CacheSubnetGroupName": ', 24)], severities: ['info'] },
    { name: 'tf: absent', path: 'main.tf', code: c.tfAbsent, errors: [at(RULE, c.tfAbsent, '"aws_elasticache')] },
    { name: 'tf: "default"', path: 'main.tf', code: c.tfNamed, errors: [at(RULE, c.tfNamed, '"default"')] },
    { name: 'tf: a variable whose default is "default"', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.group')] },
    { name: 'tf: a conditional with a "default" branch: info', path: 'main.tf', code: c.tfCond, errors: [at(RULE, c.tfCond, '"default"')], severities: ['info'] },
    { name: 'tf: a cache cluster without a subnet group', path: 'main.tf', code: c.tfCluster, errors: [at(RULE, c.tfCluster, '"aws_elasticache')] },
    { name: 'tf: a MemoryDB cluster without a subnet group', path: 'main.tf', code: c.tfMemorydb, errors: [at(RULE, c.tfMemorydb, '"aws_memorydb')] },
  ],
});

test('messages name the property as written and where the nodes land', async () => {
  const [y] = (await findings('t.yaml', c.absent, RULE)).findings;
  assert.equal(y.message, "Replication group 'Cache' has no CacheSubnetGroupName, so ElastiCache uses the default subnet group and its nodes land in the default VPC's subnets instead of private subnets chosen for it.");
  const [m] = (await findings('main.tf', c.tfMemorydb, RULE)).findings;
  assert.match(m.message, /^MemoryDB cluster 'cache' has no subnet_group_name, so/);
  const [v] = (await findings('main.tf', c.tfVar, RULE)).findings;
  assert.equal(v.message, "Replication group 'cache' uses the subnet group named default: subnet_group_name comes from 'group', whose default is \"default\", so its nodes land in the default VPC's subnets instead of private subnets chosen for it.");
  const [b] = (await findings('t.yaml', c.ifNoValue, RULE)).findings;
  assert.match(b.message, /may use the default subnet group: CacheSubnetGroupName is not set when IsProd is false, so on that branch/);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description       = "x"', 'subnet_group_name = var.subnet_group']),
    'variables.tf': 'variable "subnet_group" {\n  type    = string\n  default = "private"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'subnet_group = "default"\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.subnet_group')]);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line]), [['mod/terraform.tfvars', 0]]);
  // A subnet group declared in another file of the module is a reference like any other.
  const spread = { 'main.tf': tf(TF_RG, ['description       = "x"', 'subnet_group_name = aws_elasticache_subnet_group.private.name']), 'network.tf': TF_SUBNETS };
  assert.deepEqual(summarize(await inModule(spread, 'main.tf', RULE)), []);
});

test('fix: a subnet-ids input, a subnet group using it, and the cache pointed at it, in one edit', async () => {
  const title = (noun: string, prop = 'CacheSubnetGroupName') => `Create a subnet group 'CacheSubnetGroup' from a new input 'CacheSubnetIds' and set ${prop} to it (replaces the ${noun})`;
  const y = await roundTrip('t.yaml', c.absent, RULE, title('replication group'), /      CacheSubnetGroupName: !Ref CacheSubnetGroup\n  CacheSubnetGroup:\n    Type: AWS::ElastiCache::SubnetGroup\n/);
  assert.match(y, /^Parameters:\n  CacheSubnetIds:\n    Type: "List<AWS::EC2::Subnet::Id>"\n/m);
  assert.match(y, /      CacheSubnetGroupName: !Sub '\$\{AWS::StackName\}-cache-subnets'\n      Description: "Private subnets for Cache"\n      SubnetIds: !Ref CacheSubnetIds\n$/);
  const m = await roundTrip('t.yaml', c.memorydb, RULE, title('MemoryDB cluster', 'SubnetGroupName'), /    Type: AWS::MemoryDB::SubnetGroup\n    Properties:\n      SubnetGroupName: !Sub/);
  assert.match(m, /      SubnetGroupName: !Ref CacheSubnetGroup\n/);
  const named = await roundTrip('t.yaml', c.named, RULE, title('replication group'), /      CacheSubnetGroupName: !Ref CacheSubnetGroup\n/);
  assert.doesNotMatch(named, /: default\n/);
  const j = await roundTrip('t.json', c.jsonAbsent, RULE, title('replication group'), /"CacheSubnetGroupName": \{"Ref": "CacheSubnetGroup"\}/);
  assert.match(j, /"CacheSubnetIds": \{\n\s+"Type": "List<AWS::EC2::Subnet::Id>"/);
  assert.match(j, /"SubnetIds": \{"Ref": "CacheSubnetIds"\}/);
  // A resource without Properties that ends the file: its own property first, then the new resource.
  const eof = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Ze:\n    Type: AWS::ElastiCache::CacheCluster';
  await roundTrip('t.yaml', eof, RULE, "Create a subnet group 'ZeSubnetGroup' from a new input 'ZeSubnetIds' and set CacheSubnetGroupName to it (replaces the cache cluster)",
    /    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      CacheSubnetGroupName: !Ref ZeSubnetGroup\n  ZeSubnetGroup:\n/);
  const jc = await roundTrip('t.json', c.jsonNamed, RULE, title('cache cluster'), /"CacheSubnetGroupName": \{"Ref": "CacheSubnetGroup"\}/);
  assert.doesNotMatch(jc, /"default"/);
});

test('no fix where it cannot be whole: a name already taken, a value from an input, a branch', async () => {
  const clash = yaml(RG, [D], 'Parameters:\n  CacheSubnetIds:\n    Type: String\n');
  assert.deepEqual((await findings('t.yaml', clash, RULE)).findings.map((f) => f.fixes.length), [0]);
  assert.deepEqual((await findings('t.yaml', c.param, RULE)).findings.map((f) => f.fixes.length), [0]);
  assert.deepEqual((await findings('t.yaml', c.ifDefault, RULE)).findings.map((f) => f.fixes.length), [0]);
});

test('fix in Terraform: a list(string) variable, a subnet group of the same name, the reference; fmt-clean', async (t) => {
  const hcl = await roundTrip('main.tf', c.tfAbsent, RULE, "Create a subnet group 'cache' from a new input 'cache_subnet_ids' and set subnet_group_name to it",
    /  description       = "x"\n  subnet_group_name = aws_elasticache_subnet_group\.cache\.name\n\}\n/);
  assert.match(hcl, /^variable "cache_subnet_ids" \{\n  type        = list\(string\)\n/m);
  assert.match(hcl, /resource "aws_elasticache_subnet_group" "cache" \{\n  name        = "cache-subnets"\n  description = "Private subnets for cache"\n  subnet_ids  = var\.cache_subnet_ids\n\}/);
  assertFmtClean(hcl, t);
  const mdb = tf('aws_memorydb_cluster', ['name              = "m"', 'acl_name          = "open-access"', 'subnet_group_name = "default"']);
  const fixed = await roundTrip('main.tf', mdb, RULE, "Create a subnet group 'cache' from a new input 'cache_subnet_ids' and set subnet_group_name to it (replaces the MemoryDB cluster)",
    /  subnet_group_name = aws_memorydb_subnet_group\.cache\.name\n/);
  assert.match(fixed, /resource "aws_memorydb_subnet_group" "cache" \{/);
  assertFmtClean(fixed, t);
  const tfJson = JSON.stringify({ resource: { aws_elasticache_cluster: { frag: { cluster_id: 'c', engine: 'memcached' } } } }, null, 2) + '\n';
  const j = await roundTrip('main.tf.json', tfJson, RULE, "Create a subnet group 'frag' from a new input 'frag_subnet_ids' and set subnet_group_name to it (replaces the cache cluster)",
    /"subnet_group_name": "\$\{aws_elasticache_subnet_group\.frag\.name\}"/);
  assert.match(j, /"frag_subnet_ids": \{\n\s+"type": "list\(string\)"/);
  // A subnet group already declared under the cache's name: no fix rather than a clash.
  const taken = tf(TF_RG, ['description = "x"'], 'resource "aws_elasticache_subnet_group" "cache" {\n  name       = "old"\n  subnet_ids = []\n}\n');
  assert.deepEqual((await findings('main.tf', taken, RULE)).findings.map((f) => f.fixes.length), [0]);
});

test('community modules: judged by the subnet group the module wires in', async () => {
  const tam = (extra: string[]) => `module "cache" {\n  source               = "terraform-aws-modules/elasticache/aws"\n  replication_group_id = "orders"\n${extra.map((l) => `  ${l}\n`).join('')}}\n`;
  // The module builds its own group unless create_subnet_group = false.
  assert.deepEqual(summarize(await findings('main.tf', tam([]), RULE)), []);
  const off = tam(['create_subnet_group  = false']);
  const r = await findings('main.tf', off, RULE);
  assert.deepEqual(summarize(r), [at(RULE, off, '"cache"')]);
  assert.deepEqual(r.findings[0].fixes, [], 'a module call is fixed through its own inputs');
  assert.deepEqual(summarize(await findings('main.tf', tam(['create_subnet_group  = false', 'subnet_group_name    = "private"']), RULE)), []);
  // cloudposse: its own group when subnets are given; elasticache_subnet_group_name "default" is the default group.
  const cp = (extra: string) => `module "cache" {\n  source = "cloudposse/elasticache-redis/aws"\n  ${extra}\n}\n`;
  assert.deepEqual(summarize(await findings('main.tf', cp('subnets = ["subnet-a", "subnet-b"]'), RULE)), []);
  const named = cp('elasticache_subnet_group_name = "default"');
  assert.deepEqual(summarize(await findings('main.tf', named, RULE)), [at(RULE, named, '"default"')]);
  const none = cp('vpc_id = "vpc-0abc"');
  const [n] = (await findings('main.tf', none, RULE)).findings;
  assert.match(n.message, /^Replication group 'module\.cache' has no elasticache_subnet_group_name, so ElastiCache uses the default subnet group/);
});

test('fix in Terraform JSON: a label that is no identifier names neither the input nor the new group', async () => {
  const code = '{"resource": {"aws_elasticache_replication_group": {"9cat alog": {"replication_group_id": "x", "description": "d", "node_type": "cache.m7g.large"}}}}\n';
  const fixed = await roundTrip('main.tf.json', code, 'default-subnet-group', "Create a subnet group 'catalog_subnet_group' from a new input 'catalog_subnet_ids' and set subnet_group_name to it",
    /"subnet_group_name": "\$\{aws_elasticache_subnet_group\.catalog_subnet_group\.name\}"/);
  assert.match(fixed, /"variable": \{"catalog_subnet_ids": \{/);
});
