/**
 * minor-version-upgrade-disabled in CloudFormation YAML, JSON and Terraform: AutoMinorVersionUpgrade false, written
 * or from an input's value, or on one branch of a condition; never Memcached or Redis OSS below 6 (the flag does
 * not apply there), never an absent flag.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'minor-version-upgrade-disabled';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const NODE = ['CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1'];
const PARAM = (def: string) => `Parameters:\n  Minor:\n    Type: String\n${def ? `    Default: ${def}\n` : ''}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';

const c = {
  rgFalse: yaml(RG, [D, 'Engine: valkey', 'AutoMinorVersionUpgrade: false']),
  ccFalse: yaml(CC, ['Engine: redis', 'EngineVersion: "7.1"', ...NODE, 'AutoMinorVersionUpgrade: "false"']),
  mdbFalse: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access', 'AutoMinorVersionUpgrade: false']),
  param: yaml(RG, [D, 'AutoMinorVersionUpgrade: !Ref Minor'], PARAM('"false"')),
  ifYaml: yaml(RG, [D, 'AutoMinorVersionUpgrade: !If [IsProd, false, true]'], COND),
  jsonFalse: json(RG, { ReplicationGroupDescription: 'x', AutoMinorVersionUpgrade: false }),
  jsonParam: json(CC, { Engine: 'valkey', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1, AutoMinorVersionUpgrade: { Ref: 'Minor' } }, { Parameters: { Minor: { Type: 'String', Default: 'false' } } }),
  tfFalse: tf(TF_RG, ['description                = "x"', 'auto_minor_version_upgrade = false']),
  tfMemorydb: tf('aws_memorydb_cluster', ['name                       = "m"', 'acl_name                   = "open-access"', 'auto_minor_version_upgrade = false']),
  tfVar: tf('aws_elasticache_cluster', ['cluster_id                 = "c"', 'engine                     = "valkey"', 'auto_minor_version_upgrade = var.minor'], 'variable "minor" {\n  type    = bool\n  default = false\n}\n'),
  tfCondOpen: tf(TF_RG, ['description                = "x"', 'auto_minor_version_upgrade = var.pinned ? false : true'], 'variable "pinned" {\n  type = bool\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: true', path: 't.yaml', code: yaml(RG, [D, 'AutoMinorVersionUpgrade: true']) },
    { name: 'yaml: absent', path: 't.yaml', code: yaml(RG, [D]) },
    { name: 'yaml: a Memcached cluster (the flag applies to Valkey and Redis OSS 6+)', path: 't.yaml', code: yaml(CC, ['Engine: memcached', ...NODE, 'AutoMinorVersionUpgrade: false']) },
    { name: 'yaml: Redis OSS 5.0.6 (below 6 the flag has no effect)', path: 't.yaml', code: yaml(CC, ['Engine: redis', 'EngineVersion: 5.0.6', ...NODE, 'AutoMinorVersionUpgrade: false']) },
    { name: 'yaml: from a parameter without default', path: 't.yaml', code: yaml(RG, [D, 'AutoMinorVersionUpgrade: !Ref Minor'], PARAM('')) },
    { name: 'yaml: !If with both branches true', path: 't.yaml', code: yaml(RG, [D, 'AutoMinorVersionUpgrade: !If [IsProd, true, true]'], COND) },
    { name: 'yaml: a look-alike on a serverless cache', path: 't.yaml', code: yaml('AWS::ElastiCache::ServerlessCache', ['ServerlessCacheName: s', 'Engine: valkey', 'AutoMinorVersionUpgrade: false']) },
    { name: 'json: true as a string', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', AutoMinorVersionUpgrade: 'true' }) },
    { name: 'tf: absent (the provider defaults to true)', path: 'main.tf', code: tf(TF_RG, ['description = "x"']) },
    { name: 'tf: a Memcached cluster', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id                 = "c"', 'engine                     = "memcached"', 'auto_minor_version_upgrade = false']) },
    { name: 'tf: a replica joining a group follows the group', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id                 = "r"', 'replication_group_id       = aws_elasticache_replication_group.g.id', 'auto_minor_version_upgrade = false']) },
  ],
  invalid: [
    { name: 'yaml: a replication group with false', path: 't.yaml', code: c.rgFalse, errors: [at(RULE, c.rgFalse, 'false')], severities: ['info'] },
    { name: 'yaml: a Redis OSS 7.1 cache cluster with "false"', path: 't.yaml', code: c.ccFalse, errors: [at(RULE, c.ccFalse, '"false"')] },
    { name: 'yaml: a MemoryDB cluster with false', path: 't.yaml', code: c.mdbFalse, errors: [at(RULE, c.mdbFalse, 'false')] },
    { name: 'yaml: a parameter whose default is "false"', path: 't.yaml', code: c.param, errors: [at(RULE, c.param, '!Ref Minor')] },
    { name: 'yaml: !If with a false branch: hint at it', path: 't.yaml', code: c.ifYaml, errors: [at(RULE, c.ifYaml, 'false')], severities: ['hint'] },
    { name: 'json: false', path: 't.json', code: c.jsonFalse, errors: [at(RULE, c.jsonFalse, 'false')] },
    { name: 'json: {"Ref"} to a parameter defaulting to "false" on a Valkey cluster', path: 't.json', code: c.jsonParam, errors: [at(RULE, c.jsonParam, '"AutoMinorVersionUpgrade": ', 27)] },
    { name: 'tf: false', path: 'main.tf', code: c.tfFalse, errors: [at(RULE, c.tfFalse, 'false')] },
    { name: 'tf: a MemoryDB cluster with false', path: 'main.tf', code: c.tfMemorydb, errors: [at(RULE, c.tfMemorydb, 'false')] },
    { name: 'tf: a variable whose default is false', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.minor')] },
    { name: 'tf: a conditional on a variable without default: hint', path: 'main.tf', code: c.tfCondOpen, errors: [at(RULE, c.tfCondOpen, 'false')], severities: ['hint'] },
  ],
});

test('messages name the resource, the property as written and the consequence', async () => {
  const [y] = (await findings('t.yaml', c.rgFalse, RULE)).findings;
  assert.equal(y.message, "Replication group 'Cache' does not take minor engine upgrades: AutoMinorVersionUpgrade is false, so security and bug-fix releases of the engine reach it only when someone upgrades it by hand.");
  const [t] = (await findings('main.tf', c.tfMemorydb, RULE)).findings;
  assert.equal(t.message, "MemoryDB cluster 'cache' does not take minor engine upgrades: auto_minor_version_upgrade is false, so security and bug-fix releases of the engine reach it only when someone upgrades it by hand.");
  // The Terraform provider forces a new MemoryDB cluster when the argument changes (aws-facts.md §2b): the title says so.
  assert.deepEqual(t.fixes.map((f) => f.title), ['Set auto_minor_version_upgrade to true (replaces the MemoryDB cluster)']);
  const [m] = (await findings('t.yaml', c.mdbFalse, RULE)).findings;
  assert.deepEqual(m.fixes.map((f) => f.title), ['Set AutoMinorVersionUpgrade to true']);
  const [b] = (await findings('t.yaml', c.ifYaml, RULE)).findings;
  assert.match(b.message, /may not take minor engine upgrades: AutoMinorVersionUpgrade is false when IsProd is true, so on that branch/);
  assert.deepEqual(b.fixes, []);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description                = "x"', 'auto_minor_version_upgrade = var.minor']),
    'variables.tf': 'variable "minor" {\n  type    = bool\n  default = true\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'minor = false\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.minor')]);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/terraform.tfvars', 0, 8]]);
});

test('fixes: true in each format, and the parameter or variable default', async () => {
  const title = 'Set AutoMinorVersionUpgrade to true';
  await roundTrip('t.yaml', c.rgFalse, RULE, title, /      AutoMinorVersionUpgrade: true\n/);
  await roundTrip('t.yaml', c.ccFalse, RULE, title, /      AutoMinorVersionUpgrade: "?true"?\n/);
  await roundTrip('t.yaml', c.param, RULE, "Change the default of parameter 'Minor' to true", /    Default: "?true"?\n/);
  await roundTrip('t.json', c.jsonFalse, RULE, title, /"AutoMinorVersionUpgrade": true\n/);
  await roundTrip('t.json', c.jsonParam, RULE, title, /"AutoMinorVersionUpgrade": true\n/);
  await roundTrip('main.tf', c.tfFalse, RULE, 'Set auto_minor_version_upgrade to true', /  auto_minor_version_upgrade = true\n/);
  await roundTrip('main.tf', c.tfMemorydb, RULE, 'Set auto_minor_version_upgrade to true (replaces the MemoryDB cluster)', /  auto_minor_version_upgrade = true\n/);
  await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'minor' to true", /  default = true\n/);
});
