/**
 * The HCL edit builder: turns fix intents into text edits shaped the way `terraform fmt` would leave them —
 * values replaced in place, new attributes placed beside their siblings at the same indentation, and the `=` of a
 * run of single-line attributes kept aligned when the file is already aligned that way. A variable's `default` is
 * set the same way, inside its `variable` block.
 */
import type { TextEdit } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { terraformArgument } from '../../model/community';
import type { BlockLayout, BodyItem, VariableLayout } from './layout';
import { RESOURCE_TYPES, schemaFor } from '../../model/iac-schema';
import { composeAll } from '../../fixes/compose';
import { writtenPath } from '../../fixes/paths';
import type { DeepBlock, Reparse } from './deep-layout';
import { legacyPlace } from './legacy-blocks';
import { addResourceBlock, addVariable, hclValue, markVariableSecret, setAtBlock, setParameterBlock } from './edits-nested';

const GROUP_TYPES = new Set(['aws_elasticache_parameter_group', 'aws_memorydb_parameter_group']);

/** What the module declares in any of its files: a second declaration of a name is Terraform's error. */
export interface Taken {
  variable(name: string): boolean;
  address(address: string): boolean;
}

export interface NewValue { name: string; text: string }

export function buildHclEdits(
  intent: IacFixIntent, lines: LineIndex, eol: () => string, layouts: Map<IacResource, BlockLayout>, variables: Map<string, VariableLayout> = new Map(),
  reparse?: Reparse, taken?: Taken,
): TextEdit[] | undefined {
  const deep = (layout: BlockLayout | undefined) => (layout && reparse ? reparse(layout.start) : undefined);
  switch (intent.kind) {
    case 'setInputDefault': {
      const variable = intent.input.range && intent.input.path === undefined ? variables.get(intent.input.name) : undefined;
      const text = variable && defaultFor(variable.type, intent.value);
      return text === undefined ? undefined : setAttributes(variable!, [{ name: 'default', text }], lines, eol);
    }
    case 'all': return composeAll(intent.intents, (i) => buildHclEdits(i, lines, eol, layouts, variables, reparse, taken));
    case 'markInputSecret': {
      const variable = intent.input.range && intent.input.path === undefined ? variables.get(intent.input.name) : undefined;
      return variable && markVariableSecret(variable, intent.dropDefault === true, lines, eol);
    }
    case 'addInput': {
      const values: NewValue[] = [{ name: 'type', text: intent.type.terraform }, { name: 'description', text: hclLiteral(intent.description) }];
      if (intent.secret) values.push({ name: 'sensitive', text: 'true' });
      if (taken?.variable(intent.name)) return undefined;
      return intent.type.terraform.trim() ? addVariable(intent.name, values, variables, [...layouts.values()], lines, eol) : undefined;
    }
    case 'addResource': {
      const after = layouts.get(intent.after);
      const type = RESOURCE_TYPES.find((s) => s.kind === intent.resourceKind)?.tfType;
      const schema = type && schemaFor('tf', type);
      if (!after || !schema || [...layouts.keys()].some((r) => r.type === type && r.name === intent.name) || taken?.address(`${type}.${intent.name}`) || !/^[A-Za-z_][\w-]*$/.test(intent.name)) return undefined;
      const values: NewValue[] = [];
      for (const p of intent.properties) {
        const name = schema.writtenByCanonical.get(p.property);
        // A property written as a nested block is not an attribute line.
        if (name === undefined || schema.specs.get(p.property)?.children) return undefined;
        values.push({ name, text: hclValue(p.value) });
      }
      return addResourceBlock(after, `resource ${JSON.stringify(type)} ${JSON.stringify(intent.name)}`, values, lines, eol);
    }
    case 'setAt': {
      if (intent.resource.module) return setModuleInput(intent.resource, layouts.get(intent.resource), intent.path, hclValue(intent.value), lines, eol);
      const steps = writtenPath(intent.resource.type, 'tf', intent.path);
      const block = steps && (steps.length === 1 ? layouts.get(intent.resource) : deep(layouts.get(intent.resource)));
      if (!steps || !block) return undefined;
      const nested = steps.length === 1 && typeof intent.path[0] === 'string' ? legacyPlace(intent.resource, intent.path[0], block.items.map((i) => i.name)) : undefined;
      if (nested) return [{ range: nested, newText: hclValue(intent.value) }];
      if (steps.length === 1) return typeof steps[0] === 'number' || steps[0].block ? undefined : setAttributes(block, [{ name: steps[0].key, text: hclValue(intent.value) }], lines, eol);
      return setAtBlock(block as DeepBlock, steps, hclValue(intent.value), lines, eol);
    }
    case 'setParameter': {
      // A module's parameters are one of its inputs, not `parameter` blocks in the module block.
      const group = GROUP_TYPES.has(intent.resource.type) && !intent.resource.module ? deep(layouts.get(intent.resource)) : undefined;
      return group && setParameterBlock(group, intent.name, intent.value, lines, eol);
    }
  }
  const layout = layouts.get(intent.resource);
  const written = (canonical: string) => terraformArgument(intent.resource, canonical);
  if (!layout) return undefined;
  const topLevel = layout.items.map((i) => i.name);
  if (intent.kind === 'removeProperty') {
    const name = written(intent.property);
    // A required argument of a legacy block (`cluster_mode { … }`) cannot go on its own.
    return name === undefined || legacyPlace(intent.resource, intent.property, topLevel) ? undefined : removeAttribute(layout, name, lines);
  }
  const values: NewValue[] = [];
  const inPlace: TextEdit[] = [];
  const wanted = intent.kind === 'setProperties'
    ? intent.values.map((v) => ({ property: v.property, text: hclLiteral(v.value) }))
    : [{ property: intent.property, text: intent.expression.terraform }];
  for (const w of wanted) {
    const name = written(w.property);
    if (name === undefined) return undefined;
    const nested = legacyPlace(intent.resource, w.property, topLevel);
    if (nested) inPlace.push({ range: nested, newText: w.text });
    else values.push({ name, text: w.text });
  }
  if (!values.length) return inPlace;
  const edits = setAttributes(layout, values, lines, eol);
  return edits && [...edits, ...inPlace];
}

