/** The settings' `ignore` globs, matched against paths relative to the config file's folder. */
import * as path from 'node:path';
import picomatch from 'picomatch';

const matchers = new Map<string, (p: string) => boolean>();

function matcherOf(globs: string[]): (p: string) => boolean {
  const key = globs.join('\u0000');
  let match = matchers.get(key);
  if (!match) { match = picomatch(globs, { dot: true }); matchers.set(key, match); }
  return match;
}

const relOf = (base: string, absPath: string) => path.relative(base, absPath).split(path.sep).join('/');

/**
 * `named`: the directory the user named, being walked. A glob that matches it or a folder between the config's
 * folder and it (`vendor/**` when `vendor/` is named) is set aside for that walk, as the .gitignore rules are:
 * naming a folder asks for what is in it. Globs that pick entries below it (`vendor/*.gen.yaml`) still apply.
 */
export function isIgnoredByGlobs(globs: string[], base: string, absPath: string, isDir: boolean, named?: string): boolean {
  if (!globs.length) return false;
  const rel = relOf(base, absPath);
  if (!rel || rel.startsWith('..')) return false;
  const live = named ? globsBelow(globs, base, named) : globs;
  if (!live.length) return false;
  const match = matcherOf(live);
  return match(rel) || (isDir && match(rel + '/'));
}

const below = new Map<string, string[]>();

function globsBelow(globs: string[], base: string, named: string): string[] {
  const key = `${globs.join('\u0000')}\u0001${base}\u0001${named}`;
  let live = below.get(key);
  if (!live) {
    const folders: string[] = [];
    for (let d = named; d.length > base.length && !relOf(base, d).startsWith('..'); d = path.dirname(d)) folders.push(relOf(base, d));
    live = globs.filter((g) => { const m = matcherOf([g]); return !folders.some((f) => m(f) || m(f + '/')); });
    below.set(key, live);
  }
  return live;
}
