/**
 * What both snippet formats share: the option reduced to the resources it needs, the engine versions written, the
 * users' access string, and the comments that say what a snippet does not do for the user.
 *
 * Property names: ../shared/reference/aws-facts.md §2a (cfn-lint schemas) and §2b (CloudFormation ↔ Terraform).
 */
import type { SizingOption, Workload } from '../types';
import { LIMITS } from '../limits';

export type SnippetFormat = 'cloudformation' | 'terraform';

/**
 * Engine versions written into snippets: the newest cfn-lint accepts for each engine that also supports TLS
 * `required` mode and online changes (aws-facts.md §2 "cfn-lint's allowed EngineVersion values"; §4 in-transit
 * migration needs Valkey 7.2+ / Redis OSS 7+). Parameter group families follow the major version (§3 versions).
 */
export interface EngineFacts { version: string; major: string; family: string; port: number; label: string }
export const ENGINES: Record<Workload['engine'], EngineFacts> = {
  valkey: { version: '8.0', major: '8', family: 'valkey8', port: 6379, label: 'Valkey' },
  redis: { version: '7.1', major: '7', family: 'redis7', port: 6379, label: 'Redis OSS' },
  memcached: { version: '1.6.22', major: '1.6', family: 'memcached1.6', port: 11211, label: 'Memcached' },
};

/** Backups kept (days): SnapshotRetentionLimit defaults to 0, i.e. no automatic backups (aws-facts.md §2b). */
export const BACKUP_DAYS = 7;
export const BACKUP_WINDOW = '03:00-05:00';
export const MAINTENANCE_WINDOW = 'sun:05:00-sun:07:00';
/** Reasons on the suppression comments a snippet carries for what the sizing answers chose not to have. */
export const NO_REPLICA = 'no replica was asked for: add one to fail over';
export const NO_MULTI_AZ = 'Multi-AZ was not asked for';
/** Users' passwords: 16–128 printable characters with few specials allowed (aws-facts.md §2b AUTH), so letters and digits. */
export const PASSWORD_LENGTH = 32;

/**
 * The application user's rights. `~*` every key. `&*` every pub/sub channel: channel rules arrived in Redis OSS 6.2
 * (redis/redis#7993) and since 7.0 a new user gets no channel at all (`acl-pubsub-default resetchannels`), so without
 * it SUBSCRIBE/PUBLISH fail with NOPERM (redis/redis#12418); every engine written here is 6.2 or later (Valkey 8.0,
 * Redis OSS 7.1, MemoryDB's minimum 6.2). `+@all -@dangerous`: the data commands, without KEYS, FLUSHALL, MONITOR,
 * DEBUG, INFO and the like. Cluster clients still discover the topology: CLUSTER SLOTS and SHARDS are @slow, not
 * @dangerous, in Redis OSS 7 and Valkey (src/commands/cluster-slots.json). An application that needs INFO or a
 * @dangerous command adds it by name (`+info`).
 */
export const APP_ACCESS = 'on ~* &* +@all -@dangerous';
/** ElastiCache RBAC: a user group must hold a user named "default"; ours can do nothing. */
export const DEFAULT_ACCESS = 'off -@all';
/** The ElastiCache application user's name (user names are per user group; the id must be unique per Region). */
export const ELASTICACHE_APP_USER = 'app';

export interface Shape {
  service: SizingOption['service'];
  engine: Workload['engine'];
  nodeType: string;
  shards: number;
  replicas: number;
  clusterMode: boolean;
  /** Multi-AZ: asked for, and a replica to fail over to. */
  multiAz: boolean;
  dataTiering: boolean;
  storageGB: number;
  /** Undefined: no traffic was given, so no ECPU ceiling is set (a guessed one would throttle the first real peak). */
  ecpuPerSecond?: number;
  summary: string;
  /** Comment lines (without the comment marker) that head the snippet. */
  comments: string[];
}

/** CacheUsageLimits.ECPUPerSecond accepts 1,000…15,000,000 (aws-facts.md §3 Serverless). */
const ECPU_LIMIT = { min: 1000, max: 15_000_000 };

