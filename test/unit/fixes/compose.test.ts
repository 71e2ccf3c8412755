/** `all`: every part's edits or none; overlapping parts give none; inserts at one point keep intent order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeAll } from '../../../server/src/fixes/compose';
import type { IacFixIntent } from '../../../server/src/fixes/intents';
import type { TextEdit } from '../../../server/src/engine/types';

const at = (line: number, from: number, to = from, newText = 'x'): TextEdit => ({ range: { start: { line, character: from }, end: { line, character: to } }, newText });
const parts = (...edits: (TextEdit[] | undefined)[]) => {
  const intents = edits.map((_, i) => ({ kind: 'removeProperty', property: String(i) }) as unknown as IacFixIntent);
  return composeAll(intents, (i) => edits[Number((i as { property: string }).property)]);
};

test('concatenates parts, merging inserts at one point in intent order', () => {
  assert.deepEqual(parts([at(1, 0, 0, 'a')], [at(1, 0, 0, 'b'), at(3, 2, 4, 'c')]), [at(1, 0, 0, 'ab'), at(3, 2, 4, 'c')]);
});

test('no edit when a part has none, or parts overlap', () => {
  assert.equal(parts([at(1, 0)], undefined), undefined);
  assert.equal(parts([at(1, 0)], []), undefined);
  assert.equal(parts([at(1, 0, 5)], [at(1, 3, 8)]), undefined, 'crossing replacements');
  assert.equal(parts([at(1, 0, 5)], [at(1, 2)]), undefined, 'an insert inside a replacement');
  assert.ok(parts([at(1, 0, 5)], [at(1, 5)]), 'touching is fine');
});
