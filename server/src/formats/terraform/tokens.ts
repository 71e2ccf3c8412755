/**
 * What the source text of one node says on its own, where the text leaves no doubt. Every node read through
 * web-tree-sitter costs a crossing into wasm, and most values in a resource are a single literal or traversal whose
 * node the parser has already delimited: inside a block without syntax errors, these shapes of text can only be
 * one kind of subtree, so reading the text gives what walking the subtree would. Anything less certain returns
 * undefined and is read from the tree.
 */
import type { Step } from './references';
import { decodeEscapes } from './syntax';

export type TokenValue =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'traversal'; root: string; steps: Step[] }
  /** Certainly neither a literal, a collection nor a traversal (a function call, an interpolating template). */
  | { kind: 'computed' };

const NUMBER = /^[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?)?$/;
/** A quoted string with escapes but no `$`/`%` before `{`: neither an interpolation nor a `$${` escape. */
const PLAIN_STRING = /^"((?:[^"\\$%\r\n]|\\[^\r\n]|[$%](?!\{))*)"$/;
/**
 * A root and attribute or index steps, without spaces, comments, splats, legacy `.0` indexes or names with `-`
 * (which the grammar may read as an operator).
 */
const TRAVERSAL = /^([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:[0-9]+|"[A-Za-z0-9_./: -]*")\])+)$/;
const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[[^\]]*\]/g;
/** The grammar reads these words as literals, so `null.x` is not a traversal rooted at `null`. */
const KEYWORDS = new Set(['true', 'false', 'null']);
const CALL = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `"${…}"` around one piece of text with no quote, brace or comment in it; spaces inside the braces are allowed. */
const SOLE = /^"\$\{[ \t]*([^"{}#/\s]+)[ \t]*\}"$/;

function traversalToken(text: string): TokenValue | undefined {
  const traversal = TRAVERSAL.exec(text);
  if (!traversal || KEYWORDS.has(traversal[1])) return undefined;
  const steps: Step[] = [];
  for (const s of traversal[2].matchAll(STEP)) steps.push(s[1] ? { attr: s[1] } : { index: true });
  return { kind: 'traversal', root: traversal[1], steps };
}

