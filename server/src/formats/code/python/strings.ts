/**
 * Python string expressions as constant text and holes: plain and concatenated literals, f-strings, `+`
 * concatenation, `%` formatting and `str.format`. Keys are built this way, and hash tags can only be proven from
 * the constant parts.
 */
import { unparen, type Node } from './syntax';

/**
 * `start`/`end`: the source span, where the segment is one contiguous piece of it. `inline`: a hole whose source
 * is the interpolated expression itself (an f-string's `{uid}`), not a placeholder or an operand.
 */
export type Segment = { kind: 'text'; value: string; start?: number; end?: number } | { kind: 'hole'; start?: number; end?: number; inline?: true };

/** Where the leading string literal sits in the source, for edits that insert braces into it. */
export interface LeadingLiteral {
  contentStart: number;
  contentEnd: number;
  /** Braces are doubled in f-strings and `str.format` templates. */
  doubleBraces: boolean;
  /** Source spans an insertion must not split: interpolations, escapes, `%s` / `{}` placeholders. */
  atomic: [number, number][];
}

export interface StringParts { segments: Segment[]; leading?: LeadingLiteral }

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

/** Python backslash escapes (the common ones; `\N{…}` is kept as written). */
function unescape(raw: string, bytes: boolean): string {
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r?\n|.)/g, (whole, e: string) => {
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e];
    if (e === '\r\n') return '';
    if (/^x/.test(e)) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[uU]/.test(e) && !bytes) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return whole;
  });
}

interface LiteralInfo { parts: StringParts; formatted: boolean }

function literalParts(node: Node): LiteralInfo | undefined {
  // Children and their types are read once: every read crosses into wasm, and keys and values are all strings.
  const children = node.namedChildren;
  const types = children.map((c) => c?.type);
  const start = children[types.indexOf('string_start')];
  const end = children[types.indexOf('string_end')];
  if (!start || !end) return undefined;
  const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
  const formatted = prefix.includes('f') || prefix.includes('t');
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  const segments: Segment[] = [];
  const atomic: [number, number][] = [];
  const pushText = (value: string, start: number, end: number) => {
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') { last.value += value; last.end = end; } else segments.push({ kind: 'text', value, start, end });
  };
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!c) continue;
    if (types[i] === 'string_content') {
      let text = c.text;
      // Content's only named children are escape sequences (`\…`) and escaped braces (`{{`, `}}`): without
      // either in the text there are none to ask for.
      const escapes = text.includes('\\') || text.includes('{{') || text.includes('}}');
      if (formatted) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      pushText(raw ? text : unescape(text, bytes), c.startIndex, c.endIndex);
      if (escapes) for (const e of c.namedChildren) if (e) atomic.push([e.startIndex, e.endIndex]);
    } else if (types[i] === 'interpolation') {
      segments.push({ kind: 'hole', start: c.startIndex, end: c.endIndex, inline: true });
      atomic.push([c.startIndex, c.endIndex]);
    }
  }
  if (!segments.length) segments.push({ kind: 'text', value: '', start: start.endIndex, end: end.startIndex });
  return {
    parts: { segments, leading: { contentStart: start.endIndex, contentEnd: end.startIndex, doubleBraces: formatted, atomic } },
    formatted,
  };
}

const PERCENT_SPEC = /%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsab%]/g;
const FORMAT_FIELD = /\{\{|\}\}|\{[^{}]*\}/g;

/** Splits constant text at placeholders; `literalFor` maps escaped forms (`%%`, `{{`) back to their text. */
function splitTemplate(text: string, re: RegExp, literalFor: (m: string) => string | undefined): Segment[] {
  const out: Segment[] = [];
  let buf = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    buf += text.slice(last, m.index);
    last = m.index! + m[0].length;
    const lit = literalFor(m[0]);
    if (lit !== undefined) { buf += lit; continue; }
    out.push({ kind: 'text', value: buf }, { kind: 'hole' });
    buf = '';
  }
  out.push({ kind: 'text', value: buf + text.slice(last) });
  return out.filter((s, i) => s.kind === 'hole' || s.value !== '' || i === 0);
}

/** A template whose placeholders live in a plain literal (`"a:%s" % x`, `"a:{}".format(x)`). */
function placeholderTemplate(literal: Node, re: RegExp, literalFor: (m: string) => string | undefined, doubleBraces: boolean): StringParts | undefined {
  const info = literalParts(literal);
  if (!info || info.formatted || info.parts.segments.length !== 1 || info.parts.segments[0].kind !== 'text') return undefined;
  const leading = info.parts.leading!;
  const source = literal.text.slice(leading.contentStart - literal.startIndex, leading.contentEnd - literal.startIndex);
  const atomic = [...leading.atomic];
  for (const m of source.matchAll(re)) atomic.push([leading.contentStart + m.index!, leading.contentStart + m.index! + m[0].length]);
  return {
    segments: splitTemplate(info.parts.segments[0].value, re, literalFor),
    leading: { ...leading, doubleBraces, atomic },
  };
}

function appendSegments(segments: Segment[], more: Segment[]): void {
  for (const s of more) {
    const last = segments[segments.length - 1];
    if (s.kind === 'text' && last?.kind === 'text') segments[segments.length - 1] = { kind: 'text', value: last.value + s.value };
    else segments.push(s);
  }
}

