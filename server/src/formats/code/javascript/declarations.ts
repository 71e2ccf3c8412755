/**
 * The declaration tables receiver resolution reads: one pass records every declaration in its scope (block,
 * function, for statement, catch clause, module) and every class member; assignments (`x = new Redis()`,
 * `this.redis = …`) are added to what they assign.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { Binding } from './imports';
import type { Positions, Scope } from './position';
import { arrayPatternNames, callbackElement } from './arrays';
import { FUNCTION_TYPES, unwrap } from './syntax';

/**
 * `elements`: expressions whose elements the name is bound to (`for (const n of xs)`, `const [n] = xs`, the first
 * parameter of `xs.map((n) => …)`).
 */
export interface Decl {
  sources: Node[]; types: Node[]; binding?: Binding; elements?: Node[];
  /**
   * A `const` initialised with a string literal, a template without substitutions or an `as const` object: the
   * initializer. A fixed
   * name reads like a literal key; `let`/`var` may be reassigned, so they never get one.
   */
  constant?: Node;
}

const CLASS_FIELDS = new Set(['public_field_definition', 'field_definition']);

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
    // Declared twice (a `var` and a parameter, merged declarations): no longer one fixed value.
    existing.constant = undefined;
    existing.sources.push(...decl.sources);
    existing.types.push(...decl.types);
    if (decl.elements?.length) (existing.elements ??= []).push(...decl.elements);
  } else {
    table.set(name, {
      binding: decl.binding, sources: [...decl.sources], types: [...decl.types], ...(decl.elements?.length ? { elements: [...decl.elements] } : {}),
      ...(decl.constant ? { constant: decl.constant } : {}),
    });
  }
}

function nameOf(node: Node | null): string | undefined {
  return node && (node.type === 'identifier' || node.type === 'property_identifier' || node.type === 'private_property_identifier')
    ? node.text : undefined;
}

export class Declarations {
  private readonly scopes = new Map<number, Map<string, Decl>>();
  private readonly members = new Map<number, Map<string, Decl>>();
  private readonly functions = new Map<number, Map<string, Node>>();
  /** Scope id → name → what the name resolves to from there (null: nothing). */
  private readonly resolved = new Map<number, Map<string, Decl | null>>();
  /** Every declaration is in its table: resolutions can be remembered. */
  private complete = false;
  readonly typeAliases = new Map<string, Node>();

  /** `nodes`: every node of a `DECLARING_TYPES` type in the module. */
  constructor(nodes: Node[], private readonly imports: Map<string, Binding>, private readonly positions: Positions) {
    const assignments: Node[] = [];
    for (const n of nodes) this.record(n, assignments);
    this.complete = true;
    for (const a of assignments) this.recordAssignment(a);
  }

  /**
   * The declaration an identifier refers to, from the innermost scope out. What a name resolves to from a scope is
   * remembered for every scope the search passed (once all declarations are recorded), so names used at every
   * level of deeply nested functions do not each climb the whole nesting.
   */
  resolve(id: Node): Decl | undefined {
    return this.resolveName(id.text, id);
  }

  /** The declaration `name` refers to where `at` sits (a name looked up from somewhere it is not written). */
  resolveName(name: string, at: Node): Decl | undefined {
    const passed: Scope[] = [];
    let found: Decl | null = null;
    for (let s = this.positions.placeOf(at).scope; s; s = s.parent) {
      const known = this.resolved.get(s.node.id)?.get(name);
      if (known !== undefined) { found = known; break; }
      const d = this.scopes.get(s.node.id)?.get(name);
      if (d) { found = d; break; }
      passed.push(s);
    }
    if (this.complete) {
      for (const s of passed) {
        let names = this.resolved.get(s.node.id);
        if (!names) this.resolved.set(s.node.id, (names = new Map()));
        names.set(name, found);
      }
    }
    return found ?? undefined;
  }

  /**
   * The string literal (or substitution-free template) a `const` identifier is bound to. Only when nothing else
   * was assigned to the name: a reassigned const is a TypeError at run time, but the code may still say it.
   */
  constantOf(id: Node): Node | undefined {
    if (id.type !== 'identifier') return undefined;
    const decl = this.resolve(id);
    return decl?.constant && decl.sources.length === 1 ? decl.constant : undefined;
  }

  /** The class member `this.name` denotes, in the class it is written in. */
  thisMember(n: Node): Decl | undefined {
    if (n.childForFieldName('object')?.type !== 'this') return undefined;
    const cls = this.enclosingClass(n);
    const name = nameOf(n.childForFieldName('property'));
    return cls && name ? this.members.get(cls.id)?.get(name) : undefined;
  }

