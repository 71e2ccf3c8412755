/**
 * A fuzzing child process: runs the cases it is sent and reports the start and end of each, so that the parent's
 * watchdog can name a case that hangs or kills the process. Separate processes, not threads: a fatal V8 error or
 * a wasm abort must cost one case, not the run.
 */
import { bigCase, generateChunk, BIG_INDEX, CHUNK, type FuzzCase } from './cases';
import { checkText, type Outcome } from './check';
import { formatById } from './formats';
import { subjectFor, takeFault } from './subject';

export type Job =
  | { type: 'cases'; runSeed: number; format: string; from: number; to: number; maxFixes: number }
  | { type: 'big'; format: string; maxFixes: number };

export type Report =
  | { type: 'start'; format: string; index: number }
  | { type: 'done'; format: string; index: number; ms: number; bytes: number; origin: string; outcome: Outcome }
  | { type: 'idle' }
  /** The case starts another analysis (of a fixed text): the watchdog's bound starts again. */
  | { type: 'tick' }
  /** A wasm parser faulted during the case just done: the parent replaces this process before the next case. */
  | { type: 'retire'; format: string; index: number };

/** Fixes verified so far in this process; bounded, since it only saves time. */
const verified = new Set<string>();

const send = (r: Report) => new Promise<void>((resolve) => process.send!(r, () => resolve()));

/** False when the process must stop taking cases (see `retire`). */
async function runCase(c: FuzzCase, maxFixes: number): Promise<boolean> {
  await send({ type: 'start', format: c.format, index: c.index });
  const subject = await subjectFor(formatById(c.format), c.settings);
  const t = performance.now();
  if (verified.size > 200_000) verified.clear();
  const outcome = await checkText(subject, c.text, { maxFixes, verified, onAnalysis: () => process.send!({ type: 'tick' } satisfies Report) });
  // The large input exists to measure the engine on it: skipping it would pass vacuously.
  if (c.index === BIG_INDEX && (!outcome.stats.relevant || outcome.stats.skipped)) {
    outcome.problems.push({ kind: 'internal', detail: `the ${c.text.length}-character input was not analysed: ${outcome.stats.skipped ?? 'not recognised as this format'}` });
  }
  await send({ type: 'done', format: c.format, index: c.index, ms: performance.now() - t, bytes: c.text.length, origin: c.origin, outcome });
  if (!takeFault()) return true;
  await send({ type: 'retire', format: c.format, index: c.index });
  return false;
}

async function run(job: Job): Promise<void> {
  if (job.type === 'big') { if (!await runCase(bigCase(job.format), job.maxFixes)) return; } else {
    for (let chunk = Math.floor(job.from / CHUNK); chunk * CHUNK < job.to; chunk++) {
      for (const c of generateChunk(job.runSeed, job.format, chunk)) {
        if (c.index >= job.from && c.index < job.to && !await runCase(c, job.maxFixes)) return;
      }
    }
  }
  await send({ type: 'idle' });
}

// Jobs arrive one at a time: the parent sends the next only after `idle`.
process.on('message', (job: Job) => { void run(job); });
