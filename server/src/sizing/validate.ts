/**
 * One validation for every front door: the CLI's flags, the LSP request's JSON and the wizard's answers arrive as a
 * draft (numbers may be typed strings such as "2 GB" or "1.5k"), and leave as a complete Workload with defaults
 * filled in, or as the first problem, named by its field so each front door can say which flag or step it was.
 */
import type { DataType, SizingEngine, SizingRole, Workload } from './types';
import { parseBytes, parseCount, parseRate, type Parsed } from './units';
import { ITEM_LIMITS, LIMITS } from './limits';
import { itemBytes } from './memory';

export interface WorkloadDraft {
  engine?: unknown;
  role?: unknown;
  data?: {
    kind?: unknown; type?: unknown; keys?: unknown; keyBytes?: unknown; valueBytes?: unknown;
    fields?: unknown; fieldBytes?: unknown; withTtl?: unknown; integerValues?: unknown;
    /** kind "total": the dataset as measured on an engine. */
    bytes?: unknown;
  };
  growthPercent?: unknown;
  readsPerSec?: unknown; writesPerSec?: unknown; readBytes?: unknown; writeBytes?: unknown;
  connections?: unknown; replicas?: unknown; multiAz?: unknown; multiRegion?: unknown; secondaryRegions?: unknown; traffic?: unknown;
}

/** Field paths as they appear in errors: "engine", "data.keys", "readsPerSec" … */
export type WorkloadField =
  | 'engine' | 'role' | 'data' | 'data.type' | 'data.keys' | 'data.keyBytes' | 'data.valueBytes' | 'data.fields'
  | 'data.fieldBytes' | 'data.withTtl' | 'data.integerValues' | 'data.bytes' | 'growthPercent' | 'readsPerSec' | 'writesPerSec'
  | 'readBytes' | 'writeBytes' | 'connections' | 'replicas' | 'multiAz' | 'multiRegion' | 'secondaryRegions' | 'traffic';

/** `ok` discriminates; `errors` is the one message as a list, for callers that join several. */
export type ValidationResult =
  | { ok: true; workload: Workload }
  | { ok: false; error: { field: WorkloadField; message: string }; errors: string[] };

export const ENGINES: readonly SizingEngine[] = ['valkey', 'redis', 'memcached'];
export const ROLES: readonly SizingRole[] = ['cache', 'database', 'durable-cache'];
export const DATA_TYPES: readonly DataType[] = ['string', 'hash', 'set', 'zset', 'list'];
export const DEFAULTS = { role: 'cache', growthPercent: 20, connections: 100, replicas: 1, traffic: 'steady' } as const;

class Invalid extends Error { constructor(readonly field: WorkloadField, message: string) { super(message); } }

/**
 * `name` turns a field into what the user sees (a CLI flag, a wizard step); every message is that name and a verb
 * phrase: "--fields is required for --type hash", "--replicas must be at most 5 (got 6)". The default is the field
 * path itself.
 */
export function validateWorkload(draft: WorkloadDraft, name: (f: WorkloadField) => string = (f) => f): ValidationResult {
  try { return { ok: true, workload: build(draft ?? {}, name) }; } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: { field: e.field, message: e.message }, errors: [e.message] };
    throw e;
  }
}

