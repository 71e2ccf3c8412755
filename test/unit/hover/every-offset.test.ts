/**
 * Hover and completion at every offset of the template fixtures, and of every prefix of them (a template typed
 * from its first character to its last): never a throw, and every range lies inside the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hoverAt } from '../../../server/src/engine/hover';
import { completeAt } from '../../../server/src/engine/completion';
import { LineIndex } from '../../../server/src/engine/text';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const files = ['cloudformation/cache-stack.yaml', 'cloudformation/cache-stack.json', 'terraform/main.tf', 'terraform/main.tf.json', 'terraform/broken.tf']
  .map((f) => path.join(FIXTURES, f));

function check(file: string, text: string, offsets: Iterable<number>): number {
  const lines = new LineIndex(text);
  let answers = 0;
  const inside = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    lines.offsetAt(r.start) <= lines.offsetAt(r.end) && lines.offsetAt(r.end) <= text.length;
  for (const raw of offsets) {
    // An offset between the \r and \n of a CRLF is no editor position: the position's own offset is the cursor.
    const position = lines.positionAt(raw);
    const offset = lines.offsetAt(position);
    const h = hoverAt({ file: { path: file, text }, position, ruleSummary: () => undefined, today: '2026-12-01' });
    if (h) { answers++; assert.ok(inside(h.range), `${path.basename(file)} @${offset}: hover range outside the text`); }
    for (const e of completeAt({ file: { path: file, text }, position, today: '2026-12-01' })) {
      assert.ok(inside(e.range), `${path.basename(file)} @${offset}: completion range outside the text`);
      assert.ok(lines.offsetAt(e.range.start) <= offset && offset <= lines.offsetAt(e.range.end), `${path.basename(file)} @${offset}: ${e.label} replaces text away from the cursor`);
    }
  }
  return answers;
}

for (const file of files) {
  test(`every offset of ${path.relative(FIXTURES, file)}`, () => {
    const text = fs.readFileSync(file, 'utf8');
    // Every offset of the short files; every other one of the YAML template, which is re-read at each.
    const step = text.length > 3000 ? 2 : 1;
    const answers = check(file, text, Array.from({ length: Math.floor(text.length / step) + 1 }, (_, i) => i * step));
    assert.ok(answers > 0, 'some position has a hover');
  });
  test(`the end of every prefix of ${path.relative(FIXTURES, file)}, as while typing`, () => {
    const text = fs.readFileSync(file, 'utf8');
    // Each prefix, at its end; every 7th to keep the suite quick.
    for (let n = 0; n <= text.length; n += 7) check(file, text.slice(0, n), [n]);
  });
}

/** A small deterministic generator (mulberry32): the same mutations on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['{', '}', '[', ']', '"', ':', '\n', ' ', '-', '#', '=', '\\', '${', '<<EOT\n', '!Ref ', '\t', '\r\n', '\ufeff'];

for (const file of files) {
  test(`mutated copies of ${path.relative(FIXTURES, file)}: spans deleted, brackets and quotes inserted`, () => {
    const original = fs.readFileSync(file, 'utf8');
    const rand = rng(0x5eed + original.length);
    for (let n = 0; n < 120; n++) {
      let text = original;
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(rand() * (text.length + 1));
        text = rand() < 0.5
          ? text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20))
          : text.slice(0, at) + NOISE[Math.floor(rand() * NOISE.length)] + text.slice(at);
      }
      check(file, text, Array.from({ length: 4 }, () => Math.floor(rand() * (text.length + 1))));
    }
  });
}
