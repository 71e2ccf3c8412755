/**
 * Receiver resolution: what a Python expression evaluates to, as far as Redis is concerned. Only expressions that
 * provably hold a redis-py / valkey-py client (or one of its pipelines) produce call sites, so `dict.keys()` and
 * `cache.set()` on anything else stay silent.
 */
import { AnnotationReader } from './annotations';
import { ClassHierarchy } from './classes';
import { FACTORIES, importedType, moduleMember } from './library';
import type { Binding, Scope, ScopeIndex } from './scopes';
import { constantString, foldConstants, stringParts } from './strings';
import { boolLiteral, callArgs, isNoneLiteral, unparen, type Node } from './syntax';
import { agree, type ClientKind, type PyType } from './types';
import { pyTypeOf } from './exports';

/** Nested resolutions before `typeOf` starts afresh from where it stopped; each takes several stack frames. */
const MAX_DEPTH = 300;
/** Classes of this file an attribute is looked for through, base after base; real hierarchies are a handful deep. */
const MAX_BASES = 100;

/** The next link down a receiver chain: an attribute's object, a call's function, an await's operand. */
function spineChild(node: Node): Node | null {
  switch (node.type) {
    case 'attribute': return node.childForFieldName('attribute') ? node.childForFieldName('object') : null;
    case 'call': return node.childForFieldName('function');
    case 'await': return node.namedChild(0);
    default: return null;
  }
}

export interface ResolverLinks {
  imported: Map<string, PyType>;
  declared: Set<string>;
  /** The library a declared receiver is taken to be (the one this file imports, else redis-py). */
  declaredKind?: ClientKind;
}

const NO_LINKS: ResolverLinks = { imported: new Map(), declared: new Set() };

export class TypeResolver {
  private readonly memo = new Map<Binding, PyType | undefined>();
  private readonly busy = new Set<Binding | Scope>();
  /** Names whose f-string value is being folded, so that `A = f"{B}"; B = f"{A}"` ends. */
  private readonly folding = new Set<string>();
  private readonly nodeMemo = new Map<Scope, Map<number, PyType | undefined>>();
  /** Per function, per class attribute and per name seen from inner scopes: many uses share each answer. */
  private readonly returnMemo = new Map<Scope, PyType | undefined>();
  private readonly memberMemo = new Map<Scope, Map<string, PyType | undefined>>();
  private readonly outerMemo = new Map<Binding[], PyType | undefined>();
  private readonly classes = new ClassHierarchy(this);
  private readonly annotations = new AnnotationReader(this, this.classes);
  /** How many times a cycle or depth guard cut resolution short; see `typeOf`. */
  private cuts = 0;
  private depth = 0;
  /** Classes `classMember` is looking through, base after base. */
  private baseDepth = 0;
  /**
   * Where the resolution under way reached `MAX_DEPTH`. Until the stack has unwound, nothing more is computed or
   * remembered: every frame still open depends on what was cut off.
   */
  private stopped: [Node, Scope] | undefined;

  /**
   * `links`: what the workspace index resolved this file's project imports to (by import key, see exports.ts), and
   * the receivers the settings name.
   */
  constructor(private readonly index: ScopeIndex, private readonly links: ResolverLinks = NO_LINKS) {}

  /** What calling a function of this file returns (for the module summary). */
  returnsOf(fn: Scope): PyType | undefined {
    return this.returnType(fn);
  }

  /** What an instance of a class of this file is: a client when it subclasses one. */
  instanceOf(cls: Scope): PyType {
    return this.classes.classIsClient(cls) ?? { t: 'instance', scope: cls };
  }

  /**
   * What an expression evaluates to. Receiver chains (`r.pipeline().set(…).set(…)…`) can run to thousands of links,
   * so the spine of calls, attributes and awaits is walked down in a loop and resolved upward once, link by link:
   * neither the stack nor the time grows faster than the chain. Answers are remembered per node for the calls met
   * later on the same chain.
   */
  typeOf(expr: Node, scope: Scope): PyType | undefined {
    return this.depth === 0 ? this.resolveFully(expr, scope) : this.guarded(expr, scope);
  }

