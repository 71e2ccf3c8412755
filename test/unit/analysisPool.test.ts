/** The worker pool against the built worker (dist/worker.js): budgets, superseded jobs, shutdown, a broken install. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { AnalysisPool } from '../../server/src/host/analysisPool';
import { resolveSettings } from '../../server/src/engine/settings';

const WORKER = path.resolve(__dirname, '../../dist/worker.js');
const { settings } = resolveSettings([{ source: 'test', value: { maxFileSizeKb: 20_000 } }]);
// TLS off, the finding these tests count; backups on, so that it stays the only one.
const TEMPLATE = 'Resources:\n  C:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: c\n      SnapshotRetentionLimit: 1\n      UserGroupIds: [users]\n      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n      CacheSubnetGroupName: private\n';

test('a job replaced by a newer one with the same key resolves superseded; the newer one is analysed', async () => {
  const pool = new AnalysisPool({ workerFile: WORKER });
  try {
    const first = pool.analyze({ path: 'a.yaml', text: TEMPLATE }, settings);
    const older = pool.analyze({ path: 'b.yaml', text: TEMPLATE }, settings, undefined, { key: 'b' });
    const newer = pool.analyze({ path: 'b.yaml', text: TEMPLATE.replace('c\n', 'cache\n') }, settings, undefined, { key: 'b' });
    assert.equal((await first).status, 'done');
    assert.deepEqual(await older, { status: 'superseded', ms: 0, queuedMs: 0 });
    const r = await newer;
    assert.equal(r.status, 'done');
    assert.deepEqual(r.analysis?.findings.map((f) => f.ruleId), ['transit-encryption-disabled']);
    assert.equal(r.analysis?.iac, undefined, 'the model does not cross threads');
    assert.equal(r.analysis?.caches?.length, 1);
  } finally {
    await pool.dispose();
  }
});

test('over the budget: the file comes back skipped with one message, and the next file is analysed by a new worker', async () => {
  const pool = new AnalysisPool({ workerFile: WORKER, budgetMs: 100 });
  try {
    // The first job on a fresh worker gets extra time for start-up; warm it with a small file first.
    assert.equal((await pool.analyze({ path: 'warm.yaml', text: TEMPLATE }, settings)).status, 'done');
    const slow = 'import redis\nr = redis.Redis()\n' + Array.from({ length: 40_000 }, (_, i) => `def f${i}(k):\n    r.set(f"u:{k}:${i}", 1)\n`).join('');
    const r = await pool.analyze({ path: 'slow.py', text: slow }, settings);
    assert.equal(r.status, 'timeout');
    assert.deepEqual(r.analysis?.errors, [{ message: 'skipped: analysis took longer than 0.1 s and was stopped (generated or pathological input?)', skipped: true }]);
    const next = await pool.analyze({ path: 'next.yaml', text: TEMPLATE }, settings);
    assert.equal(next.status, 'done');
    assert.equal(next.analysis?.findings.length, 1);
  } finally {
    await pool.dispose();
  }
});

test('shutting down cancels queued jobs: nothing to publish, nothing to tell', async () => {
  const pool = new AnalysisPool({ workerFile: WORKER });
  const jobs = [1, 2, 3].map((i) => pool.analyze({ path: `${i}.yaml`, text: TEMPLATE }, settings));
  await pool.dispose();
  for (const r of await Promise.all(jobs)) assert.equal(r.status, 'cancelled');
  assert.equal((await pool.analyze({ path: 'late.yaml', text: TEMPLATE }, settings)).status, 'cancelled');
});

test('a worker that cannot start is not restarted for ever: jobs fail with one clear message', async () => {
  const logs: string[] = [];
  const pool = new AnalysisPool({ workerFile: path.join(__dirname, 'no-such-worker.js'), log: (m) => logs.push(m) });
  try {
    const results = await Promise.all([1, 2, 3, 4].map((i) => pool.analyze({ path: `${i}.yaml`, text: TEMPLATE }, settings)));
    for (const r of results) {
      assert.equal(r.status, 'crashed');
      assert.match(r.analysis!.errors[0].message, /^skipped: (the analyser stopped on this file|the analyser cannot start)/);
    }
    const later = await pool.analyze({ path: 'later.yaml', text: TEMPLATE }, settings);
    assert.match(later.analysis!.errors[0].message, /^skipped: the analyser cannot start \(.*\); reinstall cachelint or see its log$/);
    assert.equal(logs.filter((l) => /cannot start/.test(l)).length, 1);
  } finally {
    await pool.dispose();
  }
});

test('after a fault in the wasm parser the worker is replaced: the next file gets a fresh parser', async () => {
  const pool = new AnalysisPool({ workerFile: WORKER });
  try {
    const lines = ['import redis', 'r = redis.Redis()'];
    for (let i = 0; i < 600; i++) lines.push(`${' '.repeat(i)}if x:`);
    lines.push(`${' '.repeat(600)}r.set("a", 1)`);
    const deep = await pool.analyze({ path: 'deep.py', text: lines.join('\n') + '\n' }, settings);
    assert.equal(deep.status, 'done');
    assert.match(deep.analysis!.errors[0].message, /^the parser failed on this file/);
    assert.deepEqual(pool.workerHeaps(), [0], 'a new worker, which has not reported yet');
    const next = await pool.analyze({ path: 'ok.py', text: 'import redis\nr = redis.Redis()\nr.keys("*")\n' }, settings);
    assert.deepEqual(next.analysis?.findings.map((f) => `${f.ruleId}@${f.range.start.line}`), ['keys-command@2']);
  } finally {
    await pool.dispose();
  }
});
