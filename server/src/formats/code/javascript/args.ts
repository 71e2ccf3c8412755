/**
 * JavaScript/TypeScript's hook into the neutral argument model: each argument expression as a `CallArg`. What the
 * arguments mean is the library adapter's and the core's.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { LineIndex } from '../../../engine/text';
import type { CallArg, StringSegment } from '../../../model/code';
import type { SourceCall } from '../core/adapters/types';
import { FUNCTION_TYPES, escapeValue, literalValue, stringSegments, unwrap } from './syntax';

/** Past this many nested literals an argument is unknown: no key sits that deep, and a tree can be deeper than the stack. */
const MAX_DEPTH = 8;

/** The string literal a name is bound to, when it is a constant. */
export type ConstantLookup = (id: Node) => Node | undefined;

export class ArgReader {
  constructor(private readonly lines: LineIndex, private readonly constant: ConstantLookup = () => undefined) {}

  private range(n: Node) { return this.lines.range(n.startIndex, n.endIndex); }

  /** The range between a quoted string's quotes; on one line, the quotes are one character each side. */
  private inside(n: Node, range: CallArg['range']): CallArg['range'] {
    if (n.endIndex - n.startIndex < 2) return range;
    if (range.start.line !== range.end.line) return this.lines.range(n.startIndex + 1, n.endIndex - 1);
    return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
  }

  arg(node: Node, depth = 0): CallArg {
    const n = unwrap(node);
    const text = n.text;
    const range = this.range(n);
    if (depth > MAX_DEPTH) return { kind: 'unknown', text, range };
    // Read once: every `type` crosses into wasm, and every argument of every call comes through here.
    const type = n.type;
    switch (type) {
      case 'number': {
        const value = Number(text.replace(/_/g, ''));
        if (Number.isFinite(value)) return { kind: 'number', value, text, range };
        break;
      }
      case 'unary_expression': {
        const operand = n.childForFieldName('argument');
        if (n.childForFieldName('operator')?.text === '-' && operand?.type === 'number') {
          const value = -Number(operand.text.replace(/_/g, ''));
          if (Number.isFinite(value)) return { kind: 'number', value, text, range };
        }
        break;
      }
      case 'true': return { kind: 'unknown', constant: true, text, range };
      case 'false': return { kind: 'unknown', constant: false, text, range };
      case 'null': case 'undefined': return { kind: 'unknown', constant: null, text, range };
      case 'spread_element': return { kind: 'spread', text, range };
      case 'array':
        return { kind: 'list', items: named(n).map((c) => this.arg(c, depth + 1)), text, range };
      case 'object': return { kind: 'map', entries: this.entries(n, depth + 1), text, range };
      case 'template_string': return this.template(n, text, range, depth);
      case 'string': {
        const value = literalValue(n);
        return { kind: 'string', segments: [{ kind: 'literal', value, range: this.inside(n, range) }], value, text, range };
      }
      case 'binary_expression': break;
      case 'identifier': {
        // `const TOTAL = 'stats:total'; r.incrby(TOTAL, n)`: the key is the literal, still written (and fixed) as the name.
        const init = this.constant(n);
        const value = init && this.arg(init, depth + 1);
        return value?.kind === 'string' && value.value !== undefined ? this.named(value.value, text, range) : { kind: 'unknown', text, range };
      }
      case 'member_expression': {
        // `KEYS.total` of `const KEYS = { total: 'stats:total' } as const`.
        const obj = n.childForFieldName('object');
        const init = obj && this.constant(obj);
        const member = init?.type === 'object' ? memberOf(init, n.childForFieldName('property')) : undefined;
        const value = member && this.arg(member, depth + 1);
        return value?.kind === 'string' && value.value !== undefined ? this.named(value.value, text, range) : { kind: 'unknown', text, range };
      }
      default:
        // Only a template, a string or a `+` chain is string-like: anything else (a name, a call) is not known.
        return FUNCTION_TYPES.has(type) ? { kind: 'unknown', callable: true, text, range } : { kind: 'unknown', text, range };
    }
    const segments = stringSegments(n);
    if (!segments) return { kind: 'unknown', text, range };
    // `'a:' + id + ':b'`: the operands between the constant parts are not written inside the string.
    const parts: StringSegment[] = [];
    segments.forEach((s, i) => {
      if (i > 0) parts.push({ kind: 'interpolated' });
      if (s !== '' || i === 0) parts.push({ kind: 'literal', value: s });
    });
    return segments.length === 1
      ? { kind: 'string', segments: parts, value: segments[0], text, range }
      : { kind: 'string', segments: parts, text, range };
  }

