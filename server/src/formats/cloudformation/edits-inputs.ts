/**
 * Fixes to a template's `Parameters`: a parameter's `Default` (set under its constraints, quoted the way the
 * template quotes strings), `NoEcho` to mark it secret, and a new parameter declared where a reader looks for it.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Range, TextEdit } from '../../engine/types';
import type { Expression } from '../../fixes/intents';
import type { InputRef } from '../../model/iac';
import { findPair, keyOf } from './normalize';
import type { Source } from './source';
import {
  addEntry, appendBlock, appendFlow, blockEntry, edit, flowEntry, flowLayout, indentUnit, intact, lastEnd, plainSafe, removePair,
  renderKey, renderYaml, replaceValue, type QuoteStyle, type Shape,
} from './yaml-edits';

/** Nodes looked at when searching the whole template for the quoting it uses: a style shows early or not at all. */
const QUOTE_SCAN_LIMIT = 10_000;

/** The quotes of the first quoted string value among `nodes`, then anywhere in the template. */
function quotedStyle(nodes: unknown[], root: YAMLMap): QuoteStyle | undefined {
  const quoted = (n: unknown) => isScalar(n) && typeof n.value === 'string' && (n.type === 'QUOTE_SINGLE' || n.type === 'QUOTE_DOUBLE');
  const own = nodes.find(quoted) as Scalar | undefined;
  if (own) return own.type;
  const stack: unknown[] = [root];
  for (let seen = 0; stack.length && seen < QUOTE_SCAN_LIMIT; seen++) {
    const n = stack.pop();
    if (quoted(n)) return (n as Scalar).type;
    if (isSeq(n)) stack.push(...[...n.items].reverse());
    else if (isMap(n)) stack.push(...n.items.map((p) => p.value).reverse());
  }
  return undefined;
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** Whether CloudFormation would accept `text` as the parameter's value under its constraints; false when unsure. */
function allowedByConstraints(param: YAMLMap, text: string, numeric: boolean): boolean {
  const scalar = (key: string) => {
    const pair = findPair(param, key);
    return pair === undefined ? undefined : isScalar(pair.value) && !pair.value.tag ? pair.value.value : null;
  };
  const allowed = findPair(param, 'AllowedValues');
  if (allowed) {
    const items = isSeq(allowed.value) ? allowed.value.items : undefined;
    if (!items?.every((i) => isScalar(i) && !i.tag)) return false;
    if (!items.some((i) => String((i as Scalar).value) === text)) return false;
  }
  const pattern = scalar('AllowedPattern');
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') return false;
    try {
      if (!new RegExp(`^(?:${pattern})$`).test(text)) return false;
    } catch {
      return false; // a Java pattern JavaScript cannot read: no way to tell
    }
  }
  const bounds: [string, number, (a: number, b: number) => boolean][] = numeric
    ? [['MinValue', Number(text), (v, b) => v >= b], ['MaxValue', Number(text), (v, b) => v <= b]]
    : [['MinLength', text.length, (v, b) => v >= b], ['MaxLength', text.length, (v, b) => v <= b]];
  for (const [key, v, ok] of bounds) {
    const b = scalar(key);
    if (b === undefined) continue;
    if (b === null || !Number.isFinite(Number(b)) || !ok(v, Number(b))) return false;
  }
  return true;
}

/**
 * Sets `Default` on the parameter declared as `input`. Parameter values are strings to CloudFormation: a String
 * parameter's default is written quoted the way the template quotes strings (a plain `true` would be a YAML
 * boolean); only a Number parameter takes a bare number.
 */
export function setParameterDefault(
  src: Source, root: YAMLMap | undefined, input: InputRef, value: string | number | boolean, problems: number[],
): TextEdit[] | undefined {
  const param = declaredParameter(src, root, input, problems);
  if (!param) return undefined;
  const typeNode = findPair(param, 'Type')?.value;
  const type = isScalar(typeNode) && typeof typeNode.value === 'string' ? typeNode.value.trim() : undefined;
  const text = String(value);
  const numeric = type === 'Number';
  if (numeric && (typeof value === 'boolean' || !/^-?\d+(\.\d+)?$/.test(text))) return undefined;
  if (!allowedByConstraints(param, text, numeric)) return undefined;
  let rendered: string;
  if (src.json) rendered = numeric ? text : JSON.stringify(text);
  else if (numeric) rendered = text;
  else {
    const existing = findPair(param, 'Default')?.value;
    const allowed = findPair(param, 'AllowedValues')?.value;
    const own = [existing, ...(isSeq(allowed) ? allowed.items : []), ...param.items.map((p) => p.value)];
    const keepPlain = isScalar(existing) && typeof existing.value === 'string' && existing.type === 'PLAIN' && plainSafe(text);
    rendered = renderYaml(text, keepPlain ? 'PLAIN' : quotedStyle(own, root!) ?? 'PLAIN');
  }
  const current = findPair(param, 'Default');
  if (current) return [replaceValue(src, current, rendered)];
  const entry = `${renderKey(src, 'Default', param)}: ${rendered}`;
  return [param.flow || !param.items.length ? appendFlow(src, param, [entry]) : appendBlock(src, param, [entry])];
}


