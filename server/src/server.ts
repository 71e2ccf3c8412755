/**
 * The language server: thin wiring from LSP to the engine, which runs in a worker thread under a time budget per
 * file (host/analysisPool.ts), so that this event loop only ever waits on messages: hovers, code actions and other
 * documents are answered while a slow file is analysed. Runs over --stdio (or node IPC from the VS Code client).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind, FileChangeType,
  type InitializeParams, type Hover, DidChangeConfigurationNotification, type CodeActionParams, type HoverParams, type CompletionParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeWorkspaceWith, type FileAnalysis } from './engine/analyze';
import { codeActions, FIX_ALL_KIND } from './lsp/codeActions';
import { hoverAt } from './lsp/hover';
import { codeLenses, CodeLensSetting } from './lsp/codeLens';
import { completionAt, COMPLETION_TRIGGERS } from './lsp/completion';
import { AnalysisPool } from './host/analysisPool';
import { Knowledge, knowledgeRoot, splitFrontMatter } from './host/knowledge';
import { formatFor } from './formats';
import { ALL_RULES, ruleById } from './rules';
import { SettingsStore } from './lsp/settings';
import { WorkspaceIndex } from './lsp/workspaceIndex';
import { CodeIndex } from './lsp/codeIndex';
import { pathAliases } from './host/tsconfig';
import { workspacePackages } from './host/packages';
import { DocumentAnalysis, toDiagnostics } from './lsp/documentAnalysis';
import { uriToPath } from './lsp/uris';
import { checked, list, object, position, range, string, textDocument } from './lsp/params';
import { cacheAtRequest, sizingRequest, sizingSnippetRequest } from './lsp/sizing';
import { Grammars } from './engine/grammars';
import { nodeGrammarSource } from './host/nodeGrammars';
import {
  ANALYZE_WORKSPACE_REQUEST, CACHE_AT_REQUEST, RULE_DOCUMENTATION_REQUEST, RULES_REQUEST, SIZING_REQUEST, SIZING_SNIPPET_REQUEST, STATS_REQUEST,
  type AnalyzeWorkspaceResult, type RuleSummary, type RuleDocumentationParams, type RuleDocumentationResult, type StatsResult,
} from './protocol';

const DEBOUNCE_MS = 250;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const knowledge = new Knowledge(knowledgeRoot(__dirname));
const log = (msg: string) => connection.console.log(`[cachelint] ${msg}`);
let budgetMs: number | undefined;
let pool: AnalysisPool | undefined;
/** Started on first use, after initialize has said the time budget. */
const analysisPool = () => (pool ??= new AnalysisPool({ workerFile: path.join(__dirname, 'worker.js'), log, budgetMs }));
const settings = new SettingsStore(connection, log);

/** The open document for a path on disk, whatever spelling of its URI the client used. */
function openDocument(absPath: string): TextDocument | undefined {
  return documents.all().find((d) => uriToPath(d.uri) === absPath);
}

const index = new WorkspaceIndex(settings, analysisPool, (abs) => openDocument(abs)?.getText(), log, () => analyses.rescheduleCode());
const analyses = new DocumentAnalysis(connection, documents, analysisPool, settings, index, log, DEBOUNCE_MS);
const code = new CodeIndex(index, settings, analysisPool, (abs) => openDocument(abs)?.getText(), log, () => analyses.openCodePaths(), (abs) => analyses.reanalysePath(abs));
analyses.code = code;
let supportsWorkspaceFolders = false;
const lensSetting = new CodeLensSetting(connection);

connection.onInitialize((params: InitializeParams) => {
  const capabilities = params?.capabilities ?? {};
  settings.hasConfigurationCapability = capabilities.workspace?.configuration === true;
  lensSetting.hasConfigurationCapability = settings.hasConfigurationCapability;
  lensSetting.refreshSupported = capabilities.workspace?.codeLens?.refreshSupport === true;
  supportsWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
  const folders = (Array.isArray(params?.workspaceFolders) ? params.workspaceFolders : [])
    .map((f) => (typeof f?.uri === 'string' ? uriToPath(f.uri) : undefined)).filter((p): p is string => !!p);
  const root = typeof params?.rootUri === 'string' ? uriToPath(params.rootUri) : undefined;
  index.folders = folders.length ? folders : root ? [root] : [];
  budgetMs = timeBudget(params?.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cachelint' },
  };
});

connection.onInitialized(() => {
  if (settings.hasConfigurationCapability) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cachelint' }).catch(() => undefined);
  if (supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      index.setFolders([...index.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)]);
      code.setFolders();
    });
  }
});

documents.onDidOpen((e) => analyses.schedule(e.document, 0));
documents.onDidChangeContent((e) => analyses.schedule(e.document));
documents.onDidClose((e) => {
  analyses.closed(e.document.uri);
  settings.forget(e.document.uri);
  lensSetting.forget(e.document.uri);
  const file = uriToPath(e.document.uri);
  if (file) { void index.reindexFromDisk(file); code.closed(file); }
  else index.update(e.document.uri, undefined);
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  lensSetting.changed();
  analyses.rescheduleAll();
});

connection.onDidChangeWatchedFiles((params) => {
  const changes = Array.isArray(params?.changes) ? params.changes : [];
  // A .cachelint.json changed somewhere: settings are cheap to re-read.
  if (!changes.length || changes.some((c) => typeof c?.uri !== 'string' || c.uri.endsWith('.cachelint.json'))) {
    settings.clear();
    analyses.rescheduleAll();
  }
  // Code files and tsconfig/jsconfig: what other files import may have changed.
  for (const c of changes) { const p = typeof c?.uri === 'string' ? uriToPath(c.uri) : undefined; if (p) void code.changedOnDisk(p, c.type === FileChangeType.Deleted); }
});

