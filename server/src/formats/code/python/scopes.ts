/**
 * Python name binding, collected once per file so that receivers can be resolved wherever they are used: which
 * names each module, function, class and comprehension binds, to what, and from which offset on.
 */
import { ROOTS } from './library';
import { importsClient } from './relevance';
import { COMPREHENSION_TYPES, type Node } from './syntax';
import { relativeImportKey } from './exports';

export interface Binding {
  /**
   * value: bound to an expression (assignment, walrus, `with … as`); param: a parameter (maybe annotated);
   * import: a dotted path (`redis.asyncio.Redis`); def/class: a definition; opaque: anything we do not follow
   * (loop targets, tuple unpacking, `except … as`), which still shadows outer names; self: a method's first
   * parameter, an instance of the class in `opens` (the class itself for a `@classmethod`).
   */
  kind: 'value' | 'param' | 'self' | 'import' | 'def' | 'class' | 'opaque';
  /** Offset from which the binding is visible in straight-line code. */
  start: number;
  value?: Node;
  annotation?: Node;
  importPath?: string;
  /** The scope a `def`/`class` binding opens. */
  opens?: Scope;
  /** A `@property`: reading the attribute calls the function. */
  isProperty?: boolean;
  /** self: the method is a `@classmethod`, so the parameter holds the class. */
  isClassMethod?: boolean;
  /** The scope the value and annotation are evaluated in. */
  scope: Scope;
}

export interface Scope {
  kind: 'module' | 'function' | 'class' | 'comprehension';
  node: Node;
  parent?: Scope;
  names: Map<string, Binding[]>;
  /** Names declared `global` or `nonlocal`: their assignments bind outside. */
  outer: Set<string>;
  /** Python-style qualified name of a function or class (`Cache.get`, `f.<locals>.g`). */
  qualname: string;
  /** Functions: returned expressions; the declared return type. */
  returns: Node[];
  returnType?: Node;
  /** Methods: the name of the instance (or class) parameter, and the class it belongs to. */
  selfName?: string;
  owner?: Scope;
  /** A `@classmethod`: its first parameter is the class itself, not an instance. */
  classMethod?: boolean;
  /** Classes: attributes assigned through `self.x = …` in any method. */
  attrs: Map<string, Binding[]>;
}

export interface ScopeIndex {
  module: Scope;
  /** Scopes by the id of the node that opens them. */
  byNode: Map<number, Scope>;
}

const newScope = (kind: Scope['kind'], node: Node, parent: Scope | undefined, qualname: string): Scope =>
  ({ kind, node, parent, names: new Map(), outer: new Set(), qualname, returns: [], attrs: new Map() });

function add(map: Map<string, Binding[]>, name: string, b: Binding): void {
  const list = map.get(name);
  if (list) list.push(b); else map.set(name, [b]);
}

/** The module scope, for `global`-declared names. */
function moduleOf(scope: Scope): Scope {
  let s = scope;
  while (s.parent) s = s.parent;
  return s;
}

/** Where an assignment to `name` in `scope` lands (comprehension targets stay local; `global` goes to the module). */
function targetScope(scope: Scope, name: string): Scope {
  if (!scope.outer.has(name)) return scope;
  // `nonlocal` names bind in the nearest enclosing function that has them; `global` in the module.
  for (let s = scope.parent; s; s = s.parent) if (s.kind === 'function' && s.names.has(name)) return s;
  return moduleOf(scope);
}

function bindName(scope: Scope, name: string, b: Omit<Binding, 'scope'>): void {
  add(targetScope(scope, name).names, name, { ...b, scope });
}

function nearestFunction(scope: Scope): Scope | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.kind === 'function') return s;
    if (s.kind !== 'comprehension') return undefined;
  }
  return undefined;
}

function identifiersIn(pattern: Node): Node[] {
  const out: Node[] = [];
  const stack = [pattern];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') { out.push(n); continue; }
    const children = n.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) stack.push(children[i]!);
  }
  return out;
}

const DECORATOR_PROPERTIES = /^(functools\.)?(cached_)?property$/;

/** The node types the walk acts on; it passes every other node through with its scope unchanged. */
const VISITED = new Set([
  'function_definition', 'lambda', 'class_definition', ...COMPREHENSION_TYPES, 'assignment', 'augmented_assignment',
  'named_expression', 'for_statement', 'as_pattern', 'import_statement', 'import_from_statement', 'global_statement',
  'nonlocal_statement', 'return_statement',
]);
const visited = (type: string) => VISITED.has(type);

