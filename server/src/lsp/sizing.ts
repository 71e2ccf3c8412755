/**
 * The sizing requests: `cachelint/sizing` (workload → SizingResult), `cachelint/sizingSnippet` (an option as a
 * template) and `cachelint/cacheAt` (the cache under the cursor, for "Resize this cache").
 *
 * The planner is pure arithmetic over a few hundred node types (well under a millisecond), so it runs on this
 * thread. `cacheAt` parses the one open template here too: it is asked for once, when the user starts the wizard,
 * and documents over `MAX_PARSE_BYTES` are refused rather than risk a long synchronous parse on the LSP thread.
 */
import { ErrorCodes, ResponseError, type Position, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../engine/text';
import type { Grammars } from '../engine/grammars';
import { formatFor } from '../formats';
import { literalOf, numberOf, stringOf, type IacModel, type IacResource, type IacValue } from '../model/iac';
import { planSizing } from '../sizing';
import { validateWorkload } from '../sizing/validate';
import { snippetFor, snippetLanguage, snippetUnavailable } from '../sizing/snippets';
import type { SizingEngine, SizingOption, SizingResult, Workload } from '../sizing/types';
import type { CacheAtResult, SizingParams, SizingSnippetParams, SizingSnippetResult } from '../protocol';
import { uriToPath } from './uris';

/** 1 MB: the default `maxFileSizeKb`; a `yaml` parse of that takes ~50 ms (README, Speed). */
const MAX_PARSE_BYTES = 1024 * 1024;

const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, `invalid params: ${message}`);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The planner's validation, as the -32602 a client can show. */
function workloadOf(value: unknown, at: string): Workload | ResponseError<void> {
  if (!isRecord(value)) return invalid(`${at} must be an object`);
  const checked = validateWorkload(value, (field) => `${at}.${field}`);
  return checked.ok ? checked.workload : invalid(checked.error.message);
}

export function sizingRequest(params: unknown): SizingResult | ResponseError<void> {
  if (!isRecord(params)) return invalid('params must be an object');
  const workload = workloadOf((params as Partial<SizingParams>).workload, 'params.workload');
  return workload instanceof ResponseError ? workload : planSizing(workload);
}

const SERVICES: SizingOption['service'][] = ['elasticache-node', 'elasticache-serverless', 'memorydb'];
/** Absent, or null as serverless options carry node-only fields in the JSON contract. */
const wholeOrAbsent = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);

export function sizingSnippetRequest(params: unknown): SizingSnippetResult | ResponseError<void> {
  if (!isRecord(params)) return invalid('params must be an object');
  const { option, format } = params as Partial<SizingSnippetParams>;
  if (format !== 'cloudformation' && format !== 'terraform') return invalid('params.format must be "cloudformation" or "terraform"');
  if (!isRecord(option)) return invalid('params.option must be an object');
  if (!SERVICES.includes(option.service as SizingOption['service'])) return invalid(`params.option.service must be one of ${SERVICES.join(', ')}`);
  if (option.nodeType !== undefined && option.nodeType !== null && (typeof option.nodeType !== 'string' || !/^(cache|db)\.[a-z0-9]+\.[a-z0-9]+$/.test(option.nodeType))) {
    return invalid('params.option.nodeType must be a node type such as cache.r7g.large');
  }
  for (const key of ['shards', 'replicasPerShard'] as const) if (!wholeOrAbsent(option[key])) return invalid(`params.option.${key} must be a whole number ≥ 0`);
  if (typeof option.usableGiB !== 'number' || !(option.usableGiB >= 0)) return invalid('params.option.usableGiB must be a number ≥ 0');
  const workload = workloadOf((params as Partial<SizingSnippetParams>).workload, 'params.workload');
  if (workload instanceof ResponseError) return workload;
  const sized = option as unknown as SizingOption;
  const language = snippetLanguage(format);
  const unavailable = snippetUnavailable(sized, workload);
  return unavailable ? { unavailable, language } : { text: snippetFor(sized, workload, format), language };
}

/** `cachelint/cacheAt`: parses the open document (YAML/JSON template or Terraform) and finds the cache at the position. */
export async function cacheAtRequest(
  documents: TextDocuments<TextDocument>, grammars: () => Grammars, params: { textDocument: { uri: string }; position: Position },
): Promise<CacheAtResult | null | ResponseError<void>> {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return invalid(`params.textDocument.uri: ${params.textDocument.uri} is not open`);
  const text = doc.getText();
  if (text.length > MAX_PARSE_BYTES) return null;
  const file = { path: uriToPath(doc.uri) ?? doc.uri, text, languageId: doc.languageId };
  const choice = formatFor(file);
  if (choice?.kind !== 'infra') return null;
  const g = grammars();
  for (const name of choice.format.grammars(file)) await g.ensure(name);
  const parsed = choice.format.parse(file, new LineIndex(text), g);
  return parsed ? cacheAt(parsed.model, params.position) : null;
}

