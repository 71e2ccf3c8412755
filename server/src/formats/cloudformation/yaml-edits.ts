/**
 * The text-edit primitives over a positioned `yaml` tree that every CloudFormation fix (and Terraform JSON, which
 * is YAML flow syntax too) is made of: values rendered in the mapping's own quoting, a pair's value replaced in
 * place, entries appended to a block mapping at the siblings' column or to a flow mapping with its commas.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../engine/types';
import { keyOf } from './normalize';
import { isInline, type Source } from './source';
import { INTRINSIC_TAGS, longFormOf } from './tags';

/** One property to write, its value already rendered for YAML and for JSON. */
export interface Entry { key: string; yaml: string; json: string }

export type QuoteStyle = Scalar['type'];

const RESERVED_PLAIN = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

export function edit(src: Source, start: number, end: number, newText: string): TextEdit {
  return { range: src.lines.range(start, end), newText };
}

/** The quoting the mapping's string values already use, so a new value looks like its neighbours. */
export function quoteStyleOf(map: YAMLMap | undefined): QuoteStyle {
  for (const pair of map?.items ?? []) {
    const v = pair.value;
    if (isScalar(v) && typeof v.value === 'string' && !v.tag) return v.type === 'PLAIN' ? 'PLAIN' : v.type;
  }
  return 'PLAIN';
}

/** A string YAML reads back as the same string when written without quotes. */
export function plainSafe(value: string): boolean {
  return /^[A-Za-z_][\w./-]*$/.test(value) && !RESERVED_PLAIN.test(value);
}

