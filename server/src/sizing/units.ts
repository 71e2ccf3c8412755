/**
 * What people type for sizes and counts, parsed strictly. Pure: the CLI, the LSP request and the VS Code wizard
 * (client side) all parse with these functions, so `2 GB` means the same thing everywhere.
 *
 * Sizes: decimal SI prefixes are decimal, binary prefixes are binary, as the IEC defines them and as AWS uses them
 * (Serverless storage is set in GB, node memory is quoted in GiB):
 *   B · KB/kB/K = 1,000 · MB/M = 10^6 · GB/G = 10^9 · TB/T = 10^12 · KiB = 1,024 · MiB = 2^20 · GiB = 2^30 · TiB = 2^40.
 *   Case does not matter (`10kb` is 10,000 bytes; bits are never meant). A size with a unit is rounded to whole bytes.
 * Counts and rates: `200000`, `200,000`, `1e6`, `1.5k` (1,500), `3m` / `3M` (3 million), `2b` (2 billion).
 *   `m` is million, never milli; a count must come out whole (`1.5` keys is an error, `1.5k` is 1,500).
 * Rejected with a message naming the problem: empty input, negatives, NaN/Infinity, trailing junk (`10 KBs`, `5x`),
 * a unit where none belongs (`2 GB` as a count).
 */

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};
const COUNT_SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

// A plain decimal number, optional thousands separators, optional exponent; then an optional unit word.
const NUMBER_AND_UNIT = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|[+-]?\.\d+(?:e[+-]?\d+)?)\s*([a-z]*)$/i;

function split(input: unknown, what: string): { n: number; unit: string } | { message: string } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { message: `${what} must be a finite number, not ${input}` };
    if (input < 0) return { message: `${what} must not be negative (got ${input})` };
    return { n: input, unit: '' };
  }
  if (typeof input !== 'string') return { message: `${what} must be a number or a string like "10 KB", not ${input === null ? 'null' : typeof input}` };
  const s = input.trim();
  if (s === '') return { message: `${what} is empty` };
  if (/^[+-]?(nan|infinity|inf)$/i.test(s)) return { message: `${what} must be a number, not "${s}"` };
  const m = NUMBER_AND_UNIT.exec(s);
  if (!m) {
    const lead = /^[+-]?[\d.,]+(?:e[+-]?\d+)?/i.exec(s);
    const rest = lead ? s.slice(lead[0].length).trim() : '';
    if (lead && rest === '' && lead[0].includes(',')) return { message: `${what}: "${s}" is not a number (commas group thousands: 1,000,000)` };
    return { message: lead && rest ? `${what}: unexpected "${rest}" after ${lead[0]} in "${s}"` : `${what} must be a number, not "${s}"` };
  }
  const n = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(n)) return { message: `${what} must be a finite number, not "${s}"` };
  if (n < 0 || m[1].startsWith('-')) return { message: `${what} must not be negative (got "${s}")` };
  return { n, unit: m[2].toLowerCase() };
}

/** Bytes: `512`, `10KB`, `1.5 GiB`, `2 GB` (see the table above). */
export function parseBytes(input: unknown, what = 'size'): Parsed {
  const p = split(input, what);
  if ('message' in p) return { ok: false, message: p.message };
  if (p.unit === '') {
    if (!Number.isInteger(p.n)) return { ok: false, message: `${what} must be a whole number of bytes, or carry a unit (got ${p.n})` };
    return { ok: true, value: p.n };
  }
  const mult = SIZE_UNITS[p.unit];
  if (mult === undefined) return { ok: false, message: `${what}: unknown unit "${p.unit}" (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)` };
  return { ok: true, value: Math.round(p.n * mult) };
}

/** A whole count: `200000`, `1.5k`, `3m`, `1e6`. */
export function parseCount(input: unknown, what = 'count'): Parsed {
  const r = parseRate(input, what);
  if (!r.ok) return r;
  if (!Number.isInteger(r.value)) return { ok: false, message: `${what} must be a whole number (got ${r.value})` };
  if (!Number.isSafeInteger(r.value)) return { ok: false, message: `${what} is too large (got ${r.value})` };
  return r;
}

/** A non-negative number that may be fractional (operations per second, percent): `50k`, `0.5`, `1e6`. */
export function parseRate(input: unknown, what = 'number'): Parsed {
  const p = split(input, what);
  if ('message' in p) return { ok: false, message: p.message };
  if (p.unit === '') return { ok: true, value: p.n };
  const mult = COUNT_SUFFIXES[p.unit];
  if (mult === undefined) return { ok: false, message: `${what}: unexpected "${p.unit}" (a count takes k, m or b: 1.5k, 3m)` };
  // 1.5k must be exactly 1500, not 1500.0000000000002.
  return { ok: true, value: Math.round(p.n * mult * 1e6) / 1e6 };
}

/** For messages and reports: bytes in binary units (GiB), as AWS quotes node memory. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes, i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return i === 0 ? `${Math.round(v)} B` : `${v >= 100 ? v.toFixed(1) : v.toFixed(2)} ${units[i]}`;
}

export const GiB = 2 ** 30;
