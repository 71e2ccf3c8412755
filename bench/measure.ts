/** Timing and order statistics shared by every section. */

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile: a value that was actually measured, never an interpolation between two. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function time(fn: () => unknown): number {
  const t = now();
  fn();
  return now() - t;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = now();
  await fn();
  return now() - t;
}

export function lineCount(text: string): number {
  let n = text.endsWith('\n') ? 0 : 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
