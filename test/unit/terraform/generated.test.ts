/**
 * A generated module the size of the largest benchmark input (20,000 lines of mostly non-cache resources, heredocs,
 * dynamic blocks, for_each and locals): the findings must be exactly those its generator wrote down as it emitted
 * each mistake, so a faster reading cannot silently drop or invent one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize, onlyIacRules } from '../../support/analyze';
import { generateModule } from './generated-module';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const module20k = generateModule(20_000);

test('a generated 20,000-line module: exactly the findings the generator emitted', async () => {
  const { text, expected } = module20k;
  assert.ok(text.split('\n').length >= 20_000);
  const result = await analyzeSource('main.tf', text);
  assert.deepEqual(result?.errors, []);
  assert.equal(expected.length, 79);
  assert.deepEqual(summarize(result), expected);
});

test('every preferred fix in the 20,000-line module applies together and leaves nothing to find', async () => {
  const { text } = module20k;
  const before = await analyzeSource('main.tf', text);
  const edits = before!.findings.flatMap((f) => f.fixes.find((x) => x.isPreferred)?.edits ?? []);
  assert.equal(before!.findings.filter((f) => f.fixes.some((x) => x.isPreferred)).length, 79, 'every finding has a fix');
  const after = await analyzeSource('main.tf', applyEdits(text, edits));
  assert.deepEqual(after?.errors, []);
  assert.deepEqual(summarize(after), []);
});

test('a syntax error in one unrelated block costs no finding anywhere else', async () => {
  const { text, expected } = module20k;
  const broken = text.replace('      identifiers = ["ec2.amazonaws.com"]\n', '      identifiers = ["ec2.amazonaws.com"\n');
  assert.notEqual(broken, text);
  const result = await analyzeSource('main.tf', broken);
  assert.ok(result!.errors.length > 0 && result!.errors.every((e) => /^HCL syntax error/.test(e.message)));
  assert.deepEqual(summarize(result), expected);
});
