/**
 * The CloudFormation locator: what is under a position of a YAML or JSON template, while it is being written.
 *
 * Block YAML says where a position is by indentation, which holds on a half-typed line the parser cannot read
 * (`CacheNodeType: cache.r7g.` mid-word, a key with no colon yet, a blank line where a key is about to go): the
 * position's level is read from the lines above it, and the `yaml` Document, which recovers from those errors,
 * supplies what is written at that level (the resource's type, its engine, the keys already present). JSON is read
 * by a reader that never fails (tolerant-json.ts): an object not closed yet simply runs to the end of the text.
 */
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { INTRINSIC_TAGS } from './tags';
import { lineAround, wordAt, type IacSpot } from '../locate';
import { entryOf, jsonPath, readJson, scalarText, type JObject, type JValue } from '../tolerant-json';

/** Past this a template is not re-read on the editor thread for a hover (the default maxFileSizeKb). */
const MAX_BYTES = 1024 * 1024;

export function locateCloudFormation(text: string, offset: number, json: boolean): IacSpot | undefined {
  if (text.length > MAX_BYTES) return undefined;
  return json ? locateJson(text, offset) : locateYaml(text, offset);
}

// ---------------------------------------------------------------- JSON

function locateJson(text: string, offset: number): IacSpot | undefined {
  const root = readJson(text);
  const steps = jsonPath(root, offset);
  if (steps.length < 3 || steps[0].entry?.key !== 'Resources') return undefined;
  const idEntry = steps[1].entry, top = steps[2];
  if (!idEntry || top.container.kind !== 'object') return undefined;
  const body = top.container;
  const props = entryOf(body, 'Properties')?.value;
  const resource = { type: scalarText(entryOf(body, 'Type')?.value), name: idEntry.key, engine: scalarText(entryOf(props, 'Engine')?.value) };
  const typeEntry = top.entry;
  if (typeEntry?.key === 'Type' && typeEntry.colon !== undefined && offset > typeEntry.colon) {
    const v = typeEntry.value;
    const word = v?.kind === 'scalar' ? { text: v.text, start: v.start, end: v.end, quoted: v.quoted } : { text: '', start: offset, end: offset, quoted: false };
    return { side: 'cfn', syntax: 'json', kind: 'resourceType', resource, path: [], key: 'Type', word, offset, siblings: [] };
  }
  if (typeEntry?.key === 'Type' && offset <= typeEntry.keyEnd) {
    return { side: 'cfn', syntax: 'json', kind: 'resourceType', resource, path: [], key: 'Type', word: { text: 'Type', start: typeEntry.keyStart, end: typeEntry.keyEnd, quoted: true }, offset, siblings: [] };
  }
  if (typeEntry?.key !== 'Properties' || steps.length < 4) return undefined;
  return jsonSpot(text, steps.slice(3), offset, { side: 'cfn', resource });
}

/**
 * The spot inside a resource's property object, from the containers below it (shared with Terraform JSON). The
 * last container is where the position is; the ones above it give the path.
 */
export function jsonSpot(
  text: string, steps: ReturnType<typeof jsonPath>, offset: number, base: Pick<IacSpot, 'side' | 'resource'>,
): IacSpot | undefined {
  const path: (string | number)[] = [];
  for (const s of steps.slice(0, -1)) {
    if (s.entry) path.push(s.entry.key);
    else if (s.index !== undefined) path.push(s.index);
    else return undefined;
  }
  const last = steps[steps.length - 1];
  const spot = (kind: IacSpot['kind'], key: string, word: IacSpot['word'], siblings: string[], at = path): IacSpot =>
    ({ ...base, syntax: 'json', kind, path: at, key, word, offset, siblings });
  if (last.container.kind === 'array') {
    // An item of a list of strings: a value of the key that holds the list.
    const at = [...path];
    while (typeof at[at.length - 1] === 'number') at.pop();
    const key = at.pop();
    if (typeof key !== 'string') return undefined;
    const item = last.index === undefined ? undefined : last.container.items[last.index];
    return spot('value', key, item?.kind === 'scalar' ? { text: item.text, start: item.start, end: item.end, quoted: item.quoted } : emptyWord(text, offset), [], at);
  }
  const obj: JObject = last.container;
  const e = last.entry;
  const siblings = obj.entries.filter((x) => x !== e).map((x) => x.key);
  if (!e) return spot('key', '', emptyWord(text, offset), siblings);
  if (offset <= e.keyEnd || e.colon === undefined) {
    if (e.colon === undefined && offset > e.keyEnd + (e.quoted ? 1 : 0)) return undefined;
    return spot('key', e.key, { text: e.key, start: e.keyStart, end: e.keyEnd, quoted: e.quoted }, siblings);
  }
  if (offset <= e.colon) return undefined;
  const v: JValue | undefined = e.value;
  if (v && v.kind !== 'scalar') return undefined;
  return spot('value', e.key, v ? { text: v.text, start: v.start, end: v.end, quoted: v.quoted } : emptyWord(text, offset), siblings);
}

