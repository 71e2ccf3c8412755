/**
 * Quoted scalars whose continuation lines are indented less than YAML requires, read as CloudFormation reads them.
 * `yaml` ends such a scalar at the first under-indented line and reports a missing quote; PyYAML (and so
 * CloudFormation and cfn-lint) read on to the closing quote. AWS's own samples rely on it:
 *
 *     Value: 'Log in to the console, then
 *     choose your instance.'
 *
 * The repair pads those lines with spaces, which quoted scalars fold away, so values are unchanged; offsets in
 * the padded text are mapped back afterwards.
 */
import type { CST } from 'yaml';

/** Spaces added to the text, in increasing order of `at` (an offset in the padded text). */
export interface Padding { at: number; count: number }

/** What may follow a quoted scalar on its line, after spaces: the end of the line, a comment, `:` or flow punctuation. */
const ENDS_A_VALUE = /[ \t]*(?:[\r\n#:,\]}]|$)/y;

function endsAValue(text: string, at: number): boolean {
  ENDS_A_VALUE.lastIndex = at;
  return ENDS_A_VALUE.test(text);
}

/** Each repair re-lexes the text, so a pathological file cannot cost more than this many lexes. */
export const MAX_REPAIRS = 32;

type Item = { key?: CST.Token | null; value?: CST.Token };

/** The first quoted scalar in document order that the lexer ended before its closing quote. */
export function firstCutQuote(tokens: CST.Token[]): CST.FlowScalar | undefined {
  const stack: (CST.Token | null | undefined)[] = [...tokens].reverse();
  while (stack.length) {
    const t = stack.pop();
    if (!t) continue;
    if (t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar') {
      if (!isClosed(t.source)) return t;
    } else if (t.type === 'document') stack.push(t.value);
    else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      const items = t.items as Item[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i].value, items[i].key);
    }
  }
  return undefined;
}

function isClosed(source: string): boolean {
  const quote = source[0];
  if (source.length < 2 || source[source.length - 1] !== quote) return false;
  // A closing ' ends an odd run of quotes after the opening one; a closing " follows an even run of backslashes.
  let run = 0;
  if (quote === "'") {
    for (let i = source.length - 1; i > 0 && source[i] === "'"; i--) run++;
    return run % 2 === 1;
  }
  for (let i = source.length - 2; i > 0 && source[i] === '\\'; i--) run++;
  return run % 2 === 0;
}

/**
 * `text` with the continuation lines of `scalar` padded to one column past its opening quote, or undefined when
 * there is no closing quote before the end or a document marker, where PyYAML fails as well.
 */
export function padContinuation(text: string, scalar: CST.FlowScalar): { text: string; pads: Padding[] } | undefined {
  const quote = scalar.source[0];
  const cutAt = scalar.offset + scalar.source.length;
  const close = closingQuote(text, quote, cutAt);
  // A closing quote followed by more text is the opening quote of a later value: this quote is really missing,
  // and repairing on would only cut the next value in turn.
  if (close === -1 || !endsAValue(text, close + 1)) return undefined;
  const lineStart = text.lastIndexOf('\n', scalar.offset) + 1;
  const need = scalar.offset - lineStart + 1;
  const parts: string[] = [];
  const pads: Padding[] = [];
  let from = 0, added = 0;
  for (let nl = text.indexOf('\n', cutAt); nl !== -1 && nl < close; nl = text.indexOf('\n', nl + 1)) {
    const start = nl + 1;
    const marker = text.slice(start, start + 3);
    if ((marker === '---' || marker === '...') && /^\s?$/.test(text[start + 3] ?? '')) return undefined;
    let spaces = 0;
    while (text[start + spaces] === ' ') spaces++;
    if (spaces >= need) continue;
    parts.push(text.slice(from, start), ' '.repeat(need - spaces));
    pads.push({ at: start + added, count: need - spaces });
    added += need - spaces;
    from = start;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), pads };
}

/** Where `yaml`'s lexer would have closed the scalar, searching from `from`; -1 when it never closes. */
function closingQuote(text: string, quote: string, from: number): number {
  let end = text.indexOf(quote, from);
  if (quote === "'") {
    while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
    return end;
  }
  for (;;) {
    if (end === -1) return end;
    let n = 0;
    while (text[end - 1 - n] === '\\') n++;
    if (n % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/** Padded offset → offset in the text before padding (an offset inside added spaces maps to the line start). */
export function unpad(pads: Padding[]): (offset: number) => number {
  const ends: number[] = [];
  const before: number[] = [];
  let total = 0;
  for (const p of pads) { before.push(total); total += p.count; ends.push(p.at + p.count); }
  return (offset) => {
    let lo = 0, hi = pads.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (pads[mid].at <= offset) lo = mid + 1; else hi = mid; }
    const i = lo - 1;
    if (i < 0) return offset;
    return offset >= ends[i] ? offset - before[i] - pads[i].count : pads[i].at - before[i];
  };
}
