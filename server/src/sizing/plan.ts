/**
 * From a workload and its memory estimate to ranked deployment options. Node sizes are compared by what they
 * provision (memory and vCPU), never by dollars: our facts hold no dated price. Serverless shows what it would meter
 * (GB-hours, ECPUs) for the user's current price list.
 *
 * Ranking, in order: options that fit every hard limit first; then by what the role needs —
 *   cache, steady traffic: best node-based · data tiering (large data) · serverless · other node families
 *   cache, spiky traffic:  serverless (pays per use, scales without resharding) · best node-based · tiering · others
 *   durable-cache:         ElastiCache for Valkey with durability · MemoryDB · other families · serverless (not durable)
 *   database:              MemoryDB · MemoryDB data tiering · other MemoryDB families · ElastiCache (not durable)
 * and among node families by lean-ness: provisioned memory ÷ the least any family needs, plus provisioned vCPU ÷
 * the least any family needs (the family whose memory:vCPU shape matches the workload provisions least of both).
 *
 * Burstable families (T) are shown when they are among the leanest, but ranked after every standard node option
 * that serves the role: the plan sizes for the peak held, and a T node holds a steady load only while its CPU credits
 * last (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances.html); its baseline
 * network is 0.064–0.256 Gbps, and it has no Enhanced I/O, TLS offloading or I/O multiplexing (Supported node types,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html). For a database,
 * durability outranks this: a burstable MemoryDB node still comes before ElastiCache, which is not durable.
 */
import type { MemoryEstimate, SizingOption, SizingResult, SizingStep, Workload } from './types';
import { familiesFor, isBurstable, type NodeType } from './nodeTypes';
import { bestOfFamily, evaluateNode, gbps, pct, type NodeCandidate } from './nodePlan';
import { planServerless, round, type ServerlessPlan } from './serverless';
import { TARGETS } from './limits';
import { itemValueBytes, trafficOf, type Traffic } from './traffic';
import { formatBytes, GiB } from './units';

/** How many node-based families each service shows side by side (the rest are summarised in a note). */
const FAMILIES_SHOWN = 4;

/**
 * `clustered`: the same data with cluster mode enabled, where each key's entry also links it into its slot's list
 * (Redis OSS/Valkey 7.x); options with more than one shard, MemoryDB and Serverless (always clustered) hold that.
 */
