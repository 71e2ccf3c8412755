/**
 * What a run could not do, in one list every output format prints and the exit code reads: files that could not be
 * read, parsed or analysed in time are errors (exit 2 unless --allow-errors: CI must not pass on input it never
 * read); files left alone on purpose (minified, generated, binary) are notices.
 */
import type { CliRun } from './json';

export interface RunProblem {
  path: string;
  message: string;
  /** 1-based, when the problem has a place in the file (a syntax error). */
  line?: number;
  column?: number;
  level: 'error' | 'notice';
}

export function runProblems(run: CliRun): RunProblem[] {
  return [
    ...run.errors.map((e): RunProblem => ({ path: e.path, message: e.message, level: e.notice ? 'notice' : 'error' })),
    ...run.results.flatMap((r) => r.errors.map((e): RunProblem => ({
      path: r.path,
      message: e.message,
      level: e.notice ? 'notice' : 'error',
      ...(e.range ? { line: e.range.start.line + 1, column: e.range.start.character + 1 } : {}),
    }))),
  ];
}
