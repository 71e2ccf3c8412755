/**
 * The sizing engine's contract: a workload in, a step-by-step estimate and ranked deployment options out.
 * Pure data; the CLI (`cachelint size --json`), the LSP request `cachelint/sizing` and the editor's report all print
 * exactly this shape, so keep it stable and additive.
 */

export type SizingEngine = 'valkey' | 'redis' | 'memcached';

/** string: one value per key. hash: `fields` field/value pairs per key. set/zset/list: `fields` members per key. */
export type DataType = 'string' | 'hash' | 'set' | 'zset' | 'list';

/**
 * cache: a cache in front of a database (node-based ElastiCache or Serverless).
 * database: the data lives only here → MemoryDB (a durable, Multi-AZ transaction log).
 * durable-cache: ElastiCache for Valkey with the durability option (Valkey only).
 */
export type SizingRole = 'cache' | 'database' | 'durable-cache';

/** The data, described item by item (the model computes engine memory) or as a total already measured on an engine. */
export type DataShape =
  | {
      kind: 'items';
      type: DataType;
      keys: number;
      keyBytes: number;
      /** string: the value; hash: each field's value; set/zset/list: each member. */
      valueBytes: number;
      /** hash/set/zset/list: entries per key (default 1 for string, required ≥ 1 otherwise). */
      fields?: number;
      /** hash: each field name's length. */
      fieldBytes?: number;
      /** Whether keys carry a TTL (adds an entry in the expires dictionary). Default true for role "cache". */
      withTtl?: boolean;
      /**
       * Values (string values, hash values, set/zset/list members) are integers of up to `valueBytes` digits, which
       * Redis/Valkey store as integers (int strings, intsets, listpack integers). Default false: strings.
       */
      integerValues?: boolean;
    }
  | { kind: 'total'; bytes: number };

export interface Workload {
  engine: SizingEngine;
  role: SizingRole;
  data: DataShape;
  /** Extra room for growth, percent of the dataset (default 20). */
  growthPercent: number;
  /** Peak operations per second and the average bytes moved per operation (default: the value size). */
  readsPerSec: number;
  writesPerSec: number;
  readBytes?: number;
  writeBytes?: number;
  /** Peak concurrent client connections (default 100). */
  connections: number;
  /** Replicas per shard requested (0 = none). Multi-AZ needs ≥ 1. */
  replicas: number;
  multiAz: boolean;
  /** Global Datastore: the same topology in up to two more Regions. */
  multiRegion: boolean;
  /** With multiRegion: how many secondary Regions (1 or 2; validation fills in 1). Each receives the write stream. */
  secondaryRegions?: number;
  traffic: 'steady' | 'spiky';
}

/** One labelled number of the arithmetic, with where its rule or figure comes from. */
export interface SizingStep {
  label: string;
  bytes: number;
  note: string;
  /** An AWS page or engine source file the figure comes from. */
  source?: string;
  /**
   * What `bytes` counts when the step is not a size: "B/s" (network), "ops/s", "ECPU/s", "shards", "nodes".
   * Absent = bytes.
   */
  unit?: 'B/s' | 'ops/s' | 'ECPU/s' | 'shards' | 'nodes';
}

export interface MemoryEstimate {
  /** Memory the data itself occupies on the engine, in bytes, without reservation or headroom. */
  datasetBytes: number;
  steps: SizingStep[];
  /** Which engine version the memory model describes, e.g. "Redis OSS 7.0–7.2 / Valkey 7.2 (64-bit, jemalloc)". */
  model: string;
  /** Encodings chosen, e.g. "hash: listpack (128 fields ≤ hash-max-listpack-entries 128)". */
  encodings: string[];
}

export type SizingService = 'elasticache-node' | 'elasticache-serverless' | 'memorydb';

export interface SizingOption {
  service: SizingService;
  /** Node-based and MemoryDB only; null on serverless options (the JSON contract gives every option these keys). */
  nodeType?: string | null;
  shards?: number | null;
  replicasPerShard?: number | null;
  clusterMode?: 'enabled' | 'disabled';
  dataTiering?: boolean;
  /** Memory available for data across all shards after reservation, GiB (serverless: the storage limit to set). */
  usableGiB: number;
  /** Dataset (with growth) ÷ usable memory, 0…1+. */
  utilization: number;
  /** Peak network need ÷ baseline bandwidth of one shard's primary, 0…1+ (node-based/MemoryDB). */
  networkUtilization?: number;
  /** Serverless: what to set in CacheUsageLimits. `ecpuPerSecond` 0: no traffic was given, so no ECPU limit is set. */
  serverless?: { storageGB: number; ecpuPerSecond: number };
  /**
   * Serverless: what it meters in a month at the planned level (data with growth stored all month; the peak ECPU/s
   * held all month, an upper bound), for the user to apply the current price list at `pricing` to.
   */
  metered?: { gbHoursPerMonth: number; millionEcpusPerMonth: number; pricing: string; note: string };
  /** 1 = best. */
  rank: number;
  /** False when a hard limit rules it out (node count, serverless size or ECPU/s, maxclients, Global Datastore family). */
  fits?: boolean;
  /** Node-based/MemoryDB: shards × (1 + replicas). */
  totalNodes?: number;
  /** The arithmetic of this option, after the shared memory and growth steps. */
  steps?: SizingStep[];
  /** Why it won or lost, and what to watch. */
  notes: string[];
}

export interface SizingResult {
  input: Workload;
  estimate: MemoryEstimate & { totalWithGrowthBytes: number };
  options: SizingOption[];
  /** Service limits, burstable nodes, values over 100 KB, single points of failure, Memcached without replication. */
  warnings: string[];
}
