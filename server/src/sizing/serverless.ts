/** ElastiCache Serverless: the CacheUsageLimits to set, the limits it must fit, and a price where one is sourced. */
import type { SizingOption, SizingStep, Workload } from './types';
import { ECPU, HOURS_PER_MONTH, LIMITS, SERVERLESS_MIN_STORAGE_GB, SERVERLESS_PRICES } from './limits';
import type { Traffic } from './traffic';
import { itemValueBytes } from './traffic';

const GiB = 2 ** 30;

export type ServerlessPlan = Omit<SizingOption, 'rank'> & { problems: string[] };

/** ECPUs for one request moving `bytes`: 1 per KB, at least 1. */
export function ecpuPerRequest(bytes: number): number {
  return Math.max(1, bytes / ECPU.bytesPerEcpu);
}

export function planServerless(w: Workload, totalBytes: number, traffic: Traffic): ServerlessPlan {
  const steps: SizingStep[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  // The storage limit is data stored (GB, decimal), not memory after a reservation: AWS fixes serverless reservation
  // at 25 % on its side and meters only the data.
  const minGB = SERVERLESS_MIN_STORAGE_GB[w.engine];
  const storageGB = Math.max(Math.ceil(totalBytes / 1e9), 1);
  steps.push({ label: 'serverless data storage limit', bytes: storageGB * 1e9, note: `⌈${(totalBytes / 1e9).toFixed(2)} GB⌉ = ${storageGB} GB (CacheUsageLimits.DataStorage.Maximum; range 1–5,000 GB; metered from ${minGB} GB)`, source: LIMITS.serverlessMaxGB.source });
  const perRead = ecpuPerRequest(traffic.readBytes);
  const perWrite = ecpuPerRequest(traffic.writeBytes);
  const ecpu = Math.ceil(traffic.readsPerSec * perRead + traffic.writesPerSec * perWrite);
  const ecpuLimit = Math.max(LIMITS.serverlessMinEcpu.value, ecpu);
  steps.push({ label: 'serverless ECPU/s at peak', bytes: ecpu, unit: 'ECPU/s', note: `${traffic.readsPerSec} reads/s × ${round(perRead, 3)} + ${traffic.writesPerSec} writes/s × ${round(perWrite, 3)} ECPU (1 ECPU per KB moved, at least 1; ${ECPU.note}); limit set to ${ecpuLimit} (minimum 1,000)`, source: ECPU.source });

  if (storageGB > LIMITS.serverlessMaxGB.value) problems.push(`${storageGB} GB: over the serverless maximum of 5,000 GB per cache`);
  if (ecpu > LIMITS.serverlessMaxEcpu.value) problems.push(`${ecpu} ECPU/s: over the serverless maximum of 15,000,000 ECPU/s per cache`);
  if (w.connections > LIMITS.serverlessMaxClients.value) problems.push(`${w.connections} connections: over serverless maxclients 65,000`);
  if (w.multiRegion) problems.push('Global Datastore is documented for node-based clusters (large and bigger m5/m6g/m7g/r5/r6g/r6gd/r7g/c7gn), not serverless caches');
  const item = itemValueBytes(w);
  if (w.engine === 'memcached' && Math.max(item ?? 0, traffic.readBytes) > LIMITS.serverlessMemcachedMaxGetBytes.value) {
    problems.push('serverless Memcached limits GET/GETS to 16 KB; the values are larger');
  }
  if (w.engine === 'memcached') notes.push('serverless Memcached requires TLS (no UDP) and does not support the binary protocol');
  if (ecpu > LIMITS.serverlessSlotEcpu.value) notes.push(`one hash slot serves at most 30,000 ECPU/s (90,000 reading from replicas): spread hot keys, ${ecpu} ECPU/s must not land on one key or {hash tag}`);
  if (totalBytes > LIMITS.serverlessSlotGiB.value * GiB) notes.push('one hash slot holds at most 32 GiB: no single {hash tag} may hold that much');
  notes.push(`set CacheUsageLimits: DataStorage ${storageGB} GB, ECPUPerSecond ${ecpuLimit}`);

  const p = SERVERLESS_PRICES[w.engine];
  const billedGB = Math.max(totalBytes / 1e9, minGB);
  const storageUsd = billedGB * p.gbHour * HOURS_PER_MONTH;
  const ecpuUsd = (ecpu * 3600 * HOURS_PER_MONTH / 1e6) * p.perMillionEcpu;
  const usd = Math.round((storageUsd + ecpuUsd) * 100) / 100;
  const usable = storageGB * 1e9;
  return {
    service: 'elasticache-serverless',
    usableGiB: round(usable / GiB, 2),
    utilization: round(totalBytes / usable, 4),
    serverless: { storageGB, ecpuPerSecond: ecpuLimit },
    price: {
      usdPerMonth: usd, region: 'us-east-1', asOf: p.asOf, source: p.source,
      note: `${p.note}. ${round(billedGB, 3)} GB × $${p.gbHour}/GB-hour × ${HOURS_PER_MONTH} h = $${round(storageUsd, 2)}, plus ${ecpu} ECPU/s held all month × $${p.perMillionEcpu}/million = $${round(ecpuUsd, 2)} — an upper bound: the peak rate is charged as if constant`,
    },
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

