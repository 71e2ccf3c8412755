/**
 * Open documents → analyses → published diagnostics. Per-document debounce; runs in the analysis pool (never on
 * the server's event loop); results for outdated versions are dropped; a newer version replaces a queued older one.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis } from '../engine/analyze';
import type { Severity, SourceFile } from '../engine/types';
import { formatFor } from '../formats';
import type { AnalysisPool, PoolResult } from '../host/analysisPool';
import type { DiagnosticData, AnalysisStat } from '../protocol';
import type { SettingsStore } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';
import { uriToPath } from './uris';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { ModuleSummaries } from '../host/moduleSummaries';
import { isModuleFile, type ModuleSummary } from '../model/module';
import type { CodeIndex } from './codeIndex';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** How many recent analyses `cachelint/stats` reports. */
const STATS_KEPT = 1000;

export function toDiagnostics(analysis: FileAnalysis, version: number): Diagnostic[] {
  return analysis.findings.map((f) => {
    const d: Diagnostic = {
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: { href: f.docs },
      source: 'cachelint',
      message: f.message,
      data: { ruleId: f.ruleId, version, fixes: f.fixes } satisfies DiagnosticData,
    };
    // The engine names files by path; a related place in another file of the module (terraform.tfvars) gets its URI.
    if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: pathToFileURL(r.path).href, range: r.range }, message: r.message }));
    return d;
  });
}

const isTerraformModuleFile = (file: string, languageId?: string) => isModuleFile(file) && formatFor({ path: file, languageId })?.format.id === 'terraform';

export class DocumentAnalysis {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The latest analysis per document, with the version it was computed on. */
  readonly results = new Map<string, { version: number; analysis: FileAnalysis }>();
  /** The version last analysed per document, also when the file turned out irrelevant (a package.json). */
  private readonly analysedVersions = new Map<string, number>();
  /**
   * Analyses under way, so that a code action waits for the run in flight instead of starting another. A run is
   * reused only for the same document object, version and epoch: settings and context changes bump the epoch, and a
   * document closed and reopened at the same version number is another object.
   */
  private readonly inflight = new Map<string, { doc: TextDocument; version: number; epoch: number; done: Promise<void> }>();
  /** Per document: bumped when its settings or context change under a run, so that run's result is dropped. */
  private readonly epochs = new Map<string, number>();
  private readonly stats: AnalysisStat[] = [];
  /** Files already told about (skipped, over budget), so a message is not repeated on every keystroke. */
  private readonly told = new Set<string>();
  /** Terraform: each module file's summary, cached per version, handed to its siblings' analyses. */
  private readonly modules = new ModuleSummaries(
    async (file) => {
      const { settings } = await this.settings.forDir(path.dirname(file.path));
      return (await this.pool().analyze(file, settings, undefined, { priority: 'interactive', key: `summary:${file.path}` })).analysis?.summary;
    },
    (abs) => {
      const doc = this.openDocument(abs);
      return doc ? { text: doc.getText(), version: doc.version } : undefined;
    },
  );