/**
 * `setAt` on what a community module builds: the module block takes the property as its input, spelt the module's
 * way; a deeper path is the module's own structure, which the inputs do not mirror.
 */
function setModuleInput(
  resource: IacResource, layout: BlockLayout | undefined, path: readonly (string | number)[], text: string, lines: LineIndex, eol: () => string,
): TextEdit[] | undefined {
  const name = path.length === 1 && typeof path[0] === 'string' ? terraformArgument(resource, path[0]) : undefined;
  return name && layout ? setAttributes(layout, [{ name, text }], lines, eol) : undefined;
}

/**
 * A variable default as Terraform reads it under the variable's type: `true` for a bool (or an untyped variable,
 * where the default decides the type), `"true"` for a string, a bare number for a number. undefined when the
 * value does not convert, or for a collection, structural or legacy quoted (`"bool"`) type.
 */
export function variableDefault(type: string | undefined, value: string | number | boolean): string | number | boolean | undefined {
  const t = type?.trim();
  const s = String(value);
  if (t === undefined || t === 'any') return value;
  if (t === 'string') return s;
  if (t === 'bool') return s === 'true' ? true : s === 'false' ? false : undefined;
  if (t === 'number') return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? Number(s) : undefined;
  return undefined;
}

function defaultFor(type: string | undefined, value: string | number | boolean): string | undefined {
  const v = variableDefault(type, value);
  return v === undefined ? undefined : hclLiteral(v);
}

