/**
 * The workspace's module graph for application code: resolves each file's imports to the files they name and
 * finds which imported names denote clients, through re-export chains (`export * from`, `export { x } from`,
 * `from .a import x` in `__init__.py`), CommonJS `module.exports`, TypeScript `paths`/`baseUrl`, and Python
 * packages. Pure: the host supplies the summaries (one per code file it knows) and the path aliases it read.
 * An import that resolves to no known file (a package, a file outside the workspace) denotes nothing.
 */
import type { CodeImport, CodeModuleSummary, Denotes, ImportedClient } from '../model/code-modules';

/** A `tsconfig.json` / `jsconfig.json`'s `compilerOptions`: `dir` is its folder; paths as the host names files. */
export interface PathAliases {
  dir: string;
  baseUrl?: string;
  paths?: Record<string, string[]>;
}

/**
 * A package of the workspace itself (a monorepo's `packages/cache` named `@acme/cache`): bare imports of its name
 * resolve into its folder. `entries`: where its main module may be, in order (`main`/`exports` as written, then
 * the sources they are usually built from).
 */
export interface WorkspacePackage {
  name: string;
  dir: string;
  entries: string[];
}

export interface CodeLinksOf {
  imported: ImportedClient[];
  /** Every file whose summary the answer read: when one changes, this file's links may too. */
  dependsOn: string[];
}

const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** How many re-export hops are followed before giving up (real barrels are a few deep). */
const MAX_HOPS = 16;

const norm = (p: string) => p.replace(/\\/g, '/');

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

