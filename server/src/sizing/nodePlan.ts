/**
 * One node type against one workload: how many shards memory, network and commands each need, what that
 * provisions, and which hard limits it breaks. The arithmetic is returned as steps, so the report shows it.
 */
import type { SizingStep, Workload } from './types';
import { isBurstable, maxmemoryBytes, type NodeType } from './nodeTypes';
import { LIMITS, RESERVATION, TARGETS, globalDatastoreSupports, maxClients } from './limits';
import { GiB, formatBytes } from './units';
import type { Traffic } from './traffic';

const SUPPORTED_TYPES = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html';
const MEMORYDB_TYPES = 'https://docs.aws.amazon.com/memorydb/latest/devguide/nodes.supportedtypes.html';

export interface NodeCandidate {
  node: NodeType;
  service: 'elasticache-node' | 'memorydb';
  tiering: boolean;
  replicas: number;
  /** Memory one node offers the data after the reservation (DRAM, plus SSD when tiered). */
  availableBytes: number;
  /** availableBytes × the utilisation target: what one shard may hold. */
  budgetBytes: number;
  shards: number;
  /** Which need set the shard count. */
  shardsBy: { memory: number; network: number; ops: number };
  nodes: number;
  /** Bytes per second through one shard's primary at peak. */
  primaryBytesPerSec: number;
  networkUtilization: number;
  opsPerShard: number;
  usableBytes: number;
  utilization: number;
  provisionedGiB: number;
  provisionedVcpu: number;
  /** Hard limits broken: the option does not fit. */
  problems: string[];
  /** Soft limits: quotas to raise, conflicting sources. */
  cautions: string[];
  steps: SizingStep[];
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
const gbps = (bytesPerSec: number) => (bytesPerSec * 8) / 1e9;

/**
 * `dramBytes`: what must stay in DRAM when the node tiers to SSD (keys, structures, hot values); ignored otherwise.
 */
export function evaluateNode(w: Workload, totalBytes: number, traffic: Traffic, node: NodeType, service: NodeCandidate['service'], dramBytes = totalBytes): NodeCandidate {
  const memcached = w.engine === 'memcached';
  const tiering = !!node.dataTiering;
  const replicas = memcached ? 0 : w.replicas;
  const maxmemory = maxmemoryBytes(node);
  const steps: SizingStep[] = [];
  const typeSource = service === 'memorydb' ? MEMORYDB_TYPES : SUPPORTED_TYPES;
  // Memcached calls a node's item memory max_cache_memory; Valkey/Redis call it maxmemory.
  const countUnit = memcached ? 'nodes' as const : 'shards' as const;
  const part = memcached ? 'nodes' : 'shards';
  steps.push({
    label: `${memcached ? 'max_cache_memory' : 'maxmemory'} of ${node.nodeType}`, bytes: maxmemory,
    note: `${node.memoryGiB} GiB × 2^30${service === 'memorydb' ? ' (MemoryDB memory inferred from the same-size ElastiCache node)' : memcached ? ' (the Memory (GiB) column; the max_cache_memory table agrees, e.g. cache.m5.large 6537 MB ≈ 6.38 GiB)' : ''}`,
    source: typeSource,
  });

  // What the engine keeps for itself before any data: a percentage of maxmemory (Valkey/Redis, MemoryDB) or a fixed
  // connections overhead (Memcached).
  let reserved: number;
  if (memcached) {
    reserved = RESERVATION.memcachedConnectionsOverheadBytes.value;
    steps.push({ label: 'memcached_connections_overhead (per node)', bytes: -reserved, note: `reserved for connections, default — ${RESERVATION.memcachedConnectionsOverheadBytes.note}`, source: RESERVATION.memcachedConnectionsOverheadBytes.source });
  } else {
    const r = service === 'memorydb'
      ? (tiering ? RESERVATION.memorydbDataTieringPercent : RESERVATION.memorydbReservedPercent)
      : RESERVATION.reservedMemoryPercent;
    reserved = Math.round((maxmemory * r.value) / 100);
    const note = service === 'memorydb' && tiering ? `${r.value} % of DRAM for non-data use (MemoryDB data tiering)`
      : 'note' in r ? `${r.value} % of maxmemory — ${r.note}` : `${r.value} % of maxmemory (default; for backups, failover, replication buffers)`;
    steps.push({ label: `reserved memory (${r.value} %)`, bytes: -reserved, note, source: r.source });
  }
  const dram = maxmemory - reserved;
  const ssd = tiering ? Math.round(node.dataTiering!.ssdGiB * GiB) : 0;
  if (tiering) {
    steps.push({
      label: `SSD for data tiering (${node.dataTiering!.ssdGiB} GiB)`, bytes: ssd,
      note: `values of less-used keys move to SSD; keys and hot values stay in DRAM${service === 'memorydb' ? '; SSD size INFERRED from the same-size cache.r6gd node (MemoryDB\'s node table gives none)' : ''}`,
      source: service === 'memorydb' ? SUPPORTED_TYPES : typeSource,
    });
  }
  const availableBytes = dram + ssd;
  steps.push({ label: 'available for data per node', bytes: availableBytes, note: tiering ? 'DRAM after reservation + SSD' : 'maxmemory − reservation' });
  const target = TARGETS.memoryUtilization.value;
  const budgetBytes = Math.floor(availableBytes * target);
  steps.push({ label: `target: data ≤ ${target * 100} % of it`, bytes: budgetBytes, note: TARGETS.memoryUtilization.note, source: TARGETS.memoryUtilization.source });

  let byMemory = Math.max(1, Math.ceil(totalBytes / budgetBytes));
  steps.push({ label: `${part} for memory`, bytes: byMemory, unit: countUnit, note: `⌈${formatBytes(totalBytes)} ÷ ${formatBytes(budgetBytes)}⌉` });
  if (tiering) {
    const dramBudget = Math.floor(dram * target);
    const byDram = Math.max(1, Math.ceil(dramBytes / dramBudget));
    steps.push({ label: 'shards for what stays in DRAM', bytes: byDram, unit: 'shards', note: `⌈${formatBytes(dramBytes)} (keys, structures, hot values) ÷ ${formatBytes(dramBudget)} (${target * 100} % of DRAM after reservation)⌉ — ${TARGETS.tieringHotShare.note}`, source: TARGETS.tieringHotShare.source });
    byMemory = Math.max(byMemory, byDram);
  }

  // Through the primary: reads out, writes in, each write again out to every replica (the replication stream), and
  // with a Global Datastore once more to each secondary Region (the primary cluster replicates to them).
  const regions = w.multiRegion && service === 'elasticache-node' ? Math.min(w.secondaryRegions ?? 1, LIMITS.maxSecondaryRegions.value) : 0;
  const totalBps = traffic.readBytesPerSec + traffic.writeBytesPerSec * (1 + replicas + regions);
  const netTarget = TARGETS.networkUtilization.value;
  const byNetwork = totalBps > 0 ? Math.max(1, Math.ceil(gbps(totalBps) / (node.baselineGbps * netTarget))) : 1;
  if (totalBps > 0) {
    const streams = `1 + ${replicas} replica${replicas === 1 ? '' : 's'}${regions ? ` + ${regions} secondary Region${regions === 1 ? '' : 's'}` : ''}`;
    steps.push({
      label: `${part} for network`, bytes: byNetwork, unit: countUnit,
      note: `⌈${gbps(totalBps).toFixed(3)} Gbps (reads ${traffic.readsPerSec}/s × ${traffic.readBytes} B + writes ${traffic.writesPerSec}/s × ${traffic.writeBytes} B × (${streams})) ÷ (${node.baselineGbps} Gbps baseline × ${netTarget * 100} %)⌉ — ${traffic.note}; ${TARGETS.networkUtilization.note}`,
      source: typeSource,
    });
  }
  const ops = traffic.readsPerSec + traffic.writesPerSec;
  // Valkey/Redis and MemoryDB run commands on one engine thread per primary; Memcached uses a thread per vCPU.
  const opsLimit = TARGETS.opsPerShardPrimary.value;
  const byOps = !memcached && ops > 0 ? Math.max(1, Math.ceil(ops / opsLimit)) : 1;
  if (!memcached && ops > 0) {
    steps.push({ label: 'shards for commands', bytes: byOps, unit: 'shards', note: `⌈${ops} ops/s ÷ ${opsLimit} ops/s per primary⌉ — ${TARGETS.opsPerShardPrimary.note}`, source: TARGETS.opsPerShardPrimary.source });
  }
  const shards = Math.max(byMemory, byNetwork, byOps);
  const nodes = shards * (1 + replicas);
  steps.push({
    label: part, bytes: shards, unit: countUnit,
    note: `max(memory ${byMemory}, network ${byNetwork}${memcached ? '' : `, commands ${byOps}`})${memcached ? '' : shards === 1 ? ' — one shard: cluster mode disabled' : ' — cluster mode enabled'}`,
  });
  if (!memcached) steps.push({ label: 'nodes', bytes: nodes, unit: 'nodes', note: `${shards} shard${shards === 1 ? '' : 's'} × (1 primary + ${replicas} replica${replicas === 1 ? '' : 's'})` });
  const perShard = Math.ceil(totalBytes / shards);
  steps.push({ label: `data per ${memcached ? 'node' : 'shard'}`, bytes: perShard, note: `${formatBytes(totalBytes)} ÷ ${shards}` });
  const primaryBytesPerSec = totalBps / shards;
  if (totalBps > 0) steps.push({ label: `network per ${memcached ? 'node' : 'shard primary'}`, bytes: Math.round(primaryBytesPerSec), unit: 'B/s', note: `${gbps(primaryBytesPerSec).toFixed(3)} Gbps of ${node.baselineGbps} Gbps baseline (burst is not counted on)`, source: typeSource });
  const opsPerShard = ops / shards;
  if (ops > 0) steps.push({ label: `commands per ${memcached ? 'node' : 'shard primary'}`, bytes: Math.round(opsPerShard), unit: 'ops/s', note: memcached ? `Memcached is multi-threaded (num_threads = ${node.vcpu} vCPU)` : 'reads could also go to replicas (READONLY / reader endpoint), which this plan does not count on' });

  const problems: string[] = [];
  const cautions: string[] = [];
  if (memcached) {
    if (nodes > LIMITS.memcachedNodesMax.value) problems.push(`${nodes} nodes: over Memcached's ${LIMITS.memcachedNodesMax.value}-node cluster limit`);
    else if (nodes > LIMITS.memcachedNodesDefault.value) cautions.push(`${nodes} nodes: the API's default is 40 per cluster (a limit increase), the user guide says 60 — the sources conflict`);
  } else {
    const max = service === 'memorydb' ? LIMITS.memorydbMaxNodes.value : LIMITS.maxNodesPerCluster.value;
    const quota = service === 'memorydb' ? LIMITS.memorydbDefaultNodes.value : LIMITS.defaultNodesPerCluster.value;
    if (nodes > max) problems.push(`${nodes} nodes: over the ${max}-node cluster limit`);
    else if (nodes > quota) cautions.push(`${nodes} nodes: over the default quota of ${quota} nodes per cluster (request an increase; up to ${max})`);
  }
  if (service === 'memorydb') {
    // MemoryDB's maxclients is not in our facts [unverified]: ElastiCache's 65,000 is a caution, not a limit.
    if (w.connections > 65_000) cautions.push(`${w.connections} connections: MemoryDB's maxclients is not in our sources (unverified); ElastiCache nodes allow 65,000`);
  } else {
    const clients = memcached ? LIMITS.memcachedMaxConnections : maxClients(node.nodeType);
    if (w.connections > clients.value) problems.push(`${w.connections} connections: over ${node.nodeType}'s ${memcached ? 'max_simultaneous_connections' : 'maxclients'} ${clients.value}`);
  }
  if (w.multiRegion && service === 'elasticache-node' && !globalDatastoreSupports(node.family, node.nodeType)) {
    problems.push(`Global Datastore supports large and bigger nodes of m5, m6g, m7g, r5, r6g, r6gd, r7g, c7gn only`);
  }
  if (isBurstable(node) && w.multiRegion) problems.push('burstable nodes cannot join a Global Datastore');

  const usableBytes = dram * shards + ssd * shards;
  return {
    node, service, tiering, replicas, availableBytes, budgetBytes, shards,
    shardsBy: { memory: byMemory, network: byNetwork, ops: byOps }, nodes,
    primaryBytesPerSec, networkUtilization: gbps(primaryBytesPerSec) / node.baselineGbps, opsPerShard,
    usableBytes, utilization: totalBytes / usableBytes,
    provisionedGiB: nodes * node.memoryGiB, provisionedVcpu: nodes * node.vcpu,
    problems, cautions, steps,
  };
}

/**
 * The best size of one family: the least memory provisioned, except that a size within 10 % of that least which
 * needs fewer shards wins (fewer shards: fewer nodes to run, cluster mode disabled when it comes down to one, and no
 * cross-slot rewrites in the application). Sizes of a family double memory and vCPU together, so within a family
 * provisioned memory is the resource measure.
 */
export function bestOfFamily(candidates: NodeCandidate[]): NodeCandidate {
  const fitting = candidates.filter((c) => c.problems.length === 0);
  if (!fitting.length) return candidates.reduce((a, b) => (b.problems.length < a.problems.length || (b.problems.length === a.problems.length && b.nodes < a.nodes) ? b : a));
  const least = Math.min(...fitting.map((c) => c.provisionedGiB));
  const close = fitting.filter((c) => c.provisionedGiB <= least * 1.1);
  return close.reduce((a, b) => (b.shards < a.shards || (b.shards === a.shards && b.provisionedGiB < a.provisionedGiB) ? b : a));
}

export { pct, gbps };
