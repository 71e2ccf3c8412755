/**
 * Receiver resolution: decides which expressions denote a Redis client (or a pipeline/MULTI queued on one), so
 * that `Object.keys(x)`, `map.set(k, v)` or a local that shadows a client never become call sites.
 *
 * Declarations are recorded up front (see `Declarations`); values are then computed on demand and memoised, so a
 * function may use a client declared further down the module.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { ClientLibrary } from '../../../model/code';
import type { Binding } from './imports';
import type { Positions } from './position';
import { BATCH_TERMINALS, CLIENT_COPIES, CLIENT_PASSTHROUGH, commandForMethod } from '../core/adapters/node';
import { arrayMethodValue } from './arrays';
import { Declarations, type Decl } from './declarations';
import { CLASS_TYPES, FUNCTION_TYPES, memberCall, unwrap } from './syntax';
import { typeValue, type TypeContext } from './type-annotations';
import type { Resolved, Value } from './values';

/** How deep value resolution may recurse (nested `??`, `await`, call chains not resolved innermost first). */
const MAX_DEPTH = 400;

export class Receivers {
  /** Also read by the argument reader, for names bound to constant strings. */
  readonly decls: Declarations;
  private readonly types: TypeContext;
  private readonly memo = new Map<number, Resolved | undefined>();
  /** Per declaration and per function, since many references share one declaration and many calls one function. */
  private readonly declMemo = new Map<Decl, Resolved | undefined>();
  private readonly returnMemo = new Map<number, Resolved | undefined>();
  private readonly busy = new Set<number>();
  private depth = 0;
  /** Times the cycle guard answered for a node still being resolved: what was computed meanwhile depends on it. */
  private cycles = 0;
  /**
   * The node at which the resolution under way reached `MAX_DEPTH`. Until the stack has unwound, nothing more is
   * computed or remembered: every frame still open depends on the node that was cut off.
   */
  private cut: Node | undefined;

  /** `nodes`: every node of a `DECLARING_TYPES` type in the module. */
  constructor(nodes: Node[], imports: Map<string, Binding>, private readonly positions: Positions) {
    this.decls = new Declarations(nodes, imports, positions);
    this.types = { imports, aliases: this.decls.typeAliases, returnOf: (id) => this.invoked(id), valueOf: (n) => this.value(n) };
  }

  /** The client or batch an expression denotes, if any. */
  valueOf(node: Node): Value | undefined {
    const v = this.resolveFully(node);
    return v?.kind === 'array' ? undefined : v;
  }

  /** What an identifier's declaration binds from a client library (class, factory, module). */
  bindingOf(id: Node): Binding | undefined {
    return id.type === 'identifier' ? this.decls.resolve(id)?.binding : undefined;
  }

  /**
   * Resolution recurses, and a chain of dependencies (`f1` returns `f0()`, `f2` returns `f1()` …) can be longer than
   * the stack allows. Where it reaches `MAX_DEPTH`, the node it stopped at is resolved first on a fresh stack, then
   * the node asked for again: each node is resolved once, so a chain costs its length rather than its length times
   * the depth limit, and a lattice of shared references is not re-explored path by path.
   */
  private resolveFully(node: Node): Resolved | undefined {
    const pending = [unwrap(node)];
    const queued = new Set([pending[0].id]);
    for (;;) {
      const top = pending[pending.length - 1];
      const v = this.value(top);
      const cut = this.cut;
      this.cut = undefined;
      if (!cut) {
        pending.pop();
        if (!pending.length) return v;
      } else if (queued.has(cut.id)) {
        // A cycle longer than the depth limit: too deep to tell, and remembered so.
        for (const p of pending) this.memo.set(p.id, undefined);
        return undefined;
      } else {
        queued.add(cut.id);
        pending.push(cut);
      }
    }
  }