  /** A substitution's value when it is a name (or member) bound to a constant string. */
  private fixed(expr: Node | null | undefined, depth: number): string | undefined {
    if (!expr || (expr.type !== 'identifier' && expr.type !== 'member_expression')) return undefined;
    const v = this.arg(expr, depth + 1);
    return v.kind === 'string' ? v.value : undefined;
  }

  /** A constant's value read through its name: the segment has no range, since the name is what is written here. */
  private named(value: string, text: string, range: CallArg['range']): CallArg {
    return { kind: 'string', segments: [{ kind: 'literal', value }], value, text, range };
  }

  /** A template literal's text and substitutions, each with its source range. */
  private template(n: Node, text: string, range: CallArg['range'], depth: number): CallArg {
    const segments: StringSegment[] = [];
    let open: { value: string; start: number; end: number; folded?: true } | undefined;
    const close = () => {
      if (open) segments.push(open.folded ? { kind: 'literal', value: open.value } : { kind: 'literal', value: open.value, range: this.lines.range(open.start, open.end) });
      open = undefined;
    };
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'template_substitution') {
        // `${PREFIX}` of `const PREFIX = 'billing'`: fixed text, though not written here (so the piece has no range).
        const fixed = this.fixed(c.namedChildren[0], depth);
        if (fixed !== undefined) {
          if (open) { open.value += fixed; open.end = c.endIndex; open.folded = true; } else open = { value: fixed, start: c.startIndex, end: c.endIndex, folded: true };
          continue;
        }
        close();
        segments.push({ kind: 'interpolated', text: c.text, range: this.range(c) });
        continue;
      }
      if (c.type !== 'string_fragment' && c.type !== 'escape_sequence') continue;
      const piece = c.type === 'string_fragment' ? c.text : escapeValue(c.text);
      if (open) { open.value += piece; open.end = c.endIndex; } else open = { value: piece, start: c.startIndex, end: c.endIndex };
    }
    close();
    if (segments.length === 0) segments.push({ kind: 'literal', value: '', range: this.lines.range(n.startIndex + 1, n.endIndex - 1) });
    const only = segments.length === 1 && segments[0].kind === 'literal' ? segments[0].value : undefined;
    return only === undefined ? { kind: 'string', segments, text, range } : { kind: 'string', segments, value: only, text, range };
  }

  private entries(obj: Node, depth: number): (readonly [CallArg, CallArg] | CallArg)[] {
    const out: (readonly [CallArg, CallArg] | CallArg)[] = [];
    for (const p of obj.namedChildren) {
      if (!p) continue;
      if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        if (!k || !v) continue;
        out.push([this.propertyName(k, depth), this.arg(v, depth)] as const);
      } else if (p.type === 'shorthand_property_identifier') {
        // `{ e }` is `{ e: e }`: the name is the key.
        const name: CallArg = { kind: 'string', segments: [{ kind: 'literal', value: p.text, range: this.range(p) }], value: p.text, text: p.text, range: this.range(p) };
        out.push([name, { kind: 'unknown', text: p.text, range: this.range(p) }] as const);
      } else if (p.type === 'spread_element') out.push({ kind: 'spread', text: p.text, range: this.range(p) });
    }
    return out;
  }

  private propertyName(k: Node, depth: number): CallArg {
    if (k.type === 'computed_property_name') {
      const inner = k.namedChildren.find((c) => !!c && c.type !== 'comment');
      return inner ? this.arg(inner, depth) : { kind: 'unknown', text: k.text, range: this.range(k) };
    }
    if (k.type === 'string' || k.type === 'number') return this.arg(k, depth);
    return { kind: 'string', segments: [{ kind: 'literal', value: k.text, range: this.range(k) }], value: k.text, text: k.text, range: this.range(k) };
  }

  call(args: Node[], argList: Node): SourceCall {
    return { positional: args.map((a) => this.arg(a)), keywords: NO_KEYWORDS, argsRange: this.range(argList) };
  }
}

const NO_KEYWORDS: ReadonlyMap<string, CallArg> = new Map();

function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** The value of an object literal's plain property; none past a spread, which may replace it. */
function memberOf(obj: Node, property: Node | null): Node | undefined {
  if (property?.type !== 'property_identifier') return undefined;
  let found: Node | undefined;
  for (const p of obj.namedChildren) {
    if (p?.type === 'spread_element') return undefined;
    if (p?.type !== 'pair') continue;
    const k = p.childForFieldName('key');
    const name = k?.type === 'property_identifier' ? k.text : k?.type === 'string' ? literalValue(k) : undefined;
    if (name === property.text) found = p.childForFieldName('value') ?? undefined;
  }
  return found;
}