export function planFromEstimate(w: Workload, mem: MemoryEstimate, clustered: MemoryEstimate = mem): SizingResult {
  const grow = (bytes: number) => Math.ceil(bytes * (1 + w.growthPercent / 100));
  const totalBytes = grow(mem.datasetBytes);
  const growthStep: SizingStep = {
    label: `growth headroom (${w.growthPercent} %)`, bytes: totalBytes,
    note: `${formatBytes(mem.datasetBytes)} × ${round(1 + w.growthPercent / 100, 6)}: the dataset the plan must hold`,
  };
  const held: Held = { flat: totalBytes, clustered: grow(clustered.datasetBytes), of: new Map() };
  const traffic = trafficOf(w);

  const elasticache = rankFamilies(w, held, traffic, 'elasticache-node');
  const dram = elasticache.filter((c) => !c.tiering);
  const ecTiering = elasticache.filter((c) => c.tiering);
  const memorydb = w.engine !== 'memcached' && w.role !== 'cache' ? rankFamilies(w, held, traffic, 'memorydb') : [];
  const mdbDram = memorydb.filter((c) => !c.tiering);
  const mdbTiering = memorydb.filter((c) => c.tiering);
  const tieringFits = tieringReason(w, totalBytes);
  const serverless = planServerless(w, held.clustered, traffic);

  type Entry = { kind: 'node'; c: NodeCandidate; why: string } | { kind: 'serverless'; s: ServerlessPlan; why: string };
  const node = (c: NodeCandidate | undefined, why: string): Entry[] => (c ? [{ kind: 'node', c, why }] : []);
  const sl: Entry = { kind: 'serverless', s: serverless, why: '' };
  const tierEntry = (list: NodeCandidate[], why: string) => (tieringFits.ok ? node(list[0], why) : []);
  // The leanest FAMILIES_SHOWN families of a service, standard ones first: the first is the role's pick.
  const shown = (list: NodeCandidate[]) => standardFirst(list.slice(0, FAMILIES_SHOWN));
  const ecShown = shown(dram);
  const mdbShown = shown(mdbDram);
  const burstableLeaner = (list: NodeCandidate[], pick: NodeCandidate | undefined) => !!pick && list.indexOf(pick) > 0 && isBurstable(list[0].node);
  const others = (list: NodeCandidate[], why: string) => list.slice(1).flatMap((c) => node(c, isBurstable(c.node) ? burstableWhy(c) : why));
  let order: Entry[];
  if (w.role === 'database') {
    order = [
      ...node(mdbShown[0], 'MemoryDB: the data lives only here, and MemoryDB keeps it in a Multi-AZ transaction log (acknowledged writes survive a failover)'),
      ...tierEntry(mdbTiering, `MemoryDB data tiering: ${tieringFits.why}`),
      ...others(mdbShown, 'another MemoryDB family, provisioning more memory or vCPU than the first'),
      ...node(ecShown[0], 'ElastiCache without durability: a failover or restart can lose acknowledged writes — not a primary database'),
      { ...sl, why: 'Serverless is a cache, not durable: not a primary database' },
    ];
  } else if (w.role === 'durable-cache') {
    order = [
      ...node(ecShown[0], 'ElastiCache for Valkey with the durability option (sync: writes are in a Multi-AZ log before the reply)'),
      ...node(mdbShown[0], 'MemoryDB: durable too, for when the data must outlive the cache'),
      ...tierEntry(ecTiering, `data tiering: ${tieringFits.why}`),
      ...others(ecShown, 'another family, provisioning more memory or vCPU than the first'),
      { ...sl, why: 'Serverless has no durability option: writes since the last snapshot can be lost' },
    ];
  } else {
    const leanest = burstableLeaner(dram, ecShown[0]) ? 'the leanest standard (non-burstable) family for this workload' : 'the leanest family for this workload';
    const best = node(ecShown[0], w.traffic === 'spiky'
      ? 'node-based: fixed capacity sized for the peak; cheaper than serverless when the peak is held most of the day'
      : `node-based: steady traffic keeps provisioned nodes busy; ${leanest}`);
    const serverlessWhy = w.traffic === 'spiky'
      ? 'serverless: spiky traffic — pays per request and per GB stored, scales without resharding'
      : 'serverless: no nodes to size; with steady traffic provisioned nodes are usually the cheaper of the two (compare its metered GB-hours and ECPUs with your node quote)';
    const tier = tierEntry(ecTiering, `data tiering: ${tieringFits.why}`);
    order = w.traffic === 'spiky'
      ? [{ ...sl, why: serverlessWhy }, ...best, ...tier, ...others(ecShown, 'another family, provisioning more memory or vCPU than the first')]
      : [...best, ...tier, { ...sl, why: serverlessWhy }, ...others(ecShown, 'another family, provisioning more memory or vCPU than the first')];
  }
  // A burstable family only shows first in a group when every family shown is burstable: it still goes after the
  // last standard node option that serves the role (for a database, MemoryDB).
  const serves = (e: Entry) => e.kind === 'node' && (w.role !== 'database' || e.c.service === 'memorydb');
  const burstable = (e: Entry) => e.kind === 'node' && isBurstable(e.c.node);
  order = burstableAfter(order, (e) => serves(e) && !burstable(e), burstable);
  // Stable: what fits keeps its role order ahead of what does not.
  const fits = (e: Entry) => (e.kind === 'node' ? e.c.problems.length === 0 : e.s.problems.length === 0);
  order = [...order.filter(fits), ...order.filter((e) => !fits(e))];

  const leanest = leanMinimum(dram.filter((c) => !c.problems.length).concat(mdbDram.filter((c) => !c.problems.length)));
  const options: SizingOption[] = order.map((e, i) => (e.kind === 'node' ? nodeOption(w, e.c, e.why, i + 1, held.of.get(e.c) ?? totalBytes, leanest, dram.length + mdbDram.length) : serverlessOption(e.s, e.why, i + 1)));
  const best = options[0];
  const bestHolds = order[0]?.kind === 'node' ? held.of.get(order[0].c) ?? totalBytes : held.clustered;
  const clusterStep: SizingStep[] = bestHolds !== totalBytes ? [{
    label: 'cluster mode enabled: each key entry also links it into its slot (24 → 48 B class instead of 32)', bytes: bestHolds,
    note: `${formatBytes(clustered.datasetBytes)} × ${round(1 + w.growthPercent / 100, 6)}: what the first option, clustered, must hold`,
    source: clustered.steps[0]?.source,
  }] : [];
  const steps = [...mem.steps, growthStep, ...clusterStep, ...(best?.steps ?? []).map((s) => ({ ...s, label: `${best.nodeType ?? 'serverless'}: ${s.label}` }))];

  return {
    input: w,
    estimate: { ...mem, steps, totalWithGrowthBytes: totalBytes },
    options,
    warnings: warnings(w, options, order, traffic),
  };
}

