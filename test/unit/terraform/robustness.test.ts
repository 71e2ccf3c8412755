/**
 * Hostile input costs precision, never the file: malformed HCL, errors deep inside nesting, huge heredocs and
 * blocks, and binary junk all come back as findings and syntax errors, never a throw. The timeouts only turn a hang
 * into a failure; speed is the benchmark's business.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';
import { parseTerraform } from './parse';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const ID = 'transit-encryption-disabled';
const GOOD = 'resource "aws_elasticache_cluster" "ok" {\n  engine = "redis"\n}\n';
const BIG = { settings: { maxFileSizeKb: 100_000 } };
const HANG = { timeout: 120_000 };

const MALFORMED: [string, string][] = [
  ['an unclosed string', 'resource "aws_instance" "i" {\n  ami = "unterminated\n}\n'],
  ['a stray closing brace', '}\n'],
  ['a doubled equals sign', 'locals {\n  a = = 1\n}\n'],
  ['an attribute without a value', 'resource "aws_memorydb_cluster" "m" {\n  tls_enabled =\n}\n'],
  ['a label inside the braces', 'resource "aws_instance" { "i" }\n'],
  ['an unclosed heredoc at the end', 'resource "aws_instance" "i" {\n  user_data = <<EOT\necho hi\n'],
  ['an unclosed tuple at the end', 'resource "aws_instance" "i" {\n  tags = [1, 2\n'],
  ['control characters and junk', 'resource "aws_instance" "i" {\u0007\u001b[31m }{ ]] "\\\n'],
];

for (const [name, broken] of MALFORMED) {
  test(`malformed HCL (${name}): syntax errors with ranges, and the well-formed block before it still found`, async () => {
    const result = await analyzeSource('main.tf', GOOD + broken);
    assert.ok(result!.errors.length > 0);
    assert.ok(result!.errors.every((e) => /^HCL syntax error/.test(e.message) && e.range), JSON.stringify(result!.errors));
    assert.ok(summarize(result).includes(`${ID}@1:10`), JSON.stringify(summarize(result)));
  });
}

test('a syntax error deep inside 100,000 nested blocks: reported, and the resource around it still read', HANG, async () => {
  const n = 100_000;
  const text = 'resource "aws_elasticache_replication_group" "rg" {\n  description = "x"\n' + 'b {\n'.repeat(n) + 'x = \n' + '}\n'.repeat(n) + '}\n';
  const result = await analyzeSource('main.tf', text);
  assert.ok(result!.errors.length > 0 && result!.errors.every((e) => /^HCL syntax error/.test(e.message)), JSON.stringify(result!.errors));
  assert.deepEqual(summarize(result), [`${ID}@1:10`]);
});

test('a <<- heredoc of 200,000 lines is read as its text, indentation stripped', HANG, async () => {
  const lines = 200_000;
  const text = `resource "aws_elasticache_replication_group" "rg" {\n  description = <<-EOT\n${'    abc\n'.repeat(lines)}  EOT\n}\n`;
  const parsed = await parseTerraform('main.tf', text);
  assert.deepEqual(parsed.errors, []);
  const description = parsed.model.resources[0].properties.get('description')?.value;
  assert.ok(description?.kind === 'literal');
  assert.equal(description.value, 'abc\n'.repeat(lines));
});

test('a block of 160,000 attributes still gets its fix', HANG, async () => {
  const attributes = Array.from({ length: 160_000 }, (_, i) => `  tag_${i} = ${i}\n`).join('');
  const text = `resource "aws_elasticache_replication_group" "rg" {\n  description = "x"\n${attributes}}\n`;
  const result = await analyzeSource('main.tf', text, BIG);
  assert.deepEqual(result?.errors, []);
  assert.deepEqual(summarize(result), [`${ID}@1:10`]);
  const fix = result!.findings[0].fixes.find((f) => f.isPreferred);
  assert.equal(fix?.title, 'Set transit_encryption_enabled to true');
  // Inserted after the last attribute (0-based line 160,001), not aligned: the names are not fmt-aligned.
  const end = { line: 160_001, character: '  tag_159999 = 159999'.length };
  assert.deepEqual(fix?.edits, [{ range: { start: end, end }, newText: '\n  transit_encryption_enabled = true' }]);
});

test('a megabyte of binary junk without NUL bytes: syntax errors, no throw, and the next file is fine', HANG, async () => {
  let seed = 7;
  let junk = '';
  for (let i = 0; i < 1_000_000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    junk += String.fromCharCode(1 + (seed % 0x2fff));
  }
  const result = await analyzeSource('junk.tf', junk, BIG);
  assert.deepEqual(result?.findings, []);
  assert.ok(result!.errors.length > 0 && result!.errors.length <= 20);
  assert.ok(result!.errors.every((e) => /^HCL syntax error/.test(e.message)), JSON.stringify(result!.errors[0]));
  assert.deepEqual(summarize(await analyzeSource('main.tf', GOOD)), [`${ID}@1:10`]);
});
