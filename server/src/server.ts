/**
 * The language server: thin wiring from LSP to the engine. Document sync, per-document debounce with version
 * checks, settings per resource, push diagnostics, code actions, hover and the workspace request.
 * Runs over --stdio (or node IPC when started by the VS Code client).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, CodeActionKind,
  type Diagnostic, type InitializeParams, type Hover, DidChangeConfigurationNotification,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type FileAnalysis } from './engine/analyze';
import { resolveSettings, type ResolvedSettings } from './engine/settings';
import { inferContext, type WorkspaceContext } from './engine/context';
import { codeActions, FIX_ALL_KIND } from './lsp/codeActions';
import { hoverAt } from './lsp/hover';

import type { Severity, SourceFile } from './engine/types';
import type { IacModel } from './model/iac';
import { nodeGrammarSource } from './host/nodeGrammars';
import { configLayer, findConfig } from './host/config';
import { findFiles } from './host/walk';
import { readSources } from './host/readSources';
import { isIgnoredByGlobs } from './host/globs';
import { ConfigResolver } from './host/configResolver';
import { Knowledge, knowledgeRoot } from './host/knowledge';
import { ALL_RULES, ruleById } from './rules';
import {
  ANALYZE_WORKSPACE_REQUEST, RULE_DOCUMENTATION_REQUEST, RULES_REQUEST,
  type AnalyzeWorkspaceResult, type RuleSummary, type DiagnosticData, type RuleDocumentationParams, type RuleDocumentationResult,
} from './protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analyzer = new Analyzer(nodeGrammarSource(path.join(__dirname, 'grammars')));
const knowledge = new Knowledge(knowledgeRoot(__dirname));
const DEBOUNCE_MS = 250;
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

let hasConfigurationCapability = false;
let supportsWorkspaceFolders = false;
let workspaceFolders: string[] = [];
const settingsCache = new Map<string, Promise<{ settings: ResolvedSettings; problems: string[] }>>();
const timers = new Map<string, NodeJS.Timeout>();
const results = new Map<string, { version: number; analysis: FileAnalysis }>();
/** The version last analysed per document, also when the file turned out irrelevant (a package.json). */
const analysedVersions = new Map<string, number>();
/** Analyses under way, so that a code action waits for the run in flight instead of starting another. */
const inflight = new Map<string, { version: number; done: Promise<void> }>();
/** Infrastructure models by file-system path (URIs are spelt differently by different clients). */
const infraIndex = new Map<string, { path: string; model: IacModel }>();
let context: WorkspaceContext = inferContext([]);
const reportedProblems = new Set<string>();
let infraScan: Promise<void> | undefined;
/** A bound on what one folder scan reads, so a monorepo cannot stall the server. */
const MAX_WORKSPACE_FILES = 5000;
const MAX_WORKSPACE_ENTRIES = 200_000;

const log = (msg: string) => connection.console.log(`[cachelint] ${msg}`);

function uriToPath(uri: string): string | undefined {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : undefined; } catch { return undefined; }
}

/** The open document for a path on disk, whatever spelling of its URI the client used. */
function openDocument(absPath: string): TextDocument | undefined {
  return documents.all().find((d) => uriToPath(d.uri) === absPath);
}

/** The path below the workspace folder that holds the file, for path conventions such as test folders. */
function projectPathOf(file: string): string {
  for (const folder of workspaceFolders) {
    const rel = path.relative(folder, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return path.basename(file);
}

connection.onInitialize((params: InitializeParams) => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  supportsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (!workspaceFolders.length && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) workspaceFolders = [root];
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cachelint' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cachelint' });
  if (supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)];
      for (const key of [...infraIndex.keys()]) if (!workspaceFolders.some((f) => !path.relative(f, key).startsWith('..'))) infraIndex.delete(key);
      infraScan = undefined; // read the new folders' templates on the next code document
      refreshContext();
    });
  }
});

