/**
 * The node-type table (knowledge/data/node-types.json, generated from the reference CSV by scripts/node-types.ts),
 * bundled into the engine: no fs. Memory is AWS's "Memory (GiB)" column = maxmemory / 2^30
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html).
 */
import table from '../../../knowledge/data/node-types.json';
import type { SizingEngine } from './types';

export interface NodeType {
  service: 'elasticache' | 'memorydb';
  nodeType: string;
  vcpu: number;
  memoryGiB: number;
  network: string;
  /** Sustained bandwidth; sizing never counts on burst (it is a credit, spent in minutes). */
  baselineGbps: number;
  burstGbps?: number;
  family: string;
  generation: 'current' | 'previous';
  engines: SizingEngine[];
  dataTiering?: { ssdGiB: number };
  source: string;
  sourceNote?: string;
}

export const NODE_TYPES: readonly NodeType[] = table as NodeType[];

const byName = new Map(NODE_TYPES.map((n) => [n.nodeType, n]));
export function nodeType(name: string): NodeType | undefined { return byName.get(name); }

/** maxmemory in bytes, from the GiB column (2 decimals: within 0.005 GiB of the parameter table's byte figure). */
export function maxmemoryBytes(n: NodeType): number { return Math.round(n.memoryGiB * 2 ** 30); }

export function isBurstable(n: NodeType): boolean { return /^t\d/.test(n.family); }

/** Current-generation node types of a service that run the engine, grouped by family, smallest first. */
export function familiesFor(service: NodeType['service'], engine: SizingEngine): Map<string, NodeType[]> {
  const out = new Map<string, NodeType[]>();
  for (const n of NODE_TYPES) {
    if (n.service !== service || n.generation !== 'current' || !n.engines.includes(engine)) continue;
    const list = out.get(n.family) ?? [];
    list.push(n);
    out.set(n.family, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.memoryGiB - b.memoryGiB);
  return out;
}
