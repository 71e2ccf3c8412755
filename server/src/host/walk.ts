/**
 * Finds the files the CLI analyses under the given paths: directories are walked, honouring every `.gitignore`
 * on the way down and the settings' ignore globs; files named explicitly are always taken.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface FoundFile {
  /** The path to print: the argument joined with the file's path below it. */
  displayPath: string;
  absPath: string;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn', '.terraform']);

/** `ignore.globs` are matched against paths relative to `ignore.base` (the config file's folder, else the cwd). */
export function findFiles(args: string[], ignoreOpts: { globs: string[]; base: string }, accept: (p: string) => boolean): { files: FoundFile[]; missing: string[] } {
  const files: FoundFile[] = [];
  const missing: string[] = [];
  const matcher = ignoreOpts.globs.length ? picomatch(ignoreOpts.globs, { dot: true }) : undefined;
  const isIgnoredByGlob = (abs: string, isDir: boolean) => {
    if (!matcher) return false;
    const rel = path.relative(ignoreOpts.base, abs).split(path.sep).join('/');
    return matcher(rel) || (isDir && matcher(rel + '/'));
  };
  for (const arg of args) {
    let stat: fs.Stats;
    try { stat = fs.statSync(arg); } catch { missing.push(arg); continue; }
    if (stat.isFile()) { files.push({ displayPath: arg, absPath: path.resolve(arg) }); continue; }
    if (!stat.isDirectory()) continue;
    const root = path.resolve(arg);
    const walk = (dir: string, rules: { base: string; ig: Ignore }[]) => {
      let entries: fs.Dirent[];
      try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
      const gitignore = path.join(dir, '.gitignore');
      const scoped = fs.existsSync(gitignore) ? [...rules, { base: dir, ig: ignore().add(fs.readFileSync(gitignore, 'utf8')) }] : rules;
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (ALWAYS_SKIPPED.has(e.name)) continue;
        const abs = path.join(dir, e.name);
        const rel = path.relative(root, abs).split(path.sep).join('/');
        const isDir = e.isDirectory();
        if (scoped.some(({ base, ig }) => ig.ignores(path.relative(base, abs).split(path.sep).join('/') + (isDir ? '/' : '')))) continue;
        if (isIgnoredByGlob(abs, isDir)) continue;
        if (isDir) walk(abs, scoped);
        else if (e.isFile() && accept(abs)) files.push({ displayPath: path.join(arg, rel), absPath: abs });
      }
    };
    walk(root, []);
  }
  return { files, missing };
}
