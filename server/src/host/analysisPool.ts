/**
 * Runs the engine in worker threads with a time budget per file. A file that takes longer than the budget has its
 * worker terminated and replaced, and comes back as a skipped file with one message: no input can freeze the
 * language server (its event loop only waits on messages) or hang a CI run. A worker that crashes (out of memory,
 * a wasm fault) costs the one file it was analysing.
 *
 * Measured against cooperative chunking on the main thread: the `yaml` parse of one 1 MB template and a
 * tree-sitter parse are single synchronous calls that no chunking can interrupt, while a structured clone of a
 * result costs well under a millisecond for ordinary files. So the work moved, rather than being sliced.
 */
import { Worker } from 'node:worker_threads';
import { skippedAnalysis, type FileAnalysis } from '../engine/analyze';
import type { ResolvedSettings } from '../engine/settings';
import type { WorkspaceContext } from '../engine/context';
import type { SourceFile } from '../engine/types';

/**
 * `module`: the file's `module` summaries as JSON. A module of hundreds of files is megabytes of small objects, which
 * a structured clone copies one by one on every keystroke; one string is copied flat, and encoded once per state of
 * the module (the host hands the same array while nothing in the module changed).
 */
export interface WorkerRequest {
  id: number; file: SourceFile; settings: ResolvedSettings; context?: WorkspaceContext; module?: string;
  /** The module is the one this worker was sent last: it keeps it parsed, so nothing of it is copied again. */
  sameModule?: true;
}

const encoded = new WeakMap<object, string>();

function encodeModule(module: SourceFile['module']): string | undefined {
  if (!module?.length) return undefined;
  let json = encoded.get(module);
  if (json === undefined) { json = JSON.stringify(module); encoded.set(module, json); }
  return json;
}
/** `heapUsed`: the worker's own V8 heap after the job, in bytes (for memory reports). */
export type WorkerResponse =
  | { id: number; analysis: FileAnalysis | undefined; ms: number; heapUsed: number; retire?: boolean }
  | { id: number; error: string; ms: number; heapUsed: number };

export type Priority = 'interactive' | 'background';

export interface PoolResult {
  /** undefined: the file is not one cachelint reads, or the job was replaced (superseded) or dropped (cancelled). */
  analysis?: FileAnalysis;
  status: 'done' | 'superseded' | 'cancelled' | 'timeout' | 'crashed';
  /** Time inside the engine (for a timeout: the budget). */
  ms: number;
  /** Time spent waiting for a free worker. */
  queuedMs: number;
}

export interface PoolOptions {
  workerFile: string;
  size?: number;
  /** Per-file wall-clock budget inside a worker. */
  budgetMs?: number;
  /** Heap cap per worker: a file that needs more fails alone instead of swapping the machine. */
  maxHeapMb?: number;
  log?: (message: string) => void;
}

interface Job {
  file: SourceFile;
  settings: ResolvedSettings;
  context?: WorkspaceContext;
  priority: Priority;
  key?: string;
  queuedAt: number;
  resolve(result: PoolResult): void;
}

interface Slot {
  worker: Worker;
  heapUsed?: number;
  /** No job has finished on this worker yet: its first job also pays for thread start-up and grammar loading. */
  fresh: boolean;
  /** The worker's module loaded (it said so). */
  ready: boolean;
  /** The module summaries last sent to this worker (by identity), which it keeps. */
  lastModule?: object;
  job?: Job & { id: number; startedAt: number; timer: NodeJS.Timeout };
}

