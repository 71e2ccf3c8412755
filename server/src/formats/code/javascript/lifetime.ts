/**
 * Whether a construction serves many requests or is built afresh per call: module level, class fields,
 * constructors, NestJS providers and memoised getters are shared; a loop body, an Express/Fastify/Koa/Hono route
 * handler, a NestJS controller route, a Next.js API route or a Lambda handler is per call. Anything else (a plain
 * function whose callers are not known) is unknown.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { ClientLifetime } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import type { Declarations } from './declarations';
import type { Exports } from './export-names';
import type { CallPlace, Positions } from './position';
import { FUNCTION_TYPES, argumentsOf, memberCall, stringValue, unwrap } from './syntax';

const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use']);
const NEST_ROUTES = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Sse', 'MessagePattern', 'EventPattern']);
const APP_ROUTER = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Methods a framework or a class's owner calls once, at start-up. */
const LIFECYCLE = new Set(['constructor', 'onModuleInit', 'onApplicationBootstrap', 'init', 'initialize', 'connect', 'setup', 'start', 'bootstrap']);
const LAMBDA_PARAM = /^_?(event|evt|e)$/;
const MAX_UP = 24;

export class Lifetimes {
  /** Function nodes registered as route handlers by name (`app.get('/x', getUser)`), found on first use. */
  private named: Set<number> | undefined;

  constructor(
    private readonly positions: Positions, private readonly decls: Declarations,
    private readonly exports: Exports, private readonly lines: LineIndex, private readonly path: string,
  ) {}

  of(n: Node, at: CallPlace): ClientLifetime {
    if (this.memoised(n, at)) return { kind: 'shared' };
    if (at.place.inLoop) {
      const loop = loopOf(n);
      if (loop) return { kind: 'per-call', reason: 'loop', where: this.range(loop) };
    }
    for (let s = at.place.scope; s; s = s.parent) {
      const fn = s.node;
      if (!FUNCTION_TYPES.has(fn.type)) continue;
      if (this.isProvider(fn)) return { kind: 'shared' };
      const handler = this.handlerKind(fn);
      if (handler) return { kind: 'per-call', reason: handler, where: this.range(fn) };
    }
    const target = at.target;
    if (target?.type === 'public_field_definition' || target?.type === 'field_definition') return { kind: 'shared' };
    const fn = at.place.fn?.node;
    if (!fn) return { kind: 'shared' };
    // `this.client = new Redis()` in the constructor or a start-up hook: one per instance of a long-lived class.
    const left = target?.type === 'assignment_expression' ? target.childForFieldName('left') : null;
    // A NestJS `@Injectable()` is a singleton: a field it assigns in any method is one client for the app.
    if (left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' && fn.type === 'method_definition'
      && (LIFECYCLE.has(fn.childForFieldName('name')?.text ?? '') || injectable(at.place.cls))) return { kind: 'shared' };
    return { kind: 'unknown' };
  }

  /**
   * `if (!client) client = createClient()`, `client ??= new Redis()`, `return this.c ?? (this.c = new Redis())`:
   * built once into a name that outlives the call, behind a check that it is not built yet.
   */
  private memoised(n: Node, at: CallPlace): boolean {
    const fn = at.place.fn?.node;
    if (!fn) return false;
    let assigned: Node | undefined;
    // A few levels up at most: each step of `Node.parent` searches down from the root.
    let steps = 0;
    for (let p = n.parent; p && !p.equals(fn) && steps++ < MAX_UP; p = p.parent) {
      if (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') {
        const left = p.childForFieldName('left');
        if (!left) return false;
        const op = p.type === 'augmented_assignment_expression' ? p.childForFieldName('operator')?.text : '=';
        if (!this.outlives(left, fn)) return false;
        if (op === '??=' || op === '||=') return true;
        if (op !== '=') return false;
        assigned = left;
        continue;
      }
      if (!assigned) continue;
      if (p.type === 'if_statement' && mentions(p.childForFieldName('condition'), assigned.text)) return true;
      if (p.type === 'binary_expression' && ['??', '||'].includes(p.childForFieldName('operator')?.text ?? '') && p.childForFieldName('left')?.text === assigned.text) return true;
      if (p.type === 'ternary_expression' && mentions(p.childForFieldName('condition'), assigned.text)) return true;
    }
    // `if (client) return client; client = createClient();`: an early return guards the rest of the body.
    if (!assigned) return false;
    const body = fn.childForFieldName('body');
    return !!body && body.namedChildren.some((s) => s?.type === 'if_statement' && mentions(s.childForFieldName('condition'), assigned!.text)
      && s.childForFieldName('consequence')?.text.includes('return') === true && s.endIndex <= n.startIndex);
  }

