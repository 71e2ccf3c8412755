/**
 * Finds the files the CLI and Analyze Workspace read under the given paths. Directories are walked honouring every
 * `.gitignore` that applies — those above the path up to the repository root and `.git/info/exclude` included —
 * and the caller's ignore rule; files named explicitly are always taken. Each file is listed once.
 *
 * A path that is named is never ignored: a named file is read, a named directory is entered. Below it the rules
 * judge what the walk discovers, as git does, with one exception: a rule that excludes the named directory or a
 * folder above it (`.scratch/` or `.scratch/**` when `.scratch/real` is named) is set aside below it, since git
 * would hide everything below an excluded folder and naming the folder is asking for it. Other rules still apply
 * below it (`*.log`, `dist/`, a nested `.gitignore`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface FoundFile {
  /** The path to print: the argument joined with the file's path below it. */
  displayPath: string;
  absPath: string;
  /** The path below the walked argument (the file name for a file named explicitly). */
  relPath: string;
}

export interface WalkOptions {
  /** Files worth reading (by name). */
  accept: (absPath: string) => boolean;
  /**
   * The settings' ignore globs, decided by the caller, who knows which config applies where. `named` is the absolute
   * path of the directory argument being walked, whose own exclusion the caller should not apply (see above).
   */
  ignored?: (absPath: string, isDir: boolean, named: string) => boolean;
  /** Stop after this many files; `truncated` says so. */
  limit?: number;
  /** Stop after visiting this many directory entries, so a huge tree cannot stall the caller; `truncated` says so. */
  maxEntries?: number;
}

export interface FoundFiles {
  files: FoundFile[];
  missing: string[];
  /** Folders that could not be listed, and links to nothing, with what went wrong: they were not analysed. */
  unreadable: { path: string; message: string }[];
  truncated: boolean;
  /** What each argument reached, in argument order, so the caller can tell a path that yielded nothing. */
  perArg: ArgOutcome[];
}

export interface ArgOutcome {
  arg: string;
  kind: 'file' | 'dir' | 'missing' | 'other';
  /** The display paths of the files reached, a file listed first under an earlier argument included. */
  files: string[];
  /** Entries below a directory argument left out by an ignore rule (files worth reading, and folders). */
  ignored: number;
  /** Folders or links below it that could not be read (already reported in `unreadable`). */
  unreadable: number;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn', '.terraform']);

/** A path under a folder no walk enters (for hosts told of changes by file watchers rather than a walk). */
export function inAlwaysSkipped(file: string): boolean {
  return file.split(/[\\/]/).some((part) => ALWAYS_SKIPPED.has(part));
}

interface Rules { base: string; ig: Ignore }

const toPosix = (p: string) => p.split(path.sep).join('/');

function readIgnore(file: string): Ignore | undefined {
  const text = readText(file);
  return text === undefined ? undefined : ignore().add(text);
}

function readText(file: string): string | undefined {
  try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; }
}

const repoRoots = new Map<string, string | undefined>();

/** The nearest folder at or above `dir` that holds `.git`, cached per folder. */
export function repositoryRoot(dir: string): string | undefined {
  if (!repoRoots.has(dir)) {
    const parent = path.dirname(dir);
    repoRoots.set(dir, fs.existsSync(path.join(dir, '.git')) ? dir : parent === dir ? undefined : repositoryRoot(parent));
  }
  return repoRoots.get(dir);
}

/**
 * The ignore rules that apply to `dir` from above it: `.git/info/exclude` of its repository and every `.gitignore`
 * from the repository root down to its parent. Outside a repository, none.
 */
function inheritedRules(dir: string): Rules[] {
  const repo = repositoryRoot(dir);
  if (!repo) return [];
  const above: string[] = []; // from the repository root down to dir's parent
  for (let d = path.dirname(dir); repo !== dir && d.length >= repo.length; d = path.dirname(d)) {
    above.unshift(d);
    if (d === repo) break;
  }
  const rules: Rules[] = [];
  const exclude = readText(path.join(repo, '.git', 'info', 'exclude'));
  if (exclude !== undefined) rules.push({ base: repo, ig: exempt(exclude, repo, dir) });
  for (const d of above) {
    const text = readText(path.join(d, '.gitignore'));
    if (text !== undefined) rules.push({ base: d, ig: exempt(text, d, dir) });
  }
  return rules;
}

/**
 * The rules of one ignore file as they apply below the named directory: a rule that excludes it or a folder between
 * the file's base and it is set aside (`.scratch/`, `.scratch/**`, `real` when `.scratch/real` is named); the rest
 * still apply. Should a rule not be found by its text, the folders are re-included by anchored directory-only
 * negations put last (the last matching rule wins; `!/.scratch/` re-includes that folder alone).
 */
