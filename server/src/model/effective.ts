/**
 * What a property's value is in effect, and why: written in the template, taken from an input's default, the
 * table's default for the resource's engine and format, or unknown. Rules ask this instead of carrying defaults
 * of their own, so "absent" means the same in every rule and both formats.
 */
import type { IacProperty, IacResource, IacValue } from './iac';
import type { RelatedLocation } from '../engine/types';
import { baseName } from './module';
import { booleanOf, describeUnresolved, inputValue, numberOf, stringOf } from './iac';
import { propertySpec, schemaOf, sideOf, valueTypeIn, writtenName, type DefaultSpec, type Engine, type PropertySpec } from './iac-schema';

/** `input-value`: a variable file (`terraform.tfvars`, `*.auto.tfvars`) sets the input the property reads. */
/** `module-default`: a community module's own default (or a value it forces) for an input the call leaves out. */
export type Origin = 'written' | 'input-default' | 'input-value' | 'schema-default' | 'module-default' | 'unknown';

export type Scalar = string | number | boolean | null;

export interface Effective {
  /** The value in effect; undefined when it is not a scalar of the property's type or cannot be known. */
  value: Scalar | undefined;
  origin: Origin;
  /** One clause for a message, in the file's own spelling: "TransitEncryptionEnabled is not set, and it defaults to false". */
  why: string;
  /** The property as written, when it is. */
  property?: IacProperty;
  /** The table's default that applied (origin 'schema-default'). */
  default?: DefaultSpec;
  /**
   * When the value is a choice (`Fn::If`, `cond ? a : b`) that the files do not decide: what each branch gives, so
   * a finding on one branch can say which condition leads there.
   */
  branches?: Branch[];
}

export interface Branch {
  condition: string;
  /** The branch taken when the condition is this. */
  when: boolean;
  value: Scalar | undefined;
  origin: Origin;
  /** "TransitEncryptionEnabled is false when IsProd is false". */
  why: string;
  /** The branch's value as written; undefined when the branch leaves the property unset (`AWS::NoValue`). */
  written?: IacValue;
  default?: DefaultSpec;
}

const ENGINES: readonly Engine[] = ['redis', 'valkey', 'memcached'];
const ENGINE_LABEL: Record<Engine, string> = { redis: 'Redis OSS', valkey: 'Valkey', memcached: 'Memcached' };

/**
 * The property at a canonical path (`cacheUsageLimits.dataStorage.maximum`), walking nested objects (a Terraform
 * block, a CloudFormation mapping). When a step on the way is not an object (an `!If`, an expression, several
 * blocks) the answer is a property holding that value: what lies below it cannot be known, which is not absence.
 */
export function propertyAt(resource: IacResource, path: string): IacProperty | undefined {
  const [first, ...rest] = path.split('.');
  let prop = resource.properties.get(first);
  for (const [i, part] of rest.entries()) {
    if (!prop) return undefined;
    let value: IacValue = prop.value;
    if (value.kind === 'list' && value.items.length === 1 && value.items[0].kind === 'object') value = value.items[0];
    if (value.kind === 'choice') {
      // An object chosen by a condition: the choice of what each branch holds at the rest of the path.
      const below = rest.slice(i);
      const yes = branchAt(value.then, below), no = branchAt(value.else, below);
      if (yes !== null && no !== null) return { name: path, writtenName: prop.writtenName, keyRange: prop.keyRange, value: { ...value, then: yes, else: no } };
    }
    if (value.kind !== 'object') {
      const opaque: IacValue = value.kind === 'unknown' || value.kind === 'input' || value.kind === 'resource'
        ? value
        : { kind: 'unknown', text: prop.writtenName, range: value.range };
      return { name: path, writtenName: prop.writtenName, keyRange: prop.keyRange, value: opaque };
    }
    prop = value.entries.get(part);
  }
  return prop;
}

/** A branch's value at a path of object keys: undefined when it is not set there, null when that cannot be told. */
function branchAt(value: IacValue | undefined, path: string[]): IacValue | undefined | null {
  let v = value;
  for (const part of path) {
    if (!v) return undefined;
    if (v.kind === 'list' && v.items.length === 1 && v.items[0].kind === 'object') v = v.items[0];
    if (v.kind !== 'object') return null;
    v = v.entries.get(part)?.value;
  }
  return v;
}

