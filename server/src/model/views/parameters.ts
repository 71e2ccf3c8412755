/**
 * A parameter group's parameters as one map, whichever way they are written: CloudFormation's `Properties`
 * (ElastiCache) or `Parameters` (MemoryDB) name → value mapping, Terraform's `parameter { name value }` blocks.
 */
import type { IacModel, IacResource, IacValue } from '../iac';
import type { Range } from '../../engine/types';
import { stringOf } from '../iac';
import { sideOf } from '../iac-schema';
import { objectsOf, referrers, type Located } from './common';
import { resolveProperty, type Resolution } from '../resolve';
import { effectiveValue } from '../effective';

export interface Parameter {
  /** The parameter's name as written (`maxmemory-policy`). */
  name: string;
  /** The value in effect as a string (`"allkeys-lru"`, `"25"`), undefined when it cannot be known. */
  value: string | undefined;
  raw: IacValue;
  /** Where the name is written (the key, or the `name` attribute). */
  nameRange: Range;
  /** Where the value is written. */
  range: Range;
}

export interface Parameters {
  /** By name; the first of two entries of one name wins (AWS rejects the duplicate, so either reading is wrong). */
  byName: Map<string, Parameter>;
  /**
   * false when some entry cannot be read (the whole map is computed, a block's name is a variable, a `dynamic`
   * block): a parameter missing from `byName` may still be set, so its default cannot be assumed.
   */
  complete: boolean;
}

const GROUP_KINDS = new Set(['parameterGroup', 'memorydbParameterGroup']);

/** The parameters a parameter group sets; undefined for a resource that is not one. */
export function parametersOf(group: IacResource): Parameters | undefined {
  if (!GROUP_KINDS.has(group.kind)) return undefined;
  const out: Parameters = { byName: new Map(), complete: true };
  if (group.properties.has('dynamic')) out.complete = false;
  const prop = group.properties.get('parameters');
  if (!prop) return out;
  const add = (p: Parameter) => { if (!out.byName.has(p.name)) out.byName.set(p.name, p); };
  const value = prop.value;
  if (sideOf(group.type) === 'cfn') {
    // A name → value mapping; anything else (`!If`, a JSON string) is computed.
    if (value.kind !== 'object') { out.complete = false; return out; }
    for (const [name, entry] of value.entries) add({ name, value: stringOf(entry.value), raw: entry.value, nameRange: entry.keyRange, range: entry.value.range });
    return out;
  }
  const { objects, opaque } = objectsOf(value);
  if (opaque.length) out.complete = false;
  for (const o of objects) {
    const name = o.entries.get('name');
    const v = o.entries.get('value');
    const written = stringOf(name?.value);
    if (written === undefined || !v) { out.complete = false; continue; }
    add({ name: written, value: stringOf(v.value), raw: v.value, nameRange: name!.value.range, range: v.value.range });
  }
  return out;
}

/** The parameter group a cache uses: resolved, or absent (then the engine's default group applies). */
export function parameterGroupOf(model: IacModel, cache: IacResource): Resolution {
  return resolveProperty(model, cache, 'parameterGroupName')?.[0] ?? { kind: 'absent' };
}

/** The caches (and their files) that use a parameter group, by reference, address or name. */
export function cachesUsingParameters(model: IacModel, group: IacResource): Located[] {
  return referrers(model, group, 'parameterGroupName');
}

/** The engine a parameter group's family is for (`redis7` → redis, `valkey8`/`memorydb_valkey7` → valkey). */
export type FamilyEngine = 'redis' | 'valkey' | 'memcached';

/**
 * The engine of a group's family (`family` / `CacheParameterGroupFamily` / MemoryDB `Family`), following an input's
 * value; undefined when the family cannot be known or is one cachelint does not know.
 */
export function familyEngineOf(group: IacResource): FamilyEngine | undefined {
  const family = effectiveValue(group, 'family').value;
  if (typeof family !== 'string') return undefined;
  const m = /^(?:memorydb_)?(redis|valkey|memcached)\d/.exec(family.trim().toLowerCase());
  return m ? (m[1] as FamilyEngine) : undefined;
}