  /** The members a class declares (fields, constructor parameter properties, `this.x = …`), for its summary. */
  membersOf(cls: Node): ReadonlyMap<string, Decl> | undefined {
    return this.members.get(cls.id);
  }

  /** The function a callee identifier names: a function declaration or a const bound to a function. */
  functionOf(id: Node): Node | undefined {
    const name = id.text;
    for (let s = this.positions.placeOf(id).scope; s; s = s.parent) {
      if (this.scopes.get(s.node.id)?.has(name)) return this.functionsOf(s.node).get(name);
    }
    return undefined;
  }

  /**
   * The functions a block or the module declares by name, the first of each name; read once per scope, since every
   * call of a local function asks (a per-call scan of the module made many small functions quadratic).
   */
  private functionsOf(scope: Node): Map<string, Node> {
    let table = this.functions.get(scope.id);
    if (table) return table;
    this.functions.set(scope.id, (table = new Map()));
    for (const c of scope.type === 'program' || scope.type === 'statement_block' ? scope.namedChildren : []) {
      const target = c?.type === 'export_statement' ? c.namedChildren.find((x) => x && x.type !== 'comment') ?? null : c;
      if (!target) continue;
      const add = (name: string | undefined, fn: Node) => { if (name !== undefined && !table.has(name)) table.set(name, fn); };
      if (FUNCTION_TYPES.has(target.type)) add(target.childForFieldName('name')?.text, target);
      else if (target.type === 'lexical_declaration' || target.type === 'variable_declaration') {
        for (const d of target.namedChildren) {
          const v = d?.childForFieldName('value');
          if (v && FUNCTION_TYPES.has(unwrap(v).type)) add(d!.childForFieldName('name')?.text, unwrap(v));
        }
      }
    }
    return table;
  }

  private declare(scope: Node, name: string | undefined, decl: Decl = { sources: [], types: [] }): void {
    if (name) merge(this.scopes, scope, name, decl);
  }

  private declareMember(cls: Node, name: string, decl: Decl): void {
    merge(this.members, cls, name, decl);
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
          const constant = value && constantInitializer(n, value);
          this.declare(scope, name.text, {
            sources: value ? [value] : [], types: type ? [type] : [],
            binding: scope.type === 'program' ? this.imports.get(name.text) : undefined,
            ...(constant ? { constant } : {}),
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
    // Walked down with each node's parent in hand: `Node.parent` searches from the root, through every statement.
    const stack: [Node, Node][] = n.namedChildren.flatMap((c) => (c ? [[c, n] as [Node, Node]] : []));
    while (stack.length) {
      const [id, parent] = stack.pop()!;
      for (const c of id.namedChildren) if (c) stack.push([c, id]);
      if (id.type !== 'identifier' && id.type !== 'type_identifier') continue;
      // In `{ a as b }` only the alias is bound locally.
      const alias = parent.type === 'import_specifier' ? parent.childForFieldName('alias') : null;
      if (alias && !alias.equals(id)) continue;
      this.declare(program, id.text, { sources: [], types: [], binding: this.imports.get(id.text) });
    }
  }

  private recordParams(fn: Node): void {
    const element = callbackElement(fn, this.positions);
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

  private recordField(n: Node): void {
    const cls = this.enclosingClass(n);
    const name = nameOf(n.childForFieldName('name') ?? n.childForFieldName('property'));
    const value = n.childForFieldName('value');
    const type = n.childForFieldName('type');
    if (cls && name) this.declareMember(cls, name, { sources: value ? [value] : [], types: type ? [type] : [] });
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
}

const NAMES = new Set(['identifier', 'member_expression']);

/**
 * `const K = 'a'` / ``const K = `a` `` / ``const K = `${PREFIX}:settings` `` / `const K = { … } as const`: the
 * initializer; anything else, or a `let`/`var`, none. A template's substitutions must be names (or members), which
 * the argument reader then resolves: one that is no constant leaves the key a template.
 */
function constantInitializer(declarator: Node, value: Node): Node | undefined {
  const v = unwrap(value);
  const literal = v.type === 'string'
    || (v.type === 'template_string' && v.namedChildren.every((c) => c?.type !== 'template_substitution' || NAMES.has(c.namedChildren[0]?.type ?? '')));
  // `{ total: 'stats:total' } as const`: readonly to the compiler, so its members are fixed names too.
  const frozen = v.type === 'object' && value.type === 'as_expression' && value.child(value.childCount - 1)?.type === 'const';
  if (!literal && !frozen) return undefined;
  // Asked only of string-valued declarators: `parent` walks down from the root.
  return declarator.parent?.type === 'lexical_declaration' && declarator.parent.child(0)?.type === 'const' ? v : undefined;
}