function build(d: WorkloadDraft, name: (f: WorkloadField) => string): Workload {
  const fail = (f: WorkloadField, msg: string): never => { throw new Invalid(f, `${name(f)} ${msg}`); };
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  const num = (f: WorkloadField, v: unknown, parse: (v: unknown, what: string) => Parsed) => {
    const p = parse(v, name(f));
    if (!p.ok) throw new Invalid(f, p.message);
    return p.value;
  };
  const oneOf = <T extends string>(f: WorkloadField, v: unknown, allowed: readonly T[], fallback?: T): T => {
    if (!given(v)) { if (fallback !== undefined) return fallback; return fail(f, `is required (${list(allowed)})`); }
    if (typeof v !== 'string' || !allowed.includes(v.toLowerCase() as T)) return fail(f, `must be ${list(allowed)}, not ${JSON.stringify(v)}`);
    return v.toLowerCase() as T;
  };
  const bool = (f: WorkloadField, v: unknown, fallback: boolean): boolean => {
    if (!given(v)) return fallback;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|yes|on)$/i.test(v)) return true;
    if (typeof v === 'string' && /^(false|no|off)$/i.test(v)) return false;
    return fail(f, `must be true or false, not ${JSON.stringify(v)}`);
  };

  const engine = oneOf('engine', d.engine, ENGINES);
  const role = oneOf('role', d.role, ROLES, DEFAULTS.role);
  const typeName = (t: string) => `${name('data.type')} ${t}`;
  if (engine === 'memcached' && role !== 'cache') fail('role', `${role} needs Valkey or Redis OSS: Memcached keeps no copy of the data (no replication, no persistence)`);
  if (role === 'durable-cache' && engine !== 'valkey') fail('role', `durable-cache needs ${name('engine')} valkey (it is ElastiCache for Valkey's durability option); for Redis OSS use ${name('role')} database (MemoryDB)`);

  const data = d.data ?? {};
  const itemFields = (['type', 'keys', 'keyBytes', 'valueBytes', 'fields', 'fieldBytes'] as const).filter((k) => given(data[k]));
  const kind = given(data.kind) ? oneOf('data', data.kind, ['items', 'total'] as const) : given(data.bytes) ? 'total' : 'items';
  let shape: Workload['data'];
  if (kind === 'total') {
    if (itemFields.length) fail('data.bytes', `cannot be combined with ${name(`data.${itemFields[0]}`)}: give a measured total or the items, not both`);
    if (!given(data.bytes)) fail('data.bytes', 'is required');
    const bytes = num('data.bytes', data.bytes, parseBytes);
    if (bytes < 1) fail('data.bytes', 'must be at least 1 byte');
    shape = { kind: 'total', bytes };
  } else {
    const type = oneOf('data.type', data.type, DATA_TYPES);
    if (engine === 'memcached' && type !== 'string') fail('data.type', `${type} needs Valkey or Redis OSS: Memcached stores only strings`);
    const need = (f: 'keys' | 'keyBytes' | 'valueBytes') => { if (!given(data[f])) fail(`data.${f}`, 'is required'); };
    need('keys'); need('keyBytes'); need('valueBytes');
    const keys = num('data.keys', data.keys, parseCount);
    if (keys < 1) fail('data.keys', 'must be at least 1');
    const keyBytes = num('data.keyBytes', data.keyBytes, parseBytes);
    if (keyBytes < 1) fail('data.keyBytes', 'must be at least 1 byte');
    const valueBytes = num('data.valueBytes', data.valueBytes, parseBytes);
    // What the engines refuse outright, whatever the parameters say.
    if (engine === 'memcached' && keyBytes > ITEM_LIMITS.memcachedMaxKeyBytes.value) {
      fail('data.keyBytes', `must be at most 250 bytes for Memcached (the protocol's key length limit; got ${keyBytes})`);
    }
    if (engine !== 'memcached') {
      const bulk = ITEM_LIMITS.protoMaxBulkLen.value;
      if (keyBytes > bulk) fail('data.keyBytes', `must be at most 512 MiB (proto-max-bulk-len, ${bulk} B, the most it can be set to; got ${keyBytes})`);
      if (valueBytes > bulk) fail('data.valueBytes', `must be at most 512 MiB (proto-max-bulk-len, ${bulk} B, the most it can be set to; got ${valueBytes})`);
    }
    shape = { kind: 'items', type, keys, keyBytes, valueBytes };
    if (type === 'string') {
      if (given(data.fields)) fail('data.fields', `applies to ${list(DATA_TYPES.slice(1).map(typeName))}, not ${typeName('string')}`);
    } else {
      if (!given(data.fields)) fail('data.fields', `is required for ${typeName(type)} (entries per key)`);
      const fields = num('data.fields', data.fields, parseCount);
      if (fields < 1) fail('data.fields', 'must be at least 1');
      shape.fields = fields;
    }
    if (type === 'hash') {
      if (!given(data.fieldBytes)) fail('data.fieldBytes', `is required for ${typeName('hash')} (the length of each field name)`);
      const fieldBytes = num('data.fieldBytes', data.fieldBytes, parseBytes);
      if (fieldBytes < 1) fail('data.fieldBytes', 'must be at least 1 byte');
      if (fieldBytes > ITEM_LIMITS.protoMaxBulkLen.value) fail('data.fieldBytes', `must be at most 512 MiB (proto-max-bulk-len, ${ITEM_LIMITS.protoMaxBulkLen.value} B; got ${fieldBytes})`);
      shape.fieldBytes = fieldBytes;
    } else if (given(data.fieldBytes)) fail('data.fieldBytes', `applies to ${typeName('hash')} only, not ${typeName(type)}`);
    shape.withTtl = bool('data.withTtl', data.withTtl, role === 'cache');
    // The memory model stores integer values as Valkey/Redis do (int strings, intsets, listpack integers).
    const integerValues = bool('data.integerValues', data.integerValues, false);
    if (integerValues && engine === 'memcached') fail('data.integerValues', 'applies to Valkey and Redis OSS: Memcached stores every value as bytes');
    if (integerValues) shape.integerValues = true;
  }

  const growthPercent = given(d.growthPercent) ? num('growthPercent', d.growthPercent, parseRate) : DEFAULTS.growthPercent;
  if (growthPercent > 1000) fail('growthPercent', `must be at most 1000 % (got ${growthPercent}: more than ten times the data; give the larger dataset instead)`);
  const readsPerSec = given(d.readsPerSec) ? num('readsPerSec', d.readsPerSec, parseRate) : 0;
  const writesPerSec = given(d.writesPerSec) ? num('writesPerSec', d.writesPerSec, parseRate) : 0;
  const readBytes = given(d.readBytes) ? num('readBytes', d.readBytes, parseBytes) : undefined;
  const writeBytes = given(d.writeBytes) ? num('writeBytes', d.writeBytes, parseBytes) : undefined;
  // An item-by-item dataset says how big a value is; a measured total does not, and a guessed size would be invented.
  if (shape.kind === 'total') {
    if (readsPerSec > 0 && readBytes === undefined) fail('readBytes', `is required with ${name('data.bytes')} and ${name('readsPerSec')} (the value size is not known from a total)`);
    if (writesPerSec > 0 && writeBytes === undefined) fail('writeBytes', `is required with ${name('data.bytes')} and ${name('writesPerSec')} (the value size is not known from a total)`);
  }
  const connections = given(d.connections) ? num('connections', d.connections, parseCount) : DEFAULTS.connections;
  if (connections < 1) fail('connections', 'must be at least 1');

  const replicas = given(d.replicas) ? num('replicas', d.replicas, parseCount) : engine === 'memcached' ? 0 : DEFAULTS.replicas;
  if (engine === 'memcached' && replicas > 0) fail('replicas', 'must be 0 for Memcached: it has no replication, each node holds its own share of the keys (use Valkey or Redis OSS for replicas)');
  if (replicas > LIMITS.maxReplicasPerShard.value) fail('replicas', `must be at most ${LIMITS.maxReplicasPerShard.value} per shard (got ${replicas})`);
  const multiAz = bool('multiAz', d.multiAz, engine !== 'memcached' && replicas >= 1);
  if (multiAz && engine !== 'memcached' && replicas < 1) fail('multiAz', `needs at least 1 replica to fail over to (${name('replicas')} is 0)`);
  const multiRegion = bool('multiRegion', d.multiRegion, false);
  if (multiRegion && engine === 'memcached') fail('multiRegion', 'needs Valkey or Redis OSS: Global Datastore is not for Memcached');
  // Global Datastore: one primary Region and up to two secondaries; 1 unless told, the least a multi-Region setup has.
  let secondaryRegions: number | undefined;
  if (given(d.secondaryRegions)) {
    if (!multiRegion) fail('secondaryRegions', `applies only with ${name('multiRegion')}`);
    secondaryRegions = num('secondaryRegions', d.secondaryRegions, parseCount);
    const max = LIMITS.maxSecondaryRegions.value;
    if (secondaryRegions < 1 || secondaryRegions > max) fail('secondaryRegions', `must be 1 or ${max} (Global Datastore replicates to up to two other Regions; got ${secondaryRegions})`);
  } else if (multiRegion) secondaryRegions = 1;
  const traffic = oneOf('traffic', d.traffic, ['steady', 'spiky'] as const, DEFAULTS.traffic);

  return {
    engine, role, data: shape, growthPercent, readsPerSec, writesPerSec,
    ...(readBytes !== undefined ? { readBytes } : {}), ...(writeBytes !== undefined ? { writeBytes } : {}),
    connections, replicas, multiAz, multiRegion, ...(secondaryRegions !== undefined ? { secondaryRegions } : {}), traffic,
  };
}

/**
 * What is possible but will not work with the engine's defaults: said in the result's warnings, with the parameter
 * to change. Memcached refuses an item over `max_item_size` (1 MiB by default; the item's header and key count).
 */
export function inputWarnings(w: Workload): string[] {
  const out: string[] = [];
  if (w.engine === 'memcached' && w.data.kind === 'items') {
    const item = itemBytes(w.data.keyBytes, w.data.valueBytes);
    const max = ITEM_LIMITS.memcachedMaxItemBytes.value;
    if (item > max) out.push(`Memcached items of ${item} B (key, value and item header) are over max_item_size ${max} B (1 MiB, the default): raise max_item_size in a custom parameter group (it takes effect after a restart), or split the values`);
  }
  return out;
}

function list(xs: readonly string[]): string {
  return xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}
