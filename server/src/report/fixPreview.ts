/**
 * A before/after view of the lines a fix changes, for the CLI's `--show-fixes`: unified-diff hunks, one per edit
 * or per group of nearby edits, each with a little context. A fix that adds a parameter at the top of a template
 * and a property in a resource further down prints two short hunks, not everything in between.
 */
import type { Fix } from '../engine/types';
import { LineIndex } from '../engine/text';

/** Unchanged lines shown around a change; changes at most twice this far apart share a hunk. */
const CONTEXT = 2;
/** Past this many line pairs, a changed region is shown as all removed then all added instead of diffed. */
const MAX_DIFF_CELLS = 250_000;

interface Op { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number }

export function previewFix(text: string, fix: Fix): string[] {
  const before = new LineIndex(text);
  const edits = fix.edits
    .map((e) => ({ start: before.offsetAt(e.range.start), end: before.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  // Built front to back, so edits at one offset land in the order given (as an editor applies them).
  let after = '';
  let done = 0;
  const spans: { oldStart: number; oldEnd: number; newStart: number; newEnd: number }[] = [];
  for (const e of edits) {
    const start = Math.max(e.start, done);
    after += text.slice(done, start);
    const newStart = after.length;
    after += e.newText;
    spans.push({ oldStart: start, oldEnd: Math.max(start, e.end), newStart, newEnd: after.length });
    done = Math.max(start, e.end);
  }
  after += text.slice(done);
  const afterIndex = new LineIndex(after);
  const oldLines = lines(before);
  const newLines = lines(afterIndex);

  // Changed line blocks; edits that touch a common line are one block. Outside them the two texts agree line for line.
  const blocks: { oldFrom: number; oldTo: number; newFrom: number; newTo: number }[] = [];
  for (const s of spans) {
    const b = {
      oldFrom: before.positionAt(s.oldStart).line, oldTo: before.positionAt(s.oldEnd).line,
      newFrom: afterIndex.positionAt(s.newStart).line, newTo: afterIndex.positionAt(s.newEnd).line,
    };
    const last = blocks[blocks.length - 1];
    if (last && b.oldFrom <= last.oldTo) { last.oldTo = Math.max(last.oldTo, b.oldTo); last.newTo = Math.max(last.newTo, b.newTo); } else blocks.push(b);
  }

  const ops: Op[] = [];
  let oldAt = 0, newAt = 0;
  for (const b of blocks) {
    for (; oldAt < b.oldFrom; oldAt++, newAt++) ops.push({ kind: ' ', text: oldLines[oldAt], oldLine: oldAt, newLine: newAt });
    ops.push(...diffLines(oldLines, b.oldFrom, b.oldTo + 1, newLines, b.newFrom, b.newTo + 1));
    oldAt = b.oldTo + 1;
    newAt = b.newTo + 1;
  }
  for (; oldAt < oldLines.length; oldAt++, newAt++) ops.push({ kind: ' ', text: oldLines[oldAt], oldLine: oldAt, newLine: newAt });
  return hunks(ops).flatMap(render);
}

function lines(index: LineIndex): string[] {
  return Array.from({ length: index.lineCount }, (_, i) => index.lineText(i));
}

/** A line diff of one changed region (longest common subsequence), common ends first: regions are a few lines. */
function diffLines(a: string[], aFrom: number, aTo: number, b: string[], bFrom: number, bTo: number): Op[] {
  const head: Op[] = [];
  const tail: Op[] = [];
  while (aFrom < aTo && bFrom < bTo && a[aFrom] === b[bFrom]) { head.push({ kind: ' ', text: a[aFrom], oldLine: aFrom, newLine: bFrom }); aFrom++; bFrom++; }
  while (aTo > aFrom && bTo > bFrom && a[aTo - 1] === b[bTo - 1]) { aTo--; bTo--; tail.unshift({ kind: ' ', text: a[aTo], oldLine: aTo, newLine: bTo }); }
  const n = aTo - aFrom, m = bTo - bFrom;
  const middle: Op[] = [];
  if (n * m > MAX_DIFF_CELLS) {
    for (let i = aFrom; i < aTo; i++) middle.push({ kind: '-', text: a[i], oldLine: i, newLine: bFrom });
    for (let j = bFrom; j < bTo; j++) middle.push({ kind: '+', text: b[j], oldLine: aTo, newLine: j });
    return [...head, ...middle, ...tail];
  }
  // lcs[i][j]: the longest common subsequence of a[aFrom+i..aTo) and b[bFrom+j..bTo).
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[aFrom + i] === b[bFrom + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[aFrom + i] === b[bFrom + j]) { middle.push({ kind: ' ', text: a[aFrom + i], oldLine: aFrom + i, newLine: bFrom + j }); i++; j++; }
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) { middle.push({ kind: '-', text: a[aFrom + i], oldLine: aFrom + i, newLine: bFrom + j }); i++; }
    else { middle.push({ kind: '+', text: b[bFrom + j], oldLine: aFrom + i, newLine: bFrom + j }); j++; }
  }
  return [...head, ...middle, ...tail];
}

/** The changes with CONTEXT unchanged lines around each; changes closer than 2 × CONTEXT + 1 lines share a hunk. */
function hunks(ops: Op[]): Op[][] {
  const changed = ops.flatMap((o, i) => (o.kind === ' ' ? [] : [i]));
  const out: Op[][] = [];
  let from = -1, to = -1;
  for (const i of changed) {
    if (from >= 0 && i - CONTEXT <= to + 1) { to = Math.min(ops.length - 1, i + CONTEXT); continue; }
    if (from >= 0) out.push(ops.slice(from, to + 1));
    from = Math.max(0, i - CONTEXT);
    to = Math.min(ops.length - 1, i + CONTEXT);
  }
  if (from >= 0) out.push(ops.slice(from, to + 1));
  return out;
}

/** `@@ -start,count +start,count @@` as in a unified diff (1-based; a count of 0 names the line before). */
function render(hunk: Op[]): string[] {
  const olds = hunk.filter((o) => o.kind !== '+').length;
  const news = hunk.filter((o) => o.kind !== '-').length;
  const oldStart = hunk[0].oldLine + (olds ? 1 : 0);
  const newStart = hunk[0].newLine + (news ? 1 : 0);
  return [`@@ -${oldStart},${olds} +${newStart},${news} @@`, ...hunk.map((o) => `${o.kind} ${o.text}`)];
}
