/**
 * Section 4: our CLI and cfn-lint, each as one whole command over the same CloudFormation templates (wall time,
 * median of a few runs), then where our CLI's own time goes (cli-time.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countByRule, sameCounts } from '../engine';
import { CLI_JS, ROOT } from '../built';
import { lineCount, median, now } from '../measure';
import { ms, round, table, type Target } from '../report';
import { templateRepository, type RepositoryFile } from '../inputs/repository';
import { cliTime, PROBE_RUNS } from './cli-time';

const PEER_RATIO_TARGET = 30;

function run(cmd: string, args: string[], cwd: string): { ms: number; status: number | null; stdout: string; missing: boolean } {
  const t = now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const elapsed = now() - t;
  return { ms: elapsed, status: r.status, stdout: r.stdout ?? '', missing: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' };
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
    const lines = files.map((f) => lineCount(f.text));
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
      targets.push({ name: `cfn-lint time / ours ≥ ${PEER_RATIO_TARGET}×`, measured: 'skipped: cfn-lint not installed', pass: undefined });
    }

    log('  where our CLI\'s time goes...');
    const breakdown = await cliTime(
      (args) => median(Array.from({ length: PROBE_RUNS }, () => run(process.execPath, args, dir).ms)),
      files.map((f) => ({ path: f.rel, text: f.text })), rels.find((r) => r.endsWith('leaderboard.json'))!, oursMs,
    );
    const report = `${setLine}: test/fixtures/cloudformation, examples/cloudformation and 40 generated; wall time of each whole command, median of ${runs}.\n` +
      table(['command', 'ms', 'cfn-lint / ours'], rows) + '\n\n' + breakdown;
    return { report, targets };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