  /** A cycle guard (here or in the class and annotation readers) cut resolution short. */
  cut(): void {
    this.cuts++;
  }

  /** How many cuts so far: an answer computed while the count moved is not to be remembered. */
  cutCount(): number {
    return this.cuts;
  }

  /**
   * Resolution also recurses through names, returns and branches (`a1 = a0`, `a2 = a1` …, `f1` returning `f0()`),
   * which can nest deeper than the stack allows. Where it reaches `MAX_DEPTH`, the expression it stopped at is
   * resolved first on a fresh stack, then the one asked for again: each is resolved once, so a chain costs its
   * length rather than its length times the depth limit.
   */
  private resolveFully(expr: Node, scope: Scope): PyType | undefined {
    const first = unparen(expr);
    // Nearly every resolution ends on the first stack: the bookkeeping for a fresh one is built only when it stops.
    const t = this.guarded(first, scope);
    const stopped = this.stopped;
    this.stopped = undefined;
    return stopped ? this.resume(first, scope, stopped) : t;
  }

  /** `resolveFully` once the first attempt stopped at the depth limit, at `stopped`. */
  private resume(first: Node, scope: Scope, stopped: [Node, Scope]): PyType | undefined {
    // A scope is identified by the node that opens it.
    const key = ([n, s]: [Node, Scope]) => `${n.id}:${s.node.id}`;
    const pending: [Node, Scope][] = [[first, scope]];
    const queued = new Set([key(pending[0])]);
    if (queued.has(key(stopped))) {
      this.memoOf(scope).set(first.id, undefined);
      return undefined;
    }
    queued.add(key(stopped));
    pending.push(stopped);
    for (;;) {
      const [node, at] = pending[pending.length - 1];
      const t = this.guarded(node, at);
      const stopped = this.stopped;
      this.stopped = undefined;
      if (!stopped) {
        pending.pop();
        if (!pending.length) return t;
      } else if (queued.has(key(stopped))) {
        // A cycle longer than the depth limit: too deep to tell, and remembered so.
        for (const [n, s] of pending) this.memoOf(s).set(n.id, undefined);
        return undefined;
      } else {
        queued.add(key(stopped));
        pending.push(stopped);
      }
    }
  }

  private memoOf(scope: Scope): Map<number, PyType | undefined> {
    let memo = this.nodeMemo.get(scope);
    if (!memo) this.nodeMemo.set(scope, memo = new Map());
    return memo;
  }

  private guarded(expr: Node, scope: Scope): PyType | undefined {
    const node = unparen(expr);
    const memo = this.memoOf(scope);
    if (memo.has(node.id)) return memo.get(node.id);
    if (this.stopped) return undefined;
    if (this.depth >= MAX_DEPTH) { this.cuts++; this.stopped = [node, scope]; return undefined; }
    this.depth++;
    try {
      return this.resolve(node, scope);
    } finally {
      this.depth--;
    }
  }

  /** `compute`'s answer, remembered under `key` unless a cycle or depth guard cut it short. */
  private shared<K>(memo: Map<K, PyType | undefined>, key: K, compute: () => PyType | undefined): PyType | undefined {
    if (memo.has(key)) return memo.get(key);
    const cutsBefore = this.cuts;
    const t = compute();
    if (this.cuts === cutsBefore) memo.set(key, t);
    return t;
  }

