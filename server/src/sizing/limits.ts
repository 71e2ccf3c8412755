/**
 * Every service limit, reservation and rate the planner uses, each with its source (aws-facts.md §3 quotes them).
 * Figures marked ASSUMPTION are ours: no AWS page gives them; the planner says so wherever it uses one.
 */

const CLUSTERS = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.html';
const PARAMS = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html';
const SERVERLESS = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/RedisConfiguration.html';

export interface Figure { value: number; source: string; note?: string }

export const LIMITS = {
  /** Valkey 7.2+ / Redis OSS 5.0.6+: "node or shard limit can be increased to a maximum of 500 per cluster". */
  maxNodesPerCluster: { value: 500, source: CLUSTERS },
  /** Default quota: `NodeGroupsPerReplicationGroupQuotaExceeded` "The default maximum is 90"; raised on request. */
  defaultNodesPerCluster: { value: 90, source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html' },
  /** ReplicasPerNodeGroup 0–5; cluster mode disabled: NumCacheClusters ≤ 6 (1 primary + 5 replicas). */
  maxReplicasPerShard: { value: 5, source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html' },
  /** Sources conflict: CreateCacheCluster.NumCacheNodes "between 1 and 40" (default quota) vs the user guide's "1 to 60 nodes". */
  memcachedNodesDefault: { value: 40, source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html' },
  memcachedNodesMax: { value: 60, source: CLUSTERS },
  /** MemoryDB: 500-node clusters (data-tiering page), 90 nodes per cluster per instance type by default, 6 per shard. */
  memorydbMaxNodes: { value: 500, source: 'https://docs.aws.amazon.com/memorydb/latest/devguide/data-tiering.html' },
  memorydbDefaultNodes: { value: 90, source: 'https://docs.aws.amazon.com/general/latest/gr/memorydb-service.html' },
  /** Serverless per cache: 5,000 GiB, 15,000,000 ECPU/s; per hash slot 32 GiB and 30K ECPU/s (90K reading replicas). */
  serverlessMaxEcpu: { value: 15_000_000, source: SERVERLESS },
  serverlessMinEcpu: { value: 1000, source: 'https://docs.aws.amazon.com/cdk/api/v2/docs/@aws-cdk_aws-elasticache-alpha.CacheUsageLimitsProperty.html' },
  serverlessMaxGB: { value: 5000, source: 'https://docs.aws.amazon.com/cdk/api/v2/docs/@aws-cdk_aws-elasticache-alpha.CacheUsageLimitsProperty.html' },
  serverlessSlotGiB: { value: 32, source: SERVERLESS },
  serverlessSlotEcpu: { value: 30_000, source: SERVERLESS },
  serverlessMaxClients: { value: 65_000, source: SERVERLESS },
  /** Serverless Memcached: "GET/GETS limited to 16 KB". */
  serverlessMemcachedMaxGetBytes: { value: 16 * 1024, source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SupportedCommands.html' },
  /** Memcached max_simultaneous_connections 65000 (not modifiable). */
  memcachedMaxConnections: { value: 65_000, source: PARAMS },
  /** Global Datastore: "up to two other AWS Regions". */
  maxSecondaryRegions: { value: 2, source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html' },
} satisfies Record<string, Figure>;

/** How big one key or value may be: what the engines refuse outright, and what a parameter can raise. */
export const ITEM_LIMITS = {
  /** memcached protocol: "Currently the length limit of a key is set at 250 characters". */
  memcachedMaxKeyBytes: { value: 250, source: 'https://github.com/memcached/memcached/blob/master/doc/protocol.txt' },
  /** Memcached `max_item_size` default 1048576 (1 MiB), modifiable, takes effect after a restart: the whole item counts. */
  memcachedMaxItemBytes: { value: 1_048_576, source: PARAMS },
  /** Valkey/Redis `proto-max-bulk-len`: permitted 1048576–536870912, default 536870912 (512 MiB): no bulk string is longer. */
  protoMaxBulkLen: { value: 536_870_912, source: PARAMS },
  /** Serverless (Valkey/Redis OSS): "Key / channel name length 4 KiB". */
  serverlessMaxKeyBytes: { value: 4096, source: SERVERLESS },
} satisfies Record<string, Figure>;

export const RESERVATION = {
  /** `reserved-memory-percent` default 25 (of maxmemory), for backups, failover and replication buffers. */
  reservedMemoryPercent: { value: 25, source: PARAMS },
  /**
   * Memcached `memcached_connections_overhead`: "default 100 MB" per node, in the unit of the parameter tables'
   * max_cache_memory (cache.m5.large 6537 MB − 100 MB = 6437 MB for items). Those MB are 2^20 bytes [inferred]: 6537 MB
   * ÷ 1024 = 6.38 GiB, the node's Memory (GiB) column, where 6537 × 10^6 B would be only 6.09 GiB.
   */
  memcachedConnectionsOverheadBytes: { value: 100 * 2 ** 20, source: PARAMS, note: '100 MB as the parameter table writes it; its MB are 2^20 B (inferred: cache.m5.large 6537 MB ≈ 6.38 GiB), so 104,857,600 B' },
  /** MemoryDB data tiering: "MemoryDB reserves 19% of DRAM per node for non-data use". */
  memorydbDataTieringPercent: { value: 19, source: 'https://docs.aws.amazon.com/memorydb/latest/devguide/data-tiering.html' },
  /** MemoryDB without data tiering: no figure in our facts; ElastiCache's default is used. */
  memorydbReservedPercent: { value: 25, source: PARAMS, note: 'ASSUMPTION: the MemoryDB default parameter group\'s reservation is not in our facts sheet; ElastiCache\'s 25 % is used' },
} satisfies Record<string, Figure>;

export const TARGETS = {
  /**
   * Keep the data at ≤ 80 % of what is left after the reservation. The reservation covers fork and replication
   * buffers; this covers what it does not: allocator fragmentation, key-count drift, and the memory model's own
   * ±10 % error. Past maxmemory a cache evicts and a database refuses writes.
   */
  memoryUtilization: { value: 0.8, source: 'ASSUMPTION', note: 'ASSUMPTION: 80 % target (no AWS threshold in our facts; fragmentation, model error ±10 %)' },
  /** Keep the peak at ≤ 80 % of BASELINE bandwidth: burst credits run out and RESP/TCP framing is not counted. */
  networkUtilization: { value: 0.8, source: 'ASSUMPTION', note: 'ASSUMPTION: 80 % of baseline bandwidth (framing not counted; burst is not sustained)' },
  /**
   * Commands run on one engine thread per Valkey/Redis shard primary (AWS: "for single-threaded Redis, divide [the 90 %
   * CPU threshold] by cores"). No AWS page gives ops/s per thread: 100,000 small GET/SET per second is our planning
   * figure, and a shard is added past it. Benchmark your own commands; Valkey 8 I/O threads raise it.
   */
  opsPerShardPrimary: { value: 100_000, source: 'ASSUMPTION', note: 'ASSUMPTION: 100,000 simple ops/s per shard primary (single engine thread; no AWS figure)' },
  /** Dataset size from which data tiering is worth offering. */
  dataTieringMinGiB: { value: 100, source: 'ASSUMPTION', note: 'ASSUMPTION: tiering is offered from 100 GiB of data' },
  /**
   * Data tiering keeps keys and the regularly read values in DRAM: we plan DRAM for the non-value part of the data
   * plus this share of the values. 20 % is ours: the facts sheet gives no hot share, and the workload does not say how
   * skewed access is.
   */
  tieringHotShare: { value: 0.2, source: 'ASSUMPTION', note: 'ASSUMPTION: 20 % of the values are read regularly and stay in DRAM (no AWS figure; the workload does not say how skewed access is)' },
  /**
   * Serverless DataStorage.Maximum above the planned data. At the maximum a serverless cache evicts (volatile-lru,
   * fixed) or refuses writes, so a limit at 100 % of the plan acts on the first byte of growth the plan did not foresee;
   * 25 % more matches the 80 % utilisation target node-based options keep (1 ÷ 0.8 = 1.25). Storage is metered on what is
   * stored, not on the limit, so the headroom costs nothing until it is used.
   */
  serverlessStorageHeadroom: { value: 1.25, source: 'ASSUMPTION', note: 'ASSUMPTION: the limit is 1.25 × the planned data (data ≤ 80 % of it, as node-based options plan), so growth past the plan is not evicted or refused at once' },
  /** Values over 100 KB: a warning (they hold the single engine thread and the network per request). */
  largeValueBytes: { value: 100_000, source: 'ASSUMPTION', note: 'ASSUMPTION: issue 6 threshold for a large value' },
} satisfies Record<string, Figure>;

/** Serverless metering: 1 ECPU per KB transferred, at least 1 per request. KB taken as 1,000 B (the larger count). */
export const ECPU = { bytesPerEcpu: 1000, source: 'https://aws.amazon.com/elasticache/pricing/', note: 'a GET of 3.2 KB = 3.2 ECPUs; KB read as 1,000 bytes, which counts more ECPUs than 1,024' };

/** Minimum metered storage per engine (pricing page): 100 MB Valkey, 1 GB Redis OSS and Memcached. */
export const SERVERLESS_MIN_STORAGE_GB = { valkey: 0.1, redis: 1, memcached: 1, source: 'https://aws.amazon.com/elasticache/pricing/' } as const;

/**
 * No dollar figure: the facts sheet has serverless prices but no date for them (and Valkey's only third-party), and
 * issue 6 allows prices only where sourced and dated. The plan gives the metered quantities instead, for the user to
 * apply the current price list to.
 */
export const PRICING_PAGE = 'https://aws.amazon.com/elasticache/pricing/';
/** Hours in a month as the AWS Pricing Calculator counts them (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** maxclients by node type (not modifiable): 65000 except t2.*, t4g.micro, t3.micro (20000) and t3.small/medium (46000). */
export function maxClients(nodeType: string): { value: number; source: string } {
  const t = nodeType.replace(/^(cache|db)\./, '');
  const value = /^t2\./.test(t) || t === 't4g.micro' || t === 't3.micro' ? 20_000 : t === 't3.small' || t === 't3.medium' ? 46_000 : 65_000;
  return { value, source: PARAMS };
}

/** Global Datastore: "large and above, families M5, M6g, M7g, R5, R6g, R6gd, R7g, C7gn". */
export const GLOBAL_DATASTORE_FAMILIES = { value: ['m5', 'm6g', 'm7g', 'r5', 'r6g', 'r6gd', 'r7g', 'c7gn'], source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html' } as const;
export function globalDatastoreSupports(family: string, nodeType: string): boolean {
  return (GLOBAL_DATASTORE_FAMILIES.value as readonly string[]).includes(family) && !/\.(micro|small|medium)$/.test(nodeType);
}
