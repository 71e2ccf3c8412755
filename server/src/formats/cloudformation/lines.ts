/**
 * Positions as an editor shows them. A file read from disk may start with a byte-order mark; editors do not show
 * it, and VS Code drops it from the document text, so on the first line it is no column: `{` after a BOM is at
 * column 1 (0-based 0), not 2.
 */
import { LineIndex } from '../../engine/text';
import type { Position } from '../../engine/types';

class AfterByteOrderMark extends LineIndex {
  override positionAt(offset: number): Position {
    const p = super.positionAt(offset);
    return p.line === 0 && p.character > 0 ? { line: 0, character: p.character - 1 } : p;
  }

  override offsetAt(pos: Position): number {
    return super.offsetAt(pos.line === 0 ? { line: 0, character: pos.character + 1 } : pos);
  }
}

/** `lines` itself, or for a text that starts with a BOM an index that does not count it as a column. */
export function editorLines(lines: LineIndex): LineIndex {
  return lines.text.charCodeAt(0) === 0xfeff ? new AfterByteOrderMark(lines.text) : lines;
}
