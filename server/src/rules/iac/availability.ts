/**
 * What the availability rules (automatic-failover-disabled, multi-az-disabled) share: how many replicas each shard
 * of a replication group has, read from the cache's shape (model/cacheShape.ts), with the clause a message quotes
 * and the property that says so.
 */
import type { IacModel, IacProperty, IacResource } from '../../model/iac';
import { cacheShape, clusterModeEnabled } from '../../model/cacheShape';
import { effectiveValue, literalText } from '../../model/effective';
import { propertyName } from './names';

export interface Replicas {
  /** Replicas in each shard (0: a single node per shard). */
  count: number;
  /** The property that gives the count: `ReplicasPerNodeGroup` or `NumCacheClusters`; none when neither is written. */
  path: 'replicasPerNodeGroup' | 'numCacheClusters';
  property?: IacProperty;
  /** "NumCacheClusters is 1", "num_cache_clusters is not set, and it defaults to 1". */
  why: string;
}

/** Properties that say how many nodes a group has, besides the two counts: with one written, absence means nothing. */
const LAYOUT = ['numNodeGroups', 'nodeGroupConfiguration', 'primaryClusterId'] as const;

/**
 * The replicas per shard of a replication group, or undefined when the files do not decide it (an input without a
 * value, a condition, a per-shard NodeGroupConfiguration, an existing primary cluster).
 * `failoverOff`: automatic failover is certainly off, where the API's NumCacheClusters default of 1 holds.
 */
export function replicasPerShard(model: IacModel, r: IacResource, failoverOff: boolean): Replicas | undefined {
  const shape = cacheShape(model, r);
  for (const path of ['replicasPerNodeGroup', 'numCacheClusters'] as const) {
    const property = r.properties.get(path);
    if (!property) continue;
    // cacheShape reads ReplicasPerNodeGroup first; a count it could not read is not replaced by the other one.
    if (shape.replicasPerShard === undefined) return undefined;
    const e = effectiveValue(r, path);
    return { count: shape.replicasPerShard, path, property, why: e.why };
  }
  // A cluster-mode group lays its nodes out in shards, whose replica count has no default in our sources.
  if (LAYOUT.some((p) => r.properties.has(p)) || clusterModeEnabled(r)) return undefined;
  const e = effectiveValue(r, 'numCacheClusters');
  if (e.value === 1) return { count: 0, path: 'numCacheClusters', why: e.why };
  // aws-facts.md §2b replica count: "API: defaults to 1 if failover false" (CloudFormation passes the API's default).
  if (e.value === undefined && e.origin === 'unknown' && failoverOff) {
    return { count: 0, path: 'numCacheClusters', why: `${propertyName(r, 'numCacheClusters')} is not set, and it defaults to ${literalText(1)} without automatic failover` };
  }
  return undefined;
}
