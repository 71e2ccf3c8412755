/**
 * A one-line summary above every cache a template declares —
 * `3 shards × 2 nodes · cache.r7g.large · ≈ 29 GiB usable · TLS ✓ · at-rest ✓ · AUTH ✓ · backups ✗` — from the same
 * model, defaults and node-type data the rules read. A part the files do not decide is `?`; a part that does not
 * apply to the resource (at-rest encryption of a Memcached cluster) or whose figure we do not have (MemoryDB memory,
 * which the facts sheet could not verify) is left out. Nothing is guessed.
 */
import type { Range } from '../types';
import type { IacModel, IacResource } from '../../model/iac';
import { cacheShape, type CacheShape } from '../../model/cacheShape';
import { effectiveValue, engineOf } from '../../model/effective';
import { parameterGroupOf, parametersOf } from '../../model/views';
import { nodeType } from '../../sizing/nodeTypes';
import { presence } from '../../model/presence';

export interface CacheLens {
  /** The resource's logical id or labels: where the lens sits. */
  range: Range;
  title: string;
  /** The cache as "Resize this cache" reads it, for the sizing wizard the lens opens. */
  shape: CacheShape;
}

const CACHE_KINDS = new Set<IacResource['kind']>(['replicationGroup', 'cacheCluster', 'serverlessCache', 'memorydbCluster']);

/** ElastiCache's default `reserved-memory-percent` (aws-facts.md: ParameterGroups.Engine, default 25 of maxmemory). */
const DEFAULT_RESERVED_PERCENT = 25;

type Mark = '✓' | '✗' | '?';
const mark = (v: boolean | undefined): Mark => (v === undefined ? '?' : v ? '✓' : '✗');

/** A boolean setting in effect (written, an input's value or default, the table's default for the engine). */
function flag(r: IacResource, path: string): boolean | undefined {
  const v = effectiveValue(r, path).value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/**
 * Whether a credential-like property is set, as the AUTH rules read it (model/presence.ts): an input with an empty
 * value, a condition the files do not decide or a computed expression is not known. A module call's property not
 * written falls back to the module's own default.
 */
function isSet(r: IacResource, path: string): boolean | undefined {
  if (!r.properties.has(path)) {
    const d = r.module?.defaults?.get(path);
    return d ? d.value !== null : false;
  }
  const p = presence(r, path);
  return p.state === 'set' ? true : p.state === 'absent' ? false : undefined;
}

/** TLS as the service applies it; `preferred` still accepts plaintext, so it is not a plain ✓. */
function tls(r: IacResource): string {
  if (r.kind === 'serverlessCache') return 'TLS ✓';
  if (r.kind === 'memorydbCluster') return `TLS ${mark(flag(r, 'tlsEnabled'))}`;
  const on = flag(r, 'transitEncryptionEnabled');
  const mode = effectiveValue(r, 'transitEncryptionMode').value;
  if (on && typeof mode === 'string' && mode.toLowerCase() === 'preferred') return 'TLS preferred';
  return `TLS ${mark(on)}`;
}

function auth(r: IacResource, engine: string | undefined): string | undefined {
  if (engine === 'memcached') return undefined;
  switch (r.kind) {
    case 'replicationGroup': {
      const token = isSet(r, 'authToken');
      const groups = isSet(r, 'userGroupIds');
      return `AUTH ${token || groups ? '✓' : token === false && groups === false ? '✗' : '?'}`;
    }
    // A cache cluster has no AUTH token or user group setting of its own (auth-disabled).
    case 'cacheCluster': return engine === undefined ? undefined : 'AUTH ✗';
    case 'serverlessCache': return `AUTH ${mark(isSet(r, 'userGroupId'))}`;
    case 'memorydbCluster': {
      const acl = effectiveValue(r, 'aclName').value;
      return `AUTH ${typeof acl === 'string' ? (acl === 'open-access' ? '✗' : '✓') : '?'}`;
    }
    default: return undefined;
  }
}

function backups(r: IacResource, engine: string | undefined): string | undefined {
  if (engine === 'memcached') return undefined;
  // A cluster that joins a replication group follows the group's retention.
  if (r.kind === 'cacheCluster' && r.properties.has('replicationGroupId')) return undefined;
  const v = effectiveValue(r, 'snapshotRetentionLimit').value;
  const days = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  return `backups ${days === undefined ? '?' : days > 0 ? '✓' : '✗'}`;
}

/** The reserved share of maxmemory: the parameter group's `reserved-memory-percent`, its default, or unknown. */
function reservedPercent(model: IacModel, r: IacResource): number | undefined {
  const group = parameterGroupOf(model, r);
  // No group: the engine's default group, 25 %. A `default.*` group named outright is the same.
  if (group.kind === 'absent' || (group.kind === 'external' && group.name.startsWith('default.'))) return DEFAULT_RESERVED_PERCENT;
  if (group.kind !== 'resource') return undefined;
  const params = parametersOf(group.resource);
  if (!params) return undefined;
  const percent = params.byName.get('reserved-memory-percent');
  if (percent) return percent.value !== undefined && /^\d+(\.\d+)?$/.test(percent.value) ? Number(percent.value) : undefined;
  // `reserved-memory` in bytes replaces the percentage; the complete map without either keeps the default.
  if (params.byName.has('reserved-memory') || !params.complete) return undefined;
  return DEFAULT_RESERVED_PERCENT;
}

const gib = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));

