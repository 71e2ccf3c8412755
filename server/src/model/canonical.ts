/**
 * Nested names made canonical from the table: a normaliser reads a value with the file's own keys
 * (`DataStorage`, `data_storage`), and this renames them, at every depth the table describes, so that a rule reads
 * `cacheUsageLimits.dataStorage.maximum` the same way in CloudFormation, HCL and Terraform JSON. Keys the table
 * does not name (a parameter group's parameter names, an unknown argument) keep their spelling.
 */
import type { IacProperty, IacValue } from './iac';
import { PropertyMap } from './iac';
import { indexOf, type PropertySpec, type Side } from './iac-schema';

/** Top-level properties of a resource, keyed canonically by the normaliser, with nested values renamed. */
export function canonicalProperties(props: Map<string, IacProperty>, specs: ReadonlyMap<string, PropertySpec>, aliases: ReadonlyMap<string, string>, side: Side): PropertyMap {
  const out = new PropertyMap(undefined, aliases);
  for (const [name, prop] of props) {
    const spec = specs.get(name);
    out.set(name, spec?.children ? { ...prop, value: canonicalValue(prop.value, spec.children, side) } : prop);
  }
  return out;
}

/** A value whose object entries (directly, or as items of a list) are renamed by `children`. */
export function canonicalValue(value: IacValue, children: Readonly<Record<string, PropertySpec>>, side: Side): IacValue {
  if (value.kind === 'list') {
    let changed = false;
    const items = value.items.map((item) => {
      const next = canonicalValue(item, children, side);
      changed ||= next !== item;
      return next;
    });
    return changed ? { ...value, items } : value;
  }
  if (value.kind === 'choice') {
    const yes = value.then && canonicalValue(value.then, children, side);
    const no = value.else && canonicalValue(value.else, children, side);
    return yes === value.then && no === value.else ? value : { ...value, then: yes, else: no };
  }
  if (value.kind !== 'object') return value;
  const index = indexOf(children, side);
  if (!index.canonicalByWritten.size) return value;
  const entries = new PropertyMap(undefined, index.canonicalByWritten);
  for (const [written, prop] of value.entries) {
    const canonical = index.canonicalByWritten.get(written) ?? written;
    // The first spelling wins, as at the top level (a duplicate key is the format's own error).
    if (entries.has(canonical) && canonical !== written) continue;
    const spec = index.specs.get(canonical);
    const inner = spec?.children ? canonicalValue(prop.value, spec.children, side) : prop.value;
    entries.set(canonical, { ...prop, name: canonical, value: inner });
  }
  return { ...value, entries };
}
