/**
 * Seeds receiver resolution from the module's imports and requires: which local names denote a Redis client
 * library, and what each one builds.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { ClientLibrary } from '../../../model/code';
import type { Denotes } from '../../../model/code-modules';
import { CLIENT_MODULES, importsClient } from './relevance';
import { argumentsOf, stringValue, unwrap } from './syntax';

/**
 * - `class`: a client class (`Redis`, `Valkey`); `new X()` builds a client, and for the module object itself
 *   (default import, namespace, require) `new X.Cluster()` builds a cluster client.
 * - `cluster`: the ioredis `Cluster` class.
 * - `factory`: node-redis `createClient` / `createCluster`.
 * - `module`: the node-redis module object (`redis.createClient()`).
 * - `type`: a node-redis client type name (`RedisClientType`, `RedisClusterType`).
 */
export type Binding =
  | { kind: 'class'; library: ClientLibrary }
  | { kind: 'cluster'; library: ClientLibrary }
  | { kind: 'factory'; library: ClientLibrary; cluster: boolean }
  | { kind: 'module'; library: ClientLibrary }
  | { kind: 'type'; library: ClientLibrary; cluster: boolean }
  /** Found by the workspace index in another file: a client object, a module object, a class with client members. */
  | { kind: 'client'; library: ClientLibrary; cluster: boolean; origin?: { path?: string; index: number } }
  /** A function of the project that hands out a client it did not build at the call (`getRedis()`). */
  | { kind: 'getter'; library: ClientLibrary; cluster: boolean; origin?: { path?: string; index: number } }
  | { kind: 'namespace'; members: Record<string, Denotes> }
  | { kind: 'projectClass'; members: Record<string, Denotes> };

const TEST_MODULES = /^(jest|@jest\/globals|mocha|vitest|node:test|ava|chai)$/;

/** What an imported name denotes, by module and exported name (`default` / `*` for the module itself). */
function bindingFor(library: ClientLibrary, exported: string): Binding | undefined {
  if (library === 'node-redis') {
    if (exported === 'default' || exported === '*') return { kind: 'module', library };
    if (exported === 'createClient') return { kind: 'factory', library, cluster: false };
    if (exported === 'createCluster') return { kind: 'factory', library, cluster: true };
    if (exported === 'RedisClientType') return { kind: 'type', library, cluster: false };
    if (exported === 'RedisClusterType') return { kind: 'type', library, cluster: true };
    return undefined;
  }
  if (exported === 'default' || exported === '*' || exported === 'Redis' || exported === 'Valkey') return { kind: 'class', library };
  if (exported === 'Cluster') return { kind: 'cluster', library };
  return undefined;
}

export interface ImportScan {
  /** Local name → what it denotes, for names bound at module level. */
  bindings: Map<string, Binding>;
  importsTestFramework: boolean;
}

/** The `require(…)` call a declaration's value is, if any. */
function requireCall(node: Node | null): Node | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return n.type === 'call_expression' && n.childForFieldName('function')?.text === 'require' ? n : undefined;
}

function addImportClause(clause: Node, library: ClientLibrary, out: Map<string, Binding>): void {
  const add = (local: string, exported: string) => {
    const b = bindingFor(library, exported);
    if (b) out.set(local, b);
  };
  for (const c of clause.namedChildren) {
    if (!c) continue;
    if (c.type === 'identifier') add(c.text, 'default');
    else if (c.type === 'namespace_import') add(c.namedChildren[0]?.text ?? '', '*');
    else if (c.type === 'named_imports') {
      for (const spec of c.namedChildren) {
        if (spec?.type !== 'import_specifier') continue;
        const name = spec.childForFieldName('name');
        const alias = spec.childForFieldName('alias');
        if (name) add((alias ?? name).text, stringValue(name) ?? name.text);
      }
    }
  }
}

/** `const X = require('ioredis')`, `const { createClient: cc } = require('redis')`. */
function addRequire(declarator: Node, library: ClientLibrary, out: Map<string, Binding>): void {
  const name = declarator.childForFieldName('name');
  if (!name) return;
  if (name.type === 'identifier') {
    const b = bindingFor(library, '*');
    if (b) out.set(name.text, b);
    return;
  }
  if (name.type !== 'object_pattern') return;
  for (const p of name.namedChildren) {
    if (!p) continue;
    if (p.type === 'shorthand_property_identifier_pattern') {
      const b = bindingFor(library, p.text);
      if (b) out.set(p.text, b);
    } else if (p.type === 'pair_pattern') {
      const key = p.childForFieldName('key');
      const value = p.childForFieldName('value');
      const b = key && bindingFor(library, stringValue(key) ?? key.text);
      if (b && value?.type === 'identifier') out.set(value.text, b);
    }
  }
}

/** Reads the module's top-level imports and requires (requires inside functions are rare enough to ignore). */
export function scanImports(root: Node): ImportScan {
  const bindings = new Map<string, Binding>();
  let importsTestFramework = false;
  /**
   * `source`: the specifier string; `statement`: the import or require it sits in. A client library counts only
   * when the statement passes `importsClient`, the check that decides whether the file is parsed at all.
   */
  const note = (source: Node | null | undefined, statement: Node) => {
    const mod = stringValue(source);
    if (mod && TEST_MODULES.test(mod)) importsTestFramework = true;
    const library = mod === undefined ? undefined : CLIENT_MODULES[mod];
    return library && importsClient(statement.text) ? library : undefined;
  };
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    if (stmt.type === 'import_statement') {
      // TypeScript's `import X = require('ioredis')` keeps its source inside the clause.
      const requireClause = stmt.namedChildren.find((c) => c?.type === 'import_require_clause');
      const library = note((requireClause ?? stmt).childForFieldName('source'), stmt);
      const clause = stmt.namedChildren.find((c) => c?.type === 'import_clause');
      if (library && clause) addImportClause(clause, library, bindings);
      const local = requireClause?.namedChildren.find((c) => c?.type === 'identifier');
      const b = library && local && bindingFor(library, '*');
      if (b && local) bindings.set(local.text, b);
    } else if (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') {
      for (const d of stmt.namedChildren) {
        if (d?.type !== 'variable_declarator') continue;
        const call = requireCall(d.childForFieldName('value'));
        const library = call && note(argumentsOf(call)[0], call);
        if (library) addRequire(d, library, bindings);
      }
    } else if (stmt.type === 'expression_statement') {
      const call = requireCall(stmt.namedChildren[0] ?? null);
      if (call) note(argumentsOf(call)[0], call);
    }
  }
  return { bindings, importsTestFramework };
}
