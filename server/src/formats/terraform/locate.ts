/**
 * The Terraform locator: what is under a position of a `.tf` or `.tf.json` file, while it is being written.
 *
 * HCL is read by a small statement reader (hcl-outline.ts) rather than the tree-sitter tree: on a block still being
 * typed, tree-sitter's recovery attaches the half-typed line to whatever follows (`node_` before the `}` of a
 * replication group became the type of a block swallowing the next resource), while HCL's line structure still
 * says exactly where the position is: an attribute per line, a block per `type "label" {`, a `}` closing it.
 * Terraform JSON goes through the tolerant JSON reader the CloudFormation locator uses.
 */
import { lineAround, wordAt, type IacSpot, type Word } from '../locate';
import { entryOf, jsonPath, readJson, scalarText } from '../tolerant-json';
import { jsonSpot } from '../cloudformation/locate';
import { outline, type HAttr, type HBlock } from './hcl-outline';

const MAX_BYTES = 1024 * 1024;

export function locateTerraform(text: string, offset: number, json: boolean): IacSpot | undefined {
  if (text.length > MAX_BYTES) return undefined;
  return json ? locateJson(text, offset) : locateHcl(text, offset);
}

// ---------------------------------------------------------------- HCL

function locateHcl(text: string, offset: number): IacSpot | undefined {
  const root = outline(text);
  const chain: HBlock[] = [];
  for (let b: HBlock | undefined = root; b; ) {
    chain.push(b);
    b = b.blocks.find((c) => c.open !== undefined && c.open < offset && (c.close === undefined || offset <= c.close));
  }
  const inner = chain[chain.length - 1];
  // On the header of a block (`resource "aws_…" "x" {`): its labels.
  const header = inner.blocks.find((c) => c.start <= offset && offset <= (c.open ?? c.headerEnd));
  if (header && chain.length === 1) return headerSpot(header, offset);
  const top = chain[1] ?? header;
  if (!top || (top.words[0] !== 'resource' && top.words[0] !== 'module')) return undefined;
  const isModule = top.words[0] === 'module';
  const resource = isModule
    ? { name: top.words[1], module: true, source: attr(top, 'source')?.value, engine: attr(top, 'engine')?.value }
    : { type: top.words[1], name: top.words[2], engine: attr(top, 'engine')?.value };
  const path: (string | number)[] = [];
  for (let i = 2; i < chain.length; i++) {
    const b = chain[i], parent = chain[i - 1];
    path.push(b.words[0]);
    if (!b.object) path.push(parent.blocks.filter((s) => s.words[0] === b.words[0] && !s.object).indexOf(b));
  }
  // Blocks are keys of their level too (`ingress {`, `cache_usage_limits {`).
  const siblingsBut = (own?: string) => [...inner.attrs.map((a) => a.name), ...inner.blocks.map((b) => b.words[0])].filter((k) => k !== own);
  const a = inner.attrs.find((x) => x.nameStart <= offset && offset <= Math.max(x.nameEnd, x.valueEnd ?? x.nameEnd));
  const nested = inner.blocks.find((b) => b.start <= offset && offset <= b.start + b.words[0].length);
  // A nested block's header says nothing but its name, which is a key.
  if (header && header !== nested) return undefined;
  const base = { side: 'tf' as const, syntax: 'hcl' as const, resource, offset };
  if (isModule && a?.name === 'source' && a.eq !== undefined && offset > a.eq && chain.length === 2) {
    return { ...base, kind: 'moduleSource', path: [], key: 'source', word: valueWord(text, a, offset), siblings: [] };
  }
  if (nested) {
    return { ...base, kind: 'key', path, key: nested.words[0], word: { text: nested.words[0], start: nested.start, end: nested.start + nested.words[0].length, quoted: false }, siblings: siblingsBut(nested.words[0]) };
  }
  if (a && (offset <= a.nameEnd || a.eq === undefined)) {
    return { ...base, kind: 'key', path, key: a.name, word: { text: a.name, start: a.nameStart, end: a.nameEnd, quoted: false }, siblings: siblingsBut(a.name) };
  }
  if (a && a.eq !== undefined && offset > a.eq) {
    const word = valueWord(text, a, offset);
    return { ...base, kind: 'value', path, key: a.name, word, siblings: siblingsBut(a.name), ...(a.list ? { item: 0 } : {}) };
  }
  // Nothing written at the position: a key about to be typed, when the line is blank up to it.
  const line = lineAround(text, offset);
  if (text.slice(line.start, offset).trim() !== '') return undefined;
  return { ...base, kind: 'key', path, key: '', word: { text: '', start: offset, end: offset, quoted: false }, siblings: siblingsBut() };
}

