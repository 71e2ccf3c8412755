/**
 * npm run fuzz: every format the engine reads, FUZZ_RUNS cases each (default 10,000) plus one 10 MB input each,
 * under a watchdog. Prints the seed (set it with FUZZ_SEED to repeat a run), counts per format, and each distinct
 * failure with an example whose input is written to FUZZ_OUT; exits 1 on any failure.
 *
 *   FUZZ_SEED=n FUZZ_RUNS=n FUZZ_FORMATS=python,tf FUZZ_BIG=0 FUZZ_WORKERS=n FUZZ_MAX_FIXES=n FUZZ_OUT=dir
 *   FUZZ_CASE=python:123   replays one case in this process and prints its input and outcome
 *   FUZZ_MINIMIZE=1        also reduces each failing input (of a replay, or each distinct failure of a run)
 *   FUZZ_HISTORY=file      replays, in this one process and in order, the cases a crashed or hung process ran
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bigCase, generateCase, BIG_INDEX } from './cases';
import { checkText, type Problem } from './check';
import { minimize } from './minimize';
import { formatById, FORMATS } from './formats';
import { runFuzz, type Failure } from './pool';
import { groupFailures, table } from './report';
import { subjectFor } from './subject';

const env = process.env;
const num = (v: string | undefined, d: number) => (v === undefined || v === '' ? d : Number(v));
const runSeed = num(env.FUZZ_SEED, Date.now() % 2 ** 31);
/** Reducing an input takes up to a few thousand analyses: the most frequent failures first, this many at most. */
const MINIMIZE_GROUPS = 40;
const out = path.resolve(env.FUZZ_OUT ?? path.join(__dirname, '../../.scratch/fuzz-failures'));

function inputOf(f: Pick<Failure, 'format' | 'index'>): string {
  return (f.index === BIG_INDEX ? bigCase(f.format) : generateCase(runSeed, f.format, f.index)).text;
}

async function replay(spec: string): Promise<void> {
  const [formatId, index] = spec.split(':');
  const c = Number(index) === BIG_INDEX ? bigCase(formatId) : generateCase(runSeed, formatId, Number(index));
  console.log(`seed ${runSeed}, ${formatId} case ${index}: ${c.origin}\nsettings ${JSON.stringify(c.settings)}\n--- input (${c.text.length} chars) ---`);
  console.log(c.text.length > 4000 ? `${JSON.stringify(c.text.slice(0, 4000))}…` : JSON.stringify(c.text));
  const subject = await subjectFor(formatById(formatId), c.settings);
  const outcome = await checkText(subject, c.text);
  console.log(JSON.stringify(outcome, null, 2));
  if (env.FUZZ_MINIMIZE) for (const p of outcome.problems) console.log(`\nminimal input for [${p.kind}] ${p.detail.slice(0, 200)}:\n${JSON.stringify(await minimize(subject, c.text, p))}`);
}

/** The smallest input found that fails the same way, for failures that happen in-process. */
async function minimal(f: Failure): Promise<string | undefined> {
  if (f.kind === 'hang' || /process died/.test(f.detail)) return undefined;
  const c = f.index === BIG_INDEX ? bigCase(f.format) : generateCase(runSeed, f.format, f.index);
  return minimize(await subjectFor(formatById(f.format), c.settings), c.text, f as Problem);
}

/** A crash or hang that needs its process's earlier cases: run them all here, in order, and say what fails. */
async function replayHistory(file: string): Promise<void> {
  const ids = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
  for (const id of ids) {
    const [formatId, index] = id.split(':');
    const c = Number(index) === BIG_INDEX ? bigCase(formatId) : generateCase(runSeed, formatId, Number(index));
    const t = Date.now();
    const { problems } = await checkText(await subjectFor(formatById(formatId), c.settings), c.text);
    const ms = Date.now() - t;
    if (problems.length || ms > 1000) console.log(`${id}: ${ms} ms${problems.map((p) => `\n  [${p.kind}] ${p.detail.slice(0, 400)}`).join('')}`);
  }
  console.log(`${ids.length} cases replayed`);
}

async function main(): Promise<number> {
  if (env.FUZZ_CASE) { await replay(env.FUZZ_CASE); return 0; }
  if (env.FUZZ_HISTORY) { await replayHistory(env.FUZZ_HISTORY); return 0; }
  const formats = env.FUZZ_FORMATS ? env.FUZZ_FORMATS.split(',').map((f) => formatById(f.trim()).id) : FORMATS.map((f) => f.id);
  const runs = num(env.FUZZ_RUNS, 10_000);
  console.log(`fuzz: seed ${runSeed} (FUZZ_SEED=${runSeed} repeats this run), ${runs} cases per format, ${formats.length} formats`);
  let last = 0;
  const report = await runFuzz({
    runSeed, runs, formats,
    big: env.FUZZ_BIG !== '0',
    workers: num(env.FUZZ_WORKERS, os.availableParallelism()),
    caseTimeoutMs: num(env.FUZZ_TIMEOUT_MS, 5_000),
    bigTimeoutMs: num(env.FUZZ_BIG_TIMEOUT_MS, 180_000),
    maxFixes: num(env.FUZZ_MAX_FIXES, Infinity),
    onProgress: (done, total) => {
      if (Date.now() - last < 15_000) return;
      last = Date.now();
      console.log(`  … ${done}/${total} cases`);
    },
  });
  console.log(`\n${table(report)}\n\n${report.failures.length} failures, ${(report.elapsedMs / 1000).toFixed(0)} s`);
  const groups = groupFailures(report.failures);
  let minimized = 0;
  if (groups.length) fs.mkdirSync(out, { recursive: true });
  for (const g of groups) {
    const e = g.example;
    const file = path.join(out, `${e.format}-${e.kind}-${e.index < 0 ? 'big' : e.index}${path.extname(formatById(e.format).path)}`);
    fs.writeFileSync(file, inputOf(e));
    const small = env.FUZZ_MINIMIZE && e.index !== BIG_INDEX && minimized++ < MINIMIZE_GROUPS ? await minimal(e) : undefined;
    if (small !== undefined) fs.writeFileSync(`${file}.min`, small);
    const severe = e.kind === 'crash' || e.kind === 'hang';
    if (e.history) fs.writeFileSync(`${file}.history.json`, JSON.stringify(e.history));
    console.log([
      `\n[${e.kind}] ×${g.count} ${e.format} case ${e.index} (${e.bytes ?? '?'} chars; FUZZ_SEED=${runSeed} FUZZ_CASE=${e.format}:${e.index}; input in ${path.relative(process.cwd(), file)})`,
      ...(severe && g.count > 1 ? [`  all cases: ${g.indices.join(', ')}`] : []),
      `  ${e.detail.split('\n').slice(0, severe ? 16 : 4).join('\n  ')}`,
      ...(e.origin ? [`  made from: ${e.origin.slice(0, 400)}`] : []),
      ...(e.history ? [`  the process's earlier cases: FUZZ_SEED=${runSeed} FUZZ_HISTORY=${path.relative(process.cwd(), file)}.history.json`] : []),
      ...(small !== undefined ? [`  minimal: ${JSON.stringify(small).slice(0, 600)}`] : []),
    ].join('\n'));
  }
  return report.failures.length ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 2; });
