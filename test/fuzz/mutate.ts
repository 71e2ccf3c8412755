/**
 * Mutations of realistic text, as data (so a case is reproducible from its seed and printable): truncation, line
 * surgery, inserted bytes and awkward unicode, line-ending and indentation changes, deep nesting, huge scalars,
 * unterminated constructs, binary blocks and splices from other files. Positions are fractions of the current
 * length, so one mutation list applies to any text.
 */
import fc from 'fast-check';

/** What a format contributes to mutation: its ways of nesting deeply and its openers that can be left unclosed. */
export interface Syntax {
  /** Text nesting `depth` levels; `close` false leaves every level open. */
  nesters: ((depth: number, close: boolean) => string)[];
  /** Openers of strings, heredocs, comments and blocks, and other tokens that change how the rest is read. */
  tokens: string[];
}

export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'deleteLines'; at: number; count: number }
  | { op: 'duplicateLines'; at: number; count: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'insert'; at: number; text: string; lineStart: boolean }
  | { op: 'eol'; style: 'crlf' | 'cr' | 'mixed' | 'lf' }
  | { op: 'tabs' }
  | { op: 'nest'; at: number; nester: number; depth: number; close: boolean }
  | { op: 'huge'; at: number; size: number; quote: string }
  | { op: 'binary'; at: number; bytes: string }
  | { op: 'splice'; at: number; donor: number; from: number; to: number }
  | { op: 'duplicateSlice'; at: number; length: number }
  | { op: 'bom' };

/** Uniform over the text with some bias to its ends; fc.double would crowd every position next to 0. */
export const fraction = fc.integer({ min: 0, max: 2 ** 30 - 1 }).map((n) => n / 2 ** 30);

/** Characters parsers and position arithmetic get wrong: lone surrogates, BOM, NUL, other line breaks, wide characters. */
const awkward = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\uFEFF', '\u0000', '\r', '\n', '\r\n', '\t', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C', '\u00A0', '\u200B', '\u202E', '\u0301', 'é', '\u{1F600}', '\u{10FFFF}', '\uFFFD', '\\', '\u007F', '\u001B[31m'),
);

const insertText = (syntax: Syntax) => fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 3, arbitrary: fc.array(awkward, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')) },
  { weight: 4, arbitrary: fc.constantFrom(...syntax.tokens) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
);

export const mutation = (syntax: Syntax, donors: number): fc.Arbitrary<Mutation> => fc.oneof(
  { weight: 3, arbitrary: fraction.map((at): Mutation => ({ op: 'truncate', at })) },
  { weight: 3, arbitrary: fc.tuple(fraction, fc.integer({ min: 1, max: 5 })).map(([at, count]): Mutation => ({ op: 'deleteLines', at, count })) },
  { weight: 2, arbitrary: fc.tuple(fraction, fc.integer({ min: 1, max: 5 })).map(([at, count]): Mutation => ({ op: 'duplicateLines', at, count })) },
  { weight: 2, arbitrary: fc.tuple(fraction, fraction).map(([a, b]): Mutation => ({ op: 'swapLines', a, b })) },
  { weight: 8, arbitrary: fc.tuple(fraction, insertText(syntax), fc.boolean()).map(([at, text, lineStart]): Mutation => ({ op: 'insert', at, text, lineStart })) },
  { weight: 1, arbitrary: fc.constantFrom<'crlf' | 'cr' | 'mixed' | 'lf'>('crlf', 'cr', 'mixed', 'lf').map((style): Mutation => ({ op: 'eol', style })) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'tabs' }) },
  { weight: 2, arbitrary: fc.tuple(fraction, fc.nat(syntax.nesters.length - 1), fc.oneof(fc.integer({ min: 2, max: 80 }), fc.integer({ min: 200, max: 1200 }), fc.integer({ min: 2000, max: 6000 })), fc.boolean())
    .map(([at, nester, depth, close]): Mutation => ({ op: 'nest', at, nester, depth, close })) },
  { weight: 1, arbitrary: fc.tuple(fraction, fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1000, max: 20_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 300_000 }) }), fc.constantFrom('', '"', "'", '`', '"""', '#', '//', '<<EOT\n'))
    .map(([at, size, quote]): Mutation => ({ op: 'huge', at, size, quote })) },
  { weight: 1, arbitrary: fc.tuple(fraction, fc.string({ unit: 'binary', minLength: 16, maxLength: 400 })).map(([at, bytes]): Mutation => ({ op: 'binary', at, bytes })) },
  { weight: 2, arbitrary: fc.tuple(fraction, fc.nat(Math.max(0, donors - 1)), fraction, fraction).map(([at, donor, from, to]): Mutation => ({ op: 'splice', at, donor, from, to })) },
  { weight: 1, arbitrary: fc.tuple(fraction, fc.integer({ min: 1, max: 400 })).map(([at, length]): Mutation => ({ op: 'duplicateSlice', at, length })) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'bom' }) },
);

