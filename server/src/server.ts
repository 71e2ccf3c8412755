/**
 * The language server: thin wiring from LSP to the engine. Document sync, per-document debounce with version
 * checks, settings per resource, push diagnostics, code actions, hover and the workspace request.
 * Runs over --stdio (or node IPC when started by the VS Code client).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, CodeActionKind,
  type Diagnostic, type CodeAction, type InitializeParams, type Hover, DidChangeConfigurationNotification,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type FileAnalysis } from './engine/analyze';
import { resolveSettings, type ResolvedSettings } from './engine/settings';
import { inferContext, type WorkspaceContext } from './engine/context';
import { disableFileEdit, disableLineEdit } from './engine/suppression';
import { combinePreferredFixes } from './engine/fixAll';
import { LineIndex, rangeContains } from './engine/text';
import type { Severity } from './engine/types';
import type { IacModel } from './model/iac';
import { nodeGrammarSource } from './host/nodeGrammars';
import { findConfig, readConfig } from './host/config';
import { findFiles } from './host/walk';
import { readSources } from './host/readSources';
import { Knowledge, knowledgeRoot } from './host/knowledge';
import { ALL_RULES, ruleById } from './rules';
import {
  ANALYZE_WORKSPACE_REQUEST, COMMANDS, RULE_DOCUMENTATION_REQUEST, RULES_REQUEST,
  type AnalyzeWorkspaceResult, type RuleSummary, type DiagnosticData, type RuleDocumentationParams, type RuleDocumentationResult,
} from './protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analyzer = new Analyzer(nodeGrammarSource(path.join(__dirname, 'grammars')));
const knowledge = new Knowledge(knowledgeRoot(__dirname));
const DEBOUNCE_MS = 250;
/** `editor.codeActionsOnSave: { "source.fixAll.cachelint": "explicit" }` applies every safe fix on save. */
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cachelint`;
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

let hasConfigurationCapability = false;
let workspaceFolders: string[] = [];
const settingsCache = new Map<string, Promise<{ settings: ResolvedSettings; problems: string[] }>>();
const timers = new Map<string, NodeJS.Timeout>();
const results = new Map<string, { version: number; analysis: FileAnalysis }>();
/** Infrastructure models by document URI: the workspace context the code rules read. */
const infraIndex = new Map<string, { path: string; model: IacModel }>();
let context: WorkspaceContext = inferContext([]);
const reportedProblems = new Set<string>();
let infraScan: Promise<void> | undefined;
/** A bound on what one folder scan reads, so a monorepo cannot stall the server. */
const MAX_WORKSPACE_FILES = 5000;

const log = (msg: string) => connection.console.log(`[cachelint] ${msg}`);

function uriToPath(uri: string): string | undefined {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : undefined; } catch { return undefined; }
}

connection.onInitialize((params: InitializeParams) => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
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
    },
    serverInfo: { name: 'cachelint' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cachelint' });
});

/** Settings for one document: defaults < nearest .cachelint.json < editor settings for that resource. */
function settingsFor(uri: string): Promise<{ settings: ResolvedSettings; problems: string[] }> {
  let cached = settingsCache.get(uri);
  if (!cached) {
    cached = (async () => {
      const layers: { source: string; value: unknown }[] = [];
      const file = uriToPath(uri);
      const configPath = file ? findConfig(file) : undefined;
      const config = configPath ? readConfig(configPath) : undefined;
      const problems: string[] = [];
      if (config && 'error' in config) problems.push(config.error);
      else if (config) layers.push({ source: config.path, value: config.value });
      if (hasConfigurationCapability) {
        try {
          const editor = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'cachelint' });
          layers.push({ source: 'settings (cachelint.*)', value: editorSettings(editor) });
        } catch (e) { problems.push(`cannot read editor settings: ${(e as Error).message}`); }
      }
      const resolved = resolveSettings(layers);
      resolved.problems.unshift(...problems);
      for (const id of Object.keys(resolved.settings.rules)) if (!ruleById(id)) resolved.problems.push(`unknown rule "${id}" in settings`);
      return resolved;
    })();
    settingsCache.set(uri, cached);
  }
  return cached;
}

/**
 * VS Code hands back every declared key. Keys declared with a null default stay null until the user sets them, so a
 * repository's .cachelint.json is not silently overridden by editor defaults.
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

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  try {
    const { settings, problems } = await settingsFor(uri);
    showProblems(problems);
    const file = uriToPath(uri) ?? uri;
    const analysis = await analyzer.analyzeFile({ path: file, text: doc.getText(), languageId: doc.languageId }, settings, context);
    // The document moved on while we worked: a newer run will publish.
    if (documents.get(uri)?.version !== version) return;
    if (!analysis) { results.delete(uri); connection.sendDiagnostics({ uri, diagnostics: [] }); updateInfra(uri, undefined); return; }
    results.set(uri, { version, analysis });
    if (!analysis.iac) indexInfrastructureOnce();
    for (const e of analysis.errors) log(`${file}: ${e.message}`);
    connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(analysis, version) });
    updateInfra(uri, analysis.iac ? { path: file, model: analysis.iac } : undefined);
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
function updateInfra(uri: string, entry: { path: string; model: IacModel } | undefined) {
  if (entry) infraIndex.set(uri, entry); else if (!infraIndex.delete(uri)) return;
  refreshContext();
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
  settingsCache.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

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

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const uri = doc.uri;
  // Fixes are only offered for the version they were computed on: a stale fix would edit moved text.
  const current = results.get(uri);
  const analysis = current?.version === doc.version ? current.analysis : undefined;
  const only = params.context.only;
  if (only?.some((k) => FIX_ALL_KIND.startsWith(k)) && !only.includes(CodeActionKind.QuickFix)) {
    const all = analysis ? combinePreferredFixes(analysis.findings, { unattendedOnly: true }) : { edits: [], fixed: 0 };
    return all.fixed ? [{ title: `Fix all cachelint problems (${all.fixed})`, kind: FIX_ALL_KIND, edit: { changes: { [uri]: all.edits } } }] : [];
  }
  const lines = new LineIndex(doc.getText());
  const comments = current?.analysis.comments ?? {};
  const actions: CodeAction[] = [];
  const offeredFixAll = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'cachelint') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data?.ruleId) continue;
    if (data.version === doc.version) {
      for (const fix of data.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: { changes: { [uri]: fix.edits } } });
      }
    }
    if (analysis && !offeredFixAll.has(data.ruleId)) {
      offeredFixAll.add(data.ruleId);
      const all = combinePreferredFixes(analysis.findings, { ruleId: data.ruleId });
      if (all.fixed > 1) actions.push({ title: `Fix all ${data.ruleId} problems in this file (${all.fixed})`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: all.edits } } });
    }
    const lineEdit = disableLineEdit(lines, comments, diagnostic.range.start.line, data.ruleId);
    if (lineEdit) actions.push({ title: `Disable ${data.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [lineEdit] } } });
    const fileEdit = disableFileEdit(lines, comments, data.ruleId);
    if (fileEdit) actions.push({ title: `Disable ${data.ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [fileEdit] } } });
    actions.push({ title: `Show documentation for ${data.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Show rule documentation', command: COMMANDS.showRuleDocumentation, arguments: [data.ruleId] } });
  }
  return actions;
});