/** Settings for one document: defaults < nearest .cachelint.json < editor settings for that resource. */
function settingsFor(uri: string): Promise<{ settings: ResolvedSettings; problems: string[] }> {
  let cached = settingsCache.get(uri);
  if (!cached) {
    cached = (async () => {
      const layers: { source: string; value: unknown }[] = [];
      const file = uriToPath(uri);
      const configPath = file ? findConfig(file) : undefined;
      const { layer, problem } = configPath ? configLayer(configPath) : {};
      const problems = problem ? [problem] : [];
      if (layer) layers.push(layer);
      if (hasConfigurationCapability) {
        try {
          const editor = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'cachelint' });
          layers.push({ source: 'settings (cachelint.*)', value: editorSettings(editor) });
        } catch (e) { problems.push(`cannot read editor settings: ${(e as Error).message}`); }
      }
      const resolved = resolveSettings(layers);
      resolved.problems.unshift(...problems);
      return resolved;
    })();
    settingsCache.set(uri, cached);
  }
  return cached;
}

/** Settings for files in a folder (nearest .cachelint.json from there; editor settings scoped to the folder). */
function settingsForDir(dir: string) {
  return settingsFor(pathToFileURL(path.join(dir, '.cachelint.json')).href);
}

/**
 * Our VS Code client sends only keys the user set; other clients may send every key, with nulls for unset ones:
 * drop those, so a repository's .cachelint.json is not silently overridden.
 */
function editorSettings(editor: unknown): unknown {
  if (!editor || typeof editor !== 'object') return editor;
  const e = editor as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['enable', 'rules', 'ignore', 'context', 'maxFileSizeKb', 'defaultTtlSeconds']) if (e[key] !== undefined && e[key] !== null) out[key] = e[key];
  return out;
}

function showProblems(problems: string[]) {
  for (const p of problems) {
    if (reportedProblems.has(p)) continue;
    reportedProblems.add(p);
    void connection.window.showWarningMessage(`cachelint: ${p}`);
  }
}

function schedule(doc: TextDocument, delay = DEBOUNCE_MS) {
  clearTimeout(timers.get(doc.uri));
  timers.set(doc.uri, setTimeout(() => { timers.delete(doc.uri); void validate(doc.uri); }, delay));
}

function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return Promise.resolve();
  const running = inflight.get(uri);
  if (running?.version === doc.version) return running.done;
  const done = analyse(uri, doc.version).finally(() => { if (inflight.get(uri)?.done === done) inflight.delete(uri); });
  inflight.set(uri, { version: doc.version, done });
  return done;
}

