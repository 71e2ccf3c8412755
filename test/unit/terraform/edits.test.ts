/**
 * Fixes on Terraform files: the exact text after applying them, that the result re-parses cleanly, that the
 * finding is gone, and (where the binary is installed) that `terraform fmt` would not change the result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFmtClean } from '../../support/terraformFmt';
import { analyzeSource, applyEdits, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');


/** Applies the fix titled `title` (default: the preferred one) of the only finding, and checks the result. */
async function fix(path: string, text: string, title?: RegExp): Promise<string> {
  const before = await analyzeSource(path, text);
  assert.equal(before?.findings.length, 1, 'one finding to fix');
  const chosen = before!.findings[0].fixes.find((f) => (title ? title.test(f.title) : f.isPreferred));
  assert.ok(chosen, 'the fix is offered');
  const out = applyEdits(text, chosen.edits);
  const after = await analyzeSource(path, out);
  assert.deepEqual(after?.errors, [], 'the fixed file re-parses without errors');
  assert.deepEqual(summarize(after), [], 'the finding is gone');
  return out;
}


test('inserts after the aligned group and realigns it, as terraform fmt does', async (t) => {
  const text = [
    'resource "aws_elasticache_replication_group" "rg" {',
    '  description = "Sessions"',
    '  engine      = "redis" # the default',
    '',
    '  log_delivery_configuration {',
    '    log_type = "slow-log"',
    '  }',
    '}',
    '',
  ].join('\n');
  const out = await fix('main.tf', text);
  assert.equal(out, [
    'resource "aws_elasticache_replication_group" "rg" {',
    '  description                = "Sessions"',
    '  engine                     = "redis" # the default',
    '  transit_encryption_enabled = true',
    '',
    '  log_delivery_configuration {',
    '    log_type = "slow-log"',
    '  }',
    '}',
    '',
  ].join('\n'));
  assertFmtClean(out, t);
});

test('replaces a value in place, and adds the migration mode beside it', async (t) => {
  const text = 'resource "aws_elasticache_replication_group" "rg" {\n  description                = "x"\n  transit_encryption_enabled = false\n  port                       = 6379\n}\n';
  assert.equal(await fix('main.tf', text), text.replace('= false', '= true'));
  const out = await fix('main.tf', text, /preferred/);
  assert.equal(out, 'resource "aws_elasticache_replication_group" "rg" {\n  description                = "x"\n  transit_encryption_enabled = true\n  transit_encryption_mode    = "preferred"\n  port                       = 6379\n}\n');
  assertFmtClean(out, t);
});

test('an empty one-line block is opened up', async (t) => {
  const out = await fix('main.tf', 'resource "aws_elasticache_cluster" "c" {}\n');
  assert.equal(out, 'resource "aws_elasticache_cluster" "c" {\n  transit_encryption_enabled = true\n}\n');
  assertFmtClean(out, t);
});

test('an empty multi-line block gets the block indent plus two spaces', async (t) => {
  const out = await fix('main.tf', 'resource "aws_elasticache_cluster" "c" {\n}\n');
  assert.equal(out, 'resource "aws_elasticache_cluster" "c" {\n  transit_encryption_enabled = true\n}\n');
  assertFmtClean(out, t);
});

test('a block with only nested blocks: inserted first, at their indentation', async (t) => {
  const out = await fix('main.tf', 'resource "aws_elasticache_cluster" "c" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n');
  assert.equal(out, 'resource "aws_elasticache_cluster" "c" {\n  transit_encryption_enabled = true\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n');
  assertFmtClean(out, t);
});

test('after a multi-line attribute the new line starts its own group', async (t) => {
  const text = 'resource "aws_elasticache_cluster" "c" {\n  cluster_id = "c"\n  tags = {\n    team = "shop"\n  }\n}\n';
  const out = await fix('main.tf', text);
  assert.equal(out, 'resource "aws_elasticache_cluster" "c" {\n  cluster_id = "c"\n  tags = {\n    team = "shop"\n  }\n  transit_encryption_enabled = true\n}\n');
  assertFmtClean(out, t);
});

test('a file that is not fmt-aligned is not re-spaced', async () => {
  const out = await fix('main.tf', 'resource "aws_elasticache_cluster" "c" {\n    engine="redis"\n    node_type = "cache.t4g.small"\n}\n');
  assert.equal(out, 'resource "aws_elasticache_cluster" "c" {\n    engine="redis"\n    node_type = "cache.t4g.small"\n    transit_encryption_enabled = true\n}\n');
});

