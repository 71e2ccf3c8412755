/**
 * A JSON reader that never fails, for locating a position in a template being typed (CloudFormation JSON,
 * Terraform JSON): an object not closed yet ends at the end of the text, a string not closed ends at its line's
 * end (JSON strings hold no line breaks), a bare word is a key or a value being typed. Validity is not its
 * business: analysis reads files with the strict readers and reports their errors.
 */

export interface JObject { kind: 'object'; start: number; end: number; closed: boolean; entries: JEntry[] }
export interface JArray { kind: 'array'; start: number; end: number; closed: boolean; items: JValue[] }
export interface JScalar { kind: 'scalar'; start: number; end: number; text: string; quoted: boolean }
export type JValue = JObject | JArray | JScalar;

export interface JEntry {
  key: string;
  /** The key's offsets inside its quotes. */
  keyStart: number;
  keyEnd: number;
  quoted: boolean;
  /** Offset of the `:`; undefined while the key has none yet. */
  colon?: number;
  value?: JValue;
}

/** Deeper than any template; past it the rest reads as one scalar rather than risk the stack. */
const MAX_DEPTH = 256;

export function readJson(text: string): JValue | undefined {
  const r = new Reader(text);
  r.space();
  return r.i < text.length ? r.value(0) : undefined;
}

class Reader {
  i = 0;
  constructor(private readonly t: string) {}

  space(): void {
    const t = this.t;
    for (let c = t.charCodeAt(this.i); c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff || (c > 127 && /\s/.test(t[this.i])); c = t.charCodeAt(++this.i));
  }

  value(depth: number): JValue {
    const c = this.t[this.i];
    if (depth < MAX_DEPTH && c === '{') return this.object(depth);
    if (depth < MAX_DEPTH && c === '[') return this.array(depth);
    if (c === '"') return this.string();
    const start = this.i;
    while (this.i < this.t.length && !/[\s,:{}[\]"]/.test(this.t[this.i])) this.i++;
    if (this.i === start) this.i++; // a stray `:` or bracket past the depth cap: step over it
    return { kind: 'scalar', start, end: this.i, text: this.t.slice(start, this.i), quoted: false };
  }

  string(): JScalar {
    const open = this.i++;
    // Most strings hold no escape: one slice then, not a character at a time.
    const t = this.t;
    let j = this.i;
    for (let c = t.charCodeAt(j); j < t.length && c !== 34 && c !== 92 && c !== 10 && c !== 13; c = t.charCodeAt(++j));
    if (t.charCodeAt(j) === 34) {
      this.i = j + 1;
      return { kind: 'scalar', start: open + 1, end: j, text: t.slice(open + 1, j), quoted: true };
    }
    let out = '';
    while (this.i < this.t.length) {
      const c = this.t[this.i];
      if (c === '"') { this.i++; return { kind: 'scalar', start: open + 1, end: this.i - 1, text: out, quoted: true }; }
      if (c === '\n' || c === '\r') break;
      if (c === '\\' && this.i + 1 < this.t.length) {
        const e = this.t[this.i + 1];
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'u' ? String.fromCharCode(parseInt(this.t.slice(this.i + 2, this.i + 6), 16) || 0) : e;
        this.i += e === 'u' ? 6 : 2;
        continue;
      }
      out += c;
      this.i++;
    }
    return { kind: 'scalar', start: open + 1, end: this.i, text: out, quoted: true };
  }

  object(depth: number): JObject {
    const node: JObject = { kind: 'object', start: this.i++, end: this.t.length, closed: false, entries: [] };
    for (;;) {
      this.space();
      const c = this.t[this.i];
      if (c === undefined) return node;
      if (c === '}') { node.end = ++this.i; node.closed = true; return node; }
      if (c === ']') return node; // an array closing round an object left open
      if (c === ',') { this.i++; continue; }
      const key = c === '"' ? this.string() : this.value(MAX_DEPTH);
      if (key.kind !== 'scalar') continue;
      const entry: JEntry = { key: key.text, keyStart: key.start, keyEnd: key.end, quoted: key.quoted };
      node.entries.push(entry);
      this.space();
      if (this.t[this.i] !== ':') continue;
      entry.colon = this.i++;
      this.space();
      const v = this.t[this.i];
      if (v !== undefined && v !== ',' && v !== '}' && v !== ']') entry.value = this.value(depth + 1);
    }
  }

  array(depth: number): JArray {
    const node: JArray = { kind: 'array', start: this.i++, end: this.t.length, closed: false, items: [] };
    for (;;) {
      this.space();
      const c = this.t[this.i];
      if (c === undefined) return node;
      if (c === ']') { node.end = ++this.i; node.closed = true; return node; }
      if (c === '}') return node;
      if (c === ',') { this.i++; continue; }
      node.items.push(this.value(depth + 1));
    }
  }
}

/** The entry of an object by key (the last one, as JSON readers keep). */
export function entryOf(node: JValue | undefined, key: string): JEntry | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i];
  return undefined;
}

/** A plain string value, or undefined. */
export function scalarText(node: JValue | undefined): string | undefined {
  return node?.kind === 'scalar' && node.quoted ? node.text : undefined;
}

/** Where an offset is inside a JSON value: the containers from the outside in, and the entry or item it touches. */
export interface JsonStep { container: JObject | JArray; entry?: JEntry; index?: number }

/**
 * The chain of containers holding `offset`, outermost first. A position just after a value's last character
 * (the cursor at the end of a word being typed) counts as inside it.
 */
export function jsonPath(root: JValue | undefined, offset: number): JsonStep[] {
  const steps: JsonStep[] = [];
  let node = root;
  // Inside a container is after its opening bracket and before its closing one (or anywhere on, when open).
  const inside = (n: JObject | JArray) => n.start < offset && (n.closed ? offset < n.end : offset <= n.end);
  while (node && node.kind !== 'scalar' && inside(node)) {
    if (node.kind === 'object') {
      // A key with its colon but no value yet reaches to the next key (or the end): the value is being typed there.
      const o = node;
      const reach = (e: JEntry, i: number) => e.value?.end ?? (e.colon === undefined ? e.keyEnd : (o.entries[i + 1]?.keyStart ?? o.end + 1) - 1);
      const entry = node.entries.find((e, i) => e.keyStart <= offset && offset <= reach(e, i));
      steps.push({ container: node, entry });
      node = entry?.value;
    } else {
      const index = node.items.findIndex((v) => v.start <= offset && offset <= v.end);
      steps.push({ container: node, index: index < 0 ? undefined : index });
      node = index < 0 ? undefined : node.items[index];
    }
  }
  return steps;
}
