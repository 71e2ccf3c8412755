/**
 * How long a client built at some point of a Python module lives: shared (module level, a class body or
 * `__init__`, a cached getter, an app-startup hook) or built per call (in a loop, a web request handler, a Lambda
 * handler). A plain function whose callers are not known is unknown, so rules stay silent about it.
 */
import type { ClientLifetime } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import { bindingsAt, calleeName, type ProvenanceReader } from './provenance';
import type { Scope, ScopeIndex } from './scopes';
import { COMPREHENSION_TYPES, rangeOf, type Node } from './syntax';

/** Decorators that make a function hand out one value for all its calls. */
const CACHING = new Set(['lru_cache', 'cache', 'cached_property']);
/** Hooks that run once when a web app starts. */
const STARTUP = new Set(['before_first_request', 'before_serving']);
/** Route registration decorators of Flask, FastAPI, aiohttp, Quart, Sanic and Starlette app and router objects. */
const ROUTE_METHODS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket', 'view']);
/** Hooks of those objects that run around every request (Flask's `before_request`, FastAPI's `middleware("http")`). */
const REQUEST_HOOKS = new Set(['before_request', 'after_request', 'teardown_request', 'middleware']);
/** The classes whose instances register routes, by package. */
const WEB_ROOTS = new Set(['flask', 'fastapi', 'aiohttp', 'quart', 'sanic', 'starlette']);
const WEB_APPS = new Set(['Flask', 'Blueprint', 'FastAPI', 'APIRouter', 'RouteTableDef', 'Quart', 'Sanic', 'Starlette', 'Router']);
/** Packages whose class-based views handle one request per method call. */
const VIEW_ROOTS = new Set(['django', 'rest_framework', 'flask', 'aiohttp', 'flask_restful']);
const VIEW_CLASS = /(View|ViewSet|Resource)$/;
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'dispatch', 'list', 'create', 'retrieve', 'update', 'partial_update', 'destroy']);
const DJANGO_ROOTS = new Set(['django', 'rest_framework']);

interface Found { loop?: Node; fn?: Node }

function paramNames(fn: Node): string[] {
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  return params.namedChildren.flatMap((p) => {
    if (!p) return [];
    if (p.type === 'identifier') return [p.text];
    const name = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    return name?.type === 'identifier' ? [name.text] : [`*${p.type}`];
  });
}

function decoratorsOf(fn: Node): Node[] {
  const holder = fn.parent;
  if (holder?.type !== 'decorated_definition') return [];
  return holder.namedChildren.flatMap((d) => (d?.type === 'decorator' && d.namedChild(0) ? [d.namedChild(0)!] : []));
}

/** The called or named function of a decorator (`app.route` of `@app.route("/")`). */
function decoratorTarget(d: Node): Node {
  return d.type === 'call' ? d.childForFieldName('function') ?? d : d;
}

export class LifetimeReader {
  /** Functions of this module passed to FastAPI's `Depends(...)`, found once when first asked. */
  private dependencies?: Set<string>;

  constructor(private readonly lines: LineIndex, private readonly index: ScopeIndex, private readonly root: Node, private readonly names: ProvenanceReader) {}

  /**
   * `target`: what the construction is assigned to, which tells a cached singleton from a fresh client; `scope`:
   * the scope the call is evaluated in.
   */
  of(call: Node, target: Node | null, scope: Scope): ClientLifetime {
    let holder: Scope | undefined = scope;
    while (holder && holder.kind !== 'function' && holder.kind !== 'module') holder = holder.parent;
    const found = this.enclosing(call, (holder ?? this.index.module).node);
    if (found.loop) return { kind: 'per-call', reason: 'loop', where: rangeOf(found.loop, this.lines) };
    if (!found.fn) return { kind: 'shared' };
    const fnNode = found.fn;
    const fn = this.index.byNode.get(fnNode.id);
    if (!fn || fnNode.type === 'lambda') return { kind: 'unknown' };
    if (this.sharedIn(fnNode, fn, target)) return { kind: 'shared' };
    const where = rangeOf(fnNode, this.lines);
    if (this.handlesRequests(fnNode, fn)) return { kind: 'per-call', reason: 'request-handler', where };
    if (this.handlesLambda(fnNode, fn)) return { kind: 'per-call', reason: 'lambda-handler', where };
    return { kind: 'unknown' };
  }

  /**
   * The nearest function (or class body) around the call, and a loop body between them. Found from the top down,
   * from the function or module `from` that holds the call: asking a node for its parent searches from the root,
   * which on a chain thousands of links deep costs the chain's length per step.
   */
  private enclosing(call: Node, from: Node): Found {
    let found: Found = {};
    for (let n: Node | undefined = from; n && n.id !== call.id;) {
      const t = n.type;
      const child: Node | undefined = n.childWithDescendant(call) ?? undefined;
      if (!child) break;
      if (t === 'function_definition' || t === 'lambda') found = { fn: n };
      else if (t === 'class_definition') found = {};
      else if (t === 'for_statement' && n.childForFieldName('body')?.id === child.id) found = { ...found, loop: n };
      else if (t === 'while_statement' && (n.childForFieldName('body')?.id === child.id || n.childForFieldName('condition')?.id === child.id)) found = { ...found, loop: n };
      // A comprehension's first iterable is evaluated once, outside its loop.
      else if (COMPREHENSION_TYPES.has(t) && n.namedChildren.find((c) => c?.type === 'for_in_clause')?.id !== child.id) found = { ...found, loop: n };
      n = child;
    }
    return found;
  }