/** `a/b` + `../c` → `a/c`; keeps a leading `/` or drive letter, and leading `..` of a relative path. */
function join(base: string, rel: string): string {
  const absolute = base.startsWith('/');
  const parts: string[] = [];
  for (const seg of `${base}/${rel}`.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** A path without `.` segments or doubled slashes (`./src` → `src`, `.` → ``). */
function clean(p: string): string {
  const n = norm(p);
  return n.startsWith('/') ? join('/', n) : join('', n);
}

/** The ancestors of a directory, itself first. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; ) {
    out.push(d);
    const up = dirOf(d);
    if (up === d || (!up && !d)) break;
    d = up;
  }
  if (out[out.length - 1] !== '') out.push('');
  return out;
}

/** Two bindings of one name (`import app.a`, `import app.b`): module objects merge; otherwise the first stays. */
function merged(a: Denotes, b: Denotes): Denotes {
  if (a.kind !== 'namespace' || b.kind !== 'namespace') return a;
  const members = { ...a.members };
  for (const [k, v] of Object.entries(b.members)) members[k] = members[k] ? merged(members[k], v) : v;
  return { kind: 'namespace', members };
}

/** Origins a summary states without a path are in that file. */
function locate(d: Denotes, path: string): Denotes {
  switch (d.kind) {
    case 'client': case 'factory': return d.origin && d.origin.path === undefined ? { ...d, origin: { path, index: d.origin.index } } : d;
    case 'class': return d.members ? { ...d, members: locateAll(d.members, path) } : d;
    case 'namespace': return { kind: 'namespace', members: locateAll(d.members, path) };
  }
}

function locateAll(members: Record<string, Denotes>, path: string): Record<string, Denotes> {
  const out: Record<string, Denotes> = {};
  for (const [k, v] of Object.entries(members)) out[k] = locate(v, path);
  return out;
}

/** A lookup's answer, the files it read, and how many hops below the lookup it went. */
interface Remembered { d: Denotes | undefined; files: string[]; span: number }

export class ModuleGraph {
  /** Summaries by normalised path. */
  private readonly files = new Map<string, CodeModuleSummary>();
  private readonly aliases: PathAliases[];
  private visited = new Set<string>();
  /** Lookups under way: an import cycle (a → b → a) answers nothing rather than going round. */
  private readonly busy = new Set<string>();
  /** Answers per module and name, for the one `linksOf` under way... and the next: summaries do not change. */
  private readonly memo = new Map<string, Remembered>();
  /**
   * Answers a cycle or the hop limit cut short, kept for the one `linksOf` under way only: without them every path
   * into a cyclic barrel (`export *` from two barrels that re-export each other) was walked afresh, exponential in
   * the depth. Within one lookup the cut answer is the one any other path would get, give or take the hop limit.
   */
  private readonly tentative = new Map<string, Remembered>();

  private readonly packages: WorkspacePackage[];

  constructor(summaries: Iterable<CodeModuleSummary>, aliases: readonly PathAliases[] = [], packages: readonly WorkspacePackage[] = []) {
    // Longest name first, so `@acme/cache-utils` is not read as `@acme/cache` + `-utils`.
    this.packages = packages.map((p) => ({ ...p, dir: clean(p.dir) })).sort((a, b) => b.name.length - a.name.length);
    for (const s of summaries) this.files.set(clean(s.path), s);
    // Nearest configuration first.
    this.aliases = aliases.map((a) => ({ ...a, dir: clean(a.dir), ...(a.baseUrl !== undefined ? { baseUrl: clean(a.baseUrl) } : {}) }))
      .sort((a, b) => b.dir.length - a.dir.length);
  }

  /** The client bindings a file's imports resolve to, keyed as its extractor reads them. */
  linksOf(path: string): CodeLinksOf {
    const summary = this.files.get(clean(path));
    this.visited = new Set();
    this.tentative.clear();
    const byKey = new Map<string, Denotes>();
    for (const imp of summary?.imports ?? []) {
      if (imp.reexport) continue;
      for (const n of imp.names) {
        if (n.local === '*') continue;
        const d = imp.bindsRoot ? this.packageChain(summary!.path, imp.module.split('.'), 1) : this.resolveName(summary!, imp, n.imported, 0);
        if (!d) continue;
        const key = n.key ?? n.local;
        // `import app.cache` and `import app.jobs` both bind `app`: one package with both submodules.
        const before = byKey.get(key);
        byKey.set(key, before ? merged(before, d) : d);
      }
    }
    const imported: ImportedClient[] = [...byKey].map(([key, denotes]) => ({ key, denotes }));
    const dependsOn = [...this.visited].map((p) => this.files.get(p)!.path);
    return { imported, dependsOn };
  }

  /** Python `import a.b.c` seen from `from`: the package `a.b…` (first `depth` parts) with its submodule chain. */
  private packageChain(from: string, parts: string[], depth: number): Denotes | undefined {
    const module = this.pythonModule(from, parts.slice(0, depth).join('.'), 0);
    const own = module ? this.namespace(module, depth) : undefined;
    const members: Record<string, Denotes> = own?.kind === 'namespace' ? { ...own.members } : {};
    if (depth < parts.length && depth < MAX_HOPS) {
      const sub = this.packageChain(from, parts, depth + 1);
      if (sub) members[parts[depth]] = members[parts[depth]] ? merged(members[parts[depth]], sub) : sub;
    }
    return Object.keys(members).length ? { kind: 'namespace', members } : undefined;
  }

  /** What `imported` of the module `imp` names, seen from `from`. */
  private resolveName(from: CodeModuleSummary, imp: CodeImport, imported: string, hops: number): Denotes | undefined {
    if (hops > MAX_HOPS) return undefined;
    const python = from.language === 'python';
    const target = python ? this.pythonModule(from.path, imp.module, imp.level ?? 0) : this.jsModule(from.path, imp.module);
    if (python) {
      if (imported === '*') return target ? this.namespace(target, hops + 1) : undefined;
      const d = target ? this.exportOf(target, imported, hops + 1) : undefined;
      if (d) return d;
      // `from app import cache` where `app/cache.py` is a module of the package.
      const sub = this.pythonModule(from.path, imp.module ? `${imp.module}.${imported}` : imported, imp.level ?? 0);
      return sub ? this.namespace(sub, hops + 1) : undefined;
    }
    if (!target) return undefined;
    if (imported === '*') return (imp.require && this.exportOf(target, 'default', hops + 1)) || this.namespace(target, hops + 1);
    const d = this.exportOf(target, imported, hops + 1);
    if (d || !imp.require) return d;
    // `const { client } = require('./redis')` of `module.exports = { client }`.
    const whole = this.exportOf(target, 'default', hops + 1);
    return whole?.kind === 'namespace' && Object.hasOwn(whole.members, imported) ? whole.members[imported] : undefined;
  }

  /** What a module's `name` denotes: its own export, an exported import, or a re-export. */
  private exportOf(path: string, name: string, hops: number): Denotes | undefined {
    return this.guarded(`${path}\n${name}`, hops, () => this.computeExport(path, name, hops));
  }

  /**
   * `compute` unless the same lookup is under way (a cycle) or too deep. Answers are remembered with the files they
   * read and how many hops below them they went, unless a cycle cut them short somewhere (then they depend on where
   * the lookup started). A remembered answer is reused only where its hops still fit under the limit: otherwise
   * the limit held only for whichever file asked first, and down a chain of n re-exports each answer carried the
   * whole chain below it (quadratic in n).
   */
  private guarded(key: string, hops: number, compute: () => Denotes | undefined): Denotes | undefined {
    const fits = (e: Remembered | undefined) => (e && hops + e.span <= MAX_HOPS ? e : undefined);
    const known = fits(this.memo.get(key)) ?? fits(this.tentative.get(key));
    if (known) {
      for (const f of known.files) this.visited.add(f);
      this.deepest = Math.max(this.deepest, hops + known.span);
      return known.d;
    }
    if (this.busy.has(key) || hops > MAX_HOPS) { this.cuts++; return undefined; }
    const outer = this.visited, outerDeepest = this.deepest;
    this.visited = new Set();
    this.deepest = hops;
    const cuts = this.cuts;
    this.busy.add(key);
    let d: Denotes | undefined;
    try {
      d = compute();
    } finally {
      this.busy.delete(key);
      for (const f of this.visited) outer.add(f);
      (this.cuts === cuts ? this.memo : this.tentative).set(key, { d, files: [...this.visited], span: this.deepest - hops });
      this.visited = outer;
      this.deepest = Math.max(outerDeepest, this.deepest);
    }
    return d;
  }

  /** The most hops any lookup under way has reached. */
  private deepest = 0;
  private cuts = 0;

  private computeExport(path: string, name: string, hops: number): Denotes | undefined {
    const s = this.files.get(path);
    if (!s) return undefined;
    this.visited.add(path);
    if (Object.hasOwn(s.exports, name)) return locate(s.exports[name], s.path);
    const local = s.exportedLocals && Object.hasOwn(s.exportedLocals, name) ? s.exportedLocals[name] : s.language === 'python' ? name : undefined;
    for (const imp of s.imports) {
      for (const n of imp.names) {
        if (imp.reexport) {
          if (n.local === name && n.imported !== '*') { const d = this.resolveName(s, { ...imp, reexport: false }, n.imported, hops); if (d) return d; }
          if (n.local === name && n.imported === '*') { const t = this.jsModule(s.path, imp.module); const d = t ? this.namespace(t, hops + 1) : undefined; if (d) return d; }
          if (n.local === '*' && name !== 'default') { const t = this.jsModule(s.path, imp.module); const d = t ? this.exportOf(t, name, hops + 1) : undefined; if (d) return d; }
        } else if (local !== undefined && n.local === local) {
          const d = this.resolveName(s, imp, n.imported, hops);
          if (d) return d;
        } else if (s.language === 'python' && n.local === '*' && !name.startsWith('_')) {
          // `from .client import *`: the public names of that module.
          const t = this.pythonModule(s.path, imp.module, imp.level ?? 0);
          const d = t ? this.exportOf(t, name, hops + 1) : undefined;
          if (d) return d;
        }
      }
    }
    return undefined;
  }

  /** A module object: every name of it that denotes a client. */
  private namespace(path: string, hops: number): Denotes | undefined {
    return this.guarded(`${path}\n*`, hops, () => this.computeNamespace(path, hops));
  }

  private computeNamespace(path: string, hops: number): Denotes | undefined {
    const s = this.files.get(path);
    if (!s) return undefined;
    this.visited.add(path);
    const names = new Set([...Object.keys(s.exports), ...Object.keys(s.exportedLocals ?? {})]);
    for (const imp of s.imports) {
      for (const n of imp.names) {
        if ((imp.reexport || s.language === 'python') && n.local === '*') {
          const t = s.language === 'python' ? this.pythonModule(s.path, imp.module, imp.level ?? 0) : this.jsModule(s.path, imp.module);
          const inner = t ? this.namespace(t, hops + 1) : undefined;
          if (inner?.kind === 'namespace') for (const k of Object.keys(inner.members)) if (k !== 'default') names.add(k);
        } else if (imp.reexport || s.language === 'python') names.add(n.local);
      }
    }
    names.delete('default');
    const members: Record<string, Denotes> = {};
    for (const name of names) {
      const d = this.exportOf(path, name, hops + 1);
      if (d) members[name] = d;
    }
    return Object.keys(members).length ? { kind: 'namespace', members } : undefined;
  }

  /** The file a JS/TS specifier names: relative, or through `paths` / `baseUrl`; packages are not files here. */
  private jsModule(from: string, specifier: string): string | undefined {
    const dir = dirOf(clean(from));
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') return this.jsFile(join(dir, specifier));
    if (specifier.startsWith('/')) return this.jsFile(join('', specifier));
    const pkg = this.packages.find((p) => specifier === p.name || specifier.startsWith(p.name + '/'));
    if (pkg) {
      const sub = specifier.slice(pkg.name.length + 1);
      if (sub) return this.jsFile(join(pkg.dir, sub)) ?? this.jsFile(join(pkg.dir, `src/${sub}`));
      for (const e of [...pkg.entries, 'src/index', 'index']) {
        const found = this.jsFile(join(pkg.dir, e));
        if (found) return found;
      }
      return undefined;
    }
    const config = this.aliases.find((a) => dir === a.dir || dir.startsWith(a.dir + '/') || a.dir === '');
    if (!config) return undefined;
    const base = config.baseUrl ?? config.dir;
    for (const [pattern, targets] of Object.entries(config.paths ?? {})) {
      const star = pattern.indexOf('*');
      let captured: string | undefined;
      if (star < 0) { if (pattern === specifier) captured = ''; }
      else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1) {
        captured = specifier.slice(star, specifier.length - (pattern.length - star - 1));
      }
      if (captured === undefined) continue;
      for (const t of targets) {
        const found = this.jsFile(join(base, t.replace('*', captured)));
        if (found) return found;
      }
    }
    return config.baseUrl !== undefined ? this.jsFile(join(config.baseUrl, specifier)) : undefined;
  }

  /** A path as written, with the extensions and `index` files module resolution tries. */
  private jsFile(base: string): string | undefined {
    if (this.files.has(base) && this.files.get(base)!.language !== 'python') return base;
    // `./redis.js` in TypeScript sources names `./redis.ts`.
    const stem = /\.[cm]?js$/.test(base) ? base.replace(/\.([cm]?)js$/, '') : undefined;
    const candidates = [
      ...JS_EXTENSIONS.map((e) => base + e),
      ...(stem ? ['.ts', '.tsx', '.mts', '.cts'].map((e) => stem + e) : []),
      ...JS_EXTENSIONS.map((e) => `${base}/index${e}`),
    ];
    return candidates.find((c) => this.files.has(c));
  }

  /**
   * The file a Python module names. Relative (`level` dots) from the importing package; absolute from the
   * nearest folder above the importer that holds it, or that folder's `src/` (the workspace root, a src layout,
   * or the script's own folder on `sys.path`).
   */
  private pythonModule(from: string, module: string, level: number): string | undefined {
    const parts = module ? module.split('.') : [];
    const file = (base: string) => {
      const p = parts.length ? join(base, parts.join('/')) : base;
      const candidates = parts.length ? [`${p}.py`, `${p}/__init__.py`] : [`${p}/__init__.py`];
      return candidates.find((c) => this.files.get(c)?.language === 'python');
    };
    let dir = dirOf(clean(from));
    if (level > 0) {
      for (let i = 1; i < level; i++) dir = dirOf(dir);
      return file(dir);
    }
    if (!parts.length) return undefined;
    for (const a of ancestors(dir)) {
      const found = file(a) ?? file(join(a, 'src'));
      if (found) return found;
    }
    return undefined;
  }
}
