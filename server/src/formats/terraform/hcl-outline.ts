/**
 * The outline of an HCL file as it is being typed: blocks (with their labels and the offsets of `{` and `}`),
 * attributes (name, `=`, the value's extent, and its text when a plain string), and half-typed lines (a name with
 * no `=` yet, a `resource "aws_ela` with no `{`). A block not closed yet runs to the end of the text; a string not
 * closed ends at its line. Expressions are skipped over by bracket depth, strings, heredocs and comments: the
 * outline says where things are, never what an expression means.
 */

export interface HLabel { text: string; start: number; end: number; quoted: boolean }

export interface HBlock {
  /** The block type then its labels, decoded (`['resource', 'aws_elasticache_replication_group', 'x']`). */
  words: string[];
  labels: HLabel[];
  start: number;
  /** Where the header ends when it has no `{` yet. */
  headerEnd: number;
  /** Offsets of `{` and `}`; `close` undefined while the block is open. */
  open?: number;
  close?: number;
  /** An attribute whose value is an object (`tags = { … }`): a level of keys too, but not a repeated block. */
  object?: boolean;
  attrs: HAttr[];
  blocks: HBlock[];
}

export interface HAttr {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Offset of `=`; undefined while the name is all there is. */
  eq?: number;
  valueStart?: number;
  valueEnd?: number;
  /** The value's text when it is one plain string literal (`"valkey"`), quotes off. */
  value?: string;
  /** The value is a list (`[…]`). */
  list?: boolean;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;

export function outline(text: string): HBlock {
  const root: HBlock = { words: [], labels: [], start: 0, headerEnd: 0, open: -1, attrs: [], blocks: [] };
  const o = new Outliner(text);
  if (text.charCodeAt(0) === 0xfeff) o.i = 1; // a byte-order mark before the first block
  o.body(root, 0);
  root.close = undefined;
  return root;
}

/** Nesting past this is not a template anyone writes; the rest is skipped rather than risk the stack. */
const MAX_DEPTH = 64;

class Outliner {
  i = 0;
  /** Interpolations open (`"${"${…`): each one recurses, so past MAX_DEPTH a `${` is read as plain text. */
  private interpolations = 0;
  constructor(private readonly t: string) {}

  /** Statements until this block's `}` or the end of the text. */
  body(block: HBlock, depth: number): void {
    const t = this.t;
    while (this.i < t.length) {
      this.blank(true);
      const c = t[this.i];
      if (c === undefined) return;
      if (c === '}') {
        if (depth === 0) { this.i++; continue; } // a stray `}` at the top level closes nothing
        block.close = this.i++;
        return;
      }
      if (!IDENT_START.test(c) || depth > MAX_DEPTH) {
        const from = this.i;
        this.expression();
        this.skipEnd();
        // A stray `)` or `]` ends an expression where it starts: step over it, or the loop would stand still.
        if (this.i === from) this.i++;
        continue;
      }
      const nameStart = this.i;
      while (this.i < t.length && IDENT.test(t[this.i])) this.i++;
      const name = t.slice(nameStart, this.i);
      this.blank(false);
      if ((t[this.i] === '=' && t[this.i + 1] !== '=') || (block.object && t[this.i] === ':')) {
        const a: HAttr = { name, nameStart, nameEnd: nameStart + name.length, eq: this.i++ };
        this.blank(false);
        if (t[this.i] === '{') {
          const obj: HBlock = { words: [name], labels: [], start: nameStart, headerEnd: this.i, open: this.i++, object: true, attrs: [], blocks: [] };
          block.blocks.push(obj);
          this.body(obj, depth + 1);
          continue;
        }
        a.valueStart = this.i;
        a.list = t[this.i] === '[';
        const str = this.plainString();
        if (str !== undefined) a.value = str;
        else this.i = a.valueStart;
        this.expression();
        a.valueEnd = this.trimEnd(a.valueStart, this.i);
        block.attrs.push(a);
        this.skipEnd();
        continue;
      }
      // A block header: labels then `{` — or a line still being typed.
      const labels: HLabel[] = [];
      for (;;) {
        if (t[this.i] === '"') {
          const start = this.i + 1;
          const s = this.quoted();
          labels.push({ text: s, start, end: this.i - (t[this.i - 1] === '"' && this.i - 1 >= start ? 1 : 0), quoted: true });
        } else if (IDENT_START.test(t[this.i] ?? '')) {
          const start = this.i;
          while (this.i < t.length && IDENT.test(t[this.i])) this.i++;
          labels.push({ text: t.slice(start, this.i), start, end: this.i, quoted: false });
        } else break;
        this.blank(false);
      }
      const b: HBlock = { words: [name, ...labels.map((l) => l.text)], labels, start: nameStart, headerEnd: this.i, attrs: [], blocks: [] };
      if (t[this.i] === '{') {
        b.open = this.i++;
        block.blocks.push(b);
        this.body(b, depth + 1);
        continue;
      }
      if (labels.length) block.blocks.push(b);
      else block.attrs.push({ name, nameStart, nameEnd: nameStart + name.length });
      this.expression();
      this.skipEnd();
    }
  }