  private sharedIn(fnNode: Node, fn: Scope, target: Node | null): boolean {
    const decorators = decoratorsOf(fnNode);
    for (const d of decorators) {
      const name = calleeName(decoratorTarget(d));
      if (name && (CACHING.has(name) || STARTUP.has(name))) return true;
      // `@app.on_event("startup")`
      if (name === 'on_event' && d.type === 'call' && /^\(\s*["']startup["']/.test(d.childForFieldName('arguments')?.text ?? '')) return true;
    }
    const name = fnNode.childForFieldName('name')?.text;
    // FastAPI's `lifespan(app)` context manager, Django's `AppConfig.ready()`.
    if (name === 'lifespan' || (name === 'ready' && fn.owner && this.hasBase(fn.owner, (path) => path.endsWith('.AppConfig')))) return true;
    if (!target) return false;
    if (target.type === 'attribute' && fn.selfName && target.childForFieldName('object')?.text === fn.selfName) {
      // A field set when the instance is built, or once on first use (`if self._client is None: self._client = …`).
      return name === '__init__' || this.guards(fnNode, target.text);
    }
    // `global _client; if _client is None: _client = Redis()`
    return target.type === 'identifier' && fn.outer.has(target.text) && this.guards(fnNode, target.text);
  }

  /** An `if` of the function tests the name, as a lazily built singleton does before building it. */
  private guards(fnNode: Node, name: string): boolean {
    const word = new RegExp(`(^|[^\\w.])${name.replace(/[.]/g, '\\.')}($|[^\\w])`);
    return fnNode.descendantsOfType('if_statement').some((s) => !!s && word.test(s.childForFieldName('condition')?.text ?? ''));
  }

  private handlesRequests(fnNode: Node, fn: Scope): boolean {
    const module = this.index.module;
    for (const d of decoratorsOf(fnNode)) {
      const target = decoratorTarget(d);
      const path = this.names.importedPath(target, fn.parent ?? module);
      // DRF's `@api_view(["GET"])`
      if (path?.startsWith('rest_framework.') && path.endsWith('.api_view')) return true;
      if (target.type !== 'attribute') continue;
      const method = target.childForFieldName('attribute')?.text;
      const obj = target.childForFieldName('object');
      const registers = method && (d.type === 'call' ? ROUTE_METHODS.has(method) || method === 'middleware' : REQUEST_HOOKS.has(method));
      if (registers && obj && this.isWebApp(obj, fn.parent ?? module)) return true;
    }
    const name = fnNode.childForFieldName('name')?.text ?? '';
    if (fn.owner) {
      return VIEW_METHODS.has(name) && paramNames(fnNode)[1] === 'request'
        && this.hasBase(fn.owner, (path) => VIEW_ROOTS.has(path.split('.')[0]) && VIEW_CLASS.test(path));
    }
    if (fn.parent !== module) return false;
    // A Django function view: `def profile(request, user_id)` in a module that imports Django.
    if (paramNames(fnNode)[0] === 'request' && this.importsAny(DJANGO_ROOTS)) return true;
    return this.dependencyNames().has(name);
  }

  /** `def lambda_handler(event, context)` at module level. */
  private handlesLambda(fnNode: Node, fn: Scope): boolean {
    const name = fnNode.childForFieldName('name')?.text ?? '';
    const params = paramNames(fnNode);
    return fn.parent === this.index.module && /handler/i.test(name) && params.length === 2
      && /^_?(event|evt)$/.test(params[0]) && /^_?(context|ctx)$/.test(params[1]);
  }

  /** An app or router object a web framework builds (`app = Flask(__name__)`, `router = APIRouter()`). */
  private isWebApp(obj: Node, scope: Scope): boolean {
    if (obj.type !== 'identifier') return false;
    const found = bindingsAt(obj.text, scope, obj.startIndex);
    if (found.length !== 1 || found[0].kind !== 'value' || !found[0].value) return false;
    const value = found[0].value;
    const fn = value.type === 'call' ? value.childForFieldName('function') : null;
    const path = fn && this.names.importedPath(fn, found[0].scope);
    return !!path && WEB_ROOTS.has(path.split('.')[0]) && WEB_APPS.has(path.split('.').pop()!);
  }

  private hasBase(cls: Scope, test: (path: string) => boolean): boolean {
    const supers = cls.node.childForFieldName('superclasses')?.namedChildren ?? [];
    return supers.some((b) => {
      if (!b || b.type === 'keyword_argument') return false;
      const path = this.names.importedPath(b, cls.parent ?? this.index.module);
      return !!path && test(path);
    });
  }

  private importsAny(roots: Set<string>): boolean {
    for (const list of this.index.module.names.values()) {
      if (list.some((b) => b.kind === 'import' && roots.has(b.importPath!.split('.')[0]))) return true;
    }
    return false;
  }

  /** FastAPI runs a `Depends(get_redis)` dependency for every request that needs it. */
  private dependencyNames(): Set<string> {
    if (this.dependencies) return this.dependencies;
    this.dependencies = new Set();
    if (!this.lines.text.includes('Depends(')) return this.dependencies;
    for (const call of this.root.descendantsOfType('call')) {
      const fn = call?.childForFieldName('function');
      if (!fn || calleeName(fn) !== 'Depends') continue;
      const arg = call!.childForFieldName('arguments')?.namedChildren.find((c) => c?.type === 'identifier');
      if (arg) this.dependencies.add(arg.text);
    }
    return this.dependencies;
  }
}
