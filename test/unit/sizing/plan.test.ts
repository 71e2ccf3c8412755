/**
 * The planner's arithmetic, worked by hand. Each example uses a measured total (kind "total"), so the memory model
 * (helper A's, tested on real servers) is not under test here: datasetBytes is exactly the total given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planFromEstimate, planSizing, validateWorkload, type WorkloadDraft } from '../../../server/src/sizing';
import { evaluateNode } from '../../../server/src/sizing/nodePlan';
import { nodeType } from '../../../server/src/sizing/nodeTypes';
import { trafficOf } from '../../../server/src/sizing/traffic';
import { estimateMemory } from '../../../server/src/sizing/memory';
import type { MemoryEstimate, SizingResult, Workload } from '../../../server/src/sizing/types';

const GiB = 2 ** 30;
function workload(d: WorkloadDraft): Workload {
  const v = validateWorkload(d);
  if (!v.ok) throw new Error(v.error.message);
  return v.workload;
}
const measured = (bytes: number): MemoryEstimate => ({ datasetBytes: bytes, steps: [], model: 'measured', encodings: [] });
const plan = (d: WorkloadDraft, bytes: number): SizingResult => planFromEstimate(workload({ ...d, data: { bytes } }), measured(bytes));

test('50 GiB of Valkey cache, 1 replica: one cache.r8g.4xlarge shard, cluster mode disabled', () => {
  const r = plan({ engine: 'valkey' }, 50 * GiB);
  // Growth 20 % (default): 50 GiB × 1.2 = 60 GiB = 64,424,509,440 B.
  assert.equal(r.estimate.totalWithGrowthBytes, 64_424_509_440);
  // cache.r7g.4xlarge: maxmemory 105.81 GiB = 113,612,622,397 B; reserved-memory-percent 25 % = 28,403,155,599 B;
  // available 85,209,466,798 B; 80 % target → 68,167,573,438 B per shard ≥ 60 GiB → 1 shard, 2 nodes.
  // cache.r7g.large would need ⌈64,424,509,440 ÷ 8,420,283,384⌉ = 8 shards (16 × 13.07 = 209.12 GiB provisioned);
  // the 4xlarge provisions 2 × 105.81 = 211.62 GiB, within 10 % of that, with 1 shard instead of 8: the 4xlarge wins.
  // r7g is the leanest memory-optimised family; one family per shape is shown, and within the shape the newest
  // generation at the same size (16 vCPU) and shard count takes its place: cache.r8g.4xlarge, 124.65 GiB.
  // maxmemory 124.65 × 2^30 = 133,841,918,362 B; 25 % = 33,460,479,591 B; available 100,381,438,771 B;
  // 80 % → 80,305,151,016 B ≥ 64,424,509,440 B → 1 shard.
  const best = r.options[0];
  assert.deepEqual(
    [best.rank, best.service, best.nodeType, best.shards, best.replicasPerShard, best.clusterMode, best.totalNodes, best.fits],
    [1, 'elasticache-node', 'cache.r8g.4xlarge', 1, 1, 'disabled', 2, true]);
  // usable = 100,381,438,771 B = 93.487 GiB; utilisation 64,424,509,440 ÷ 100,381,438,771 = 0.64180.
  assert.equal(best.usableGiB, 93.49);
  assert.equal(best.utilization, 0.6418);
  const steps = best.steps!.map((s) => [s.label, s.bytes]);
  assert.deepEqual(steps.slice(0, 5), [
    ['maxmemory of cache.r8g.4xlarge', 133_841_918_362],
    ['reserved memory (25 %)', -33_460_479_591],
    ['available for data per node', 100_381_438_771],
    ['target: data ≤ 80 % of it', 80_305_151_016],
    ['shards for memory', 1],
  ]);
  // The other shapes: general purpose, network-optimised (after the others: it needs as many shards), burstable.
  assert.deepEqual(r.options.slice(2).map((o) => o.nodeType), ['cache.m8g.large', 'cache.c8gn.xlarge', 'cache.t4g.medium']);

  // Serverless, ranked second for steady traffic: the storage limit leaves the same room as the 80 % target,
  // ⌈64.42450944 GB × 1.25⌉ = 81 GB; no traffic given → no ECPU/s limit (0). No dated price in our facts: it says
  // what it meters instead, 64.42450944 GB × 730 h = 47,029.9 GB-hours a month, and no ECPUs.
  const sl = r.options[1];
  assert.equal(sl.service, 'elasticache-serverless');
  assert.deepEqual(sl.serverless, { storageGB: 81, ecpuPerSecond: 0 });
  assert.equal(sl.metered!.gbHoursPerMonth, 47029.9);
  assert.equal(sl.metered!.millionEcpusPerMonth, 0);
  assert.ok(r.options.every((o) => !('price' in o)), 'no dollar figures');
  assert.deepEqual(r.warnings, []);
  // The estimate's steps end with the winner's arithmetic, labelled with it.
  assert.equal(r.estimate.steps[0].label, 'growth headroom (20 %)');
  assert.equal(r.estimate.steps[1].label, 'cache.r8g.4xlarge: maxmemory of cache.r8g.4xlarge');
});

test('network- and command-bound: 1M reads/s of 1,000 B → 10 shards of cache.c8gn.large', () => {
  const r = plan({ engine: 'valkey', readsPerSec: 1_000_000, readBytes: 1000 }, GiB);
  // Traffic through the primaries: 1,000,000 × 1,000 B = 10^9 B/s = 8 Gbps.
  // c7gn.large (3.09 GiB, 2 vCPU, 6.25 Gbps baseline): network ⌈8 ÷ (6.25 × 0.8)⌉ = 2 shards; commands
  // ⌈1,000,000 ÷ 100,000 (assumed per primary)⌉ = 10 shards; memory ⌈1.2 GiB ÷ 1.85 GiB⌉ = 1 → 10 shards, 20 nodes,
  // 61.8 GiB and 40 vCPU provisioned — the least of any family (r7g.large: network ⌈8 ÷ 0.7496⌉ = 11 shards, 287.54 GiB).
  // c8gn.large, the newer generation at the same size, needs the same 10 shards and holds 3.1 GiB: it stands for the
  // shape. Network-optimised nodes go first here because they need fewer shards than m8g/r8g (11).
  const best = r.options[0];
  assert.deepEqual([best.nodeType, best.shards, best.totalNodes, best.clusterMode], ['cache.c8gn.large', 10, 20, 'enabled']);
  // Per primary: 10^8 B/s = 0.8 Gbps of 6.25 → 0.128. Usable: 10 × 3.1 GiB × 0.75 = 23.25 GiB.
  assert.equal(best.networkUtilization, 0.128);
  assert.equal(best.usableGiB, 23.25);
  assert.deepEqual(r.options.slice(2, 4).map((o) => [o.nodeType, o.shards]), [['cache.m8g.large', 11], ['cache.r8g.large', 11]]);
  assert.ok(best.notes.includes('shard count set by commands per second'), best.notes.join('\n'));
  // Serverless: 1,000,000 reads × 1 ECPU (1,000 B = 1 KB) = 1,000,000 ECPU/s.
  assert.deepEqual(r.options[1].serverless, { storageGB: 2, ecpuPerSecond: 1_000_000 });
});

test('a tiny cache: the burstable T node is the leanest, yet listed after every standard node, with its warning', () => {
  // 200,000 small strings measured at 32,000,000 B on the engine; growth 20 % → 38,400,000 B to hold.
  const r = plan({ engine: 'valkey' }, 32_000_000);
  assert.equal(r.estimate.totalWithGrowthBytes, 38_400_000);
  // cache.t4g.micro: maxmemory 0.5 GiB = 536,870,912 B; 25 % reserved → 402,653,184 B; 80 % → 322,122,547 B
  // ≥ 38,400,000 B → 1 shard × (1 + 1 replica) = 2 nodes: 1 GiB and 4 vCPU provisioned, the least of any family
  // (lean score 1/1 + 4/4 = 2; cache.t3.micro the same). The standard families' smallest nodes hold it in one shard
  // too: c7gn.large 2 × 3.09 = 6.18 GiB, 4 vCPU → 6.18 + 1 = 7.18; c8gn.large 2 × 3.1 = 6.2 GiB → 7.2;
  // m7g.large 2 × 6.38 = 12.76 GiB → 13.76. One family per shape, the newest generation at the same size standing
  // for it: t4g (over t3), c8gn (over c7gn), m8g.large (2 × 6.79 GiB, over m7g), r8g.large (2 × 14.18 GiB).
  // Network-optimised nodes need no fewer shards than m8g/r8g here, so they follow them; the burstable t4g goes
  // last; serverless comes second (steady traffic: best node, serverless, others).
  const shown = r.options.map((o) => [o.rank, o.nodeType ?? o.service, o.totalNodes ?? null]);
  assert.deepEqual(shown, [
    [1, 'cache.m8g.large', 2], [2, 'elasticache-serverless', null], [3, 'cache.r8g.large', 2],
    [4, 'cache.c8gn.large', 2], [5, 'cache.t4g.micro', 2],
  ]);
  assert.equal(r.options[0].notes[0], 'ranked first — node-based: steady traffic keeps provisioned nodes busy; the leanest standard (non-burstable) family for this workload');
  const t4g = r.options[4];
  assert.equal(t4g.fits, true);
  assert.equal(t4g.notes[0], 'burstable (t4g): ranked after the standard nodes — it holds a steady load only while its CPU credits last, with 0.064 Gbps baseline network');
  assert.ok(t4g.notes.includes('burstable node: CPU credits and 0.064 Gbps baseline network — for development and small, quiet caches'), t4g.notes.join('\n'));
  assert.ok(t4g.notes.includes('provisions 1 GiB and 4 vCPU in all (least any of the 4 families shown needs: 1 GiB; 4 vCPU)'), t4g.notes.join('\n'));
  // The best fit is no longer burstable, so the result carries no "best fit is a burstable node" warning.
  assert.ok(!r.warnings.some((w) => w.includes('burstable')), r.warnings.join('\n'));

  // Spiky: serverless first, then the same node order. Database: db.t4g.small (2 × 1.37 = 2.74 GiB, 4 vCPU: the
  // leanest MemoryDB node) after the standard MemoryDB family (db.r7g, the newest r), yet before ElastiCache, which
  // is not durable.
  const spiky = plan({ engine: 'valkey', traffic: 'spiky' }, 32_000_000);
  assert.deepEqual(spiky.options.map((o) => o.nodeType ?? o.service), ['elasticache-serverless', 'cache.m8g.large', 'cache.r8g.large', 'cache.c8gn.large', 'cache.t4g.micro']);
  const db = plan({ engine: 'valkey', role: 'database' }, 32_000_000);
  assert.deepEqual(db.options.map((o) => o.nodeType ?? o.service), ['db.r7g.large', 'db.t4g.small', 'cache.m8g.large', 'elasticache-serverless']);
});

test('multi-region rules T nodes and serverless out', () => {
  const g = plan({ engine: 'valkey', multiRegion: true }, 100_000_000);
  // Global Datastore: large and bigger m5/m6g/m7g/r5/r6g/r6gd/r7g/c7gn. The leanest is c7gn.large (2 × 3.09 GiB,
  // 4 vCPU), but it needs no fewer shards than m7g.large (2 × 6.38 GiB), which comes first.
  assert.deepEqual(g.options.filter((o) => o.nodeType).map((o) => o.nodeType), ['cache.m7g.large', 'cache.r7g.large', 'cache.c7gn.large', 'cache.t4g.micro']);
  assert.ok(g.options.filter((o) => o.fits).every((o) => /^cache\.(m5|m6g|m7g|r5|r6g|r6gd|r7g|c7gn)\.(?!micro|small|medium)/.test(o.nodeType!)));
  const sl = g.options.find((o) => o.service === 'elasticache-serverless')!;
  assert.equal(sl.fits, false);
  const fitting = g.options.filter((o) => o.fits).length;
  assert.ok(g.options.slice(fitting).every((o) => !o.fits) && g.options.indexOf(sl) >= fitting, 'what does not fit goes last');
});

test('role database: MemoryDB first, ElastiCache marked as not durable', () => {
  const r = plan({ engine: 'redis', role: 'database' }, 50 * GiB);
  // Same arithmetic as the 50 GiB example (MemoryDB's reservation is assumed to be ElastiCache's 25 %).
  assert.deepEqual([r.options[0].service, r.options[0].nodeType, r.options[0].shards, r.options[0].clusterMode], ['memorydb', 'db.r7g.4xlarge', 1, 'enabled']);
  const ec = r.options.find((o) => o.service === 'elasticache-node')!;
  assert.match(ec.notes[0], /not durable|lose acknowledged writes/);
  assert.ok(r.warnings.some((w) => w.startsWith('role database')));
});

test('1 PiB fits nowhere: every option says why, and a warning says so', () => {
  const r = plan({ engine: 'valkey' }, 2 ** 50);
  assert.ok(r.options.every((o) => o.fits === false));
  assert.ok(r.warnings.includes('no option fits the service limits: split the data across clusters, or shrink it'));
  const sl = r.options.find((o) => o.service === 'elasticache-serverless')!;
  // ⌈1.2 × 2^50 × 1.25 ÷ 10^9⌉ = ⌈1,688,849.9⌉ GB.
  assert.equal(sl.serverless!.storageGB, 1_688_850);
  assert.ok(sl.notes.includes('does not fit: 1688850 GB: over the serverless maximum of 5,000 GB per cache'), sl.notes.join('\n'));
  assert.ok(r.options.some((o) => o.notes.some((n) => /over the 500-node cluster limit/.test(n))));
});

test('data tiering: 200 GiB on cache.r6gd.xlarge, DRAM sized for keys and the assumed hot 20 %', () => {
  const w = workload({ engine: 'valkey', data: { bytes: 200 * GiB } });
  const total = 240 * GiB; // 257,698,037,760 B with 20 % growth
  const c = evaluateNode(w, total, trafficOf(w), nodeType('cache.r6gd.xlarge')!, 'elasticache-node', Math.ceil(total * 0.2));
  // maxmemory 26.32 GiB = 28,260,884,808 B; 25 % reserved = 7,065,221,202 B; DRAM 21,195,663,606 B;
  // SSD 99.33 GiB = 106,300,440,576 + 354,334,801.92 = 106,654,775,378 B; available 127,850,438,984 B;
  // 80 % → 102,280,351,187 B → ⌈257,698,037,760 ÷ 102,280,351,187⌉ = ⌈2.52⌉ = 3 shards.
  // DRAM: a measured total gives no key/value split, so 20 % of it (51,539,607,552 B) must stay in DRAM at 80 % of
  // 21,195,663,606 B = 16,956,530,884 B per shard → ⌈3.04⌉ = 4 shards.
  assert.deepEqual([c.availableBytes, c.budgetBytes, c.shardsBy.memory, c.shards, c.nodes], [127_850_438_984, 102_280_351_187, 4, 4, 8]);
  const r = plan({ engine: 'valkey' }, 200 * GiB);
  const tiered = r.options.find((o) => o.dataTiering)!;
  assert.equal(tiered.rank, 2);
  assert.match(tiered.notes[0], /ASSUMES skewed access/);
});

test('Memcached: 100 MB connections overhead per node, no replicas, serverless first when spiky', () => {
  const w = workload({ engine: 'memcached', data: { bytes: 10 * GiB }, traffic: 'spiky' });
  // cache.m5.large: 6.38 GiB = 6,850,472,837 B − 100 × 2^20 = 6,745,615,237 B; 80 % → 5,396,492,189 B;
  // 12 GiB ÷ that = 2.39 → 3 nodes (Memcached's nodes are its shards).
  const c = evaluateNode(w, 12 * GiB, trafficOf(w), nodeType('cache.m5.large')!, 'elasticache-node');
  assert.deepEqual([c.availableBytes, c.budgetBytes, c.shards, c.nodes, c.replicas], [6_745_615_237, 5_396_492_189, 3, 3, 0]);
  const r = planFromEstimate(w, measured(10 * GiB));
  assert.equal(r.options[0].service, 'elasticache-serverless');
  assert.ok(r.options.every((o) => o.replicasPerShard === null || o.replicasPerShard === 0));
  assert.ok(r.warnings.some((x) => x.startsWith('Memcached has no replication')));
  assert.ok(!r.options.some((o) => o.service === 'memorydb' || o.dataTiering));
});

test('single points of failure and large values are warned about', () => {
  const r = plan({ engine: 'redis', replicas: 0, readsPerSec: 10, readBytes: '200 KB' }, GiB);
  assert.deepEqual(r.warnings, [
    'values of 195.3 KiB (over 100 KB): each request holds the engine thread and the network while it moves; split large values or compress them',
    'no replicas: the primary of each shard is a single point of failure (a failure loses its data and its writes until replaced)',
    'no Multi-AZ: an Availability Zone outage takes the cache down',
  ]);
});

test('validateWorkload: defaults, and the first problem named by its field', () => {
  const v = validateWorkload({ engine: 'valkey', data: { type: 'hash', keys: '1.5k', keyBytes: '20', valueBytes: '1KB', fields: 10, fieldBytes: 8 } });
  assert.ok(v.ok);
  assert.deepEqual(v.workload, {
    engine: 'valkey', role: 'cache', data: { kind: 'items', type: 'hash', keys: 1500, keyBytes: 20, valueBytes: 1000, fields: 10, fieldBytes: 8, withTtl: true },
    growthPercent: 20, readsPerSec: 0, writesPerSec: 0, connections: 100, replicas: 1, multiAz: true, multiRegion: false, traffic: 'steady',
  });
  const err = (d: WorkloadDraft) => { const x = validateWorkload(d); assert.ok(!x.ok); return x.error; };
  assert.deepEqual(err({}), { field: 'engine', message: 'engine is required (valkey, redis or memcached)' });
  assert.deepEqual(err({ engine: 'memcached', data: { type: 'hash', keys: 1, keyBytes: 1, valueBytes: 1 } }), { field: 'data.type', message: 'data.type hash needs Valkey or Redis OSS: Memcached stores only strings' });
  assert.deepEqual(err({ engine: 'valkey', data: { bytes: '1GB', keys: 5 } }), { field: 'data.bytes', message: 'data.bytes cannot be combined with data.keys: give a measured total or the items, not both' });
  assert.deepEqual(err({ engine: 'valkey', replicas: 0, multiAz: true, data: { bytes: '1GB' } }), { field: 'multiAz', message: 'multiAz needs at least 1 replica to fail over to (replicas is 0)' });
  assert.deepEqual(err({ engine: 'valkey', readsPerSec: 5, data: { bytes: '1GB' } }), { field: 'readBytes', message: 'readBytes is required with data.bytes and readsPerSec (the value size is not known from a total)' });
});

test('planSizing runs the memory model end to end (items → engine memory → plan)', () => {
  const w = workload({ engine: 'valkey', data: { type: 'string', keys: '200k', keyBytes: 20, valueBytes: 100 } });
  const r = planSizing(w);
  assert.ok(r.estimate.datasetBytes > 200_000 * 120, 'engine memory exceeds the raw bytes');
  assert.equal(r.estimate.totalWithGrowthBytes, Math.ceil(r.estimate.datasetBytes * 1.2));
  assert.ok(r.options.length >= 3 && r.options[0].rank === 1);
});

test('cluster mode costs 16 B more per key: options with several shards, MemoryDB and serverless are sized for it', () => {
  const w = workload({ engine: 'valkey', data: { type: 'string', keys: '200m', keyBytes: 16, valueBytes: 32 } });
  const flat = estimateMemory('valkey', w.data, { withTtl: true });
  const clustered = estimateMemory('valkey', w.data, { withTtl: true, clusterMode: true });
  // Each keyspace entry links the key into its slot's list: 24 B → 40 B, the 48 B jemalloc class instead of 32 B.
  assert.equal(clustered.datasetBytes - flat.datasetBytes, 200_000_000 * 16);
  const r = planSizing(w);
  const grown = (b: number) => Math.ceil(b * 1.2);
  assert.equal(r.estimate.totalWithGrowthBytes, grown(flat.datasetBytes));
  const best = r.options[0];
  assert.ok(best.shards! > 1, `${best.nodeType} × ${best.shards}`);
  // The first option is clustered: the step says so, and its utilisation is of the clustered total.
  const step = r.estimate.steps.find((s) => s.label.startsWith('cluster mode enabled'))!;
  assert.equal(step.bytes, grown(clustered.datasetBytes));
  assert.equal(best.utilization, Math.round((grown(clustered.datasetBytes) / (best.usableGiB * GiB)) * 1e4) / 1e4);
  // One shard, cluster mode disabled: the flat total (a tiny dataset has no cluster step).
  const tiny = planSizing(workload({ engine: 'valkey', data: { type: 'string', keys: '200k', keyBytes: 16, valueBytes: 32 } }));
  assert.equal(tiny.options[0].shards, 1);
  assert.ok(!tiny.estimate.steps.some((s) => s.label.startsWith('cluster mode enabled')));
});