connection.onHover((params): Hover | null => {
  const entry = results.get(params.textDocument.uri);
  if (!entry) return null;
  const hits = entry.analysis.findings.filter((f) => rangeContains(f.range, params.position));
  if (!hits.length) return null;
  const sections = hits.map((f) => {
    const rule = ruleById(f.ruleId);
    const summary = knowledge.ruleSummary(f.ruleId);
    return [`**cachelint · ${rule?.meta.title ?? f.ruleId}** (\`${f.ruleId}\`, ${f.severity})`, '', f.message, summary ? `\n---\n\n${summary}` : '', '', `[Rule documentation](${f.docs})`].join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: hits[0].range };
});

connection.onRequest(RULE_DOCUMENTATION_REQUEST, (params: RuleDocumentationParams): RuleDocumentationResult => {
  const rule = typeof params?.ruleId === 'string' ? ruleById(params.ruleId) : undefined;
  return { ruleId: rule?.meta.id ?? String(params?.ruleId), markdown: rule ? knowledge.rule(rule.meta.id) ?? null : null };
});

connection.onRequest(RULES_REQUEST, (): RuleSummary[] => ALL_RULES.map((r) => ({ id: r.meta.id, title: r.meta.title, defaultSeverity: r.meta.defaultSeverity })));

/** Settings and the file list of a workspace folder, for the workspace request and the context scan. */
async function folderFiles(folder: string, accept: (p: string) => boolean) {
  const { settings, problems } = await settingsFor(pathToFileURL(path.join(folder, '.cachelint.json')).href);
  showProblems(problems);
  const configPath = findConfig(folder);
  const { files } = findFiles([folder], { globs: settings.ignore, base: configPath ? path.dirname(configPath) : folder }, accept);
  const openText = (abs: string) => documents.get(pathToFileURL(abs).href)?.getText();
  return { settings, ...readSources(files.slice(0, MAX_WORKSPACE_FILES), settings.maxFileSizeKb, openText), truncated: files.length > MAX_WORKSPACE_FILES };
}

/** Analyses every relevant file in the workspace folders and publishes diagnostics for all of them. */
connection.onRequest(ANALYZE_WORKSPACE_REQUEST, async (): Promise<AnalyzeWorkspaceResult> => {
  const started = Date.now();
  let findings = 0, errors = 0, fileCount = 0;
  for (const folder of workspaceFolders) {
    const { settings, sources, errors: readErrors, truncated } = await folderFiles(folder, (p) => !!analyzer.formatOf({ path: p }));
    if (truncated) log(`${folder}: only the first ${MAX_WORKSPACE_FILES} files were analysed`);
    errors += readErrors.length;
    const { results: analyses } = await analyzer.analyzeWorkspace(sources, settings);
    for (const a of analyses) {
      const uri = pathToFileURL(a.path).href;
      const open = documents.get(uri);
      const version = open?.version ?? 0;
      if (open) results.set(uri, { version, analysis: a });
      if (a.iac) infraIndex.set(uri, { path: a.path, model: a.iac });
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
      const { settings, sources } = await folderFiles(folder, (p) => analyzer.formatOf({ path: p })?.kind === 'infra');
      for (const source of sources) {
        const uri = pathToFileURL(source.absPath).href;
        if (documents.get(uri)) continue; // open documents are indexed by their own analysis
        const a = await analyzer.analyzeFile({ path: source.absPath, text: source.text }, settings);
        if (a?.iac) { infraIndex.set(uri, { path: source.absPath, model: a.iac }); count++; }
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
