/**
 * A cache's shape as a template writes it — service, engine, node type, shards, replicas, cluster mode — read from
 * the model for "Resize this cache" (and any other feature that summarises a cache). Pure; a field is absent when
 * the template does not state it literally.
 */
import type { Range } from '../engine/types';
import { booleanOf, numberOf, stringOf, type IacModel, type IacResource, type IacValue } from './iac';
import { propertyAt } from './effective';

export interface CacheShape {
  /** Logical id (CloudFormation) or resource name (Terraform). */
  name: string;
  type: string;
  format: 'cloudformation' | 'terraform';
  service: 'elasticache-node' | 'elasticache-serverless' | 'memorydb';
  engine?: 'valkey' | 'redis' | 'memcached';
  nodeType?: string;
  shards?: number;
  replicasPerShard?: number;
  clusterMode?: 'enabled' | 'disabled';
  multiAz?: boolean;
  /** Serverless: the CacheUsageLimits maximums written. */
  serverless?: { storageGB?: number; ecpuPerSecond?: number };
  range: Range;
}

/**
 * Whether a Valkey/Redis OSS replication group or cache cluster runs in cluster mode: ClusterMode enabled, more than
 * one shard, or a `*.cluster.on` parameter group (a one-shard cluster-mode group). NodeGroupConfiguration alone says
 * nothing: it also places the AZs of a disabled group.
 */
export function clusterModeEnabled(r: IacResource): boolean {
  const p = (name: string) => r.properties.get(name)?.value;
  const shards = numberOf(p('numNodeGroups'));
  return stringOf(p('clusterMode'))?.toLowerCase() === 'enabled' || (shards !== undefined && shards > 1)
    || !!stringOf(p('parameterGroupName'))?.toLowerCase().endsWith('.cluster.on');
}

const CACHE_KINDS = new Set<IacResource['kind']>(['replicationGroup', 'cacheCluster', 'serverlessCache', 'memorydbCluster']);

const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);

/** The end of the last text a resource's model covers: its anchor or any of its properties' values. */
function extentEnd(r: IacResource): Range['end'] {
  let end = r.anchorRange.end;
  for (const p of r.properties.values()) if (before(end, p.value.range.end)) end = p.value.range.end;
  return end;
}

/** The cache whose text holds the position: from its logical id or labels to the end of its last property. */
export function cacheAt(model: IacModel, position: Range['start']): CacheShape | null {
  const hit = model.resources.find((r) => CACHE_KINDS.has(r.kind) && before(r.anchorRange.start, position) && before(position, extentEnd(r)));
  return hit ? cacheShape(model, hit) : null;
}

function engineOf(v: IacValue | undefined): CacheShape['engine'] {
  const s = stringOf(v)?.toLowerCase();
  return s === 'valkey' || s === 'redis' || s === 'memcached' ? s : undefined;
}

const whole = (v: IacValue | undefined) => {
  const n = numberOf(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** Drops the fields the template does not state, so absent means "not written". */
const written = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function cacheShape(model: IacModel, r: IacResource): CacheShape {
  const p = (name: string) => r.properties.get(name)?.value;
  const base = { name: r.name, type: r.type, format: model.format, range: r.anchorRange } as const;
  switch (r.kind) {
    case 'serverlessCache': {
      const storageGB = whole(propertyAt(r, 'cacheUsageLimits.dataStorage.maximum')?.value);
      const ecpuPerSecond = whole(propertyAt(r, 'cacheUsageLimits.ecpuPerSecond.maximum')?.value);
      return written({ ...base, service: 'elasticache-serverless', engine: engineOf(p('engine')), serverless: storageGB !== undefined || ecpuPerSecond !== undefined ? written({ storageGB, ecpuPerSecond }) : undefined });
    }
    case 'memorydbCluster':
      // API defaults: one shard, one replica per shard (aws-facts.md §2b, MemoryDB shards/replicas).
      return written({
        ...base, service: 'memorydb', engine: engineOf(p('engine')), nodeType: stringOf(p('nodeType')),
        shards: p('numShards') ? whole(p('numShards')) : 1, replicasPerShard: p('numReplicasPerShard') ? whole(p('numReplicasPerShard')) : 1,
        clusterMode: 'enabled',
      });
    case 'cacheCluster': {
      const engine = engineOf(p('engine'));
      // A Memcached cluster's nodes partition the keys (the client hashes them): for sizing they are its shards.
      const nodes = whole(p('numCacheNodes'));
      return written({
        ...base, service: 'elasticache-node', engine, nodeType: stringOf(p('nodeType')),
        shards: engine === 'memcached' ? nodes : 1, replicasPerShard: engine === 'memcached' ? 0 : nodes !== undefined ? nodes - 1 : undefined,
        multiAz: stringOf(p('azMode')) === 'cross-az' ? true : undefined,
      });
    }
    default: {
      // Replication group: NumNodeGroups/ReplicasPerNodeGroup (sharded) or NumCacheClusters = 1 primary + replicas.
      const groups = p('nodeGroupConfiguration');
      const shards = whole(p('numNodeGroups')) ?? (groups?.kind === 'list' ? groups.items.length : undefined);
      const clusters = whole(p('numCacheClusters'));
      const replicasPerShard = whole(p('replicasPerNodeGroup')) ?? (clusters !== undefined && clusters >= 1 ? clusters - 1 : undefined);
      const clusterMode = clusterModeEnabled(r) || (shards ?? 0) > 1 ? 'enabled'
        : stringOf(p('clusterMode'))?.toLowerCase() === 'disabled' || clusters !== undefined ? 'disabled' : undefined;
      return written({
        ...base, service: 'elasticache-node', engine: engineOf(p('engine')), nodeType: stringOf(p('nodeType')),
        shards: shards ?? (clusterMode === 'disabled' ? 1 : undefined), replicasPerShard, clusterMode, multiAz: booleanOf(p('multiAzEnabled')),
      });
    }
  }
}
