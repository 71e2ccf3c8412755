/**
 * The infrastructure model: what CloudFormation and Terraform both normalise into, so that an IaC rule is written
 * once. Property names are canonical (camelCase); `model/iac-schema.ts` maps each to its CloudFormation and
 * Terraform spelling.
 */
import type { Range } from '../engine/types';

export type ResourceKind =
  | 'replicationGroup' | 'cacheCluster' | 'serverlessCache' | 'globalReplicationGroup'
  | 'memorydbCluster' | 'elasticacheUser' | 'elasticacheUserGroup' | 'memorydbUser' | 'memorydbAcl'
  | 'parameterGroup' | 'memorydbParameterGroup' | 'subnetGroup' | 'memorydbSubnetGroup'
  | 'securityGroup' | 'securityGroupIngress' | 'securityGroupRule';

/** Where a value came from when it is not written inline: a CloudFormation parameter or a Terraform variable. */
export interface InputRef {
  name: string;
  /** The input's default, when it has one that is a plain value. */
  defaultValue?: IacValue;
  /** `NoEcho: true` / `sensitive = true`. */
  secret: boolean;
  range?: Range;
}

export type IacValue =
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  /** A reference to a template input; `input` says what is known about it. */
  | { kind: 'input'; input: InputRef; range: Range }
  /** A reference to another resource in the same file (`!Ref Res`, `!GetAtt Res.Attr`, `aws_x.name.attr`). */
  | { kind: 'resource'; target: string; attribute?: string; range: Range }
  | { kind: 'object'; entries: Map<string, IacProperty>; range: Range }
  | { kind: 'list'; items: IacValue[]; range: Range }
  /** Anything that cannot be resolved statically: an intrinsic function, an expression, a dynamic reference. */
  | { kind: 'unknown'; text: string; range: Range };

export interface IacProperty {
  /** Canonical name when the schema knows the property, else the name as written. */
  name: string;
  /** The spelling in the file. */
  writtenName: string;
  keyRange: Range;
  value: IacValue;
}

export interface IacResource {
  kind: ResourceKind;
  /** `AWS::ElastiCache::ReplicationGroup` or `aws_elasticache_replication_group`. */
  type: string;
  /** Logical id (CloudFormation) or resource name (Terraform). */
  name: string;
  /** Where to report a finding about a property that is absent: the logical id / the block's labels. */
  anchorRange: Range;
  /**
   * By canonical name. May be an `OpenProperties` (an unresolved YAML merge): then every name may be present and an
   * absent one reads as unknown, so rules stay quiet about it without knowing why.
   */
  properties: Map<string, IacProperty>;
  /** Present when the resource is conditional (`Condition:`, `count`, `for_each`): rules may soften messages. */
  conditional?: boolean;
}

/**
 * Properties (of a resource, or of an object value) by canonical name. A lookup by the file's own spelling still
 * answers, through `aliases` (written → canonical): readers written before nested names became canonical
 * (`DataStorage` / `data_storage`) keep working. Rules use canonical names.
 */
export class PropertyMap extends Map<string, IacProperty> {
  constructor(entries?: Iterable<[string, IacProperty]>, private readonly aliases?: ReadonlyMap<string, string>) {
    super(entries);
  }

  override get(name: string): IacProperty | undefined {
    const own = super.get(name);
    if (own || !this.aliases) return own;
    const canonical = this.aliases.get(name);
    return canonical === undefined || canonical === name ? undefined : super.get(canonical);
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/**
 * Properties of a resource whose `<<` merge could not be resolved: a property not written explicitly may be set
 * through the merge, so it reads as unknown (with the merge as its source) instead of absent, and no rule can
 * claim it is not set.
 */
export class OpenProperties extends PropertyMap {
  constructor(entries: Map<string, IacProperty>, private readonly merge: { text: string; range: Range }, aliases?: ReadonlyMap<string, string>) {
    super(entries, aliases);
  }

  override get(name: string): IacProperty {
    const { text, range } = this.merge;
    return super.get(name) ?? { name, writtenName: name, keyRange: range, value: { kind: 'unknown', text, range } };
  }

  override has(): boolean {
    return true;
  }
}

export interface IacModel {
  format: 'cloudformation' | 'terraform';
  resources: IacResource[];
}

/** A literal value, following a reference to an input's default when it has one. */
export function literalOf(value: IacValue | undefined): string | number | boolean | null | undefined {
  if (!value) return undefined;
  if (value.kind === 'literal') return value.value;
  if (value.kind === 'input' && value.input.defaultValue?.kind === 'literal') return value.input.defaultValue.value;
  return undefined;
}

/** true/false for a boolean-ish literal (CloudFormation allows "true"/"false" strings), undefined otherwise. */
export function booleanOf(value: IacValue | undefined): boolean | undefined {
  const v = literalOf(value);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

export function stringOf(value: IacValue | undefined): string | undefined {
  const v = literalOf(value);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function numberOf(value: IacValue | undefined): number | undefined {
  const v = literalOf(value);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Describes a value that could not be resolved, for messages that say so instead of guessing. */
export function describeUnresolved(value: IacValue): string {
  switch (value.kind) {
    case 'input': return `input '${value.input.name}' has no default`;
    case 'resource': return `it refers to ${value.target}`;
    case 'unknown': return `'${value.text.length > 40 ? value.text.slice(0, 37) + '...' : value.text}' is computed`;
    default: return 'its value is not a literal';
  }
}
