/**
 * Client constructions in full: the options they state (with where each value comes from), whether the reader
 * can see all of them, the lifetime, the name the client is bound and exported as; and, for call sites, which
 * construction of this file their receiver provably is.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { LineIndex } from '../../../engine/text';
import type { ClientConstruction } from '../../../model/code';
import type { Decl } from './declarations';
import type { Receivers } from './receivers';
import type { CallPlace, Positions } from './position';
import type { Value } from './values';
import { CLIENT_COPIES, CLIENT_PASSTHROUGH } from '../core/adapters/node';
import { OptionsReader } from './construction-options';
import { Exports } from './export-names';
import { Lifetimes } from './lifetime';
import { Provenances } from './provenance';
import { CLASS_TYPES, FUNCTION_TYPES, memberCall, unwrap } from './syntax';

const MAX_DEPTH = 32;

export class Constructions {
  private readonly options: OptionsReader;
  private readonly lifetimes: Lifetimes;
  private readonly exports: Exports;
  private exportedDecls: Set<Decl> | undefined;
  /** Construction node id → its index in the file's clients. */
  private readonly indexOf = new Map<number, number>();
  private readonly originMemo = new Map<number, Set<number> | null>();
  private readonly busy = new Set<number>();

  constructor(root: Node, private readonly positions: Positions, private readonly receivers: Receivers, private readonly lines: LineIndex, private readonly path: string) {
    const values = new Provenances(receivers.decls, positions);
    this.options = new OptionsReader(values, lines);
    this.exports = new Exports(root);
    this.lifetimes = new Lifetimes(positions, receivers.decls, this.exports, lines, path);
  }

  /** The construction `n` makes, to be the `index`-th client of the file. */
  read(n: Node, built: Value, at: CallPlace, index: number): ClientConstruction {
    this.indexOf.set(n.id, index);
    const copy = memberCall(n) !== undefined && CLIENT_COPIES.has(memberCall(n)!.property.text);
    const { options, opaque } = this.options.read(n, { library: built.library, cluster: built.cluster, copy });
    const bound = boundTo(n, at);
    const args = n.childForFieldName('arguments');
    const out: ClientConstruction = {
      client: { library: built.library, cluster: built.cluster, receiverText: bound ?? n.text },
      range: this.range(n), ...(args ? { argsRange: this.range(args) } : {}),
      scopeId: this.positions.scopeIdOf(n, this.path), inLoop: at.place.inLoop,
      ...(bound !== undefined ? { boundTo: bound } : {}),
      ...(this.isExported(n, at) ? { exported: true } : {}),
      lifetime: this.lifetimes.of(n, at), options, opaque,
    };
    // The legacy alias keeps the literal URL only, as before.
    if (options.url?.value !== undefined) out.url = { value: options.url.value, range: options.url.range };
    return out;
  }

  /**
   * The construction a receiver expression denotes, when every binding that reaches it is that one construction
   * of this file (`redis`, `this.client`, `getClient()`, `await createClient().connect()`).
   */
  origin(receiver: Node): number | undefined {
    const found = this.trace(receiver, 0);
    if (!found || found.size !== 1) return undefined;
    const [id] = found;
    return this.indexOf.get(id);
  }

  private trace(node: Node, depth: number): Set<number> | undefined {
    const n = unwrap(node);
    if (this.originMemo.has(n.id)) return this.originMemo.get(n.id) ?? undefined;
    if (depth > MAX_DEPTH || this.busy.has(n.id)) return undefined;
    this.busy.add(n.id);
    const r = this.computeTrace(n, depth + 1);
    this.busy.delete(n.id);
    this.originMemo.set(n.id, r ?? null);
    return r;
  }

  private computeTrace(n: Node, depth: number): Set<number> | undefined {
    if (this.indexOf.has(n.id)) return new Set([n.id]);
    switch (n.type) {
      case 'await_expression': return n.namedChildren[0] ? this.trace(n.namedChildren[0], depth) : undefined;
      case 'identifier': return this.fromDecl(this.receivers.decls.resolve(n), depth);
      case 'member_expression': return n.childForFieldName('object')?.type === 'this' ? this.fromDecl(this.receivers.decls.thisMember(n), depth) : undefined;
      case 'assignment_expression': { const r = n.childForFieldName('right'); return r ? this.trace(r, depth) : undefined; }
      case 'call_expression': {
        const m = memberCall(n);
        if (m) return CLIENT_PASSTHROUGH.has(m.property.text) ? this.trace(m.object, depth) : undefined;
        const fn = n.childForFieldName('function');
        const local = fn?.type === 'identifier' ? this.receivers.decls.functionOf(fn) : undefined;
        return local ? this.returned(local, depth) : undefined;
      }
      default: return undefined;
    }
  }

  private fromDecl(decl: Decl | undefined, depth: number): Set<number> | undefined {
    if (!decl || decl.binding || decl.elements?.length) return undefined;
    const sources = decl.sources.filter((s) => !isPlaceholder(s));
    if (!sources.length) return undefined;
    const out = new Set<number>();
    for (const s of sources) {
      const r = this.trace(s, depth);
      if (!r) return undefined;
      for (const id of r) out.add(id);
    }
    return out;
  }

  /** A getter's returns (`return client`, `return this.c ??= new Redis()`): every one must trace. */
  private returned(fn: Node, depth: number): Set<number> | undefined {
    const body = fn.childForFieldName('body');
    if (!body) return undefined;
    if (body.type !== 'statement_block') return this.trace(body, depth);
    const out = new Set<number>();
    const stack: Node[] = [body];
    let any = false;
    while (stack.length) {
      const s = stack.pop()!;
      if (s.type === 'return_statement') {
        const v = s.namedChildren[0];
        const r = v ? this.trace(v, depth) : undefined;
        if (!r) return undefined;
        any = true;
        for (const id of r) out.add(id);
      }
      for (const c of s.namedChildren) if (c && !FUNCTION_TYPES.has(c.type) && !CLASS_TYPES.has(c.type)) stack.push(c);
    }
    return any ? out : undefined;
  }

  /** `export const r = new Redis()`, `export default new Redis()`, `module.exports = r`, `exports.r = …`, `export { r }`. */
  private isExported(n: Node, at: CallPlace): boolean {
    if (n.parent?.type === 'export_statement') return true;
    const target = at.target;
    if (target?.type === 'variable_declarator') {
      if (target.parent?.parent?.type === 'export_statement') return true;
      const name = target.childForFieldName('name');
      return name?.type === 'identifier' && this.exported().has(this.receivers.decls.resolve(name)!);
    }
    if (target?.type === 'assignment_expression') {
      if (this.exports.assigned(target)) return true;
      const left = target.childForFieldName('left');
      return left?.type === 'identifier' && this.exported().has(this.receivers.decls.resolve(left)!);
    }
    return false;
  }

  private exported(): Set<Decl> {
    if (!this.exportedDecls) {
      this.exportedDecls = new Set();
      for (const id of this.exports.ids) { const d = this.receivers.decls.resolve(id); if (d) this.exportedDecls.add(d); }
    }
    return this.exportedDecls;
  }

  private range(n: Node) {
    return this.lines.range(n.startIndex, n.endIndex);
  }
}

/** `const redis = new Redis()` → `redis`; `this.client = createClient()` → `this.client`; `client ??= …` → `client`. */
function boundTo(n: Node, at: CallPlace): string | undefined {
  const p = at.target;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p?.type === 'assignment_expression') return p.childForFieldName('left')?.text;
  if (p?.type === 'public_field_definition' || p?.type === 'field_definition') return `this.${(p.childForFieldName('name') ?? p.childForFieldName('property'))?.text}`;
  let up = n.parent;
  while (up && (up.type === 'await_expression' || up.type === 'parenthesized_expression')) up = up.parent;
  if (up?.type === 'augmented_assignment_expression') return up.childForFieldName('left')?.text;
  return undefined;
}

function isPlaceholder(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'null' || u.type === 'undefined' || (u.type === 'identifier' && u.text === 'undefined');
}
