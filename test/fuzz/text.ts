/**
 * Positions the way LSP and editors count them, written independently of the engine's LineIndex so that a bug
 * there shows up as a violation instead of being applied consistently: lines end at \n, \r\n or a lone \r,
 * characters are UTF-16 code units, and a leading byte-order mark is no column (VS Code drops it from the
 * document; the engine's position contract follows the editor).
 */
import type { Position, Range, TextEdit } from '../../server/src/engine/types';

export class Lines {
  readonly starts: number[] = [0];
  /** Offset just past each line's content, before its terminator. */
  readonly ends: number[] = [];

  constructor(readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.starts[0] = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.ends.push(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      this.starts.push(i + 1);
    }
    this.ends.push(text.length);
  }

  get count(): number { return this.starts.length; }

  /** Why a position is not inside the text, or undefined when it is. */
  invalid(p: Position): string | undefined {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `non-integer position ${p.line}:${p.character}`;
    if (p.line < 0 || p.line >= this.count) return `line ${p.line} outside 0..${this.count - 1}`;
    const length = this.ends[p.line] - this.starts[p.line];
    if (p.character < 0 || p.character > length) return `character ${p.character} outside 0..${length} on line ${p.line}`;
    return undefined;
  }

  /** Why a range is not a valid range of the text, or undefined when it is. */
  invalidRange(r: Range): string | undefined {
    const bad = this.invalid(r.start) ?? this.invalid(r.end);
    if (bad) return bad;
    if (this.offset(r.start) > this.offset(r.end)) return `start ${fmt(r.start)} after end ${fmt(r.end)}`;
    return undefined;
  }

  offset(p: Position): number {
    return this.starts[p.line] + p.character;
  }

  positionAt(offset: number): Position {
    let lo = 0, hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: Math.max(0, offset - this.starts[lo]) };
  }
}

export const fmt = (p: Position) => `${p.line}:${p.character}`;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** An offset between the two halves of a surrogate pair: an edit there leaves broken characters behind. */
function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

export interface Span { start: number; end: number; newText: string }
export type Applied = { text: string; spans: Span[] } | { problem: string };

/**
 * Applies a fix's edits as an editor does, refusing what an editor refuses (ranges outside the text, overlapping
 * edits) and what would corrupt the text (an edit inside a surrogate pair).
 */
export function applyEdits(text: string, edits: TextEdit[]): Applied {
  const lines = new Lines(text);
  const spans: Span[] = [];
  for (const e of edits) {
    const bad = lines.invalidRange(e.range);
    if (bad) return { problem: `edit range ${fmt(e.range.start)}-${fmt(e.range.end)}: ${bad}` };
    const start = lines.offset(e.range.start), end = lines.offset(e.range.end);
    if (splitsPair(text, start) || splitsPair(text, end)) return { problem: `edit ${fmt(e.range.start)}-${fmt(e.range.end)} splits a surrogate pair` };
    spans.push({ start, end, newText: e.newText });
  }
  // Stable: two insertions at one offset apply in the order given, as in VS Code.
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) return { problem: `overlapping edits at offsets ${spans[i - 1].start}-${spans[i - 1].end} and ${spans[i].start}-${spans[i].end}` };
  }
  let out = '', at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return { text: out + text.slice(at), spans };
}

/**
 * Where an offset of the original text lands after the edits: shifted by the edits before it, or at the start of
 * the replacement when an edit covers it (the rewritten construct starts there). An insertion exactly at the
 * offset may belong before or after it, so both places are returned.
 */
export function mapOffset(spans: Span[], target: number): [number, number] {
  let before = 0, after = 0;
  for (const s of spans) {
    if (s.start === s.end && s.start === target) { after += s.newText.length; continue; }
    if (s.end <= target) { const d = s.newText.length - (s.end - s.start); before += d; after += d; continue; }
    if (s.start < target) { before += s.start - target; after += s.start - target; }
    break;
  }
  return [target + before, target + after];
}
