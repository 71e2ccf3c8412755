/**
 * A path named on the command line that yielded nothing is said so, never passed over: CI must not go green on
 * input it never looked at (a git-ignored folder, a templates folder that moved, a glob of manifests). When the
 * whole run analysed nothing it is an error (exit 2 unless --allow-errors), as `no PATH given` is: there was
 * nothing to lint. When other paths were analysed, an empty folder is a notice. A named file that is not relevant
 * (a Kubernetes manifest in a shell glob) stays silent beside relevant ones, as the JSON contract says.
 */
import type { ArgOutcome } from '../host/walk';
import type { CliRun } from '../report/json';
import type { ReadProblem } from '../host/readSources';
import { runProblems } from '../report/problems';

const KINDS = 'CloudFormation template, Terraform file or application source';

export interface EmptyInputs {
  problems: ReadProblem[];
  /** Nothing at all was analysed or reported. */
  emptyRun: boolean;
}

export function emptyInputs(perArg: ArgOutcome[], run: CliRun): EmptyInputs {
  const produced = new Set([...run.results.map((r) => r.path), ...runProblems(run).map((p) => p.path)]);
  const empty = perArg.filter((a) => a.kind !== 'missing' && !a.unreadable && !a.files.some((f) => produced.has(f)));
  const emptyRun = produced.size === 0 && empty.length > 0;
  const problems = empty
    .filter((a) => emptyRun || a.kind !== 'file')
    .map((a): ReadProblem => ({ path: a.arg, message: messageFor(a), ...(emptyRun ? {} : { notice: true }) }));
  return { problems, emptyRun };
}

function messageFor(a: ArgOutcome): string {
  if (a.kind === 'file') return `nothing to analyse: not a ${KINDS}`;
  if (a.kind === 'other') return 'nothing to analyse: not a file or a folder';
  const read = a.files.length ? `${plural(a.files.length, 'file')} read, none a ${KINDS}` : `no ${KINDS}`;
  const ignored = a.ignored ? `; ${plural(a.ignored, 'entry', 'entries')} below it ignored by .gitignore or the "ignore" globs` : '';
  return `nothing to analyse below this folder: ${read}${ignored}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