/** Standard families in their order, then the burstable ones in theirs. */
function standardFirst(list: NodeCandidate[]): NodeCandidate[] {
  return [...list.filter((c) => !isBurstable(c.node)), ...list.filter((c) => isBurstable(c.node))];
}

/** Moves every `moved` entry that sits before the last `anchor` entry to just after it, keeping both orders. */
function burstableAfter<E>(order: E[], anchor: (e: E) => boolean, moved: (e: E) => boolean): E[] {
  let last = -1;
  order.forEach((e, i) => { if (anchor(e)) last = i; });
  const early = order.filter((e, i) => i < last && moved(e));
  if (!early.length) return order;
  const rest = order.filter((e) => !early.includes(e));
  const at = rest.indexOf(order[last]) + 1;
  return [...rest.slice(0, at), ...early, ...rest.slice(at)];
}

function burstableWhy(c: NodeCandidate): string {
  return `burstable (${c.node.family}): ranked after the standard nodes — it holds a steady load only while its CPU credits last, with ${c.node.baselineGbps} Gbps baseline network`;
}

/** What the data occupies without and with cluster mode, and which one each candidate was sized for. */
interface Held { flat: number; clustered: number; of: Map<NodeCandidate, number> }

/**
 * Each family's best size for the service, one family per shape (memory-, general-, network-optimised, burstable),
 * the leanest first. Data-tiering families come along, marked.
 */
function rankFamilies(w: Workload, held: Held, traffic: Traffic, service: NodeCandidate['service']): NodeCandidate[] {
  const families = familiesFor(service === 'memorydb' ? 'memorydb' : 'elasticache', w.engine);
  const best: NodeCandidate[] = [];
  const size = (n: NodeType) => {
    const flat = evaluateNode(w, held.flat, traffic, n, service, dramResident(w, held.flat));
    const clustered = held.clustered !== held.flat && (service === 'memorydb' || flat.shards > 1)
      ? evaluateNode(w, held.clustered, traffic, n, service, dramResident(w, held.clustered)) : undefined;
    const c = clustered ?? flat;
    held.of.set(c, clustered ? held.clustered : held.flat);
    return c;
  };
  for (const nodes of families.values()) best.push(bestOfFamily(nodes.map(size)));
  const dramFitting = best.filter((c) => !c.tiering && !c.problems.length);
  const min = leanMinimum(dramFitting);
  const tieringMin = leanMinimum(best.filter((c) => c.tiering && !c.problems.length));
  const score = (c: NodeCandidate) => {
    const m = c.tiering ? tieringMin : min;
    return c.provisionedGiB / m.gib + c.provisionedVcpu / m.vcpu;
  };
  best.sort((a, b) =>
    (a.problems.length ? 1 : 0) - (b.problems.length ? 1 : 0) || a.problems.length - b.problems.length ||
    score(a) - score(b) || a.shards - b.shards || b.node.baselineGbps - a.node.baselineGbps || (isBurstable(a.node) ? 1 : 0) - (isBurstable(b.node) ? 1 : 0));
  return onePerShape(best);
}

/** `r7g` → shape `r`, generation 7; `c7gn` → `c`, 7; a data-tiering family (`r6gd`) is a shape of its own. */
function shapeOf(c: NodeCandidate): { shape: string; generation: number } {
  const m = /^([a-z])(\d+)/.exec(c.node.family);
  return { shape: (m?.[1] ?? c.node.family) + (c.tiering ? '-tiered' : ''), generation: Number(m?.[2] ?? 0) };
}

/**
 * One family per shape, so the options compare different kinds of node rather than three generations of one. Within
 * a shape the newest generation wins when it needs no more vCPU (the same size or smaller) and no more shards than
 * the leanest: at one size a newer generation has as much memory and bandwidth or more. Network-optimised nodes (c*gn) come after the memory- and
 * general-purpose ones unless they need fewer shards: they pay off when the network or the command rate, not memory,
 * sets the size. The input is sorted (fitting first, then leanest).
 */
