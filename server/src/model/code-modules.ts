/**
 * Clients found across files: what each code file exports that denotes a client, what it imports, and what the
 * engine resolved those imports to. Plain data on purpose: summaries are computed in analysis workers, kept by
 * hosts per file, and the resolved bindings are handed back into the next analysis.
 */
import type { ClientLibrary } from './code';

export interface ClientKindInfo {
  library: ClientLibrary;
  cluster: boolean;
  /** Python asyncio clients (`redis.asyncio.Redis`): calls on them are awaited. */
  async?: boolean;
}

/**
 * What an exported (or imported) name denotes, as far as receivers go. `client`: a client object; `factory`: a
 * function (or getter) that returns one; `class`: a class whose instances are clients (a subclass of the client
 * class, the client class re-exported) and/or whose instance fields and getters are (`members`); `namespace`: a
 * module object whose members are.
 */
export type Denotes =
  | { kind: 'client'; client: ClientKindInfo; origin?: { path?: string; index: number } }
  | { kind: 'factory'; client: ClientKindInfo; origin?: { path?: string; index: number } }
  | { kind: 'class'; instance?: ClientKindInfo; members?: Record<string, Denotes> }
  | { kind: 'namespace'; members: Record<string, Denotes> };

/**
 * One import statement (or `require`), as written. `names`: `imported` is the exported name (`default`, `*` for
 * the module object of `import * as m` / `const m = require()` / Python `import m`); `local` the name bound here.
 * `level`: Python relative imports (`from ..a import b` is level 2, module `a`). `reexport`: `export … from`
 * (`local` is then the name exported); `export * from` is one name `*` → `*`.
 */
export interface CodeImport {
  module: string;
  level?: number;
  /** `key`: how the file's extractor looks the binding up, when not by `local` (Python: the import path). */
  names: { imported: string; local: string; key?: string }[];
  /** `require(…)`: the module object is `module.exports`, the default export when there is one. */
  require?: boolean;
  /** Python `import a.b.c`: binds the package `a`, whose attribute `b` is the submodule (and so on). */
  bindsRoot?: boolean;
  reexport?: boolean;
}

export interface CodeModuleSummary {
  path: string;
  language: 'python' | 'javascript' | 'typescript';
  /** Names this file defines that denote clients (`default` for `export default` / `module.exports = …`). */
  exports: Record<string, Denotes>;
  /** Every module-level import, require and re-export (Python: imports in functions too). */
  imports: CodeImport[];
  /**
   * Exports that are module-level names bound by an import (`export { client }` after importing it,
   * `module.exports = { client }`): exported name → local name. Python needs none: every name is an attribute.
   */
  exportedLocals?: Record<string, string>;
}

/**
 * A client binding the engine found for a file through its imports (or a setting), keyed as the file's extractor
 * reads it: the local name (JS/TS), or the import path as the Python extractor spells it (`app.redis_connection`,
 * `.cache:get_redis` for `from .cache import get_redis`).
 */
export interface ImportedClient {
  key: string;
  denotes: Denotes;
}

/**
 * What the engine hands a code file beyond its text: the client bindings its imports resolved to, and receivers
 * the settings name (`"clients"`: a name, a class name whose instances are clients, or a member path `this.cache`).
 */
export interface CodeLinks {
  imported?: ImportedClient[];
  declared?: string[];
}