  /** What an expression denotes, arrays of clients included. */
  private value(node: Node): Resolved | undefined {
    const n = unwrap(node);
    if (this.memo.has(n.id)) return this.memo.get(n.id);
    if (this.cut) return undefined;
    if (this.busy.has(n.id)) { this.cycles++; return undefined; }
    if (this.depth >= MAX_DEPTH) { this.cut = n; return undefined; }
    this.busy.add(n.id);
    this.depth++;
    const v = this.compute(n);
    this.depth--;
    this.busy.delete(n.id);
    if (!this.cut) this.memo.set(n.id, v);
    return v;
  }

  /**
   * `compute`'s answer, remembered under `key` unless it was cut off or crossed a cycle (a node's own answer may
   * depend on where the cycle was entered; a shared one must not).
   */
  private shared<K>(memo: Map<K, Resolved | undefined>, key: K, compute: () => Resolved | undefined): Resolved | undefined {
    if (memo.has(key)) return memo.get(key);
    const cycles = this.cycles;
    const v = compute();
    if (!this.cut && this.cycles === cycles) memo.set(key, v);
    return v;
  }

  private declValue(decl: Decl | undefined): Resolved | undefined {
    if (!decl) return undefined;
    return this.shared(this.declMemo, decl, () => {
      // The precision policy Python's resolver follows: a name is a client only when every value assigned to it
      // is one, and the same (`let c = new Redis(); c = new Map()` is no client). `null`/`undefined` placeholders
      // of a lazily built client (`let client = null; … client = createClient()`) do not count against it.
      let agreed: Resolved | undefined;
      for (const s of decl.sources) {
        if (isPlaceholder(s)) continue;
        const v = this.value(s);
        if (!v || (agreed && !sameClient(agreed, v))) return undefined;
        agreed ??= v;
      }
      if (agreed) return agreed;
      for (const e of decl.elements ?? []) { const v = this.value(e); if (v?.kind === 'array') return v.element; }
      for (const t of decl.types) { const v = typeValue(t, this.types); if (v) return v; }
      return undefined;
    });
  }

  private compute(n: Node): Resolved | undefined {
    switch (n.type) {
      case 'identifier': return this.declValue(this.decls.resolve(n));
      case 'await_expression': return n.namedChildren[0] ? this.value(n.namedChildren[0]) : undefined;
      case 'member_expression': return this.declValue(this.decls.thisMember(n));
      case 'new_expression': return this.constructed(n);
      case 'call_expression': return this.called(n);
      case 'subscript_expression': {
        // `cluster.nodes('master')[0]`; a string index (`nodes['length']`) is not an element.
        const index = n.childForFieldName('index');
        const obj = n.childForFieldName('object');
        if (!obj || !index || ['string', 'template_string'].includes(unwrap(index).type)) return undefined;
        const v = this.value(obj);
        return v?.kind === 'array' ? v.element : undefined;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        if (op !== '??' && op !== '||') return undefined;
        const l = n.childForFieldName('left'); const r = n.childForFieldName('right');
        return (l && this.value(l)) || (r ? this.value(r) : undefined);
      }
      case 'ternary_expression': {
        const a = n.childForFieldName('consequence'); const b = n.childForFieldName('alternative');
        return (a && this.value(a)) || (b ? this.value(b) : undefined);
      }
      case 'assignment_expression': {
        const r = n.childForFieldName('right');
        return r ? this.value(r) : undefined;
      }
      default: return undefined;
    }
  }

  /** `new Redis()`, `new Redis.Cluster()`, `new Cluster()`, `new IORedis.Redis()`. */
  private constructed(n: Node): Value | undefined {
    const ctor = n.childForFieldName('constructor');
    if (!ctor) return undefined;
    if (ctor.type === 'identifier') {
      const b = this.bindingOf(ctor);
      if (b?.kind === 'class' || b?.kind === 'cluster') return { kind: 'client', library: b.library, cluster: b.kind === 'cluster' };
      return undefined;
    }
    if (ctor.type !== 'member_expression') return undefined;
    const obj = ctor.childForFieldName('object');
    const prop = ctor.childForFieldName('property')?.text;
    const b = obj && this.bindingOf(obj);
    if (b?.kind !== 'class') return undefined;
    if (prop === 'Cluster') return { kind: 'client', library: b.library, cluster: true };
    if (prop === 'Redis' || prop === 'Valkey' || prop === 'default') return { kind: 'client', library: b.library, cluster: false };
    return undefined;
  }