export function renderYaml(value: string | number | boolean, style: QuoteStyle): string {
  if (typeof value !== 'string') return String(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return style === 'PLAIN' && plainSafe(value) ? value : JSON.stringify(value);
}

export function renderKey(src: Source, key: string, map: YAMLMap | undefined): string {
  const sibling = map?.items[0]?.key;
  if (src.json || (isScalar(sibling) && sibling.type === 'QUOTE_DOUBLE')) return JSON.stringify(key);
  return isScalar(sibling) && sibling.type === 'QUOTE_SINGLE' ? `'${key}'` : key;
}

/**
 * A short-form expression (`!Ref Secret`, `'{{resolve:…}}'`) in JSON long form; undefined when it is not one
 * inline YAML value, which also keeps a malformed expression out of YAML files.
 */
export function expressionAsJson(expression: string): string | undefined {
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
export function replaceValue(src: Source, pair: Pair, text: string): TextEdit {
  const v = pair.value as Node | null;
  const empty = !v?.range || (isScalar(v) && v.value === null && v.range[0] === v.range[1]);
  if (v && !empty && isInline(v)) return edit(src, src.start(v), src.end(v), text);
  const colon = src.text.indexOf(':', src.end(pair.key as Node));
  return edit(src, colon + 1, empty ? colon + 1 : src.end(v!), ` ${text}`);
}

export function lastEnd(src: Source, pair: Pair): number {
  const v = pair.value as Node | null;
  return v?.range ? Math.max(src.end(v), src.end(pair.key as Node)) : src.end(pair.key as Node);
}

/** Indentation step of the file, measured between a mapping's key and its children. */
export function indentUnit(src: Source, parentKey: Node, map: YAMLMap): number {
  const step = src.column(src.start(map.items[0].key as Node)) - src.column(src.start(parentKey));
  return step > 0 ? step : 2;
}

/** Appends `key: value` texts to a non-empty block mapping, each on its own line at the siblings' column. */
export function appendBlock(src: Source, map: YAMLMap, lines: string[]): TextEdit {
  const column = src.column(src.start(map.items[0].key as Node));
  const at = src.lines.lineEnd(src.line(lastEnd(src, map.items[map.items.length - 1])));
  return edit(src, at, at, lines.map((l) => `${src.eol}${' '.repeat(column)}${l}`).join(''));
}

/** Whether a flow mapping puts its entries on lines of their own (pretty-printed JSON) rather than inline. */
export function isMultiline(src: Source, map: YAMLMap): boolean {
  return map.items.length > 0 && src.line(src.start(map.items[0].key as Node)) !== src.line(src.start(map));
}

/** Appends entries to a flow mapping (JSON or YAML `{…}`), following its one-line or one-entry-per-line layout. */
export function appendFlow(src: Source, map: YAMLMap, entries: string[]): TextEdit {
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

/**
 * Whether a mapping can be edited: no syntax problem inside it (`problems`: offsets, in increasing order), and a
 * flow mapping ends with its `}`. Where the parser had to recover (a truncated JSON template, stray bytes) its
 * ranges say where it resumed, not what the text means, and an added entry lands in the broken text.
 */
export function intact(src: Source, map: YAMLMap, problems: number[]): boolean {
  if (map.flow && src.text[src.end(map) - 1] !== '}') return false;
  return !problemIn(problems, src.start(map), src.end(map));
}

/** Whether a problem offset lies in [from, to]. */
export function problemIn(problems: number[], from: number, to: number): boolean {
  let lo = 0, hi = problems.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (problems[mid] < from) lo = mid + 1; else hi = mid; }
  return lo < problems.length && problems[lo] <= to;
}


/** What a fix writes under a key: a value rendered for YAML and for JSON, or a mapping of further keys. */
export type Shape = { yaml: string; json: string } | [key: string, value: Shape][];

const isLeaf = (s: Shape): s is { yaml: string; json: string } => !Array.isArray(s);

/** A key as a new entry of `map` writes it: quoted like its siblings, and always in JSON. */
export function keyText(src: Source, key: string, map: YAMLMap | undefined): string {
  const own = renderKey(src, key, map);
  return own === key && !/^[A-Za-z0-9_][\w.-]*$/.test(key) ? JSON.stringify(key) : own;
}

/** `key: value` for a block mapping whose keys sit at `column`, nested mappings `unit` deeper, lines after the first indented. */
export function blockEntry(src: Source, key: string, shape: Shape, column: number, unit: number, map?: YAMLMap): string {
  const k = keyText(src, key, map);
  if (isLeaf(shape)) return `${k}: ${shape.yaml}`;
  const inner = ' '.repeat(column + unit);
  return `${k}:` + shape.map(([ck, cs]) => `${src.eol}${inner}${blockEntry(src, ck, cs, column + unit, unit)}`).join('');
}

/** `key: value` for a flow mapping (or JSON): on one line, or one entry per line from `layout.indent` on. */
export function flowEntry(src: Source, key: string, shape: Shape, layout?: { indent: string; step: string }, map?: YAMLMap): string {
  const k = keyText(src, key, map);
  if (isLeaf(shape)) return `${k}: ${src.json ? shape.json : shape.yaml}`;
  return `${k}: ${flowValue(src, shape, layout)}`;
}

/** A mapping written as a flow value `{…}`, laid out like `flowEntry`. */
export function flowValue(src: Source, shape: [string, Shape][], layout?: { indent: string; step: string }): string {
  if (!layout) return `{${shape.map(([ck, cs]) => flowEntry(src, ck, cs)).join(', ')}}`;
  const inner = { indent: layout.indent + layout.step, step: layout.step };
  return `{${shape.map(([ck, cs]) => `${src.eol}${inner.indent}${flowEntry(src, ck, cs, inner)}`).join(',')}${src.eol}${layout.indent}}`;
}

/** The indentation of a multi-line flow mapping's entries and its step, for nesting new mappings the same way. */
export function flowLayout(src: Source, map: YAMLMap): { indent: string; step: string } | undefined {
  if (!isMultiline(src, map)) return undefined;
  const indent = src.lines.indentOf(src.line(src.start(map.items[map.items.length - 1].key as Node)));
  const outer = src.lines.indentOf(src.line(src.start(map)));
  const step = indent.startsWith(outer) && indent.length > outer.length ? indent.slice(outer.length) : '  ';
  return { indent, step };
}

/** Adds `key: shape` to a mapping in its own style: a line of a block mapping, an entry of a flow one. */
export function addEntry(src: Source, map: YAMLMap, key: string, shape: Shape, unit: number): TextEdit {
  if (map.flow || !map.items.length) return appendFlow(src, map, [flowEntry(src, key, shape, map.items.length ? flowLayout(src, map) : undefined, map)]);
  const column = src.column(src.start(map.items[0].key as Node));
  return appendBlock(src, map, [blockEntry(src, key, shape, column, unit, map)]);
}

/** Deletes a pair with its line (block) or its separating comma (flow); undefined for the only entry of a block mapping. */
export function removePair(src: Source, map: YAMLMap, pair: Pair): TextEdit | undefined {
  const i = map.items.indexOf(pair);
  if (map.items.length === 1) return map.flow ? edit(src, src.start(map) + 1, src.end(map) - 1, '') : undefined;
  if (map.flow) {
    if (i > 0) return edit(src, lastEnd(src, map.items[i - 1]), lastEnd(src, pair), '');
    return edit(src, src.start(pair.key as Node), src.start(map.items[1].key as Node), '');
  }
  const start = src.lines.lineStart(src.line(src.start(pair.key as Node)));
  const endLine = src.line(lastEnd(src, pair));
  if (endLine + 1 < src.lines.lineCount) return edit(src, start, src.lines.lineStart(endLine + 1), '');
  return edit(src, src.lines.lineEnd(src.line(start) - 1), src.text.length, '');
}

/** The value of a fix rendered for YAML (in the mapping's quoting) and JSON; undefined for an expression that is not one inline value. */
export function renderFixValue(value: string | number | boolean | { expression: { cloudformation: string } }, map: YAMLMap | undefined): { yaml: string; json: string } | undefined {
  if (typeof value === 'object') {
    const json = expressionAsJson(value.expression.cloudformation);
    return json === undefined ? undefined : { yaml: value.expression.cloudformation, json };
  }
  return { yaml: renderYaml(value, quoteStyleOf(map)), json: JSON.stringify(value) };
}
