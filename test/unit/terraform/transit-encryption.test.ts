/** transit-encryption-disabled over Terraform: `valid` has no findings, `invalid` the exact `ruleId@line:col`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = (body: string, prelude = '') => `${prelude}resource "aws_elasticache_replication_group" "rg" {\n  description = "x"\n${body}}\n`;
const ID = 'transit-encryption-disabled';

const valid: { name: string; path?: string; code: string }[] = [
  { name: 'replication group with TLS on', code: RG('  transit_encryption_enabled = true\n') },
  { name: 'variable without a default (cannot know: stay quiet)', code: RG('  transit_encryption_enabled = var.tls\n', 'variable "tls" {\n  type = bool\n}\n') },
  { name: 'variable declared in another file', code: RG('  transit_encryption_enabled = var.tls\n') },
  { name: 'variable whose default is true', code: RG('  transit_encryption_enabled = var.tls\n', 'variable "tls" {\n  default = true\n}\n') },
  { name: 'function call', code: RG('  transit_encryption_enabled = tobool("true")\n') },
  { name: 'local that is true', code: RG('  transit_encryption_enabled = local.tls\n', 'locals {\n  tls = true\n}\n') },
  { name: 'cache cluster joined to a replication group', code: 'resource "aws_elasticache_cluster" "c" {\n  cluster_id           = "c"\n  replication_group_id = aws_elasticache_replication_group.rg.id\n}\n' },
  { name: 'memcached cluster with TLS', code: 'resource "aws_elasticache_cluster" "c" {\n  engine                     = "memcached"\n  transit_encryption_enabled = true\n}\n' },
  { name: 'MemoryDB without tls_enabled (defaults to true)', code: 'resource "aws_memorydb_cluster" "m" {\n  acl_name = "open-access"\n}\n' },
  { name: 'MemoryDB with tls_enabled = true', code: 'resource "aws_memorydb_cluster" "m" {\n  tls_enabled = true\n}\n' },
  { name: 'serverless cache (always TLS)', code: 'resource "aws_elasticache_serverless_cache" "s" {\n  engine = "valkey"\n  name   = "s"\n}\n' },
  { name: 'unmodelled resource types', code: 'resource "aws_instance" "i" {\n  ami = "x"\n}\nmodule "cache" {\n  source = "./cache"\n}\n' },
  { name: 'a resource block nested in another block is not a resource', code: 'module "m" {\n  resource "aws_elasticache_cluster" "c" {}\n}\n' },
  { name: '.tfvars file', path: 'prod.tfvars', code: 'transit_encryption_enabled = false\n' },
  { name: '.tf.json with TLS on', path: 'main.tf.json', code: '{"resource": {"aws_elasticache_replication_group": {"rg": {"transit_encryption_enabled": true}}}}' },
  { name: 'suppressed with a # comment', code: '# cachelint-disable-next-line transit-encryption-disabled\nresource "aws_elasticache_cluster" "c" {\n}\n' },
  { name: 'suppressed with a /* */ comment', code: '/* cachelint-disable-next-line transit-encryption-disabled */\nresource "aws_elasticache_cluster" "c" {\n}\n' },
];

const invalid: { name: string; path?: string; code: string; findings: string[] }[] = [
  // An undecided condition with a false branch: an info there (test/unit/rules/transit-encryption-model.test.ts).
  { name: 'conditional expression with a false branch', code: RG('  transit_encryption_enabled = var.env == "prod" ? true : false\n'), findings: [`${ID}@3:59`] },
  { name: 'absent on a replication group (anchored on the labels)', code: RG(''), findings: [`${ID}@1:10`] },
  { name: 'false on a replication group (on the value)', code: RG('  transit_encryption_enabled = false\n'), findings: [`${ID}@3:32`] },
  { name: 'variable whose default is false', code: RG('  transit_encryption_enabled = var.tls\n', 'variable "tls" {\n  default = false\n}\n'), findings: [`${ID}@6:32`] },
  { name: 'local that is false', code: RG('  transit_encryption_enabled = local.tls\n', 'locals {\n  tls = false\n}\n'), findings: [`${ID}@6:32`] },
  { name: '"false" string', code: RG('  transit_encryption_enabled = "false"\n'), findings: [`${ID}@3:32`] },
  { name: 'standalone redis cache cluster without TLS', code: 'resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n}\n', findings: [`${ID}@1:10`] },
  { name: 'memcached cluster without TLS', code: 'resource "aws_elasticache_cluster" "c" {\n  engine = "memcached"\n}\n', findings: [`${ID}@1:10`] },
  { name: 'MemoryDB with tls_enabled = false', code: 'resource "aws_memorydb_cluster" "m" {\n  acl_name    = "open-access"\n  tls_enabled = false\n}\n', findings: [`${ID}@3:17`] },
  { name: 'conditional resource still reports', code: RG('  count = 1\n'), findings: [`${ID}@1:10`] },
  { name: 'CRLF file', code: RG('  transit_encryption_enabled = false\n').replace(/\n/g, '\r\n'), findings: [`${ID}@3:32`] },
  { name: '.tf.json absent and false', path: 'main.tf.json', code: '{"resource": {"aws_elasticache_replication_group": {\n  "a": {"description": "x"},\n  "b": {"transit_encryption_enabled": false}\n}}}', findings: [`${ID}@2:3`, `${ID}@3:39`] },
];

for (const c of valid) {
  test(`valid: ${c.name}`, async () => {
    const result = await analyzeSource(c.path ?? 'main.tf', c.code);
    assert.ok(result, 'the file is recognised as Terraform');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summarize(result), []);
  });
}

for (const c of invalid) {
  test(`invalid: ${c.name}`, async () => {
    const result = await analyzeSource(c.path ?? 'main.tf', c.code);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), c.findings);
  });
}

test('malformed .tf: errors, no throw', async () => {
  const result = await analyzeSource('main.tf', 'resource "aws_elasticache_replication_group" "rg" {\n  transit_encryption_enabled = \n');
  assert.ok(result);
  assert.ok(result.errors.length > 0);
  assert.ok(result.errors.every((e) => /^HCL syntax error/.test(e.message) && e.range));
});