/** An HCL literal: strings quoted with HCL escapes, including the template escapes for `${` and `%{`. */
export function hclLiteral(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

export function setAttributes(layout: BlockLayout, values: NewValue[], lines: LineIndex, newline: () => string): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const missing: NewValue[] = [];
  let anchor: BodyItem | undefined;
  for (const v of values) {
    const existing = layout.items.find((i) => i.name === v.name);
    if (existing?.kind === 'block') return undefined; // a nested block cannot take an attribute value
    if (existing && isRepeated(layout, existing)) return undefined; // which one Terraform would read is not ours to pick
    if (existing?.valueStart === undefined) { missing.push(v); continue; }
    anchor ??= existing;
    edits.push({ range: lines.range(existing.valueStart, existing.end), newText: v.text });
  }
  if (!missing.length) return edits;
  // HCL allows at most one attribute inside one-line braces, so adding one means opening the block up.
  if (lines.positionAt(layout.open).line === lines.positionAt(layout.close).line) return openUp(layout, values, lines, newline);
  const attributes = layout.items.filter((i) => i.kind === 'attribute');
  anchor ??= attributes[attributes.length - 1];
  const eol = newline();
  if (!anchor) {
    const inner = lines.indentOf(lines.positionAt(layout.start).line) + '  ';
    const at = lines.lineEnd(lines.positionAt(layout.open).line);
    if (!insertableAt(at, layout.open + 1, layout, lines)) return undefined;
    const pos = lines.positionAt(at);
    edits.push({ range: { start: pos, end: pos }, newText: eol + formatLines(missing, inner, inner.length).join(eol) });
    return edits;
  }
  const anchorEnd = lines.positionAt(anchor.end);
  const indent = lines.indentOf(lines.positionAt(anchor.start).line);
  const chain = alignedChain(attributes, anchor, lines);
  const nameWidth = Math.max(indent.length + maxOf(missing, (m) => m.name.length), maxOf(chain ?? [], (i) => column(i.nameEnd, lines)));
  if (chain) edits.push(...realign(chain, nameWidth + 1, lines));
  const block = chain ? formatLines(missing, indent, nameWidth) : missing.map((m) => `${indent}${m.name} = ${m.text}`);
  const at = lines.lineEnd(anchorEnd.line);
  if (!insertableAt(at, anchor.end, layout, lines)) return undefined;
  const pos = lines.positionAt(at);
  edits.push({ range: { start: pos, end: pos }, newText: eol + block.join(eol) });
  return edits;
}

/** An attribute written twice (Terraform rejects that): the model reads one, a fix could change the other. */
function isRepeated(layout: BlockLayout, item: BodyItem): boolean {
  return layout.items.some((i) => i !== item && i.kind === 'attribute' && i.name === item.name);
}

/**
 * Whether new lines may go at `at`, the end of a line whose text from `from` on is to be kept: not after the block's
 * own `}` on that line, not when another attribute or block of the body runs through that point (the grammar
 * accepts `x = 1 e3 {` across lines), nor inside a block comment opened on that line.
 */
export function insertableAt(at: number, from: number, layout: BlockLayout, lines: LineIndex): boolean {
  if (layout.close < at || layout.items.some((i) => i.start < at && at < i.end)) return false;
  const rest = lines.text.slice(from, at);
  const opener = /#|\/\/|\/\*/g;
  for (let m = opener.exec(rest); m; m = opener.exec(rest)) {
    if (m[0] !== '/*') return true; // a line comment runs to the end of the line
    const close = rest.indexOf('*/', m.index + 2);
    if (close < 0) return false;
    opener.lastIndex = close + 2;
  }
  return true;
}

/**
 * Rewrites a one-line block (`foo {}`, `foo { a = 1 }`) as the multi-line block fmt would make of it: one aligned
 * attribute per line, two spaces deeper than the block. A comment after an attribute stays on its line; anything
 * else inside the braces (a comment before the first attribute, a nested block) is not ours to move.
 */
function openUp(layout: BlockLayout, values: NewValue[], lines: LineIndex, newline: () => string): TextEdit[] | undefined {
  const text = lines.text;
  const attrs: NewValue[] = [];
  if (layout.items[0] && text.slice(layout.open + 1, layout.items[0].start).trim()) return undefined;
  for (const [i, item] of layout.items.entries()) {
    if (item.kind !== 'attribute' || item.valueStart === undefined) return undefined;
    attrs.push({ name: item.name, text: text.slice(item.valueStart, layout.items[i + 1]?.start ?? layout.close).trim() });
  }
  for (const v of values) {
    const existing = attrs.find((a) => a.name === v.name);
    if (existing) existing.text = v.text;
    else attrs.push(v);
  }
  const indent = lines.indentOf(lines.positionAt(layout.start).line);
  const inner = indent + '  ';
  const body = formatLines(attrs, inner, inner.length + maxOf(attrs, (a) => a.name.length));
  const eol = newline();
  return [{ range: lines.range(layout.open + 1, layout.close), newText: eol + body.join(eol) + eol + indent }];
}

