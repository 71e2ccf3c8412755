/**
 * The sizing engine's memory model: what a dataset occupies on the engine (no reservation, no headroom).
 * Redis OSS → the 7.0 model; Valkey → the 7.2 model (listpack sets and small lists); Memcached → slab model.
 */
import type { DataShape, MemoryEstimate, SizingEngine } from '../types';
import { estimateMemcached } from './memcached';
import { estimateRedis } from './redis';

export interface MemoryOptions {
  /** Overrides `data.withTtl`: each key has an entry in the expires dict (Redis/Valkey). */
  withTtl?: boolean;
  /**
   * Cluster mode enabled (Redis/Valkey 7.x): each keyspace dictEntry carries 16 B of slot-list links (48 B class
   * instead of 32). Default false.
   */
  clusterMode?: boolean;
}

export function estimateMemory(engine: SizingEngine, data: DataShape, opts: MemoryOptions = {}): MemoryEstimate {
  if (data.kind === 'total') {
    return {
      datasetBytes: data.bytes,
      steps: [{ label: 'dataset as measured on the engine', bytes: data.bytes, note: 'Given as a total; no per-item model applied.' }],
      model: 'a total measured on the engine (e.g. INFO memory used_memory_dataset or stats slabs total_malloced)',
      encodings: [],
    };
  }
  if (engine === 'memcached') return estimateMemcached(data);
  return estimateRedis(data, opts.withTtl ?? data.withTtl ?? false, engine === 'redis' ? '7.0' : '7.2', opts.clusterMode ?? false);
}

export { jemallocClass } from './jemalloc';
export { slabClasses, slabClassFor, itemBytes } from './memcached';
