/**
 * The code lens summary of each cache (engine/codelens) in CloudFormation YAML and JSON and Terraform HCL and JSON:
 * shards × nodes, node type, usable memory after the reservation (the parameter group's when the files say it),
 * TLS, at-rest encryption, AUTH and backups; `?` where the files do not decide, left out where it does not apply.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';

async function lenses(path: string, text: string): Promise<string[]> {
  const a = await analyzeSource(path, text);
  assert.ok(a?.lenses, `${path}: no lenses`);
  return a.lenses.map((l) => `${l.shape.name}@${l.range.start.line + 1}: ${l.title}`);
}

const CFN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AuthToken:
    Type: String
    NoEcho: true
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: valkey
      CacheNodeType: cache.r7g.large
      NumNodeGroups: 3
      ReplicasPerNodeGroup: 1
      TransitEncryptionEnabled: true
      AuthToken: !Ref AuthToken
      SnapshotRetentionLimit: 7
  Tuned:
    Type: AWS::ElastiCache::ParameterGroup
    Properties:
      CacheParameterGroupFamily: valkey8
      Description: more headroom for forks
      Properties:
        reserved-memory-percent: '30'
  Rates:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: rate limits
      Engine: redis
      CacheNodeType: cache.m7g.large
      NumCacheClusters: 2
      CacheParameterGroupName: !Ref Tuned
  Fragments:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: memcached
      CacheNodeType: cache.t4g.small
      NumCacheNodes: 2
`;

test("CloudFormation YAML: a sharded group, a parameter group's reservation, Memcached", async () => {
  assert.deepEqual(await lenses('infra/cache.yaml', CFN_YAML), [
    // 13.07 GiB × 3 shards × 0.75
    'Sessions@7: 3 shards × 2 nodes · cache.r7g.large · ≈ 29 GiB usable · TLS ✓ · at-rest ✓ · AUTH ✓ · backups ✓',
    // 6.38 GiB × 0.70; Redis OSS: at-rest off when absent; replication groups keep no backups unless told.
    'Rates@25: 1 shard × 2 nodes · cache.m7g.large · ≈ 4.5 GiB usable · TLS ✗ · at-rest ✗ · AUTH ✗ · backups ✗',
    'Fragments@33: 2 nodes · cache.t4g.small · TLS ✗',
  ]);
});

const CFN_JSON = JSON.stringify({
  Parameters: { Shards: { Type: 'Number' }, Days: { Type: 'Number', Default: 0 } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'prod'] } },
  Resources: {
    Board: {
      Type: 'AWS::MemoryDB::Cluster',
      Properties: { ClusterName: 'board', NodeType: 'db.r7g.large', ACLName: 'open-access', NumShards: 2, NumReplicasPerShard: 1, SnapshotRetentionLimit: { Ref: 'Days' } },
    },
    Jobs: {
      Type: 'AWS::ElastiCache::ServerlessCache',
      Properties: { ServerlessCacheName: 'jobs', Engine: 'valkey', CacheUsageLimits: { DataStorage: { Maximum: 10, Unit: 'GB' }, ECPUPerSecond: { Maximum: 5000 } } },
    },
    Orders: {
      Type: 'AWS::ElastiCache::ReplicationGroup',
      Properties: {
        ReplicationGroupDescription: 'orders', Engine: 'valkey', CacheNodeType: 'cache.r7g.xlarge', NumNodeGroups: { Ref: 'Shards' }, ReplicasPerNodeGroup: 2,
        TransitEncryptionEnabled: { 'Fn::If': ['IsProd', true, false] }, CacheParameterGroupName: 'team-tuned', SnapshotRetentionLimit: 1,
      },
    },
  },
}, null, 2);

test('CloudFormation JSON: MemoryDB (no usable figure), serverless limits, unknown parts as ?', async () => {
  assert.deepEqual(await lenses('infra/stack.json', CFN_JSON), [
    'Board@22: 2 shards × 2 nodes · db.r7g.large · TLS ✓ · AUTH ✗ · backups ✗',
    'Jobs@35: serverless · ≤ 10 GB · ≤ 5,000 ECPU/s · TLS ✓ · AUTH ✗ · backups ✗',
    // Shards from a parameter without a default; TLS by an undecided condition; a parameter group named outside the files.
    'Orders@51: ? shards × 3 nodes · cache.r7g.xlarge · ? GiB usable · TLS ? · at-rest ✓ · AUTH ✗ · backups ✓',
  ]);
});

const TF = `variable "auth_token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_replication_group" "carts" {
  replication_group_id       = "carts"
  description                = "carts"
  engine                     = "valkey"
  node_type                  = "cache.r7g.large"
  num_node_groups            = 2
  replicas_per_node_group    = 1
  transit_encryption_enabled = true
  transit_encryption_mode    = "preferred"
  auth_token                 = var.auth_token
  snapshot_retention_limit   = 5
}

resource "aws_memorydb_cluster" "ledger" {
  name                   = "ledger"
  node_type              = "db.r7g.xlarge"
  acl_name               = aws_memorydb_acl.app.name
  snapshot_retention_limit = 7
}
`;

test('Terraform HCL: TLS preferred, MemoryDB defaults of the provider', async () => {
  assert.deepEqual(await lenses('infra/main.tf', TF), [
    'carts@6: 2 shards × 2 nodes · cache.r7g.large · ≈ 20 GiB usable · TLS preferred · at-rest ✓ · AUTH ✓ · backups ✓',
    // num_shards and num_replicas_per_shard default to 1, tls_enabled to true; an ACL by reference is not read: AUTH ?.
    'ledger@19: 1 shard × 2 nodes · db.r7g.xlarge · TLS ✓ · AUTH ? · backups ✓',
  ]);
});

const TF_JSON = JSON.stringify({
  resource: {
    aws_elasticache_replication_group: {
      profiles: { replication_group_id: 'profiles', description: 'p', engine: 'redis', node_type: 'cache.r6g.large', num_cache_clusters: 3, at_rest_encryption_enabled: true, user_group_ids: ['${aws_elasticache_user_group.app.id}'] },
    },
    aws_elasticache_serverless_cache: {
      flags: { name: 'flags', engine: 'valkey' },
    },
  },
}, null, 2);

test('Terraform JSON: a non-sharded group with a user group, a serverless cache without limits', async () => {
  assert.deepEqual(await lenses('infra/main.tf.json', TF_JSON), [
    'profiles@4: 1 shard × 3 nodes · cache.r6g.large · ≈ 9.8 GiB usable · TLS ✗ · at-rest ✓ · AUTH ✓ · backups ✗',
    'flags@17: serverless · TLS ✓ · AUTH ✗ · backups ✗',
  ]);
});

test('a half-written cache: every part it does not state is ? or left out, and no resource but caches gets one', async () => {
  const text = 'Resources:\n  Draft:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: draft\n  Group:\n    Type: AWS::ElastiCache::SubnetGroup\n    Properties:\n      Description: x\n      SubnetIds: [subnet-1]\n';
  // No engine: at-rest encryption's default depends on it; no node type, no count.
  assert.deepEqual(await lenses('infra/draft.yaml', text), ['Draft@2: ? shards × ? nodes · ? node type · TLS ✗ · at-rest ? · AUTH ✗ · backups ✗']);
});

const MODULES = `module "sessions" {
  source  = "cloudposse/elasticache-redis/aws"
  version = "~> 1.2"

  name                       = "sessions"
  cluster_size               = 2
  transit_encryption_enabled = true
}

module "carts" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "~> 1.2"

  replication_group_id    = "carts"
  engine                  = "valkey"
  node_type               = "cache.r7g.large"
  cluster_mode_enabled    = true
  num_node_groups         = 2
  replicas_per_node_group = 1
}
`;

test("Terraform community modules: the module block gets the lens, with the module's own defaults", async () => {
  assert.deepEqual(await lenses('infra/main.tf', MODULES), [
    // cloudposse: cache.t2.micro, Redis OSS, at-rest off and no backups unless asked (its variables.tf).
    'module.sessions@1: 1 shard × 2 nodes · cache.t2.micro · ≈ 0.4 GiB usable · TLS ✓ · at-rest ✗ · AUTH ✗ · backups ✗',
    'module.carts@10: 2 shards × 2 nodes · cache.r7g.large · ≈ 20 GiB usable · TLS ✓ · at-rest ✓ · AUTH ✗ · backups ✗',
  ]);
  const a = await analyzeSource('infra/main.tf', MODULES);
  assert.equal(a!.lenses![0].shape.nodeType, 'cache.t2.micro', 'the wizard starts from the node type the module deploys');
});

test('the lens reads AUTH as the AUTH rules do: a token input with an empty default is filled at deploy time, not absent', async () => {
  const tf = `variable "auth_token" {
  type      = string
  default   = ""
  sensitive = true
}

variable "rbac" {
  type    = bool
  default = true
}

resource "aws_elasticache_replication_group" "maybe" {
  replication_group_id       = "maybe"
  description                = "token filled at deploy time"
  engine                     = "valkey"
  node_type                  = "cache.r7g.large"
  transit_encryption_enabled = true
  auth_token                 = var.auth_token
}

resource "aws_elasticache_replication_group" "groups" {
  replication_group_id       = "groups"
  description                = "user groups when rbac"
  engine                     = "valkey"
  node_type                  = "cache.r7g.large"
  transit_encryption_enabled = true
  user_group_ids             = var.rbac ? ["app-users"] : null
}
`;
  const got = await lenses('main.tf', tf);
  // It said AUTH ✗ here while auth-disabled stayed silent: the two now read one answer (model/presence.ts).
  assert.match(got[0], /^maybe@12: .*AUTH \?/);
  const a = await analyzeSource('main.tf', tf);
  assert.deepEqual(a!.findings.filter((f) => f.ruleId === 'auth-disabled').map((f) => f.range.start.line + 1), []);
});
