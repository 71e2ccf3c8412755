/**
 * The Python fixtures through the whole engine: the findings each `*.expected.json` lists, and every offered fix
 * applies to text that still parses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';
import { parsesCleanly } from './support';

const DIR = path.join(__dirname, '../../fixtures/python');

for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith('.py'))) {
  test(`fixture ${name}`, async () => {
    const file = path.join(DIR, name);
    const text = fs.readFileSync(file, 'utf8');
    const expected = JSON.parse(fs.readFileSync(file.replace(/\.py$/, '.expected.json'), 'utf8')) as { findings: string[] };
    const result = await analyzeSource(`test/fixtures/python/${name}`, text);
    assert.equal(result?.format, 'python');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summarize(result), [...expected.findings].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    for (const finding of result.findings) {
      for (const fix of finding.fixes) {
        assert.ok(await parsesCleanly(applyEdits(text, fix.edits)), `${finding.ruleId} fix "${fix.title}" breaks the file`);
      }
    }
  });
}
