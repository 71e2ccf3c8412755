/**
 * Which construction of this file a call site's client comes from: followed through names, `self.x` fields,
 * getters that return it and pipelines built on it, and claimed only when every binding that can reach the
 * receiver leads to the same construction.
 */
import type { CallSite } from '../../../model/code';
import { bindingListOf, bindingsAt, calleeName, latestBinding } from './provenance';
import type { TypeResolver } from './resolver';
import type { Binding, Scope } from './scopes';
import { isNoneLiteral, unparen, type Node } from './syntax';

/** Links followed (`a = b`, `b = get()`, …) before the origin is unknown. */
const MAX_DEPTH = 24;

export class OriginLinker {
  private readonly byCall = new Map<number, number>();
  private readonly pending: { site: CallSite; recv: Node; scope: Scope }[] = [];
  private readonly busy = new Set<Scope>();
  /** Answers for a whole binding list (a name seen from an inner scope, a class attribute): the same for every use. */
  private readonly listMemo = new Map<Binding[], number | undefined>();
  /** Answers by node and scope, unless a depth or cycle guard cut them short (then they depend on where it started). */
  private readonly memo = new Map<string, number | undefined>();
  private cuts = 0;

  constructor(private readonly resolver: TypeResolver) {}

  /** The construction at `index` of the file's clients is the call `call`. */
  register(call: Node, index: number): void {
    this.byCall.set(call.id, index);
  }

  /** Linked once every construction of the file is known: a function may use a client built below it. */
  follow(site: CallSite, recv: Node, scope: Scope): void {
    this.pending.push({ site, recv, scope });
  }

  link(): void {
    // Innermost first: a chain's walk meets its outermost call first, and each link's answer serves the next one out.
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const { site, recv, scope } = this.pending[i];
      const index = this.originOf(recv, scope, 0);
      if (index !== undefined) site.client.origin = { index };
    }
  }

  /** What every binding (but `None`) leads to, when they agree. */
  private agree(bindings: Binding[], depth: number): number | undefined {
    let found: number | undefined;
    for (const b of bindings) {
      if (b.value && isNoneLiteral(b.value)) continue;
      if (b.kind !== 'value' || !b.value) return undefined;
      const i = this.originOf(b.value, b.scope, depth + 1);
      if (i === undefined || (found !== undefined && found !== i)) return undefined;
      found = i;
    }
    return found;
  }

  /** `agree` over a list that does not depend on where it is read from, once per list. */
  private agreeAll(list: Binding[], depth: number): number | undefined {
    if (this.listMemo.has(list)) return this.listMemo.get(list);
    const before = this.cuts;
    const found = this.agree(list, depth);
    if (this.cuts === before) this.listMemo.set(list, found);
    return found;
  }

  private originOf(expr: Node, scope: Scope, depth: number): number | undefined {
    if (depth > MAX_DEPTH) { this.cuts++; return undefined; }
    const key = `${expr.id}:${scope.node.id}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const before = this.cuts;
    const found = this.compute(expr, scope, depth);
    if (this.cuts === before) this.memo.set(key, found);
    return found;
  }

  private compute(expr: Node, scope: Scope, depth: number): number | undefined {
    let n = unparen(expr);
    if (n.type === 'await') n = unparen(n.namedChild(0) ?? n);
    switch (n.type) {
      case 'identifier': {
        const where = bindingListOf(n.text, scope);
        if (!where) return undefined;
        if (where.outer) return this.agreeAll(where.list, depth);
        const b = latestBinding(where.list, n.startIndex);
        if (b?.kind === 'param' && where.in.kind === 'function') return this.injected(n.text, where.in, depth);
        return b ? this.agree([b], depth) : undefined;
      }
      case 'attribute': {
        const obj = n.childForFieldName('object');
        const attr = n.childForFieldName('attribute')?.text;
        const fn = this.method(scope);
        if (!obj || !attr || obj.type !== 'identifier' || !fn?.owner || obj.text !== fn.selfName) return undefined;
        const cls = fn.owner;
        const defs = cls.names.get(attr);
        // A `@property` getter: what it returns.
        if (defs?.length === 1 && defs[0].kind === 'def' && defs[0].isProperty) return this.returned(defs[0].opens!, depth);
        const inBody = cls.names.get(attr);
        const assigned = cls.attrs.get(attr);
        if (inBody && assigned) return this.agree([...inBody, ...assigned], depth);
        const list = inBody ?? assigned;
        return list ? this.agreeAll(list, depth) : undefined;
      }
      case 'call': {
        const own = this.byCall.get(n.id);
        if (own !== undefined) return own;
        const fn = n.childForFieldName('function');
        if (!fn) return undefined;
        const callee = unparen(fn);
        if (callee.type === 'identifier') {
          const found = bindingsAt(callee.text, scope, callee.startIndex);
          return found.length === 1 && found[0].kind === 'def' ? this.returned(found[0].opens!, depth) : undefined;
        }
        const obj = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
        if (!obj) return undefined;
        // `r.pipeline()`, and the pipeline each queued command returns, run on the client they were built from.
        const method = callee.childForFieldName('attribute')?.text;
        if (method === 'pipeline' || this.resolver.typeOf(obj, scope)?.t === 'pipeline') return this.originOf(obj, scope, depth + 1);
        return undefined;
      }
      default: return undefined;
    }
  }

  /** A FastAPI parameter `r: Redis = Depends(get_redis)`: what the dependency returns. */
  private injected(name: string, fn: Scope, depth: number): number | undefined {
    for (const p of fn.node.childForFieldName('parameters')?.namedChildren ?? []) {
      if (!p || p.childForFieldName('name')?.text !== name) continue;
      const dflt = p.childForFieldName('value');
      const call = dflt && unparen(dflt);
      const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
      const dep = call?.childForFieldName('arguments')?.namedChild(0);
      if (!callee || calleeName(callee) !== 'Depends' || dep?.type !== 'identifier') return undefined;
      const found = bindingsAt(dep.text, fn.parent ?? fn, dep.startIndex);
      return found.length === 1 && found[0].kind === 'def' ? this.returned(found[0].opens!, depth) : undefined;
    }
    return undefined;
  }

  /** A getter of this file: what each of its returns (but `None`) is built from, when they agree. */
  private returned(fn: Scope, depth: number): number | undefined {
    if (this.busy.has(fn)) { this.cuts++; return undefined; }
    this.busy.add(fn);
    try {
      let found: number | undefined;
      const returns = fn.returns.filter((r) => !isNoneLiteral(r));
      for (const r of returns) {
        const i = this.originOf(r, fn, depth + 1);
        if (i === undefined || (found !== undefined && found !== i)) return undefined;
        found = i;
      }
      return found;
    } finally {
      this.busy.delete(fn);
    }
  }

  private method(scope: Scope): Scope | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'function') return s;
      if (s.kind !== 'comprehension') return undefined;
    }
    return undefined;
  }
}
