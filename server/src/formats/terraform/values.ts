/**
 * HCL expressions and bodies → model values. Only what is certain becomes a literal; anything computed stays
 * `unknown` with its source text, so rules can say why they cannot tell.
 */
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../../engine/text';
import type { Range } from '../../engine/types';
import type { Condition, IacProperty, IacValue, InputRef } from '../../model/iac';
import type { ModuleView } from '../../model/module';
import { valueNode, type AttributeEntry, type BodyEntry, type BodyReader } from './body';
import { classifyTraversal, type Step } from './references';
import { core, parts, plainString } from './syntax';
import { tokenCollection, tokenValue, type TokenCollection, type TokenElement, type TokenValue } from './tokens';

/** What a file declares that expressions in it may refer to. */
export interface HclScope {
  variables: Map<string, InputRef>;
  /** local name → the attribute that defines it, resolved on use. */
  locals: Map<string, AttributeEntry>;
  /** The module's other files: variables, locals and resources declared there (model/module.ts). */
  module?: ModuleView;
}

/** An input by name: declared in this file, elsewhere in the module, or nowhere (then nothing is known of it). */
export function inputNamed(scope: Pick<HclScope, 'variables' | 'module'>, name: string): InputRef {
  return scope.module?.input(name) ?? scope.variables.get(name) ?? { name, secret: undefined, declared: false };
}

