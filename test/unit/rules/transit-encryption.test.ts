import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import { ruleTable } from './table';

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