export function removeAttribute(layout: BlockLayout, name: string, lines: LineIndex): TextEdit[] | undefined {
  const item = layout.items.find((i) => i.kind === 'attribute' && i.name === name);
  if (!item || isRepeated(layout, item)) return undefined;
  const first = lines.positionAt(item.start).line;
  const last = lines.positionAt(item.end).line;
  if (lines.lineText(first).slice(0, lines.positionAt(item.start).character).trim()) return undefined;
  const edits: TextEdit[] = [{ range: lines.range(lines.lineStart(first), last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.lineEnd(last)), newText: '' }];
  const attributes = layout.items.filter((i) => i.kind === 'attribute');
  const chain = alignedChain(attributes, item, lines)?.filter((i) => i !== item);
  if (chain?.length) edits.push(...realign(chain, maxOf(chain, (i) => column(i.nameEnd, lines)) + 1, lines));
  return edits;
}

/** `name = value` lines with the `=` at column `nameWidth + 1`. */
export function formatLines(values: NewValue[], indent: string, nameWidth: number): string[] {
  return values.map((v) => `${indent}${v.name}${' '.repeat(Math.max(1, nameWidth - indent.length - v.name.length + 1))}= ${v.text}`);
}

/** The largest `f` over `xs` (-Infinity when empty), without spreading a long list into arguments. */
export function maxOf<T>(xs: T[], f: (x: T) => number): number {
  let max = -Infinity;
  for (const x of xs) max = Math.max(max, f(x));
  return max;
}

export function column(offset: number, lines: LineIndex): number {
  return lines.positionAt(offset).character;
}

export function isSingleLine(item: BodyItem, lines: LineIndex): boolean {
  return lines.positionAt(item.start).line === lines.positionAt(item.end).line;
}

/**
 * The run of single-line attributes on consecutive lines around `anchor` — what `terraform fmt` aligns as one
 * group — when its `=` signs are aligned fmt-style already; undefined when they are not (the file is not
 * fmt-formatted, so we do not start re-spacing lines the fix is not about). Empty when the anchor spans lines.
 */
export function alignedChain(attributes: BodyItem[], anchor: BodyItem, lines: LineIndex): BodyItem[] | undefined {
  if (!isSingleLine(anchor, lines)) return [];
  const lineOf = (i: BodyItem) => lines.positionAt(i.start).line;
  const at = attributes.indexOf(anchor);
  let lo = at, hi = at;
  while (lo > 0 && isSingleLine(attributes[lo - 1], lines) && lineOf(attributes[lo - 1]) === lineOf(attributes[lo]) - 1) lo--;
  while (hi + 1 < attributes.length && isSingleLine(attributes[hi + 1], lines) && lineOf(attributes[hi + 1]) === lineOf(attributes[hi]) + 1) hi++;
  const chain = attributes.slice(lo, hi + 1);
  const target = maxOf(chain, (i) => column(i.nameEnd, lines)) + 1;
  const aligned = chain.every((i) => i.equals !== undefined && column(i.equals, lines) === target && /^ *$/.test(lines.text.slice(i.nameEnd, i.equals)));
  return aligned ? chain : undefined;
}

/** Re-spaces each attribute's `=` to `equalsColumn`. */
export function realign(chain: BodyItem[], equalsColumn: number, lines: LineIndex): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const item of chain) {
    if (item.equals === undefined || column(item.equals, lines) === equalsColumn) continue;
    edits.push({ range: lines.range(item.nameEnd, item.equals), newText: ' '.repeat(equalsColumn - column(item.nameEnd, lines)) });
  }
  return edits;
}