function exempt(text: string, base: string, named: string): Ignore {
  const folders: string[] = [];
  for (let d = named; d.length > base.length; d = path.dirname(d)) folders.unshift(toPosix(path.relative(base, d)) + '/');
  let lines = text.split(/\r?\n/);
  for (let round = 0; round < 64; round++) {
    const ig = ignore().add(lines.join('\n'));
    const excluded = folders.map((f) => ig.test(f)).find((v) => v.ignored);
    if (!excluded) return ig;
    const pattern = excluded.rule?.pattern.trim();
    const kept = lines.filter((l) => l.trim() !== pattern);
    if (!pattern || kept.length === lines.length) break;
    lines = kept;
  }
  return ignore().add(lines.join('\n')).add(folders.map((f) => `!/${escapeGlob(f.slice(0, -1))}/`).join('\n'));
}

/** A literal path as a .gitignore pattern: the wildcard and escape characters quoted. */
const escapeGlob = (p: string) => p.replace(/[\\*?[\]]/g, '\\$&');

/**
 * git's answer for a path: the deepest `.gitignore` with an opinion wins, so a nested `!keep.yaml` re-includes a file
 * that a parent's `*.yaml` ignores. (A file inside an ignored folder is never reached: the walk does not enter it.)
 */
function isIgnored(rules: Rules[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of rules) {
    const rel = toPosix(path.relative(base, abs));
    if (!rel || rel.startsWith('..')) continue;
    const verdict = ig.test(rel + (isDir ? '/' : ''));
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** The real path, so a file reached through a symlink and directly is listed once. */
function realPath(p: string): string {
  try { return fs.realpathSync(p); } catch { return path.resolve(p); }
}

export function findFiles(args: string[], opts: WalkOptions): FoundFiles {
  const files: FoundFile[] = [];
  const missing: string[] = [];
  const unreadable: FoundFiles['unreadable'] = [];
  const perArg: ArgOutcome[] = [];
  const kept = new Map<string, string>(); // real path → the display path it is listed under
  const limit = opts.limit ?? Infinity;
  const maxEntries = opts.maxEntries ?? Infinity;
  let entriesSeen = 0;
  let truncated = false;
  for (const arg of args) {
    const outcome: ArgOutcome = { arg, kind: 'other', files: [], ignored: 0, unreadable: 0 };
    perArg.push(outcome);
    const add = (f: FoundFile) => {
      const real = realPath(f.absPath);
      const earlier = kept.get(real);
      if (earlier !== undefined) { outcome.files.push(earlier); return; }
      if (files.length >= limit) { truncated = true; return; }
      kept.set(real, f.displayPath);
      files.push(f);
      outcome.files.push(f.displayPath);
    };
    const cannotRead = (p: string, message: string) => { unreadable.push({ path: p, message }); outcome.unreadable++; };
    let stat: fs.Stats;
    try { stat = fs.statSync(arg); } catch { missing.push(arg); outcome.kind = 'missing'; continue; }
    if (stat.isFile()) { outcome.kind = 'file'; add({ displayPath: arg, absPath: path.resolve(arg), relPath: path.basename(arg) }); continue; }
    if (!stat.isDirectory()) continue;
    outcome.kind = 'dir';
    const root = path.resolve(arg);
    const walk = (dir: string, rules: Rules[]) => {
      if (truncated) return;
      let entries: fs.Dirent[];
      try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch {
        cannotRead(dir === root ? arg : path.join(arg, toPosix(path.relative(root, dir))), 'cannot list this folder: what lies below it was not analysed');
        return;
      }
      entriesSeen += entries.length;
      if (entriesSeen > maxEntries) { truncated = true; return; }
      const own = readIgnore(path.join(dir, '.gitignore'));
      const scoped = own ? [...rules, { base: dir, ig: own }] : rules;
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (ALWAYS_SKIPPED.has(e.name)) continue;
        const abs = path.join(dir, e.name);
        const isDir = e.isDirectory();
        // A symlinked file counts like a file; symlinked folders are not followed (no loops, no walking out of the tree).
        const isFile = e.isFile() || (e.isSymbolicLink() && isRegularFile(abs));
        if (isIgnored(scoped, abs, isDir) || opts.ignored?.(abs, isDir, root)) {
          if (isDir || (isFile && opts.accept(abs))) outcome.ignored++;
          continue;
        }
        const rel = toPosix(path.relative(root, abs));
        if (e.isSymbolicLink() && !isFile && opts.accept(abs) && !exists(abs)) {
          cannotRead(path.join(arg, rel), 'a symbolic link to nothing: it was not analysed');
          continue;
        }
        if (isDir) walk(abs, scoped);
        else if (isFile && opts.accept(abs)) {
          add({ displayPath: path.join(arg, rel), absPath: abs, relPath: rel });
        }
        if (truncated) return;
      }
    };
    walk(root, inheritedRules(root));
  }
  return { files, missing, unreadable, truncated, perArg };
}

function exists(p: string): boolean {
  try { fs.statSync(p); return true; } catch { return false; }
}

function isRegularFile(p: string): boolean {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}
