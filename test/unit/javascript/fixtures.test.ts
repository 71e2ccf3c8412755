/**
 * Realistic services end to end through the engine: the exact findings of the code rules, so what must be found
 * and what must not be are both pinned. Paths are bare file names: under test/ the files would count as tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';
import { parsesCleanly } from './helpers';

const FIXTURES = path.join(__dirname, '../../fixtures/javascript');
const sources = fs.readdirSync(FIXTURES).filter((f) => /\.[cm]?[jt]sx?$/.test(f));

test('there are JavaScript and TypeScript fixtures', () => {
  assert.ok(sources.some((f) => f.endsWith('.ts')) && sources.some((f) => f.endsWith('.js')));
});

for (const name of sources) {
  test(`fixture ${name}: exactly the expected findings`, async () => {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, name.replace(/\.[^.]+$/, '.expected.json')), 'utf8')) as { findings: string[] };
    const result = await analyzeSource(name, text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), [...expected.findings].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });

  test(`fixture ${name}: every fix applies and re-parses cleanly`, async () => {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const result = await analyzeSource(name, text);
    for (const f of result?.findings ?? []) {
      for (const fix of f.fixes) {
        const fixed = applyEdits(text, fix.edits);
        assert.notEqual(fixed, text, fix.title);
        assert.ok(await parsesCleanly(name, fixed), `${f.ruleId}: ${fix.title}`);
      }
    }
  });
}
