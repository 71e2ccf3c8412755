/**
 * A position in a template, located by its format's locator and named through the schema table: the resource's
 * spec, the level of properties the position is in, and the property under it (canonical path and spec). Hover
 * and completion both start here.
 */
import type { SourceFile } from './types';
import type { IacSpot } from '../formats/locate';
import { locateCloudFormation } from '../formats/cloudformation/locate';
import { locateTerraform } from '../formats/terraform/locate';
import { childIndex, propertySpec, schemaFor, type Engine, type PropertyIndex, type PropertySpec, type ResolvedSchema } from '../model/iac-schema';
import { communityModule, type ModuleDefault } from '../model/community';

export interface ResolvedSpot {
  spot: IacSpot;
  schema?: ResolvedSchema;
  /** The level of properties the position is in (the resource's, or a nested object's). */
  level?: PropertyIndex;
  /** The property under the position, or whose value it is. */
  spec?: PropertySpec;
  /** Its canonical path (`cacheUsageLimits.dataStorage.maximum`). */
  canonical?: string;
  /** The engine the resource runs when it says so plainly, else the format's default where the table has one. */
  engine?: Engine;
  /** Whether the engine was written (or only the table's default). */
  engineWritten: boolean;
  service: 'elasticache' | 'memorydb';
  /** A known community module's call: the module, and its defaults where the call leaves an input out. */
  module?: { registry: string; version: string; defaults: Readonly<Record<string, ModuleDefault>> };
}

const isTerraform = (file: Pick<SourceFile, 'path' | 'languageId'>) => /\.tf(\.json)?$/i.test(file.path) || file.languageId === 'terraform';
const isJson = (file: Pick<SourceFile, 'path' | 'languageId'>) =>
  /\.json$/i.test(file.path) || file.languageId === 'json' || file.languageId === 'jsonc';

/** What a template says at an offset; undefined in any other file (application code, a YAML that is no template). */
export function spotAt(file: Pick<SourceFile, 'path' | 'languageId' | 'text'>, offset: number): IacSpot | undefined {
  const spot = locate(file, offset);
  // Between a key and its value, or past a value before its comment, is on nothing: a completion there would
  // replace text away from the cursor.
  return spot && spot.word.start <= offset && offset <= spot.word.end ? spot : undefined;
}

function locate(file: Pick<SourceFile, 'path' | 'languageId' | 'text'>, offset: number): IacSpot | undefined {
  if (/\.tfvars$/i.test(file.path)) return undefined;
  if (isTerraform(file)) return locateTerraform(file.text, offset, isJson(file));
  const yamlOrJson = /\.(ya?ml|json|template|cfn)$/i.test(file.path) || ['yaml', 'json', 'jsonc'].includes(file.languageId ?? '');
  if (!yamlOrJson) return undefined;
  const json = isJson(file) || (!/\.ya?ml$/i.test(file.path) && /^\s*\{/.test(file.text));
  return locateCloudFormation(file.text, offset, json);
}

const ENGINES: readonly Engine[] = ['redis', 'valkey', 'memcached'];

/** A call that writes no input: what a module builds by default. */
const DEFAULT_CALL = { has: () => false, value: () => undefined, literal: () => undefined, flag: (_: string, d: boolean) => d };

/**
 * A known community module's call, read as the cache resource it builds: its inputs are that resource's
 * properties under the module's names (`node_type`, `kms_key_arn`), with the module's own defaults.
 */
function moduleSchema(source: string | undefined): { schema: ResolvedSchema; module: NonNullable<ResolvedSpot['module']> } | undefined {
  const m = source ? communityModule(source) : undefined;
  if (!m) return undefined;
  const builds = m.build(DEFAULT_CALL);
  const main = builds.find((b) => Object.values(b.inputs).includes('nodeType')) ?? builds[0];
  const base = main && schemaFor('tf', main.type);
  if (!base) return undefined;
  const level: PropertyIndex = { canonicalByWritten: new Map(), writtenByCanonical: new Map(), specs: new Map() };
  for (const [input, canonical] of Object.entries(main.inputs)) {
    const spec = propertySpec(main.type, canonical);
    if (!spec || level.writtenByCanonical.has(canonical)) continue;
    level.canonicalByWritten.set(input, canonical);
    level.writtenByCanonical.set(canonical, input);
    level.specs.set(canonical, spec);
  }
  return { schema: { ...base, ...level }, module: { registry: m.registry, version: m.version, defaults: { ...main.defaults, ...main.forced } } };
}

export function resolveSpot(spot: IacSpot): ResolvedSpot {
  const type = spot.resource?.type;
  const called = spot.resource?.module ? moduleSchema(spot.resource.source) : undefined;
  const schema = called?.schema ?? (type ? schemaFor(spot.side, type) : undefined);
  const written = spot.resource?.engine?.toLowerCase();
  const writtenEngine = ENGINES.find((e) => e === written);
  const engineDefault = called?.module.defaults.engine?.value ?? schema?.schema.properties.engine?.defaults?.find((d) => !d.sides || d.sides.includes(spot.side))?.value;
  const engine = writtenEngine ?? (schema?.schema.engines?.length === 1 ? schema.schema.engines[0] : ENGINES.find((e) => e === engineDefault));
  const out: ResolvedSpot = {
    spot, schema, engine, engineWritten: writtenEngine !== undefined, ...(called ? { module: called.module } : {}),
    service: schema?.schema.kind.startsWith('memorydb') || type?.toLowerCase().includes('memorydb') ? 'memorydb' : 'elasticache',
  };
  if (!schema) return out;
  let level: PropertyIndex | undefined = schema;
  const canonical: string[] = [];
  let holder: PropertySpec | undefined;
  for (const part of spot.path) {
    if (typeof part === 'number') continue; // an item of a list: the same children
    const name: string | undefined = level?.canonicalByWritten.get(part);
    holder = name ? level!.specs.get(name) : undefined;
    if (!name || !holder) return out;
    canonical.push(name);
    level = childIndex(holder, spot.side);
  }
  out.level = level;
  if (spot.key && level) {
    const name = level.canonicalByWritten.get(spot.key);
    if (name) {
      out.spec = level.specs.get(name);
      out.canonical = [...canonical, name].join('.');
    }
  }
  return out;
}