  /** A name declared outside the function (`this.x`, or a variable of an enclosing scope). */
  private outlives(left: Node, fn: Node): boolean {
    if (left.type === 'member_expression') return left.childForFieldName('object')?.type === 'this';
    if (left.type !== 'identifier') return false;
    const inside = this.decls.resolve(left);
    // The name looked up from where the function itself sits (its place is the scope around it): the same
    // declaration means the name is not the function's own.
    const outside = this.decls.resolveName(left.text, fn);
    return !!inside && inside === outside;
  }

  /** NestJS `{ provide: REDIS, useFactory: () => new Redis() }`: the container builds it once. */
  private isProvider(fn: Node): boolean {
    const pair = fn.parent;
    if (pair?.type !== 'pair' || pair.childForFieldName('key')?.text !== 'useFactory') return false;
    return !!pair.parent && pair.parent.namedChildren.some((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === 'provide');
  }

  private handlerKind(fn: Node): 'request-handler' | 'lambda-handler' | undefined {
    if (this.isRoute(fn)) return 'request-handler';
    const params = paramNames(fn);
    // `(req, res)` / `(request, reply)`: the shape of a Node HTTP handler, wherever it is registered.
    if (params.length >= 2 && /^(req|request)$/.test(params[0]) && /^(res|response|reply)$/.test(params[1])) return 'request-handler';
    if (fn.type === 'method_definition') return nestRoute(fn) ? 'request-handler' : undefined;
    const exported = this.exportedAs(fn);
    if (!exported) return undefined;
    if (exported === 'default') {
      // Next.js pages router `export default async function handler(req, res)`, under any parameter names.
      return /(^|\/)pages\/api\//.test(this.path) ? 'request-handler' : undefined;
    }
    if (APP_ROUTER.has(exported)) return 'request-handler';
    // Serverless functions are exported under any name (`handler: src/users.create`): an `event` first parameter says it.
    if (exported === 'handler' || exported === 'lambdaHandler' || LAMBDA_PARAM.test(params[0] ?? '')) return 'lambda-handler';
    return undefined;
  }

  /** `app.get('/x', (req, res) => …)`, `router.route('/x').post(fn)`, `fastify.route({ url, handler })`, or a function named in one. */
  private isRoute(fn: Node): boolean {
    const call = this.positions.callbacks.get(fn.id);
    if (call && isRouteCall(call, fn)) return true;
    const pair = fn.parent;
    if (pair?.type === 'pair' && pair.childForFieldName('key')?.text === 'handler') {
      const args = pair.parent?.parent;
      const routeCall = args?.type === 'arguments' ? args.parent : undefined;
      const m = routeCall && memberCall(routeCall);
      if (m && m.property.text === 'route') return true;
    }
    return this.namedHandlers().has(fn.id);
  }

  private namedHandlers(): Set<number> {
    if (this.named) return this.named;
    const out = new Set<number>();
    for (const n of this.positions.nodes) {
      if (n.type !== 'call_expression' || !isRouteCall(n)) continue;
      for (const a of argumentsOf(n).slice(1)) {
        const id = unwrap(a);
        const target = id.type === 'identifier' ? this.decls.functionOf(id) : undefined;
        if (target) out.add(target.id);
      }
    }
    return (this.named = out);
  }

  /** The name a function is exported under (`default` for a default export), through `const f = …` and `exports.f = …`. */
  private exportedAs(fn: Node): string | undefined {
    let n: Node = fn;
    let parent = n.parent;
    // `export const handler = middy(async (event) => …)`: a wrapper's callback is what runs per event.
    const wrapper = this.positions.callbacks.get(fn.id);
    if (wrapper && parent?.type === 'arguments' && wrapper.childForFieldName('function')?.type === 'identifier') { n = wrapper; parent = n.parent; }
    if (parent?.type === 'export_statement') return parent.children.some((c) => c?.type === 'default') ? 'default' : n.childForFieldName('name')?.text;
    const name = n.childForFieldName('name')?.text;
    if (n.type === 'function_declaration' && parent?.type === 'program' && name) return this.exports.names.has(name) ? name : undefined;
    if (parent?.type === 'variable_declarator') {
      const declName = parent.childForFieldName('name')?.text;
      const stmt = parent.parent;
      if (!declName || stmt?.parent?.type !== 'export_statement' && stmt?.parent?.type !== 'program') return undefined;
      return stmt?.parent?.type === 'export_statement' || this.exports.names.has(declName) ? declName : undefined;
    }
    if (parent?.type === 'assignment_expression') return this.exports.assigned(parent);
    return undefined;
  }

  private range(n: Node) {
    return this.lines.range(n.startIndex, n.endIndex);
  }
}

/** A route registration: an HTTP-verb method with a path first (`use` may go without one), and `fn` after it. */
function isRouteCall(call: Node, fn?: Node): boolean {
  const m = memberCall(call);
  if (!m || !ROUTE_METHODS.has(m.property.text)) return false;
  const args = argumentsOf(call);
  if (fn && args[0]?.equals(fn) && m.property.text !== 'use') return isRouteObject(m.object);
  const path = args[0] && unwrap(args[0]);
  if (path && isPath(path)) return true;
  if (m.property.text === 'use') return !!fn && paramNames(fn).length >= 2;
  return isRouteObject(m.object);
}

/** `router.route('/x')`: the object a verb method is called on is already bound to a path. */
function isRouteObject(obj: Node): boolean {
  const m = memberCall(unwrap(obj));
  return !!m && m.property.text === 'route' && !!argumentsOf(unwrap(obj))[0] && isPath(unwrap(argumentsOf(unwrap(obj))[0]));
}

function isPath(n: Node): boolean {
  if (n.type === 'array') return n.namedChildren.some((c) => !!c && isPath(unwrap(c)));
  const s = n.type === 'template_string' ? n.text.slice(1) : stringValue(n);
  return s !== undefined && (s.startsWith('/') || s === '*');
}

function injectable(cls: Node | undefined): boolean {
  if (!cls) return false;
  const holder = cls.parent?.type === 'export_statement' ? cls.parent : cls;
  return [...cls.namedChildren, ...(holder === cls ? [] : holder.namedChildren)].some((d) => d?.type === 'decorator' && /^Injectable\b/.test(d.namedChildren[0]?.text ?? ''));
}

/** A NestJS controller route: a method decorated `@Get()`, `@Post(':id')` … */
function nestRoute(method: Node): boolean {
  for (let d = method.previousNamedSibling; d?.type === 'decorator'; d = d.previousNamedSibling) {
    const e = d.namedChildren[0];
    const name = e?.type === 'call_expression' ? e.childForFieldName('function')?.text : e?.text;
    if (name && NEST_ROUTES.has(name)) return true;
  }
  return false;
}

function paramNames(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single.text];
  const params = fn.childForFieldName('parameters');
  return (params?.namedChildren ?? []).filter((p) => p && p.type !== 'comment').map((p) => {
    const pattern = p!.childForFieldName('pattern') ?? (p!.type === 'assignment_pattern' ? p!.childForFieldName('left') : p);
    return pattern?.type === 'identifier' ? pattern.text : '';
  });
}

function loopOf(n: Node): Node | undefined {
  let steps = 0;
  for (let p = n.parent, child: Node = n; p && steps++ < MAX_UP; child = p, p = p.parent) {
    if (LOOPS.has(p.type) && p.childForFieldName('body')?.equals(child)) return p;
    if (FUNCTION_TYPES.has(p.type)) return p.parent?.type === 'arguments' ? p.parent.parent ?? undefined : undefined;
  }
  return undefined;
}

function mentions(cond: Node | null, name: string): boolean {
  if (!cond) return false;
  const text = cond.text;
  let i = text.indexOf(name);
  while (i >= 0) {
    const before = text[i - 1]; const after = text[i + name.length];
    if (!/[\w$.]/.test(before ?? '') && !/[\w$]/.test(after ?? '')) return true;
    i = text.indexOf(name, i + 1);
  }
  return false;
}