  private resolve(expr: Node, scope: Scope): PyType | undefined {
    const memo = this.memoOf(scope);
    const cutsBefore = this.cuts;
    const spine: Node[] = [];
    let node = unparen(expr);
    let base: PyType | undefined;
    let known = false;
    for (;;) {
      if (memo.has(node.id)) { base = memo.get(node.id); known = true; break; }
      const inner = spineChild(node);
      if (!inner) break;
      spine.push(node);
      node = unparen(inner);
    }
    const types: (PyType | undefined)[] = [];
    types[spine.length] = known ? base : this.leafType(node, scope);
    // An answer that crossed a cycle or depth guard depends on where resolution started: used, not remembered.
    const remember = (n: Node, t: PyType | undefined) => { if (this.cuts === cutsBefore) memo.set(n.id, t); };
    if (!known) remember(node, types[spine.length]);
    for (let i = spine.length - 1; i >= 0; i--) {
      const link = spine[i];
      const below = types[i + 1];
      switch (link.type) {
        case 'attribute': {
          const attr = link.childForFieldName('attribute')?.text;
          types[i] = (attr ? this.memberType(below, attr) : undefined) ?? (this.links.declared.size ? this.declared(link.text) : undefined);
          break;
        }
        case 'call': {
          const fn = unparen(link.childForFieldName('function')!);
          // The receiver of `recv.method(…)` is already resolved one link further down, unless the walk started there.
          const recvType = (): PyType | undefined => {
            if (fn.type !== 'attribute') return undefined;
            if (i + 2 <= spine.length) return types[i + 2];
            const obj = fn.childForFieldName('object');
            return obj ? this.typeOf(obj, scope) : undefined;
          };
          types[i] = this.callType(link, fn, below, recvType, scope);
          break;
        }
        default: types[i] = below; // await
      }
      remember(link, types[i]);
    }
    return types[0];
  }

  /** Expressions that are not links of a receiver chain. */
  private leafType(node: Node, scope: Scope): PyType | undefined {
    switch (node.type) {
      case 'identifier': return this.nameType(node.text, scope, node.startIndex) ?? this.declared(node.text);
      case 'lambda': {
        const fn = this.index.byNode.get(node.id);
        return fn && { t: 'function', scope: fn };
      }
      case 'conditional_expression': {
        const branches = [node.namedChild(0), node.namedChild(2)].filter((b): b is Node => !!b && !isNoneLiteral(b));
        return agree(branches.map((b) => this.typeOf(b, scope)));
      }
      default: return undefined;
    }
  }