/** No word at the position yet: the cursor after `"Key": ` or on a fresh line. A `"` just typed opens one. */
function emptyWord(text: string, offset: number): IacSpot['word'] {
  return { text: '', start: offset, end: offset, quoted: text[offset - 1] === '"' };
}

// ---------------------------------------------------------------- YAML

interface Opener {
  kind: 'dash' | 'key';
  col: number;
  /** A key's name (unquoted), its offsets on the line, and where its value starts. */
  name?: string;
  nameStart?: number;
  nameEnd?: number;
  colon?: number;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)/;

/** The dashes and the key a block YAML line opens, with columns; content that is neither stops the list. */
function openers(line: string): Opener[] {
  const out: Opener[] = [];
  let i = 0;
  if (line.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark is no column of the first key
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length || line[i] === '#') return out;
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
      out.push({ kind: 'dash', col: i });
      i++;
      continue;
    }
    const m = KEY.exec(line.slice(i));
    if (m) {
      const raw = m[1];
      const quoted = raw[0] === '"' || raw[0] === "'";
      out.push({ kind: 'key', col: i, name: quoted ? raw.slice(1, -1) : raw, nameStart: i + (quoted ? 1 : 0), nameEnd: i + raw.length - (quoted ? 1 : 0), colon: i + m[0].length - 1 });
    } else {
      out.push({ kind: 'key', col: i }); // a scalar or a key still without its colon
    }
    return out;
  }
}

interface Lines { text: string; starts: number[] }

function splitLines(text: string): Lines {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return { text, starts };
}

function lineText(l: Lines, n: number): string {
  const end = n + 1 < l.starts.length ? l.starts[n + 1] : l.text.length;
  return l.text.slice(l.starts[n], end).replace(/\r?\n$|\r$/, '');
}

/** A holder of the position: a key (with the line it is on) or a list item. */
type Step = { key: string; line: number } | { item: number };

/**
 * The column of a line's first character, read in place (no slice, no regex): the upward scans skip every line
 * deeper than what they look for by this alone, which keeps a hover at the end of a 1 MB template cheap.
 * -1 for a blank or comment line.
 */
function indentAt(l: Lines, n: number): number {
  const t = l.text, end = n + 1 < l.starts.length ? l.starts[n + 1] : t.length;
  // Columns as `openers` counts them: from the line's start, a byte-order mark included.
  let i = l.starts[n] + (n === 0 && t.charCodeAt(0) === 0xfeff ? 1 : 0);
  while (i < end && (t[i] === ' ' || t[i] === '\t')) i++;
  return i >= end || t[i] === '\n' || t[i] === '\r' || t[i] === '#' ? -1 : i - l.starts[n];
}

interface Found { line: number; ops: Opener[]; at: number }

/**
 * The keys and list items holding the opener `own[own.length - 1]` of line `lineNo`, outermost first: the dashes
 * before it on its line, then whatever holds the first opener of a line, read upwards by indentation.
 */
function parentsOf(l: Lines, lineNo: number, own: Opener[]): Step[] {
  const out: Step[] = [];
  let here: Found = { line: lineNo, ops: own, at: own.length - 1 };
  for (let guard = 0; guard < 10_000; guard++) {
    const me = here.ops[here.at];
    const holder = here.at > 0 ? { ...here, at: here.at - 1 } : parentAbove(l, here.line, me.col, me.kind === 'dash');
    if (!holder) return out;
    const h = holder.ops[holder.at];
    if (h.kind === 'dash') out.unshift({ item: itemIndex(l, holder.line, h.col) });
    else if (h.name !== undefined) out.unshift({ key: h.name, line: holder.line });
    else return out;
    here = holder;
  }
  return out;
}

