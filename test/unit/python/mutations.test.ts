/**
 * Broken input never makes the extractor throw: the fixtures, mangled in seeded ways (spans deleted, duplicated,
 * replaced by stray brackets, quotes, indentation and keywords), all parse into a model whose ranges lie inside the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePython } from './support';

const FIXTURES = join(__dirname, '../../fixtures/python');
const TOKENS = ['(', ')', '[', ']', '{', '}', "'", '"', '"""', 'f"{', '\\', ':', ',', '\n', '\n    ', '#', 'await ', 'lambda: ', 'redis.Redis(', 'r.set(', '.pipeline()', '*', '**', ' if x else ', 'async def ', 'class C(redis.Redis):', ':=', 'with r.pipeline() as p:'];

/** mulberry32: small, seeded, good enough to pick spans. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, rnd: () => number): string {
  let out = text;
  for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
    const a = Math.floor(rnd() * out.length);
    const b = Math.min(out.length, a + Math.floor(rnd() * 40));
    const token = TOKENS[Math.floor(rnd() * TOKENS.length)];
    const pick = rnd();
    if (pick < 0.3) out = out.slice(0, a) + out.slice(b);
    else if (pick < 0.5) out = out.slice(0, b) + out.slice(a, b) + out.slice(b);
    else if (pick < 0.8) out = out.slice(0, a) + token + out.slice(b);
    else out = out.slice(0, a) + token.repeat(1 + Math.floor(rnd() * 50)) + out.slice(a);
  }
  return out;
}

for (const name of ['cart_service.py', 'session_api.py']) {
  test(`mangled copies of ${name} parse without throwing`, { timeout: 120_000 }, async () => {
    const original = readFileSync(join(FIXTURES, name), 'utf8');
    const rnd = random(name.length * 7919);
    for (let i = 0; i < 150; i++) {
      const text = mutate(original, rnd);
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
