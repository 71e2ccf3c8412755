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
import { cacheAt } from '../model/cacheShape';
import { planSizing } from '../sizing';
import { validateWorkload } from '../sizing/validate';
import { snippetFor, snippetLanguage, snippetUnavailable } from '../sizing/snippets';
import type { SizingOption, SizingResult, Workload } from '../sizing/types';
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
  try {
    return parsed ? cacheAt(parsed.model, params.position) : null;
  } finally {
    parsed?.release?.();
  }
}