  /**
   * The bindings of the scope a name resolves in. `outer`: that scope encloses the one asking (or the name is
   * declared `global`/`nonlocal`), so any of them may apply, since the inner function may run after any of them;
   * otherwise only the latest one before the offset does.
   */
  private bindingsOf(name: string, scope: Scope): { list: Binding[]; outer: boolean } | undefined {
    let outer = false;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      // Class bodies are not enclosing scopes for the functions inside them.
      if (s !== scope && s.kind === 'class') continue;
      if (s.outer.has(name)) { outer = true; continue; }
      const list = s.names.get(name);
      if (list) return { list, outer };
      if (s.kind === 'function') outer = true;
    }
    return undefined;
  }

  /** The latest binding at or before `at` (lists are sorted by start, see `collectScopes`). */
  private latest(list: Binding[], at: number): Binding | undefined {
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found < 0 ? undefined : list[found];
  }

  /** The bindings a name can have at an offset (None aside when seen from an inner scope). */
  private lookup(name: string, scope: Scope, at: number): Binding[] {
    const where = this.bindingsOf(name, scope);
    if (!where) return [];
    if (where.outer) return where.list.filter((b) => !isNoneLiteral(b.value ?? null));
    const b = this.latest(where.list, at);
    return b ? [b] : [];
  }

  nameType(name: string, scope: Scope, at: number): PyType | undefined {
    const where = this.bindingsOf(name, scope);
    if (!where) return undefined;
    if (!where.outer) {
      const b = this.latest(where.list, at);
      return b && this.bindingType(b);
    }
    const list = where.list;
    return this.shared(this.outerMemo, list, () => agree(list.filter((b) => !isNoneLiteral(b.value ?? null)).map((b) => this.bindingType(b))));
  }

  /** A name bound once, to a plain string literal (`CONFIG_KEY = "config:global"`): its value. */
  stringConstant(name: string, scope: Scope, at: number): string | undefined {
    const found = this.lookup(name, scope, at);
    if (found.length !== 1 || found[0].kind !== 'value' || !found[0].value) return undefined;
    // Bound once in the scope it is evaluated in (a `global` assigned in a function is not).
    if (found[0].scope.names.get(name)?.length !== 1) return undefined;
    const plain = constantString(found[0].value);
    if (plain !== undefined || this.folding.has(name)) return plain;
    // `KEY = f"{PREFIX}:settings"`: constant when its holes are (a cycle of such names is not).
    const parts = found[0].value.type === 'string' ? stringParts(found[0].value) : undefined;
    if (!parts) return undefined;
    this.folding.add(name);
    try {
      const bound = found[0];
      return foldConstants(parts, bound.value!.tree.source, (n, at) => this.stringConstant(n, bound.scope, at));
    } finally {
      this.folding.delete(name);
    }
  }

  private bindingType(b: Binding): PyType | undefined {
    if (this.memo.has(b)) return this.memo.get(b);
    if (this.busy.has(b)) { this.cuts++; return undefined; }
    this.busy.add(b);
    let t: PyType | undefined;
    switch (b.kind) {
      case 'import': t = this.links.imported.get(b.importPath!) ?? importedType(b.importPath!); break;
      case 'def': t = b.isProperty ? this.returnType(b.opens!) : { t: 'function', scope: b.opens! }; break;
      case 'class': t = { t: 'userClass', scope: b.opens! }; break;
      // A subclass of a client class: `self` is that client (with what the subclass defines in front of it).
      case 'self': t = b.isClassMethod ? { t: 'userClass', scope: b.opens! } : this.classes.classIsClient(b.opens!) ?? { t: 'instance', scope: b.opens! }; break;
      case 'param': case 'value': {
        const fromValue = b.value && !isNoneLiteral(b.value) ? this.typeOf(b.value, b.scope) : undefined;
        t = fromValue ?? (b.annotation ? this.annotations.annotationType(b.annotation, b.scope) : undefined);
        break;
      }
      default: t = undefined;
    }
    this.busy.delete(b);
    // Cut off by the depth limit: `typeOf` resolves it again from a fresh stack.
    if (!this.stopped) this.memo.set(b, t);
    return t;
  }

  /** What `obj.attr` is: a module member, a factory on a client class, or an attribute of a class of this file. */
  memberType(obj: PyType | undefined, attr: string): PyType | undefined {
    if (!obj) return undefined;
    switch (obj.t) {
      case 'module': return moduleMember(obj.path, attr);
      case 'project': {
        const d = Object.hasOwn(obj.members, attr) ? obj.members[attr] : undefined;
        return d && pyTypeOf(d);
      }
      case 'class': return FACTORIES.has(attr) ? { t: 'factory', kind: obj.kind, pool: obj.pool } : undefined;
      case 'userClass': case 'instance': {
        const asClient = obj.t === 'userClass' ? this.classes.classIsClient(obj.scope) : undefined;
        if (asClient && FACTORIES.has(attr) && !this.shadows(asClient, attr)) return { t: 'factory', kind: asClient.kind, pool: false, via: asClient.via };
        return this.classMember(obj.scope, attr);
      }
      // Attributes of a client subclass of this file (`self.prefix`, `self.helper()`) resolve through its bindings.
      case 'client': {
        for (const cls of obj.via ?? []) {
          const found = this.classMember(cls, attr);
          if (found) return found;
        }
        return undefined;
      }
      default: return undefined;
    }
  }

  /**
   * `recv.method` on a client reached through a subclass of this file that defines `method` itself: the subclass's
   * method runs, not the Redis command.
   */
  shadows(recv: PyType, method: string): boolean {
    return this.classes.shadows(recv, method);
  }

  /** `callee` is the type of the called expression `fn`; the receiver's type is asked for only when needed. */
  private callType(call: Node, fn: Node, callee: PyType | undefined, receiver: () => PyType | undefined, scope: Scope): PyType | undefined {
    if (callee?.t === 'class' || callee?.t === 'factory') {
      return callee.pool ? undefined : { t: 'client', kind: callee.kind, ...(callee.via && { via: callee.via }) };
    }
    if (callee?.t === 'getter') return { t: 'client', kind: callee.kind };
    if (callee?.t === 'project' && callee.of === 'class') return { ...callee, of: 'instance' };
    // A name the settings call a client class: calling it builds one.
    if (!callee && this.links.declared.size && fn.type === 'identifier' && this.links.declared.has(fn.text)) return this.declared(fn.text);
    if (callee?.t === 'function') {
      const returned = this.returnType(callee.scope);
      // Declared, not built here: each call hands out its own pipeline.
      return returned?.t === 'pipeline' && returned.declared ? { ...returned, call } : returned;
    }
    if (callee?.t === 'userClass') return this.classes.classIsClient(callee.scope) ?? { t: 'instance', scope: callee.scope };
    if (!callee && fn.type === 'identifier' && fn.text === 'super' && !this.lookup('super', scope, fn.startIndex).length) {
      return this.classes.superType(call, scope);
    }
    if (fn.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute')?.text;
    const recvType = receiver();
    if (recvType?.t === 'client' && method === 'pipeline' && !this.shadows(recvType, method)) {
      const args = callArgs(call.childForFieldName('arguments'));
      const flag = boolLiteral(args.keywords.get('transaction') ?? args.positional[0]);
      // redis-py pipelines are MULTI/EXEC unless told otherwise; cluster pipelines only when asked.
      const transactional = recvType.kind.cluster ? flag === true : flag !== false;
      return { t: 'pipeline', kind: recvType.kind, call, transactional };
    }
    if (recvType?.t === 'client' && (method === 'ft' || method === 'pubsub') && !this.shadows(recvType, method)) {
      return method === 'ft' ? { t: 'search', kind: recvType.kind, call } : { t: 'pubsub', kind: recvType.kind };
    }
    // Pipeline command methods return the pipeline, so chains stay on it.
    if (recvType?.t === 'pipeline' && method !== 'execute' && method !== 'reset') return recvType;
    return undefined;
  }

  private returnType(fn: Scope): PyType | undefined {
    return this.shared(this.returnMemo, fn, () => {
      if (this.busy.has(fn)) { this.cuts++; return undefined; }
      this.busy.add(fn);
      const declared = fn.returnType ? this.annotations.annotationType(fn.returnType, fn.parent ?? fn) : undefined;
      const t = declared ?? agree(fn.returns.filter((r) => !isNoneLiteral(r)).map((r) => this.typeOf(r, fn)));
      this.busy.delete(fn);
      return t;
    });
  }

  /** A class attribute or `self.x`, looked up through base classes of this file as Python's MRO would. */
  private classMember(cls: Scope, attr: string): PyType | undefined {
    let memo = this.memberMemo.get(cls);
    if (!memo) this.memberMemo.set(cls, memo = new Map());
    return this.shared(memo, attr, () => this.computeMember(cls, attr));
  }

  private computeMember(cls: Scope, attr: string): PyType | undefined {
    const bindings = [...(cls.names.get(attr) ?? []), ...(cls.attrs.get(attr) ?? [])];
    if (bindings.length) return agree(bindings.filter((b) => !isNoneLiteral(b.value ?? null)).map((b) => this.bindingType(b)));
    // A chain of thousands of classes of this file would take the stack: past a depth no hierarchy reaches, unknown.
    if (this.busy.has(cls) || this.baseDepth >= MAX_BASES) { this.cuts++; return undefined; }
    this.busy.add(cls);
    this.baseDepth++;
    let found: PyType | undefined;
    for (const base of cls.node.childForFieldName('superclasses')?.namedChildren ?? []) {
      const t = base && base.type !== 'keyword_argument' ? this.typeOf(base, cls.parent ?? cls) : undefined;
      found = t?.t === 'userClass' ? this.classMember(t.scope, attr) : undefined;
      if (found) break;
    }
    this.baseDepth--;
    this.busy.delete(cls);
    return found;
  }

  /** A receiver the settings name (`"clients": ["redis_connection", "self.cache"]`), where nothing else resolved. */
  private declared(text: string): PyType | undefined {
    if (!this.links.declared.size || !this.links.declared.has(text)) return undefined;
    return { t: 'client', kind: this.links.declaredKind ?? { library: 'redis-py', cluster: false, async: false } };
  }
}
