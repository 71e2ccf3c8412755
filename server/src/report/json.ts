/** The `--format json` contract (ARCHITECTURE.md): 1-based lines and columns, fix titles only. */
import type { FileAnalysis } from '../engine/analyze';

export interface CliRun {
  version: string;
  results: FileAnalysis[];
  /** Files that could not be read, or settings problems tied to a file. */
  errors: { path: string; message: string }[];
}

export function toJson(run: CliRun): string {
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
    errors: [
      ...run.errors,
      ...run.results.flatMap((r) => r.errors.map((e) => ({ path: r.path, message: e.range ? `${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}` : e.message }))),
    ],
  }, null, 2);
}
