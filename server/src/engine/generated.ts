/**
 * Minified and generated code, recognised cheaply: a bundle or a compiler's output costs one message instead of a
 * parse, and its findings would point at text nobody edits. Reads the file name, a bounded head and the last line,
 * and makes one pass over line lengths; only bounded samples of the text are examined character by character.
 */
import { withUnixLineBreaks } from './text';

/** How much of the start of a file banners and bundler preambles are looked for in. */
const HEAD = 4096;
/** A line this long is minified when it reads like code (hand-written code is wrapped long before). */
const LONG_LINE = 5000;
/** Lines this wide holding nearly all of a file's text (Closure Compiler wraps at about 500 characters). */
const WIDE_LINE = 300;
const WIDE_SHARE = 0.8;
const WIDE_MIN_TEXT = 2000;
/** Characters of a line sampled, at its start, middle and end, to tell code from data. */
const SAMPLE = 1000;

/** A comment's text without its markers: line comment tokens, block comment delimiters, a leading ` * `. */
const COMMENT_TEXT = /^\s*(?:\/\/+|#+|\/\*+|\*+(?!\/))?\s*(.*?)\s*(?:\*+\/)?\s*$/;
/** Banners a generator writes about the file itself, as the first words of a comment. */
const BANNERS: RegExp[] = [
  /^Code generated .*\bDO NOT EDIT\b/,
  /^@generated\b/,
];
const GENERATED = /^(?:this (?:file|code|module) (?:is|was|has been) )?(?:auto(?:matically)?[- ]?)?generated\b|^(?:code )?generated (?:by|from|with|using)\b/i;
const DO_NOT_EDIT = /\bdo not (?:edit|modify)\b/i;

/** Bundler runtimes and compiler helpers, by what only their output defines. */
const PREAMBLES: [RegExp, string][] = [
  [/^\/\*{6}\/|\bfunction __webpack_require__\s*\(|\bvar __webpack_modules__ = /m, 'a webpack bundle'],
  [/^\/\*! For license information please see /, 'a webpack bundle'],
  [/^var __(?:commonJS|toESM|toCommonJS|esm) = /m, 'esbuild output'],
  [/\bfunction _interop(?:DefaultLegacy|NamespaceDefault) ?\(e\)|global = typeof globalThis !== 'undefined' \? globalThis : global \|\| self/, 'a Rollup bundle'],
  [/^(?:var )?parcelRequire\w* = |^(?:var|function) \$parcel\$\w+/m, 'a Parcel bundle'],
  [/^\(function(?:\(\)\{function r\(e,n,t\)| e\(t,n,r\)\{function s\(o,u\))/, 'a Browserify bundle'],
  [/^var __(?:awaiter|createBinding|importDefault|importStar|decorate|extends) = \(this && this\.__/m, 'TypeScript compiler output'],
];

/**
 * The last line of compiled output. Not in TypeScript sources: a `.ts` file is what maps point back to, and one
 * that ends in such a line is more likely a template literal a build plugin writes than a compiler's output.
 */
const SOURCE_MAP_TRAILER = /^\/\/[#@] sourceMappingURL=[^\s'"`]+\s*$/;
const TYPESCRIPT_SOURCE = /\.(?:[cm]?ts|tsx)$/i;

/** Why a file is minified or generated, as the one message to show for it; undefined for ordinary source. */
export function generatedReason(path: string, original: string): string | undefined {
  // A file with classic-Mac line breaks is not one long line.
  const text = withUnixLineBreaks(original);
  const head = text.slice(text.startsWith('\uFEFF') ? 1 : 0, HEAD);
  return byName(path) ?? byHead(head, text.length > HEAD) ?? byTrailer(path, text) ?? byLines(text);
}

function byName(path: string): string | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (base.includes('.min.')) return `minified: the file name says so (${base})`;
  if (/_pb2(?:_grpc)?\.pyi?$/.test(base)) return `generated: a protocol buffer module (${base})`;
  return undefined;
}

/** `cut`: the head ends mid-file, maybe mid-line. */
function byHead(head: string, cut: boolean): string | undefined {
  const banner = leadingComments(cut ? head.slice(0, head.lastIndexOf('\n') + 1) : head);
  for (const line of banner) if (BANNERS.some((b) => b.test(line))) return `generated: ${quote(line)}`;
  const said = banner.find((l) => GENERATED.test(l));
  if (said && banner.some((l) => DO_NOT_EDIT.test(l))) return `generated: ${quote(said)}`;
  for (const [marker, what] of PREAMBLES) if (marker.test(head)) return `generated: ${what}`;
  return undefined;
}

/**
 * The texts of the comment lines a file opens with (past a shebang and `'use strict'`): where generators write
 * their banner. A comment further down is about something else (`// the files in gen/ are generated, do not edit`).
 */
function leadingComments(head: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const [i, raw] of head.split('\n').entries()) {
    const line = raw.trim();
    const comment = inBlock || /^(?:\/\/|#|\/\*)/.test(line);
    if (!comment) {
      if (line === '' || (i === 0 && line.startsWith('#!')) || /^['"]use strict['"];?$/.test(line)) continue;
      break;
    }
    if (line.startsWith('/*')) inBlock = true;
    if (inBlock && line.endsWith('*/')) inBlock = false;
    const text = COMMENT_TEXT.exec(line)?.[1];
    if (text) out.push(text);
  }
  return out;
}

/** A banner as written, short enough for a one-line message. */
function quote(text: string): string {
  return `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;
}

function byTrailer(path: string, text: string): string | undefined {
  if (TYPESCRIPT_SOURCE.test(path)) return undefined;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const last = text.slice(text.lastIndexOf('\n', end - 1) + 1, end);
  return SOURCE_MAP_TRAILER.test(last) ? 'generated: compiled output (it ends with a sourceMappingURL comment)' : undefined;
}

function byLines(text: string): string | undefined {
  let longestStart = 0, longest = 0, wide = 0;
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const length = end - start;
    if (length > longest) { longest = length; longestStart = start; }
    if (length >= WIDE_LINE) wide += length;
    start = end + 1;
  }
  const nearlyAllWide = text.length >= WIDE_MIN_TEXT && wide >= WIDE_SHARE * text.length;
  if (longest < LONG_LINE && !nearlyAllWide) return undefined;
  if (!readsAsCode(text, longestStart, longest)) return undefined;
  return longest >= LONG_LINE
    ? `minified: a ${longest.toLocaleString('en-US')}-character line`
    : `minified: ${Math.round((100 * wide) / text.length)}% of the text is on lines of ${WIDE_LINE}+ characters`;
}

/**
 * Minified code is dense with brackets and operators and nearly free of spaces; a long line of data (base64, a
 * URL, JSON, a regular expression, prose or markup in a string) is not both. Any of three samples may decide, so a
 * bundle that embeds one large string is still seen.
 */
function readsAsCode(text: string, start: number, length: number): boolean {
  const size = Math.min(SAMPLE, length);
  const at = [start, start + Math.floor((length - size) / 2), start + length - size];
  return at.some((from) => denseCode(text, from, from + size));
}

function denseCode(text: string, from: number, to: number): boolean {
  let blanks = 0, brackets = 0, operators = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) blanks++;
    else if (c === 40 || c === 41) brackets++; // ( )
    else if (c === 59 || c === 61) operators++; // ; =
  }
  const n = to - from;
  return blanks < 0.1 * n && brackets >= 0.02 * n && operators >= 0.02 * n;
}
