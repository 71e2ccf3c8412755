/**
 * Fix intents → text edits in the template's own style: block YAML gets `Key: value` lines at the siblings'
 * indentation, flow mappings and JSON get `"Key": value` with the siblings' layout and correct commas, and
 * existing values are replaced in place. Property spellings come from the schema. A parameter's `Default` is
 * set the same way, under `Parameters.<name>`.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Range, TextEdit } from '../../engine/types';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource, InputRef } from '../../model/iac';
import { schemaFor } from '../../model/iac-schema';
import { findPair, keyOf, type ResourceNodes } from './normalize';
import { isInline, type Source } from './source';
import { INTRINSIC_TAGS, longFormOf } from './tags';

/** One property to write, its value already rendered for YAML and for JSON. */
interface Entry { key: string; yaml: string; json: string }

type QuoteStyle = Scalar['type'];

const RESERVED_PLAIN = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function edit(src: Source, start: number, end: number, newText: string): TextEdit {
  return { range: src.lines.range(start, end), newText };
}

/** The quoting the mapping's string values already use, so a new value looks like its neighbours. */
function quoteStyleOf(map: YAMLMap | undefined): QuoteStyle {
  for (const pair of map?.items ?? []) {
    const v = pair.value;
    if (isScalar(v) && typeof v.value === 'string' && !v.tag) return v.type === 'PLAIN' ? 'PLAIN' : v.type;
  }
  return 'PLAIN';
}

/** A string YAML reads back as the same string when written without quotes. */
function plainSafe(value: string): boolean {
  return /^[A-Za-z_][\w./-]*$/.test(value) && !RESERVED_PLAIN.test(value);
}

