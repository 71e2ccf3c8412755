/**
 * HCL expressions and bodies → model values. Only what is certain becomes a literal; anything computed stays
 * `unknown` with its source text, so rules can say why they cannot tell.
 */
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../../engine/text';
import type { IacProperty, IacValue, InputRef } from '../../model/iac';
import { classifyTraversal, type Step } from './references';
import { attributeParts, blockParts, core, decodeEscapes, parts, plainString } from './syntax';

/** What a file declares that expressions in it may refer to. */
export interface HclScope {
  variables: Map<string, InputRef>;
  /** local name → its value expression, resolved on use. */
  locals: Map<string, Node>;
}

export interface ValueContext {
  lines: LineIndex;
  scope: HclScope;
  /** Locals being resolved, so `a = local.b, b = local.a` ends as unknown instead of looping. */
  resolving?: Set<string>;
  /** Nesting levels and local hops walked so far, bounded by MAX_DEPTH. */
  depth?: number;
}

/**
 * Real configurations nest a handful of levels and chain a few locals; deeper input is read as unknown so that
 * neither this reader nor a rule walking its result can overflow the stack.
 */
export const MAX_DEPTH = 64;

/** The context one level down, or undefined when that is too deep to follow. */
function deeper(ctx: ValueContext): ValueContext | undefined {
  const depth = (ctx.depth ?? 0) + 1;
  return depth > MAX_DEPTH ? undefined : { ...ctx, depth };
}

export function valueOf(expr: Node, ctx: ValueContext): IacValue {
  const range = ctx.lines.range(expr.startIndex, expr.endIndex);
  const unknown: IacValue = { kind: 'unknown', text: expr.text, range };
  const n = core(expr);
  const literal = literalOf(n);
  if (literal !== undefined) return { kind: 'literal', value: literal, range };
  switch (n.type) {
    case 'collection_value': return collectionOf(parts(n)[0], ctx, range) ?? unknown;
    // A traversal is an expression whose parts are a root variable then attribute and index steps.
    case 'expression': return parts(n)[0]?.type === 'variable_expr' ? referenceOf(n, ctx, range) ?? unknown : unknown;
    default: return unknown;
  }
}

/** A plain value written inline: bool, number, null, a string without interpolation, a negative number. */
export function literalOf(node: Node, depth = 0): string | number | boolean | null | undefined {
  const n = core(node);
  if (n.type === 'literal_value') {
    const lit = parts(n)[0];
    if (!lit) return undefined;
    if (lit.type === 'bool_lit') return lit.text === 'true';
    if (lit.type === 'null_lit') return null;
    if (lit.type === 'numeric_lit') return Number(lit.text);
    return plainString(lit);
  }
  if (n.type === 'template_expr') return templateLiteral(parts(n)[0]);
  if (n.type === 'operation') {
    const unary = parts(n)[0];
    if (unary?.type === 'unary_operation' && unary.text.startsWith('-') && depth < MAX_DEPTH) {
      const operand = literalOf(parts(unary)[0], depth + 1);
      if (typeof operand === 'number') return -operand;
    }
  }
  return undefined;
}

/** A quoted or heredoc template with no interpolation or directive is a plain string. */
function templateLiteral(t: Node | undefined): string | undefined {
  if (!t) return undefined;
  if (t.type === 'quoted_template') return plainString(t);
  if (t.type !== 'heredoc_template') return undefined;
  const kids = t.namedChildren;
  if (kids.some((k) => k.type !== 'heredoc_start' && k.type !== 'heredoc_identifier' && k.type !== 'template_literal')) return undefined;
  const lines = kids.filter((k) => k.type === 'template_literal').map((k) => k.text).join('').split(/\r?\n/);
  // `<<-EOT` strips the common indentation, as Terraform does.
  if (kids[0]?.text.endsWith('-')) {
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
    if (Number.isFinite(indent)) lines.forEach((l, i) => { lines[i] = l.slice(indent); });
  }
  return decodeEscapes(lines.join('\n') + '\n');
}