  private called(n: Node): Resolved | undefined {
    const fn = n.childForFieldName('function');
    if (!fn) return undefined;
    if (fn.type === 'identifier') return this.invoked(fn);
    const m = memberCall(n);
    if (!m) return undefined;
    const method = m.property.text;
    const mod = this.bindingOf(m.object);
    if (mod?.kind === 'module' && (method === 'createClient' || method === 'createCluster')) {
      return { kind: 'client', library: mod.library, cluster: method === 'createCluster' };
    }
    const recv = this.value(m.object);
    if (recv?.kind === 'array') return arrayMethodValue(recv, method);
    if (recv?.kind === 'client') {
      if (CLIENT_PASSTHROUGH.has(method) || CLIENT_COPIES.has(method)) return recv;
      // ioredis/iovalkey `cluster.nodes(role?)`: one single-node client per node.
      if (method === 'nodes' && recv.cluster && recv.library !== 'node-redis') {
        return { kind: 'array', element: { kind: 'client', library: recv.library, cluster: false, clusterNode: true } };
      }
      // node-redis `cluster.nodeClient(shardNode)`: the client of one node (a promise of it until connected).
      if (method === 'nodeClient' && recv.cluster && recv.library === 'node-redis') return { kind: 'client', library: recv.library, cluster: false, clusterNode: true };
      if (method === 'multi' || method === 'pipeline') {
        return { kind: 'batch', library: recv.library, cluster: recv.cluster, opener: n, client: m.object, transactional: this.isTransactional(n, recv.library, method) };
      }
    }
    if (recv?.kind === 'batch' && !BATCH_TERMINALS.has(method) && commandForMethod(method)) return recv;
    return undefined;
  }

  /**
   * ioredis: `multi()` is a transaction, `pipeline()` is not. node-redis: `multi()` is a transaction unless the
   * chain it starts ends in `execAsPipeline()`; a stored multi is assumed to be a transaction.
   */
  private isTransactional(opener: Node, library: ClientLibrary, method: string): boolean {
    if (method === 'pipeline') return false;
    return library !== 'node-redis' || !this.positions.calls.get(opener.id)?.pipelineEnd;
  }

  /** What calling the function an identifier names returns: a client factory's client, or what a local function returns. */
  private invoked(fn: Node): Resolved | undefined {
    const b = this.bindingOf(fn);
    if (b?.kind === 'factory') return { kind: 'client', library: b.library, cluster: b.cluster };
    return this.returnValue(this.decls.functionOf(fn));
  }

  /** What a factory function returns: its expression body, or the first return that yields a client. */
  private returnValue(fn: Node | undefined): Resolved | undefined {
    return fn && this.shared(this.returnMemo, fn.id, () => this.computeReturn(fn));
  }

  private computeReturn(fn: Node): Resolved | undefined {
    const body = fn.childForFieldName('body');
    if (!body) return undefined;
    if (body.type !== 'statement_block') return this.value(body);
    const stack: Node[] = [body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'return_statement' && n.namedChildren[0]) {
        const v = this.value(n.namedChildren[0]);
        if (v) return v;
      }
      for (const c of n.namedChildren) if (c && !FUNCTION_TYPES.has(c.type) && !CLASS_TYPES.has(c.type)) stack.push(c);
    }
    const annotated = fn.childForFieldName('return_type');
    return annotated ? typeValue(annotated, this.types) : undefined;
  }
}

function isPlaceholder(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'null' || u.type === 'undefined' || (u.type === 'identifier' && u.text === 'undefined');
}

function sameClient(a: Resolved, b: Resolved): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'array' || b.kind === 'array') return a.kind === 'array' && b.kind === 'array' && a.element.library === b.element.library;
  return a.library === b.library && a.cluster === b.cluster && (a.kind !== 'batch' || (b.kind === 'batch' && a.opener.id === b.opener.id));
}
