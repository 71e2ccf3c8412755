/**
 * The JS/TS module summary for the workspace index: what the module exports that denotes a client (ES exports,
 * `module.exports` / `exports.x`), and every import, require and re-export as written. Read from the top-level
 * statements only: exports and module-level requires live there.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { ClientConstruction } from '../../../model/code';
import type { CodeImport, CodeModuleSummary, Denotes, ImportedClient } from '../../../model/code-modules';
import type { LineIndex } from '../../../engine/text';
import type { Binding } from './imports';
import type { Receivers } from './receivers';
import type { Resolved } from './values';
import { FUNCTION_TYPES, stringValue, unwrap } from './syntax';

/** What an imported name denotes, as the binding receiver resolution reads. */
export function bindingOfDenotes(d: Denotes): Binding | undefined {
  switch (d.kind) {
    case 'client': return { kind: 'client', library: d.client.library, cluster: d.client.cluster, ...(d.origin ? { origin: d.origin } : {}) };
    case 'factory': return { kind: 'getter', library: d.client.library, cluster: d.client.cluster, ...(d.origin ? { origin: d.origin } : {}) };
    case 'class':
      if (d.instance) return d.instance.cluster ? { kind: 'cluster', library: d.instance.library } : { kind: 'class', library: d.instance.library };
      return d.members ? { kind: 'projectClass', members: d.members } : undefined;
    case 'namespace': return { kind: 'namespace', members: d.members };
  }
}

/** The resolved imports of a file as bindings by local name. */
export function importedBindings(imported: readonly ImportedClient[] | undefined): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const { key, denotes } of imported ?? []) {
    const b = bindingOfDenotes(denotes);
    if (b) out.set(key, b);
  }
  return out;
}

const requireOf = (node: Node | null | undefined): Node | undefined => {
  const n = node && unwrap(node);
  return n?.type === 'call_expression' && n.childForFieldName('function')?.text === 'require' ? n : undefined;
};

const requiredModule = (call: Node): string | undefined => {
  const arg = call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
  return stringValue(arg ?? undefined);
};

/** Every top-level import, require and `export … from`. */
export function jsImports(root: Node): CodeImport[] {
  const out: CodeImport[] = [];
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    if (stmt.type === 'import_statement') {
      const requireClause = stmt.namedChildren.find((c) => c?.type === 'import_require_clause');
      const module = stringValue((requireClause ?? stmt).childForFieldName('source') ?? undefined);
      if (module === undefined) continue;
      const names: CodeImport['names'] = [];
      const local = requireClause?.namedChildren.find((c) => c?.type === 'identifier');
      if (local) { out.push({ module, names: [{ imported: '*', local: local.text }], require: true }); continue; }
      for (const c of stmt.namedChildren.find((x) => x?.type === 'import_clause')?.namedChildren ?? []) {
        if (!c) continue;
        if (c.type === 'identifier') names.push({ imported: 'default', local: c.text });
        else if (c.type === 'namespace_import') { const id = c.namedChildren[0]; if (id) names.push({ imported: '*', local: id.text }); }
        else if (c.type === 'named_imports') {
          for (const spec of c.namedChildren) {
            if (spec?.type !== 'import_specifier') continue;
            const name = spec.childForFieldName('name');
            const alias = spec.childForFieldName('alias');
            if (name) names.push({ imported: stringValue(name) ?? name.text, local: (alias ?? name).text });
          }
        }
      }
      out.push({ module, names });
    } else if (stmt.type === 'export_statement') {
      const source = stmt.childForFieldName('source');
      const module = source ? stringValue(source) : undefined;
      if (module === undefined) continue;
      const clause = stmt.namedChildren.find((c) => c?.type === 'export_clause');
      const ns = stmt.namedChildren.find((c) => c?.type === 'namespace_export');
      const names: CodeImport['names'] = [];
      if (clause) {
        for (const spec of clause.namedChildren) {
          if (spec?.type !== 'export_specifier') continue;
          const name = spec.childForFieldName('name');
          const alias = spec.childForFieldName('alias');
          if (name) names.push({ imported: stringValue(name) ?? name.text, local: alias ? stringValue(alias) ?? alias.text : stringValue(name) ?? name.text });
        }
      } else if (ns) {
        const id = ns.namedChildren[0];
        if (id) names.push({ imported: '*', local: stringValue(id) ?? id.text });
      } else names.push({ imported: '*', local: '*' });
      out.push({ module, names, reexport: true });
    } else if (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') {
      for (const d of stmt.namedChildren) {
        if (d?.type !== 'variable_declarator') continue;
        const call = requireOf(d.childForFieldName('value'));
        const module = call && requiredModule(call);
        const name = d.childForFieldName('name');
        if (module === undefined || !name) continue;
        if (name.type === 'identifier') { out.push({ module, names: [{ imported: '*', local: name.text }], require: true }); continue; }
        if (name.type !== 'object_pattern') continue;
        const names: CodeImport['names'] = [];
        for (const p of name.namedChildren) {
          if (p?.type === 'shorthand_property_identifier_pattern') names.push({ imported: p.text, local: p.text });
          else if (p?.type === 'pair_pattern') {
            const key = p.childForFieldName('key');
            const value = p.childForFieldName('value');
            if (key && value?.type === 'identifier') names.push({ imported: stringValue(key) ?? key.text, local: value.text });
          }
        }
        out.push({ module, names, require: true });
      }
    }
  }
  return out;
}