  /** Spaces and comments; line breaks too when `lines`. */
  blank(lines: boolean): void {
    const t = this.t;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || (lines && (c === '\n' || c === '\r' || c === ','))) this.i++;
      else if (c === '#' || (c === '/' && t[this.i + 1] === '/')) { while (this.i < t.length && t[this.i] !== '\n') this.i++; }
      else if (c === '/' && t[this.i + 1] === '*') { const e = t.indexOf('*/', this.i + 2); this.i = e < 0 ? t.length : e + 2; }
      else return;
    }
  }

  skipEnd(): void {
    this.blank(false);
    if (this.t[this.i] === '\n' || this.t[this.i] === '\r' || this.t[this.i] === ',') this.i++;
  }

  /** A whole plain string literal and nothing after it on the line, or undefined (position unchanged then). */
  plainString(): string | undefined {
    if (this.t[this.i] !== '"') return undefined;
    const start = this.i;
    const s = this.quoted();
    if (/\$\{|%\{/.test(this.t.slice(start, this.i))) return undefined;
    const save = this.i;
    this.blank(false);
    const c = this.t[this.i];
    this.i = save;
    return c === undefined || c === '\n' || c === '\r' || c === '}' || c === ',' ? s : undefined;
  }

  /** A quoted string from its `"`: to the closing quote, or the end of the line. Interpolations are skipped whole. */
  quoted(): string {
    const t = this.t;
    this.i++;
    let out = '';
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '"') { this.i++; return out; }
      if (c === '\n' || c === '\r') return out;
      if (c === '\\') { out += t.slice(this.i, this.i + 2); this.i += 2; continue; }
      if ((c === '$' || c === '%') && t[this.i + 1] === '{' && this.interpolations < MAX_DEPTH) {
        const from = this.i;
        this.i += 2;
        this.interpolations++;
        this.expression(true);
        this.interpolations--;
        if (t[this.i] === '}') this.i++;
        out += t.slice(from, this.i);
        continue;
      }
      out += c;
      this.i++;
    }
    return out;
  }

  /**
   * Over an expression to the end of its line at bracket depth 0 (a `}` there closes the enclosing block and is
   * left for it). `inside`: within `${…}`, stop at its closing brace.
   */
  expression(inside = false): void {
    const t = this.t;
    let depth = 0;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '"') { this.quoted(); continue; }
      if (c === '#' || (c === '/' && t[this.i + 1] === '/')) { while (this.i < t.length && t[this.i] !== '\n' && t[this.i] !== '\r') this.i++; continue; }
      if (c === '/' && t[this.i + 1] === '*') { const e = t.indexOf('*/', this.i + 2); this.i = e < 0 ? t.length : e + 2; continue; }
      if (c === '<' && t[this.i + 1] === '<' && /[-A-Za-z_]/.test(t[this.i + 2] ?? '')) { this.heredoc(); continue; }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
      } else if ((c === '\n' || c === '\r') && depth === 0 && !inside) return;
      this.i++;
    }
  }

  /** `<<EOF` / `<<-EOF` to the line holding only its marker. */
  heredoc(): void {
    const t = this.t;
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)/.exec(t.slice(this.i, this.i + 80));
    if (!m) { this.i += 2; return; }
    const marker = m[1];
    let n = t.indexOf('\n', this.i);
    while (n >= 0) {
      const end = t.indexOf('\n', n + 1);
      const line = t.slice(n + 1, end < 0 ? t.length : end).trim();
      if (line === marker) { this.i = end < 0 ? t.length : end; return; }
      n = end;
    }
    this.i = t.length;
  }

  trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.t[end - 1])) end--;
    return end;
  }
}
