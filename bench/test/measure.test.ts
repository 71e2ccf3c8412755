import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lineCount, median, percentile } from '../measure';
import { fitLines } from '../inputs/generated';

test('percentiles are nearest-rank: a value that was measured', () => {
  const xs = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted on purpose
  assert.equal(percentile(xs, 95), 19);
  assert.equal(percentile(xs, 100), 20);
  assert.equal(percentile(xs, 0), 1);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('percentile does not reorder its input', () => {
  const xs = [3, 1, 2];
  percentile(xs, 50);
  assert.deepEqual(xs, [3, 1, 2]);
});

test('lines are counted as an editor shows them', () => {
  assert.equal(lineCount('a\nb\n'), 2);
  assert.equal(lineCount('a\nb'), 2);
  assert.equal(lineCount('a'), 1);
  assert.equal(lineCount('\n\n'), 2);
});

test('fitLines picks the fewest units that reach the line count', () => {
  const calls: number[] = [];
  const make = (n: number) => { calls.push(n); return { text: 'x\n'.repeat(3 * n), expected: { r: n } }; };
  assert.deepEqual(fitLines(10, make).expected, { r: 4 });
  assert.deepEqual(fitLines(9, make).expected, { r: 3 });
  assert.deepEqual(fitLines(1, make).expected, { r: 1 });
  assert.deepEqual(fitLines(3000, make).expected, { r: 1000 });
  assert.ok(calls.length < 60, `a search, not a scan: ${calls.length} calls`);
});