export function shapeOf(option: SizingOption, w: Workload): Shape {
  const shards = Math.max(1, option.shards ?? 1);
  const replicas = Math.max(0, option.replicasPerShard ?? 0);
  const nodeType = option.nodeType ?? (option.service === 'memorydb' ? 'db.r7g.large' : 'cache.r7g.large');
  const engine = w.engine;
  const clusterMode = option.clusterMode ? option.clusterMode === 'enabled' : shards > 1;
  const dataTiering = option.dataTiering ?? /\.r6gd\./.test(nodeType);
  const storageGB = Math.max(1, Math.ceil(option.serverless?.storageGB ?? option.usableGiB));
  const traffic = w.readsPerSec + w.writesPerSec > 0;
  const ecpuPerSecond = traffic
    ? Math.min(ECPU_LIMIT.max, Math.max(ECPU_LIMIT.min, Math.ceil(option.serverless?.ecpuPerSecond ?? ECPU_LIMIT.min)))
    : undefined;
  const label = ENGINES[engine].label;
  const summary = option.service === 'elasticache-serverless'
    ? `ElastiCache Serverless (${label}), up to ${storageGB} GB${ecpuPerSecond === undefined ? '' : ` and ${ecpuPerSecond} ECPU/s`}`
    : `${option.service === 'memorydb' ? 'MemoryDB' : 'ElastiCache'} (${label}) ${nodeType}, ${shards} shard${shards === 1 ? '' : 's'} × ${replicas} replica${replicas === 1 ? '' : 's'}`;
  const shape: Shape = {
    service: option.service, engine, nodeType, shards, replicas, clusterMode, multiAz: w.multiAz && replicas > 0,
    dataTiering, storageGB, ecpuPerSecond, summary, comments: [],
  };
  shape.comments = comments(shape, w);
  return shape;
}

/** What the snippet leaves to the user, said where they will read it. */
function comments(s: Shape, w: Workload): string[] {
  const out: string[] = [];
  if (s.service === 'elasticache-serverless' && s.ecpuPerSecond === undefined) {
    out.push('No ECPU/s limit: the workload gave no traffic to size one from (set CacheUsageLimits.ECPUPerSecond once it is known).');
  }
  if (s.service === 'elasticache-serverless' && w.role !== 'cache') {
    out.push('Not durable: ElastiCache Serverless has no durability option; writes since the last snapshot can be lost.');
  }
  if (w.multiRegion) {
    if (s.service === 'elasticache-node') {
      // aws-facts.md §3 Global Datastore: up to two other Regions; existing clusters cannot be added as secondaries.
      out.push(
        'Multi-region: this is the primary Region\'s cluster. Create a Global Datastore from it (AWS::ElastiCache::GlobalReplicationGroup',
        '/ aws_elasticache_global_replication_group), then in each secondary Region (up to two) create a NEW replication group',
        'with GlobalReplicationGroupId / global_replication_group_id set to it: an existing cluster cannot be added as a secondary.',
        'Members share the node type, engine version and shard count; cross-Region failover is a manual promotion.',
      );
    } else if (s.service === 'memorydb') {
      out.push('Multi-region: Global Datastore is ElastiCache\'s; MemoryDB multi-Region clusters (MultiRegionClusterName, set at creation) are not configured here.');
    } else {
      out.push('Multi-region: Global Datastore is for node-based clusters, not serverless caches; this cache serves one Region.');
    }
  }
  return out;
}

/**
 * Why an option gets no snippet, or undefined when it gets one. ElastiCache for Valkey's durability is fixed at
 * creation through the API, and whether CloudFormation or Terraform can set it is not verified (aws-facts.md §3
 * "Durability"): a template without it would deploy a cache that loses acknowledged writes, which is what the role
 * asked not to have.
 */
export function snippetUnavailable(option: SizingOption, w: Workload): string | undefined {
  if (w.role === 'durable-cache' && option.service === 'elasticache-node') return DURABILITY_UNAVAILABLE;
  // A cluster beyond the hard node limit would not deploy (and service-limit-exceeded flags it). Other misfits (a
  // serverless cache asked to span Regions) still deploy, and the snippet says what they cannot do.
  const maxNodes = option.service === 'memorydb' ? LIMITS.memorydbMaxNodes.value : LIMITS.maxNodesPerCluster.value;
  if ((option.totalNodes ?? 0) > maxNodes) return OVER_LIMIT_UNAVAILABLE;
  return undefined;
}

export const OVER_LIMIT_UNAVAILABLE = 'this option needs more nodes than a cluster may have, so a template of it would not deploy — insert is not offered';

export const DURABILITY_UNAVAILABLE =
  'durability is chosen at creation through the API (aws elasticache create-replication-group --durability sync|async …); '
  + 'CloudFormation/Terraform support is not verified — insert is not offered';
