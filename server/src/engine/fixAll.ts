/**
 * Combines the preferred fixes of many findings into one set of edits, skipping any fix whose edits overlap one
 * already taken (two fixes rewriting the same text cannot both apply; the next run offers the rest).
 */
import type { Finding, Range, TextEdit } from './types';
import { comparePositions } from './text';

function overlaps(a: Range, b: Range): boolean {
  // Two insertions at the same point conflict too: their order would be arbitrary.
  if (comparePositions(a.start, b.start) === 0) return true;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

export function combinePreferredFixes(findings: Finding[], ruleId?: string): { edits: TextEdit[]; fixed: number } {
  const taken: TextEdit[] = [];
  let fixed = 0;
  for (const f of findings) {
    if (ruleId && f.ruleId !== ruleId) continue;
    const fix = f.fixes.find((x) => x.isPreferred) ?? (f.fixes.length === 1 ? f.fixes[0] : undefined);
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e.range, t.range)))) continue;
    taken.push(...fix.edits);
    fixed++;
  }
  return { edits: taken, fixed };
}
