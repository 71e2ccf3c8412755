/** Hover content in templates: resource types, properties, node types, engine versions, community modules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/engine/hover';
import { relatedRuleIds } from '../../../server/src/engine/hover/related';
import { ruleById } from '../../../server/src/rules';
import { LineIndex } from '../../../server/src/engine/text';
import type { Finding } from '../../../server/src/engine/types';
import { marked } from './support';

function hover(path: string, src: string, findings: Finding[] = [], today = '2026-12-01') {
  const { text, offset } = marked(src);
  const lines = new LineIndex(text);
  const h = hoverAt({ file: { path, text }, position: lines.positionAt(offset), findings, ruleSummary: (id) => `summary of ${id}`, today });
  return h && { md: h.markdown, range: `${h.range.start.line + 1}:${h.range.start.character + 1}-${h.range.end.line + 1}:${h.range.end.character + 1}` };
}

const CFN = `Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      Engine: redis
      EngineVersion: "6.2"
      CacheNodeType: cache.r6gd.xlarge
      AtRestEncryptionEnabled: false
      TransitEncryptionMode: preferred
      ReplicasPerNodeGroup: 2
`;
const mark = (text: string, find: string, d = 0) => { const i = text.indexOf(find) + d; return text.slice(0, i) + '|' + text.slice(i); };

test('resource type: what it is, the settings that matter, the rules that check it, its AWS page', () => {
  const h = hover('t.yaml', mark(CFN, 'ElastiCache::Rep', 3))!;
  assert.equal(h.range, '3:11-3:45');
  assert.match(h.md, /^\*\*AWS::ElastiCache::ReplicationGroup\*\*\n\nA Valkey or Redis OSS replication group/);
  assert.match(h.md, /- Security: .*`TransitEncryptionEnabled` \(default `false`\).*`AtRestEncryptionEnabled` \(default `true` on Valkey, `false` on Redis OSS\)/);
  assert.match(h.md, /- Availability: .*`AutomaticFailoverEnabled`/);
  assert.match(h.md, /Checked by: .*`transit-encryption-disabled`/);
  assert.match(h.md, /Source: \[docs\.aws\.amazon\.com\]\(https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/UserGuide\/aws-resource-elasticache-replicationgroup\.html\)$/);
  const tf = hover('main.tf', 'resource "aws_memorydb_clu|ster" "m" {\n}\n')!;
  assert.match(tf.md, /^\*\*aws_memorydb_cluster\*\*/);
  assert.match(tf.md, /registry\.terraform\.io\/providers\/hashicorp\/aws\/latest\/docs\/resources\/memorydb_cluster/);
});

test('property key: meaning, the default for this engine, creation-only, allowed values, related rules', () => {
  const atRest = hover('t.yaml', mark(CFN, 'AtRestEnc', 2))!;
  assert.equal(atRest.range, '8:7-8:30');
  assert.match(atRest.md, /Default when absent for Redis OSS: `false`/);
  assert.match(atRest.md, /⚠ Creation-only: changing it replaces the resource/);
  assert.match(atRest.md, /Related rules: `at-rest-encryption-disabled`/);
  const valkey = hover('t.yaml', mark(CFN.replace('Engine: redis', 'Engine: valkey'), 'AtRestEnc', 2))!;
  assert.match(valkey.md, /Default when absent for Valkey: `true`/);
  const mode = hover('t.yaml', mark(CFN, 'preferred', 2))!;
  assert.match(mode.md, /Allowed values: \*\*`preferred`\*\*, `required`/);
  assert.match(mode.md, /`transit-encryption-preferred`/);
  // Terraform's own defaults: the provider turns minor upgrades on.
  const tf = hover('main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  auto_minor_vers|ion_upgrade = false\n}\n')!;
  assert.match(tf.md, /^\*\*auto_minor_version_upgrade\*\* · `aws_elasticache_replication_group`/);
  assert.match(tf.md, /Default when absent: `true`/);
  // A nested Terraform block argument, through the table's children.
  const max = hover('main.tf', 'resource "aws_elasticache_serverless_cache" "s" {\n  cache_usage_limits {\n    data_storage {\n      maxi|mum = 10\n    }\n  }\n}\n')!;
  assert.match(max.md, /^\*\*maximum\*\* · `aws_elasticache_serverless_cache`\n\nAt most this much data \(1–5,000 GB\)/);
  assert.match(max.md, /`service-limit-exceeded`/);
});

