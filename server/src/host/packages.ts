/**
 * The workspace's own JS/TS packages (a monorepo's `packages/*` with their `package.json` names), read from disk for
 * the engine's module graph: `import { redis } from '@acme/cache'` then resolves into the workspace rather than
 * node_modules. Each JS/TS file's nearest `package.json` is read once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspacePackage } from '../engine/moduleGraph';

const JS_FILE = /\.[cm]?[jt]sx?$/i;

/** `main`, `module`, `types` and `exports['.']` as written, then the source files builds usually come from. */
function entriesOf(json: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => { if (typeof v === 'string') out.push(v.replace(/^\.\//, '')); };
  const exp = json.exports;
  const dot = exp && typeof exp === 'object' && !Array.isArray(exp) ? (exp as Record<string, unknown>)['.'] ?? exp : exp;
  if (typeof dot === 'string') add(dot);
  else if (dot && typeof dot === 'object') for (const k of ['source', 'import', 'require', 'default', 'node', 'types']) add((dot as Record<string, unknown>)[k]);
  for (const k of ['source', 'module', 'main', 'types']) add(json[k]);
  // `dist/index.js` is built from `src/index.ts`: the build output is rarely in the workspace (or is ignored).
  const sources = out.map((e) => e.replace(/^(dist|lib|build|out)\//, 'src/').replace(/(\.d)?\.[cm]?[jt]s$/, '')).filter((e) => !out.includes(e));
  return [...new Set([...out, ...sources])];
}

/** The named packages governing `files`, spelt as those files are (see `pathAliases`). */
export function workspacePackages(files: readonly { path: string; absPath: string }[]): WorkspacePackage[] {
  const nearest = new Map<string, string | null>();
  const manifestOf = (dir: string): string | null => {
    const known = nearest.get(dir);
    if (known !== undefined) return known;
    const p = path.join(dir, 'package.json');
    let found: string | null = fs.existsSync(p) ? p : null;
    if (!found) {
      const up = path.dirname(dir);
      found = up === dir ? null : manifestOf(up);
    }
    nearest.set(dir, found);
    return found;
  };
  const out = new Map<string, WorkspacePackage>();
  const read = new Set<string>();
  for (const f of files) {
    if (!JS_FILE.test(f.absPath)) continue;
    const manifest = manifestOf(path.dirname(f.absPath));
    if (!manifest || read.has(manifest)) continue;
    read.add(manifest);
    let json: unknown;
    try { json = JSON.parse(fs.readFileSync(manifest, 'utf8')); } catch { continue; }
    if (!json || typeof json !== 'object' || typeof (json as { name?: unknown }).name !== 'string') continue;
    const name = (json as { name: string }).name;
    const dir = path.join(path.dirname(f.path), path.relative(path.dirname(f.absPath), path.dirname(manifest)));
    if (!out.has(name)) out.set(name, { name, dir, entries: entriesOf(json as Record<string, unknown>) });
  }
  return [...out.values()];
}
