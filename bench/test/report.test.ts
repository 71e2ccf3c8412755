import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ms, table, targetTable, verdict } from '../report';

test('tables pad columns and right-align the numeric ones', () => {
  assert.equal(table(['input', 'ms'], [['a', 5], ['longer', 120.5], ['c', 'n/a']]), [
    'input      ms',
    '------  -----',
    'a           5',
    'longer  120.5',
    'c         n/a',
  ].join('\n'));
});

test('a target not measured is n/a, never a pass', () => {
  assert.equal(verdict({ name: 't', measured: 'n/a', pass: undefined }), 'n/a');
  assert.equal(verdict({ name: 't', measured: '1', pass: true }), 'PASS');
  assert.equal(verdict({ name: 't', measured: '9', pass: false }), 'MISS');
  assert.match(targetTable([{ name: 'p95 ≤ 50 ms', measured: '226 ms', pass: false }]), /p95 ≤ 50 ms {2}226 ms {4}MISS$/);
});

test('milliseconds keep three significant figures or so', () => {
  assert.equal(ms(1234.56), '1235');
  assert.equal(ms(45.678), '45.7');
  assert.equal(ms(3.14159), '3.14');
  assert.equal(ms(NaN), 'n/a');
});
