/**
 * Receiver resolution: decides which expressions denote a Redis client (or a pipeline/MULTI queued on one), so
 * that `Object.keys(x)`, `map.set(k, v)` or a local that shadows a client never become call sites.
 *
 * One pass records every declaration in its scope (block, function, for statement, catch clause, module) and
 * every class member; assignments (`x = new Redis()`, `this.redis = …`) are added to what they assign. Values
 * are then computed on demand and memoised, so a function may use a client declared further down the module.
 */
import type { Node } from 'web-tree-sitter';
import type { ClientLibrary } from '../../../model/code';
import type { Binding } from './imports';
import { BATCH_TERMINALS, CLIENT_COPIES, CLIENT_PASSTHROUGH, commandForMethod } from './commands';
import { CLASS_TYPES, FUNCTION_TYPES, argumentsOf, memberCall, unwrap } from './syntax';
import type { Positions } from './position';

export interface ClientValue { kind: 'client'; library: ClientLibrary; cluster: boolean; clusterNode?: boolean }
export interface BatchValue {
  kind: 'batch'; library: ClientLibrary; cluster: boolean;
  /** `pipeline()` / `multi()` call that opened the batch. */
  opener: Node;
  /** The client expression the batch was opened on. */
  client: Node;
  transactional: boolean;
}
export type Value = ClientValue | BatchValue;
/**
 * An array of clients: the node list of a cluster client (`cluster.nodes('master')`), or a value typed `Redis[]`.
 * Internal to resolution: an array is never a receiver (`nodes.keys()` is `Array.prototype.keys`), but its
 * elements are.
 */
interface ArrayValue { kind: 'array'; element: ClientValue }
type Resolved = Value | ArrayValue;

/**
 * `elements`: expressions whose elements the name is bound to (`for (const n of xs)`, `const [n] = xs`, the first
 * parameter of `xs.map((n) => …)`).
 */
interface Decl { sources: Node[]; types: Node[]; binding?: Binding; elements?: Node[] }

const CLASS_FIELDS = new Set(['public_field_definition', 'field_definition']);
/** Array methods that call their callback with an element, by the index of the parameter that receives it. */
const ELEMENT_CALLBACKS = new Map<string, number>([
  ...['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex'].map((m) => [m, 0] as const),
  ['reduce', 1], ['reduceRight', 1],
]);
/** Array methods that return an array of the same elements. */
const ARRAY_PRESERVING = new Set(['filter', 'slice', 'reverse', 'sort', 'toSorted', 'toReversed', 'splice']);
/** Array methods that return one element. */
const ELEMENT_RETURNING = new Set(['find', 'findLast', 'at', 'pop', 'shift']);

/** How deep value resolution may recurse (nested `??`, `await`, call chains not resolved innermost first). */
const MAX_DEPTH = 400;

/** Node types that declare or assign a name: what the resolver has to see. */
export const DECLARING_TYPES = new Set([
  'import_statement', 'variable_declarator', 'function_declaration', 'generator_function_declaration', 'class_declaration',
  'abstract_class_declaration', 'type_alias_declaration', 'catch_clause', 'for_in_statement', 'assignment_expression',
  ...FUNCTION_TYPES, ...CLASS_FIELDS,
]);

/** Adds a declaration to an owner's table; a name declared twice (var, overloads, merged members) keeps both. */
function merge(tables: Map<number, Map<string, Decl>>, owner: Node, name: string, decl: Decl): void {
  let table = tables.get(owner.id);
  if (!table) tables.set(owner.id, (table = new Map()));
  const existing = table.get(name);
  if (existing) {
    existing.sources.push(...decl.sources);
    existing.types.push(...decl.types);
    if (decl.elements?.length) (existing.elements ??= []).push(...decl.elements);
  } else {
    table.set(name, { binding: decl.binding, sources: [...decl.sources], types: [...decl.types], ...(decl.elements?.length ? { elements: [...decl.elements] } : {}) });
  }
}