const CACHE_KINDS = new Set<IacResource['kind']>(['replicationGroup', 'cacheCluster', 'serverlessCache', 'memorydbCluster']);

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** The end of the last text a resource's model covers: its anchor or any of its properties' values. */
function extentEnd(r: IacResource): Position {
  let end = r.anchorRange.end;
  for (const p of r.properties.values()) if (before(end, p.value.range.end)) end = p.value.range.end;
  return end;
}

/**
 * The cache whose text holds the position: from its logical id or labels to the end of its last property. Pure, so
 * the tests can call it on any model.
 */
export function cacheAt(model: IacModel, position: Position): CacheAtResult | null {
  const hit = model.resources.find((r) => CACHE_KINDS.has(r.kind) && before(r.anchorRange.start, position) && before(position, extentEnd(r)));
  return hit ? describeCache(model, hit) : null;
}

function engineOf(v: IacValue | undefined): SizingEngine | undefined {
  const s = stringOf(v)?.toLowerCase();
  return s === 'valkey' || s === 'redis' || s === 'memcached' ? s : undefined;
}

const whole = (v: IacValue | undefined) => {
  const n = numberOf(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

const bool = (v: IacValue | undefined) => {
  const l = literalOf(v);
  return typeof l === 'boolean' ? l : l === 'true' ? true : l === 'false' ? false : undefined;
};

/** A nested object property by CloudFormation or Terraform spelling (`DataStorage` / `data_storage`). */
function entry(v: IacValue | undefined, ...names: string[]): IacValue | undefined {
  // Terraform blocks normalise to a list of one object.
  const obj = v?.kind === 'list' && v.items.length === 1 ? v.items[0] : v;
  if (obj?.kind !== 'object') return undefined;
  for (const n of names) { const e = obj.entries.get(n); if (e) return e.value; }
  return undefined;
}

function describeCache(model: IacModel, r: IacResource): CacheAtResult {
  const p = (name: string) => r.properties.get(name)?.value;
  const base = { name: r.name, type: r.type, format: model.format, range: r.anchorRange } as const;
  const written = <T>(o: T) => Object.fromEntries(Object.entries(o as object).filter(([, v]) => v !== undefined)) as T;
  switch (r.kind) {
    case 'serverlessCache': {
      const limits = p('cacheUsageLimits');
      const storageGB = whole(entry(entry(limits, 'DataStorage', 'data_storage'), 'Maximum', 'maximum'));
      const ecpuPerSecond = whole(entry(entry(limits, 'ECPUPerSecond', 'ecpu_per_second'), 'Maximum', 'maximum'));
      return written({ ...base, service: 'elasticache-serverless', engine: engineOf(p('engine')), serverless: storageGB !== undefined || ecpuPerSecond !== undefined ? written({ storageGB, ecpuPerSecond }) : undefined });
    }
    case 'memorydbCluster':
      // API defaults: one shard, one replica per shard (aws-facts.md §2b, MemoryDB shards/replicas).
      return written({
        ...base, service: 'memorydb', engine: engineOf(p('engine')), nodeType: stringOf(p('nodeType')),
        shards: p('numShards') ? whole(p('numShards')) : 1, replicasPerShard: p('numReplicasPerShard') ? whole(p('numReplicasPerShard')) : 1,
        clusterMode: 'enabled',
      });
    case 'cacheCluster': {
      const engine = engineOf(p('engine'));
      // A Memcached cluster's nodes partition the keys (the client hashes them): for sizing they are its shards.
      const nodes = whole(p('numCacheNodes'));
      return written({
        ...base, service: 'elasticache-node', engine, nodeType: stringOf(p('nodeType')),
        shards: engine === 'memcached' ? nodes : 1, replicasPerShard: engine === 'memcached' ? 0 : nodes !== undefined ? nodes - 1 : undefined,
        multiAz: stringOf(p('azMode')) === 'cross-az' ? true : undefined,
      });
    }
    default: {
      // Replication group: NumNodeGroups/ReplicasPerNodeGroup (sharded) or NumCacheClusters = 1 primary + replicas.
      const groups = p('nodeGroupConfiguration');
      const shards = whole(p('numNodeGroups')) ?? (groups?.kind === 'list' ? groups.items.length : undefined);
      const clusters = whole(p('numCacheClusters'));
      const replicasPerShard = whole(p('replicasPerNodeGroup')) ?? (clusters !== undefined && clusters >= 1 ? clusters - 1 : undefined);
      const mode = stringOf(p('clusterMode'))?.toLowerCase();
      const parameterGroup = stringOf(p('parameterGroupName'))?.toLowerCase();
      const clusterMode = mode === 'enabled' || (shards ?? 0) > 1 || !!parameterGroup?.endsWith('.cluster.on') ? 'enabled'
        : mode === 'disabled' || clusters !== undefined ? 'disabled' : undefined;
      return written({
        ...base, service: 'elasticache-node', engine: engineOf(p('engine')), nodeType: stringOf(p('nodeType')),
        shards: shards ?? (clusterMode === 'disabled' ? 1 : undefined), replicasPerShard, clusterMode, multiAz: bool(p('multiAzEnabled')),
      });
    }
  }
}
