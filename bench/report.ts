/** Plain-text tables and the targets every section measures against. */

export interface Target {
  name: string;
  /** What was measured, as printed; `n/a` when it could not be measured. */
  measured: string;
  /** undefined: not measured (a peer missing, a request the server does not answer yet). */
  pass: boolean | undefined;
}

export function verdict(t: Target): string {
  return t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'MISS';
}

type Cell = string | number;

/** Columns padded to their widest cell; numeric columns right-aligned so that magnitudes line up. */
export function table(header: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const numeric = header.map((_, i) => text.every((r) => /^(-?[\d.,]+|n\/a)$/.test(r[i])));
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

export function targetTable(targets: Target[]): string {
  return table(['target', 'measured', 'verdict'], targets.map((t) => [t.name, t.measured, verdict(t)]));
}

export const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const round = (x: number, digits = 2) => +x.toFixed(digits);
