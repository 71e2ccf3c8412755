/**
 * Receiver resolution: what a Python expression evaluates to, as far as Redis is concerned. Only expressions that
 * provably hold a redis-py / valkey-py client (or one of its pipelines) produce call sites, so `dict.keys()` and
 * `cache.set()` on anything else stay silent.
 */
import type { ClientLibrary } from '../../../model/code';
import type { Binding, Scope, ScopeIndex } from './scopes';
import { constantString } from './strings';
import { boolLiteral, callArgs, isNoneLiteral, unparen, type Node } from './syntax';

export interface ClientKind { library: Extract<ClientLibrary, 'redis-py' | 'valkey-py'>; cluster: boolean; async: boolean }

export type PyType =
  | { t: 'module'; path: string }
  /**
   * A client or connection-pool class; `from_url` style factories have the same shape. `via`: on a subclass of this
   * file, the classes whose definitions the built client keeps (see `client`).
   */
  | { t: 'class' | 'factory'; kind: ClientKind; pool: boolean; via?: Scope[] }
  /** A function handing out a client it did not build here (`django_redis.get_redis_connection`). */
  | { t: 'getter'; kind: ClientKind }
  /**
   * `via`: the client is reached through classes of this file that subclass a client class (an instance, `self`,
   * `super()`): the attributes those classes define (and their bases of this file) come before the client's
   * methods, so a method they override is not the Redis command.
   */
  | { t: 'client'; kind: ClientKind; via?: Scope[] }
  /** redis-py's pipeline classes (`redis.client.Pipeline`, `redis.cluster.ClusterPipeline`), as annotations name them. */
  | { t: 'pipelineClass'; kind: ClientKind; transactional: boolean }
  /**
   * `call` identifies the pipeline (the `pipeline()` call, or the annotation of a value declared as one);
   * `declared`: known from an annotation only, so a function declared to return one hands out a new one per call.
   */
  | { t: 'pipeline'; kind: ClientKind; call: Node; transactional: boolean; declared?: boolean }
  | { t: 'function'; scope: Scope }
  /** A class of this file, or an instance of it: attributes resolve through its bindings. */
  | { t: 'userClass' | 'instance'; scope: Scope };

const ROOTS = new Set(['redis', 'valkey', 'rediscluster', 'django_redis', 'flask_redis']);
const SUBMODULES = new Set(['asyncio', 'cluster', 'client', 'connection', 'commands', 'sentinel', 'utils']);
/** FlaskRedis proxies every attribute to a redis.Redis it builds from the app's config. */
const CLIENT_CLASSES = new Set(['Redis', 'StrictRedis', 'Valkey', 'StrictValkey', 'FlaskRedis']);
const CLUSTER_CLASSES = new Set(['RedisCluster', 'StrictRedisCluster', 'ValkeyCluster']);
const POOL_CLASSES = new Set(['ConnectionPool', 'BlockingConnectionPool', 'ClusterConnectionPool']);
const FACTORIES = new Set(['from_url', 'from_pool']);
/** Packages whose `client` / `cluster` modules define the pipeline classes. */
const PIPELINE_ROOTS = new Set(['redis', 'valkey']);

function moduleMember(path: string, name: string): PyType | undefined {
  const root = path.split('.')[0];
  if (!ROOTS.has(root)) return undefined;
  const kind = (cluster: boolean): ClientKind =>
    ({ library: root === 'valkey' ? 'valkey-py' : 'redis-py', cluster, async: path.includes('asyncio') });
  if (CLIENT_CLASSES.has(name)) return { t: 'class', kind: kind(false), pool: false };
  if (CLUSTER_CLASSES.has(name)) return { t: 'class', kind: kind(true), pool: false };
  if (POOL_CLASSES.has(name)) return { t: 'class', kind: kind(name.startsWith('Cluster')), pool: true };
  // redis-py pipelines are MULTI/EXEC by default (`pipeline(transaction=True)`); cluster pipelines never are.
  if (name === 'Pipeline' && PIPELINE_ROOTS.has(root) && path.endsWith('.client')) {
    return { t: 'pipelineClass', kind: kind(false), transactional: true };
  }
  if (name === 'ClusterPipeline' && PIPELINE_ROOTS.has(root) && path.endsWith('.cluster')) {
    return { t: 'pipelineClass', kind: kind(true), transactional: false };
  }
  if (name === 'from_url') return { t: 'factory', kind: kind(false), pool: false };
  if (name === 'get_redis_connection') return { t: 'getter', kind: kind(false) };
  if (SUBMODULES.has(name)) return { t: 'module', path: `${path}.${name}` };
  return undefined;
}

