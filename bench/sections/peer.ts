/**
 * Section 4: our CLI and cfn-lint, each as one whole command over the same CloudFormation templates (wall time,
 * median of a few runs), then where our CLI's own time goes: node start-up, loading the bundle, a grammar load,
 * and the engine itself in a worker thread (as the CLI runs it), cold and then warm.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisPool } from '../../server/src/host/analysisPool';
import { countByRule, sameCounts, settings } from '../engine';
import { CLI_JS, ROOT, WORKER_JS } from '../built';
import { median, now, timeAsync } from '../measure';
import { ms, round, table, type Target } from '../report';
import { templateRepository, type RepositoryFile } from '../inputs/repository';

export const PEER_RATIO_TARGET = 30;
/** The start-up probes are cheap: more runs steady their medians. */
const PROBE_RUNS = 5;

function run(cmd: string, args: string[], cwd: string): { ms: number; status: number | null; stdout: string; missing: boolean } {
  const t = now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const elapsed = now() - t;
  return { ms: elapsed, status: r.status, stdout: r.stdout ?? '', missing: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' };
}

function medianOf(runs: number, cmd: string, args: string[], cwd: string): number {
  return median(Array.from({ length: runs }, () => run(cmd, args, cwd).ms));
}

/** Our CLI must have found in each generated template what the generator put there, or the comparison is void. */
function checkOurOutput(stdout: string, files: RepositoryFile[]): void {
  const out = JSON.parse(stdout) as { findings: { path: string; ruleId: string }[]; errors: unknown[] };
  if (out.errors.length) throw new Error(`our CLI reported errors on the template set: ${JSON.stringify(out.errors.slice(0, 3))}`);
  for (const f of files) {
    if (!f.expected) continue;
    const got = countByRule(out.findings.filter((x) => x.path === f.rel).map((x) => x.ruleId));
    if (!sameCounts(got, f.expected)) throw new Error(`${f.rel}: our CLI found ${JSON.stringify(got)}, the generator put ${JSON.stringify(f.expected)}`);
  }
}

export async function peerSection(runs: number, log: (s: string) => void): Promise<{ report: string; targets: Target[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-bench-peer-'));
  try {
    const files = templateRepository(ROOT);
    for (const f of files) {
      fs.mkdirSync(path.join(dir, path.dirname(f.rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.rel), f.text);
    }
    const rels = files.map((f) => f.rel);
    const lines = files.map((f) => f.text.split('\n').length);
    const kb = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0) / 1024;
    const setLine = `${files.length} templates (${Math.min(...lines)}–${Math.max(...lines)} lines, ${lines.reduce((a, b) => a + b, 0).toLocaleString('en')} lines, ${kb.toFixed(0)} KB)`;
    const ourArgs = [CLI_JS, '--format', 'json', ...rels];

    const first = run(process.execPath, ourArgs, dir);
    if (first.status !== 0 && first.status !== 1) throw new Error(`our CLI exited ${first.status} on the template set`);
    checkOurOutput(first.stdout, files);
    const version = run('cfn-lint', ['--version'], dir);
    const haveCfnLint = !version.missing && version.status === 0;

    const ours: number[] = [], theirs: number[] = [];
    log(`  ${setLine}: ${runs} run(s) of each command...`);
    // Alternated, so that a noisy moment hits both tools.
    for (let i = 0; i < runs; i++) {
      ours.push(run(process.execPath, ourArgs, dir).ms);
      if (haveCfnLint) theirs.push(run('cfn-lint', rels, dir).ms);
    }
    const oursMs = median(ours);
    const targets: Target[] = [];
    const rows: (string | number)[][] = [[`cachelint (node dist/cli.js --format json)`, ms(oursMs), '']];
    if (haveCfnLint) {
      const ratio = median(theirs) / oursMs;
      rows.push([`cfn-lint ${version.stdout.trim().replace(/^cfn-lint\s*/, '')}`, ms(median(theirs)), `${round(ratio, 1)}×`]);
      targets.push({ name: `cfn-lint time / ours on ${files.length} templates ≥ ${PEER_RATIO_TARGET}×`, measured: `${round(ratio, 1)}×`, pass: ratio >= PEER_RATIO_TARGET });
    } else {
      rows.push(['cfn-lint', 'skipped: cfn-lint not installed', '']);
    }

    log('  where our CLI\'s time goes...');
    const tf = path.join(ROOT, 'examples/terraform/main.tf');
    const probes: [string, number][] = [
      ['node start-up (node -e 0)', medianOf(PROBE_RUNS, process.execPath, ['-e', '0'], dir)],
      ['+ load the bundle (cli.js --version)', medianOf(PROBE_RUNS, process.execPath, [CLI_JS, '--version'], dir)],
      ['one small template (examples/cloudformation/leaderboard.json)', medianOf(PROBE_RUNS, process.execPath, [CLI_JS, '--format', 'json', rels.find((r) => r.endsWith('leaderboard.json'))!], dir)],
      ['one Terraform file, for contrast (loads wasm runtime + grammar)', medianOf(PROBE_RUNS, process.execPath, [CLI_JS, '--format', 'json', tf], dir)],
      [`the whole set (${files.length} templates)`, oursMs],
    ];
    // The engine as the CLI runs it, in a worker thread: the first pass pays the worker's start and cold code.
    const sources = files.map((f) => ({ path: f.rel, text: f.text }));
    const pool = new AnalysisPool({ workerFile: WORKER_JS, size: 1 });
    const pass = () => timeAsync(async () => { for (const s of sources) await pool.analyze(s, settings); });
    let cold: number, warm: number;
    try {
      cold = await pass();
      const warmRuns: number[] = [];
      for (let i = 0; i < PROBE_RUNS; i++) warmRuns.push(await pass());
      warm = median(warmRuns);
    } finally {
      await pool.dispose();
    }
    const bundleKb = fs.statSync(CLI_JS).size / 1024;
    const report = `${setLine}: test/fixtures/cloudformation, examples/cloudformation and 40 generated; wall time of each whole command, median of ${runs}.\n` +
      table(['command', 'ms', 'cfn-lint / ours'], rows) +
      `\n\nour CLI, median of ${PROBE_RUNS} (dist/cli.js is ${bundleKb.toFixed(0)} KB):\n` +
      table(['step', 'ms'], [
        ...probes.map(([label, t]) => [label, ms(t)]),
        ['engine on the whole set in a fresh worker thread (worker start + cold code)', ms(cold)],
        ['engine on the whole set in the same worker, warm', ms(warm)],
      ]);
    return { report, targets };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
