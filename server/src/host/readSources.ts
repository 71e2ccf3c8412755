/** Reads found files for analysis, skipping (with a message) those over the size limit or unreadable. */
import * as fs from 'node:fs';
import type { SourceFile } from '../engine/types';
import { oversizeMessage } from '../engine/settings';
import type { FoundFile } from './walk';

export function readSources(
  files: FoundFile[], maxFileSizeKb: number, openText: (absPath: string) => string | undefined = () => undefined,
): { sources: (SourceFile & { absPath: string })[]; errors: { path: string; message: string }[] } {
  const sources: (SourceFile & { absPath: string })[] = [];
  const errors: { path: string; message: string }[] = [];
  const limit = maxFileSizeKb * 1024;
  for (const f of files) {
    try {
      const open = openText(f.absPath);
      if (open !== undefined) { sources.push({ path: f.displayPath, absPath: f.absPath, text: open }); continue; }
      const size = fs.statSync(f.absPath).size;
      if (size > limit) { errors.push({ path: f.displayPath, message: oversizeMessage(size, maxFileSizeKb) }); continue; }
      sources.push({ path: f.displayPath, absPath: f.absPath, text: fs.readFileSync(f.absPath, 'utf8') });
    } catch (e) {
      errors.push({ path: f.displayPath, message: `cannot read: ${(e as Error).message}` });
    }
  }
  return { sources, errors };
}
