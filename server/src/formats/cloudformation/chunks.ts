/**
 * Where a block-style template can be cut into pieces that parse on their own: at each top-level key, and inside
 * a section (`Resources:`, `Parameters:` …) at each entry written at the section's indentation. One pass over the
 * lines; undefined wherever the layout leaves any doubt, and the caller parses the whole text instead.
 */

export interface Span { start: number; end: number }

/** A top-level entry. With `entries`, its own line (and the comments after it) is [start, entries[0].start). */
export interface Section extends Span { entries?: Span[] }

/** `Key:` alone on its line (a comment may follow): a section whose entries sit on the lines below. */
const HEADER = /^(?:[A-Za-z0-9_.-]+|"[A-Za-z0-9_.:-]*"|'[A-Za-z0-9_.:-]*'):[ ]*(?:#.*)?\r?$/;

/** First characters of a line that make it something other than a plain `key: …` entry. */
const NOT_AN_ENTRY = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`']);

/** The section being read. */
interface Open {
  start: number;
  /** Whether its entries are pieces of their own: a header line, then entries all at one indentation. */
  split: boolean;
  /** Indentation of the section's entries, -1 until the first one is seen. */
  indent: number;
  starts: number[];
}

export function splitTemplate(text: string): Section[] | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const sections: Section[] = [];
  let open: Open | undefined;
  const close = (end: number) => {
    if (!open) return;
    const entries = open.split && open.starts.length ? open.starts.map((start, i) => ({ start, end: open!.starts[i + 1] ?? end })) : undefined;
    sections.push(entries ? { start: open.start, end, entries } : { start: open.start, end });
  };
  for (let ls = 0; ls < text.length;) {
    const nl = text.indexOf('\n', ls);
    const le = nl === -1 ? text.length : nl;
    let indent = 0;
    while (text.charCodeAt(ls + indent) === 32) indent++;
    const c = text[ls + indent];
    if (c === '\t') return undefined;
    const trivia = ls + indent >= le || c === '#' || c === '\r';
    if (!trivia && indent === 0) {
      if (NOT_AN_ENTRY.has(c) || (c === '.' && text.startsWith('...', ls))) return undefined;
      close(ls);
      open = { start: ls, split: HEADER.test(text.slice(ls, le)), indent: -1, starts: [] };
    } else if (!trivia) {
      if (!open) return undefined;
      if (open.split) {
        if (open.indent === -1) open.indent = indent;
        if (indent === open.indent && !NOT_AN_ENTRY.has(c)) open.starts.push(ls);
        // A line at the entries' indentation that is not a plain key, or one left of them: read the section whole.
        else if (indent <= open.indent) open.split = false;
      }
    }
    ls = nl === -1 ? text.length : nl + 1;
  }
  close(text.length);
  return sections.length ? sections : undefined;
}
