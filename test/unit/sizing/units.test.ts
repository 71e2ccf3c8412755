/** What people type, parsed: decimal KB/MB/GB, binary KiB/MiB/GiB, k/m/b on counts, and every rejection named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, parseBytes, parseCount, parseRate } from '../../../server/src/sizing/units';

const ok = (value: number) => ({ ok: true, value });
const bad = (message: string) => ({ ok: false, message });

test('sizes: decimal SI units, binary IEC units, bare bytes', () => {
  const table: [string | number, number][] = [
    ['2 GB', 2_000_000_000], ['10KB', 10_000], ['10kb', 10_000], ['10k', 10_000], ['512 MiB', 512 * 1024 * 1024],
    ['1.5 GiB', 1_610_612_736], ['1 TiB', 2 ** 40], ['3 TB', 3e12], ['200000', 200_000], ['200,000', 200_000],
    ['1e6', 1_000_000], [' 64 B ', 64], ['1.3 KiB', 1331], [4096, 4096], ['0', 0],
  ];
  for (const [input, value] of table) assert.deepEqual(parseBytes(input, '--value-bytes'), ok(value), String(input));
});

test('counts and rates: k, m (million, never milli), b, exponents, thousands separators', () => {
  const counts: [string | number, number][] = [
    ['1.5k', 1500], ['3m', 3_000_000], ['3M', 3_000_000], ['2b', 2_000_000_000], ['200000', 200_000],
    ['1e6', 1_000_000], ['2,000,000', 2_000_000], ['.5k', 500], [12, 12],
  ];
  for (const [input, value] of counts) assert.deepEqual(parseCount(input, '--keys'), ok(value), String(input));
  assert.deepEqual(parseRate('0.5', '--growth'), ok(0.5));
  assert.deepEqual(parseRate('2.5k', '--reads-per-sec'), ok(2500));
});

test('rejections name the flag and the problem', () => {
  assert.deepEqual(parseCount('-1', '--keys'), bad('--keys must not be negative (got "-1")'));
  assert.deepEqual(parseBytes(-5, '--key-bytes'), bad('--key-bytes must not be negative (got -5)'));
  assert.deepEqual(parseCount('NaN', '--keys'), bad('--keys must be a number, not "NaN"'));
  assert.deepEqual(parseCount(Number.NaN, '--keys'), bad('--keys must be a finite number, not NaN'));
  assert.deepEqual(parseCount('', '--keys'), bad('--keys is empty'));
  assert.deepEqual(parseCount('   ', '--keys'), bad('--keys is empty'));
  assert.deepEqual(parseBytes('10 KBs', '--value-bytes'), bad('--value-bytes: unknown unit "kbs" (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)'));
  assert.deepEqual(parseCount('5x', '--keys'), bad('--keys: unexpected "x" (a count takes k, m or b: 1.5k, 3m)'));
  assert.deepEqual(parseCount('2 GB', '--keys'), bad('--keys: unexpected "gb" (a count takes k, m or b: 1.5k, 3m)'));
  assert.deepEqual(parseCount('1.5', '--keys'), bad('--keys must be a whole number (got 1.5)'));
  assert.deepEqual(parseBytes('1.5', '--key-bytes'), bad('--key-bytes must be a whole number of bytes, or carry a unit (got 1.5)'));
  assert.deepEqual(parseCount('1,00', '--keys'), bad('--keys: "1,00" is not a number (commas group thousands: 1,000,000)'));
  assert.deepEqual(parseCount('12abc3', '--keys'), bad('--keys: unexpected "abc3" after 12 in "12abc3"'));
  assert.deepEqual(parseCount('1e400', '--keys'), bad('--keys must be a finite number, not "1e400"'));
  assert.deepEqual(parseCount('ten', '--keys'), bad('--keys must be a number, not "ten"'));
  assert.deepEqual(parseCount(null, '--keys'), bad('--keys must be a number or a string like "10 KB", not null'));
  assert.deepEqual(parseCount('1e20', '--keys'), bad('--keys is too large (got 100000000000000000000)'));
});

test('formatBytes prints binary units', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(60 * 2 ** 30), '60.00 GiB');
  assert.equal(formatBytes(150 * 2 ** 30), '150.0 GiB');
  assert.equal(formatBytes(1.5 * 2 ** 40), '1.50 TiB');
});
