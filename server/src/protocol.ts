/** Names and shapes shared by the extension client and the language server (and other editors' clients). */
import type { Fix } from './engine/types';
import type { CacheShape } from './model/cacheShape';
import type { SizingOption, Workload } from './sizing/types';

export const ANALYZE_WORKSPACE_REQUEST = 'cachelint/analyzeWorkspace';
export const RULE_DOCUMENTATION_REQUEST = 'cachelint/ruleDocumentation';
export const RULES_REQUEST = 'cachelint/rules';

export interface RuleSummary { id: string; title: string; defaultSeverity: string }

export interface AnalyzeWorkspaceResult { files: number; findings: number; errors: number; ms: number }
export interface RuleDocumentationParams { ruleId: string }
/** `markdown`: the page without its front matter, which comes parsed as `meta` (id, title, severity, services …). */
export interface RuleDocumentationResult { ruleId: string; markdown: string | null; meta?: Record<string, unknown> }

/**
 * How to start the server's Node.js: a 2 MB semi-space for the thread that speaks LSP. That thread allocates little
 * (messages and document text); the default 16 MB young generation kept ~25 MB more resident with 1,000 files open
 * (measured: 186 MB → 136 MB). The analysis worker sets its own, larger young generation. Other editors: run
 * `node --max-semi-space-size=2 dist/server.js --stdio`.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=2'];

/** Client commands, also used by the server in code actions. */
export const COMMANDS = {
  showRuleDocumentation: 'cachelint.showRuleDocumentation',
  analyzeWorkspace: 'cachelint.analyzeWorkspace',
  restartServer: 'cachelint.restartServer',
  sizingWizard: 'cachelint.sizingWizard',
} as const;

/** What each diagnostic carries in `data`, so code actions need no re-analysis. */
export interface DiagnosticData { ruleId: string; version: number; fixes: Fix[] }

/** `cachelint/stats`: the most recent document analyses, for latency probes and for "why is it slow?" questions. */
export const STATS_REQUEST = 'cachelint/stats';
export interface AnalysisStat {
  uri: string;
  version: number;
  /** Time inside the engine (worker thread), without the debounce or the wait for a free worker. */
  analysisMs: number;
  queuedMs: number;
  status: 'done' | 'superseded' | 'cancelled' | 'timeout' | 'crashed';
}
/** Megabytes, from process.memoryUsage(): the server's thread, and each analysis worker's own heap. */
export interface MemoryStat { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; workerHeapUsedMb: number[] }
export interface StatsResult { analyses: AnalysisStat[]; memory: MemoryStat }

/** `cachelint/sizing`: a workload (missing fields take the engine's defaults) → `SizingResult` (sizing/types.ts). */
export const SIZING_REQUEST = 'cachelint/sizing';
export interface SizingParams { workload: Partial<Workload> }

/** `cachelint/sizingSnippet`: one option of a result as a deployable template, for "Insert as …". */
export const SIZING_SNIPPET_REQUEST = 'cachelint/sizingSnippet';
export interface SizingSnippetParams { option: SizingOption; workload: Partial<Workload>; format: 'cloudformation' | 'terraform' }
/**
 * Either `text`, the snippet, or `unavailable`, why the option gets none (a sentence to show the user): e.g. an
 * ElastiCache option of the durable-cache role, whose durability a template cannot be trusted to set.
 */
export interface SizingSnippetResult { text?: string; unavailable?: string; language: 'yaml' | 'terraform' }

/**
 * `cachelint/cacheAt` (TextDocumentPositionParams): the cache resource under the cursor in an open template, for
 * "Resize this cache"; null when there is none. A field is absent when the template does not say it literally.
 */
export const CACHE_AT_REQUEST = 'cachelint/cacheAt';
/** The cache under the cursor, as the template writes it (model/cacheShape.ts). */
export type CacheAtResult = CacheShape;

/** The argument a cache's code lens passes to `cachelint.sizingWizard`: the cache to resize, as `cacheAt` reads it. */
export interface SizingWizardLensArgs { current: CacheShape }