function importedType(path: string): PyType | undefined {
  const [root, ...rest] = path.split('.');
  if (!ROOTS.has(root)) return undefined;
  let type: PyType | undefined = { t: 'module', path: root };
  for (const part of rest) type = type?.t === 'module' ? moduleMember(type.path, part) : undefined;
  return type;
}

/** Two bindings that mean the same thing (`import redis` twice, the same client class from two branches). */
function sameType(a: PyType, b: PyType): boolean {
  if (a.t !== b.t) return false;
  if ('path' in a && 'path' in b) return a.path === b.path;
  if ('scope' in a && 'scope' in b) return a.scope === b.scope;
  if (a.t === 'pipeline' && b.t === 'pipeline') return a.call.id === b.call.id;
  if ('kind' in a && 'kind' in b) {
    const viaA = 'via' in a ? a.via ?? [] : [];
    const viaB = 'via' in b ? b.via ?? [] : [];
    return a.kind.library === b.kind.library && a.kind.cluster === b.kind.cluster && a.kind.async === b.kind.async
      && ('pool' in a ? a.pool : false) === ('pool' in b ? b.pool : false)
      && ('transactional' in a ? a.transactional : false) === ('transactional' in b ? b.transactional : false)
      && viaA.length === viaB.length && viaA.every((c, i) => c === viaB[i]);
  }
  return false;
}

/** Nested resolutions before `typeOf` gives up; each takes several stack frames. */
const MAX_DEPTH = 300;

/** The next link down a receiver chain: an attribute's object, a call's function, an await's operand. */
function spineChild(node: Node): Node | null {
  switch (node.type) {
    case 'attribute': return node.childForFieldName('attribute') ? node.childForFieldName('object') : null;
    case 'call': return node.childForFieldName('function');
    case 'await': return node.namedChild(0);
    default: return null;
  }
}

/** Python's annotation wrappers that keep the client type: `Optional[Redis]`, `Union[Redis, None]`. */
const WRAPPERS = new Set(['Optional', 'Union', 'Annotated', 'Final', 'ClassVar']);

export class TypeResolver {
  private readonly memo = new Map<Binding, PyType | undefined>();
  private readonly busy = new Set<Binding | Scope>();
  /** Classes whose bases `clientBase` (climbing) and `defines` (searching) are walking: a cycle of bases ends there. */
  private readonly climbing = new Set<Scope>();
  private readonly searching = new Set<Scope>();
  private readonly nodeMemo = new Map<Scope, Map<number, PyType | undefined>>();
  /** How many times a cycle or depth guard cut resolution short; see `typeOf`. */
  private cuts = 0;
  private depth = 0;

  constructor(private readonly index: ScopeIndex) {}

  /**
   * What an expression evaluates to. Receiver chains (`r.pipeline().set(…).set(…)…`) can run to thousands of links,
   * so the spine of calls, attributes and awaits is walked down in a loop and resolved upward once, link by link:
   * neither the stack nor the time grows faster than the chain. Answers are remembered per node for the calls met
   * later on the same chain.
   */
  typeOf(expr: Node, scope: Scope): PyType | undefined {
    // Resolution also recurses through names, returns and branches (`a1 = a0`, `a2 = a1` …): past a depth no real
    // code reaches, give up on the expression rather than overflow the stack and lose the file.
    if (this.depth >= MAX_DEPTH) { this.cuts++; return undefined; }
    this.depth++;
    try {
      return this.resolve(expr, scope);
    } finally {
      this.depth--;
    }
  }

