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
import type { Denotes } from '../../../model/code-modules';
import { agreement } from '../core/receivers';

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
  /** Some import denotes a module object or class with client members (another file's summary said so). */
  private objects = false;
  /** Times the cycle guard answered for a node still being resolved: what was computed meanwhile depends on it. */
  private cycles = 0;
  /**
   * The node at which the resolution under way reached `MAX_DEPTH`. Until the stack has unwound, nothing more is
   * computed or remembered: every frame still open depends on the node that was cut off.
   */
  private cut: Node | undefined;

  /**
   * `nodes`: every node of a `DECLARING_TYPES` type in the module. `declared`: receivers the settings name (a name,
   * a class name, a member path such as `this.cache`), taken to be clients of `declaredLibrary` where nothing else
   * resolves.
   */
  constructor(
    nodes: Node[], imports: Map<string, Binding>, private readonly positions: Positions,
    private readonly declared: ReadonlySet<string> = new Set(), private readonly declaredLibrary: ClientLibrary = 'ioredis',
  ) {
    this.decls = new Declarations(nodes, imports, positions);
    for (const b of imports.values()) if (b.kind === 'namespace' || b.kind === 'projectClass') this.objects = true;
    this.types = {
      imports, aliases: this.decls.typeAliases, returnOf: (id) => this.invoked(id), valueOf: (n) => this.value(n),
      declared: (name) => this.declaredClient(name),
    };
  }

  /** The client or batch an expression denotes, if any. */
  valueOf(node: Node): Value | undefined {
    const v = this.resolveFully(node);
    return v?.kind === 'array' || v?.kind === 'object' ? undefined : v;
  }

  /** What an expression denotes, objects with client members and arrays included (for the module summary). */
  resolvedOf(node: Node): Resolved | undefined {
    return this.resolveFully(node);
  }

  /** What a function of this module returns, for the module summary. */
  returnOf(fn: Node): Resolved | undefined {
    return this.returnValue(fn);
  }

  /**
   * A class's instance members that are clients (fields, getters) or hand one out (methods), for the summary;
   * `kind: 'factory'` marks a method.
   */
  classMembers(cls: Node): Map<string, { value: Resolved; method: boolean }> {
    const out = new Map<string, { value: Resolved; method: boolean }>();
    for (const [name, decl] of this.decls.membersOf(cls) ?? []) {
      const v = this.declValue(decl);
      if (v) out.set(name, { value: v, method: false });
    }
    for (const m of cls.childForFieldName('body')?.namedChildren ?? []) {
      if (m?.type !== 'method_definition') continue;
      const name = m.childForFieldName('name')?.text;
      if (!name || name === 'constructor' || m.children.some((c) => c?.type === 'static')) continue;
      const v = this.returnValue(m);
      if (v) out.set(name, { value: v, method: !m.children.some((c) => c?.type === 'get') });
    }
    return out;
  }

  /** The function a name denotes in its scope (a declaration, or a const bound to one). */
  functionNamed(id: Node): Node | undefined {
    return this.decls.functionOf(id);
  }

  /** A receiver the settings name, where nothing else resolved. */
  private declaredClient(text: string): Value | undefined {
    return this.declared.size && this.declared.has(text) ? { kind: 'client', library: this.declaredLibrary, cluster: false } : undefined;
  }

  private readonly sourceValue = (s: Node) => this.value(s);

  /** What an imported binding itself denotes as a value (a client, a module object), apart from calling it. */
  private boundValue(b: Binding | undefined): Resolved | undefined {
    if (b?.kind === 'client') return { kind: 'client', library: b.library, cluster: b.cluster, ...(b.origin ? { origin: b.origin } : {}) };
    if (b?.kind === 'namespace') return { kind: 'object', members: b.members };
    return undefined;
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
      // The core's precision policy: a name is a client only when every value assigned to it is one, and the same
      // (`let c = new Redis(); c = new Map()` is no client). `null`/`undefined` placeholders of a lazily built client
      // (`let client = null; … client = createClient()`) do not count against it; an imported client is one value.
      const bound = decl.binding && this.boundValue(decl.binding);
      // The `require(…)` an imported binding was read from is that binding, not another value.
      const agreed = bound
        ? agreement([undefined, ...decl.sources], (s) => (s ? this.value(s) : bound), sameClient, (s) => !!s && (isPlaceholder(s) || isRequire(s)))
        : agreement(decl.sources, this.sourceValue, sameClient, isPlaceholder);
      if (agreed.kind === 'agreed') return agreed.value;
      if (agreed.kind === 'unknown') return undefined;
      for (const e of decl.elements ?? []) { const v = this.value(e); if (v?.kind === 'array') return v.element; }
      for (const t of decl.types) { const v = typeValue(t, this.types); if (v) return v; }
      return undefined;
    });
  }

  private compute(n: Node): Resolved | undefined {
    switch (n.type) {
      // `{ client }` in an export object names the variable.
      case 'identifier': case 'shorthand_property_identifier': return this.declValue(this.decls.resolve(n)) ?? (this.declared.size ? this.declaredClient(n.text) : undefined);
      case 'await_expression': return n.namedChildren[0] ? this.value(n.namedChildren[0]) : undefined;
      case 'member_expression': {
        const own = this.declValue(this.decls.thisMember(n));
        if (own || (!this.objects && !this.declared.size)) return own;
        // `cache.client` on a module object or instance another file's summary describes (only files importing
        // one pay for the look at the object).
        const obj = this.objects ? n.childForFieldName('object') : null;
        const o = obj && obj.type !== 'this' ? this.value(obj) : undefined;
        if (o?.kind === 'object') {
          const prop = n.childForFieldName('property')?.text;
          return prop !== undefined && Object.hasOwn(o.members, prop) ? objectMember(o.members[prop]) : undefined;
        }
        return this.declared.size ? this.declaredClient(n.text) : undefined;
      }
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
  private constructed(n: Node): Resolved | undefined {
    const ctor = n.childForFieldName('constructor');
    if (!ctor) return undefined;
    if (ctor.type === 'identifier') {
      const b = this.bindingOf(ctor);
      if (b?.kind === 'class' || b?.kind === 'cluster') return { kind: 'client', library: b.library, cluster: b.kind === 'cluster' };
      if (b?.kind === 'projectClass') return { kind: 'object', members: b.members };
      return this.declared.size ? this.declaredClient(ctor.text) : undefined;
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
    if (recv?.kind === 'object') {
      const d = Object.hasOwn(recv.members, method) ? recv.members[method] : undefined;
      return d?.kind === 'factory' ? { kind: 'client', library: d.client.library, cluster: d.client.cluster, ...(d.origin ? { origin: d.origin } : {}) } : undefined;
    }
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
    if (b?.kind === 'getter') return { kind: 'client', library: b.library, cluster: b.cluster, ...(b.origin ? { origin: b.origin } : {}) };
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

function isRequire(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'call_expression' && u.childForFieldName('function')?.text === 'require';
}

function isPlaceholder(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'null' || u.type === 'undefined' || (u.type === 'identifier' && u.text === 'undefined');
}

/** A member of another file's module object or instance, as a value. */
function objectMember(d: Denotes): Resolved | undefined {
  if (d.kind === 'client') return { kind: 'client', library: d.client.library, cluster: d.client.cluster, ...(d.origin ? { origin: d.origin } : {}) };
  if (d.kind === 'namespace') return { kind: 'object', members: d.members };
  return undefined;
}

function sameClient(a: Resolved, b: Resolved): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'object' || b.kind === 'object') return a.kind === 'object' && b.kind === 'object' && a.members === b.members;
  if (a.kind === 'array' || b.kind === 'array') return a.kind === 'array' && b.kind === 'array' && a.element.library === b.element.library;
  return a.library === b.library && a.cluster === b.cluster && (a.kind !== 'batch' || (b.kind === 'batch' && a.opener.id === b.opener.id));
}
