/**
 * One-character edits at realistic spots (inside a string value, a description, a property key), spread through
 * the file. Each insert is followed by the delete that undoes it, so the document stays valid, keeps its findings,
 * and every odd-numbered version equals the original text.
 */
import type { Position } from './client';

export interface Spot {
  /** What kind of place this is, for the report. */
  kind: string;
  /** Where the character goes: just after the match of `after`. */
  after: RegExp;
}

export interface Edit { kind: string; start: Position; end: Position; text: string }

/** Offsets to positions with one pass over the text for the line starts, then a binary search each. */
function positions(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** `perKind` places of each kind, evenly spread over that kind's matches from the top of the file to the bottom. */
export function editSpots(text: string, spots: Spot[], perKind: number): { kind: string; at: Position }[] {
  const positionAt = positions(text);
  const byKind = spots.map((s) => {
    const offsets = [...text.matchAll(new RegExp(s.after.source, 'g'))].map((m) => m.index! + m[0].length);
    if (!offsets.length) throw new Error(`no place for a ${s.kind} edit (${s.after})`);
    const n = Math.min(perKind, offsets.length);
    const picks = Array.from({ length: n }, (_, j) => offsets[Math.floor((j * offsets.length) / n)]);
    return picks.map((o) => ({ kind: s.kind, at: positionAt(o) }));
  });
  // Kinds take turns, so that every stretch of the run touches each kind of place.
  const out: { kind: string; at: Position }[] = [];
  for (let j = 0; j < Math.max(...byKind.map((k) => k.length)); j++) for (const k of byKind) if (k[j]) out.push(k[j]);
  return out;
}

/** `count` edits: insert `x` at a spot, then delete it, moving to the next spot after each pair. */
export function editScript(text: string, spots: Spot[], count: number): Edit[] {
  const places = editSpots(text, spots, Math.ceil(count / 2 / spots.length));
  return Array.from({ length: count }, (_, k) => {
    const { kind, at } = places[Math.floor(k / 2) % places.length];
    return k % 2 === 0
      ? { kind, start: at, end: at, text: 'x' }
      : { kind, start: at, end: { line: at.line, character: at.character + 1 }, text: '' };
  });
}
