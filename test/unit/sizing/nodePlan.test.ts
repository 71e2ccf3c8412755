/**
 * One node type against one workload, worked by hand: the Global Datastore's replication stream in the network
 * step, Memcached's own words (max_cache_memory, nodes), and the figures our facts do not give marked as such.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateNode } from '../../../server/src/sizing/nodePlan';
import { nodeType } from '../../../server/src/sizing/nodeTypes';
import { trafficOf } from '../../../server/src/sizing/traffic';
import { validateWorkload, type WorkloadDraft } from '../../../server/src/sizing';
import type { Workload } from '../../../server/src/sizing/types';

const GiB = 2 ** 30;
function workload(d: WorkloadDraft): Workload {
  const v = validateWorkload(d);
  if (!v.ok) throw new Error(v.error.message);
  return v.workload;
}
const node = (name: string) => nodeType(name)!;
const step = (steps: { label: string; note: string }[], label: string) => {
  const s = steps.find((x) => x.label === label);
  assert.ok(s, `no step "${label}" in ${steps.map((x) => x.label).join(' | ')}`);
  return s;
};

test('Global Datastore: each secondary Region gets the write stream once more, through the primary', () => {
  const base: WorkloadDraft = { engine: 'valkey', data: { bytes: GiB }, writesPerSec: 10_000, writeBytes: 1000 };
  // Writes 10,000/s × 1,000 B = 10^7 B/s in, out again to 1 replica: 2 × 10^7 B/s = 0.16 Gbps.
  const one = evaluateNode(workload(base), GiB, trafficOf(workload(base)), node('cache.r7g.large'), 'elasticache-node');
  assert.equal(one.primaryBytesPerSec, 2e7);
  // With two secondary Regions: 10^7 × (1 + 1 replica + 2 Regions) = 4 × 10^7 B/s = 0.32 Gbps of 0.937 baseline.
  const w = workload({ ...base, multiRegion: true, secondaryRegions: 2 });
  const two = evaluateNode(w, GiB, trafficOf(w), node('cache.r7g.large'), 'elasticache-node');
  assert.equal(two.primaryBytesPerSec, 4e7);
  assert.equal(two.networkUtilization, 0.32 / 0.937);
  assert.match(step(two.steps, 'shards for network').note, /^⌈0\.320 Gbps \(reads 0\/s × 0 B \+ writes 10000\/s × 1000 B × \(1 \+ 1 replica \+ 2 secondary Regions\)\) ÷ \(0\.937 Gbps baseline × 80 %\)⌉/);
  // The default is one secondary Region: 3 × 10^7 B/s.
  const w1 = workload({ ...base, multiRegion: true });
  assert.equal(evaluateNode(w1, GiB, trafficOf(w1), node('cache.r7g.large'), 'elasticache-node').primaryBytesPerSec, 3e7);
  // MemoryDB is not a Global Datastore member: no cross-Region stream counted.
  assert.equal(evaluateNode(w, GiB, trafficOf(w), node('db.r7g.large'), 'memorydb').primaryBytesPerSec, 2e7);
});

test('the traffic assumption is a step note: reads move the whole value unless --read-bytes says otherwise', () => {
  const w = workload({ engine: 'valkey', data: { kind: 'items', type: 'string', keys: 1000, keyBytes: 10, valueBytes: 100 }, readsPerSec: 1000 });
  const c = evaluateNode(w, GiB, trafficOf(w), node('cache.r7g.large'), 'elasticache-node');
  assert.match(step(c.steps, 'shards for network').note, /— reads move the whole value \(100 B\) per request; give --read-bytes\/--write-bytes if they touch less; ASSUMPTION: 80 %/);
});

test('Memcached steps speak Memcached: max_cache_memory, the 100 MB overhead in bytes, nodes', () => {
  const w = workload({ engine: 'memcached', data: { bytes: 10 * GiB }, readsPerSec: 1000, readBytes: 100 });
  const c = evaluateNode(w, 12 * GiB, trafficOf(w), node('cache.m5.large'), 'elasticache-node');
  const labels = c.steps.map((s) => s.label);
  assert.equal(labels[0], 'max_cache_memory of cache.m5.large');
  assert.ok(!labels.some((l) => /maxmemory|shard/.test(l)), labels.join(' | '));
  // 100 MB as AWS's table writes it, whose MB are 2^20 B: 104,857,600 B.
  const overhead = step(c.steps, 'memcached_connections_overhead (per node)');
  assert.equal((overhead as unknown as { bytes: number }).bytes, -104_857_600);
  assert.match(overhead.note, /100 MB as the parameter table writes it; its MB are 2\^20 B \(inferred: cache\.m5\.large 6537 MB ≈ 6\.38 GiB\), so 104,857,600 B/);
  const counts = c.steps.filter((s) => s.unit === 'nodes' || s.unit === 'shards');
  assert.deepEqual(counts.map((s) => [s.label, s.unit]), [['nodes for memory', 'nodes'], ['nodes for network', 'nodes'], ['nodes', 'nodes']]);
});

test('MemoryDB: maxclients is not in our facts, so many connections are a caution, not a limit; tiered SSD is inferred', () => {
  const w = workload({ engine: 'valkey', role: 'database', data: { bytes: 10 * GiB }, connections: 70_000 });
  const c = evaluateNode(w, 10 * GiB, trafficOf(w), node('db.r7g.large'), 'memorydb');
  assert.deepEqual(c.problems, []);
  assert.ok(c.cautions.includes('70000 connections: MemoryDB\'s maxclients is not in our sources (unverified); ElastiCache nodes allow 65,000'), c.cautions.join('\n'));
  // ElastiCache's 65,000 is sourced: there it is a hard limit.
  const ec = evaluateNode(w, 10 * GiB, trafficOf(w), node('cache.r7g.large'), 'elasticache-node');
  assert.deepEqual(ec.problems, ['70000 connections: over cache.r7g.large\'s maxclients 65000']);
  const tiered = evaluateNode(w, 200 * GiB, trafficOf(w), node('db.r6gd.xlarge'), 'memorydb', 60 * GiB);
  assert.match(step(tiered.steps, 'SSD for data tiering (99.33 GiB)').note, /SSD size INFERRED from the same-size cache\.r6gd node/);
  assert.match(step(tiered.steps, 'shards for what stays in DRAM').note, /ASSUMPTION: 20 % of the values are read regularly/);
});
