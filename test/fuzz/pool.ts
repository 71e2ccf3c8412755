/**
 * Runs fuzz cases in child processes under a watchdog. Each child announces every case before it starts; a case
 * that does not finish within its bound is reported as a hang with its number, the child is killed and a fresh
 * one continues with the next case. A child that dies is reported the same way, as a crash of its current case.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem, ProblemKind } from './check';
import type { Job, Report } from './worker';

export interface FuzzOptions {
  runSeed: number;
  /** Cases per format. */
  runs: number;
  formats: string[];
  /** Also run each format's 10 MB input once. */
  big: boolean;
  workers: number;
  caseTimeoutMs: number;
  bigTimeoutMs: number;
  maxFixes: number;
  /** The child script; tests of the watchdog substitute one that misbehaves. */
  worker?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface Failure extends Problem {
  format: string;
  index: number;
  origin?: string;
  bytes?: number;
  /**
   * For crashes and hangs: the cases the same process ran before, oldest first, ending with this one. A failure
   * that does not happen alone may need them (state left behind in the shared wasm parser, the heap).
   */
  history?: string[];
}

export interface Tally {
  cases: number;
  relevant: number;
  findings: number;
  fixesChecked: number;
  fixesKnown: number;
  brokenInputs: number;
  parserFailed: number;
  totalMs: number;
  slowestMs: number;
  slowestIndex: number;
  bigMs?: number;
  bigBytes?: number;
  problems: Partial<Record<ProblemKind, number>>;
}

export interface FuzzReport { tallies: Map<string, Tally>; failures: Failure[]; elapsedMs: number }

const SLICE = 200;
/** Cases kept per process for a failure's history: all of them in practice, since the state may be old. */
const HISTORY = 200_000;
/** A starved process is not a hung one: the bound is CPU time, and wall time may run to this multiple of it. */
const WALL_FACTOR = 8;

/**
 * CPU time (user + system, ms) a process has used, from /proc on Linux (in USER_HZ ticks, 100 a second there);
 * undefined elsewhere, where the watchdog falls back to wall time.
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const emptyTally = (): Tally => ({ cases: 0, relevant: 0, findings: 0, fixesChecked: 0, fixesKnown: 0, brokenInputs: 0, parserFailed: 0, totalMs: 0, slowestMs: 0, slowestIndex: -1, problems: {} });

/** Jobs interleaved across formats, big inputs first, so that a partial run has covered every format evenly. */
function plan(o: FuzzOptions): Job[] {
  // A 10 MB input is there to find hangs and superlinear passes; re-analysing it once per fix would cost minutes,
  // and small cases cover the fixes.
  const jobs: Job[] = o.big ? o.formats.map((format): Job => ({ type: 'big', format, maxFixes: 0 })) : [];
  for (let from = 0; from < o.runs; from += SLICE) {
    for (const format of o.formats) jobs.push({ type: 'cases', runSeed: o.runSeed, format, from, to: Math.min(o.runs, from + SLICE), maxFixes: o.maxFixes });
  }
  return jobs;
}

export function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const queue = plan(o);
  const total = o.formats.length * (o.runs + (o.big ? 1 : 0));
  const tallies = new Map(o.formats.map((f) => [f, emptyTally()]));
  const failures: Failure[] = [];
  let done = 0;
  const script = o.worker ?? path.join(__dirname, 'worker.ts');

  const record = (format: string, index: number, p: Problem, extra: Partial<Failure> = {}) => {
    failures.push({ ...p, format, index, ...extra });
    const t = tallies.get(format)!;
    t.problems[p.kind] = (t.problems[p.kind] ?? 0) + 1;
  };

  return new Promise((resolve) => {
    let live = 0;
    const startChild = () => {
      const child: ChildProcess = fork(script, [], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
      live++;
      let job: Job | undefined;
      let current: { format: string; index: number } | undefined;
      let timer: NodeJS.Timeout | undefined;
      /** CPU and wall clock when the analysis under way began. */
      let cpu0: number | undefined, wall0 = 0;
      const history: string[] = [];
      let stderr = '';
      let finished = false;
      child.stderr!.on('data', (d) => { stderr = (stderr + String(d)).slice(-4000); });

      const next = () => {
        job = queue.shift();
        if (job) child.send(job);
        else { finished = true; child.kill(); }
      };
      /** The remainder of an interrupted job goes back to the front of the queue. */
      const requeue = () => {
        if (job?.type === 'cases' && current && current.index + 1 < job.to) queue.unshift({ ...job, from: current.index + 1 });
      };
      const countCase = (format: string) => { tallies.get(format)!.cases++; done++; o.onProgress?.(done, total); };

      child.on('message', (r: Report) => {
        if (r.type === 'start') {
          current = { format: r.format, index: r.index };
          history.push(`${r.format}:${r.index}`);
          if (history.length > HISTORY) history.shift();
          const bound = r.index < 0 ? o.bigTimeoutMs : o.caseTimeoutMs;
          cpu0 = cpuMs(child.pid);
          wall0 = Date.now();
          const watch = () => {
            const wall = Date.now() - wall0;
            const cpuNow = cpu0 !== undefined ? cpuMs(child.pid) : undefined;
            const used = cpuNow !== undefined ? cpuNow - cpu0! : wall;
            if (used < bound && wall < bound * WALL_FACTOR) { timer = setTimeout(watch, Math.max(100, bound - used)); return; }
            record(r.format, r.index, { kind: 'hang', detail: `one analysis gave no result after ${used} ms of CPU time (${wall} ms wall), over the ${bound} ms bound` }, { history: [...history] });
            countCase(r.format);
            requeue();
            current = undefined;
            job = undefined;
            child.kill('SIGKILL');
          };
          timer = setTimeout(watch, bound);
        } else if (r.type === 'tick') {
          cpu0 = cpuMs(child.pid);
          wall0 = Date.now();
        } else if (r.type === 'done') {
          clearTimeout(timer);
          current = undefined;
          const t = tallies.get(r.format)!;
          const s = r.outcome.stats;
          if (s.relevant) t.relevant++;
          t.findings += s.findings;
          t.fixesChecked += s.fixesChecked;
          t.fixesKnown += s.fixesKnown;
          if (s.brokenInput) t.brokenInputs++;
          if (s.parserFailed) t.parserFailed++;
          if (r.index < 0) { t.bigMs = r.ms; t.bigBytes = r.bytes; } else {
            t.totalMs += r.ms;
            if (r.ms > t.slowestMs) { t.slowestMs = r.ms; t.slowestIndex = r.index; }
          }
          for (const p of r.outcome.problems) record(r.format, r.index, p, { origin: r.origin, bytes: r.bytes, ...(p.kind === 'crash' ? { history: [...history] } : {}) });
          countCase(r.format);
        } else if (r.type === 'retire') {
          // Like the product's worker pool: a process whose parser faulted takes no more cases.
          current = { format: r.format, index: r.index };
          requeue();
          current = undefined;
          job = undefined;
          child.kill();
        } else next();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        live--;
        if (current) {
          record(current.format, current.index, { kind: 'crash', detail: `the analysing process died (${signal ?? `exit code ${code}`}): ${stderr.trim().split('\n').slice(-12).join(' | ')}` }, { history: [...history] });
          countCase(current.format);
          requeue();
        } else if (job && !finished) queue.unshift(job);
        if (queue.length) startChild();
        else if (live === 0) resolve({ tallies, failures, elapsedMs: Date.now() - started });
      });
      next();
    };
    for (let i = 0; i < Math.max(1, Math.min(o.workers, queue.length)); i++) startChild();
  });
}
