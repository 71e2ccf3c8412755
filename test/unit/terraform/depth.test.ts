/**
 * Deep input must cost precision, never the file: long local chains, deep nesting and local fan-out are read up to
 * a bound and as unknown past it, without a stack overflow or exponential time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';
import { parseTerraform } from './parse';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const ID = 'transit-encryption-disabled';
const RG = (body: string) => `resource "aws_elasticache_replication_group" "rg" {\n${body}}\n`;

function localChain(n: number, last: string): string {
  const lines = [`  a0 = ${last}`];
  for (let i = 1; i < n; i++) lines.push(`  a${i} = local.a${i - 1}`);
  return `locals {\n${lines.join('\n')}\n}\n`;
}

test('a chain of 3,000 locals: the file is analysed and the resource normalised, the far end unknown', async () => {
  const text = localChain(3000, 'false') + RG('  description                = "x"\n  transit_encryption_enabled = local.a2999\n');
  const result = await analyzeSource('main.tf', text);
  assert.deepEqual(result?.errors, []);
  assert.deepEqual(summarize(result), [], 'past the bound the value is unknown, so the rule stays quiet');
  const parsed = await parseTerraform('main.tf', text);
  assert.equal(parsed.model.resources.length, 1);
  const tls = parsed.model.resources[0].properties.get('transitEncryptionEnabled');
  assert.equal(tls?.value.kind, 'unknown');
  assert.equal(parsed.model.resources[0].properties.get('description')?.value.kind, 'literal');
});

test('a short chain of locals is still followed to its value', async () => {
  const text = localChain(20, 'false') + RG('  description                = "x"\n  transit_encryption_enabled = local.a19\n');
  assert.deepEqual(summarize(await analyzeSource('main.tf', text)), [`${ID}@25:32`]);
});

test('locals that each list the previous one twice are not expanded (no exponential time)', async () => {
  const lines = ['  a0 = false'];
  for (let i = 1; i < 60; i++) lines.push(`  a${i} = [local.a${i - 1}, local.a${i - 1}]`);
  const text = `locals {\n${lines.join('\n')}\n}\n` + RG('  description = "x"\n  tags        = local.a59\n  port        = [local.a59, local.a59]\n');
  const started = Date.now();
  const result = await analyzeSource('main.tf', text);
  assert.ok(Date.now() - started < 5000, 'analysed in linear time');
  assert.deepEqual(result?.errors, []);
  assert.deepEqual(summarize(result), [`${ID}@63:10`]);
});

test('deeply nested objects, tuples, blocks and negations: analysed, the depth past the bound unknown', async () => {
  const n = 3000;
  const cases = [
    `  tags = ${'{a = '.repeat(n)}1${' }'.repeat(n)}\n`,
    `  tags = ${'['.repeat(n)}1${']'.repeat(n)}\n`,
    `  port = ${'-'.repeat(n)}1\n`,
    `${'b {\n'.repeat(n)}${'}\n'.repeat(n)}`,
  ];
  for (const body of cases) {
    const text = RG(`  description = "x"\n${body}`);
    const result = await analyzeSource('main.tf', text);
    assert.deepEqual(result?.errors, [], body.slice(0, 20));
    assert.deepEqual(summarize(result), [`${ID}@1:10`], body.slice(0, 20));
  }
  const parsed = await parseTerraform('main.tf', RG(`  tags = ${'{a = '.repeat(100)}1${' }'.repeat(100)}\n`));
  let value = parsed.model.resources[0].properties.get('tags')?.value;
  let depth = 0;
  while (value?.kind === 'object') { value = value.entries.get('a')?.value; depth++; }
  assert.equal(depth, 64);
  assert.equal(value?.kind, 'unknown');
});

test('.tf.json: a chain of 3,000 locals and absurd nesting are analysed; nesting past the parser cap is reported', async () => {
  const locals = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`a${i}`, i ? `\${local.a${i - 1}}` : 'x']));
  const chain = await analyzeSource('main.tf.json', JSON.stringify({ locals, resource: { aws_elasticache_replication_group: { rg: { description: '${local.a2999}' } } } }));
  assert.deepEqual(chain?.errors, []);
  assert.deepEqual(summarize(chain), [`${ID}@1:72829`]);
  // Run twice: the parser used to abort the whole process (not throw) on the second deep file.
  for (let i = 0; i < 2; i++) {
    const text = `{"resource": {"aws_elasticache_replication_group": {"rg": {"tags": ${'['.repeat(3000)}1${']'.repeat(3000)}}}}}`;
    const deep = await analyzeSource('main.tf.json', text);
    assert.deepEqual(deep?.errors.map((e) => e.message), ['JSON nested too deeply to analyse at line 1, column 320']);
    assert.deepEqual(summarize(deep), [`${ID}@1:53`]);
  }
});
