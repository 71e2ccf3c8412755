import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseOptions } from '../options';

test('every section runs by default, 15 runs and 200 edits', () => {
  const o = parseOptions([], {});
  assert.deepEqual(o.sections, ['parse', 'latency', 'memory', 'peer']);
  assert.equal(o.runs, 15);
  assert.equal(o.edits, 200);
  assert.equal(o.json, false);
});

test('--only picks sections, in the benchmark order, and may repeat', () => {
  assert.deepEqual(parseOptions(['--only', 'peer', '--only=parse'], {}).sections, ['parse', 'peer']);
  assert.throws(() => parseOptions(['--only', 'speed'], {}), /--only takes one of parse, latency, memory, peer, not "speed"/);
});

test('--quick and BENCH_RUNS lower the counts; BENCH_RUNS wins over --quick', () => {
  const q = parseOptions(['--quick'], {});
  assert.equal(q.runs, 5);
  assert.equal(q.edits, 40);
  assert.equal(q.peerRuns, 1);
  assert.equal(parseOptions(['--quick'], { BENCH_RUNS: '3' }).runs, 3);
  assert.throws(() => parseOptions([], { BENCH_RUNS: 'lots' }), /BENCH_RUNS must be a positive integer, not "lots"/);
  assert.throws(() => parseOptions([], { BENCH_RUNS: '0' }), /BENCH_RUNS must be a positive integer/);
});

test('--json runs the parse section alone, so stdout carries the array and nothing else', () => {
  assert.deepEqual(parseOptions(['--json'], {}).sections, ['parse']);
  assert.deepEqual(parseOptions(['--json', '--only', 'parse'], {}).sections, ['parse']);
  assert.throws(() => parseOptions(['--json', '--only', 'memory'], {}), /--json prints the parse section only/);
  assert.throws(() => parseOptions(['--verbose'], {}), /unknown argument "--verbose"/);
});