test('node type: memory, usable memory, vCPU, network, generation, data tiering, source', () => {
  const h = hover('t.yaml', mark(CFN, 'r6gd.xlarge', 3))!;
  assert.equal(h.range, '7:22-7:39');
  assert.match(h.md, /^\*\*cache\.r6gd\.xlarge\*\* · ElastiCache node type/);
  assert.match(h.md, /\| Memory \| 26\.32 GiB \(maxmemory\) \|/);
  assert.match(h.md, /\| Usable \| ≈ 19\.74 GiB after the default 25 % reserved memory \|/);
  assert.match(h.md, /\| vCPU \| 4 \|/);
  assert.match(h.md, /\| Data tiering \| 99\.33 GiB SSD \|/);
  assert.match(h.md, /Source: \[docs\.aws\.amazon\.com\]\(https:\/\/docs\.aws\.amazon\.com\/AmazonElastiCache\/latest\/dg\/CacheNodes\.SupportedTypes\.html/);
  const t2 = hover('main.tf', 'resource "aws_elasticache_cluster" "c" {\n  node_type = "cache.t2.sm|all"\n}\n')!;
  assert.match(t2.md, /\| Generation \| previous \(t2\) \|/);
  assert.match(t2.md, /Current equivalent: `cache\.t4g\.small`/);
  const legacy = hover('t.yaml', mark(CFN.replace('cache.r6gd.xlarge', 'cache.r4.large'), 'r4.large', 2))!;
  assert.match(legacy.md, /previous generation/);
  assert.match(legacy.md, /`cache\.r7g\.large`/);
  const typo = hover('t.yaml', mark(CFN.replace('cache.r6gd.xlarge', 'cache.r7gd.xlarge'), 'r7gd', 2))!;
  assert.match(typo.md, /\*\*cache\.r7gd\.xlarge\*\* is not an ElastiCache node type/);
  const memorydb = hover('main.tf', 'resource "aws_memorydb_cluster" "m" {\n  node_type = "db.r6gd.x|large"\n}\n')!;
  assert.match(memorydb.md, /≈ 21\.32 GiB after the default 19 % reserved memory/);
  const wrongService = hover('main.tf', 'resource "aws_memorydb_cluster" "m" {\n  node_type = "cache.r7g.lar|ge"\n}\n')!;
  assert.match(wrongService.md, /is an ElastiCache node type, not MemoryDB's\. MemoryDB has `db\.r7g\.large`/);
});

test('engine version: support status and dates on the day asked, the Valkey to move to', () => {
  const h = hover('t.yaml', mark(CFN, '6.2"', 1))!;
  assert.match(h.md, /^\*\*Redis OSS 6\.2\*\*/);
  assert.match(h.md, /Standard support until 2027-01-31; Extended Support \(paid\) 2027-02-01 – 2030-01-31/);
  assert.match(h.md, /Newer: Valkey 9\.1/);
  const later = hover('t.yaml', mark(CFN, '6.2"', 1), [], '2027-06-01')!;
  assert.match(later.md, /⚠ Past standard support \(ended 2027-01-31\): billed as Extended Support until end of life on 2030-01-31/);
  const retired = hover('t.yaml', mark(CFN.replace('"6.2"', '"3.2.10"'), '3.2', 1))!;
  assert.match(retired.md, /Redis OSS 3\.x reached end of life on 2023-07-31/);
  // Terraform's default engine is redis: said so when the engine is not written.
  const tf = hover('main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  engine_version = "5.0|.6"\n}\n')!;
  assert.match(tf.md, /Redis OSS 5\.0\.6\*\* \(engine not written: Redis OSS is the default here\)/);
  assert.match(tf.md, /Past standard support/);
});

test('community module source, and a diagnostic first with the template hover after it', () => {
  const m = hover('main.tf', 'module "c" {\n  source = "terraform-aws-modules/elasti|cache/aws"\n}\n')!;
  assert.match(m.md, /^\*\*terraform-aws-modules\/elasticache\/aws\*\* · community module/);
  assert.match(m.md, /`aws_elasticache_replication_group`/);
  assert.equal(hover('main.tf', 'module "c" {\n  source = "./mod|ules/cache"\n}\n'), undefined);
  const range = { start: { line: 7, character: 6 }, end: { line: 7, character: 36 } };
  const finding: Finding = { ruleId: 'at-rest-encryption-disabled', severity: 'warning', message: 'At-rest encryption is off', range, docs: 'https://example/at-rest', fixes: [] };
  const both = hover('t.yaml', mark(CFN, 'AtRestEnc', 2), [finding])!;
  assert.match(both.md, /^\*\*cachelint · .*\(`at-rest-encryption-disabled`, warning\)\n\nAt-rest encryption is off\n\n---\n\nsummary of at-rest-encryption-disabled/);
  assert.match(both.md, /---\n\n\*\*AtRestEncryptionEnabled\*\*/);
});

test('a known community module\'s inputs read as the resource it builds, with the module\'s defaults', () => {
  const call = 'module "cache" {\n  source = "terraform-aws-modules/elasticache/aws"\n  engine = "valkey"\n  node_type = "cache.m7g.la|rge"\n  kms_key_arn = aws_kms_key.cache.arn\n  transit_encryption_enabled = true\n}\n';
  assert.match(hover('main.tf', call)!.md, /^\*\*cache\.m7g\.large\*\* · ElastiCache node type[\s\S]*\| Memory \| 6\.38 GiB/);
  const tls = hover('main.tf', call.replace('|', '').replace('transit_encryption_enabled', 'transit_enc|ryption_enabled'))!;
  assert.match(tls.md, /^\*\*transit_encryption_enabled\*\* · module `terraform-aws-modules\/elasticache\/aws` → `aws_elasticache_replication_group`/);
  assert.match(tls.md, /Default when absent: `true` \(the module's\)/);
  assert.match(tls.md, /Default: https:\/\/github\.com\/terraform-aws-modules\/terraform-aws-elasticache\/blob\/[0-9a-f]+\/variables\.tf/);
  const kms = hover('main.tf', call.replace('|', '').replace('kms_key_arn', 'kms_k|ey_arn'))!;
  assert.match(kms.md, /^\*\*kms_key_arn\*\* · module `terraform-aws-modules\/elasticache\/aws` → `aws_elasticache_replication_group` `kms_key_id`/);
  // An unknown module's inputs say nothing.
  assert.equal(hover('main.tf', 'module "c" {\n  source = "./modules/cache"\n  node_type = "cache.m7g.la|rge"\n}\n'), undefined);
});

test('no hover in application code, on unknown properties, or outside resources', () => {
  assert.equal(hover('app.py', 'r.set("cache.r7g.la|rge", 1)\n'), undefined);
  assert.equal(hover('t.yaml', mark(CFN, 'Resources', 2)), undefined);
  assert.equal(hover('t.yaml', mark(CFN.replace('ReplicasPerNodeGroup', 'NotAProperty'), 'NotAProp', 2)), undefined);
});

test('every rule the related tables name is registered', () => {
  for (const id of relatedRuleIds()) assert.ok(ruleById(id), id);
});
