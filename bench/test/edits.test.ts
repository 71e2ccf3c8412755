import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { editScript, editSpots, type Edit } from '../lsp/edits';
import type { Position } from '../lsp/client';
import { cloudFormationOfLines } from '../inputs/cloudformation';
import { typescriptOfLines } from '../inputs/typescript';
import { CODE_SPOTS, TEMPLATE_SPOTS } from '../sections/latency';

function apply(text: string, edits: Edit[]): string {
  const offset = (t: string, p: Position) => {
    let start = 0;
    for (let l = 0; l < p.line; l++) start = t.indexOf('\n', start) + 1;
    return start + p.character;
  };
  for (const e of edits) text = text.slice(0, offset(text, e.start)) + e.text + text.slice(offset(text, e.end));
  return text;
}

const TEXT = ['name: alpha', 'desc: first one', 'name: beta', 'desc: second one', 'name: gamma', 'desc: third one', ''].join('\n');
const SPOTS = [{ kind: 'value', after: /name: / }, { kind: 'description', after: /desc: / }];

test('spots sit just after their match, kinds taking turns, spread from top to bottom', () => {
  assert.deepEqual(editSpots(TEXT, SPOTS, 2), [
    { kind: 'value', at: { line: 0, character: 6 } },
    { kind: 'description', at: { line: 1, character: 6 } },
    { kind: 'value', at: { line: 2, character: 6 } },
    { kind: 'description', at: { line: 3, character: 6 } },
  ]);
  assert.deepEqual(editSpots(TEXT, SPOTS, 10).map((s) => s.at.line), [0, 1, 2, 3, 4, 5]);
});

test('each insert is undone by the next edit, so every second version is the original text', () => {
  const script = editScript(TEXT, SPOTS, 8);
  assert.equal(script.length, 8);
  assert.deepEqual(script.map((e) => e.text), ['x', '', 'x', '', 'x', '', 'x', '']);
  assert.equal(apply(TEXT, script.slice(0, 1)), TEXT.replace('name: alpha', 'name: xalpha'));
  assert.equal(apply(TEXT, script.slice(0, 3)), TEXT.replace('desc: first', 'desc: xfirst'));
  for (let k = 2; k <= 8; k += 2) assert.equal(apply(TEXT, script.slice(0, k)), TEXT);
});

test('a spot that matches nowhere is an error, not a silent lack of edits', () => {
  assert.throws(() => editScript(TEXT, [{ kind: 'property key', after: /Preferred/ }], 4), /no place for a property key edit/);
});

for (const [label, make, spots] of [
  ['template', () => cloudFormationOfLines(5000, 'yaml').text, TEMPLATE_SPOTS],
  ['code file', () => typescriptOfLines(10000).text, CODE_SPOTS],
] as const) {
  test(`the latency ${label} offers 200 edits at distinct places of every kind, all through the file`, () => {
    const text = make();
    const script = editScript(text, spots, 200);
    const places = new Set(script.map((e) => `${e.start.line}:${e.start.character}`));
    assert.ok(places.size >= 90, `${places.size} distinct places for 100 insert/delete pairs`);
    assert.deepEqual(new Set(script.map((e) => e.kind)), new Set(['string value', 'description', 'property key']));
    const lines = script.map((e) => e.start.line), total = text.split('\n').length;
    assert.ok(Math.min(...lines) < total / 10 && Math.max(...lines) > total * 0.9, `spread over ${Math.min(...lines)}..${Math.max(...lines)} of ${total}`);
    assert.equal(apply(text, script), text);
  });
}