/** The engine in effect, lower-case, when it is one cachelint knows. */
export function engineOf(resource: IacResource): Effective & { value: Engine | undefined } {
  const e = effectiveValue(resource, 'engine');
  const v = typeof e.value === 'string' ? e.value.toLowerCase() : undefined;
  const engine = ENGINES.find((x) => x === v);
  if (engine || e.origin === 'unknown') return { ...e, value: engine };
  return { ...e, value: undefined, origin: 'unknown', why: `${e.why}, an engine cachelint does not know` };
}

export function effectiveValue(resource: IacResource, path: string): Effective {
  const spec = propertySpec(resource.type, path);
  const written = writtenName(resource, path);
  const property = propertyAt(resource, path);
  if (property?.value.kind === 'choice') return fromChoice(resource, path, property, property.value, spec, written);
  if (property) return fromWritten(property, spec, written, sideOf(resource.type));
  const moduleDefault = resource.module?.defaults?.get(path);
  if (moduleDefault) return fromModuleDefault(moduleDefault, written);
  return fromDefault(resource, path, spec, written);
}

/**
 * A community module's default: it decides the value where the provider's would not (terraform-aws-modules turns TLS
 * on, cloudposse leaves at-rest encryption off), so the table's default never applies to a module's input.
 */
function fromModuleDefault(d: { value: Scalar; why?: string }, written: string): Effective {
  const why = d.why ? `${written} is ${literalText(d.value)}: ${d.why}` : `${written} is not set, and the module defaults it to ${literalText(d.value)}`;
  return { value: d.value, origin: 'module-default', why };
}

/**
 * A choice: decided when its condition is an input whose value the files give (Terraform `var.x ? a : b`) or when
 * both branches give the same value; otherwise unknown, with what each branch gives.
 */
function fromChoice(
  resource: IacResource, path: string, property: IacProperty, choice: IacValue & { kind: 'choice' }, spec: PropertySpec | undefined, written: string,
): Effective {
  const side = sideOf(resource.type);
  const name = choice.condition.name;
  const branch = (when: boolean): Branch => {
    const v = when ? choice.then : choice.else;
    const e = v
      ? (v.kind === 'choice' ? { value: undefined, origin: 'unknown' as const, why: `${written} cannot be known: ${describeUnresolved(v)}` } : fromWritten({ ...property, value: v }, spec, written, side))
      : fromDefault(resource, path, spec, written);
    const b: Branch = { condition: name, when, value: e.value, origin: e.origin, why: `${e.why} when ${name} is ${when}` };
    if (v) b.written = v;
    if (e.default) b.default = e.default;
    return b;
  };
  const branches = [branch(true), branch(false)];
  const input = choice.condition.input;
  const decided = input ? booleanOf(inputValue(input)) : undefined;
  if (input && decided !== undefined) {
    const b = branches[decided ? 0 : 1];
    const source = input.assigned ? `is set to ${decided} in ${baseName(input.assigned.path)}` : `defaults to ${decided}`;
    if (b.value === undefined) return { value: undefined, origin: 'unknown', property, why: `${written} cannot be known: '${input.name}' is ${decided}, and ${b.why}` };
    const out: Effective = { value: b.value, origin: input.assigned ? 'input-value' : 'input-default', property, why: `${written} is ${literalText(b.value)} because '${input.name}' ${source}` };
    if (b.default) out.default = b.default;
    return out;
  }
  const [yes, no] = branches;
  if (yes.value !== undefined && yes.value === no.value) {
    return { value: yes.value, origin: yes.origin === no.origin ? yes.origin : 'written', property, why: `${written} is ${literalText(yes.value)} whether ${name} is true or false` };
  }
  return { value: undefined, origin: 'unknown', property, why: `${written} depends on condition '${name}'`, branches };
}

