/**
 * The `compilerOptions.paths` and `baseUrl` of the tsconfig.json / jsconfig.json files that govern a set of
 * JS/TS files, read from disk for the engine's module graph (which reads no files itself). Each file is governed
 * by the nearest config above it; `extends` is followed (relative paths, a few deep) as the compiler does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathAliases } from '../engine/moduleGraph';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const MAX_EXTENDS = 5;
const JS_FILE = /\.[cm]?[jt]sx?$/i;

/** JSON with comments and trailing commas, as tsconfig files are written; undefined when unreadable. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}

interface Options { baseUrl?: string; paths?: Record<string, string[]> }

/** A config's options with `extends` applied; `baseUrl` absolute. */
function readConfig(file: string, depth = 0): Options | undefined {
  let json: unknown;
  try { json = parseJsonc(fs.readFileSync(file, 'utf8')); } catch { return undefined; }
  if (!json || typeof json !== 'object') return undefined;
  const dir = path.dirname(file);
  const { extends: parent, compilerOptions } = json as { extends?: unknown; compilerOptions?: unknown };
  let inherited: Options = {};
  if (typeof parent === 'string' && parent.startsWith('.') && depth < MAX_EXTENDS) {
    const target = path.resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
    inherited = readConfig(target, depth + 1) ?? {};
  }
  const own = (compilerOptions && typeof compilerOptions === 'object' ? compilerOptions : {}) as { baseUrl?: unknown; paths?: unknown };
  const out: Options = { ...inherited };
  if (typeof own.baseUrl === 'string') out.baseUrl = path.resolve(dir, own.baseUrl);
  if (own.paths && typeof own.paths === 'object' && !Array.isArray(own.paths)) {
    const paths: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(own.paths as Record<string, unknown>)) {
      if (Array.isArray(v)) paths[k] = v.filter((t): t is string => typeof t === 'string');
    }
    out.paths = paths;
  }
  return out;
}

/**
 * The aliases for the JS/TS files among `files`, spelt as those files are (`spelt`: the path the host names
 * the file by; `absPath` its location), so the engine can compare them with file paths as given.
 */
export function pathAliases(files: readonly { path: string; absPath: string }[]): PathAliases[] {
  const nearest = new Map<string, string | null>();
  const configOf = (dir: string): string | null => {
    const known = nearest.get(dir);
    if (known !== undefined) return known;
    let found: string | null = null;
    for (const name of CONFIG_NAMES) {
      const p = path.join(dir, name);
      if (fs.existsSync(p)) { found = p; break; }
    }
    if (!found) {
      const up = path.dirname(dir);
      found = up === dir ? null : configOf(up);
    }
    nearest.set(dir, found);
    return found;
  };
  const out = new Map<string, PathAliases>();
  for (const f of files) {
    if (!JS_FILE.test(f.absPath)) continue;
    const config = configOf(path.dirname(f.absPath));
    if (!config) continue;
    const spell = (abs: string) => path.join(path.dirname(f.path), path.relative(path.dirname(f.absPath), abs));
    const dir = spell(path.dirname(config));
    if (out.has(dir)) continue;
    const options = readConfig(config);
    if (!options?.paths && !options?.baseUrl) continue;
    // `paths` without `baseUrl` are relative to the config's folder, which the engine takes `dir` to be.
    out.set(dir, { dir, ...(options.baseUrl ? { baseUrl: spell(options.baseUrl) } : {}), ...(options.paths ? { paths: options.paths } : {}) });
  }
  return [...out.values()];
}