/** One element that `tokenValue` reads: a plain string, a number, a name or a traversal as TRAVERSAL allows it. */
const ELEMENT = /"(?:[^"\\$%\r\n]|\\[^\r\n]|[$%](?!\{))*"|[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?)?|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:[0-9]+|"[A-Za-z0-9_./: -]*")\])*/y;
/** After a token and a space: an operator that makes the whole expression an operation or a condition. */
const OPERATOR = /[ \t\r\n]+(?:==|!=|&&|\|\||<=?|>=?|[?+*%-]|\/(?![/*]))/y;
const KEY = /"(?:[^"\\$%\r\n]|\\[^\r\n]|[$%](?!\{))*"|[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /[ \t\r\n]*/y;
/** Words that would start a `for` expression or read as literals: such an object is left to the tree. */
const NOT_KEYS = new Set(['for', 'in', 'if']);

export function tokenValue(text: string): TokenValue | undefined {
  if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true' };
  if (text === 'null') return { kind: 'literal', value: null };
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57 && NUMBER.test(text)) return { kind: 'literal', value: Number(text) };
  if (first === 34 /* " */) {
    const plain = PLAIN_STRING.exec(text);
    if (plain) return { kind: 'literal', value: decodeEscapes(plain[1]) };
    // `"${aws_x.y.id}"` (Terraform 0.11 style) is the traversal itself: a template that is one interpolation and
    // nothing else yields the expression's value unconverted. Any other single interpolation goes to the tree.
    if (text.startsWith('"${') && text.endsWith('}"') && text.indexOf('${', 3) < 0 && !text.includes('%{')) {
      const inner = SOLE.exec(text);
      return inner ? traversalToken(inner[1]) : undefined;
    }
    // An interpolation anywhere makes the whole expression computed, whatever operators surround it; `$$`/`%%`
    // (escapes) and comments could hide or fake one, so those are left to the tree.
    if (/[$%]\{/.test(text) && !/\$\$|%%|#|\/[/*]/.test(text)) return { kind: 'computed' };
  }
  const traversal = traversalToken(text);
  if (traversal) return traversal;
  // A bare name (`each`, `self`) is not a traversal we follow; an expression that starts with a call, or with a
  // token and then a binary operator or `?`, is computed whatever follows.
  if (NAME.test(text)) return KEYWORDS.has(text) ? undefined : { kind: 'computed' };
  const call = CALL.exec(text);
  if (call && !KEYWORDS.has(call[1])) return { kind: 'computed' };
  ELEMENT.lastIndex = 0;
  if (ELEMENT.test(text)) {
    OPERATOR.lastIndex = ELEMENT.lastIndex;
    // A condition (`var.prod ? a : b`, `var.env == "prod" ? a : b`) is left to the tree, which reads it as a choice.
    if (OPERATOR.test(text)) return text.includes('?') ? undefined : { kind: 'computed' };
  }
  return undefined;
}

/** Offsets of a part of an expression's text, relative to its start. */
export interface Span { start: number; end: number }

/** An element of a collection, and what its text says. */
export interface TokenElement extends Span { token: TokenValue }

export type TokenCollection =
  | { kind: 'tuple'; items: TokenElement[] }
  /** `name` undefined: a key that names no entry (`true`, `null`). */
  | { kind: 'object'; entries: { name: string | undefined; key: Span; value: TokenElement }[] };

/**
 * A tuple or object whose elements are all such tokens (`[aws_security_group.a.id, "sg-1"]`, `{ team = "x" }`),
 * separated by commas or (objects) line breaks, with no comments or nested collections; undefined otherwise.
 */
export function tokenCollection(text: string): TokenCollection | undefined {
  const open = text.charCodeAt(0);
  const close = open === 91 /* [ */ ? 93 : open === 123 /* { */ ? 125 : 0;
  if (!close || text.charCodeAt(text.length - 1) !== close) return undefined;
  const spans: TokenElement[] = [];
  const keys: (Span & { name: string | undefined })[] = [];
  let i = skip(text, 1);
  while (i < text.length - 1) {
    if (open === 123) {
      const key = match(KEY, text, i);
      if (!key || NOT_KEYS.has(key)) return undefined;
      const name = key.startsWith('"') ? decodeEscapes(key.slice(1, -1)) : KEYWORDS.has(key) ? undefined : key;
      keys.push({ name, start: i, end: i + key.length });
      i = skip(text, i + key.length);
      const sep = text[i];
      if (sep !== '=' && sep !== ':') return undefined;
      i = skip(text, i + 1);
    }
    const element = match(ELEMENT, text, i);
    if (element === undefined || NOT_KEYS.has(element)) return undefined;
    const token = tokenValue(element);
    if (!token) return undefined;
    spans.push({ start: i, end: i + element.length, token });
    i = skip(text, i + element.length);
    if (text[i] === ',') i = skip(text, i + 1);
    // Object members may also be separated by a line break; anything else after an element is not ours to read.
    else if (i < text.length - 1 && (open === 91 || !text.slice(spans[spans.length - 1].end, i).includes('\n'))) return undefined;
  }
  if (i !== text.length - 1) return undefined;
  if (open === 91) return { kind: 'tuple', items: spans };
  return { kind: 'object', entries: keys.map((k, n) => ({ name: k.name, key: { start: k.start, end: k.end }, value: spans[n] })) };
}

function skip(text: string, i: number): number {
  SPACE.lastIndex = i;
  SPACE.exec(text);
  return SPACE.lastIndex;
}

function match(re: RegExp, text: string, i: number): string | undefined {
  re.lastIndex = i;
  return re.exec(text)?.[0];
}

/** A block's type and plain quoted labels as written at `start` (with their quotes' offsets), and its `{`. */
export interface BlockHeader {
  type: string;
  labels: { value: string; start: number; end: number }[];
  open: number;
}

const HEADER = /([A-Za-z_][A-Za-z0-9_-]*)((?:[ \t]+"[^"\\$%\r\n]*")*)[ \t]*\{/y;
const LABEL = /"([^"]*)"/g;

/**
 * The header of the block starting at `start`, when it is written plainly (labels quoted without escapes, on one
 * line, no comments); undefined otherwise, and the block is read from the tree.
 */
export function blockHeader(text: string, start: number): BlockHeader | undefined {
  HEADER.lastIndex = start;
  const m = HEADER.exec(text);
  if (!m) return undefined;
  const labelsAt = start + m[1].length;
  const labels: BlockHeader['labels'] = [];
  for (const l of m[2].matchAll(LABEL)) labels.push({ value: l[1], start: labelsAt + l.index, end: labelsAt + l.index + l[0].length });
  return { type: m[1], labels, open: start + m[0].length - 1 };
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*(?=[\s"{])/y;

/** The identifier starting at `start` when it certainly ends where ASCII ends (space, quote or brace next). */
export function identifierAt(text: string, start: number): string | undefined {
  IDENTIFIER.lastIndex = start;
  return IDENTIFIER.exec(text)?.[0];
}