function attr(block: HBlock, name: string): HAttr | undefined {
  return block.attrs.find((a) => a.name === name);
}

/** A top-level block's header: the resource type label (written, or being typed). */
function headerSpot(block: HBlock, offset: number): IacSpot | undefined {
  if (block.words[0] !== 'resource') return undefined;
  const typeLabel = block.labels[0];
  if (!typeLabel || offset < typeLabel.start || offset > typeLabel.end) return undefined;
  return {
    side: 'tf', syntax: 'hcl', kind: 'resourceType', resource: { type: block.words[1], name: block.words[2] }, path: [], key: 'type',
    word: { text: typeLabel.text, start: typeLabel.start, end: typeLabel.end, quoted: typeLabel.quoted }, offset, siblings: [],
  };
}

/** The word of an attribute's value at the position: the string literal around it, or the bare token, or none yet. */
function valueWord(text: string, a: HAttr, offset: number): Word {
  const line = lineAround(text, offset);
  // The quoted string on this line holding the position (a list spans several strings, and lines).
  let i = Math.max(line.start, a.eq! + 1);
  while (i < line.end) {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < line.end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (i < offset && offset <= j) return { text: text.slice(i + 1, Math.min(j, line.end)), start: i + 1, end: Math.min(j, line.end), quoted: true };
      i = j + 1;
    } else i++;
  }
  const w = wordAt(text, offset, line.start, line.end, /[A-Za-z0-9_.\-]/);
  if (w.start < a.eq! + 1) return { text: '', start: offset, end: offset, quoted: false };
  return { text: text.slice(w.start, w.end), start: w.start, end: w.end, quoted: false };
}

// ---------------------------------------------------------------- Terraform JSON

function locateJson(text: string, offset: number): IacSpot | undefined {
  const root = readJson(text);
  // Every block level may be an object or an array of objects: the array steps say nothing about names.
  const steps = jsonPath(root, offset);
  const named = steps.filter((s) => s.container.kind === 'object');
  const first = named[0]?.entry?.key;
  if (first === 'resource') {
    const typeEntry = named[1]?.entry;
    if (!typeEntry) return undefined;
    if (offset <= typeEntry.keyEnd && offset >= typeEntry.keyStart) {
      return { side: 'tf', syntax: 'json', kind: 'resourceType', resource: { type: typeEntry.key }, path: [], key: 'type', word: { text: typeEntry.key, start: typeEntry.keyStart, end: typeEntry.keyEnd, quoted: typeEntry.quoted }, offset, siblings: [] };
    }
    const nameEntry = named[2]?.entry;
    if (!nameEntry || named.length < 4) return undefined;
    const bodyAt = steps.indexOf(named[3]);
    const body = named[3].container;
    const resource = { type: typeEntry.key, name: nameEntry.key, engine: scalarText(entryOf(body, 'engine')?.value) };
    return jsonSpot(text, steps.slice(bodyAt), offset, { side: 'tf', resource });
  }
  if (first === 'module') {
    const nameEntry = named[1]?.entry;
    if (!nameEntry || named.length < 3) return undefined;
    const body = named[2].container;
    const resource = { name: nameEntry.key, module: true, source: scalarText(entryOf(body, 'source')?.value), engine: scalarText(entryOf(body, 'engine')?.value) };
    const e = named[2].entry;
    if (e?.key === 'source' && named.length === 3 && e.colon !== undefined && offset > e.colon) {
      const v = e.value;
      if (v && v.kind !== 'scalar') return undefined;
      const word = v ? { text: v.text, start: v.start, end: v.end, quoted: v.quoted } : { text: '', start: offset, end: offset, quoted: false };
      return { side: 'tf', syntax: 'json', kind: 'moduleSource', resource, path: [], key: 'source', word, offset, siblings: [] };
    }
    return jsonSpot(text, steps.slice(steps.indexOf(named[2])), offset, { side: 'tf', resource });
  }
  return undefined;
}