function renderYaml(value: string | number | boolean, style: QuoteStyle): string {
  if (typeof value !== 'string') return String(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return style === 'PLAIN' && plainSafe(value) ? value : JSON.stringify(value);
}

function renderKey(src: Source, key: string, map: YAMLMap | undefined): string {
  const sibling = map?.items[0]?.key;
  if (src.json || (isScalar(sibling) && sibling.type === 'QUOTE_DOUBLE')) return JSON.stringify(key);
  return isScalar(sibling) && sibling.type === 'QUOTE_SINGLE' ? `'${key}'` : key;
}

/**
 * A short-form expression (`!Ref Secret`, `'{{resolve:…}}'`) in JSON long form; undefined when it is not one
 * inline YAML value, which also keeps a malformed expression out of YAML files.
 */
function expressionAsJson(expression: string): string | undefined {
  const doc = parseDocument(expression, { customTags: INTRINSIC_TAGS });
  const root = doc.contents;
  if (doc.errors.length || !root || !isInline(root)) return undefined;
  const toJson = (node: unknown): string => {
    const n = node as Node;
    const long = n.tag ? longFormOf(n.tag) : undefined;
    let body: string;
    if (isScalar(n)) {
      const getAtt = long === 'Fn::GetAtt' && typeof n.value === 'string' ? n.value.split(/\.(.*)/s).slice(0, 2) : undefined;
      body = getAtt ? `[${getAtt.map((part) => JSON.stringify(part)).join(', ')}]` : JSON.stringify(n.value);
    } else if (isSeq(n)) body = `[${n.items.map(toJson).join(', ')}]`;
    else if (isMap(n)) body = `{${n.items.map((p) => `${JSON.stringify(keyOf(p) ?? '')}: ${toJson(p.value)}`).join(', ')}}`;
    else body = 'null';
    return long ? `{${JSON.stringify(long)}: ${body}}` : body;
  };
  return toJson(root);
}

/** Replaces a pair's value: an inline value in place (tag included), a block value or a missing one after the colon. */
function replaceValue(src: Source, pair: Pair, text: string): TextEdit {
  const v = pair.value as Node | null;
  const empty = !v?.range || (isScalar(v) && v.value === null && v.range[0] === v.range[1]);
  if (v && !empty && isInline(v)) return edit(src, src.start(v), src.end(v), text);
  const colon = src.text.indexOf(':', src.end(pair.key as Node));
  return edit(src, colon + 1, empty ? colon + 1 : src.end(v!), ` ${text}`);
}

function lastEnd(src: Source, pair: Pair): number {
  const v = pair.value as Node | null;
  return v?.range ? Math.max(src.end(v), src.end(pair.key as Node)) : src.end(pair.key as Node);
}

/** Indentation step of the file, measured between a mapping's key and its children. */
function indentUnit(src: Source, parentKey: Node, map: YAMLMap): number {
  const step = src.column(src.start(map.items[0].key as Node)) - src.column(src.start(parentKey));
  return step > 0 ? step : 2;
}

/** Appends `key: value` texts to a non-empty block mapping, each on its own line at the siblings' column. */
function appendBlock(src: Source, map: YAMLMap, lines: string[]): TextEdit {
  const column = src.column(src.start(map.items[0].key as Node));
  const at = src.lines.lineEnd(src.line(lastEnd(src, map.items[map.items.length - 1])));
  return edit(src, at, at, lines.map((l) => `${src.eol}${' '.repeat(column)}${l}`).join(''));
}

/** Whether a flow mapping puts its entries on lines of their own (pretty-printed JSON) rather than inline. */
function isMultiline(src: Source, map: YAMLMap): boolean {
  return map.items.length > 0 && src.line(src.start(map.items[0].key as Node)) !== src.line(src.start(map));
}

/** Appends entries to a flow mapping (JSON or YAML `{…}`), following its one-line or one-entry-per-line layout. */
function appendFlow(src: Source, map: YAMLMap, entries: string[]): TextEdit {
  if (!map.items.length) {
    // After the `{` itself, not after the start of a tag or anchor written before it (`!Ref {}`, `&a {}`).
    const open = map.range![0] + 1;
    return edit(src, open, open, entries.join(', '));
  }
  const last = map.items[map.items.length - 1];
  const at = lastEnd(src, last);
  if (!isMultiline(src, map)) return edit(src, at, at, entries.map((e) => `, ${e}`).join(''));
  const indent = src.lines.indentOf(src.line(src.start(last.key as Node)));
  return edit(src, at, at, entries.map((e) => `,${src.eol}${indent}${e}`).join(''));
}

/** Adds a `Properties` mapping holding the entries to a resource that has none. */
function addProperties(src: Source, target: ResourceNodes, entries: Entry[]): TextEdit {
  const { map } = target;
  const unit = indentUnit(src, target.id, map);
  if (!map.flow) {
    const column = src.column(src.start(map.items[0].key as Node));
    const inner = entries.map((e) => `${src.eol}${' '.repeat(column + unit)}${e.key}: ${e.yaml}`).join('');
    return appendBlock(src, map, [`Properties:${inner}`]);
  }
  const key = renderKey(src, 'Properties', map);
  const pairs = entries.map((e) => `${renderKey(src, e.key, map)}: ${src.json ? e.json : e.yaml}`);
  if (!isMultiline(src, map)) return appendFlow(src, map, [`${key}: {${pairs.join(', ')}}`]);
  const indent = src.lines.indentOf(src.line(src.start(map.items[map.items.length - 1].key as Node)));
  const parentIndent = src.lines.indentOf(src.line(src.start(target.id)));
  const step = indent.startsWith(parentIndent) && indent.length > parentIndent.length ? indent.slice(parentIndent.length) : '  ';
  const eol = src.eol;
  const body = pairs.map((p) => `${eol}${indent}${step}${p}`).join(',');
  return appendFlow(src, map, [`${key}: {${body}${eol}${indent}}`]);
}

/** Sets each entry: replaced where the property is written, added where it is not. */
function upsert(src: Source, target: ResourceNodes, entries: Entry[]): TextEdit[] {
  const props = isMap(target.properties?.value) ? target.properties.value : undefined;
  const edits: TextEdit[] = [];
  const missing: Entry[] = [];
  for (const e of entries) {
    const pair = props && findPair(props, e.key);
    if (pair) edits.push(replaceValue(src, pair, src.json ? e.json : e.yaml));
    else missing.push(e);
  }
  if (!missing.length) return edits;
  if (props) {
    const texts = missing.map((e) => `${renderKey(src, e.key, props)}: ${src.json ? e.json : e.yaml}`);
    edits.push(props.flow || !props.items.length ? appendFlow(src, props, texts) : appendBlock(src, props, texts));
  } else if (target.properties) {
    // `Properties:` with nothing after it yet: a flow mapping is valid in both syntaxes.
    const texts = missing.map((e) => `${renderKey(src, e.key, undefined)}: ${src.json ? e.json : e.yaml}`);
    edits.push(replaceValue(src, target.properties, `{${texts.join(', ')}}`));
  } else {
    edits.push(addProperties(src, target, missing));
  }
  return edits;
}

/** Deletes a property with its line (block) or its separating comma (flow). */
function remove(src: Source, target: ResourceNodes, props: YAMLMap, pair: Pair): TextEdit {
  const i = props.items.indexOf(pair);
  if (props.items.length === 1) {
    return props.flow ? edit(src, src.start(props) + 1, src.end(props) - 1, '') : replaceValue(src, target.properties!, '{}');
  }
  if (props.flow) {
    if (i > 0) return edit(src, lastEnd(src, props.items[i - 1]), lastEnd(src, pair), '');
    return edit(src, src.start(pair.key as Node), src.start(props.items[1].key as Node), '');
  }
  const start = src.lines.lineStart(src.line(src.start(pair.key as Node)));
  const endLine = src.line(lastEnd(src, pair));
  if (endLine + 1 < src.lines.lineCount) return edit(src, start, src.lines.lineStart(endLine + 1), '');
  return edit(src, src.lines.lineEnd(src.line(start) - 1), src.text.length, '');
}

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
function setParameterDefault(
  src: Source, root: YAMLMap | undefined, input: InputRef, value: string | number | boolean, problems: number[],
): TextEdit[] | undefined {
  const params = root && findPair(root, 'Parameters')?.value;
  if (!isMap(params) || !input.range) return undefined;
  const pair = params.items.find((p) => keyOf(p) === input.name && sameRange(src.range(p.key as Node), input.range!));
  const param = pair?.value;
  if (!isMap(param) || !intact(src, param, problems)) return undefined;
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

/**
 * Whether a mapping can be edited: no syntax problem inside it (`problems`: offsets, in increasing order), and a
 * flow mapping ends with its `}`. Where the parser had to recover (a truncated JSON template, stray bytes) its
 * ranges say where it resumed, not what the text means, and an added entry lands in the broken text.
 */
function intact(src: Source, map: YAMLMap, problems: number[]): boolean {
  if (map.flow && src.text[src.end(map) - 1] !== '}') return false;
  return !problemIn(problems, src.start(map), src.end(map));
}

/** Whether a problem offset lies in [from, to]. */
function problemIn(problems: number[], from: number, to: number): boolean {
  let lo = 0, hi = problems.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (problems[mid] < from) lo = mid + 1; else hi = mid; }
  return lo < problems.length && problems[lo] <= to;
}

export function buildEdits(
  intent: IacFixIntent, src: Source, nodes: WeakMap<IacResource, ResourceNodes>, root?: YAMLMap, problems: number[] = [],
): TextEdit[] | undefined {
  if (intent.kind === 'setInputDefault') return setParameterDefault(src, root, intent.input, intent.value, problems);
  if (intent.kind !== 'setProperties' && intent.kind !== 'setPropertyExpression' && intent.kind !== 'removeProperty') return undefined; // not built yet
  const target = nodes.get(intent.resource);
  if (!target) return undefined;
  const schema = schemaFor('cfn', intent.resource.type);
  const written = (canonical: string) => schema?.writtenByCanonical.get(canonical) ?? canonical;
  // `Properties: *shared` is text other resources use too: editing it is not a fix to this resource.
  if (isAlias(target.properties?.value)) return undefined;
  const props = isMap(target.properties?.value) ? target.properties.value : undefined;
  if (!intact(src, target.map, problems) || (props && !intact(src, props, problems))) return undefined;
  // The parser's ranges around a problem say where it resumed: what it read as this resource may not be. A problem
  // at this key's first character is the entry before it left open (see `slotEnd`).
  if (problemIn(problems, src.start(target.id) + 1, target.slotEnd)) return undefined;
  // A key set through a `<<` merge (or possibly set, when the merge is unresolved) must not be added beside it.
  const merged = (key: string) => !(props && findPair(props, key)) && (target.open || target.merged.has(key));
  switch (intent.kind) {
    case 'setProperties': {
      const style = quoteStyleOf(props);
      if (intent.values.some((v) => merged(written(v.property)))) return undefined;
      return upsert(src, target, intent.values.map((v) => ({ key: written(v.property), yaml: renderYaml(v.value, style), json: JSON.stringify(v.value) })));
    }
    case 'setPropertyExpression': {
      const json = expressionAsJson(intent.expression.cloudformation);
      if (json === undefined || merged(written(intent.property))) return undefined;
      return upsert(src, target, [{ key: written(intent.property), yaml: intent.expression.cloudformation, json }]);
    }
    case 'removeProperty': {
      const pair = props && findPair(props, written(intent.property));
      return pair ? [remove(src, target, props, pair)] : undefined;
    }
  }
}
