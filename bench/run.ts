/**
 * npm run bench [-- --json | --quick | --only parse|latency|memory|peer]
 *   parse    analysis against the bare parser in-process, three sizes per format (the ARCHITECTURE.md contract)
 *   latency  one-character edits through the built server over stdio, end to end and analysis alone
 *   memory   the built server's resident memory with 1,000 files open
 *   peer     our CLI against cfn-lint on one set of CloudFormation templates
 * Timings are reported, never asserted in tests; each target is printed with its measured value and PASS/MISS.
 */
import * as os from 'node:os';
import { parseOptions, USAGE, type SectionName } from './options';
import { targetTable, type Target } from './report';
import { parseSection, parseTable } from './sections/parse';
import { latencySection } from './sections/latency';
import { memorySection } from './sections/memory';
import { peerSection } from './sections/peer';
import { checkBuilt } from './built';

async function main(): Promise<void> {
  let opts;
  try { opts = parseOptions(process.argv.slice(2), process.env); } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  // With --json, stdout carries the array alone; progress goes to stderr.
  const log = opts.json ? (s: string) => process.stderr.write(s + '\n') : (s: string) => process.stdout.write(s + '\n');
  const started = Date.now();
  // Timings on a shared machine mean little without knowing how busy it was.
  const load = () => os.loadavg()[0].toFixed(1);
  log(`${os.availableParallelism()} cores, load average ${load()} at start`);
  const targets: Target[] = [];
  const section = async (name: SectionName, title: string, run: () => Promise<{ report: string; targets: Target[] }>) => {
    if (!opts.sections.includes(name)) return;
    log(`\n== ${title} ==`);
    const t = Date.now();
    const { report, targets: own } = await run();
    log(report);
    if (own.length) log(targetTable(own));
    log(`(${((Date.now() - t) / 1000).toFixed(0)} s)`);
    targets.push(...own);
  };

  if (opts.json) {
    const { rows } = await parseSection(opts.runs, log);
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const stale = opts.sections.some((s) => s !== 'parse') ? checkBuilt() : undefined;
  if (stale) log(stale);
  await section('parse', '1. Parse vs analysis (in-process)', async () => {
    const { rows, targets: t } = await parseSection(opts.runs, log);
    return { report: parseTable(rows, opts.runs), targets: t };
  });
  await section('latency', '2. Editor latency (dist/server.js --stdio)', () => latencySection(opts.edits, opts.editBudgetMs, log));
  await section('memory', '3. Server memory (dist/server.js --stdio)', () => memorySection(log));
  await section('peer', '4. Side by side with cfn-lint', () => peerSection(opts.peerRuns, log));

  log(`\n== Summary (${((Date.now() - started) / 1000).toFixed(0)} s; load average ${load()} at the end) ==`);
  log(targetTable(targets));
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
