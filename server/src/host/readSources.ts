/** Reads found files for analysis, skipping (with a message) those over the size limit or unreadable. */
import * as fs from 'node:fs';
import type { SourceFile } from '../engine/types';
import { oversizeMessage } from '../engine/settings';
import { generatedReason } from '../engine/generated';
import { formatFor } from '../formats';
import type { FoundFile } from './walk';

/** `notice`: left alone on purpose (a vendored bundle over the size limit), not input that went unread. */
export interface ReadProblem { path: string; message: string; notice?: boolean }

/** How much of an oversized code file is read to tell a bundle (a notice) from real source (an error). */
const HEAD_BYTES = 64 * 1024;

export function readSources(
  files: FoundFile[], maxFileSizeKb: number, openText: (absPath: string) => string | undefined = () => undefined,
): { sources: (SourceFile & { absPath: string })[]; errors: ReadProblem[] } {
  const sources: (SourceFile & { absPath: string })[] = [];
  const errors: ReadProblem[] = [];
  const limit = maxFileSizeKb * 1024;
  for (const f of files) {
    try {
      const open = openText(f.absPath);
      if (open !== undefined) { sources.push({ path: f.displayPath, absPath: f.absPath, text: open }); continue; }
      const size = fs.statSync(f.absPath).size;
      if (size > limit) { errors.push(oversized(f, size, maxFileSizeKb)); continue; }
      sources.push({ path: f.displayPath, absPath: f.absPath, text: fs.readFileSync(f.absPath, 'utf8') });
    } catch (e) {
      errors.push({ path: f.displayPath, message: `cannot read: ${(e as Error).message}` });
    }
  }
  return { sources, errors };
}

/**
 * A file over the limit. A vendored bundle (a 3.5 MB esbuild output in a repository) would be skipped as minified
 * anyway: its head says so, and it is a notice; anything else over the limit is real input left unread.
 */
function oversized(f: FoundFile, size: number, maxFileSizeKb: number): ReadProblem {
  const message = oversizeMessage(size, maxFileSizeKb);
  if (formatFor({ path: f.absPath })?.kind !== 'code') return { path: f.displayPath, message };
  const head = Buffer.alloc(HEAD_BYTES);
  const fd = fs.openSync(f.absPath, 'r');
  let n: number;
  try { n = fs.readSync(fd, head, 0, head.length, 0); } finally { fs.closeSync(fd); }
  const reason = generatedReason(f.absPath, head.toString('utf8', 0, n));
  return reason ? { path: f.displayPath, message: `skipped: ${reason} (${Math.round(size / 1024)} KB)`, notice: true } : { path: f.displayPath, message };
}
