/**
 * A fix is offered only where it can be placed whole: never inside another item or an open block comment, never on
 * one of two copies of an attribute, never in a Terraform JSON object the syntax error runs through. (Each case was
 * found by the fuzzer as a fix that broke the file or left the finding.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize, onlyIacRules } from '../../support/analyze';
import { at, parseTerraform } from './parse';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const ID = 'transit-encryption-disabled';

async function fixTitles(path: string, text: string): Promise<string[][]> {
  const result = await analyzeSource(path, text);
  return result!.findings.map((f) => f.fixes.map((x) => x.title));
}

test('HCL: no line is inserted where the next item, or the block\'s own }, is on the rest of the line', async () => {
  // The grammar reads `1e3` as `1` and a block `e3 dynamic "ingress" { … }` that starts on the for_each line.
  const runOn = 'resource "aws_elasticache_replication_group" "rg" {\n  for_each = var.on ? 1 : 1e3\n  dynamic "ingress" {\n    content {}\n  }\n}\n';
  const openBlock = 'resource "aws_elasticache_cluster" "c" { lifecycle {\n  }\n}\n';
  const closedOnTheLine = 'resource "aws_elasticache_cluster" "c" {\n  engine = "redis" }\n';
  for (const text of [runOn, openBlock, closedOnTheLine]) {
    const result = await analyzeSource('main.tf', text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), [`${ID}@1:10`]);
    assert.deepEqual(result!.findings[0].fixes, [], text);
  }
});

test('HCL: not inside a block comment opened on the anchor line, but after a line comment', async () => {
  const open = 'resource "aws_elasticache_cluster" "c" {\n  engine = "redis" /* pinned\n  until 2026 */\n}\n';
  assert.deepEqual(await fixTitles('main.tf', open), [[]]);
  const closed = 'resource "aws_elasticache_cluster" "c" {\n  engine = "redis" /* pinned */ # until 2026 /* not a block\n}\n';
  const result = await analyzeSource('main.tf', closed);
  const fixed = applyEdits(closed, result!.findings[0].fixes[0].edits);
  assert.equal(fixed, 'resource "aws_elasticache_cluster" "c" {\n  engine                     = "redis" /* pinned */ # until 2026 /* not a block\n  transit_encryption_enabled = true\n}\n');
});

test('HCL: an attribute written twice gets no fix, in a resource or a variable', async () => {
  const resource = 'resource "aws_memorydb_cluster" "m" {\n  tls_enabled = false\n  tls_enabled = false\n}\n';
  assert.deepEqual(await fixTitles('main.tf', resource), [[]]);
  const variable = 'variable "tls" {\n  default = false\n  default = false\n}\nresource "aws_memorydb_cluster" "m" {\n  tls_enabled = var.tls\n}\n';
  assert.deepEqual(await fixTitles('main.tf', variable), [['Set tls_enabled to true']]);
});

test('.tf.json: an object the syntax error runs through gets no fix; one closed before it keeps its fix', async () => {
  const text = '{"resource": {"aws_elasticache_cluster": {\n  "a": {"engine": "redis"},\n  "b": {"engine": "redis", "port": "63';
  const result = await analyzeSource('main.tf.json', text);
  assert.deepEqual(result!.errors.map((e) => e.message), ['JSON syntax error: Unterminated string']);
  assert.deepEqual(summarize(result), [`${ID}@2:3`, `${ID}@3:3`]);
  assert.deepEqual(result!.findings.map((f) => f.fixes.map((x) => x.title)), [['Set transit_encryption_enabled to true'], []]);
  assert.equal(applyEdits(text, result!.findings[0].fixes[0].edits).split('\n')[1], '  "a": {"engine": "redis", "transit_encryption_enabled": true},');
});

test('.tf.json: lone CR line breaks read as JSON reads them, and an error range never ends inside a CRLF', async () => {
  const lf = '{\n  "resource": {\n    "aws_elasticache_cluster": {\n      "c": {\n        "engine": "redis"\n      }\n    }\n  }\n}\n';
  const cr = lf.replace(/\n/g, '\r');
  const [a, b] = [await analyzeSource('main.tf.json', lf), await analyzeSource('main.tf.json', cr)];
  assert.deepEqual(b?.errors, []);
  assert.deepEqual(summarize(b), summarize(a));
  assert.deepEqual(summarize(await analyzeSource('main.tf.json', applyEdits(cr, b!.findings[0].fixes[0].edits))), []);
  const parsed = await parseTerraform('bad.tf.json', '{\r\n\t"re\r\n}');
  assert.deepEqual(parsed.errors.map((e) => [e.message, at(e.range)]), [['JSON syntax error: Bad control character in string literal', '2:5-3:1']]);
});

test('Terraform JSON: a file cut inside a string that ends in `}` gets no fix in the object the string leaves open', async () => {
  // V8 reports an unterminated string at the end of the input; the `}` of "${local.tls}" is not the object's.
  const cut = '{"resource": {"aws_elasticache_replication_group": {"sessions": {\n  "description": "s",\n  "engine": "redis",\n  "at_rest_encryption_enabled": "${local.tls}';
  const result = await analyzeSource('main.tf.json', cut);
  assert.deepEqual(result!.errors.map((e) => e.message), ['JSON syntax error: Unterminated string']);
  assert.deepEqual(result!.findings.map((f) => [f.ruleId, f.fixes.length]), [[ID, 0]]);
  // Closed, the same object takes the fix.
  const whole = await analyzeSource('main.tf.json', cut + '"}}}}');
  assert.deepEqual(whole!.errors, []);
  assert.deepEqual(whole!.findings.map((f) => [f.ruleId, f.fixes.length > 0]), [[ID, true]]);
});

test('Terraform JSON: an object cut short whose text ends in a member\'s own `}` gets no fix', async () => {
  // The last `}` closes "a": {} inside the last member; the cache cluster's object itself is never closed.
  const cut = '{"resource": {"aws_elasticache_cluster": {"q": {\n  "engine": "redis",\n  "tags": [{"a": {}';
  const result = await analyzeSource('main.tf.json', cut);
  assert.ok(result!.errors.length, 'the cut text has a syntax error');
  assert.deepEqual(result!.findings.map((f) => [f.ruleId, f.fixes.length]), [[ID, 0]]);
  const whole = await analyzeSource('main.tf.json', cut + '}]}}}}');
  assert.deepEqual(whole!.errors, []);
  assert.deepEqual(whole!.findings.map((f) => [f.ruleId, f.fixes.length > 0]), [[ID, true]]);
});