export const DEFAULT_BUDGET_MS = 5000;
/** Added to a fresh worker's first job (measured ~110 ms to start a worker and load a grammar; more on a busy CI). */
const STARTUP_ALLOWANCE_MS = 2000;
/** Workers that die before their module has loaded, in a row, after which the pool stops starting new ones. */
const MAX_FAILED_STARTS = 3;

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  private failedStarts = 0;
  /** Set when workers keep dying at start-up (a broken install): every job then fails at once with this. */
  private broken: string | undefined;
  private readonly budgetMs: number;

  constructor(private readonly options: PoolOptions) {
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
    for (let i = 0; i < Math.max(1, options.size ?? 1); i++) this.slots.push(this.spawn());
  }

  /**
   * Analyses one file. Interactive jobs (an open document) go before background ones (a workspace scan); a job with
   * a key replaces a queued job with the same key (the previous version of a document), which resolves superseded.
   */
  analyze(file: SourceFile, settings: ResolvedSettings, context?: WorkspaceContext, opts: { priority?: Priority; key?: string } = {}): Promise<PoolResult> {
    if (this.disposed) return Promise.resolve({ status: 'cancelled', ms: 0, queuedMs: 0 });
    if (this.broken) return Promise.resolve({ status: 'crashed', analysis: skippedAnalysis(file, `skipped: ${this.broken}`), ms: 0, queuedMs: 0 });
    return new Promise((resolve) => {
      if (opts.key !== undefined) {
        const i = this.queue.findIndex((j) => j.key === opts.key);
        if (i >= 0) this.queue.splice(i, 1)[0].resolve({ status: 'superseded', ms: 0, queuedMs: 0 });
      }
      const job: Job = { file, settings, context, priority: opts.priority ?? 'interactive', key: opts.key, queuedAt: performance.now(), resolve };
      if (job.priority === 'interactive') {
        const firstBackground = this.queue.findIndex((j) => j.priority === 'background');
        this.queue.splice(firstBackground < 0 ? this.queue.length : firstBackground, 0, job);
      } else this.queue.push(job);
      this.pump();
    });
  }

  /** Each worker's V8 heap as last reported (bytes); 0 before its first job. */
  workerHeaps(): number[] {
    return this.slots.map((s) => s.heapUsed ?? 0);
  }

  /** Stops every worker; queued and running jobs resolve cancelled (nothing to publish, nothing to tell). */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve({ status: 'cancelled', ms: 0, queuedMs: 0 });
    await Promise.all(this.slots.map((slot) => {
      if (slot.job) this.finish(slot, { status: 'cancelled', ms: 0 });
      return slot.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.workerFile, { resourceLimits: {
      maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024,
      // V8's own default for a 64-bit process, stated because the server's thread runs with a small young generation
      // (SERVER_EXEC_ARGV) and a worker would otherwise inherit it: the analysis allocates fast and wants room.
      maxYoungGenerationSizeMb: 48,
    } });
    const slot: Slot = { worker, fresh: true, ready: false };
    worker.on('message', (msg: WorkerResponse | { ready: true }) => {
      if ('ready' in msg) { slot.ready = true; this.failedStarts = 0; return; }
      slot.heapUsed = msg.heapUsed;
      slot.fresh = false;
      if (!slot.job || msg.id !== slot.job.id) return;
      if ('error' in msg) {
        this.options.log?.(`analysis of ${slot.job.file.path} failed: ${msg.error}`);
        this.finish(slot, { status: 'crashed', analysis: skippedAnalysis(slot.job.file, 'skipped: cachelint failed on this file (see its log)'), ms: msg.ms });
      } else {
        this.finish(slot, { status: 'done', analysis: msg.analysis, ms: msg.ms }, msg.retire);
      }
    });
    // A worker that dies mid-file (out of memory, a fault in wasm) costs that file; the next job gets a new worker.
    const died = (why: string) => {
      if (this.disposed || !this.slots.includes(slot)) return;
      const job = slot.job;
      // A worker that cannot even start (a broken install) would otherwise be restarted in a tight loop.
      if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
        this.broken = `the analyser cannot start (${why}); reinstall cachelint or see its log`;
        this.options.log?.(this.broken);
        for (const queued of this.queue.splice(0)) queued.resolve({ status: 'crashed', analysis: skippedAnalysis(queued.file, `skipped: ${this.broken}`), ms: 0, queuedMs: 0 });
      }
      this.replace(slot);
      if (job) {
        this.options.log?.(`the analysis worker stopped on ${job.file.path}: ${why}`);
        job.resolve({ status: 'crashed', analysis: skippedAnalysis(job.file, `skipped: the analyser stopped on this file (${why})`), ms: performance.now() - job.startedAt, queuedMs: job.startedAt - job.queuedAt });
      }
    };
    worker.on('error', (e) => died(e.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  /** Puts a fresh worker in the place of one that died or ran over its budget. */
  private replace(slot: Slot) {
    if (slot.job) clearTimeout(slot.job.timer);
    slot.job = undefined;
    const i = this.slots.indexOf(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => { /* already replaced */ });
    void slot.worker.terminate();
    if (!this.disposed && !this.broken) this.slots[i] = this.spawn();
    else this.slots.splice(i, 1);
    queueMicrotask(() => this.pump());
  }

  /** `retire`: the worker asked to be replaced (its wasm parser faulted): the next job goes to a fresh one. */
  private finish(slot: Slot, result: Omit<PoolResult, 'queuedMs'>, retire = false) {
    const job = slot.job!;
    clearTimeout(job.timer);
    slot.job = undefined;
    job.resolve({ ...result, queuedMs: job.startedAt - job.queuedAt });
    if (retire && !this.disposed) this.replace(slot);
    else this.pump();
  }

  private pump() {
    for (const slot of this.slots) {
      if (slot.job || !this.queue.length || this.disposed) continue;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      const startedAt = performance.now();
      const allowance = slot.fresh ? STARTUP_ALLOWANCE_MS : 0;
      const timer = setTimeout(() => {
        const seconds = (this.budgetMs / 1000).toLocaleString('en');
        this.options.log?.(`${job.file.path}: analysis stopped after ${seconds} s`);
        const result: PoolResult = {
          status: 'timeout', ms: this.budgetMs, queuedMs: startedAt - job.queuedAt,
          analysis: skippedAnalysis(job.file, `skipped: analysis took longer than ${seconds} s and was stopped (generated or pathological input?)`),
        };
        this.replace(slot);
        job.resolve(result);
      }, this.budgetMs + allowance);
      slot.job = { ...job, id, startedAt, timer };
      const { module, ...file } = job.file;
      const request: WorkerRequest = { id, file, settings: job.settings, context: job.context };
      if (module?.length && module === slot.lastModule) request.sameModule = true;
      else {
        const json = encodeModule(module);
        if (json !== undefined) request.module = json;
        slot.lastModule = module?.length ? module : undefined;
      }
      slot.worker.postMessage(request);
    }
  }
}
