/**
 * A fixed-seed sample of the fuzz run (npm run fuzz): a few hundred cases per format through the real engine,
 * under the same watchdog. Any crash, hang, range outside the text or fix violation fails, with its case number
 * to replay (FUZZ_SEED=… FUZZ_CASE=format:n npm run fuzz).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { FORMATS } from '../../fuzz/formats';
import { runFuzz } from '../../fuzz/pool';
import { groupFailures } from '../../fuzz/report';

const SEED = 20_240_611;
const RUNS = 300;

test(`${RUNS} fuzz cases per format: no crash, hang, bad range or fix violation`, async () => {
  const report = await runFuzz({
    runSeed: SEED, runs: RUNS, formats: FORMATS.map((f) => f.id), big: false,
    workers: os.availableParallelism(), caseTimeoutMs: 5_000, bigTimeoutMs: 5_000, maxFixes: Infinity,
  });
  const groups = groupFailures(report.failures).map((g) => `×${g.count} FUZZ_SEED=${SEED} FUZZ_CASE=${g.example.format}:${g.example.index} [${g.example.kind}] ${g.example.detail.split('\n')[0].slice(0, 300)}`);
  assert.deepEqual(groups, []);
  for (const [format, t] of report.tallies) {
    assert.equal(t.cases, RUNS, format);
    // The sample must reach the rules and the fixes, or a clean result says nothing.
    assert.ok(t.relevant > RUNS / 2, `${format}: only ${t.relevant} cases were analysed`);
    if (format === 'tfvars') continue;
    assert.ok(t.findings > RUNS / 4, `${format}: only ${t.findings} findings`);
    assert.ok(t.fixesChecked > RUNS / 10, `${format}: only ${t.fixesChecked} fixes applied and re-analysed`);
  }
});