/** The nearest opener above at a smaller column (a key at the same column may hold a dash: `Key:\n- item`). */
function parentAbove(l: Lines, lineNo: number, col: number, dash: boolean): Found | undefined {
  for (let n = lineNo - 1; n >= 0; n--) {
    const ind = indentAt(l, n);
    if (ind < 0 || ind > col || (ind === col && !dash)) continue;
    const ops = openers(lineText(l, n));
    for (let i = ops.length - 1; i >= 0; i--) {
      const o = ops[i];
      if (o.col < col) return { line: n, ops, at: i };
      if (dash && o.col === col && o.kind === 'key' && i === ops.length - 1 && !hasInlineValue(l, n, o)) return { line: n, ops, at: i };
    }
  }
  return undefined;
}

function hasInlineValue(l: Lines, n: number, o: Opener): boolean {
  if (o.colon === undefined) return true;
  return lineText(l, n).slice(o.colon + 1).replace(/#.*$/, '').trim() !== '';
}

/** Which item of its list the dash at `col` on `lineNo` is: the dashes at that column above it, up to the list's holder. */
function itemIndex(l: Lines, lineNo: number, col: number): number {
  let count = 0;
  for (let n = lineNo - 1; n >= 0; n--) {
    const ind = indentAt(l, n);
    if (ind < 0 || ind > col) continue;
    const ops = openers(lineText(l, n));
    if (!ops.length || ops[0].col > col) continue;
    if (ops[0].col < col || ops[0].kind !== 'dash') return count;
    count++;
  }
  return count;
}

function locateYaml(text: string, offset: number): IacSpot | undefined {
  const l = splitLines(text);
  const { start: ls, end: le } = lineAround(text, offset);
  let lineNo = 0;
  for (let lo = 0, hi = l.starts.length - 1; lo <= hi;) {
    const mid = (lo + hi) >> 1;
    if (l.starts[mid] <= ls) { lineNo = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const line = text.slice(ls, le);
  const col = offset - ls;
  const ops = openers(line);
  // The opener the position is in: the last one starting at or before it; on a blank line, a key about to be typed
  // at the cursor's column.
  let at = -1;
  for (let i = 0; i < ops.length; i++) if (ops[i].col <= col) at = i;
  if (at < 0 && ops.length) return undefined; // in the indentation of a written line
  const own: Opener[] = at < 0 ? [{ kind: 'key', col }] : ops.slice(0, at + 1);
  const me = own[own.length - 1];
  const steps = parentsOf(l, lineNo, own);
  if (steps.length < 2 || !('key' in steps[0]) || steps[0].key !== 'Resources' || !('key' in steps[1])) return undefined;
  const name = steps[1].key;
  // Only the resource's own lines go through the `yaml` parser: what it is asked (the type, the engine, the keys at
  // a level) lies there, and a whole 1 MB template would cost hundreds of milliseconds on the editor's thread.
  const doc = parseDocument(resourceText(l, steps[1].line), { customTags: INTRINSIC_TAGS, uniqueKeys: false, prettyErrors: false });
  const resourceType = stringIn(doc, [name, 'Type']) ?? typeByText(l, lineNo, name);
  const resource = { type: resourceType, name, engine: stringIn(doc, [name, 'Properties', 'Engine']) };
  const rest = steps.slice(2).map((s) => ('key' in s ? s.key : s.item));
  const valueWord = (o: Opener) => yamlValueWord(text, le, ls + o.colon! + 1, offset);
  if (me.kind === 'key' && me.name !== undefined && me.colon !== undefined && col > me.colon) {
    // A value. `Type:` at the resource's level is the resource type.
    if (rest.length === 0 && me.name === 'Type') return { side: 'cfn', syntax: 'yaml', kind: 'resourceType', resource, path: [], key: 'Type', word: valueWord(me), offset, siblings: [] };
    if (rest[0] !== 'Properties') return undefined;
    const path = rest.slice(1);
    return { side: 'cfn', syntax: 'yaml', kind: 'value', resource, path, key: me.name, word: valueWord(me), offset, siblings: keysIn(doc, [name, 'Properties', ...path], me.name) };
  }
  const dashed = me.kind === 'dash' ? me : me.name === undefined && own[own.length - 2]?.kind === 'dash' ? own[own.length - 2] : undefined;
  if (dashed) {
    // A list item being typed (`- sg-123`): a value of the key holding the list (or, in a list of objects, a key
    // of the item: the engine decides from the schema, knowing the item's index).
    if (rest[0] !== 'Properties') return undefined;
    const path = rest.slice(1);
    const item = me === dashed ? undefined : path.pop();
    const key = path.pop();
    if (typeof key !== 'string') return undefined;
    return { side: 'cfn', syntax: 'yaml', kind: 'value', resource, path, key, word: yamlValueWord(text, le, ls + dashed.col + 1, offset), offset, siblings: [], item: typeof item === 'number' ? item : 0 };
  }
  const w = wordAt(text, offset, ls, le, /[A-Za-z0-9_:]/);
  const word = { text: text.slice(w.start, w.end), start: w.start, end: w.end, quoted: false };
  if (rest.length === 0 && word.text === 'Type') return { side: 'cfn', syntax: 'yaml', kind: 'resourceType', resource, path: [], key: 'Type', word, offset, siblings: [] };
  if (rest[0] !== 'Properties' || rest.length < 1) return undefined;
  const path = rest.slice(1);
  // A key: written (`CacheNodeType:`), half-typed (`Cach`), or about to be typed on a blank line.
  if (me.name !== undefined) { word.text = me.name; word.start = ls + me.nameStart!; word.end = ls + me.nameEnd!; }
  return { side: 'cfn', syntax: 'yaml', kind: 'key', resource, path, key: word.text, word, offset, siblings: keysIn(doc, [name, 'Properties', ...path], word.text) };
}

/** A resource's lines: its logical id's line to the next line as shallow (the next resource, or section). */
function resourceText(l: Lines, head: number): string {
  const indent = indentAt(l, head);
  let end = head + 1;
  while (end < l.starts.length) {
    const ind = indentAt(l, end);
    if (ind >= 0 && ind <= indent) break;
    end++;
  }
  return l.text.slice(l.starts[head], end < l.starts.length ? l.starts[end] : l.text.length);
}

/** The scalar after a key's colon on its line, without a comment or quotes. */
function yamlValueWord(text: string, le: number, from: number, offset: number): IacSpot['word'] {
  let s = from;
  while (s < le && (text[s] === ' ' || text[s] === '\t')) s++;
  const rest = text.slice(s, le);
  const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : undefined;
  if (quote) {
    const close = rest.indexOf(quote, 1);
    const end = close < 0 ? le : s + close;
    return { text: text.slice(s + 1, end), start: s + 1, end, quoted: true };
  }
  if (s > offset) return { text: '', start: offset, end: offset, quoted: false };
  const comment = rest.search(/\s#/);
  let end = comment < 0 ? le : s + comment;
  while (end > s && /\s/.test(text[end - 1])) end--;
  return { text: text.slice(s, end), start: s, end: Math.max(end, s), quoted: false };
}

function stringIn(doc: Document, path: (string | number)[]): string | undefined {
  try {
    const v = doc.getIn(path, true);
    return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  } catch {
    return undefined; // a scalar where the path expects a collection
  }
}

/** Keys written in the mapping at a path, but the one being typed. */
function keysIn(doc: Document, path: (string | number)[], own: string): string[] {
  try {
    const v = doc.getIn(path, true);
    if (!isMap(v)) return [];
    // A half-typed key runs into the next line's (`Trans\n Port: 1` reads as the key `Trans Port`): the last word is the written key.
    return v.items.map((p) => (isScalar(p.key) ? String(p.key.value).split(/\s+/).pop()! : '')).filter((k) => k && k !== own);
  } catch {
    return [];
  }
}

/** `Type:` of a resource read from its lines, when the Document could not read it (the type is half-typed). */
function typeByText(l: Lines, lineNo: number, name: string): string | undefined {
  let head = -1;
  for (let n = lineNo; n >= 0; n--) {
    const ops = openers(lineText(l, n));
    if (ops[0]?.kind === 'key' && ops[0].name === name) { head = n; break; }
  }
  if (head < 0) return undefined;
  const indent = openers(lineText(l, head))[0].col;
  for (let n = head + 1; n < l.starts.length; n++) {
    const t = lineText(l, n);
    const ops = openers(t);
    if (!ops.length) continue;
    if (ops[0].col <= indent) return undefined;
    if (ops[0].name === 'Type' && ops[0].colon !== undefined) return t.slice(ops[0].colon + 1).replace(/#.*$/, '').trim().replace(/^["']|["']$/g, '') || undefined;
  }
  return undefined;
}