const codeActionParams = object({ textDocument, range, context: object({ diagnostics: list(object({ range })), only: list(string) }, ['only']) });
connection.onCodeAction(checked(codeActionParams, async (params: CodeActionParams) => {
  await analyses.ensureFresh(params.textDocument.uri);
  const doc = documents.get(params.textDocument.uri);
  return doc ? codeActions(doc, params, analyses.results.get(doc.uri)) : [];
}));

connection.onHover(checked(object({ textDocument, position }), (params: HoverParams): Hover | null => {
  const doc = documents.get(params.textDocument.uri);
  const entry = analyses.results.get(params.textDocument.uri);
  // Findings of an older version point at other text: only the current analysis's are shown.
  return doc ? hoverAt(doc, params.position, entry?.version === doc.version ? entry.analysis : undefined, knowledge) : null;
}));
connection.onCompletion(checked(object({ textDocument, position }), (params: CompletionParams) =>
  completionAt(documents.get(params.textDocument.uri), params.position, typeof params.context?.triggerCharacter === 'string' ? params.context.triggerCharacter : undefined)));

connection.onCodeLens(checked(object({ textDocument }), async (params: { textDocument: { uri: string } }) => {
  const uri = params.textDocument.uri;
  if (!(await lensSetting.enabled(uri))) return [];
  await analyses.ensureFresh(uri);
  const entry = analyses.results.get(uri);
  return entry && entry.version === documents.get(uri)?.version ? codeLenses(entry.analysis) : [];
}));

connection.onRequest(RULE_DOCUMENTATION_REQUEST, checked(object({ ruleId: string }), (params: RuleDocumentationParams): RuleDocumentationResult => {
  const rule = ruleById(params.ruleId);
  const page = rule ? knowledge.rule(rule.meta.id) : undefined;
  if (!rule || page === undefined) return { ruleId: rule?.meta.id ?? params.ruleId, markdown: null };
  const { meta, body } = splitFrontMatter(page);
  return { ruleId: rule.meta.id, markdown: body, ...(meta ? { meta: meta as Record<string, unknown> } : {}) };
}));

connection.onRequest(RULES_REQUEST, (): RuleSummary[] => ALL_RULES.map((r) => ({ id: r.meta.id, title: r.meta.title, defaultSeverity: r.meta.defaultSeverity })));

connection.onRequest(STATS_REQUEST, (): StatsResult => {
  const mb = (bytes: number) => +(bytes / 1024 / 1024).toFixed(1);
  const m = process.memoryUsage();
  return {
    analyses: analyses.recentStats(),
    memory: { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), workerHeapUsedMb: (pool?.workerHeaps() ?? []).map(mb) },
  };
});

connection.onRequest(SIZING_REQUEST, sizingRequest);
connection.onRequest(SIZING_SNIPPET_REQUEST, sizingSnippetRequest);
/** Grammars on this thread only for `cachelint/cacheAt` of a Terraform file, loaded on its first use. */
let mainThreadGrammars: Grammars | undefined;
connection.onRequest(CACHE_AT_REQUEST, checked(object({ textDocument, position }), (params: { textDocument: { uri: string }; position: { line: number; character: number } }) =>
  cacheAtRequest(documents, () => (mainThreadGrammars ??= new Grammars(nodeGrammarSource(path.join(__dirname, 'grammars')))), params)));

/** Analyses every relevant file in the workspace folders and publishes diagnostics for all of them. */
connection.onRequest(ANALYZE_WORKSPACE_REQUEST, async (): Promise<AnalyzeWorkspaceResult> => {
  const started = Date.now();
  let findings = 0, errors = 0, fileCount = 0;
  for (const folder of index.folders) {
    const { sources, errors: readErrors, settingsOf } = await index.folderFiles(folder, (p) => !!formatFor({ path: p }));
    errors += readErrors.filter((e) => !e.notice).length;
    const { results } = await analyzeWorkspaceWith(sources, settingsOf, async (file, s, context) =>
      (await analysisPool().analyze(file, s, context, { priority: 'background' })).analysis, { codeIndex: { aliases: pathAliases(sources), packages: workspacePackages(sources) } });
    for (const a of results) publishScanned(a);
    fileCount += results.length;
    findings += results.reduce((n, a) => n + a.findings.length, 0);
    errors += results.reduce((n, a) => n + a.errors.filter((e) => !e.notice).length, 0);
  }
  index.refresh();
  return { files: fileCount, findings, errors, ms: Date.now() - started };
});

/**
 * `initializationOptions.timeBudgetMs`: the per-file analysis budget (100 ms … 10 min) for clients on slow
 * machines, and for tests that need a budget they can exceed quickly. Anything else keeps the default.
 */
function timeBudget(options: unknown): number | undefined {
  const value = (options as { timeBudgetMs?: unknown } | null)?.timeBudgetMs;
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 600_000) return value;
  log(`initializationOptions.timeBudgetMs must be a whole number of milliseconds from 100 to 600000; keeping the default`);
  return undefined;
}

/**
 * A file read by Analyze Workspace: its diagnostics, and its caches for the context. An open document may have
 * changed while the scan ran, so its own analysis publishes (the scan's result could carry fixes for older text).
 */
function publishScanned(a: FileAnalysis & { path: string }) {
  const open = openDocument(a.path);
  if (open) { analyses.schedule(open, 0); return; }
  if (a.caches) index.set(a.path, a.caches);
  connection.sendDiagnostics({ uri: pathToFileURL(a.path).href, diagnostics: toDiagnostics(a, 0) });
}

connection.onShutdown(() => pool?.dispose());

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
