/** The fuzz run's summary: one row per format, then each distinct failure once, with its count and an example. */
import type { Failure, FuzzReport, Tally } from './pool';

/** Failures that differ only in numbers (lines, offsets, counts) are one defect. */
export function signature(f: Failure): string {
  return `${f.format} ${f.kind} ${f.detail.split('\n')[0].replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 240)}`;
}

export interface Group { signature: string; count: number; example: Failure }

export function groupFailures(failures: Failure[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of failures) {
    const s = signature(f);
    const g = groups.get(s);
    if (!g) groups.set(s, { signature: s, count: 1, example: f });
    else {
      g.count++;
      // The smallest input is the easiest to read and to reduce.
      if ((f.bytes ?? Infinity) < (g.example.bytes ?? Infinity)) g.example = f;
    }
  }
  return [...groups.values()].sort((a, b) => a.example.format.localeCompare(b.example.format) || b.count - a.count);
}

const KINDS = ['crash', 'internal', 'hang', 'range', 'message', 'fix-broke-clean', 'fix-on-broken'] as const;

export function table(report: FuzzReport): string {
  const head = ['format', 'cases', 'analysed', 'findings', 'fixes', 'known', 'broken in', 'gave up', ...KINDS, 'mean ms', 'slowest ms (case)', '10 MB'];
  const rows = [...report.tallies].map(([format, t]: [string, Tally]) => [
    format, t.cases, t.relevant, t.findings, t.fixesChecked, t.fixesKnown, t.brokenInputs, t.parserFailed,
    ...KINDS.map((k) => t.problems[k] ?? 0),
    (t.totalMs / Math.max(1, t.cases)).toFixed(1),
    `${t.slowestMs.toFixed(0)} (#${t.slowestIndex})`,
    t.bigMs === undefined ? '-' : `${(t.bigBytes! / 1048576).toFixed(1)} MB in ${(t.bigMs / 1000).toFixed(1)} s`,
  ].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