test('CRLF files stay CRLF', async (t) => {
  const text = 'resource "aws_memorydb_cluster" "m" {\r\n  acl_name    = "open-access"\r\n  tls_enabled = false\r\n}\r\n';
  const out = await fix('main.tf', text);
  assert.equal(out, text.replace('= false', '= true'));
  const crlf = await fix('main.tf', 'resource "aws_elasticache_cluster" "c" {\r\n  engine = "redis"\r\n}\r\n');
  assert.equal(crlf, 'resource "aws_elasticache_cluster" "c" {\r\n  engine                     = "redis"\r\n  transit_encryption_enabled = true\r\n}\r\n');
  assert.ok(!/[^\r]\n/.test(crlf));
  assertFmtClean(crlf.replace(/\r\n/g, '\n'), t);
});

test('.tf.json: value replaced in place, member added after the last one', async () => {
  const text = '{\n  "resource": {\n    "aws_elasticache_replication_group": {\n      "rg": {\n        "description": "x",\n        "transit_encryption_enabled": false\n      }\n    }\n  }\n}\n';
  assert.equal(await fix('main.tf.json', text), text.replace(': false', ': true'));
  const out = await fix('main.tf.json', text, /preferred/);
  assert.equal(out, text.replace(': false', ': true,\n        "transit_encryption_mode": "preferred"'));
  const absent = await fix('main.tf.json', '{"resource": {"aws_elasticache_cluster": {"c": {"engine": "redis"}}}}');
  assert.equal(absent, '{"resource": {"aws_elasticache_cluster": {"c": {"engine": "redis", "transit_encryption_enabled": true}}}}');
  assert.doesNotThrow(() => JSON.parse(absent));
});

test('removeProperty drops the line and realigns the group; setPropertyExpression writes raw HCL', async (t) => {
  const { parseTerraform } = await import('./parse');
  const text = 'resource "aws_elasticache_replication_group" "rg" {\n  description = "x"\n  auth_token  = "hunter2hunter2hunter2"\n}\n';
  const parsed = await parseTerraform('main.tf', text);
  const resource = parsed.model.resources[0];
  const removed = applyEdits(text, parsed.buildEdits({ kind: 'removeProperty', resource, property: 'authToken' })!);
  assert.equal(removed, 'resource "aws_elasticache_replication_group" "rg" {\n  description = "x"\n}\n');
  const expr = applyEdits(text, parsed.buildEdits({ kind: 'setPropertyExpression', resource, property: 'authToken', expression: { cloudformation: '', terraform: 'var.auth_token' } })!);
  assert.equal(expr, text.replace('"hunter2hunter2hunter2"', 'var.auth_token'));
  const added = applyEdits(text, parsed.buildEdits({ kind: 'setProperties', resource, values: [{ property: 'kmsKeyId', value: 'a "quoted" ${x}' }] })!);
  assert.equal(added, text.replace('hunter2"\n', 'hunter2"\n  kms_key_id  = "a \\"quoted\\" $${x}"\n'));
  assertFmtClean(added, t);
  assert.equal(parsed.buildEdits({ kind: 'removeProperty', resource, property: 'port' }), undefined, 'nothing to remove');
});

test('a one-line block with an attribute is opened up, one aligned attribute per line', async (t) => {
  const out = await fix('main.tf', 'resource "aws_elasticache_replication_group" "x" { description = "x" }\n');
  assert.equal(out, 'resource "aws_elasticache_replication_group" "x" {\n  description                = "x"\n  transit_encryption_enabled = true\n}\n');
  assertFmtClean(out, t);
});

test('a one-line block: a replaced value stays inline, an added one opens the block; comments stay put', async (t) => {
  const text = '  resource "aws_elasticache_replication_group" "x" { transit_encryption_enabled = false }\n';
  assert.equal(await fix('main.tf', text), text.replace('false', 'true'));
  const both = await fix('main.tf', text, /preferred/);
  assert.equal(both, '  resource "aws_elasticache_replication_group" "x" {\n    transit_encryption_enabled = true\n    transit_encryption_mode    = "preferred"\n  }\n');
  const commented = await fix('main.tf', 'resource "aws_elasticache_cluster" "c" { engine = "redis" /* pinned */ } # cache\n');
  assert.equal(commented, 'resource "aws_elasticache_cluster" "c" {\n  engine                     = "redis" /* pinned */\n  transit_encryption_enabled = true\n} # cache\n');
  assertFmtClean(commented, t);
});

test('.tf.json: a one-line object stays one line and valid JSON', async () => {
  const text = '{\n  "resource": {\n    "aws_elasticache_replication_group": {\n      "x": {"description": "x"}\n    }\n  }\n}\n';
  const out = await fix('main.tf.json', text);
  assert.equal(out, text.replace('"x"}', '"x", "transit_encryption_enabled": true}'));
  assert.doesNotThrow(() => JSON.parse(out));
});