function nameOf(node: Node | null): string | undefined {
  return node && (node.type === 'identifier' || node.type === 'property_identifier' || node.type === 'private_property_identifier')
    ? node.text : undefined;
}

export class Receivers {
  private readonly scopes = new Map<number, Map<string, Decl>>();
  private readonly members = new Map<number, Map<string, Decl>>();
  private readonly typeAliases = new Map<string, Node>();
  private readonly memo = new Map<number, Resolved | undefined>();
  private readonly busy = new Set<number>();
  private depth = 0;
  /** The resolution under way hit `MAX_DEPTH`: what it computes may be incomplete, so it is not remembered. */
  private truncated = false;

  /** `nodes`: every node of a `DECLARING_TYPES` type in the module. */
  constructor(nodes: Node[], private readonly imports: Map<string, Binding>, private readonly positions: Positions) {
    const assignments: Node[] = [];
    for (const n of nodes) this.record(n, assignments);
    for (const a of assignments) this.recordAssignment(a);
  }

  /** The client or batch an expression denotes, if any. */
  valueOf(node: Node): Value | undefined {
    const v = this.value(node);
    return v?.kind === 'array' ? undefined : v;
  }

  /** What an expression denotes, arrays of clients included. */
  private value(node: Node): Resolved | undefined {
    const n = unwrap(node);
    if (this.memo.has(n.id)) return this.memo.get(n.id);
    if (this.busy.has(n.id)) return undefined;
    // Deeply nested input gives up rather than overflow the stack.
    if (this.depth >= MAX_DEPTH) { this.truncated = true; return undefined; }
    this.busy.add(n.id);
    this.depth++;
    const v = this.compute(n);
    this.depth--;
    this.busy.delete(n.id);
    if (!this.truncated) this.memo.set(n.id, v);
    if (this.depth === 0) this.truncated = false;
    return v;
  }

  /** What an identifier's declaration binds from a client library (class, factory, module). */
  bindingOf(id: Node): Binding | undefined {
    return id.type === 'identifier' ? this.resolve(id)?.binding : undefined;
  }

  // ---- declarations ----

  private declare(scope: Node, name: string | undefined, decl: Decl = { sources: [], types: [] }): void {
    if (name) merge(this.scopes, scope, name, decl);
  }

  private scopeOf(node: Node): Node { return this.positions.placeOf(node).scope?.node ?? node; }

  private enclosingClass(node: Node): Node | undefined { return this.positions.placeOf(node).cls; }

  private record(n: Node, assignments: Node[]): void {
    switch (n.type) {
      case 'import_statement':
        this.recordImport(n);
        return;
      case 'variable_declarator': {
        const name = n.childForFieldName('name');
        const scope = this.scopeOf(n);
        if (name?.type === 'identifier') {
          const value = n.childForFieldName('value');
          const type = n.childForFieldName('type');
          this.declare(scope, name.text, {
            sources: value ? [value] : [], types: type ? [type] : [],
            binding: scope.type === 'program' ? this.imports.get(name.text) : undefined,
          });
        } else if (name) {
          const value = n.childForFieldName('value');
          // `const [first, second] = cluster.nodes()`: the top-level names of an array pattern are elements.
          const elements = new Set<number>();
          if (name.type === 'array_pattern' && value) for (const id of arrayPatternNames(name)) elements.add(id.id);
          for (const id of name.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) {
            if (id) {
              this.declare(scope, id.text, {
                sources: [], types: [], binding: scope.type === 'program' ? this.imports.get(id.text) : undefined,
                ...(value && elements.has(id.id) ? { elements: [value] } : {}),
              });
            }
          }
        }
        return;
      }
      case 'function_declaration': case 'generator_function_declaration': case 'class_declaration': case 'abstract_class_declaration':
        this.declare(this.scopeOf(n), n.childForFieldName('name')?.text);
        if (FUNCTION_TYPES.has(n.type)) this.recordParams(n);
        return;
      case 'type_alias_declaration': {
        const name = n.childForFieldName('name');
        const value = n.childForFieldName('value');
        if (name && value) this.typeAliases.set(name.text, value);
        return;
      }
      case 'catch_clause': {
        const p = n.childForFieldName('parameter');
        if (p) for (const id of [p, ...p.descendantsOfType('identifier')]) if (id?.type === 'identifier') this.declare(n, id.text);
        return;
      }
      case 'for_in_statement': {
        const left = n.childForFieldName('left');
        const isDeclaration = n.children.some((c) => c && ['const', 'let', 'var'].includes(c.type));
        // `for (const node of cluster.nodes())`: the loop variable is an element of what it iterates.
        const right = n.childForFieldName('operator')?.type === 'of' ? n.childForFieldName('right') : null;
        if (left && isDeclaration) {
          for (const id of [left, ...left.descendantsOfType('identifier')]) {
            if (id?.type === 'identifier') this.declare(n, id.text, { sources: [], types: [], ...(right && id.equals(left) ? { elements: [right] } : {}) });
          }
        } else if (left?.type === 'identifier' && right) {
          assignments.push(n);
        }
        return;
      }
      case 'assignment_expression': {
        // The typescript grammar reads `using x = …` / `await using x = …` as an assignment led by `using`.
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (n.child(0)?.type === 'using' && left?.type === 'identifier') this.declare(this.scopeOf(n), left.text, { sources: right ? [right] : [], types: [] });
        else assignments.push(n);
        return;
      }
      default:
        if (FUNCTION_TYPES.has(n.type)) this.recordParams(n);
        else if (CLASS_FIELDS.has(n.type)) this.recordField(n);
    }
  }

