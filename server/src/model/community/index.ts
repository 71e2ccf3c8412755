/**
 * Known community modules as model resources: a `module` block whose source is one of them becomes the resource(s)
 * the module declares, its properties the call's inputs under canonical names (keeping the input's own spelling and
 * ranges, so findings land on the input's line), and the module's defaults where the call leaves an input out.
 * Any other source (a local `./modules/x`, a submodule `//modules/x`, an unknown registry module) is opaque.
 */
import type { Range } from '../../engine/types';
import type { IacProperty, IacResource } from '../iac';
import { booleanOf, literalOf } from '../iac';
import { schemaFor } from '../iac-schema';
import { canonicalProperties } from '../canonical';
import type { CommunityModule, ModuleBuild, ModuleCall, ModuleDefault } from './types';
import { terraformAwsModulesElasticache } from './terraform-aws-modules-elasticache';
import { terraformAwsModulesMemoryDb } from './terraform-aws-modules-memory-db';
import { cloudposseElasticacheRedis } from './cloudposse-elasticache-redis';
import { cloudposseMemorydb } from './cloudposse-memorydb';

export type { CommunityModule, ModuleDefault } from './types';

export const COMMUNITY_MODULES: readonly CommunityModule[] = [terraformAwsModulesElasticache, terraformAwsModulesMemoryDb, cloudposseElasticacheRedis, cloudposseMemorydb];

/**
 * The module a `source` names: its registry address (with or without the `registry.terraform.io/` host), or its
 * GitHub repository (`git::https://github.com/o/r.git?ref=…`, `github.com/o/r`). A `//subdir` is another module.
 */
export function communityModule(source: string): CommunityModule | undefined {
  const s = source.trim().toLowerCase();
  const registry = s.replace(/^registry\.terraform\.io\//, '');
  const byRegistry = COMMUNITY_MODULES.find((m) => m.registry === registry);
  if (byRegistry) return byRegistry;
  const git = /^(?:git::)?(?:https:\/\/|ssh:\/\/git@|git@)?github\.com[/:]([^/?]+\/[^/?]+?)(?:\.git)?(?:\?.*)?$/.exec(s);
  return git ? COMMUNITY_MODULES.find((m) => m.repository.toLowerCase() === git[1]) : undefined;
}

export interface ModuleCallSite {
  /** The `source` as written. */
  source: string;
  /** The module block's label. */
  name: string;
  /** Every argument of the block but `source`, `version` and the meta-arguments, by input name. */
  inputs: Map<string, IacProperty>;
  /** The label's range: where a finding about an input left to the module's default goes. */
  anchorRange: Range;
  /** The `count` / `for_each` expression as written, when the call has one. */
  repeat?: string;
  /** The `version` constraint as written. */
  version?: string;
}

/** The resources a known community module builds for a call; empty for any other module. */
export function communityResources(site: ModuleCallSite): IacResource[] {
  const module = communityModule(site.source);
  if (!module) return [];
  const call = callOf(site.inputs);
  return module.build(call).flatMap((b) => {
    const r = resourceOf(site, b);
    return r ? [r] : [];
  });
}

/**
 * The argument a fix writes for a canonical property in a Terraform block: a module-built resource's is the
 * module's input (`instance_type`), and a property the module takes no input for cannot be set from the call.
 */
export function terraformArgument(resource: IacResource, canonical: string): string | undefined {
  if (resource.module) return resource.module.defaults?.get(canonical)?.forced ? undefined : resource.module.inputNames.get(canonical);
  return schemaFor('tf', resource.type)?.writtenByCanonical.get(canonical);
}

function callOf(inputs: Map<string, IacProperty>): ModuleCall {
  return {
    has: (name) => inputs.has(name),
    value: (name) => inputs.get(name)?.value,
    literal: (name) => literalOf(inputs.get(name)?.value),
    flag(name, moduleDefault) {
      const prop = inputs.get(name);
      if (!prop) return moduleDefault;
      return booleanOf(prop.value) ?? 'unknown';
    },
  };
}

function resourceOf(site: ModuleCallSite, build: ModuleBuild): IacResource | undefined {
  const schema = schemaFor('tf', build.type);
  if (!schema) return undefined;
  const inputNames = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const [input, canonical] of Object.entries(build.inputs)) {
    if (!inputNames.has(canonical)) inputNames.set(canonical, input);
    aliases.set(input, canonical);
  }
  const forced = build.forced ?? {};
  const computed = build.computed ?? {};
  const written = new Map<string, IacProperty>();
  for (const [input, prop] of site.inputs) {
    const canonical = aliases.get(input);
    if (canonical === undefined || written.has(canonical) || Object.hasOwn(forced, canonical) || Object.hasOwn(computed, canonical)) continue;
    written.set(canonical, { ...prop, name: canonical, writtenName: input });
  }
  const range = site.anchorRange;
  for (const [canonical, what] of Object.entries(computed)) {
    const name = inputNames.get(canonical) ?? schema.writtenByCanonical.get(canonical) ?? canonical;
    const value: IacProperty['value'] = typeof what === 'string'
      ? { kind: 'unknown', text: what, range }
      : { kind: 'resource', target: `${what.resource}.module.${site.name}`, range };
    written.set(canonical, { name: canonical, writtenName: name, keyRange: range, value });
  }
  const defaults = new Map<string, ModuleDefault>();
  for (const [canonical, d] of Object.entries(build.defaults ?? {})) if (!written.has(canonical)) defaults.set(canonical, d);
  for (const [canonical, d] of Object.entries(forced)) defaults.set(canonical, { ...d, forced: true });
  const resource: IacResource = {
    kind: schema.schema.kind,
    type: build.type,
    name: `module.${site.name}`,
    anchorRange: range,
    properties: canonicalProperties(written, schema.specs, aliases, 'tf'),
    module: { source: site.source, inputNames, defaults, ...(site.version !== undefined ? { version: site.version } : {}) },
  };
  const condition = site.repeat ?? build.condition;
  if (condition !== undefined) {
    // One resource, flagged once, whatever count, for_each or an undecided create flag would make of it.
    resource.conditional = true;
    resource.condition = condition;
  }
  return resource;
}
