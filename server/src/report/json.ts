/** The `--format json` contract (ARCHITECTURE.md): 1-based lines and columns, fix titles only. */
import type { FileAnalysis } from '../engine/analyze';
import { runProblems } from './problems';
import type { ReadProblem } from '../host/readSources';

export interface CliRun {
  version: string;
  results: FileAnalysis[];
  /** Paths that could not be read or found, beside the problems the engine reports per file. */
  errors: ReadProblem[];
}

export function toJson(run: CliRun): string {
  const problems = runProblems(run);
  const shown = (level: 'error' | 'notice') => problems.filter((p) => p.level === level)
    .map((p) => ({ path: p.path, message: p.line ? `${p.line}:${p.column}: ${p.message}` : p.message }));
  return JSON.stringify({
    tool: 'cachelint',
    version: run.version,
    files: run.results.map((r) => ({ path: r.path, format: r.format })),
    findings: run.results.flatMap((r) => r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      path: r.path,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      message: f.message,
      docs: f.docs,
      fixes: f.fixes.map((x) => ({ title: x.title })),
    }))),
    // Errors: input that should have been analysed and was not (they make the run exit 2). Notices: files left
    // alone on purpose.
    errors: shown('error'),
    notices: shown('notice'),
  }, null, 2);
}
