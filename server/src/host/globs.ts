/** The settings' `ignore` globs, matched against paths relative to the config file's folder. */
import * as path from 'node:path';
import picomatch from 'picomatch';

const matchers = new Map<string, (p: string) => boolean>();

export function isIgnoredByGlobs(globs: string[], base: string, absPath: string, isDir: boolean): boolean {
  if (!globs.length) return false;
  const rel = path.relative(base, absPath).split(path.sep).join('/');
  if (!rel || rel.startsWith('..')) return false;
  const key = globs.join('\u0000');
  let match = matchers.get(key);
  if (!match) { match = picomatch(globs, { dot: true }); matchers.set(key, match); }
  return match(rel) || (isDir && match(rel + '/'));
}