  private resolve(expr: Node, scope: Scope): PyType | undefined {
    let memo = this.nodeMemo.get(scope);
    if (!memo) this.nodeMemo.set(scope, memo = new Map());
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
          types[i] = attr ? this.memberType(below, attr) : undefined;
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
      case 'identifier': return this.nameType(node.text, scope, node.startIndex);
      case 'lambda': {
        const fn = this.index.byNode.get(node.id);
        return fn && { t: 'function', scope: fn };
      }
      case 'conditional_expression': {
        const branches = [node.namedChild(0), node.namedChild(2)].filter((b): b is Node => !!b && !isNoneLiteral(b));
        return this.agree(branches.map((b) => this.typeOf(b, scope)));
      }
      default: return undefined;
    }
  }

  /** A declared type: a client class (or a wrapper around one) means an instance of it. */
  annotationType(annotation: Node, scope: Scope): PyType | undefined {
    let node = unparen(annotation.type === 'type' ? annotation.namedChild(0) ?? annotation : annotation);
    if (node.type === 'string') return this.forwardReference(node, scope);
    if (node.type === 'binary_operator') {
      const sides = [node.childForFieldName('left'), node.childForFieldName('right')].filter((s): s is Node => !!s && !isNoneLiteral(s));
      return this.agree(sides.map((s) => this.annotationType(s, scope)));
    }
    if (node.type === 'generic_type' || node.type === 'subscript') {
      const head = node.type === 'subscript' ? node.childForFieldName('value') : node.namedChild(0);
      const headName = head?.text.split('.').pop() ?? '';
      if (WRAPPERS.has(headName)) {
        const params = node.type === 'subscript' ? node.childrenForFieldName('subscript') : node.namedChild(1)?.namedChildren ?? [];
        return this.agree(params.filter((p): p is Node => !!p && !isNoneLiteral(p)).map((p) => this.annotationType(p, scope)));
      }
      if (!head) return undefined;
      node = head;
    }
    return this.instanceOf(this.typeOf(node, scope), annotation);
  }

  /**
   * What a value declared with this type is: a client for a client class, an instance for a class of this file, a
   * pipeline for a pipeline class (identified by the annotation, so each declared parameter is its own batch).
   */
  private instanceOf(t: PyType | undefined, annotation: Node): PyType | undefined {
    if (t?.t === 'class' && !t.pool) return { t: 'client', kind: t.kind, ...(t.via && { via: t.via }) };
    if (t?.t === 'userClass') return this.classIsClient(t.scope) ?? { t: 'instance', scope: t.scope };
    if (t?.t === 'pipelineClass') return { t: 'pipeline', kind: t.kind, call: annotation, transactional: t.transactional, declared: true };
    return undefined;
  }

  /** A quoted annotation (`"redis.Redis"`), read as the dotted name it spells. */
  private forwardReference(node: Node, scope: Scope): PyType | undefined {
    const spelled = constantString(node);
    if (!spelled || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(spelled)) return undefined;
    const [first, ...rest] = spelled.split('.');
    let t = this.nameType(first, scope, node.startIndex);
    for (const part of rest) t = this.memberType(t, part);
    return this.instanceOf(t, node);
  }

  /**
   * The bindings a name can have at an offset: the latest earlier one in its own scope; from an enclosing scope,
   * all of them (None aside), since the inner function may run after any of them.
   */
  private lookup(name: string, scope: Scope, at: number): Binding[] {
    let deferred = false;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      // Class bodies are not enclosing scopes for the functions inside them.
      if (s !== scope && s.kind === 'class') continue;
      if (s.outer.has(name)) { deferred = true; continue; }
      const own = s.names.get(name);
      if (own) {
        if (deferred) return own.filter((b) => !isNoneLiteral(b.value ?? null));
        const before = own.filter((b) => b.start <= at);
        return before.length ? [before[before.length - 1]] : [];
      }
      if (s.kind === 'function') deferred = true;
    }
    return [];
  }

  private nameType(name: string, scope: Scope, at: number): PyType | undefined {
    return this.agree(this.lookup(name, scope, at).map((b) => this.bindingType(b)));
  }

  /** A name bound once, to a plain string literal (`CONFIG_KEY = "config:global"`): its value. */
  stringConstant(name: string, scope: Scope, at: number): string | undefined {
    const found = this.lookup(name, scope, at);
    if (found.length !== 1 || found[0].kind !== 'value' || !found[0].value) return undefined;
    const all = [...found[0].scope.names.values()].find((list) => list.includes(found[0]));
    if (all?.length !== 1) return undefined;
    return constantString(found[0].value);
  }

  /** Every non-None binding must agree; anything unresolved makes the whole unknown. */
  private agree(types: (PyType | undefined)[]): PyType | undefined {
    if (!types.length || types.some((t) => !t)) return undefined;
    const first = types[0]!;
    if (types.every((t) => sameType(first, t!))) return first;
    return undefined;
  }

  private bindingType(b: Binding): PyType | undefined {
    if (this.memo.has(b)) return this.memo.get(b);
    if (this.busy.has(b)) { this.cuts++; return undefined; }
    this.busy.add(b);
    let t: PyType | undefined;
    switch (b.kind) {
      case 'import': t = importedType(b.importPath!); break;
      case 'def': t = b.isProperty ? this.returnType(b.opens!) : { t: 'function', scope: b.opens! }; break;
      case 'class': t = { t: 'userClass', scope: b.opens! }; break;
      // A subclass of a client class: `self` is that client (with what the subclass defines in front of it).
      case 'self': t = b.isClassMethod ? { t: 'userClass', scope: b.opens! } : this.classIsClient(b.opens!) ?? { t: 'instance', scope: b.opens! }; break;
      case 'param': case 'value': {
        const fromValue = b.value && !isNoneLiteral(b.value) ? this.typeOf(b.value, b.scope) : undefined;
        t = fromValue ?? (b.annotation ? this.annotationType(b.annotation, b.scope) : undefined);
        break;
      }
      default: t = undefined;
    }
    this.busy.delete(b);
    this.memo.set(b, t);
    return t;
  }

  /** What `obj.attr` is: a module member, a factory on a client class, or an attribute of a class of this file. */
  memberType(obj: PyType | undefined, attr: string): PyType | undefined {
    if (!obj) return undefined;
    switch (obj.t) {
      case 'module': return moduleMember(obj.path, attr);
      case 'class': return FACTORIES.has(attr) ? { t: 'factory', kind: obj.kind, pool: obj.pool } : undefined;
      case 'userClass': case 'instance': {
        const asClient = obj.t === 'userClass' ? this.classIsClient(obj.scope) : undefined;
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

  /** `callee` is the type of the called expression `fn`; the receiver's type is asked for only when needed. */
  private callType(call: Node, fn: Node, callee: PyType | undefined, receiver: () => PyType | undefined, scope: Scope): PyType | undefined {
    if (callee?.t === 'class' || callee?.t === 'factory') {
      return callee.pool ? undefined : { t: 'client', kind: callee.kind, ...(callee.via && { via: callee.via }) };
    }
    if (callee?.t === 'getter') return { t: 'client', kind: callee.kind };
    if (callee?.t === 'function') {
      const returned = this.returnType(callee.scope);
      // Declared, not built here: each call hands out its own pipeline.
      return returned?.t === 'pipeline' && returned.declared ? { ...returned, call } : returned;
    }
    if (callee?.t === 'userClass') return this.classIsClient(callee.scope) ?? { t: 'instance', scope: callee.scope };
    if (!callee && fn.type === 'identifier' && fn.text === 'super' && !this.lookup('super', scope, fn.startIndex).length) {
      return this.superType(call, scope);
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
    // Pipeline command methods return the pipeline, so chains stay on it.
    if (recvType?.t === 'pipeline' && method !== 'execute' && method !== 'reset') return recvType;
    return undefined;
  }

  private returnType(fn: Scope): PyType | undefined {
    if (this.busy.has(fn)) { this.cuts++; return undefined; }
    this.busy.add(fn);
    const declared = fn.returnType ? this.annotationType(fn.returnType, fn.parent ?? fn) : undefined;
    const t = declared ?? this.agree(fn.returns.filter((r) => !isNoneLiteral(r)).map((r) => this.typeOf(r, fn)));
    this.busy.delete(fn);
    return t;
  }

  /** A class attribute or `self.x`, looked up through base classes of this file as Python's MRO would. */
  private classMember(cls: Scope, attr: string): PyType | undefined {
    const bindings = [...(cls.names.get(attr) ?? []), ...(cls.attrs.get(attr) ?? [])];
    if (bindings.length) return this.agree(bindings.filter((b) => !isNoneLiteral(b.value ?? null)).map((b) => this.bindingType(b)));
    if (this.busy.has(cls)) { this.cuts++; return undefined; }
    this.busy.add(cls);
    let found: PyType | undefined;
    for (const base of cls.node.childForFieldName('superclasses')?.namedChildren ?? []) {
      const t = base && base.type !== 'keyword_argument' ? this.typeOf(base, cls.parent ?? cls) : undefined;
      found = t?.t === 'userClass' ? this.classMember(t.scope, attr) : undefined;
      if (found) break;
    }
    this.busy.delete(cls);
    return found;
  }

  /** A class of this file that subclasses a client class (directly or through classes of this file) is that client. */
  private classIsClient(cls: Scope): Extract<PyType, { t: 'client' }> | undefined {
    const kind = this.clientBase(cls);
    return kind && { t: 'client', kind, via: [cls] };
  }

  /** The types of a class's bases, in MRO order (keyword arguments such as `metaclass=` aside). */
  private baseTypes(cls: Scope): (PyType | undefined)[] {
    const supers = cls.node.childForFieldName('superclasses')?.namedChildren ?? [];
    return supers.map((s) => (s && s.type !== 'keyword_argument' ? this.typeOf(s, cls.parent ?? cls) : undefined));
  }

  /** The client class a class of this file derives from, through its bases of this file too. */
  private clientBase(cls: Scope): ClientKind | undefined {
    if (this.climbing.has(cls)) { this.cuts++; return undefined; }
    this.climbing.add(cls);
    try {
      for (const t of this.baseTypes(cls)) {
        if (t?.t === 'class' && !t.pool) return t.kind;
        const inherited = t?.t === 'userClass' ? this.clientBase(t.scope) : undefined;
        if (inherited) return inherited;
      }
      return undefined;
    } finally {
      this.climbing.delete(cls);
    }
  }

  /** Whether a class of this file, or one of its bases of this file, binds `name` (a method, a class attribute, `self.x`). */
  private defines(cls: Scope, name: string): boolean {
    if (cls.names.has(name) || cls.attrs.has(name)) return true;
    if (this.searching.has(cls)) return false;
    this.searching.add(cls);
    try {
      return this.baseTypes(cls).some((t) => t?.t === 'userClass' && this.defines(t.scope, name));
    } finally {
      this.searching.delete(cls);
    }
  }

  /**
   * `recv.method` on a client reached through a subclass of this file that defines `method` itself (an override, a
   * helper of the same name): the subclass's method runs, not the Redis command.
   */
  shadows(recv: PyType, method: string): boolean {
    return recv.t === 'client' && !!recv.via?.some((cls) => this.defines(cls, method));
  }

  /**
   * `super()` / `super(Cls, obj)` in a class of this file that derives from a client class: the client, with the
   * class's own bases of this file in front of it (the rest of the MRO after the class).
   */
  private superType(call: Node, scope: Scope): PyType | undefined {
    const args = callArgs(call.childForFieldName('arguments'));
    let cls: Scope | undefined;
    if (!args.positional.length && !args.keywords.size && !args.hasKwSplat) {
      let fn: Scope | undefined = scope;
      while (fn?.kind === 'comprehension') fn = fn.parent;
      // In a classmethod `super()` is bound to the class: its attributes are unbound methods, not commands.
      if (fn?.kind !== 'function' || fn.classMethod) return undefined;
      cls = fn.owner;
    } else if (args.positional.length === 2 && args.starredAt === undefined && !args.keywords.size) {
      const named = this.typeOf(args.positional[0], scope);
      const obj = this.typeOf(args.positional[1], scope);
      // `super(Cls, cls)` in a classmethod is bound to a class as well.
      if (named?.t === 'userClass' && obj?.t !== 'userClass') cls = named.scope;
    }
    const kind = cls && this.clientBase(cls);
    if (!cls || !kind) return undefined;
    const via = this.baseTypes(cls).flatMap((t) => (t?.t === 'userClass' ? [t.scope] : []));
    return via.length ? { t: 'client', kind, via } : { t: 'client', kind };
  }
}
