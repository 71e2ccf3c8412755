import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import { ruleTable } from './table';
import { at, findings, inModule, tf, yaml } from './iac-support';

const RULE = 'transit-encryption-disabled';

ruleTable('transit-encryption-disabled', {
  valid: [
    { name: 'a Global Datastore secondary inherits TLS from the primary', path: 'infra/main.tf', code: 'resource "aws_elasticache_replication_group" "secondary" {\n  replication_group_id        = "s"\n  description                 = "s"\n  global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id\n}\n' },
  ],
  invalid: [
    { name: 'Memcached 1.6.6 has no TLS: no fix, the message names the upgrade', path: 'infra/t.yaml', code: 'Resources:\n  Fragments:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      EngineVersion: 1.6.6\n      CacheNodeType: cache.m7g.large\n      NumCacheNodes: 1\n', errors: ['transit-encryption-disabled@2:3'] },
    { name: 'Memcached 1.6.12 can take TLS', path: 'infra/t.yaml', code: 'Resources:\n  Fragments:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      EngineVersion: "1.6.12"\n      CacheNodeType: cache.m7g.large\n      NumCacheNodes: 1\n', errors: ['transit-encryption-disabled@2:3'] },
  ],
});

test('an engine too old for TLS gets no fix and a message that names the upgrade', async () => {
  const code = (v: string) => `Resources:\n  Fragments:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      EngineVersion: "${v}"\n      CacheNodeType: cache.m7g.large\n      NumCacheNodes: 1\n`;
  const tls = async (v: string) => (await analyzeSource('infra/t.yaml', code(v)))!.findings.filter((f) => f.ruleId === 'transit-encryption-disabled');
  const [old] = await tls('1.6.6');
  assert.deepEqual(old.fixes, []);
  assert.match(old.message, /Version 1\.6\.6 has no TLS: upgrade to Memcached 1\.6\.12 or later first/);
  const [ok] = await tls('1.6.22');
  assert.deepEqual(ok.fixes.map((f) => f.title), ['Set TransitEncryptionEnabled to true']);
  assert.equal(ok.fixes[0].unattended, undefined, 'infrastructure fixes are never applied unattended');
});

test('Redis OSS cache clusters: TLS only on 3.2.6 and 4.0.10+, so 3.2.10 (from a variable default) is told to upgrade first', async () => {
  // As in a real module: engine and version both come from variables.tf, and 3.2.10 came after 3.2.6 without TLS.
  const main = 'resource "aws_elasticache_cluster" "redis" {\n  cluster_id      = "redis"\n  engine          = var.engine\n  engine_version  = var.engine_version\n  node_type       = "cache.t4g.micro"\n  num_cache_nodes = 1\n}\n';
  const variables = (v: string) => `variable "engine" {\n  type    = string\n  default = "redis"\n}\nvariable "engine_version" {\n  type    = string\n  default = "${v}"\n}\n`;
  const run = async (v: string) => (await inModule({ 'redis.tf': main, 'variables.tf': variables(v) }, 'redis.tf', RULE)).findings;
  const [old] = await run('3.2.10');
  assert.equal(`${RULE}@${old.range.start.line + 1}:${old.range.start.character + 1}`, at(RULE, main, '"aws_elasticache_cluster"'));
  assert.match(old.message, /Version 3\.2\.10 has no TLS: upgrade to Redis OSS 4\.0\.10 or later first\.$/);
  assert.deepEqual(old.fixes, []);
  for (const v of ['4.0.9', '2.8.24']) assert.match((await run(v))[0].message, new RegExp(`Version ${v.replace(/\./g, '\\.')} has no TLS`), v);
  // Versions that take TLS, and ones too short to tell: the plain fix, no upgrade clause.
  for (const v of ['3.2.6', '4.0.10', '7.1', '4.0', '3.2']) {
    const [f] = await run(v);
    assert.doesNotMatch(f.message, /has no TLS/, v);
    assert.deepEqual(f.fixes.map((x) => x.title), ['Set transit_encryption_enabled to true'], v);
  }
  // Valkey has TLS in every version.
  const valkey = tf('aws_elasticache_cluster', ['cluster_id     = "c"', 'engine         = "valkey"', 'engine_version = "7.2"', 'node_type      = "cache.t4g.micro"']);
  assert.equal((await findings('main.tf', valkey, RULE)).findings[0].fixes.length, 1);
});

test('a single-node cache cluster: the message speaks of clients only, no replicas or AUTH secrets', async () => {
  const cc = yaml('AWS::ElastiCache::CacheCluster', ['Engine: redis', 'EngineVersion: "7.1"', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']);
  const [y] = (await findings('t.yaml', cc, RULE)).findings;
  assert.equal(`${RULE}@${y.range.start.line + 1}:${y.range.start.character + 1}`, at(RULE, cc, 'Cache:'));
  assert.equal(y.message, "Cache cluster 'Cache' does not encrypt traffic in transit: TransitEncryptionEnabled is not set, and it defaults to false, so clients exchange data in plaintext.");
  const tfc = tf('aws_elasticache_cluster', ['cluster_id                 = "c"', 'engine                     = "redis"', 'node_type                  = "cache.t4g.micro"', 'transit_encryption_enabled = false']);
  const [t] = (await findings('main.tf', tfc, RULE)).findings;
  assert.equal(`${RULE}@${t.range.start.line + 1}:${t.range.start.character + 1}`, at(RULE, tfc, 'false'));
  assert.doesNotMatch(t.message, /replicas|AUTH/);
  // A replication group keeps both: it has replicas and an AUTH token that would travel in plaintext.
  const [rg] = (await findings('t.yaml', yaml('AWS::ElastiCache::ReplicationGroup', ['ReplicationGroupDescription: x', 'AuthToken: !Ref Tok'], 'Parameters:\n  Tok:\n    Type: String\n    NoEcho: true\n'), RULE)).findings;
  assert.match(rg.message, /clients and replicas exchange data and AUTH secrets in plaintext/);
});