function fromWritten(property: IacProperty, spec: PropertySpec | undefined, written: string, side: 'cfn' | 'tf'): Effective {
  const value = property.value;
  if (value.kind === 'literal') {
    const v = coerce(value, spec, side);
    if (v === undefined) return { value: undefined, origin: 'unknown', property, why: `${written} is ${literalText(value.value)}, not a ${spec ? valueTypeIn(spec, side) : 'known value'}` };
    return { value: v, origin: 'written', property, why: `${written} is ${literalText(value.value)}` };
  }
  if (value.kind === 'input') {
    const { assigned, defaultValue: def } = value.input;
    if (assigned) {
      const v = assigned.value.kind === 'literal' ? coerce(assigned.value, spec, side) : undefined;
      if (v !== undefined) return { value: v, origin: 'input-value', property, why: `${written} comes from '${value.input.name}', set to ${literalText(v)} in ${baseName(assigned.path)}` };
      return { value: undefined, origin: 'unknown', property, why: `${written} cannot be known: ${describeUnresolved(value)}` };
    }
    const v = def?.kind === 'literal' ? coerce(def, spec, side) : undefined;
    if (v !== undefined) return { value: v, origin: 'input-default', property, why: `${written} comes from '${value.input.name}', whose default is ${literalText(v)}` };
  }
  if (value.kind === 'list' || value.kind === 'object') return { value: undefined, origin: 'written', property, why: `${written} is set` };
  return { value: undefined, origin: 'unknown', property, why: `${written} cannot be known: ${describeUnresolved(value)}` };
}

/** A literal as the property's type: "true" is a boolean in CloudFormation, "6" a number. */
function coerce(value: IacValue, spec: PropertySpec | undefined, side: 'cfn' | 'tf'): Scalar | undefined {
  const type = spec ? valueTypeIn(spec, side) : undefined;
  if (type === 'bool') return booleanOf(value);
  if (type === 'int') return numberOf(value);
  if (type === 'string') return stringOf(value);
  return value.kind === 'literal' ? value.value : undefined;
}

function fromDefault(resource: IacResource, path: string, spec: PropertySpec | undefined, written: string): Effective {
  const side = sideOf(resource.type);
  const unknown = (why: string): Effective => ({ value: undefined, origin: 'unknown', why: `${written} is not set, and ${why}` });
  const candidates = (spec?.defaults ?? []).filter((d) => !d.sides || d.sides.includes(side));
  if (!candidates.length) return unknown('its default is not known');
  const found = (d: DefaultSpec, engine?: Engine): Effective => ({
    value: d.value, origin: 'schema-default', default: d,
    why: d.fixed ? `${written} cannot be set: it is always ${literalText(d.value)}` : `${written} is not set, and it defaults to ${literalText(d.value)}${engine ? ` for ${ENGINE_LABEL[engine]}` : ''}`,
  });
  if (candidates.every((d) => !d.engines)) return found(candidates[0]);
  if (path === 'engine') return unknown('its default is not known');
  const engine = engineOf(resource);
  if (engine.value) {
    const d = candidates.find((c) => !c.engines || c.engines.includes(engine.value!));
    return d ? found(d, d.engines ? engine.value : undefined) : unknown(`its default for ${ENGINE_LABEL[engine.value]} is not known`);
  }
  // An unknown engine still decides nothing when every engine the resource can run has the same default.
  const engines = schemaOf(resource)?.schema.engines ?? ENGINES;
  const per = engines.map((e) => candidates.find((c) => !c.engines || c.engines.includes(e))?.value);
  if (per.every((v) => v !== undefined && v === per[0])) return found(candidates[0]);
  return unknown(`its default depends on the engine (${engine.why})`);
}

export function literalText(v: Scalar): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/**
 * Where an effective value was decided outside the resource's own file, for a finding's related locations: the
 * variable file's assignment, or the declaration's default in another file of the module.
 */
export function relatedOf(e: Effective): RelatedLocation[] {
  const written = e.property?.value;
  // A choice decided by an input: the input's value is what decided it.
  const value = written?.kind === 'choice' && written.condition.input
    ? { kind: 'input' as const, input: written.condition.input, range: written.condition.range }
    : written;
  if (value?.kind !== 'input') return [];
  const input = value.input;
  if (e.origin === 'input-value' && input.assigned) {
    const shown = value === written ? e.value! : booleanOf(input.assigned.value) ?? null;
    return [{ path: input.assigned.path, range: input.assigned.value.range, message: `'${input.name}' is set to ${literalText(shown)} here` }];
  }
  if (e.origin === 'input-default' && input.path && input.defaultValue) {
    return [{ path: input.path, range: input.defaultValue.range, message: `the default of '${input.name}'` }];
  }
  return [];
}