async function analyse(uri: string, version: number): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  try {
    const { settings, problems } = await settingsFor(uri);
    showProblems(problems);
    const file = uriToPath(uri) ?? uri;
    const analysis = await analyzer.analyzeFile({ path: file, projectPath: projectPathOf(file), text: doc.getText(), languageId: doc.languageId }, settings, context);
    // The document moved on while we worked: a newer run will publish.
    if (documents.get(uri)?.version !== version) return;
    analysedVersions.set(uri, version);
    if (!analysis) { results.delete(uri); connection.sendDiagnostics({ uri, diagnostics: [] }); updateInfra(file, undefined); return; }
    results.set(uri, { version, analysis });
    if (!analysis.iac) indexInfrastructureOnce();
    for (const e of analysis.errors) log(`${file}: ${e.message}`);
    connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(analysis, version) });
    updateInfra(file, analysis.iac ? { path: file, model: analysis.iac } : undefined);
  } catch (e) {
    log(`analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
  }
}

function toDiagnostics(analysis: FileAnalysis, version: number): Diagnostic[] {
  return analysis.findings.map((f) => ({
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: f.docs },
    source: 'cachelint',
    message: f.message,
    data: { ruleId: f.ruleId, version, fixes: f.fixes } satisfies DiagnosticData,
  }));
}

/** Keeps the infrastructure index current with one analysed document. */
function updateInfra(file: string, entry: { path: string; model: IacModel } | undefined) {
  if (entry) infraIndex.set(file, entry); else if (!infraIndex.delete(file)) return;
  refreshContext();
}

/** A closed template counts as its text on disk; an unsaved or deleted one stops counting. */
async function reindexFromDisk(file: string): Promise<void> {
  if (!infraIndex.has(file)) return;
  let text: string | undefined;
  try { text = await fs.promises.readFile(file, 'utf8'); } catch { text = undefined; }
  const { settings } = await settingsFor(pathToFileURL(file).href);
  const a = text === undefined ? undefined : await analyzer.analyzeFile({ path: file, text }, settings);
  updateInfra(file, a?.iac ? { path: file, model: a.iac } : undefined);
}

/** Re-infers the workspace context; when it changed, open code documents are checked again. */
function refreshContext() {
  const next = inferContext([...infraIndex.values()]);
  const key = (c: WorkspaceContext) => `${c.clusterMode}|${c.serverless}|${c.memorydb}|${c.tls}`;
  const changed = key(next) !== key(context);
  context = next;
  if (!changed) return;
  for (const doc of documents.all()) if (analyzer.formatOf({ path: doc.uri, languageId: doc.languageId })?.kind === 'code') schedule(doc);
}

documents.onDidOpen((e) => schedule(e.document, 0));
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  results.delete(e.document.uri);
  analysedVersions.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  const file = uriToPath(e.document.uri);
  if (file) void reindexFromDisk(file);
  else updateInfra(e.document.uri, undefined);
});

/** Analyses a document now if its last analysis is older than its text: fix-on-save must not see stale results. */
async function ensureFresh(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc || analysedVersions.get(uri) === doc.version) return;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  await validate(uri);
}

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  reportedProblems.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});

connection.onDidChangeWatchedFiles(() => {
  // A .cachelint.json changed somewhere: settings are cheap to re-read.
  settingsCache.clear();
  reportedProblems.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});

connection.onCodeAction(async (params) => {
  await ensureFresh(params.textDocument.uri);
  const doc = documents.get(params.textDocument.uri);
  return doc ? codeActions(doc, params, results.get(doc.uri)) : [];
});

connection.onHover((params): Hover | null => {
  const entry = results.get(params.textDocument.uri);
  return entry ? hoverAt(entry.analysis, params.position, knowledge) : null;
});

connection.onRequest(RULE_DOCUMENTATION_REQUEST, (params: RuleDocumentationParams): RuleDocumentationResult => {
  const rule = typeof params?.ruleId === 'string' ? ruleById(params.ruleId) : undefined;
  return { ruleId: rule?.meta.id ?? String(params?.ruleId), markdown: rule ? knowledge.rule(rule.meta.id) ?? null : null };
});

connection.onRequest(RULES_REQUEST, (): RuleSummary[] => ALL_RULES.map((r) => ({ id: r.meta.id, title: r.meta.title, defaultSeverity: r.meta.defaultSeverity })));

/** The file list of a workspace folder, bounded, with each file's text (an open document's text wins). */
async function folderFiles(folder: string, accept: (p: string) => boolean) {
  const folderSettings = await settingsForDir(folder);
  showProblems(folderSettings.problems);
  // Ignore globs: each .cachelint.json's, relative to its folder (as in the CLI); the editor's, relative to the
  // workspace folder.
  const configs = new ConfigResolver([], folder);
  const editorIgnore = hasConfigurationCapability
    ? editorIgnoreGlobs(await connection.workspace.getConfiguration({ scopeUri: pathToFileURL(folder).href, section: 'cachelint' }))
    : [];
  const { files, truncated, unreadable } = findFiles([folder], {
    accept,
    ignored: (abs, isDir) => {
      const { settings, base } = configs.forDir(path.dirname(abs));
      return isIgnoredByGlobs(settings.ignore, base, abs, isDir) || isIgnoredByGlobs(editorIgnore, folder, abs, isDir);
    },
    limit: MAX_WORKSPACE_FILES,
    maxEntries: MAX_WORKSPACE_ENTRIES,
  });
  if (truncated) log(`${folder}: stopped after ${MAX_WORKSPACE_FILES} files or ${MAX_WORKSPACE_ENTRIES} folder entries`);
  for (const dir of unreadable) log(`${dir}: cannot list this folder; what lies below it is not analysed`);
  const read = readSources(files, folderSettings.settings.maxFileSizeKb, (abs) => openDocument(abs)?.getText());
  // Settings vary by directory (nearest .cachelint.json; editor settings by folder): one lookup per directory.
  const byDir = new Map<string, ResolvedSettings>();
  const settingsByPath = new Map<string, ResolvedSettings>();
  for (const f of read.sources) {
    const dir = path.dirname(f.absPath);
    if (!byDir.has(dir)) byDir.set(dir, (await settingsForDir(dir)).settings);
    settingsByPath.set(f.path, byDir.get(dir)!);
  }
  return {
    sources: read.sources.map((f) => ({ ...f, projectPath: projectPathOf(f.absPath) })),
    errors: read.errors,
    settingsOf: (file: SourceFile) => settingsByPath.get(file.path) ?? folderSettings.settings,
  };
}

function editorIgnoreGlobs(editor: unknown): string[] {
  const ignore = (editorSettings(editor) as { ignore?: unknown }).ignore;
  return Array.isArray(ignore) ? ignore.filter((g): g is string => typeof g === 'string') : [];
}

/**
 * For the background context scan: only infrastructure files whose first 64 KB the format recognises, so thousands
 * of package.json or config files cannot use up the scan's file budget before the templates.
 */
function mayBeInfrastructure(absPath: string): boolean {
  if (analyzer.formatOf({ path: absPath })?.kind !== 'infra') return false;
  let fd: number | undefined;
  try {
    fd = fs.openSync(absPath, 'r');
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return analyzer.mayBeRelevant(absPath, head.toString('utf8', 0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Analyses every relevant file in the workspace folders and publishes diagnostics for all of them. */
connection.onRequest(ANALYZE_WORKSPACE_REQUEST, async (): Promise<AnalyzeWorkspaceResult> => {
  const started = Date.now();
  let findings = 0, errors = 0, fileCount = 0;
  for (const folder of workspaceFolders) {
    const { sources, errors: readErrors, settingsOf } = await folderFiles(folder, (p) => !!analyzer.formatOf({ path: p }));
    errors += readErrors.length;
    const { results: analyses } = await analyzer.analyzeWorkspace(sources, settingsOf);
    for (const a of analyses) {
      const open = openDocument(a.path);
      const uri = open?.uri ?? pathToFileURL(a.path).href;
      const version = open?.version ?? 0;
      if (open) results.set(uri, { version, analysis: a });
      if (a.iac) infraIndex.set(a.path, { path: a.path, model: a.iac });
      connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(a, version) });
      fileCount++; findings += a.findings.length; errors += a.errors.length;
    }
  }
  refreshContext();
  return { files: fileCount, findings, errors, ms: Date.now() - started };
});

/**
 * The templates of the workspace tell the code rules what they run against. They are read once, in the background,
 * when the first application-code document is analysed — not at start-up, and never on the keystroke path.
 */
function indexInfrastructureOnce(): void {
  infraScan ??= (async () => {
    const started = Date.now();
    let count = 0;
    for (const folder of workspaceFolders) {
      const { sources, settingsOf } = await folderFiles(folder, mayBeInfrastructure);
      for (const source of sources) {
        if (openDocument(source.absPath)) continue; // open documents are indexed by their own analysis
        const a = await analyzer.analyzeFile({ path: source.absPath, text: source.text }, settingsOf(source));
        if (a?.iac) { infraIndex.set(source.absPath, { path: source.absPath, model: a.iac }); count++; }
        await new Promise((resolve) => setImmediate(resolve)); // let requests in between files
      }
    }
    log(`workspace context from ${count} template(s) in ${Date.now() - started} ms`);
    refreshContext();
  })().catch((e) => log(`workspace template scan failed: ${(e as Error).stack ?? e}`));
}

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
