/**
 * The one table of truth for the infrastructure cachelint models (model/schema/*.ts): per resource type its
 * CloudFormation and Terraform spellings, nested children, value types and enums, real defaults per engine with
 * their source, and what replaces the resource. The normalisers read it to name properties canonically at every
 * depth, `model/effective.ts` reads the defaults for rules, and hover and completion can read the same data.
 * Facts: ../shared/reference/aws-facts.md §2, the cfn-lint schemas (knowledge/data/cfn-schema-names.json), and the
 * Terraform provider docs it cites.
 */
import type { IacResource } from './iac';
import type { PropertySpec, ResourceSpec, Side, ValueType } from './schema/types';
import {
  cacheCluster, elasticacheUser, elasticacheUserGroup, globalReplicationGroup, parameterGroup, replicationGroup, serverlessCache, subnetGroup,
} from './schema/elasticache';
import { memorydbAcl, memorydbCluster, memorydbParameterGroup, memorydbSubnetGroup, memorydbUser } from './schema/memorydb';
import { securityGroup, securityGroupIngress, securityGroupRule } from './schema/ec2';

export type { DefaultSpec, Engine, PropertySpec, Refers, ResourceSpec, Side, ValueType } from './schema/types';
export type FormatSide = Side;

export const RESOURCE_TYPES: readonly ResourceSpec[] = [
  replicationGroup, cacheCluster, serverlessCache, globalReplicationGroup, parameterGroup, subnetGroup, elasticacheUser, elasticacheUserGroup,
  memorydbCluster, memorydbAcl, memorydbUser, memorydbParameterGroup, memorydbSubnetGroup,
  securityGroup, securityGroupIngress, securityGroupRule,
];

/** A level of properties (a resource's, or an object's children) indexed both ways for one format. */
export interface PropertyIndex {
  /** written name → canonical name */
  canonicalByWritten: Map<string, string>;
  /** canonical name → written name in this format */
  writtenByCanonical: Map<string, string>;
  /** canonical name → its spec */
  specs: Map<string, PropertySpec>;
}

export interface ResolvedSchema extends PropertyIndex {
  schema: ResourceSpec;
  side: Side;
}

function spelling(spec: PropertySpec, side: Side): string | undefined {
  return side === 'cfn' ? spec.cfn : spec.tf;
}

const levels = new WeakMap<object, Partial<Record<Side, PropertyIndex>>>();

/** The index of one level of properties, built once per table object and format. */
export function indexOf(properties: Readonly<Record<string, PropertySpec>>, side: Side): PropertyIndex {
  const cached = levels.get(properties) ?? {};
  let index = cached[side];
  if (index) return index;
  index = { canonicalByWritten: new Map(), writtenByCanonical: new Map(), specs: new Map() };
  for (const [canonical, spec] of Object.entries(properties)) {
    const written = spelling(spec, side);
    if (!written) continue;
    index.canonicalByWritten.set(written, canonical);
    index.writtenByCanonical.set(canonical, written);
    index.specs.set(canonical, spec);
  }
  cached[side] = index;
  levels.set(properties, cached);
  return index;
}

/** The index of a property's children in a format, when the table gives them. */
export function childIndex(spec: PropertySpec | undefined, side: Side): PropertyIndex | undefined {
  return spec?.children ? indexOf(spec.children, side) : undefined;
}

function buildTypes(side: Side): Map<string, ResolvedSchema> {
  const byType = new Map<string, ResolvedSchema>();
  for (const schema of RESOURCE_TYPES) {
    const type = side === 'cfn' ? schema.cfnType : schema.tfType;
    if (type) byType.set(type, { schema, side, ...indexOf(schema.properties, side) });
  }
  return byType;
}

const byType: Record<Side, Map<string, ResolvedSchema>> = { cfn: buildTypes('cfn'), tf: buildTypes('tf') };

/** The schema for a resource type as written in a format, or undefined when cachelint does not model it. */
export function schemaFor(side: Side, type: string): ResolvedSchema | undefined {
  return byType[side].get(type);
}

/** Which format a resource type is written in: CloudFormation types are `AWS::…`, Terraform's `aws_…`. */
export function sideOf(resourceType: string): Side {
  return resourceType.includes('::') ? 'cfn' : 'tf';
}

/** The schema of a model resource, found from its written type. */
export function schemaOf(resource: Pick<IacResource, 'type'>): ResolvedSchema | undefined {
  return schemaFor(sideOf(resource.type), resource.type);
}

/** The spec of a canonical property path (`cacheUsageLimits.dataStorage.maximum`) of a resource type. */
export function propertySpec(resourceType: string, path: string): PropertySpec | undefined {
  const schema = schemaFor(sideOf(resourceType), resourceType)?.schema;
  let level: Readonly<Record<string, PropertySpec>> | undefined = schema?.properties;
  let spec: PropertySpec | undefined;
  for (const part of path.split('.')) {
    spec = level && Object.hasOwn(level, part) ? level[part] : undefined;
    if (!spec) return undefined;
    level = spec.children;
  }
  return spec;
}

/** The value type a property has in a format (`CidrIp` is a string, `cidr_blocks` a list). */
export function valueTypeIn(spec: PropertySpec, side: Side): ValueType {
  return side === 'tf' && spec.tfType ? spec.tfType : spec.type;
}

/**
 * Whether changing a property replaces the resource in a format: true, false, 'conditional' (only in some cases),
 * or 'unknown' (Terraform docs cited do not say). CloudFormation's schema is complete, so unmarked means false.
 */
export function replacesResource(spec: PropertySpec, side: Side): boolean | 'conditional' | 'unknown' {
  const mark = spec.replaces?.[side];
  if (mark) return mark;
  return side === 'cfn' ? false : 'unknown';
}

/** What a template input is called in a resource's format, for messages and fix titles. */
export function inputNoun(resource: Pick<IacResource, 'type'>): string {
  return sideOf(resource.type) === 'cfn' ? 'parameter' : 'variable';
}

/**
 * How a canonical property path is spelt in the resource's own format: `TransitEncryptionEnabled` /
 * `transit_encryption_enabled`, `CacheUsageLimits.DataStorage.Maximum` / `cache_usage_limits.data_storage.maximum`.
 * A part the table does not spell in that format stays canonical.
 */
export function writtenName(resource: Pick<IacResource, 'type'> & Partial<Pick<IacResource, 'module'>>, path: string): string {
  const side = sideOf(resource.type);
  let level = schemaOf(resource)?.schema.properties;
  const out: string[] = [];
  const parts = path.split('.');
  // A community module's resource is written as the module's inputs: `instance_type`, not `node_type`.
  const input = resource.module?.inputNames.get(parts[0]);
  if (input !== undefined) {
    const spec = level && Object.hasOwn(level, parts[0]) ? level[parts[0]] : undefined;
    out.push(input);
    level = spec?.children;
    parts.shift();
  }
  for (const part of parts) {
    const spec = level && Object.hasOwn(level, part) ? level[part] : undefined;
    out.push((spec && spelling(spec, side)) ?? part);
    level = spec?.children;
  }
  return out.join('.');
}

/**
 * The older flat view (canonical → [CloudFormation, Terraform] name) of each resource's top-level properties, for
 * callers that only need names (the fuzz generators).
 */
export const RESOURCE_SCHEMAS = RESOURCE_TYPES.map((s) => ({
  kind: s.kind,
  cfnType: s.cfnType,
  tfType: s.tfType,
  properties: Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, [p.cfn, p.tf] as [cfn: string | undefined, tf: string | undefined]])),
}));
