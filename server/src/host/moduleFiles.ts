/**
 * The CLI given some files of a Terraform module (`cachelint infra/main.tf`) still reads the module whole: the
 * other module files of each directory are read as context, summarised but not reported on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from '../engine/types';
import { formatFor } from '../formats';
import { isModuleFile } from '../model/module';

export function moduleContextFiles(sources: (SourceFile & { absPath?: string })[], maxFileSizeKb: number): SourceFile[] {
  const given = new Set(sources.map((s) => path.resolve(s.absPath ?? s.path)));
  const dirs = new Map<string, string>();
  for (const s of sources) {
    if (!isModuleFile(s.path) || formatFor(s)?.format.id !== 'terraform') continue;
    const abs = path.resolve(s.absPath ?? s.path);
    if (!dirs.has(path.dirname(abs))) dirs.set(path.dirname(abs), path.dirname(s.path));
  }
  const out: SourceFile[] = [];
  for (const [dir, shown] of dirs) {
    let names: string[];
    try { names = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && isModuleFile(d.name)).map((d) => d.name).sort(); } catch { continue; }
    for (const name of names) {
      const abs = path.join(dir, name);
      if (given.has(abs)) continue;
      try {
        if (fs.statSync(abs).size > maxFileSizeKb * 1024) continue;
        out.push({ path: path.join(shown, name), text: fs.readFileSync(abs, 'utf8') });
      } catch { /* unreadable context is no context */ }
    }
  }
  return out;
}