function concat(a: StringParts, b: StringParts): StringParts {
  const segments = [...a.segments];
  appendSegments(segments, b.segments);
  return { segments, leading: a.leading };
}

const HOLE: StringParts = { segments: [{ kind: 'hole' }] };

/**
 * `a + b + c …`, which parses left-deep: the operands are gathered in a loop, since a generated key can be long
 * enough to overflow a recursive descent. An operand that is not a string is a hole, unless both sides are unknown.
 */
function concatenation(node: Node, depth: number): StringParts | undefined {
  const operands: Node[] = [];
  let left = node;
  for (;;) {
    const l = left.childForFieldName('left');
    const r = left.childForFieldName('right');
    if (!l || !r) return undefined;
    operands.push(r);
    const next = unparen(l);
    if (next.type !== 'binary_operator' || next.childForFieldName('operator')?.type !== '+') { operands.push(l); break; }
    left = next;
  }
  // Parenthesised operands nest the other way (`"a" + ("b" + (…))`); past a depth no key reaches they are holes.
  const part = (n: Node) => (depth < MAX_NESTING ? stringParts(n, depth + 1) : undefined);
  const first = part(operands.pop()!);
  // Built in place: `concat` copies its left side, which would make a long chain quadratic.
  let acc: StringParts | undefined = first && { segments: [...first.segments], leading: first.leading };
  while (operands.length) {
    const r = part(operands.pop()!);
    if (!acc && !r) continue;
    acc ??= { segments: [...HOLE.segments] };
    appendSegments(acc.segments, (r ?? HOLE).segments);
  }
  return acc;
}

const MAX_NESTING = 50;

/** Constant text and holes of a string-valued expression, or undefined when it is not recognisably a string. */
export function stringParts(expr: Node, depth = 0): StringParts | undefined {
  const node = unparen(expr);
  switch (node.type) {
    case 'string': return literalParts(node)?.parts;
    case 'concatenated_string': {
      let acc: StringParts | undefined;
      for (const c of node.namedChildren) {
        const p = c && stringParts(c, depth + 1);
        if (!p) return undefined;
        acc = acc ? concat(acc, p) : p;
      }
      return acc;
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.type;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return undefined;
      if (op === '+') return concatenation(node, depth);
      if (op === '%' && unparen(left).type === 'string') {
        return placeholderTemplate(unparen(left), PERCENT_SPEC, (m) => (m === '%%' ? '%' : undefined), false);
      }
      return undefined;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      if (fn?.childForFieldName('attribute')?.text !== 'format' || !obj || unparen(obj).type !== 'string') return undefined;
      return placeholderTemplate(unparen(obj), FORMAT_FIELD, (m) => (m === '{{' ? '{' : m === '}}' ? '}' : undefined), true);
    }
    default: return undefined;
  }
}

/**
 * The value of a string whose every hole is a name bound to a constant string (`f"{PREFIX}:settings"`): one fixed
 * key, not a family of them. Undefined when a hole is anything else (a call, an attribute, a format spec).
 */
export function foldConstants(parts: StringParts, source: string, lookup: (name: string, at: number) => string | undefined): string | undefined {
  let out = '';
  for (const s of parts.segments) {
    const value = s.kind === 'text' ? s.value : holeConstant(s, source, lookup);
    if (value === undefined) return undefined;
    out += value;
  }
  return out;
}

/** The constant string an f-string hole names (`{PREFIX}`), if it names one: no call, attribute or format spec. */
export function holeConstant(s: Extract<Segment, { kind: 'hole' }>, source: string, lookup: (name: string, at: number) => string | undefined): string | undefined {
  if (!s.inline || s.start === undefined || s.end === undefined) return undefined;
  const name = /^\{\s*([A-Za-z_]\w*)\s*\}$/.exec(source.slice(s.start, s.end))?.[1];
  return name === undefined ? undefined : lookup(name, s.start);
}

/** The value of a string expression without holes (`"a"`, `"a" "b"`, `"a" + "b"`), else undefined. */
export function constantString(expr: Node): string | undefined {
  const parts = stringParts(expr);
  return parts?.segments.length === 1 && parts.segments[0].kind === 'text' ? parts.segments[0].value : undefined;
}

/**
 * The source of an f-string hash tag that spans an interpolation (`f"{{user:{uid}}}:cart"` → `user:{uid}`). Two
 * keys with the same such text hash alike even though the slot is unknown. Only f-strings qualify: there the
 * interpolated expression is part of the text, while `"{{u:{}}}".format(a)` and `.format(b)` would read the same.
 */
export function dynamicHashTag(expr: Node): string | undefined {
  const node = unparen(expr);
  const start = node.type === 'string' ? node.namedChildren.find((c) => c?.type === 'string_start') : undefined;
  if (!start || !/f/i.test(start.text.replace(/['"]+$/, ''))) return undefined;
  let open: number | undefined;
  let crossed = false;
  for (const c of node.namedChildren) {
    if (c?.type === 'interpolation') { if (open !== undefined) crossed = true; continue; }
    if (c?.type !== 'string_content') continue;
    for (const e of c.namedChildren) {
      if (e?.type !== 'escape_interpolation') continue;
      if (open === undefined && e.text === '{{') open = e.endIndex;
      else if (open !== undefined && e.text === '}}') {
        return crossed ? node.text.slice(open - node.startIndex, e.startIndex - node.startIndex) : undefined;
      }
    }
  }
  return undefined;
}