  private recordImport(n: Node): void {
    const program = this.scopeOf(n);
    for (const id of n.descendantsOfType(['identifier', 'type_identifier'])) {
      if (!id) continue;
      const spec = id.parent;
      // In `{ a as b }` only the alias is bound locally.
      if (spec?.type === 'import_specifier' && spec.childForFieldName('alias') && !spec.childForFieldName('alias')!.equals(id)) continue;
      this.declare(program, id.text, { sources: [], types: [], binding: this.imports.get(id.text) });
    }
  }

  private recordParams(fn: Node): void {
    const element = this.callbackElement(fn);
    const single = fn.childForFieldName('parameter');
    if (single) this.declare(fn, single.text, { sources: [], types: [], ...(element?.index === 0 ? { elements: [element.array] } : {}) });
    const params = fn.childForFieldName('parameters');
    if (!params) return;
    const isConstructor = fn.type === 'method_definition' && fn.childForFieldName('name')?.text === 'constructor';
    let index = -1;
    for (const p of params.namedChildren) {
      if (!p) continue;
      if (p.type !== 'comment') index++;
      const pattern = p.childForFieldName('pattern') ?? (p.type === 'assignment_pattern' ? p.childForFieldName('left') : p);
      const type = p.childForFieldName('type');
      const dflt = p.childForFieldName('value') ?? (p.type === 'assignment_pattern' ? p.childForFieldName('right') : null);
      const decl: Decl = { sources: dflt ? [dflt] : [], types: type ? [type] : [] };
      if (element?.index === index) decl.elements = [element.array];
      if (pattern?.type === 'identifier') this.declare(fn, pattern.text, decl);
      else if (pattern) for (const id of pattern.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) if (id) this.declare(fn, id.text);
      // `constructor(private readonly redis: Redis)` declares a class member too.
      const isProperty = p.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier')
        || p.children.some((c) => c?.type === 'readonly');
      const cls = isConstructor && isProperty ? this.enclosingClass(fn) : undefined;
      if (cls && pattern?.type === 'identifier') this.declareMember(cls, pattern.text, decl);
    }
  }

  /**
   * For a function written as the callback of an array method (`xs.map((node) => …)`, `xs.reduce((acc, node) => …)`):
   * the array and which parameter receives its elements.
   */
  private callbackElement(fn: Node): { array: Node; index: number } | undefined {
    const call = this.positions.callbacks.get(fn.id);
    const m = call && memberCall(call);
    const index = m && ELEMENT_CALLBACKS.get(m.property.text);
    if (!m || index === undefined || !argumentsOf(call)[0]?.equals(fn)) return undefined;
    return { array: m.object, index };
  }

