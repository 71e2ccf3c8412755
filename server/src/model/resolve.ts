/**
 * References across resources: what a cache's security groups, subnet group, user groups, parameter group and KMS
 * key point at. Rules ask `resolveProperty` / `resolve` instead of reading `!Ref`, `aws_x.y.id` or names: a reference
 * by logical id or Terraform address (in any file of the module), or a literal name matched against the `name`
 * of a declared resource of the right kind (`CacheSubnetGroupName: my-group` → the subnet group named `my-group`).
 * The kinds a property may point at are the table's (`refers` in model/schema/*.ts).
 */
import type { IacModel, IacResource, IacValue } from './iac';
import { inputValue, describeUnresolved } from './iac';
import { propertySpec, schemaOf, type Refers } from './iac-schema';
import { propertyAt } from './effective';

export type Resolution =
  /** A modelled resource; `path` is set when it is declared in another file of the module. */
  | { kind: 'resource'; resource: IacResource; path?: string; by: 'reference' | 'name' }
  /**
   * A declared resource of a type cachelint does not model but the property may point at (a KMS key). `type` is
   * the Terraform type; a CloudFormation model does not keep unmodelled types (the template would not deploy with
   * another type there).
   */
  | { kind: 'declared'; address: string; type?: string; path?: string }
  /** A literal that names nothing declared here: an existing resource (`default`, `sg-0123…`, a key ARN). */
  | { kind: 'external'; name: string }
  /** The property is not set. */
  | { kind: 'absent' }
  /** Cannot be told: computed, an input without a value, a reference to something else, an ambiguous name. */
  | { kind: 'unknown'; why: string };

interface Entry { resource: IacResource; path?: string }

interface Index {
  byAddress: Map<string, Entry>;
  all: Entry[];
}

const indexes = new WeakMap<IacModel, Index>();

function indexOf(model: IacModel): Index {
  let index = indexes.get(model);
  if (index) return index;
  const byAddress = new Map<string, Entry>();
  const all: Entry[] = [];
  const add = (e: Entry) => {
    all.push(e);
    // A Terraform address holds the type; a CloudFormation logical id is the name alone.
    const address = model.format === 'terraform' ? `${e.resource.type}.${e.resource.name}` : e.resource.name;
    if (!byAddress.has(address)) byAddress.set(address, e);
  };
  for (const resource of model.resources) add({ resource });
  for (const { resource, path } of model.moduleResources ?? []) add({ resource, path });
  index = { byAddress, all };
  indexes.set(model, index);
  return index;
}

/**
 * What each value of a resource's property points at, by the table's `refers`: one resolution per list item, one
 * for a single value, `absent` when the property is not set. Undefined when the table says the property names no
 * other resource.
 */
export function resolveProperty(model: IacModel, resource: IacResource, path: string): Resolution[] | undefined {
  const refers = propertySpec(resource.type, path)?.refers;
  if (!refers) return undefined;
  const prop = propertyAt(resource, path);
  if (!prop) return [{ kind: 'absent' }];
  const value = prop.value;
  if (value.kind === 'list') return value.items.map((item) => resolve(model, item, refers));
  return [resolve(model, value, refers)];
}

/** What one value points at, when it may point at resources of `refers`. */
export function resolve(model: IacModel, value: IacValue | undefined, refers: Refers): Resolution {
  if (!value) return { kind: 'absent' };
  if (value.kind === 'resource') return byReference(model, value, refers);
  if (value.kind === 'input') {
    const v = inputValue(value.input);
    if (v?.kind === 'literal') return resolve(model, v, refers);
    return { kind: 'unknown', why: describeUnresolved(value) };
  }
  if (value.kind === 'literal') {
    if (typeof value.value !== 'string') return { kind: 'unknown', why: `${String(value.value)} is not a name` };
    return byName(model, value.value, refers);
  }
  return { kind: 'unknown', why: describeUnresolved(value) };
}

function byReference(model: IacModel, value: IacValue & { kind: 'resource' }, refers: Refers): Resolution {
  const found = indexOf(model).byAddress.get(value.target);
  if (found) {
    if (refers.kinds.includes(found.resource.kind)) return withPath({ kind: 'resource', resource: found.resource, by: 'reference' }, found.path);
    return { kind: 'unknown', why: `it refers to ${value.target}, a ${found.resource.type}, which is not what it takes` };
  }
  if (model.format === 'cloudformation') {
    // The normaliser makes a reference only to a logical id the template declares.
    if (refers.types?.length) return { kind: 'declared', address: value.target };
    return { kind: 'unknown', why: `it refers to ${value.target}, which cachelint does not read` };
  }
  const type = value.target.slice(0, value.target.indexOf('.'));
  const declared = model.declared?.get(value.target);
  if (!declared) return { kind: 'unknown', why: `it refers to ${value.target}, which no file of the module declares` };
  if (refers.types?.includes(type)) return withPath({ kind: 'declared', address: value.target, type }, declared.path);
  return { kind: 'unknown', why: `it refers to ${value.target}, a ${type}, which is not what it takes` };
}

function withPath(r: Resolution & { kind: 'resource' | 'declared' }, path: string | undefined): Resolution {
  if (path !== undefined) r.path = path;
  return r;
}

/**
 * A literal name: the one declared resource of an accepted kind whose name property is that name. When some
 * candidate's name cannot be known (a variable without a value), the literal may be its name: unknown, not external.
 */
function byName(model: IacModel, name: string, refers: Refers): Resolution {
  const matches: Entry[] = [];
  let unsure: string | undefined;
  for (const e of indexOf(model).all) {
    if (!refers.kinds.includes(e.resource.kind)) continue;
    const nameProperty = schemaOf(e.resource)?.schema.nameProperty;
    if (!nameProperty) continue;
    const own = nameOf(e.resource, nameProperty);
    if (own === name) matches.push(e);
    else if (own === undefined) unsure ??= `'${name}' may name ${e.resource.name}, whose ${nameProperty} cannot be known`;
  }
  if (matches.length === 1) return withPath({ kind: 'resource', resource: matches[0].resource, by: 'name' }, matches[0].path);
  if (matches.length > 1) return { kind: 'unknown', why: `'${name}' names ${matches.length} resources (${matches.map((m) => m.resource.name).join(', ')})` };
  return unsure ? { kind: 'unknown', why: unsure } : { kind: 'external', name };
}

/**
 * A resource's own name, when it can be known. A name property that is not written leaves the name to the
 * service or provider (CloudFormation and Terraform generate one), so no literal written elsewhere can be it.
 */
function nameOf(resource: IacResource, nameProperty: string): string | null | undefined {
  const prop = propertyAt(resource, nameProperty);
  if (!prop) return null;
  const v = prop.value.kind === 'input' ? inputValue(prop.value.input) : prop.value;
  return v?.kind === 'literal' && typeof v.value === 'string' ? v.value : undefined;
}