export interface ValueContext {
  lines: LineIndex;
  reader: BodyReader;
  scope: HclScope;
  /** The enclosing top-level block has no syntax error, so a value's text may stand for its subtree (tokens.ts). */
  clean: boolean;
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

function valueOf(expr: Node, ctx: ValueContext): IacValue {
  const start = expr.startIndex, end = expr.endIndex;
  const text = ctx.lines.text.slice(start, end);
  return valueAt(start, end, text, ctx.clean ? tokenValue(text) : undefined, expr, ctx);
}

/** An attribute's value, read from its text when that decides it. */
function attributeValue(entry: AttributeEntry, ctx: ValueContext): IacValue {
  const start = entry.valueStart!, end = entry.valueEnd!;
  return valueAt(start, end, ctx.lines.text.slice(start, end), entry.token, undefined, ctx, entry);
}

/** An attribute's value when it is a plain literal (see `literalOf`). */
export function attributeLiteral(entry: AttributeEntry, text: string): string | number | boolean | null | undefined {
  if (entry.token) return entry.token.kind === 'literal' ? entry.token.value : undefined;
  if (entry.collection) return undefined;
  return literalOf(valueNode(entry)!, entry.clean ? text : undefined);
}

/**
 * The value at `start`–`end`: from its token or token collection when the text has one (an entry's were found as
 * it was read), else from `node` (or the entry's value node).
 */
function valueAt(
  start: number, end: number, text: string, token: TokenValue | undefined, node: Node | undefined, ctx: ValueContext, entry?: AttributeEntry,
): IacValue {
  const range = ctx.lines.range(start, end);
  if (token) return tokenResult(token, text, range, ctx);
  const collection = entry ? entry.collection : ctx.clean ? tokenCollection(text) : undefined;
  if (collection) return tokenCollectionValue(collection, start, ctx, range) ?? { kind: 'unknown', text, range };
  const n = core(node ?? valueNode(entry!)!);
  const type = n.type;
  if (type === 'conditional') return conditionalOf(n, text, range, ctx) ?? { kind: 'unknown', text, range };
  if (type === 'template_expr') {
    const inner = soleInterpolation(n);
    const next = inner && deeper(ctx);
    if (next) return asWhole(valueOf(inner!, next), text, range);
  }
  if (type === 'collection_value') return collectionOf(parts(n)[0], ctx, range) ?? { kind: 'unknown', text, range };
  // A traversal is an expression whose parts are a root variable then attribute and index steps.
  if (type === 'expression') return (parts(n)[0]?.type === 'variable_expr' && referenceOf(n, ctx, range)) || { kind: 'unknown', text, range };
  const literal = coreLiteral(n, type, 0);
  return literal !== undefined ? { kind: 'literal', value: literal, range } : { kind: 'unknown', text, range };
}

/**
 * The expression of a quoted template that is one interpolation and nothing else (`"${aws_x.y.id}"`, Terraform 0.11
 * style): Terraform yields its value unconverted, so it reads as if written bare. The offsets decide, because the
 * grammar drops a literal of only spaces (`"${var.x} "`), which still makes the template a string.
 */
function soleInterpolation(n: Node): Node | undefined {
  const q = parts(n)[0];
  if (q?.type !== 'quoted_template') return undefined;
  const kids = q.namedChildren.filter((k) => k.type !== 'quoted_template_start' && k.type !== 'quoted_template_end');
  const only = kids[0];
  if (kids.length !== 1 || only.type !== 'template_interpolation') return undefined;
  if (only.startIndex !== q.startIndex + 1 || only.endIndex !== q.endIndex - 1) return undefined;
  return parts(only).find((k) => k.type === 'expression');
}

/** The value of the expression inside `"${…}"`, placed at the whole string (what an edit replaces). */
function asWhole(v: IacValue, text: string, range: Range): IacValue {
  if (v.kind === 'unknown' || v.kind === 'choice') return { ...v, text, range };
  return { ...v, range };
}

/**
 * `cond ? a : b` with literal branches as a choice; `null` is a branch that leaves the argument unset. The condition
 * is named by its text; when it is a variable itself, its value can decide the branch.
 */
function conditionalOf(n: Node, text: string, range: Range, outer: ValueContext): IacValue | undefined {
  const ctx = deeper(outer);
  const [cond, yes, no] = parts(n).filter((k) => k.type === 'expression');
  if (!ctx || !cond || !yes || !no) return undefined;
  const branch = (e: Node): IacValue | undefined | false => {
    const v = valueOf(e, ctx);
    if (v.kind !== 'literal') return false;
    return v.value === null ? undefined : v;
  };
  const then = branch(yes), otherwise = branch(no);
  if (then === false || otherwise === false) return undefined;
  const condition: Condition = { name: ctx.lines.text.slice(cond.startIndex, cond.endIndex), range: ctx.lines.range(cond.startIndex, cond.endIndex) };
  const c = valueOf(cond, ctx);
  if (c.kind === 'input') condition.input = c.input;
  return { kind: 'choice', condition, then, else: otherwise, text, range };
}

function tokenResult(token: TokenValue, text: string, range: Range, ctx: ValueContext): IacValue {
  if (token.kind === 'literal') return { kind: 'literal', value: token.value, range };
  return (token.kind === 'traversal' && referenceTo(token.root, token.steps, ctx, range)) || { kind: 'unknown', text, range };
}

/** The same values `collectionOf` reads from the tree, for a collection of tokens read from its text. */
function tokenCollectionValue(c: TokenCollection, offset: number, outer: ValueContext, range: Range): IacValue | undefined {
  const ctx = deeper(outer);
  if (!ctx) return undefined;
  const element = (e: TokenElement) => {
    const text = ctx.lines.text.slice(offset + e.start, offset + e.end);
    return tokenResult(e.token, text, ctx.lines.range(offset + e.start, offset + e.end), ctx);
  };
  if (c.kind === 'tuple') return { kind: 'list', items: c.items.map(element), range };
  const entries = new Map<string, IacProperty>();
  for (const { name, key, value } of c.entries) {
    if (name !== undefined) entries.set(name, { name, writtenName: name, keyRange: ctx.lines.range(offset + key.start, offset + key.end), value: element(value) });
  }
  return { kind: 'object', entries, range };
}

/**
 * A plain value written inline: bool, number, null, a string without interpolation, a negative number. `source` is
 * the file's text when the enclosing block has no syntax error, so that the value's text may be read instead.
 */
function literalOf(node: Node, source?: string): string | number | boolean | null | undefined {
  const token = source === undefined ? undefined : tokenValue(source.slice(node.startIndex, node.endIndex));
  if (token) return token.kind === 'literal' ? token.value : undefined;
  const n = core(node);
  return coreLiteral(n, n.type, 0);
}

function coreLiteral(n: Node, type: string, depth: number): string | number | boolean | null | undefined {
  if (type === 'literal_value') {
    const lit = parts(n)[0];
    if (!lit) return undefined;
    const litType = lit.type;
    if (litType === 'bool_lit') return lit.text === 'true';
    if (litType === 'null_lit') return null;
    if (litType === 'numeric_lit') return Number(lit.text);
    return plainString(lit);
  }
  if (type === 'template_expr') return templateLiteral(parts(n)[0]);
  if (type === 'operation') {
    const unary = parts(n)[0];
    if (unary?.type === 'unary_operation' && unary.text.startsWith('-') && depth < MAX_DEPTH) {
      const operand = core(parts(unary)[0]);
      const value = coreLiteral(operand, operand.type, depth + 1);
      if (typeof value === 'number') return -value;
    }
  }
  return undefined;
}

/** A quoted or heredoc template with no interpolation or directive is a plain string. */
function templateLiteral(t: Node | undefined): string | undefined {
  const type = t?.type;
  if (type === 'quoted_template') return plainString(t!);
  if (type !== 'heredoc_template') return undefined;
  const kids = t!.namedChildren;
  for (const k of kids) {
    const kind = k.type;
    if (kind !== 'template_literal' && kind !== 'heredoc_start' && kind !== 'heredoc_identifier') return undefined;
  }
  return heredocText(t!.text, kids[0]?.text.endsWith('-') ?? false);
}

/**
 * The value of a plain heredoc, as Terraform reads it: the whole lines between the opening and the closing line
 * (the grammar's literal leaves out the first line's indentation, so the source is read instead), the common
 * indentation removed for `<<-`, and only the template escapes `$${`/`%%{` decoded: backslashes are literal.
 */
function heredocText(source: string, strip: boolean): string {
  const lines = source.slice(source.indexOf('\n') + 1, source.lastIndexOf('\n') + 1).split(/\r?\n/);
  lines.pop();
  if (strip) {
    let indent = Infinity;
    for (const l of lines) if (l.trim()) indent = Math.min(indent, /^[ \t]*/.exec(l)![0].length);
    if (Number.isFinite(indent)) lines.forEach((l, i) => { lines[i] = l.slice(indent); });
  }
  return lines.map((l) => l + '\n').join('').replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function collectionOf(c: Node | undefined, outer: ValueContext, range: Range): IacValue | undefined {
  const ctx = deeper(outer);
  const type = c?.type;
  if (!ctx || !c) return undefined;
  if (type === 'tuple') {
    return { kind: 'list', items: parts(c).filter((k) => k.type === 'expression').map((k) => valueOf(k, ctx)), range };
  }
  if (type !== 'object') return undefined;
  const entries = new Map<string, IacProperty>();
  for (const elem of parts(c).filter((k) => k.type === 'object_elem')) {
    const [key, val] = parts(elem).filter((k) => k.type === 'expression');
    if (!key || !val) continue;
    const k = core(key);
    // A bare word key is its own name; a computed key (`(var.k)`) cannot be named statically.
    const name = k.type === 'variable_expr' && parts(key).length === 1 ? k.text : literalOf(key, ctx.clean ? ctx.lines.text : undefined);
    if (typeof name !== 'string') continue;
    const keyRange = ctx.lines.range(key.startIndex, key.endIndex);
    entries.set(name, { name, writtenName: name, keyRange, value: valueOf(val, ctx) });
  }
  return { kind: 'object', entries, range };
}

function referenceOf(traversal: Node, ctx: ValueContext, range: Range): IacValue | undefined {
  const [root, ...rest] = parts(traversal);
  const steps: Step[] = rest.map((s) => (s.type === 'get_attr' ? { attr: parts(s)[0]?.text ?? '' } : { index: true }));
  return referenceTo(root.text, steps, ctx, range);
}

function referenceTo(root: string, steps: Step[], ctx: ValueContext, range: Range): IacValue | undefined {
  const ref = classifyTraversal(root, steps);
  if (!ref) return undefined;
  if (ref.kind === 'resource') return { kind: 'resource', target: ref.target, attribute: ref.attribute, range };
  if (ref.kind === 'variable') return { kind: 'input', input: inputNamed(ctx.scope, ref.name), range };
  const local = ctx.scope.locals.get(ref.name);
  if (!local) {
    const elsewhere = ctx.scope.module?.locals.get(ref.name);
    return elsewhere && (elsewhere.kind === 'literal' || elsewhere.kind === 'input' || elsewhere.kind === 'resource') ? { ...elsewhere, range } : undefined;
  }
  const resolving = ctx.resolving ?? new Set<string>();
  const next = deeper(ctx);
  if (!local || !next || resolving.has(ref.name) || isCollection(local)) return undefined;
  resolving.add(ref.name);
  const resolved = attributeValue(local, { ...next, clean: local.clean, resolving });
  resolving.delete(ref.name);
  return resolved.kind === 'literal' || resolved.kind === 'input' || resolved.kind === 'resource' ? { ...resolved, range } : undefined;
}

/** A local's value at its definition, when it is a literal or a reference (what a summary keeps). */
export function localValue(name: string, ctx: ValueContext): IacValue | undefined {
  const local = ctx.scope.locals.get(name);
  if (!local || local.valueStart === undefined) return undefined;
  return referenceTo('local', [{ attr: name }], { ...ctx, clean: local.clean }, ctx.lines.range(local.valueStart, local.valueEnd!));
}

/**
 * A local stands for its value at the place it is used; only a literal or a reference is worth carrying over, so a
 * collection is not even read: locals that each list the previous one twice would take exponential time.
 */
function isCollection(local: AttributeEntry): boolean {
  return !!local.collection || (!local.token && core(valueNode(local)!).type === 'collection_value');
}

/**
 * A block's body as properties: attributes by name, nested blocks as objects, repeated blocks of one name as a
 * list of objects. `nameOf` maps a written name to the model's name (canonical at the top of a resource).
 */
export function bodyProperties(body: BodyEntry[], ctx: ValueContext, nameOf: (written: string) => string | undefined = sameName): Map<string, IacProperty> {
  const props = new Map<string, IacProperty>();
  /** The lists that repeated blocks build, grown in place: copying them on every repeat would be quadratic. */
  const repeated = new Map<string, IacValue[]>();
  const text = ctx.lines.text;
  for (const entry of body) {
    const canonical = nameOf(entry.name);
    if (canonical === undefined || (entry.kind === 'attribute' && (entry.valueStart === undefined || props.has(canonical)))) continue;
    const keyRange = ctx.lines.range(entry.nameStart, entry.nameEnd);
    if (entry.kind === 'attribute') {
      props.set(canonical, { name: canonical, writtenName: entry.name, keyRange, value: attributeValue(entry, ctx) });
      continue;
    }
    const range = ctx.lines.range(entry.start, entry.end);
    const inner = deeper(ctx);
    const value: IacValue = inner ? { kind: 'object', entries: bodyProperties(ctx.reader.entries(entry.node, entry.clean), inner), range } : { kind: 'unknown', text: text.slice(entry.start, entry.end), range };
    const previous = props.get(canonical);
    if (!previous) {
      props.set(canonical, { name: canonical, writtenName: entry.name, keyRange, value });
    } else if (previous.value.kind === 'object' || previous.value.kind === 'list') {
      const list = repeated.get(canonical) ?? (previous.value.kind === 'list' ? [...previous.value.items] : [previous.value]);
      list.push(value);
      repeated.set(canonical, list);
      previous.value = { kind: 'list', items: list, range: { start: list[0].range.start, end: value.range.end } };
    }
  }
  return props;
}

function sameName(written: string): string {
  return written;
}
