/** Cross-file fixtures: a project folder read into source files, analysed as one workspace, findings as lines. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer, type FileAnalysis } from '../../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, type ResolvedSettings } from '../../../server/src/engine/settings';
import type { SourceFile } from '../../../server/src/engine/types';
import type { PathAliases, WorkspacePackage } from '../../../server/src/engine/moduleGraph';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';

export const FIXTURES = path.resolve(__dirname, '../fixtures/xfile');

let analyzer: Analyzer | undefined;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out); else out.push(p);
  }
  return out;
}

/** Every file of a fixture project, with absolute paths (as the server names them). */
export function projectFiles(project: string): SourceFile[] {
  const root = path.join(FIXTURES, project);
  return walk(root).sort().map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8'), projectPath: path.relative(root, p).split(path.sep).join('/') }));
}

export async function analyzeProject(
  project: string, opts: { aliases?: PathAliases[]; packages?: WorkspacePackage[]; settings?: Partial<ResolvedSettings>; files?: SourceFile[]; index?: boolean } = {},
): Promise<FileAnalysis[]> {
  analyzer ??= new Analyzer(nodeGrammarSource());
  const settings: ResolvedSettings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const { results } = await analyzer.analyzeWorkspace(opts.files ?? projectFiles(project), settings, { enabled: opts.index ?? true, aliases: opts.aliases, packages: opts.packages });
  return results;
}

/** `app/sessions.py:8:5 missing-ttl`, below the project folder, in file then position order. */
export function findingLines(project: string, results: FileAnalysis[]): string[] {
  const root = path.join(FIXTURES, project);
  return results.flatMap((r) => r.findings.map((f) =>
    `${path.relative(root, r.path).split(path.sep).join('/')}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`));
}
