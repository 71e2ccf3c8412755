/** A before/after view of the lines a fix changes, for the CLI's `--show-fixes`. */
import type { Fix } from '../engine/types';
import { LineIndex } from '../engine/text';

export function previewFix(text: string, fix: Fix): string[] {
  const before = new LineIndex(text);
  const offsets = fix.edits.map((e) => ({ start: before.offsetAt(e.range.start), end: before.offsetAt(e.range.end), newText: e.newText }));
  let after = text;
  for (const e of [...offsets].sort((a, b) => b.start - a.start)) after = after.slice(0, e.start) + e.newText + after.slice(e.end);
  const first = Math.min(...fix.edits.map((e) => e.range.start.line));
  const last = Math.max(...fix.edits.map((e) => e.range.end.line));
  const oldLines = text.split(/\r?\n/);
  const newLines = after.split(/\r?\n/);
  const delta = newLines.length - oldLines.length;
  return [
    ...oldLines.slice(first, last + 1).map((l) => `- ${l}`),
    ...newLines.slice(first, last + 1 + delta).map((l) => `+ ${l}`),
  ];
}