export function collectScopes(root: Node): ScopeIndex {
  const module = newScope('module', root, undefined, '<module>');
  const byNode = new Map<number, Scope>([[root.id, module]]);
  /**
   * Nodes still to visit, the next on top. Deep trees (long call chains) would overflow a recursive walk; nodes a
   * visit schedules go to `scheduled` and are moved onto the stack in order, so the walk stays in source order,
   * which binding lists rely on.
   */
  const stack: [Node, Scope][] = [];
  const scheduled: [Node, Scope][] = [];
  const parentOf = (node: Node): Node | null => node.parent;
  const visit = (node: Node, scope: Scope): void => {
    scheduled.push([node, scope]);
  };
  const table = root.tree.symbolTable(visited);

  const qual = (scope: Scope, name: string): string => {
    if (scope.kind === 'module') return name;
    const fn = scope.kind === 'comprehension' ? nearestFunction(scope) : scope;
    if (!fn) return name;
    return fn.kind === 'function' ? `${fn.qualname}.<locals>.${name}` : `${fn.qualname}.${name}`;
  };

  const bindTarget = (target: Node, value: Node | undefined, annotation: Node | undefined, start: number, scope: Scope): void => {
    if (target.type === 'identifier') {
      bindName(scope, target.text, { kind: value || annotation ? 'value' : 'opaque', value, annotation, start });
      return;
    }
    if (target.type === 'attribute') {
      const obj = target.childForFieldName('object');
      const attr = target.childForFieldName('attribute');
      const fn = nearestFunction(scope);
      if (obj?.type === 'identifier' && attr && fn?.owner && obj.text === fn.selfName) {
        add(fn.owner.attrs, attr.text, { kind: value || annotation ? 'value' : 'opaque', value, annotation, start, scope });
      }
      return;
    }
    for (const id of identifiersIn(target)) bindName(scope, id.text, { kind: 'opaque', start });
  };

  const bindParams = (params: Node | null, fn: Scope, enclosing: Scope): void => {
    if (!params) return;
    params.namedChildren.forEach((p, i) => {
      if (!p) return;
      const nameNode = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
      if (!nameNode || nameNode.type !== 'identifier') return;
      const annotation = p.childForFieldName('type') ?? undefined;
      const isSelf = i === 0 && !!fn.owner;
      add(fn.names, nameNode.text, isSelf
        ? { kind: 'self', opens: fn.owner, isClassMethod: fn.classMethod, start: fn.node.startIndex, scope: enclosing }
        : { kind: 'param', annotation, start: fn.node.startIndex, scope: enclosing });
      if (isSelf) fn.selfName = nameNode.text;
      const dflt = p.childForFieldName('value');
      if (dflt) visit(dflt, enclosing);
    });
  };

  const visitFunction = (node: Node, scope: Scope): void => {
    const isLambda = node.type === 'lambda';
    const name = isLambda ? '<lambda>' : node.childForFieldName('name')?.text ?? '<def>';
    const fn = newScope('function', node, scope, qual(scope, name));
    byNode.set(node.id, fn);
    const holder = parentOf(node);
    const decorators = holder?.type === 'decorated_definition'
      ? holder.namedChildren.filter((c) => c?.type === 'decorator').map((d) => d!.namedChild(0)?.text ?? '')
      : [];
    if (scope.kind === 'class' && !decorators.includes('staticmethod')) {
      fn.owner = scope;
      if (decorators.includes('classmethod')) fn.classMethod = true;
    }
    if (!isLambda) {
      bindName(scope, name, { kind: 'def', start: node.startIndex, opens: fn, isProperty: decorators.some((d) => DECORATOR_PROPERTIES.test(d)) });
      fn.returnType = node.childForFieldName('return_type') ?? undefined;
    }
    bindParams(node.childForFieldName('parameters'), fn, scope);
    const body = node.childForFieldName('body');
    if (body) {
      if (isLambda) fn.returns.push(body);
      visit(body, fn);
    }
  };

  const visitImport = (node: Node, scope: Scope): void => {
    const fromModule = node.childForFieldName('module_name');
    const relative = fromModule?.type === 'relative_import';
    // A client package binds only in a statement that passes `importsClient`, which decides whether a module is
    // parsed at all; anything else it binds still shadows.
    let seeds: boolean | undefined;
    const bind = (name: string, importPath: string, start: number) => {
      const client = ROOTS.has(importPath.split('.')[0]);
      if (client) seeds ??= importsClient(node.text);
      bindName(scope, name, client && !seeds ? { kind: 'opaque', start } : { kind: 'import', importPath, start });
    };
    for (const item of node.childrenForFieldName('name')) {
      const aliased = item.type === 'aliased_import';
      const dotted = aliased ? item.childForFieldName('name')! : item;
      const alias = aliased ? item.childForFieldName('alias')!.text : undefined;
      const start = node.endIndex;
      // Relative imports name modules of the project: the workspace index may know what they denote (`.cache:get`).
      if (relative) { bindName(scope, alias ?? dotted.text, { kind: 'import', importPath: relativeImportKey(fromModule.text, dotted.text), start }); continue; }
      if (fromModule) {
        bind(alias ?? dotted.text, `${fromModule.text}.${dotted.text}`, start);
      } else if (alias) {
        bind(alias, dotted.text, start);
      } else {
        // `import redis.asyncio` binds `redis`; the submodule is reached as an attribute.
        const first = dotted.text.split('.')[0];
        bind(first, first, start);
      }
    }
  };

  const visitNode = (node: Node, scope: Scope): void => {
    const type = node.type;
    switch (type) {
      case 'function_definition': case 'lambda':
        visitFunction(node, scope);
        return;
      case 'class_definition': {
        const name = node.childForFieldName('name')?.text ?? '<class>';
        const cls = newScope('class', node, scope, qual(scope, name));
        byNode.set(node.id, cls);
        bindName(scope, name, { kind: 'class', start: node.startIndex, opens: cls });
        const supers = node.childForFieldName('superclasses');
        if (supers) visit(supers, scope);
        const body = node.childForFieldName('body');
        if (body) visit(body, cls);
        return;
      }
      case 'list_comprehension': case 'set_comprehension': case 'dictionary_comprehension': case 'generator_expression': {
        const comp = newScope('comprehension', node, scope, scope.qualname);
        byNode.set(node.id, comp);
        for (const c of node.namedChildren) {
          if (c?.type === 'for_in_clause') {
            const left = c.childForFieldName('left');
            if (left) for (const id of identifiersIn(left)) bindName(comp, id.text, { kind: 'opaque', start: node.startIndex });
          }
        }
        break;
      }
      case 'assignment': {
        // `a = b = value`: the outermost assignment binds every target to the innermost value.
        if (parentOf(node)?.type === 'assignment') break;
        let value: Node | null = node.childForFieldName('right');
        while (value?.type === 'assignment') value = value.childForFieldName('right');
        for (let a: Node | null = node; a?.type === 'assignment'; a = a.childForFieldName('right')) {
          const left = a.childForFieldName('left');
          if (left) bindTarget(left, value ?? undefined, a.childForFieldName('type') ?? undefined, node.endIndex, scope);
        }
        break;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') bindName(scope, left.text, { kind: 'opaque', start: node.endIndex });
        break;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value') ?? undefined;
        if (name) bindName(scope.kind === 'comprehension' ? nearestFunction(scope) ?? moduleOf(scope) : scope, name.text, { kind: 'value', value, start: node.endIndex });
        break;
      }
      case 'for_statement': {
        // The iterable is evaluated before the target is bound: `for r in r.scan_iter()` reads the outer `r`.
        const left = node.childForFieldName('left');
        const start = node.childForFieldName('body')?.startIndex ?? node.endIndex;
        if (left) bindTarget(left, undefined, undefined, start, scope);
        break;
      }
      case 'as_pattern': {
        // `with X as t` binds t to the context manager's `__enter__` result: redis-py clients and pipelines return self.
        const target = node.childForFieldName('alias')?.namedChild(0);
        const expr = node.namedChild(0);
        if (target && expr) {
          if (parentOf(node)?.type === 'with_item') bindTarget(target, expr, undefined, node.endIndex, scope);
          else for (const id of identifiersIn(target)) bindName(scope, id.text, { kind: 'opaque', start: node.endIndex });
        }
        break;
      }
      case 'import_statement': case 'import_from_statement':
        visitImport(node, scope);
        return;
      case 'global_statement': case 'nonlocal_statement':
        for (const id of node.namedChildren) if (id?.type === 'identifier') scope.outer.add(id.text);
        return;
      case 'return_statement': {
        const fn = nearestFunction(scope);
        const value = node.namedChild(0);
        if (fn && value) fn.returns.push(value);
        break;
      }
    }
    const inner = COMPREHENSION_TYPES.has(type) ? byNode.get(node.id)! : scope;
    // Straight to the nodes below that the walk acts on: the ones in between bind nothing.
    for (const c of node.outermost(table)) visit(c, inner);
  };

  stack.push([root, module]);
  while (stack.length) {
    const [node, scope] = stack.pop()!;
    visitNode(node, scope);
    while (scheduled.length) stack.push(scheduled.pop()!);
  }
  // By offset, so that the binding a use sees is found by bisection (a name bound thousands of times in one scope
  // made every use a scan). The walk binds in source order except where a binding starts inside an earlier one's
  // statement (`x = (x := …)`, a loop target bound at its body): only such lists need sorting.
  for (const scope of byNode.values()) {
    for (const list of scope.names.values()) if (list.some((b, i) => i > 0 && b.start < list[i - 1].start)) list.sort((a, b) => a.start - b.start);
  }
  return { module, byNode };
}
