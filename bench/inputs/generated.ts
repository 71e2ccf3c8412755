/** What a generator hands the benchmark: the text, and the findings the engine must report on it, per rule. */
import { lineCount } from '../measure';

export type Expected = Record<string, number>;

export interface Generated {
  text: string;
  expected: Expected;
}

export function total(expected: Expected): number {
  return Object.values(expected).reduce((s, n) => s + n, 0);
}

export function tally(into: Expected, from: Expected): void {
  for (const [rule, n] of Object.entries(from)) into[rule] = (into[rule] ?? 0) + n;
}

/**
 * The smallest number of repeated units whose output has at least `lines` lines. `make` must grow with its
 * argument; exponential then binary search keeps this O(n log n) in setup, outside anything timed.
 */
export function fitLines(lines: number, make: (units: number) => Generated): Generated {
  let hi = 1;
  while (lineCount(make(hi).text) < lines) hi *= 2;
  let lo = Math.floor(hi / 2) + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (lineCount(make(mid).text) >= lines) hi = mid; else lo = mid + 1;
  }
  return make(hi);
}

/**
 * Service code of `n` blocks after a header (the block kinds cycle, so every size has the same mix). `first` shifts
 * the numbering, so that many files of one size still differ in content.
 */
export function cycleBlocks(header: string, blocks: ((i: number) => Generated)[], n: number, first = 0): Generated {
  const parts = [header];
  const expected: Expected = {};
  for (let i = first; i < first + n; i++) {
    const b = blocks[i % blocks.length](i);
    parts.push(b.text);
    tally(expected, b.expected);
  }
  return { text: parts.join(''), expected };
}
