/** The fuzz run's summary: one row per format, then each distinct failure once, with its count and an example. */
import type { Failure, FuzzReport, Tally } from './pool';

const FIX = /^(\S+) at \d+:\d+, fix "(.*)": (still reported|new syntax errors|the edits change nothing|the fixed file is no longer|overlapping|.{0,40})/;

/**
 * Failures that differ only in numbers (lines, offsets, counts) are one defect; fix violations are one per rule,
 * fix and way of failing, whatever the input's own parse errors said.
 */
export function signature(f: Failure): string {
  const fix = FIX.exec(f.detail);
  if (fix && f.kind.startsWith('fix')) return `${f.format} ${f.kind} ${fix[1]} "${fix[2].replace(/'[^']*'/g, "'…'")}" ${fix[3]}`;
  return `${f.format} ${f.kind} ${f.detail.split('\n')[0].replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 240)}`;
}

export interface Group { signature: string; count: number; example: Failure; indices: number[] }

export function groupFailures(failures: Failure[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of failures) {
    const s = signature(f);
    const g = groups.get(s);
    if (!g) groups.set(s, { signature: s, count: 1, example: f, indices: [f.index] });
    else {
      g.count++;
      g.indices.push(f.index);
      // The smallest input is the easiest to read and to reduce.
      if ((f.bytes ?? Infinity) < (g.example.bytes ?? Infinity)) g.example = f;
    }
  }
  return [...groups.values()].sort((a, b) => SEVERITY.indexOf(a.example.kind) - SEVERITY.indexOf(b.example.kind) || b.count - a.count);
}

const KINDS = ['crash', 'internal', 'hang', 'range', 'message', 'fix-broke-clean', 'fix-on-broken'] as const;
/** Listing order: what takes the server down first, fixes on files that were broken anyway last. */
const SEVERITY: readonly string[] = ['crash', 'hang', 'internal', 'fix-broke-clean', 'range', 'message', 'fix-on-broken'];

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
