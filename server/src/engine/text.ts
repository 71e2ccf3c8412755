import type { Position, Range } from './types';

/**
 * Converts between string offsets and zero-based positions for one text, with a line-start table built once.
 * Positions are those an editor shows: a leading byte-order mark is no column (VS Code drops it from the document),
 * and an offset between the `\r` and `\n` of a CRLF is the end of its line.
 */
export class LineIndex {
  private readonly lineStarts: number[];
  /** 1 when the text starts with a byte-order mark, which line 0's columns do not count. */
  private readonly bom: number;
  private newline: string | undefined;
  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number { return this.lineStarts.length; }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    const start = lo === 0 ? this.bom : this.lineStarts[lo];
    return { line: lo, character: Math.max(0, Math.min(o, this.lineEnd(lo)) - start) };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = pos.line === 0 ? this.bom : this.lineStarts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineStart(line: number): number { return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]; }

  /** Offset just before the line's terminator. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string { return this.text.slice(line <= 0 ? this.bom : this.lineStart(line), this.lineEnd(line)); }

  /** Leading whitespace of a line, used to keep a file's own indentation in inserted text. */
  indentOf(line: number): string { return /^[ \t]*/.exec(this.lineText(line))![0]; }

  /** The file's newline, the first one it uses, so inserted lines match it (looked up once: every fix asks). */
  get eol(): string {
    if (this.newline === undefined) {
      const at = this.lineStarts.length > 1 ? this.lineStarts[1] : -1;
      this.newline = at < 0 ? '\n' : this.text.charCodeAt(at - 1) === 13 ? '\r' : this.text.charCodeAt(at - 2) === 13 ? '\r\n' : '\n';
    }
    return this.newline;
  }
}

/**
 * The text as tree-sitter grammars should see it: they end lines at \n only, while editors (and LSP) also end them
 * at a lone \r. Each lone \r becomes \n, one character for one, so every offset stays the same.
 */
export function withUnixLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

export function rangeContains(outer: Range, p: Position): boolean {
  const afterStart = p.line > outer.start.line || (p.line === outer.start.line && p.character >= outer.start.character);
  const beforeEnd = p.line < outer.end.line || (p.line === outer.end.line && p.character <= outer.end.character);
  return afterStart && beforeEnd;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
