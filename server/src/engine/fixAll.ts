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

export interface FixAllOptions {
  /** Only this rule's findings (the "fix all X in this file" quick-fix). */
  ruleId?: string;
  /** Only fixes marked safe to apply unattended (fix-on-save). */
  unattendedOnly?: boolean;
}

export function combinePreferredFixes(findings: Finding[], options: FixAllOptions = {}): { edits: TextEdit[]; fixed: number } {
  const taken: TextEdit[] = [];
  let fixed = 0;
  for (const f of findings) {
    if (options.ruleId && f.ruleId !== options.ruleId) continue;
    const fix = f.fixes.find((x) => x.isPreferred);
    if (!fix || (options.unattendedOnly && !fix.unattended)) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e.range, t.range)))) continue;
    taken.push(...fix.edits);
    fixed++;
  }
  return { edits: taken, fixed };
}