/** The client exports of a module whose receivers were resolved. */
export function jsSummary(
  path: string, language: 'javascript' | 'typescript', root: Node, receivers: Receivers | undefined,
  clients: readonly ClientConstruction[], lines: LineIndex,
): CodeModuleSummary {
  const exports: Record<string, Denotes> = {};
  const exportedLocals: Record<string, string> = {};
  const originOf = (value: Node | null | undefined) => {
    if (!value) return undefined;
    // A name: the construction it was bound to, when bound once (`const client = new Redis(); export { client }`).
    const u = unwrap(value);
    const sources = (u.type === 'identifier' || u.type === 'shorthand_property_identifier') ? receivers?.decls.resolve(u)?.sources : undefined;
    const start = sources ? (sources.length === 1 ? unwrap(sources[0]).startIndex : -1) : u.startIndex;
    const i = clients.findIndex((c) => lines.offsetAt(c.range.start) === start);
    return i >= 0 ? { index: i } : undefined;
  };
  /** What a name or expression exported under `name` denotes; `value` is its initializer, for the origin. */
  const add = (name: string, node: Node | null | undefined, value?: Node | null) => {
    if (!node || !receivers) return;
    const d = denotes(receivers, node, value);
    if (!d) return;
    if (d.kind === 'client' && !d.origin) { const o = originOf(value ?? node); if (o) d.origin = o; }
    exports[name] = d;
  };
  /** `export { client }`, `module.exports = { client }`: a local that may be an import, which the index follows. */
  const exportLocal = (name: string, id: Node) => {
    exportedLocals[name] = id.text;
    add(name, id);
  };
  /**
   * `module.exports = { client, getRedis, cache: new Redis() }`: the default export is an object whose members are
   * clients; in CommonJS (`named`) each property is a named export too (`const { client } = require(…)`).
   */
  const exportObject = (obj: Node, named: boolean) => {
    const members: Record<string, Denotes> = {};
    const saved = { ...exports };
    const savedLocals = { ...exportedLocals };
    for (const p of obj.namedChildren) {
      if (p?.type === 'shorthand_property_identifier') { exportLocal(p.text, p); if (exports[p.text]) members[p.text] = exports[p.text]; }
      else if (p?.type === 'pair') {
        const key = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        const k = key && (stringValue(key) ?? key.text);
        if (!k || !v) continue;
        if (unwrap(v).type === 'identifier') exportLocal(k, unwrap(v)); else add(k, v, v);
        if (exports[k]) members[k] = exports[k];
      }
    }
    if (!named) {
      // ES: only `default` is exported; the properties are its members, not names of the module.
      for (const k of Object.keys(exports)) if (!(k in saved)) delete exports[k];
      for (const k of Object.keys(exportedLocals)) if (!(k in savedLocals)) delete exportedLocals[k];
    }
    if (Object.keys(members).length) exports.default = { kind: 'namespace', members };
  };
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    if (stmt.type === 'export_statement') {
      if (stmt.childForFieldName('source')) continue;
      const decl = stmt.childForFieldName('declaration');
      const isDefault = stmt.children.some((c) => c?.type === 'default');
      if (decl) {
        if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
          for (const d of decl.namedChildren) {
            const name = d?.type === 'variable_declarator' ? d.childForFieldName('name') : null;
            if (name?.type === 'identifier') add(name.text, name, d!.childForFieldName('value'));
          }
        } else {
          const name = decl.childForFieldName('name');
          if (isDefault) add('default', decl);
          if (name) add(name.text, decl);
        }
        continue;
      }
      const value = stmt.childForFieldName('value');
      if (isDefault && value) {
        if (unwrap(value).type === 'identifier') exportLocal('default', unwrap(value));
        else if (unwrap(value).type === 'object') exportObject(unwrap(value), false);
        else add('default', value, value);
        continue;
      }
      for (const spec of stmt.namedChildren.find((c) => c?.type === 'export_clause')?.namedChildren ?? []) {
        if (spec?.type !== 'export_specifier') continue;
        const name = spec.childForFieldName('name');
        const alias = spec.childForFieldName('alias');
        if (name?.type === 'identifier') exportLocal(alias ? stringValue(alias) ?? alias.text : name.text, name);
      }
    } else if (stmt.type === 'expression_statement') {
      const a = stmt.namedChildren[0];
      if (a?.type !== 'assignment_expression') continue;
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (!left || !right || left.type !== 'member_expression') continue;
      const target = cjsTarget(left);
      if (target === undefined) continue;
      const r = unwrap(right);
      if (target !== 'default') { if (r.type === 'identifier') exportLocal(target, r); else add(target, r, r); continue; }
      if (r.type === 'identifier') { exportLocal('default', r); continue; }
      if (r.type !== 'object') { add('default', r, r); continue; }
      exportObject(r, true);
    }
  }
  const summary: CodeModuleSummary = { path, language, exports, imports: jsImports(root) };
  if (Object.keys(exportedLocals).length) summary.exportedLocals = exportedLocals;
  return summary;
}