function collectionOf(c: Node | undefined, outer: ValueContext, range: IacValue['range']): IacValue | undefined {
  const ctx = deeper(outer);
  if (!ctx) return undefined;
  if (c?.type === 'tuple') {
    return { kind: 'list', items: parts(c).filter((k) => k.type === 'expression').map((k) => valueOf(k, ctx)), range };
  }
  if (c?.type !== 'object') return undefined;
  const entries = new Map<string, IacProperty>();
  for (const elem of parts(c).filter((k) => k.type === 'object_elem')) {
    const [key, val] = parts(elem).filter((k) => k.type === 'expression');
    if (!key || !val) continue;
    const k = core(key);
    // A bare word key is its own name; a computed key (`(var.k)`) cannot be named statically.
    const name = k.type === 'variable_expr' && parts(key).length === 1 ? k.text : literalOf(key);
    if (typeof name !== 'string') continue;
    const keyRange = ctx.lines.range(key.startIndex, key.endIndex);
    entries.set(name, { name, writtenName: name, keyRange, value: valueOf(val, ctx) });
  }
  return { kind: 'object', entries, range };
}

function referenceOf(traversal: Node, ctx: ValueContext, range: IacValue['range']): IacValue | undefined {
  const [root, ...rest] = parts(traversal);
  const steps: Step[] = rest.map((s) => (s.type === 'get_attr' ? { attr: parts(s)[0]?.text ?? '' } : { index: true }));
  const ref = classifyTraversal(root.text, steps);
  if (!ref) return undefined;
  if (ref.kind === 'resource') return { kind: 'resource', target: ref.target, attribute: ref.attribute, range };
  if (ref.kind === 'variable') {
    return { kind: 'input', input: ctx.scope.variables.get(ref.name) ?? { name: ref.name, secret: false }, range };
  }
  const local = ctx.scope.locals.get(ref.name);
  const resolving = ctx.resolving ?? new Set<string>();
  const next = deeper(ctx);
  // A local stands for its value at the place it is used; only a literal or a reference is worth carrying over,
  // so a collection is not even read: locals that each list the previous one twice would take exponential time.
  if (!local || !next || resolving.has(ref.name) || core(local).type === 'collection_value') return undefined;
  resolving.add(ref.name);
  const resolved = valueOf(local, { ...next, resolving });
  resolving.delete(ref.name);
  return resolved.kind === 'literal' || resolved.kind === 'input' || resolved.kind === 'resource' ? { ...resolved, range } : undefined;
}

/**
 * A block body as properties: attributes by name, nested blocks as objects, repeated blocks of one name as a
 * list of objects. `nameOf` maps a written name to the model's name (canonical at the top of a resource).
 */
export function bodyProperties(body: Node | undefined, ctx: ValueContext, nameOf: (written: string) => string | undefined = (w) => w): Map<string, IacProperty> {
  const props = new Map<string, IacProperty>();
  for (const item of body ? parts(body) : []) {
    if (item.type === 'attribute') {
      const { name, value } = attributeParts(item);
      const canonical = nameOf(name.text);
      if (!value || canonical === undefined || props.has(canonical)) continue;
      props.set(canonical, { name: canonical, writtenName: name.text, keyRange: ctx.lines.range(name.startIndex, name.endIndex), value: valueOf(value, ctx) });
    } else if (item.type === 'block') {
      const b = blockParts(item);
      const canonical = nameOf(b.type);
      if (canonical === undefined) continue;
      const nameNode = parts(item)[0];
      const range = ctx.lines.range(item.startIndex, item.endIndex);
      const inner = deeper(ctx);
      const value: IacValue = inner ? { kind: 'object', entries: bodyProperties(b.body, inner), range } : { kind: 'unknown', text: item.text, range };
      const previous = props.get(canonical);
      if (!previous) {
        props.set(canonical, { name: canonical, writtenName: b.type, keyRange: ctx.lines.range(nameNode.startIndex, nameNode.endIndex), value });
      } else if (previous.value.kind === 'object' || previous.value.kind === 'list') {
        const items = previous.value.kind === 'list' ? [...previous.value.items, value] : [previous.value, value];
        previous.value = { kind: 'list', items, range: { start: items[0].range.start, end: value.range.end } };
      }
    }
  }
  return props;
}