const pos = (at: number, length: number) => Math.min(length, Math.floor(at * (length + 1)));

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function applyMutation(text: string, m: Mutation, syntax: Syntax, donors: string[]): string {
  switch (m.op) {
    case 'truncate': return text.slice(0, pos(m.at, text.length));
    case 'deleteLines': case 'duplicateLines': {
      const lines = text.split('\n');
      const i = pos(m.at, lines.length - 1);
      const cut = lines.slice(i, i + m.count);
      if (m.op === 'deleteLines') lines.splice(i, m.count);
      else lines.splice(i, 0, ...cut);
      return lines.join('\n');
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = pos(m.a, lines.length - 1), b = pos(m.b, lines.length - 1);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insert': {
      let at = pos(m.at, text.length);
      if (m.lineStart) at = lineStartAt(text, at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'eol': {
      const lf = text.replace(/\r\n?/g, '\n');
      if (m.style === 'lf') return lf;
      if (m.style === 'crlf') return lf.replace(/\n/g, '\r\n');
      if (m.style === 'cr') return lf.replace(/\n/g, '\r');
      let i = 0;
      return lf.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]);
    }
    case 'tabs': return text.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2));
    case 'nest': {
      const at = lineStartAt(text, pos(m.at, text.length));
      return text.slice(0, at) + syntax.nesters[m.nester](m.depth, m.close) + text.slice(at);
    }
    case 'huge': {
      const at = pos(m.at, text.length);
      const close = m.quote === '<<EOT\n' ? '\nEOT' : m.quote === '#' || m.quote === '//' ? '' : m.quote;
      return text.slice(0, at) + m.quote + 'x'.repeat(m.size) + close + text.slice(at);
    }
    case 'binary': {
      const at = pos(m.at, text.length);
      return text.slice(0, at) + m.bytes + text.slice(at + m.bytes.length);
    }
    case 'splice': {
      const donor = donors[m.donor % Math.max(1, donors.length)] ?? '';
      const [a, b] = [pos(m.from, donor.length), pos(m.to, donor.length)].sort((x, y) => x - y);
      const at = pos(m.at, text.length);
      return text.slice(0, at) + donor.slice(a, b) + text.slice(at);
    }
    case 'duplicateSlice': {
      const at = pos(m.at, text.length);
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    }
    case 'bom': return '\uFEFF' + text;
  }
}

/** Deep nesting the way each syntax nests, for the per-format tables. */
export const nest = {
  brackets: (open: string, close: string, inner = '1') => (depth: number, closed: boolean) => open.repeat(depth) + inner + (closed ? close.repeat(depth) : '') + '\n',
  indented: (line: (i: number) => string, unit: string, leaf: string) => (depth: number) => {
    // Indentation costs depth² characters: the depth is capped so that the nest stays near 250 KB.
    const d = Math.min(depth, Math.floor(Math.sqrt(500_000 / unit.length)));
    const out: string[] = [];
    for (let i = 0; i < d; i++) out.push(unit.repeat(i) + line(i));
    out.push(unit.repeat(d) + leaf);
    return out.join('\n') + '\n';
  },
};