function onePerShape(sorted: NodeCandidate[]): NodeCandidate[] {
  const shapes = new Map<string, NodeCandidate[]>();
  for (const c of sorted) {
    const { shape } = shapeOf(c);
    shapes.set(shape, [...(shapes.get(shape) ?? []), c]);
  }
  const chosen: NodeCandidate[] = [];
  for (const list of shapes.values()) {
    const lean = list[0];
    const newer = list.filter((c) => c.problems.length <= lean.problems.length && c.provisionedVcpu <= lean.provisionedVcpu && c.shards <= lean.shards);
    chosen.push(newer.reduce((a, b) => (shapeOf(b).generation > shapeOf(a).generation ? b : a), lean));
  }
  chosen.sort((a, b) => sorted.indexOf(a) - sorted.indexOf(b));
  const general = chosen.filter((c) => ['r', 'm'].includes(shapeOf(c).shape) && !c.problems.length);
  const fewestGeneral = general.length ? Math.min(...general.map((c) => c.shards)) : Infinity;
  const network = (c: NodeCandidate) => shapeOf(c).shape === 'c' && c.shards >= fewestGeneral;
  return [...chosen.filter((c) => !network(c)), ...chosen.filter(network)];
}

/**
 * What a tiered node must keep in DRAM: everything but the values' own bytes, plus the hot share of those. The raw
 * value bytes (keys × value size) stand in for what moves to SSD; a measured total gives no split, so all of it
 * counts as DRAM-resident except the cold share of the whole.
 */
function dramResident(w: Workload, totalBytes: number): number {
  const hot = TARGETS.tieringHotShare.value;
  const item = itemValueBytes(w);
  if (w.data.kind === 'total' || item === undefined) return Math.ceil(totalBytes * hot);
  const values = Math.min(totalBytes, w.data.keys * item * (1 + w.growthPercent / 100));
  return Math.ceil(totalBytes - values * (1 - hot));
}

function leanMinimum(cs: NodeCandidate[]): { gib: number; vcpu: number } {
  if (!cs.length) return { gib: 1, vcpu: 1 };
  return { gib: Math.min(...cs.map((c) => c.provisionedGiB)), vcpu: Math.min(...cs.map((c) => c.provisionedVcpu)) };
}

/**
 * Data tiering moves the values of less-used keys to SSD; keys and hot values stay in DRAM. It is worth it when the
 * data is large, the values are not huge (each SSD read moves the whole value), and access is skewed (roughly: the
 * part read often fits the DRAM share). The workload does not say how skewed access is: the note says what is assumed.
 */
function tieringReason(w: Workload, totalBytes: number): { ok: boolean; why: string } {
  if (w.engine === 'memcached') return { ok: false, why: 'not for Memcached' };
  const min = TARGETS.dataTieringMinGiB.value;
  if (totalBytes < min * GiB) return { ok: false, why: `dataset under ${min} GiB` };
  const item = itemValueBytes(w);
  if (item !== undefined && item > TARGETS.largeValueBytes.value) return { ok: false, why: 'values over 100 KB' };
  return {
    ok: true,
    why: `${formatBytes(totalBytes)} ≥ ${min} GiB${item === undefined ? '' : ` and ${item} B values`}; ASSUMES skewed access: about 20 % of the values read regularly, planned in DRAM with the keys; if more is hot, every SSD read adds latency (≈ 450 µs for 500 B values on MemoryDB)`,
  };
}

