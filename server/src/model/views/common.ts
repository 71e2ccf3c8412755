/**
 * What the views (ingress rules, parameters, users) share: every resource the model sees with the file it is in,
 * one written value with what it is in effect, and the reverse of a reference (which caches point at a group).
 */
import type { IacModel, IacResource, IacValue, ResourceKind } from '../iac';
import { numberOf, stringOf, booleanOf } from '../iac';
import type { Range } from '../../engine/types';
import { resolveProperty } from '../resolve';

/** A resource of the file, or of another file of its module (`path` set). */
export interface Located {
  resource: IacResource;
  path?: string;
}

export function everyResource(model: IacModel): Located[] {
  const out: Located[] = model.resources.map((resource) => ({ resource }));
  for (const { resource, path } of model.moduleResources ?? []) out.push({ resource, path });
  return out;
}

/**
 * One value as written: `value` is what it is in effect (a literal, or an input's literal value), undefined when it
 * cannot be known; `raw` is the model value and `range` where it is written, for messages and fixes.
 */
export interface Item<T> {
  value: T | undefined;
  raw: IacValue;
  range: Range;
  /**
   * A choice (`Fn::If`, `cond ? a : b`): what each branch gives, where it is written (undefined: the branch leaves
   * it unset), so a finding on one branch can name the condition that leads there.
   */
  branches?: { condition: string; when: boolean; value: T | undefined; range?: Range }[];
}

function item<T>(raw: IacValue, read: (v: IacValue | undefined) => T | undefined): Item<T> {
  const out: Item<T> = { value: read(raw), raw, range: raw.range };
  if (raw.kind === 'choice') {
    out.branches = ([[true, raw.then], [false, raw.else]] as const).map(([when, v]) => {
      const b: { condition: string; when: boolean; value: T | undefined; range?: Range } = { condition: raw.condition.name, when, value: v && read(v) };
      if (v) b.range = v.range;
      return b;
    });
  }
  return out;
}

export function stringItem(raw: IacValue): Item<string> {
  return item(raw, stringOf);
}

export function numberItem(raw: IacValue): Item<number> {
  return item(raw, numberOf);
}

export function boolItem(raw: IacValue): Item<boolean> {
  return item(raw, booleanOf);
}

/**
 * The items of a value that may be one value or a list of them (`CidrIp` / `cidr_blocks`): a list's items, a
 * single value as itself, nothing when absent. A list that is not written as one (`var.cidrs`) is one item whose
 * value is unknown: it may hold anything.
 */
export function itemsOf(value: IacValue | undefined): IacValue[] {
  if (!value) return [];
  return value.kind === 'list' ? value.items : [value];
}

/** Objects of a value that may be one block or several (`ingress { … }` once, twice, or `SecurityGroupIngress: [ … ]`). */
export function objectsOf(value: IacValue | undefined): { objects: (IacValue & { kind: 'object' })[]; opaque: IacValue[] } {
  const objects: (IacValue & { kind: 'object' })[] = [];
  const opaque: IacValue[] = [];
  for (const v of itemsOf(value)) {
    if (v.kind === 'object') objects.push(v);
    else opaque.push(v);
  }
  return { objects, opaque };
}

export const CACHE_KINDS: readonly ResourceKind[] = ['replicationGroup', 'cacheCluster', 'serverlessCache', 'memorydbCluster', 'globalReplicationGroup'];

/**
 * The resources of `kinds` whose property `path` resolves (model/resolve.ts) to `target`: the reverse of a
 * reference, whether written as a reference, an address in another file, or a literal name.
 */
export function referrers(model: IacModel, target: IacResource, path: string, kinds: readonly ResourceKind[] = CACHE_KINDS): Located[] {
  const out: Located[] = [];
  for (const located of everyResource(model)) {
    if (!kinds.includes(located.resource.kind)) continue;
    const resolutions = resolveProperty(model, located.resource, path) ?? [];
    if (resolutions.some((r) => r.kind === 'resource' && r.resource === target)) out.push(located);
  }
  return out;
}