  private recordField(n: Node): void {
    const cls = this.enclosingClass(n);
    const name = nameOf(n.childForFieldName('name') ?? n.childForFieldName('property'));
    const value = n.childForFieldName('value');
    const type = n.childForFieldName('type');
    if (cls && name) this.declareMember(cls, name, { sources: value ? [value] : [], types: type ? [type] : [] });
  }

  private declareMember(cls: Node, name: string, decl: Decl): void {
    merge(this.members, cls, name, decl);
  }

  private recordAssignment(a: Node): void {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (!left || !right) return;
    if (a.type === 'for_in_statement') {
      // `for (node of cluster.nodes())` on a variable declared elsewhere.
      const decl = this.resolve(left);
      if (decl) (decl.elements ??= []).push(right);
    } else if (left.type === 'identifier') {
      this.resolve(left)?.sources.push(right);
    } else if (left.type === 'member_expression' && left.childForFieldName('object')?.type === 'this') {
      const cls = this.enclosingClass(a);
      const name = nameOf(left.childForFieldName('property'));
      if (cls && name) this.declareMember(cls, name, { sources: [right], types: [] });
    }
  }

  private resolve(id: Node): Decl | undefined {
    for (let s = this.positions.placeOf(id).scope; s; s = s.parent) {
      const d = this.scopes.get(s.node.id)?.get(id.text);
      if (d) return d;
    }
    return undefined;
  }

  // ---- values ----

  private declValue(decl: Decl | undefined): Resolved | undefined {
    if (!decl) return undefined;
    for (const s of decl.sources) { const v = this.value(s); if (v) return v; }
    for (const e of decl.elements ?? []) { const v = this.value(e); if (v?.kind === 'array') return v.element; }
    for (const t of decl.types) { const v = this.typeValue(t); if (v) return v; }
    return undefined;
  }

