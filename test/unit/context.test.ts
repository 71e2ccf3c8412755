import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferContext, withOverrides } from '../../server/src/engine/context';
import { analyzeSource } from '../support/analyze';

async function model(path: string, text: string) {
  const r = await analyzeSource(path, text);
  assert.ok(r?.iac, `${path} did not parse as infrastructure`);
  return { path, model: r.iac };
}

const CME = `resource "aws_elasticache_replication_group" "a" {
  description     = "a"
  num_node_groups = 3
  transit_encryption_enabled = true
}
`;
const CMD = `resource "aws_elasticache_replication_group" "b" {
  description        = "b"
  num_cache_clusters = 2
}
`;
const SERVERLESS = `Resources:
  Jobs:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: jobs
      Engine: valkey
  Fragments:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: memcached
      CacheNodeType: cache.t4g.small
      NumCacheNodes: 1
`;

test('a fact holds when every Valkey/Redis cache agrees; Memcached does not count', async () => {
  const ctx = inferContext([await model('sl.yaml', SERVERLESS)]);
  assert.deepEqual([ctx.clusterMode, ctx.serverless, ctx.memorydb, ctx.tls], ['yes', 'yes', 'no', 'yes']);
  const cme = inferContext([await model('a.tf', CME)]);
  assert.deepEqual([cme.clusterMode, cme.serverless, cme.tls], ['yes', 'no', 'yes']);
});

test('caches that disagree leave the fact unknown', async () => {
  const ctx = inferContext([await model('a.tf', CME), await model('b.tf', CMD)]);
  assert.deepEqual([ctx.clusterMode, ctx.serverless, ctx.tls], ['unknown', 'no', 'unknown']);
  assert.deepEqual(ctx.evidence, ['a.tf: cluster-mode-enabled group a', 'b.tf: cluster-mode-disabled group b']);
});

test('no infrastructure: everything unknown; overrides win', () => {
  const ctx = inferContext([]);
  assert.deepEqual([ctx.clusterMode, ctx.serverless, ctx.memorydb, ctx.tls], ['unknown', 'unknown', 'unknown', 'unknown']);
  const o = withOverrides(ctx, { clusterMode: 'disabled', serverless: true });
  assert.deepEqual([o.clusterMode, o.serverless], ['no', 'yes']);
  assert.deepEqual(o.evidence, ['setting clusterMode=disabled', 'setting serverless=true']);
});

test('a one-shard group with a *.cluster.on parameter group is cluster mode; NodeGroupConfiguration alone is not', async () => {
  const one = inferContext([await model('one.tf', 'resource "aws_elasticache_replication_group" "o" {\n  description          = "o"\n  parameter_group_name = "default.valkey8.cluster.on"\n}\n')]);
  assert.equal(one.clusterMode, 'yes');
  const placed = inferContext([await model('p.yaml', 'Resources:\n  G:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: g\n      NodeGroupConfiguration:\n        - PrimaryAvailabilityZone: us-east-1a\n')]);
  assert.equal(placed.clusterMode, 'no');
});
