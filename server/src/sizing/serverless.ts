/**
 * ElastiCache Serverless: the CacheUsageLimits to set, the limits it must fit, and what it meters per month. No
 * dollar figure: the facts sheet's serverless prices carry no date (limits.ts PRICING_PAGE).
 */
import type { SizingOption, SizingStep, Workload } from './types';
import { ECPU, HOURS_PER_MONTH, ITEM_LIMITS, LIMITS, PRICING_PAGE, SERVERLESS_MIN_STORAGE_GB, TARGETS } from './limits';
import type { Traffic } from './traffic';
import { itemValueBytes } from './traffic';
import { GiB } from './units';

export type ServerlessPlan = Omit<SizingOption, 'rank'> & { problems: string[] };

/** ECPUs for one request moving `bytes`: 1 per KB, at least 1. */
export function ecpuPerRequest(bytes: number): number {
  return Math.max(1, bytes / ECPU.bytesPerEcpu);
}

export function planServerless(w: Workload, totalBytes: number, traffic: Traffic): ServerlessPlan {
  const steps: SizingStep[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  const valkeyLike = w.engine !== 'memcached';
  // The storage limit is data stored (GB, decimal), not memory after a reservation: AWS fixes the serverless
  // reservation at 25 % and does not let it be changed (aws-facts.md §3), so we infer [inferred, not stated] that
  // what is metered and limited is the data itself.
  const minGB = SERVERLESS_MIN_STORAGE_GB[w.engine];
  const headroom = TARGETS.serverlessStorageHeadroom;
  const storageGB = Math.max(Math.ceil((totalBytes * headroom.value) / 1e9), 1);
  steps.push({
    label: 'serverless data storage limit', bytes: storageGB * 1e9,
    note: `⌈${(totalBytes / 1e9).toFixed(2)} GB × ${headroom.value}⌉ = ${storageGB} GB (CacheUsageLimits.DataStorage.Maximum; range 1–5,000 GB) — ${headroom.note}; metered (inferred) on the data stored, not on the limit`,
    source: headroom.source,
  });
  const perRead = ecpuPerRequest(traffic.readBytes);
  const perWrite = ecpuPerRequest(traffic.writeBytes);
  const ecpu = Math.ceil(traffic.readsPerSec * perRead + traffic.writesPerSec * perWrite);
  const anyTraffic = traffic.readsPerSec + traffic.writesPerSec > 0;
  // No traffic given: no ceiling to set, rather than a guessed one that would throttle the first real peak.
  const ecpuLimit = anyTraffic ? Math.max(LIMITS.serverlessMinEcpu.value, ecpu) : 0;
  steps.push({
    label: 'serverless ECPU/s at peak', bytes: ecpu, unit: 'ECPU/s',
    note: anyTraffic
      ? `${traffic.readsPerSec} reads/s × ${round(perRead, 3)} + ${traffic.writesPerSec} writes/s × ${round(perWrite, 3)} ECPU (1 ECPU per KB moved, at least 1; ${ECPU.note}); ${traffic.note}; limit set to ${ecpuLimit} (minimum 1,000)`
      : 'no reads or writes given: no ECPUPerSecond limit is set',
    source: ECPU.source,
  });

  if (storageGB > LIMITS.serverlessMaxGB.value) problems.push(`${storageGB} GB: over the serverless maximum of 5,000 GB per cache`);
  if (ecpu > LIMITS.serverlessMaxEcpu.value) problems.push(`${ecpu} ECPU/s: over the serverless maximum of 15,000,000 ECPU/s per cache`);
  if (w.connections > LIMITS.serverlessMaxClients.value) problems.push(`${w.connections} connections: over serverless maxclients 65,000`);
  if (w.multiRegion) problems.push('Global Datastore is documented for node-based clusters (large and bigger m5/m6g/m7g/r5/r6g/r6gd/r7g/c7gn), not serverless caches');
  const keyLimit = ITEM_LIMITS.serverlessMaxKeyBytes.value;
  if (valkeyLike && w.data.kind === 'items' && w.data.keyBytes > keyLimit) {
    problems.push(`${w.data.keyBytes} B keys: over the serverless key length limit of 4 KiB (${keyLimit} B)`);
  }
  const item = itemValueBytes(w);
  if (!valkeyLike && Math.max(item ?? 0, traffic.readBytes) > LIMITS.serverlessMemcachedMaxGetBytes.value) {
    problems.push('serverless Memcached limits GET/GETS to 16 KB; the values are larger');
  }
  if (!valkeyLike) notes.push('serverless Memcached requires TLS (no UDP) and does not support the binary protocol');
  // Hash slots and {hash tags} are Valkey/Redis OSS cluster concepts; Memcached serverless has neither.
  if (valkeyLike && ecpu > LIMITS.serverlessSlotEcpu.value) notes.push(`one hash slot serves at most 30,000 ECPU/s (90,000 reading from replicas): spread hot keys, ${ecpu} ECPU/s must not land on one key or {hash tag}`);
  if (valkeyLike && totalBytes > LIMITS.serverlessSlotGiB.value * GiB) notes.push('one hash slot holds at most 32 GiB: no single {hash tag} may hold that much');
  notes.push(anyTraffic
    ? `set CacheUsageLimits: DataStorage ${storageGB} GB, ECPUPerSecond ${ecpuLimit}`
    : `set CacheUsageLimits: DataStorage ${storageGB} GB; no ECPUPerSecond limit until the traffic is known`);

  // What the bill is computed from, at the planned level, for the current price list: storage billed at no less than
  // the engine's minimum, and the peak ECPU rate as if held all month (an upper bound).
  const billedGB = Math.max(totalBytes / 1e9, minGB);
  const gbHoursPerMonth = round(billedGB * HOURS_PER_MONTH, 1);
  const millionEcpusPerMonth = round((ecpu * 3600 * HOURS_PER_MONTH) / 1e6, 1);
  const metered = {
    gbHoursPerMonth, millionEcpusPerMonth, pricing: PRICING_PAGE,
    note: `${round(billedGB, 3)} GB stored${billedGB === minGB ? ` (the ${minGB} GB metered minimum)` : ''} × ${HOURS_PER_MONTH} h = ${gbHoursPerMonth} GB-hours; `
      + `${ecpu} ECPU/s × 3,600 s × ${HOURS_PER_MONTH} h = ${millionEcpusPerMonth} million ECPUs (an upper bound: the peak held all month). `
      + `Apply the current ${w.engine === 'valkey' ? 'Valkey' : w.engine === 'redis' ? 'Redis OSS' : 'Memcached'} serverless prices for your Region: ${PRICING_PAGE}`,
  };
  notes.push(`metered per month at the planned level: ≈ ${gbHoursPerMonth} GB-hours and ≤ ${millionEcpusPerMonth} million ECPUs — apply the price list (${PRICING_PAGE})`);
  const usable = storageGB * 1e9;
  return {
    service: 'elasticache-serverless',
    // The JSON contract gives every option these keys; serverless has no nodes to name.
    nodeType: null, shards: null, replicasPerShard: null,
    usableGiB: round(usable / GiB, 2),
    utilization: round(totalBytes / usable, 4),
    serverless: { storageGB, ecpuPerSecond: ecpuLimit },
    metered,
    notes,
    fits: problems.length === 0,
    steps,
    problems,
  };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