  /** The workspace code index, when the server keeps one: links code documents' imports to other files' clients. */
  code?: CodeIndex;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly pool: () => AnalysisPool,
    private readonly settings: SettingsStore,
    private readonly index: WorkspaceIndex,
    private readonly log: (message: string) => void,
    readonly debounceMs: number,
  ) {}

  schedule(doc: TextDocument, delay = this.debounceMs) {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(doc.uri, setTimeout(() => { this.timers.delete(doc.uri); void this.validate(doc.uri); }, delay));
  }

  /** One open document again, by path (what its imports denote changed). */
  reanalysePath(absPath: string) {
    const doc = this.openDocument(absPath);
    if (doc) this.invalidate(doc);
  }

  /** The paths of the open application-code documents. */
  openCodePaths(): string[] {
    return this.documents.all().flatMap((d) => {
      const p = uriToPath(d.uri);
      return p && formatFor({ path: p, languageId: d.languageId })?.kind === 'code' ? [p] : [];
    });
  }

  /** Every open application-code document again (the workspace context changed). */
  rescheduleCode() {
    for (const doc of this.documents.all()) if (formatFor({ path: doc.uri, languageId: doc.languageId })?.kind === 'code') this.invalidate(doc);
  }

  /** Every open document again (settings changed): say problems and skips anew. */
  rescheduleAll() {
    this.told.clear();
    for (const doc of this.documents.all()) this.invalidate(doc, 0);
  }

  private invalidate(doc: TextDocument, delay?: number) {
    this.epochs.set(doc.uri, this.epochOf(doc.uri) + 1);
    this.schedule(doc, delay);
  }

  private epochOf(uri: string): number {
    return this.epochs.get(uri) ?? 0;
  }

  private openDocument(absPath: string): TextDocument | undefined {
    return this.documents.all().find((d) => uriToPath(d.uri) === absPath);
  }

  /** The module summaries of the directory of `file` (open siblings as typed), for its analysis. */
  private async moduleOf(file: string): Promise<ModuleSummary[]> {
    const open = this.documents.all().map((d) => uriToPath(d.uri)).filter((p): p is string => !!p && isTerraformModuleFile(p));
    return this.modules.siblingsOf(file, open);
  }

  /** A module file's summary changed: its open siblings read it, so they are analysed again. */
  private moduleChanged(file: string) {
    const dir = path.dirname(file);
    for (const doc of this.documents.all()) {
      const p = uriToPath(doc.uri);
      if (p && p !== file && path.dirname(p) === dir && isTerraformModuleFile(p, doc.languageId)) this.invalidate(doc);
    }
  }

  closed(uri: string) {
    const file = uriToPath(uri);
    // Closed unsaved: the siblings now read the file as it is on disk.
    if (file && isTerraformModuleFile(file)) { this.modules.forget(file); this.moduleChanged(file); }
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.results.delete(uri);
    this.analysedVersions.delete(uri);
    this.inflight.delete(uri);
    this.epochs.delete(uri);
    this.told.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Analyses a document now if its last analysis is older than its text: fix-on-save must not see stale results. */
  async ensureFresh(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || this.analysedVersions.get(uri) === doc.version) return;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    await this.validate(uri);
  }

  recentStats(): AnalysisStat[] {
    return [...this.stats];
  }

  private validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return Promise.resolve();
    const running = this.inflight.get(uri);
    const epoch = this.epochOf(uri);
    if (running && running.doc === doc && running.version === doc.version && running.epoch === epoch) return running.done;
    const done = this.analyse(uri, doc, doc.version, epoch).finally(() => { if (this.inflight.get(uri)?.done === done) this.inflight.delete(uri); });
    this.inflight.set(uri, { doc, version: doc.version, epoch, done });
    return done;
  }

  /** The run for (doc, version, epoch) is still the one that should publish. */
  private current(uri: string, doc: TextDocument, version: number, epoch: number): boolean {
    return this.documents.get(uri) === doc && doc.version === version && this.epochOf(uri) === epoch;
  }

  private async analyse(uri: string, doc: TextDocument, version: number, epoch: number): Promise<void> {
    try {
      const { settings, problems } = await this.settings.forUri(uri);
      this.settings.show(problems);
      // A newer version may have been queued while the settings were read: it must not be superseded by this one.
      if (!this.current(uri, doc, version, epoch)) return;
      const file = uriToPath(uri) ?? uri;
      const source: SourceFile = { path: file, projectPath: this.index.projectPathOf(file), text: doc.getText(), languageId: doc.languageId };
      const terraformModule = uriToPath(uri) !== undefined && isTerraformModuleFile(file, doc.languageId);
      if (terraformModule) {
        const module = await this.moduleOf(file);
        if (!this.current(uri, doc, version, epoch)) return;
        if (module.length) source.module = module;
      }
      const indexed = !!this.code && uriToPath(uri) !== undefined && formatFor(source)?.kind === 'code';
      if (indexed) {
        source.codeIndex = true;
        const links = this.code!.linksFor(file);
        if (links) source.codeLinks = links;
      }
      const result = await this.pool().analyze(source, settings, this.index.context, { priority: 'interactive', key: uri });
      if (result.status === 'superseded' || result.status === 'cancelled') return;
      this.record(uri, version, result);
      // The document moved on (or settings or context changed) while we worked: a newer run will publish.
      if (!this.current(uri, doc, version, epoch)) return;
      this.analysedVersions.set(uri, version);
      const analysis = result.analysis;
      if (!analysis) {
        this.results.delete(uri);
        this.connection.sendDiagnostics({ uri, diagnostics: [] });
        this.index.update(file, undefined);
        return;
      }
      this.results.set(uri, { version, analysis });
      if (terraformModule && result.status === 'done' && this.modules.record(file, version, analysis.summary)) this.moduleChanged(file);
      if (indexed && result.status === 'done') this.code!.recordAnalysis(file, analysis.codeSummary);
      if (!analysis.caches) void this.index.indexOnce();
      this.tell(uri, file, analysis, result.status);
      this.connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(analysis, version) });
      // A file skipped over its budget says nothing about its caches: keep what was known rather than forget it.
      if (result.status === 'done') this.index.update(file, analysis.caches);
    } catch (e) {
      this.log(`analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  /**
   * Problems with the file itself go to the log; a file that was skipped (too big, minified, over its time
   * budget) is also said once as a message, so its silence is never mistaken for a clean bill of health.
   */
  private tell(uri: string, file: string, analysis: FileAnalysis, status: PoolResult['status']) {
    for (const e of analysis.errors) this.log(`${file}: ${e.message}`);
    const skipped = analysis.errors.find((e) => e.skipped);
    if (!skipped || this.told.has(uri)) return;
    this.told.add(uri);
    const name = file.split(/[\\/]/).pop();
    const text = `cachelint: ${name} was not analysed — ${skipped.message.replace(/^skipped: /, '')}`;
    if (status === 'done') void this.connection.window.showInformationMessage(text);
    else void this.connection.window.showWarningMessage(text);
  }

  private record(uri: string, version: number, result: PoolResult) {
    this.stats.push({ uri, version, analysisMs: +result.ms.toFixed(2), queuedMs: +result.queuedMs.toFixed(2), status: result.status });
    if (this.stats.length > STATS_KEPT) this.stats.splice(0, this.stats.length - STATS_KEPT);
  }
}
