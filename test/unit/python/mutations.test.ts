/**
 * Broken input never makes the extractor throw: the fixtures, mangled in seeded ways (spans deleted, duplicated,
 * replaced by stray brackets, quotes, indentation and keywords), all parse into a model whose ranges lie inside the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutate as mangle, random } from '../../support/mutate';
import { parsePython } from './support';

const FIXTURES = join(__dirname, '../../fixtures/python');
const TOKENS = ['(', ')', '[', ']', '{', '}', "'", '"', '"""', 'f"{', '\\', ':', ',', '\n', '\n    ', '#', 'await ', 'lambda: ', 'redis.Redis(', 'r.set(', '.pipeline()', '*', '**', ' if x else ', 'async def ', 'class C(redis.Redis):', ':=', 'with r.pipeline() as p:'];

for (const name of ['cart_service.py', 'session_api.py']) {
  test(`mangled copies of ${name} parse without throwing`, { timeout: 120_000 }, async () => {
    const original = readFileSync(join(FIXTURES, name), 'utf8');
    const rnd = random(name.length * 7919);
    for (let i = 0; i < 150; i++) {
      const text = mangle(original, rnd, TOKENS);
      const parsed = await parsePython(text, `app/${name}`);
      assert.deepEqual(parsed.errors, [], `case ${i}`);
      const lines = text.split('\n');
      for (const c of parsed.model.calls) {
        const { start, end } = c.range;
        assert.ok(start.line <= end.line && end.line < lines.length && end.character <= lines[end.line].length, `case ${i}: ${JSON.stringify(c.range)}`);
      }
    }
  });
}
