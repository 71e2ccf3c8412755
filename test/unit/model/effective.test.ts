/**
 * effectiveValue: each default of the table with its origin and the clause a message uses, in the file's own
 * spelling; written values, input defaults, and what stays unknown (no engine, no default in the facts, an input
 * without a default, an unresolved merge).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveValue, engineOf } from '../../../server/src/model/effective';
import type { IacResource } from '../../../server/src/model/iac';
import { cfn, tf } from './support';

const RG = 'AWS::ElastiCache::ReplicationGroup';
const cfnRg = (props: string, head = '') => cfn(`${head}Resources:\n  G:\n    Type: ${RG}\n    Properties:\n      ReplicationGroupDescription: g\n${props}`)[0];
const tfRg = async (body: string) => (await tf(`resource "aws_elasticache_replication_group" "g" {\n  description = "g"\n${body}}\n`))[0];

function summary(r: IacResource, path: string) {
  const e = effectiveValue(r, path);
  return { value: e.value, origin: e.origin, why: e.why };
}

test('at-rest encryption: on for Valkey, off for Redis OSS, unknown when the engine is (aws-facts.md §2b)', async () => {
  assert.deepEqual(summary(cfnRg('      Engine: valkey\n'), 'atRestEncryptionEnabled'),
    { value: true, origin: 'schema-default', why: 'AtRestEncryptionEnabled is not set, and it defaults to true for Valkey' });
  assert.deepEqual(summary(cfnRg('      Engine: redis\n'), 'atRestEncryptionEnabled'),
    { value: false, origin: 'schema-default', why: 'AtRestEncryptionEnabled is not set, and it defaults to false for Redis OSS' });
  // CloudFormation's Engine default is not in the facts: the default that hangs on it is not guessed.
  assert.deepEqual(summary(cfnRg(''), 'atRestEncryptionEnabled'),
    { value: undefined, origin: 'unknown', why: 'AtRestEncryptionEnabled is not set, and its default depends on the engine (Engine is not set, and its default is not known)' });
  // Terraform's engine defaults to redis, so its at-rest default follows.
  assert.deepEqual(summary(await tfRg(''), 'atRestEncryptionEnabled'),
    { value: false, origin: 'schema-default', why: 'at_rest_encryption_enabled is not set, and it defaults to false for Redis OSS' });
  assert.deepEqual(summary(await tfRg('  engine = "valkey"\n'), 'atRestEncryptionEnabled'),
    { value: true, origin: 'schema-default', why: 'at_rest_encryption_enabled is not set, and it defaults to true for Valkey' });
  assert.deepEqual(summary(cfnRg('      Engine: valkey\n      AtRestEncryptionEnabled: "false"\n'), 'atRestEncryptionEnabled'),
    { value: false, origin: 'written', why: 'AtRestEncryptionEnabled is "false"' });
});

test('engine: Terraform defaults to redis; CloudFormation stays unknown; a written engine is lower-cased', async () => {
  assert.deepEqual([engineOf(await tfRg('')).value, engineOf(await tfRg('')).origin], ['redis', 'schema-default']);
  assert.deepEqual([engineOf(cfnRg('')).value, engineOf(cfnRg('')).origin], [undefined, 'unknown']);
  assert.equal(engineOf(cfnRg('      Engine: Valkey\n')).value, 'valkey');
  assert.deepEqual(summary(cfnRg('      Engine: dragonfly\n'), 'engine'), { value: 'dragonfly', origin: 'written', why: 'Engine is "dragonfly"' });
  assert.equal(engineOf(cfnRg('      Engine: dragonfly\n')).origin, 'unknown');
});

test('transit encryption: false on groups and clusters, always on for serverless, true on MemoryDB', async () => {
  assert.deepEqual(summary(cfnRg(''), 'transitEncryptionEnabled'),
    { value: false, origin: 'schema-default', why: 'TransitEncryptionEnabled is not set, and it defaults to false' });
  const [cluster] = cfn('Resources:\n  C:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n');
  const e = effectiveValue(cluster, 'transitEncryptionEnabled');
  assert.deepEqual([e.value, e.origin, e.default?.inferred], [false, 'schema-default', true]);
  const [serverless] = await tf('resource "aws_elasticache_serverless_cache" "s" {\n  engine = "valkey"\n}\n');
  assert.deepEqual(summary(serverless, 'transitEncryptionEnabled'),
    { value: true, origin: 'schema-default', why: 'transitEncryptionEnabled cannot be set: it is always true' });
  const [mdb] = await tf('resource "aws_memorydb_cluster" "m" {\n  acl_name = "open-access"\n}\n');
  assert.deepEqual(summary(mdb, 'tlsEnabled'), { value: true, origin: 'schema-default', why: 'tls_enabled is not set, and it defaults to true' });
  const [mdbCfn] = cfn('Resources:\n  M:\n    Type: AWS::MemoryDB::Cluster\n    Properties:\n      TLSEnabled: false\n');
  assert.deepEqual(summary(mdbCfn, 'tlsEnabled'), { value: false, origin: 'written', why: 'TLSEnabled is false' });
});

test('inputs: a default is the value in effect; an input without one is unknown', async () => {
  const head = 'Parameters:\n  Tls:\n    Type: String\n    Default: "false"\n  Open:\n    Type: String\n';
  assert.deepEqual(summary(cfnRg('      TransitEncryptionEnabled: !Ref Tls\n', head), 'transitEncryptionEnabled'),
    { value: false, origin: 'input-default', why: "TransitEncryptionEnabled comes from 'Tls', whose default is false" });
  assert.deepEqual(summary(cfnRg('      TransitEncryptionEnabled: !Ref Open\n', head), 'transitEncryptionEnabled'),
    { value: undefined, origin: 'unknown', why: "TransitEncryptionEnabled cannot be known: input 'Open' has no default" });
  const [r] = await tf('variable "retention" {\n  default = 7\n}\nresource "aws_elasticache_replication_group" "g" {\n  snapshot_retention_limit = var.retention\n}\n');
  assert.deepEqual(summary(r, 'snapshotRetentionLimit'),
    { value: 7, origin: 'input-default', why: "snapshot_retention_limit comes from 'retention', whose default is 7" });
});

test('backups, failover, Multi-AZ, minor upgrades: the defaults each format documents, and no more', async () => {
  assert.deepEqual(summary(cfnRg(''), 'snapshotRetentionLimit'), { value: 0, origin: 'schema-default', why: 'SnapshotRetentionLimit is not set, and it defaults to 0' });
  assert.deepEqual(summary(cfnRg(''), 'automaticFailoverEnabled'), { value: false, origin: 'schema-default', why: 'AutomaticFailoverEnabled is not set, and it defaults to false' });
  assert.deepEqual(summary(await tfRg(''), 'multiAzEnabled'), { value: false, origin: 'schema-default', why: 'multi_az_enabled is not set, and it defaults to false' });
  assert.deepEqual(summary(cfnRg(''), 'multiAzEnabled'), { value: undefined, origin: 'unknown', why: 'MultiAZEnabled is not set, and its default is not known' });
  assert.deepEqual(summary(await tfRg(''), 'autoMinorVersionUpgrade'), { value: true, origin: 'schema-default', why: 'auto_minor_version_upgrade is not set, and it defaults to true' });
  assert.deepEqual(summary(cfnRg(''), 'autoMinorVersionUpgrade'), { value: undefined, origin: 'unknown', why: 'AutoMinorVersionUpgrade is not set, and its default is not known' });
  assert.deepEqual(summary(await tfRg(''), 'numCacheClusters'), { value: 1, origin: 'schema-default', why: 'num_cache_clusters is not set, and it defaults to 1' });
  assert.deepEqual(summary(cfnRg(''), 'numNodeGroups'), { value: 1, origin: 'schema-default', why: 'NumNodeGroups is not set, and it defaults to 1' });
  const [mdb] = await tf('resource "aws_memorydb_cluster" "m" {\n}\n');
  assert.deepEqual([0, 1, 1, 6379, true], ['snapshotRetentionLimit', 'numShards', 'numReplicasPerShard', 'port', 'autoMinorVersionUpgrade'].map((p) => effectiveValue(mdb, p).value));
  const [mdbCfn] = cfn('Resources:\n  M:\n    Type: AWS::MemoryDB::Cluster\n    Properties:\n      NodeType: db.r7g.large\n');
  assert.equal(effectiveValue(mdbCfn, 'snapshotRetentionLimit').origin, 'unknown');
});

test('engine-specific defaults of cache clusters: port per engine, single-az for Memcached in Terraform', async () => {
  const [memcached, redis] = await tf('resource "aws_elasticache_cluster" "m" {\n  engine = "memcached"\n}\nresource "aws_elasticache_cluster" "r" {\n  engine = "redis"\n}\n');
  assert.deepEqual(summary(memcached, 'port'), { value: 11211, origin: 'schema-default', why: 'port is not set, and it defaults to 11211 for Memcached' });
  assert.deepEqual(summary(redis, 'port'), { value: 6379, origin: 'schema-default', why: 'port is not set, and it defaults to 6379 for Redis OSS' });
  assert.deepEqual(summary(memcached, 'azMode'), { value: 'single-az', origin: 'schema-default', why: 'az_mode is not set, and it defaults to "single-az" for Memcached' });
  assert.deepEqual(summary(redis, 'azMode'), { value: undefined, origin: 'unknown', why: 'az_mode is not set, and its default for Redis OSS is not known' });
  assert.equal(effectiveValue(memcached, 'snapshotRetentionLimit').origin, 'unknown');
});

test('nested written values, and an unresolved merge that may set anything', () => {
  const [s] = cfn('Resources:\n  S:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      Engine: valkey\n      CacheUsageLimits:\n        DataStorage:\n          Maximum: "100"\n');
  assert.deepEqual(summary(s, 'cacheUsageLimits.dataStorage.maximum'), { value: 100, origin: 'written', why: 'CacheUsageLimits.DataStorage.Maximum is "100"' });
  assert.deepEqual(summary(s, 'cacheUsageLimits.ecpuPerSecond.maximum'),
    { value: undefined, origin: 'unknown', why: 'CacheUsageLimits.ECPUPerSecond.Maximum is not set, and its default is not known' });
  const [merged] = cfn('Resources:\n  G:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      <<: !ImportValue shared\n      ReplicationGroupDescription: g\n');
  assert.equal(effectiveValue(merged, 'transitEncryptionEnabled').origin, 'unknown');
});
