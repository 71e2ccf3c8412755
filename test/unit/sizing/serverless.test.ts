/**
 * ElastiCache Serverless, worked by hand: the storage limit above the plan, no ECPU limit without traffic, the
 * metered quantities instead of dollars, hash-slot notes only where there are hash slots, the 4 KiB key limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planServerless } from '../../../server/src/sizing/serverless';
import { trafficOf } from '../../../server/src/sizing/traffic';
import { planSizing, validateWorkload, type WorkloadDraft } from '../../../server/src/sizing';
import type { Workload } from '../../../server/src/sizing/types';

const GiB = 2 ** 30;
function workload(d: WorkloadDraft): Workload {
  const v = validateWorkload(d);
  if (!v.ok) throw new Error(v.error.message);
  return v.workload;
}
const planned = (d: WorkloadDraft, totalBytes: number) => { const w = workload(d); return planServerless(w, totalBytes, trafficOf(w)); };

test('60 GiB planned, no traffic: storage limit 1.25 × the plan, no ECPU limit, GB-hours metered, no price', () => {
  // 60 GiB = 64,424,509,440 B = 64.42 GB; × 1.25 = 80.53 GB → 81 GB. Usable 81 × 10^9 B ÷ 2^30 = 75.44 GiB;
  // utilisation 64,424,509,440 ÷ 81 × 10^9 = 0.7954 (just under the 80 % node-based options keep).
  const s = planned({ engine: 'valkey', data: { bytes: 50 * GiB } }, 60 * GiB);
  assert.deepEqual(s.serverless, { storageGB: 81, ecpuPerSecond: 0 });
  assert.equal(s.usableGiB, 75.44);
  assert.equal(s.utilization, 0.7954);
  // 64.42450944 GB × 730 h = 47,029.89 GB-hours; 0 ECPU/s → 0 million ECPUs.
  assert.deepEqual([s.metered!.gbHoursPerMonth, s.metered!.millionEcpusPerMonth], [47_029.9, 0]);
  assert.equal(s.metered!.pricing, 'https://aws.amazon.com/elasticache/pricing/');
  assert.ok(!('price' in s), 'no dollar figure: the facts sheet dates no price');
  assert.ok(!JSON.stringify(s).includes('$'), 'no dollar amount anywhere in the option');
  assert.ok(s.notes.includes('set CacheUsageLimits: DataStorage 81 GB; no ECPUPerSecond limit until the traffic is known'), s.notes.join('\n'));
  assert.equal(s.steps![1].note, 'no reads or writes given: no ECPUPerSecond limit is set');
  assert.match(s.steps![0].note, /^⌈64\.42 GB × 1\.25⌉ = 81 GB /);
  // The contract's keys are present on every option; serverless has no nodes.
  assert.deepEqual([s.nodeType, s.shards, s.replicasPerShard], [null, null, null]);
});

test('with traffic: ECPU/s from bytes moved, the monthly ECPUs an upper bound, slot notes for Valkey', () => {
  // Reads 20,000/s × 2,000 B = 2 ECPU each; writes 1,000/s × 500 B = 1 ECPU each (at least 1): 41,000 ECPU/s.
  // 41,000 × 3,600 s × 730 h = 107,748 million ECPUs a month if the peak held all month.
  const d: WorkloadDraft = { engine: 'valkey', data: { bytes: 40 * GiB }, readsPerSec: 20_000, readBytes: 2000, writesPerSec: 1000, writeBytes: 500 };
  const s = planned(d, 40 * GiB);
  assert.deepEqual(s.serverless, { storageGB: Math.ceil((40 * GiB * 1.25) / 1e9), ecpuPerSecond: 41_000 });
  assert.equal(s.serverless!.storageGB, 54); // 42.95 GB × 1.25 = 53.69 → 54
  assert.equal(s.metered!.millionEcpusPerMonth, 107_748);
  assert.ok(s.notes.some((n) => n.startsWith('one hash slot serves at most 30,000 ECPU/s')), s.notes.join('\n'));
  assert.ok(s.notes.some((n) => n.startsWith('one hash slot holds at most 32 GiB')), s.notes.join('\n'));
  // Memcached serverless has no hash slots and no {hash tags}: the same load gets neither note.
  const m = planned({ ...d, engine: 'memcached', replicas: 0 }, 40 * GiB);
  assert.equal(m.serverless!.ecpuPerSecond, 41_000);
  assert.ok(!m.notes.some((n) => /hash slot|hash tag/.test(n)), m.notes.join('\n'));
});

test('storage is metered from the engine minimum; the limit is at least 1 GB', () => {
  // 0.5 GB of Memcached: billed at the 1 GB minimum → 730 GB-hours; limit ⌈0.5 × 1.25⌉ = 1 GB.
  const s = planned({ engine: 'memcached', data: { bytes: 500_000_000 }, replicas: 0 }, 500_000_000);
  assert.equal(s.serverless!.storageGB, 1);
  assert.equal(s.metered!.gbHoursPerMonth, 730);
  assert.match(s.metered!.note, /^1 GB stored \(the 1 GB metered minimum\) × 730 h = 730 GB-hours; /);
});

test('a key over 4 KiB does not fit serverless (Valkey/Redis OSS), and says so', () => {
  const items = { kind: 'items', type: 'string', keys: 1000, keyBytes: 5000, valueBytes: 100 };
  const s = planned({ engine: 'redis', data: items }, 10_000_000);
  assert.equal(s.fits, false);
  assert.deepEqual(s.problems, ['5000 B keys: over the serverless key length limit of 4 KiB (4096 B)']);
  const ok = planned({ engine: 'redis', data: { ...items, keyBytes: 4096 } }, 10_000_000);
  assert.equal(ok.fits, true);
});

test('planSizing: the serverless option in the JSON has null node fields and no price', () => {
  const r = planSizing(workload({ engine: 'valkey', data: { bytes: 2 * GiB } }));
  const s = JSON.parse(JSON.stringify(r)).options.find((o: { service: string }) => o.service === 'elasticache-serverless');
  assert.deepEqual([s.nodeType, s.shards, s.replicasPerShard, 'price' in s], [null, null, null, false]);
});