  private compute(n: Node): Resolved | undefined {
    switch (n.type) {
      case 'identifier': return this.declValue(this.resolve(n));
      case 'await_expression': return n.namedChildren[0] ? this.value(n.namedChildren[0]) : undefined;
      case 'member_expression': {
        if (n.childForFieldName('object')?.type !== 'this') return undefined;
        const cls = this.enclosingClass(n);
        const name = nameOf(n.childForFieldName('property'));
        return cls && name ? this.declValue(this.members.get(cls.id)?.get(name)) : undefined;
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
    if (fn.type === 'identifier') {
      const b = this.bindingOf(fn);
      if (b?.kind === 'factory') return { kind: 'client', library: b.library, cluster: b.cluster };
      return this.returnValue(this.functionOf(fn));
    }
    const m = memberCall(n);
    if (!m) return undefined;
    const method = m.property.text;
    const mod = this.bindingOf(m.object);
    if (mod?.kind === 'module' && (method === 'createClient' || method === 'createCluster')) {
      return { kind: 'client', library: mod.library, cluster: method === 'createCluster' };
    }
    const recv = this.value(m.object);
    if (recv?.kind === 'array') {
      if (ARRAY_PRESERVING.has(method)) return recv;
      if (ELEMENT_RETURNING.has(method)) return recv.element;
      return undefined;
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

  /** The function a callee identifier names: a function declaration or a const bound to a function. */
  private functionOf(id: Node): Node | undefined {
    for (let s = this.positions.placeOf(id).scope; s; s = s.parent) {
      const n = s.node;
      if (!this.scopes.get(n.id)?.has(id.text)) continue;
      for (const c of n.type === 'program' || n.type === 'statement_block' ? n.namedChildren : []) {
        const target = c?.type === 'export_statement' ? c.namedChildren.find((x) => x && x.type !== 'comment') ?? null : c;
        if (!target) continue;
        if (FUNCTION_TYPES.has(target.type) && target.childForFieldName('name')?.text === id.text) return target;
        if (target.type === 'lexical_declaration' || target.type === 'variable_declaration') {
          for (const d of target.namedChildren) {
            const v = d?.childForFieldName('value');
            if (d?.childForFieldName('name')?.text === id.text && v && FUNCTION_TYPES.has(unwrap(v).type)) return unwrap(v);
          }
        }
      }
      return undefined;
    }
    return undefined;
  }

  /** What a factory function returns: its expression body, or the first return that yields a client. */
  private returnValue(fn: Node | undefined): Resolved | undefined {
    if (!fn) return undefined;
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
    return annotated ? this.typeValue(annotated) : undefined;
  }

  /** A TypeScript type that denotes a client: `Redis`, `Cluster`, `RedisClientType`, `ReturnType<typeof createClient>` … */
  private typeValue(t: Node, depth = 0): Resolved | undefined {
    if (depth > 8) return undefined;
    const next = (x: Node | null | undefined) => (x ? this.typeValue(x, depth + 1) : undefined);
    switch (t.type) {
      case 'type_annotation': case 'parenthesized_type': case 'type_arguments': case 'union_type': case 'intersection_type':
        for (const c of t.namedChildren) { const v = next(c); if (v) return v; }
        return undefined;
      case 'type_identifier': {
        const b = this.imports.get(t.text);
        if (b?.kind === 'class' || b?.kind === 'cluster') return { kind: 'client', library: b.library, cluster: b.kind === 'cluster' };
        if (b?.kind === 'type') return { kind: 'client', library: b.library, cluster: b.cluster };
        return next(this.typeAliases.get(t.text));
      }
      case 'nested_type_identifier': {
        const b = this.imports.get(t.childForFieldName('module')?.text ?? '');
        const name = t.childForFieldName('name')?.text;
        if (b?.kind === 'class' && (name === 'Redis' || name === 'Valkey')) return { kind: 'client', library: b.library, cluster: false };
        if (b?.kind === 'class' && name === 'Cluster') return { kind: 'client', library: b.library, cluster: true };
        if (b?.kind === 'module' && (name === 'RedisClientType' || name === 'RedisClusterType')) return { kind: 'client', library: b.library, cluster: name === 'RedisClusterType' };
        return undefined;
      }
      case 'generic_type': {
        const name = t.childForFieldName('name');
        const args = t.childForFieldName('type_arguments');
        if (name?.text === 'ReturnType') {
          const query = args?.namedChildren[0];
          const target = query?.type === 'type_query' ? query.namedChildren[0] : undefined;
          if (target?.type === 'identifier') {
            const b = this.bindingOf(target);
            if (b?.kind === 'factory') return { kind: 'client', library: b.library, cluster: b.cluster };
            return this.returnValue(this.functionOf(target));
          }
          return undefined;
        }
        if (name?.text === 'Awaited' || name?.text === 'Promise') return next(args);
        if (name?.text === 'Array' || name?.text === 'ReadonlyArray') {
          const v = next(args);
          return v?.kind === 'client' ? { kind: 'array', element: v } : undefined;
        }
        return next(name);
      }
      case 'type_query': return t.namedChildren[0] ? this.value(t.namedChildren[0]) : undefined;
      case 'array_type': {
        // `Redis[]`, `readonly Redis[]` (read as a readonly_type around it).
        const v = next(t.namedChildren[0]);
        return v?.kind === 'client' ? { kind: 'array', element: v } : undefined;
      }
      case 'readonly_type': return next(t.namedChildren[0]);
      default: return undefined;
    }
  }
}

/** The names an array pattern binds directly to its elements (`[a, b = d]`; not nested patterns or a rest). */
function arrayPatternNames(pattern: Node): Node[] {
  const out: Node[] = [];
  for (const c of pattern.namedChildren) {
    const id = c?.type === 'assignment_pattern' ? c.childForFieldName('left') : c;
    if (id?.type === 'identifier') out.push(id);
  }
  return out;
}
