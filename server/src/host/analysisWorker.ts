/**
 * The worker-thread side of the analysis pool (bundled as `dist/worker.js`): one engine per thread, so that a slow
 * file costs that thread, never the language server's event loop or the CLI's watchdog.
 */
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { Analyzer, PARSER_FAILED } from '../engine/analyze';
import { nodeGrammarSource } from './nodeGrammars';
import type { WorkerRequest, WorkerResponse } from './analysisPool';
import type { SourceFile } from '../engine/types';

const analyzer = new Analyzer(nodeGrammarSource(path.join(__dirname, 'grammars')));
/** The module summaries last sent, kept parsed: the pool sends them again only when they changed (sameModule). */
let lastModule: SourceFile['module'];

parentPort?.on('message', async (req: WorkerRequest) => {
  const started = performance.now();
  let reply: WorkerResponse;
  try {
    if (req.module !== undefined) lastModule = JSON.parse(req.module) as SourceFile['module'];
    const module = req.module !== undefined || req.sameModule ? lastModule : undefined;
    const file = module ? { ...req.file, module } : req.file;
    const analysis = await analyzer.analyzeFile(file, req.settings, req.context);
    // The model holds Maps with behaviour (merge-aware properties) that do not survive a structured clone; hosts keep
    // only the caches it declares.
    if (analysis) delete analysis.iac;
    // After a fault inside the wasm parser its memory cannot be trusted (the fuzzer saw later parses fail or crash
    // in the same process): this worker asks to be replaced by a fresh one.
    const retire = !!analysis?.errors.some((e) => e.message.startsWith(PARSER_FAILED));
    reply = { id: req.id, analysis, ms: performance.now() - started, heapUsed: process.memoryUsage().heapUsed, retire };
  } catch (e) {
    reply = { id: req.id, error: (e as Error).stack ?? String(e), ms: performance.now() - started, heapUsed: process.memoryUsage().heapUsed };
  }
  parentPort!.postMessage(reply);
});

// Loaded and listening: a worker that dies before saying so is a broken install, not a broken file.
parentPort?.postMessage({ ready: true });