/** `module.exports` → default; `module.exports.x` / `exports.x` → x. */
function cjsTarget(left: Node): string | undefined {
  const obj = left.childForFieldName('object');
  const prop = left.childForFieldName('property')?.text;
  if (!obj || !prop) return undefined;
  if (obj.type === 'identifier' && obj.text === 'module' && prop === 'exports') return 'default';
  if (obj.type === 'identifier' && obj.text === 'exports') return prop;
  if (obj.type === 'member_expression' && obj.text === 'module.exports') return prop;
  return undefined;
}

function denotes(receivers: Receivers, node: Node, value?: Node | null): Denotes | undefined {
  const n = unwrap(node);
  if (n.type === 'class_declaration' || n.type === 'abstract_class_declaration' || n.type === 'class') return classDenotes(receivers, n);
  if (FUNCTION_TYPES.has(n.type) || n.type === 'function_declaration' || n.type === 'generator_function_declaration') {
    const r = receivers.returnOf(n);
    return r?.kind === 'client' ? { kind: 'factory', client: { library: r.library, cluster: r.cluster }, ...(r.origin ? { origin: r.origin } : {}) } : undefined;
  }
  if (value && FUNCTION_TYPES.has(unwrap(value).type)) return denotes(receivers, value);
  if (n.type === 'identifier') {
    const b = receivers.bindingOf(n);
    const fn = receivers.functionNamed(n);
    if (fn) return denotes(receivers, fn);
    if (b?.kind === 'factory') return { kind: 'factory', client: { library: b.library, cluster: b.cluster } };
    if (b?.kind === 'getter') return { kind: 'factory', client: { library: b.library, cluster: b.cluster }, ...(b.origin ? { origin: b.origin } : {}) };
    if (b?.kind === 'class' || b?.kind === 'cluster') return { kind: 'class', instance: { library: b.library, cluster: b.kind === 'cluster' } };
    if (b?.kind === 'projectClass') return { kind: 'class', members: b.members };
    if (b?.kind === 'namespace') return { kind: 'namespace', members: b.members };
  }
  return denotesValue(receivers.resolvedOf(n));
}

/** A class of this module whose instances have client members (`this.client = new Redis()`, `get redis()`). */
function classDenotes(receivers: Receivers, cls: Node): Denotes | undefined {
  const members: Record<string, Denotes> = {};
  for (const [name, { value, method }] of receivers.classMembers(cls)) {
    const d = denotesValue(value);
    if (!d) continue;
    members[name] = method && d.kind === 'client' ? { kind: 'factory', client: d.client, ...(d.origin ? { origin: d.origin } : {}) } : d;
  }
  return Object.keys(members).length ? { kind: 'class', members } : undefined;
}

function denotesValue(v: Resolved | undefined): Denotes | undefined {
  if (v?.kind === 'client') return { kind: 'client', client: { library: v.library, cluster: v.cluster }, ...(v.origin ? { origin: v.origin } : {}) };
  if (v?.kind === 'object') return { kind: 'namespace', members: v.members };
  return undefined;
}
