/** Completion in templates: what is offered, in which order, and the exact text edit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt } from '../../../server/src/engine/completion';
import { LineIndex } from '../../../server/src/engine/text';
import { NODE_TYPES } from '../../../server/src/sizing/nodeTypes';
import { marked } from './support';

function complete(path: string, src: string, trigger?: string) {
  const { text, offset } = marked(src);
  const items = completeAt({ file: { path, text }, position: new LineIndex(text).positionAt(offset), trigger, today: '2026-12-01' });
  return items.sort((a, b) => a.sortText.localeCompare(b.sortText));
}
const span = (e: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.line + 1}:${e.range.end.character + 1}`;

const HEAD = `Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      Engine: valkey
`;

test('resource types of ElastiCache and MemoryDB, replacing the half-typed word (quotes kept in HCL)', () => {
  const cfn = complete('t.yaml', 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::|\n');
  assert.ok(cfn.some((e) => e.label === 'AWS::ElastiCache::ServerlessCache'));
  assert.ok(cfn.some((e) => e.label === 'AWS::MemoryDB::Cluster'));
  assert.ok(!cfn.some((e) => e.label.startsWith('AWS::EC2::')));
  const rg = cfn.find((e) => e.label === 'AWS::ElastiCache::ReplicationGroup')!;
  assert.deepEqual([rg.newText, span(rg)], ['AWS::ElastiCache::ReplicationGroup', '3:11-3:29']);
  const tf = complete('main.tf', 'resource "aws_elasti|"');
  const sc = tf.find((e) => e.label === 'aws_elasticache_serverless_cache')!;
  assert.deepEqual([sc.newText, span(sc)], ['aws_elasticache_serverless_cache', '1:11-1:21']);
  assert.ok(sc.documentation!.includes('always TLS'));
});

test('property names of the resource under the cursor, not those already written, creation-only marked', () => {
  const items = complete('t.yaml', `${HEAD}      Tra|\n      Port: 6379\n`);
  const labels = items.map((e) => e.label);
  assert.ok(labels.includes('TransitEncryptionEnabled') && labels.includes('CacheNodeType'));
  assert.ok(!labels.includes('Engine') && !labels.includes('Port'), 'written keys are not offered again');
  const tls = items.find((e) => e.label === 'TransitEncryptionEnabled')!;
  assert.deepEqual([tls.newText, span(tls), tls.detail], ['TransitEncryptionEnabled: ', '6:7-6:10', 'bool']);
  assert.equal(items.find((e) => e.label === 'AtRestEncryptionEnabled')!.detail, 'bool · creation-only (replaces)');
  assert.match(tls.documentation!, /Default when absent for Valkey: `false`/);
  // Terraform: a nested block's arguments; a block name is followed by ` {`.
  const tf = complete('main.tf', 'resource "aws_elasticache_serverless_cache" "s" {\n  engine = "valkey"\n  cache_usage_limits {\n    |\n  }\n}\n');
  assert.deepEqual(tf.map((e) => [e.label, e.newText]), [['data_storage', 'data_storage {'], ['ecpu_per_second', 'ecpu_per_second {']]);
  const top = complete('main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  engine = "valkey"\n  |\n}\n');
  assert.equal(top.find((e) => e.label === 'node_type')!.newText, 'node_type = ');
  // CloudFormation JSON: inside the quotes just typed.
  const json = complete('t.json', '{"Resources": {"C": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"Engine": "valkey", "Trans|');
  assert.deepEqual(json.filter((e) => e.label.startsWith('Trans')).map((e) => e.newText), ['TransitEncryptionEnabled', 'TransitEncryptionMode']);
});

test('node types of the resource\'s service: memory and vCPU, current first, previous generation last and marked', () => {
  const items = complete('t.yaml', `${HEAD}      CacheNodeType: cache.r7g.|\n`, '.');
  const current = NODE_TYPES.filter((n) => n.service === 'elasticache' && n.generation === 'current').map((n) => n.nodeType);
  assert.deepEqual(items.filter((e) => !e.deprecated).map((e) => e.label).sort(), [...current].sort());
  assert.ok(items.every((e) => e.label.startsWith('cache.')));
  assert.deepEqual(items.slice(-3).map((e) => [e.label, e.deprecated, e.detail]), [
    ['cache.t2.micro', true, '0.555 GiB · 1 vCPU · previous generation'],
    ['cache.t2.small', true, '1.55 GiB · 1 vCPU · previous generation'],
    ['cache.t2.medium', true, '3.22 GiB · 2 vCPU · previous generation'],
  ]);
  const large = items.find((e) => e.label === 'cache.r7g.large')!;
  assert.deepEqual([large.detail, large.newText, span(large)], ['13.07 GiB · 2 vCPU', 'cache.r7g.large', '6:22-6:32']);
  const tiered = items.find((e) => e.label === 'cache.r6gd.xlarge')!;
  assert.equal(tiered.detail, '26.32 GiB · 4 vCPU · +99.33 GiB SSD');
  // MemoryDB offers db.* only; an HCL value with no quotes yet gets them.
  const db = complete('main.tf', 'resource "aws_memorydb_cluster" "m" {\n  node_type = |\n}\n', ' ');
  assert.equal(db.length, NODE_TYPES.filter((n) => n.service === 'memorydb').length);
  assert.ok(db.every((e) => e.label.startsWith('db.') && e.newText === `"${e.label}"`));
  // Memcached cannot run data tiering.
  const mc = complete('main.tf', 'resource "aws_elasticache_cluster" "m" {\n  engine = "memcached"\n  node_type = "|"\n}\n');
  assert.ok(mc.length > 0 && !mc.some((e) => e.label.includes('r6gd')));
});

test('engine versions with status, and enum and boolean values', () => {
  const versions = complete('main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  engine = "redis"\n  engine_version = "|"\n}\n');
  assert.deepEqual(versions.map((e) => [e.label, e.detail]), [
    ['7.1', 'standard support'], ['7.0', 'standard support'], ['6.2', 'standard support until 2027-01-31'], ['6.0', 'standard support until 2027-01-31'],
    ['5.0.6', 'Extended Support (paid) until 2029-01-31'], ['4.0.10', 'Extended Support (paid) until 2029-01-31'],
  ]);
  assert.deepEqual(versions.filter((e) => e.deprecated).map((e) => e.label), ['5.0.6', '4.0.10']);
  // CloudFormation with no Engine written: both engines' versions, labelled.
  const both = complete('t.yaml', 'Resources:\n  C:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      EngineVersion: |\n', ' ');
  assert.deepEqual([both[0].label, both[0].detail, both[both.length - 1].label], ['7.1', 'Redis OSS · standard support', '7.2']);
  assert.ok(both.some((e) => e.detail === 'Valkey · standard support' && e.label === '8.0'));
  for (const [key, expected] of [
    ['TransitEncryptionMode', ['preferred', 'required']],
    ['ClusterMode', ['compatible', 'disabled', 'enabled']],
    ['IpDiscovery', ['ipv4', 'ipv6']],
    ['NetworkType', ['dual_stack', 'ipv4', 'ipv6']],
    ['DataTieringEnabled', ['true', 'false']],
    ['Engine', ['redis', 'valkey']],
  ] as const) {
    assert.deepEqual(complete('t.yaml', `Resources:\n  C:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ${key}: |\n`, ' ').map((e) => e.label), expected, key);
  }
  const az = complete('t.json', '{"Resources": {"C": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "memcached", "AZMode": |', ' ');
  assert.deepEqual(az.map((e) => e.newText), ['"cross-az"', '"single-az"']);
  const bool = complete('main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  multi_az_enabled = |\n}\n', ' ');
  assert.deepEqual(bool.map((e) => e.newText), ['true', 'false']);
  // Right after the colon, YAML needs the space.
  assert.equal(complete('t.yaml', `${HEAD}      IpDiscovery:|\n`, ':')[0].newText, ' ipv4');
  assert.equal(complete('main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  ip_discovery =|\n}\n', '=')[0].newText, ' "ipv4"');
});

test('a community module call: its inputs (under the module\'s names) and their values', () => {
  const inputs = complete('main.tf', 'module "cache" {\n  source = "terraform-aws-modules/elasticache/aws"\n  node_type = "cache.r7g.large"\n  |\n}\n');
  const labels = inputs.map((e) => e.label);
  assert.ok(labels.includes('kms_key_arn') && labels.includes('transit_encryption_enabled') && !labels.includes('node_type') && !labels.includes('kms_key_id'));
  const nodes = complete('main.tf.json', '{"module": {"cache": {"source": "terraform-aws-modules/elasticache/aws", "node_type": "cache.|', '.');
  assert.ok(nodes.some((e) => e.label === 'cache.r7g.large' && e.newText === 'cache.r7g.large'));
});

test('nothing in application code, nothing unasked while indenting, nothing outside resources', () => {
  assert.deepEqual(complete('app.py', 'r.set("k", |)\n'), []);
  assert.deepEqual(complete('app.ts', 'await redis.|\n', '.'), []);
  assert.deepEqual(complete('t.yaml', `${HEAD}      | \n`, ' '), []);
  assert.deepEqual(complete('t.yaml', 'Parameters:\n  Env:\n    Type: |\n'), []);
  assert.deepEqual(complete('main.tf', 'variable "engine" {\n  default = "|"\n}\n'), []);
});
