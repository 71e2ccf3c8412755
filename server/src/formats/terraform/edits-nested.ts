/**
 * The HCL builders below a resource's top level and outside resources: `setAt` through nested blocks and list
 * items, `setParameter` on `parameter { name value }` blocks, `sensitive = true` on a variable, new variables and
 * resources. Everything written is shaped as `terraform fmt` leaves it: two spaces a level, `=` aligned in a group.
 */
import type { TextEdit } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import type { FixValue } from '../../fixes/intents';
import type { WrittenStep } from '../../fixes/paths';
import type { BlockLayout, BodyItem, VariableLayout } from './layout';
import type { DeepBlock } from './deep-layout';
import {
  alignedChain, column, formatLines, hclLiteral, insertableAt, isSingleLine, maxOf, realign, removeAttribute, setAttributes, type NewValue,
} from './edits';

export function hclValue(value: FixValue): string {
  return typeof value === 'object' ? value.expression.terraform : hclLiteral(value);
}

const indentOf = (offset: number, lines: LineIndex) => lines.indentOf(lines.positionAt(offset).line);

/** Inserts whole lines into a block: after `after` (an item of it), or first in it; opens up an empty `x {}`. */
function insertLines(block: BlockLayout, after: BodyItem | undefined, text: string[], lines: LineIndex, eol: string): TextEdit[] | undefined {
  const openLine = lines.positionAt(block.open).line;
  if (openLine === lines.positionAt(block.close).line) {
    if (block.items.length) return undefined;
    return [{ range: lines.range(block.open + 1, block.close), newText: eol + text.join(eol) + eol + indentOf(block.start, lines) }];
  }
  const from = after ? after.end : block.open + 1;
  const at = lines.lineEnd(lines.positionAt(from).line);
  if (!insertableAt(at, from, block, lines)) return undefined;
  const pos = lines.positionAt(at);
  return [{ range: { start: pos, end: pos }, newText: eol + text.join(eol) }];
}

/** `a { b { name = value } }` as fmt writes it, from `indent` on. */
function nestedBlocks(names: string[], leaf: NewValue, indent: string): string[] {
  if (!names.length) return [`${indent}${leaf.name} = ${leaf.text}`];
  return [`${indent}${names[0]} {`, ...nestedBlocks(names.slice(1), leaf, indent + '  '), `${indent}}`];
}

const isDynamic = (block: DeepBlock, item: BodyItem, name: string) =>
  item.kind === 'block' && item.name === 'dynamic' && block.blocks.get(item)?.labels[0] === name;

/**
 * Sets the value at written `steps` inside `block`: nested blocks by name (the n-th of a repeated one), an
 * attribute, or an element of its `[…]` list. A missing block is created when no index asks for one; a `dynamic`
 * block of that name, or an attribute spelling a block, leaves it to a person.
 */
export function setAtBlock(block: DeepBlock, steps: readonly WrittenStep[], text: string, lines: LineIndex, eol: () => string): TextEdit[] | undefined {
  const [step, ...rest] = steps;
  if (typeof step === 'number') return undefined;
  const named = block.items.filter((i) => i.name === step.key);
  if (step.block) {
    if (named.some((i) => i.kind === 'attribute') || block.items.some((i) => isDynamic(block, i, step.key))) return undefined;
    const indexed = typeof rest[0] === 'number';
    const index = indexed ? (rest[0] as number) : 0;
    const after = indexed ? rest.slice(1) : rest;
    if (!after.length || (!indexed && named.length > 1)) return undefined;
    const item = named[index];
    if (item) {
      const inner = block.blocks.get(item);
      return inner && setAtBlock(inner, after, text, lines, eol);
    }
    if (indexed) return undefined;
    const names = [step.key];
    for (const s of after.slice(0, -1)) {
      if (typeof s === 'number' || !s.block) return undefined;
      names.push(s.key);
    }
    const leaf = after[after.length - 1];
    if (typeof leaf === 'number' || leaf.block) return undefined;
    const added = nestedBlocks(names, { name: leaf.key, text }, indentOf(block.start, lines) + '  ');
    return insertLines(block, block.items[block.items.length - 1], added, lines, eol());
  }
  if (named.length > 1 || named[0]?.kind === 'block') return undefined;
  if (!rest.length) return setAttributes(block, [{ name: step.key, text }], lines, eol);
  const element = rest.length === 1 && typeof rest[0] === 'number' && named[0] ? block.tuples.get(named[0])?.[rest[0]] : undefined;
  return element && [{ range: lines.range(element.start, element.end), newText: text }];
}

/** A quoted string with nothing to decode, as the parameter names people write are. */
function plainName(block: DeepBlock, lines: LineIndex): string | undefined {
  const item = block.items.find((i) => i.kind === 'attribute' && i.name === 'name');
  const text = item?.valueStart !== undefined ? lines.text.slice(item.valueStart, item.end).trim() : undefined;
  return text && /^"[^"\\$%]*"$/.test(text) ? text.slice(1, -1) : undefined;
}