/** The mapping declaring `input` in this template, when it is whole; never one of another file. */
function declaredParameter(src: Source, root: YAMLMap | undefined, input: InputRef, problems: number[]): YAMLMap | undefined {
  const params = root && findPair(root, 'Parameters')?.value;
  if (!isMap(params) || !input.range || input.path !== undefined) return undefined;
  const pair = params.items.find((p) => keyOf(p) === input.name && sameRange(src.range(p.key as Node), input.range!));
  const param = pair?.value;
  return isMap(param) && intact(src, param, problems) ? param : undefined;
}

/**
 * `NoEcho: true` on the parameter; with `dropDefault`, its `Default` goes too (a secret's default is in the
 * template for anyone to read). The `Default` entry, when it goes, becomes the `NoEcho` one: an edit in one place.
 */
export function markParameterSecret(src: Source, root: YAMLMap | undefined, input: InputRef, dropDefault: boolean, problems: number[]): TextEdit[] | undefined {
  const param = declaredParameter(src, root, input, problems);
  return param && markSecret(src, param, 'NoEcho', 'Default', dropDefault);
}

/** Sets the `flag` key of an input's mapping to true, and drops its `defaultKey` entry when asked (CloudFormation, Terraform JSON). */
export function markSecret(src: Source, decl: YAMLMap, flag: string, defaultKey: string, dropDefault: boolean): TextEdit[] | undefined {
  const marked = findPair(decl, flag);
  const current = marked?.value;
  const open = !(isScalar(current) && !current.tag && (current.value === true || String(current.value).toLowerCase() === 'true'));
  const def = dropDefault ? findPair(decl, defaultKey) : undefined;
  const entry = `${renderKey(src, flag, decl)}: true`;
  const edits: TextEdit[] = [];
  if (marked && open) edits.push(replaceValue(src, marked, 'true'));
  if (def && !marked) edits.push(edit(src, src.start(def.key as Node), lastEnd(src, def), entry));
  else if (def) {
    const removed = removePair(src, decl, def);
    if (!removed) return undefined;
    edits.push(removed);
  } else if (!marked) edits.push(decl.flow || !decl.items.length ? appendFlow(src, decl, [entry]) : appendBlock(src, decl, [entry]));
  return edits.length ? edits : undefined;
}

/** The entries a new parameter is declared with. */
function parameterShape(type: Expression, description: string, secret: boolean | undefined): [string, Shape][] {
  const text = (v: string) => ({ yaml: renderYaml(v, plainSafe(v) ? 'PLAIN' : 'QUOTE_DOUBLE'), json: JSON.stringify(v) });
  const shape: [string, Shape][] = [['Type', text(type.cloudformation)], ['Description', text(description)]];
  if (secret) shape.push(['NoEcho', { yaml: 'true', json: 'true' }]);
  return shape;
}

/**
 * Declares a parameter: under `Parameters`, or in a new `Parameters` section after `AWSTemplateFormatVersion` and
 * `Description` (where readers of a template look first), else before the first section. A name already declared
 * gets no second declaration.
 */
export function addParameter(src: Source, root: YAMLMap | undefined, name: string, type: Expression, description: string, secret: boolean | undefined, problems: number[]): TextEdit[] | undefined {
  if (!root || !root.items.length || !intact(src, root, problems)) return undefined;
  // Parameters and resources share one namespace of logical ids.
  const resources = findPair(root, 'Resources')?.value;
  if (isMap(resources) && findPair(resources, name)) return undefined;
  const shape = parameterShape(type, description, secret);
  const unit = sectionUnit(src, root);
  const params = findPair(root, 'Parameters');
  if (params) {
    if (!isMap(params.value) || params.value.tag || findPair(params.value, name) || !intact(src, params.value, problems)) return undefined;
    return [addEntry(src, params.value, name, shape, unit)];
  }
  // A new top-level section goes by the root's layout, which a syntax error anywhere may have misread.
  if (problems.length) return undefined;
  const section: [string, Shape][] = [[name, shape]];
  const heads = root.items.filter((p) => keyOf(p) === 'AWSTemplateFormatVersion' || keyOf(p) === 'Description');
  const after = heads[heads.length - 1];
  if (root.flow) {
    const layout = flowLayout(src, root);
    const text = flowEntry(src, 'Parameters', section, layout, root);
    if (after) {
      const at = lastEnd(src, after);
      return [edit(src, at, at, layout ? `,${src.eol}${layout.indent}${text}` : `, ${text}`)];
    }
    const at = src.start(root.items[0].key as Node);
    return [edit(src, at, at, layout ? `${text},${src.eol}${layout.indent}` : `${text}, `)];
  }
  const column = src.column(src.start(root.items[0].key as Node));
  // Sections align with every top-level key: a root read from odd syntax (a `?` key) gives no column to trust.
  if (root.items.some((p) => !isScalar(p.key) || src.column(src.start(p.key)) !== column)) return undefined;
  const text = blockEntry(src, 'Parameters', section, column, unit, root);
  if (after) {
    const at = src.lines.lineEnd(src.line(lastEnd(src, after)));
    return [edit(src, at, at, `${src.eol}${' '.repeat(column)}${text}`)];
  }
  const at = src.lines.lineStart(src.line(src.start(root.items[0].key as Node)));
  return [edit(src, at, at, `${' '.repeat(column)}${text}${src.eol}`)];
}

/** The template's indentation step, read from a section's entries; 2 when no section shows it. */
export function sectionUnit(src: Source, root: YAMLMap): number {
  for (const pair of root.items) {
    const v = pair.value;
    if (isMap(v) && !v.flow && v.items.length) return indentUnit(src, pair.key as Node, v);
  }
  return 2;
}
