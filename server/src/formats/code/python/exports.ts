/**
 * The Python module summary for the workspace index: what the module's names denote as far as clients go, and
 * what it imports. Every module-level name is an attribute others can import, so exports are the names whose
 * type resolution finds a client, a client factory, or a class with client instances or members.
 */
import type { LineIndex } from '../../../engine/text';
import type { ClientConstruction } from '../../../model/code';
import type { ClientKindInfo, CodeImport, CodeModuleSummary, Denotes, ImportedClient } from '../../../model/code-modules';
import type { TypeResolver } from './resolver';
import type { Scope, ScopeIndex } from './scopes';
import type { ClientKind, PyType } from './types';
import type { Node } from './syntax';

/** How `from .cache import get` binds `get` for the resolver and the index alike: `.cache:get`. */
export function relativeImportKey(fromModule: string, name: string): string {
  return `${fromModule.replace(/\s+/g, '')}:${name}`;
}

const kindInfo = (k: ClientKind): ClientKindInfo => ({ library: k.library, cluster: k.cluster, ...(k.async ? { async: true } : {}) });

function clientKind(c: ClientKindInfo, origin?: { path?: string; index: number }): ClientKind {
  const library = c.library === 'valkey-py' ? 'valkey-py' : 'redis-py';
  return { library, cluster: c.cluster, async: !!c.async, ...(origin ? { origin } : {}) };
}

/** What an imported name denotes, as the resolver's type. */
export function pyTypeOf(d: Denotes): PyType | undefined {
  switch (d.kind) {
    case 'client': return { t: 'client', kind: clientKind(d.client, d.origin) };
    case 'factory': return { t: 'getter', kind: clientKind(d.client, d.origin) };
    case 'class':
      if (d.instance) return { t: 'class', kind: clientKind(d.instance), pool: false };
      return d.members ? { t: 'project', of: 'class', members: d.members } : undefined;
    case 'namespace': return { t: 'project', of: 'module', members: d.members };
  }
}

/** The resolved imports of a file, keyed as its import bindings spell their paths. */
export function importedTypes(imported: readonly ImportedClient[] | undefined): Map<string, PyType> {
  const out = new Map<string, PyType>();
  for (const { key, denotes } of imported ?? []) {
    const t = pyTypeOf(denotes);
    if (t) out.set(key, t);
  }
  return out;
}

/** Every import statement of the module, functions' included (imports inside functions are common in Python). */
export function pythonImports(root: Node): CodeImport[] {
  const out: CodeImport[] = [];
  for (const node of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!node) continue;
    const fromModule = node.childForFieldName('module_name');
    const names: CodeImport['names'] = [];
    let module = '';
    let level = 0;
    if (fromModule?.type === 'relative_import') {
      const text = fromModule.text.replace(/\s+/g, '');
      level = /^\.*/.exec(text)![0].length;
      module = text.slice(level);
    } else if (fromModule) module = fromModule.text.replace(/\s+/g, '');
    for (const item of node.childrenForFieldName('name')) {
      const aliased = item.type === 'aliased_import';
      const nameNode = aliased ? item.childForFieldName('name') : item;
      // Recovered syntax (`import as x`): nothing to record.
      if (!nameNode || (aliased && !item.childForFieldName('alias'))) continue;
      const dotted = nameNode.text.replace(/\s+/g, '');
      const alias = aliased ? item.childForFieldName('alias')!.text : undefined;
      if (fromModule) {
        const key = level ? relativeImportKey(fromModule.text, dotted) : `${module}.${dotted}`;
        names.push({ imported: dotted, local: alias ?? dotted, key });
      } else if (alias) {
        out.push({ module: dotted, names: [{ imported: '*', local: alias, key: dotted }] });
      } else {
        // `import app.cache` binds `app`, the package, with the submodule as its attribute.
        const first = dotted.split('.')[0];
        out.push({ module: dotted, names: [{ imported: '*', local: first, key: first }], ...(dotted !== first ? { bindsRoot: true } : {}) });
      }
    }
    // `from .client import *` (in an `__init__.py`, mostly): every public name of that module becomes one here.
    if (fromModule && node.namedChildren.some((c) => c?.type === 'wildcard_import')) names.push({ imported: '*', local: '*' });
    if (fromModule && names.length) out.push({ module, ...(level ? { level } : {}), names });
  }
  return out;
}

/** Summary of a module whose names were resolved: its client exports and its imports. */
export function pythonSummary(
  path: string, root: Node, index: ScopeIndex, resolver: TypeResolver, clients: readonly ClientConstruction[], lines: LineIndex,
): CodeModuleSummary {
  const exports: Record<string, Denotes> = {};
  const end = root.endIndex;
  const originOf = (name: string): { index: number } | undefined => {
    const bindings = index.module.names.get(name);
    const value = bindings?.length === 1 ? bindings[0].value : undefined;
    if (!value) return undefined;
    const i = clients.findIndex((c) => lines.offsetAt(c.range.start) === value.startIndex);
    return i >= 0 ? { index: i } : undefined;
  };
  for (const name of index.module.names.keys()) {
    const t = resolver.nameType(name, index.module, end);
    const d = t && denotes(t, resolver, 0);
    if (!d) continue;
    if (d.kind === 'client' && !d.origin) { const o = originOf(name); if (o) d.origin = o; }
    exports[name] = d;
  }
  return { path, language: 'python', exports, imports: pythonImports(root) };
}

/** A resolved type as summary data; `depth` bounds how far class members are described. */
function denotes(t: PyType, resolver: TypeResolver, depth: number): Denotes | undefined {
  switch (t.t) {
    case 'client': return { kind: 'client', client: kindInfo(t.kind), ...(t.kind.origin ? { origin: t.kind.origin } : {}) };
    case 'getter': return { kind: 'factory', client: kindInfo(t.kind), ...(t.kind.origin ? { origin: t.kind.origin } : {}) };
    case 'factory': return t.pool ? undefined : { kind: 'factory', client: kindInfo(t.kind) };
    case 'class': return t.pool ? undefined : { kind: 'class', instance: kindInfo(t.kind) };
    case 'function': {
      const r = resolver.returnsOf(t.scope);
      return r?.t === 'client' ? { kind: 'factory', client: kindInfo(r.kind), ...(r.kind.origin ? { origin: r.kind.origin } : {}) } : undefined;
    }
    case 'userClass': {
      const inst = resolver.instanceOf(t.scope);
      if (inst.t === 'client') return { kind: 'class', instance: kindInfo(inst.kind) };
      const members = depth < 2 ? membersOf(t.scope, resolver, depth) : undefined;
      return members ? { kind: 'class', members } : undefined;
    }
    case 'instance': {
      const members = depth < 2 ? membersOf(t.scope, resolver, depth) : undefined;
      return members ? { kind: 'namespace', members } : undefined;
    }
    case 'project': return t.of === 'class' ? { kind: 'class', members: t.members } : { kind: 'namespace', members: t.members };
    default: return undefined;
  }
}

/** The attributes of a class's instances that are clients (fields, properties) or hand one out (methods). */
function membersOf(cls: Scope, resolver: TypeResolver, depth: number): Record<string, Denotes> | undefined {
  const members: Record<string, Denotes> = {};
  let any = false;
  const instance: PyType = { t: 'instance', scope: cls };
  for (const attr of new Set([...cls.names.keys(), ...cls.attrs.keys()])) {
    const t = resolver.memberType(instance, attr);
    const d = t && t.t !== 'userClass' ? denotes(t, resolver, depth + 1) : undefined;
    if (d) { members[attr] = d; any = true; }
  }
  return any ? members : undefined;
}