/** The `value` of the `parameter` block naming the parameter, or a new block after the last one. */
export function setParameterBlock(group: DeepBlock, name: string, value: string, lines: LineIndex, eol: () => string): TextEdit[] | undefined {
  if (group.items.some((i) => isDynamic(group, i, 'parameter'))) return undefined;
  const params = group.items.filter((i) => i.kind === 'block' && i.name === 'parameter');
  for (const p of params) {
    const inner = group.blocks.get(p);
    const written = inner && plainName(inner, lines);
    if (written === undefined) return undefined; // a computed name could be this one
    if (written === name) return setAttributes(inner!, [{ name: 'value', text: hclLiteral(value) }], lines, eol);
  }
  const indent = indentOf(group.start, lines) + '  ';
  const body = formatLines([{ name: 'name', text: hclLiteral(name) }, { name: 'value', text: hclLiteral(value) }], indent + '  ', indent.length + 2 + 'value'.length);
  return insertLines(group, params[params.length - 1] ?? group.items[group.items.length - 1], [`${indent}parameter {`, ...body, `${indent}}`], lines, eol());
}

/**
 * `sensitive = true` on a variable. With `dropDefault` the `default` line becomes the `sensitive` line, realigned
 * with its group; a default written over several lines is left to a person.
 */
export function markVariableSecret(variable: VariableLayout, dropDefault: boolean, lines: LineIndex, eol: () => string): TextEdit[] | undefined {
  const attributes = variable.items.filter((i) => i.kind === 'attribute');
  const sensitive = attributes.find((i) => i.name === 'sensitive');
  const def = dropDefault ? attributes.find((i) => i.name === 'default') : undefined;
  const edits: TextEdit[] = [];
  if (sensitive) {
    if (sensitive.valueStart === undefined) return undefined;
    if (lines.text.slice(sensitive.valueStart, sensitive.end).trim() !== 'true') edits.push({ range: lines.range(sensitive.valueStart, sensitive.end), newText: 'true' });
    if (def) {
      const removed = removeAttribute(variable, 'default', lines);
      if (!removed) return undefined;
      edits.push(...removed);
    }
    return edits.length ? edits : undefined;
  }
  if (!def) return setAttributes(variable, [{ name: 'sensitive', text: 'true' }], lines, eol);
  if (!isSingleLine(def, lines) || def.equals === undefined) return undefined;
  const indent = indentOf(def.start, lines);
  const chain = alignedChain(attributes, def, lines);
  const others = chain?.filter((i) => i !== def) ?? [];
  const width = Math.max(indent.length + 'sensitive'.length, maxOf(others, (i) => column(i.nameEnd, lines)));
  const gap = chain ? width + 1 - indent.length - 'sensitive'.length : 1;
  // A comment after the default is about the default: it goes with it.
  const lineEnd = lines.lineEnd(lines.positionAt(def.end).line);
  const end = /^\s*(#|\/\/)[^\n]*$/.test(lines.text.slice(def.end, lineEnd)) ? lineEnd : def.end;
  return [...realign(others, width + 1, lines), { range: lines.range(def.start, end), newText: `sensitive${' '.repeat(gap)}= true` }];
}

/** A top-level block as fmt writes it: `header {`, aligned attributes, `}`. */
function topBlock(header: string, values: NewValue[], eol: string): string {
  if (!values.length) return `${header} {${eol}}`;
  return [`${header} {`, ...formatLines(values, '  ', 2 + maxOf(values, (v) => v.name.length)), '}'].join(eol);
}

/**
 * A new `variable` block: after the file's last variable, else before its first resource (above the comments
 * over it), else at the end of the file.
 */
export function addVariable(
  name: string, values: NewValue[], variables: Map<string, VariableLayout>, resources: BlockLayout[], lines: LineIndex, newline: () => string,
): TextEdit[] | undefined {
  if (variables.has(name) || !/^[A-Za-z_][\w-]*$/.test(name)) return undefined;
  const eol = newline();
  const block = topBlock(`variable ${JSON.stringify(name)}`, values, eol);
  const last = maxOf([...variables.values()], (v) => v.close);
  if (last > -Infinity) {
    const at = lines.lineEnd(lines.positionAt(last).line);
    return [{ range: lines.range(at, at), newText: eol + eol + block }];
  }
  const first = Math.min(...resources.map((r) => r.start));
  if (Number.isFinite(first)) {
    let line = lines.positionAt(first).line;
    while (line > 0 && /^\s*(#|\/\/)/.test(lines.lineText(line - 1))) line--;
    const at = lines.lineStart(line);
    return [{ range: lines.range(at, at), newText: block + eol + eol }];
  }
  const text = lines.text;
  const end = text.length;
  const lead = !text.trim() ? '' : text.endsWith('\n') ? eol : eol + eol;
  return [{ range: lines.range(end, end), newText: lead + block + eol }];
}

/** A new `resource` block after the one of `after`, one blank line between. */
export function addResourceBlock(after: BlockLayout, header: string, values: NewValue[], lines: LineIndex, newline: () => string): TextEdit[] {
  const eol = newline();
  const at = lines.lineEnd(lines.positionAt(after.close).line);
  return [{ range: lines.range(at, at), newText: eol + eol + topBlock(header, values, eol) }];
}