function nodesPart(s: CacheShape, engine: string | undefined): string | undefined {
  if (engine === 'memcached') return s.shards !== undefined ? `${s.shards} node${s.shards === 1 ? '' : 's'}` : '? nodes';
  const shards = s.shards === undefined ? '?' : String(s.shards);
  const nodes = s.replicasPerShard === undefined ? '?' : String(s.replicasPerShard + 1);
  return `${shards} shard${s.shards === 1 ? '' : 's'} × ${nodes} node${nodes === '1' ? '' : 's'}`;
}

function usable(model: IacModel, r: IacResource, s: CacheShape, engine: string | undefined): string | undefined {
  // MemoryDB memory per node type is inferred, not verified (aws-facts.md), and Memcached reserves per connection.
  if (s.service !== 'elasticache-node' || engine === 'memcached' || !s.nodeType) return undefined;
  const node = nodeType(s.nodeType);
  if (!node || node.service !== 'elasticache') return undefined;
  const reserved = reservedPercent(model, r);
  if (reserved === undefined || s.shards === undefined) return '? GiB usable';
  return `≈ ${gib(node.memoryGiB * s.shards * (1 - reserved / 100))} GiB usable`;
}

function serverlessParts(s: CacheShape): string[] {
  const parts = ['serverless'];
  if (s.serverless?.storageGB !== undefined) parts.push(`≤ ${s.serverless.storageGB.toLocaleString('en')} GB`);
  if (s.serverless?.ecpuPerSecond !== undefined) parts.push(`≤ ${s.serverless.ecpuPerSecond.toLocaleString('en')} ECPU/s`);
  return parts;
}

/** The shape as the template writes it, and a community module's own default node type (cloudposse's cache.t2.micro). */
function lensShape(model: IacModel, r: IacResource): CacheShape {
  const shape = cacheShape(model, r);
  const defaultType = effectiveValue(r, 'nodeType').value;
  return shape.nodeType === undefined && typeof defaultType === 'string' ? { ...shape, nodeType: defaultType } : shape;
}

export function lensTitle(model: IacModel, r: IacResource, s: CacheShape = lensShape(model, r)): string {
  const engine = engineOf(r).value;
  const parts: (string | undefined)[] = s.service === 'elasticache-serverless'
    ? serverlessParts(s)
    : [nodesPart(s, engine), s.nodeType ?? '? node type', usable(model, r, s, engine)];
  const atRest = r.kind === 'replicationGroup' && engine !== 'memcached' ? `at-rest ${mark(flag(r, 'atRestEncryptionEnabled'))}` : undefined;
  parts.push(tls(r), atRest, auth(r, engine), backups(r, engine));
  return parts.filter((p): p is string => !!p).join(' · ');
}

/** One lens per cache the file declares (replication groups, cache clusters, serverless caches, MemoryDB clusters). */
export function cacheLenses(model: IacModel): CacheLens[] {
  return model.resources.filter((r) => CACHE_KINDS.has(r.kind)).map((r) => {
    const shape = lensShape(model, r);
    return { range: r.anchorRange, title: lensTitle(model, r, shape), shape };
  });
}
