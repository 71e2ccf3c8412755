import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';
import { disableFileEdit, disableLineEdit, isSuppressed, parseSuppressions } from '../../server/src/engine/suppression';
import { applyEdits } from '../support/analyze';

const hash = { line: '#' };
const slashes = { line: '//', block: ['/*', '*/'] as [string, string] };

test('next-line, line and file directives, with and without ids', () => {
  const text = [
    'a: 1 # cachelint-disable-line keys-command',
    '# cachelint-disable-next-line missing-ttl, cross-slot-keys -- counters expire elsewhere',
    'b: 2',
    '# cachelint-disable-next-line',
    'c: 3',
  ].join('\n');
  const s = parseSuppressions(new LineIndex(text), hash);
  assert.equal(isSuppressed(s, ['keys-command'], 0), true);
  assert.equal(isSuppressed(s, ['missing-ttl'], 0), false);
  assert.equal(isSuppressed(s, ['missing-ttl'], 2), true);
  assert.equal(isSuppressed(s, ['cross-slot-keys'], 2), true);
  assert.equal(isSuppressed(s, ['counters'], 2), false, 'the reason after -- is not an id');
  assert.equal(isSuppressed(s, ['anything'], 4), true);
  assert.equal(isSuppressed(s, ['anything'], 3), false);
  assert.equal(s.file, undefined);
});

test('directives count only inside a comment of the file syntax', () => {
  const text = 'x = "# cachelint-disable-file"\ny = 1 // cachelint-disable-line keys-command\n';
  const py = parseSuppressions(new LineIndex(text), hash);
  assert.equal(py.file, undefined, 'inside a string, after a quote: not a comment');
  assert.equal(isSuppressed(py, ['keys-command'], 1), false, '// is not a Python comment');
  const js = parseSuppressions(new LineIndex(text), slashes);
  assert.equal(isSuppressed(js, ['keys-command'], 1), true);
});

test('block comments and file-wide suppression', () => {
  const text = '/* cachelint-disable-file missing-ttl */\nclient.set(k, v); /* cachelint-disable-line */\n';
  const s = parseSuppressions(new LineIndex(text), slashes);
  assert.equal(isSuppressed(s, ['missing-ttl'], 7), true);
  assert.equal(isSuppressed(s, ['keys-command'], 7), false);
  assert.equal(isSuppressed(s, ['keys-command'], 1), true);
});

test('JSON has no comments: nothing is honoured and no disable edit is offered', () => {
  const lines = new LineIndex('{"a": "# cachelint-disable-file"}');
  assert.equal(parseSuppressions(lines, {}).file, undefined);
  assert.equal(disableLineEdit(lines, {}, 0, 'x'), undefined);
  assert.equal(disableFileEdit(lines, {}, 'x'), undefined);
});

test('disable edits keep indentation, line endings and shebangs', () => {
  const crlf = 'def f():\r\n    r.keys("*")\r\n';
  const lines = new LineIndex(crlf);
  assert.equal(applyEdits(crlf, [disableLineEdit(lines, hash, 1, 'keys-command')!]), 'def f():\r\n    # cachelint-disable-next-line keys-command\r\n    r.keys("*")\r\n');
  const script = '#!/usr/bin/env node\nclient.keys("*");\n';
  assert.equal(applyEdits(script, [disableFileEdit(new LineIndex(script), slashes, 'keys-command')!]), '#!/usr/bin/env node\n// cachelint-disable-file keys-command\nclient.keys("*");\n');
});

test('formats with two line-comment tokens honour both (HCL # and //)', () => {
  const text = 'a = 1 // cachelint-disable-line transit-encryption-disabled\nb = 2 # cachelint-disable-line transit-encryption-disabled\n';
  const s = parseSuppressions(new LineIndex(text), { line: '#', otherLines: ['//'] });
  assert.equal(isSuppressed(s, ['transit-encryption-disabled'], 0), true);
  assert.equal(isSuppressed(s, ['transit-encryption-disabled'], 1), true);
});

test('apostrophes inside strings or words do not hide a directive; quotes still do', () => {
  const py = parseSuppressions(new LineIndex([
    'r.set(f"it\'s {k}", 1)  # cachelint-disable-line missing-ttl',
    "Description: it's cached # cachelint-disable-line transit-encryption-disabled",
    'x = "say \\"# cachelint-disable-line missing-ttl"',
    "y = 'a # cachelint-disable-line missing-ttl'",
  ].join('\n')), hash);
  assert.equal(isSuppressed(py, ['missing-ttl'], 0), true);
  assert.equal(isSuppressed(py, ['transit-encryption-disabled'], 1), true);
  assert.equal(isSuppressed(py, ['missing-ttl'], 2), false, 'inside a string with an escaped quote');
  assert.equal(isSuppressed(py, ['missing-ttl'], 3), false, 'inside a single-quoted string');
});
