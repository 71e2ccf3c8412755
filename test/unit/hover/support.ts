/** `|` marks the position in a test text: the text without it, and the offset it marks. */
export function marked(src: string): { text: string; offset: number } {
  const offset = src.indexOf('|');
  if (offset < 0 || src.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one position with |');
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

/** The line:column (1-based) of an offset, for readable assertions on ranges. */
export function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
