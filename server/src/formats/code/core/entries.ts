/**
 * Edits to one entry of a comma-separated list (call arguments, object properties, keyword arguments) that keep
 * the list's layout: an entry on its own line goes with its line, the separators stay balanced, and an entry added
 * beside another follows the same one-per-line or inline style. Python and JavaScript lists share this shape; what
 * differs (the comment marker) is a parameter.
 */
import type { TextEdit } from '../../../engine/types';
import type { LineIndex } from '../../../engine/text';

const insertAt = (lines: LineIndex, at: number, newText: string): TextEdit => ({ range: lines.range(at, at), newText });

/** The offset after spaces and tabs (not newlines) from `i`. */
function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The rest of the line after `i` is blank or a comment. */
function restIsEmpty(lines: LineIndex, i: number, comment: string): boolean {
  const line = lines.positionAt(i).line;
  const rest = lines.text.slice(i, lines.lineEnd(line)).trim();
  return rest === '' || rest.startsWith(comment);
}

/** The entry starts its line (only indentation before it). */
function startsLine(lines: LineIndex, start: number): boolean {
  const line = lines.positionAt(start).line;
  return /^[ \t]*$/.test(lines.text.slice(lines.lineStart(line), start));
}

/** The offset of a comma right after the entry (spaces allowed), or -1. */
function commaAfter(text: string, end: number): number {
  const i = skipBlanks(text, end);
  return text[i] === ',' ? i : -1;
}

/** The offset of the comma before the entry (any whitespace allowed), or -1. */
function commaBefore(text: string, start: number): number {
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : -1;
}

/**
 * Deletes the entry `[start, end)` with one of its separators. An entry alone on its line(s) is removed with them
 * (and the comment that ends them); inline, the last entry takes the comma before it; an only entry leaves its brackets empty (`{ a: 1 }` → `{}`).
 */
export function removeEntry(lines: LineIndex, start: number, end: number, comment: string): TextEdit[] {
  const text = lines.text;
  const after = commaAfter(text, end);
  const ownLine = startsLine(lines, start) && restIsEmpty(lines, after >= 0 ? after + 1 : end, comment);
  if (ownLine) {
    // A trailing comma left on the entry before is valid in both languages' argument lists and objects.
    const first = lines.positionAt(start).line;
    const last = lines.positionAt(after >= 0 ? after : end).line;
    return [{ range: lines.range(lines.lineStart(first), last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length), newText: '' }];
  }
  if (after >= 0) return [{ range: lines.range(start, skipBlanks(text, after + 1)), newText: '' }];
  const before = commaBefore(text, start);
  if (before >= 0) return [{ range: lines.range(before, end), newText: '' }];
  // The only entry: take the blanks around it too, so `( a )` and `{ a }` close up.
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  return [{ range: lines.range(s, skipBlanks(text, end)), newText: '' }];
}

/**
 * Adds `entry` right after the entry `[start, end)`: on a line of its own, indented alike, when that entry has one
 * (after any comment that ends the line, keeping a trailing-comma style), else inline after it.
 */
export function addEntryAfter(lines: LineIndex, start: number, end: number, entry: string, comment: string): TextEdit[] {
  const text = lines.text;
  const after = commaAfter(text, end);
  const ownLine = startsLine(lines, start) && restIsEmpty(lines, after >= 0 ? after + 1 : end, comment);
  if (!ownLine) return [insertAt(lines, end, `, ${entry}`)];
  const lastLine = lines.positionAt(after >= 0 ? after : end).line;
  const indent = lines.indentOf(lines.positionAt(start).line);
  const line = `${lines.eol}${indent}${entry}${after >= 0 ? ',' : ''}`;
  const edits = [insertAt(lines, lines.lineEnd(lastLine), line)];
  if (after < 0) edits.unshift(insertAt(lines, end, ','));
  return edits;
}
