/**
 * `--show-fixes` prints unified-diff hunks per edit, not one block from the first edit to the last (the real case:
 * an auth fix adding a parameter at the top of a template and a property in the resource reprinted ~80 lines).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewFix } from '../../server/src/report/fixPreview';
import type { Fix, TextEdit } from '../../server/src/engine/types';

const edit = (line: number, character: number, endLine: number, endCharacter: number, newText: string): TextEdit =>
  ({ range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, newText });
const fix = (...edits: TextEdit[]): Fix => ({ title: 't', edits });
const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

test('edits far apart are separate hunks with two lines of context each; the lines between are not printed', () => {
  const text = numbered(40);
  // Insert after line 5, and replace "line 30" with "LINE 30".
  const out = previewFix(text, fix(edit(5, 0, 5, 0, 'new a\nnew b\n'), edit(29, 0, 29, 7, 'LINE 30')));
  assert.deepEqual(out, [
    '@@ -4,4 +4,6 @@',
    '  line 4',
    '  line 5',
    '+ new a',
    '+ new b',
    '  line 6',
    '  line 7',
    '@@ -28,5 +30,5 @@',
    '  line 28',
    '  line 29',
    '- line 30',
    '+ LINE 30',
    '  line 31',
    '  line 32',
  ]);
  assert.ok(!out.includes('  line 15'));
});

test('edits with at most four unchanged lines between them share a hunk', () => {
  const out = previewFix(numbered(12), fix(edit(2, 0, 2, 6, 'LINE 3'), edit(7, 0, 7, 6, 'LINE 8')));
  assert.deepEqual(out, [
    '@@ -1,10 +1,10 @@',
    '  line 1', '  line 2', '- line 3', '+ LINE 3', '  line 4', '  line 5', '  line 6', '  line 7', '- line 8', '+ LINE 8', '  line 9', '  line 10',
  ]);
  assert.equal(previewFix(numbered(12), fix(edit(1, 0, 1, 6, 'LINE 2'), edit(7, 0, 7, 6, 'LINE 8'))).filter((l) => l.startsWith('@@')).length, 2,
    'five unchanged lines apart: two hunks');
});

test('an edit on the first line has no context above it; a deleted line counts on the old side only', () => {
  assert.deepEqual(previewFix(numbered(5), fix(edit(0, 0, 0, 6, 'LINE 1'))), ['@@ -1,3 +1,3 @@', '- line 1', '+ LINE 1', '  line 2', '  line 3']);
  assert.deepEqual(previewFix(numbered(5), fix(edit(2, 0, 3, 0, ''))), ['@@ -1,5 +1,4 @@', '  line 1', '  line 2', '- line 3', '  line 4', '  line 5']);
});

test('one edit that rewrites a block shows only the lines that differ', () => {
  const text = 'Resources:\n  Cache:\n    Properties:\n      A: 1\n      B: 2\n      C: 3\n      D: 4\n      E: 5\n      F: 6\n      G: 7\n';
  // A builder that reprints the whole Properties map to change C.
  const out = previewFix(text, fix(edit(3, 0, 10, 0, '      A: 1\n      B: 2\n      C: true\n      D: 4\n      E: 5\n      F: 6\n      G: 7\n')));
  assert.deepEqual(out, ['@@ -4,5 +4,5 @@', '        A: 1', '        B: 2', '-       C: 3', '+       C: true', '        D: 4', '        E: 5']);
});

test('inserts at one offset keep their order; CRLF files print without carriage returns', () => {
  const out = previewFix('a\r\nb\r\nc\r\n', fix(edit(1, 0, 1, 0, 'first\r\n'), edit(1, 0, 1, 0, 'second\r\n')));
  assert.deepEqual(out, ['@@ -1,3 +1,5 @@', '  a', '+ first', '+ second', '  b', '  c']);
});
