/**
 * Where our CLI's time goes on the peer set: node start-up, loading the bundle, a grammar load, and the engine in
 * worker threads as the CLI runs it (a fresh worker's start, its cold first pass, a warm pass with nothing reused).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisPool } from '../../server/src/host/analysisPool';
import type { SourceFile } from '../../server/src/engine/types';
import { settings } from '../engine';
import { CLI_JS, ROOT, WORKER_JS } from '../built';
import { median, timeAsync } from '../measure';
import { ms, table } from '../report';

/** These probes are cheap: more runs steady their medians. */
export const PROBE_RUNS = 5;
const TINY: SourceFile = { path: 'tiny.yaml', text: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n" };

/** Fresh workers, as a CLI run starts them: time to the first answer, then the set split between them, cold. */
async function coldPool(size: number, sources: SourceFile[]): Promise<{ start: number; cold: number; warm: number }> {
  const pool = new AnalysisPool({ workerFile: WORKER_JS, size });
  try {
    const start = await timeAsync(() => Promise.all(Array.from({ length: size }, () => pool.analyze(TINY, settings))));
    const all = (prefix: string) => Promise.all(sources.map((s) => pool.analyze({ ...s, path: prefix + s.path }, settings)));
    const cold = await timeAsync(() => all(''));
    // New paths: the engine keeps pieces of a file's last parse for its next edit, which no CLI run benefits from.
    const warm: number[] = [];
    for (let i = 0; i < PROBE_RUNS; i++) warm.push(await timeAsync(() => all(`warm-${i}/`)));
    return { start, cold, warm: median(warm) };
  } finally {
    await pool.dispose();
  }
}

export async function cliTime(
  medianOf: (args: string[]) => number, sources: SourceFile[], smallTemplate: string, wholeSetMs: number,
): Promise<string> {
  const tf = path.join(ROOT, 'examples/terraform/main.tf');
  const steps: [string, number][] = [
    ['node start-up (node -e 0)', medianOf(['-e', '0'])],
    ['node + the CLI bundle (cli.js --version)', medianOf([CLI_JS, '--version'])],
    [`CLI on one small template (${smallTemplate})`, medianOf([CLI_JS, '--format', 'json', smallTemplate])],
    ['CLI on one Terraform file, for contrast (wasm runtime + grammar)', medianOf([CLI_JS, '--format', 'json', tf])],
    [`CLI on the whole set (${sources.length} templates)`, wholeSetMs],
  ];
  for (const size of [1, 2]) {
    const p = await coldPool(size, sources);
    const workers = size === 1 ? 'one fresh worker' : `${size} fresh workers`;
    steps.push(
      [`in-process, ${workers}: start + a one-resource template`, p.start],
      [`  then the whole set, cold`, p.cold],
      [`  then the whole set again, warm (new paths: nothing reused)`, p.warm],
    );
  }
  const kb = (f: string) => (fs.statSync(f).size / 1024).toFixed(0);
  return `our CLI, median of ${PROBE_RUNS} (dist/cli.js ${kb(CLI_JS)} KB, dist/worker.js ${kb(WORKER_JS)} KB):\n` +
    table(['step', 'ms'], steps.map(([label, t]) => [label, ms(t)]));
}
