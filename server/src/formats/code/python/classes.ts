/**
 * Classes of this file that subclass a client class: which client they are, which Redis commands their own
 * definitions override, and what `super()` reaches from inside them.
 */
import type { TypeResolver } from './resolver';
import type { Scope } from './scopes';
import { callArgs, type Node } from './syntax';
import type { ClientKind, PyType } from './types';

/**
 * How many classes deep `clientBase` and `defines` follow bases. Real hierarchies are a handful deep; a generated
 * chain of thousands would otherwise take the stack, and every class of it a walk to the bottom.
 */
const MAX_DEPTH = 100;

export class ClassHierarchy {
  /** Classes whose bases `clientBase` (climbing) and `defines` (searching) are walking: a cycle of bases ends there. */
  private readonly climbing = new Set<Scope>();
  private readonly searching = new Set<Scope>();
  /**
   * Answers per class, and per class and name (`super()`, every instance and every method call ask), unless a walk
   * was cut short meanwhile (a cycle, the depth limit, here or in type resolution): those are used, not remembered.
   */
  private readonly clients = new Map<Scope, ClientKind | undefined>();
  private readonly definitions = new Map<Scope, Map<string, boolean>>();

  constructor(private readonly types: TypeResolver) {}

  /** A class of this file that subclasses a client class (directly or through classes of this file) is that client. */
  classIsClient(cls: Scope): Extract<PyType, { t: 'client' }> | undefined {
    const kind = this.clientBase(cls);
    return kind && { t: 'client', kind, via: [cls] };
  }

  /** The types of a class's bases, in MRO order (keyword arguments such as `metaclass=` aside). */
  private baseTypes(cls: Scope): (PyType | undefined)[] {
    const supers = cls.node.childForFieldName('superclasses')?.namedChildren ?? [];
    return supers.map((s) => (s && s.type !== 'keyword_argument' ? this.types.typeOf(s, cls.parent ?? cls) : undefined));
  }

  /** The client class a class of this file derives from, through its bases of this file too. */
  private clientBase(cls: Scope): ClientKind | undefined {
    if (this.clients.has(cls)) return this.clients.get(cls);
    if (this.climbing.has(cls) || this.climbing.size >= MAX_DEPTH) { this.types.cut(); return undefined; }
    const cuts = this.types.cutCount();
    this.climbing.add(cls);
    let found: ClientKind | undefined;
    try {
      for (const t of this.baseTypes(cls)) {
        found = t?.t === 'class' && !t.pool ? t.kind : t?.t === 'userClass' ? this.clientBase(t.scope) : undefined;
        if (found) break;
      }
    } finally {
      this.climbing.delete(cls);
    }
    if (this.types.cutCount() === cuts) this.clients.set(cls, found);
    return found;
  }

  /** Whether a class of this file, or one of its bases of this file, binds `name` (a method, a class attribute, `self.x`). */
  private defines(cls: Scope, name: string): boolean {
    if (cls.names.has(name) || cls.attrs.has(name)) return true;
    let known = this.definitions.get(cls);
    if (known?.has(name)) return known.get(name)!;
    if (this.searching.has(cls) || this.searching.size >= MAX_DEPTH) { this.types.cut(); return false; }
    const cuts = this.types.cutCount();
    this.searching.add(cls);
    let found: boolean;
    try {
      found = this.baseTypes(cls).some((t) => t?.t === 'userClass' && this.defines(t.scope, name));
    } finally {
      this.searching.delete(cls);
    }
    if (this.types.cutCount() === cuts) {
      if (!known) this.definitions.set(cls, (known = new Map()));
      known.set(name, found);
    }
    return found;
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
  superType(call: Node, scope: Scope): PyType | undefined {
    const args = callArgs(call.childForFieldName('arguments'));
    let cls: Scope | undefined;
    if (!args.positional.length && !args.keywords.size && !args.hasKwSplat) {
      let fn: Scope | undefined = scope;
      while (fn?.kind === 'comprehension') fn = fn.parent;
      // In a classmethod `super()` is bound to the class: its attributes are unbound methods, not commands.
      if (fn?.kind !== 'function' || fn.classMethod) return undefined;
      cls = fn.owner;
    } else if (args.positional.length === 2 && args.starredAt === undefined && !args.keywords.size) {
      const named = this.types.typeOf(args.positional[0], scope);
      const obj = this.types.typeOf(args.positional[1], scope);
      // `super(Cls, cls)` in a classmethod is bound to a class as well.
      if (named?.t === 'userClass' && obj?.t !== 'userClass') cls = named.scope;
    }
    const kind = cls && this.clientBase(cls);
    if (!cls || !kind) return undefined;
    const via = this.baseTypes(cls).flatMap((t) => (t?.t === 'userClass' ? [t.scope] : []));
    return via.length ? { t: 'client', kind, via } : { t: 'client', kind };
  }
}