function nodeOption(w: Workload, c: NodeCandidate, why: string, rank: number, totalBytes: number, leanest: { gib: number; vcpu: number }, considered: number): SizingOption {
  const memcached = w.engine === 'memcached';
  const notes: string[] = [];
  notes.push(rank === 1 ? `ranked first — ${why}` : why);
  if (memcached) notes.push(`${c.shards} node${c.shards === 1 ? '' : 's'}; the client hashes keys across them (no replication)`);
  else notes.push(`${c.shards} shard${c.shards === 1 ? '' : 's'} × (1 primary + ${c.replicas} replica${c.replicas === 1 ? '' : 's'}) = ${c.nodes} nodes; ${c.service === 'memorydb' ? 'MemoryDB is always clustered' : c.shards === 1 ? 'cluster mode disabled (one shard suffices)' : 'cluster mode enabled: multi-key commands need a shared {hash tag}'}`);
  const setBy = (Object.entries(c.shardsBy) as [string, number][]).filter(([, n]) => n === c.shards && c.shards > 1).map(([k]) => (k === 'ops' ? 'commands per second' : k));
  if (setBy.length) notes.push(`shard count set by ${setBy.join(' and ')}`);
  notes.push(`${formatBytes(totalBytes)} of ${formatBytes(c.usableBytes)} usable (${pct(c.utilization)}; target ≤ ${TARGETS.memoryUtilization.value * 100} % of usable)`);
  if (c.primaryBytesPerSec > 0) notes.push(`network ${gbps(c.primaryBytesPerSec).toFixed(3)} Gbps per primary of ${c.node.baselineGbps} Gbps baseline (${pct(c.networkUtilization)})`);
  notes.push(`provisions ${round(c.provisionedGiB, 2)} GiB and ${c.provisionedVcpu} vCPU in all (least any of the ${considered} families shown needs: ${round(leanest.gib, 2)} GiB; ${leanest.vcpu} vCPU)`);
  if (c.tiering) notes.push(`data tiering: ${c.node.dataTiering!.ssdGiB} GiB SSD per node; maxmemory-policy must be noeviction, volatile-lru or allkeys-lru`);
  if (isBurstable(c.node)) notes.push(`burstable node: CPU credits and ${c.node.baselineGbps} Gbps baseline network — for development and small, quiet caches`);
  if (w.role === 'durable-cache' && c.service === 'elasticache-node') notes.push('enable durability (sync or async) at creation: it cannot be turned on later');
  notes.push(...c.cautions, ...c.problems.map((p) => `does not fit: ${p}`));
  return {
    service: c.service,
    nodeType: c.node.nodeType,
    shards: c.shards,
    replicasPerShard: c.replicas,
    ...(memcached ? {} : { clusterMode: c.service === 'memorydb' || c.shards > 1 ? 'enabled' as const : 'disabled' as const }),
    dataTiering: c.tiering,
    usableGiB: round(c.usableBytes / GiB, 2),
    utilization: round(c.utilization, 4),
    networkUtilization: round(c.networkUtilization, 4),
    rank,
    notes,
    fits: c.problems.length === 0,
    totalNodes: c.nodes,
    steps: c.steps,
  };
}

function serverlessOption(s: ServerlessPlan, why: string, rank: number): SizingOption {
  const { problems, ...option } = s;
  return { ...option, rank, notes: [rank === 1 ? `ranked first — ${why}` : why, ...option.notes, ...problems.map((p) => `does not fit: ${p}`)] };
}

type Ordered = { kind: 'node'; c: NodeCandidate } | { kind: 'serverless'; s: ServerlessPlan };

function warnings(w: Workload, options: SizingOption[], order: Ordered[], traffic: Traffic): string[] {
  const out: string[] = [];
  if (!options.some((o) => o.fits)) out.push('no option fits the service limits: split the data across clusters, or shrink it');
  const best = order[0];
  if (best?.kind === 'node') {
    out.push(...best.c.cautions.map((c) => `${best.c.node.nodeType}: ${c}`));
    if (isBurstable(best.c.node)) out.push(`the best fit is a burstable node (${best.c.node.nodeType}): CPU credits run out under sustained load; use m/r nodes in production`);
  }
  const item = itemValueBytes(w);
  const big = Math.max(item ?? 0, traffic.readBytes, traffic.writeBytes);
  if (big > TARGETS.largeValueBytes.value) out.push(`values of ${formatBytes(big)} (over 100 KB): each request holds the engine thread and the network while it moves; split large values or compress them`);
  if (w.engine === 'memcached') out.push('Memcached has no replication: a node failure loses its share of the keys, and the database takes the misses');
  else {
    if (w.replicas === 0) out.push('no replicas: the primary of each shard is a single point of failure (a failure loses its data and its writes until replaced)');
    if (!w.multiAz) out.push('no Multi-AZ: an Availability Zone outage takes the cache down');
  }
  if (w.role === 'database') out.push('role database: only MemoryDB keeps acknowledged writes through a failover; the ElastiCache options listed are not durable');
  if (w.multiRegion) out.push('Global Datastore: every member cluster has the same node type and shard count; cross-Region failover is a manual promotion');
  return out;
}
