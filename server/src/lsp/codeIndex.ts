/**
 * The workspace code index: every code file's module summary (open documents as typed, others as on disk), the
 * tsconfig/jsconfig path aliases, and the module graph over them, so that a document's analysis knows which of its
 * imports denote clients. Files on disk are summarised once, in the background, when the first code document is
 * analysed; after that, documents and watched files keep their own summaries current. When a summary changes what
 * others import, the open documents whose links changed are analysed again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ModuleGraph, type PathAliases, type WorkspacePackage } from '../engine/moduleGraph';
import type { CodeLinks, CodeModuleSummary } from '../model/code-modules';
import { formatFor } from '../formats';
import { pathAliases } from '../host/tsconfig';
import { workspacePackages } from '../host/packages';
import { inAlwaysSkipped } from '../host/walk';
import type { AnalysisPool } from '../host/analysisPool';
import type { WorkspaceIndex } from './workspaceIndex';
import type { SettingsStore } from './settings';

/** What shapes the graph: exports and imports, not the path spelling or key order of unchanged files. */
/** Third-party Python code a file watcher reports from inside a virtualenv. */
const SITE_PACKAGES = /(^|[\\/])site-packages[\\/]/;
/** How long a burst of disk events may pause before importers are relinked. */
const RELINK_DELAY_MS = 200;

const shapeOf = (s: CodeModuleSummary | undefined) => (s ? JSON.stringify([s.exports, s.imports, s.exportedLocals ?? null]) : '');

export const isCodeFile = (file: string) => formatFor({ path: file })?.kind === 'code';

export class CodeIndex {
  private readonly summaries = new Map<string, CodeModuleSummary>();
  private aliases: PathAliases[] = [];
  private packages: WorkspacePackage[] = [];
  private graph: ModuleGraph | undefined;
  private scan: Promise<void> | undefined;
  /** Per open document: the links its last analysis was given, as JSON, to tell when they changed. */
  private readonly used = new Map<string, string>();
  private generation = 0;

  constructor(
    private readonly workspace: WorkspaceIndex,
    private readonly settings: SettingsStore,
    private readonly pool: () => AnalysisPool,
    private readonly openText: (absPath: string) => string | undefined,
    private readonly log: (message: string) => void,
    /** Open code documents, by path, and how to have one analysed again. */
    private readonly openCode: () => string[],
    private readonly reanalyse: (absPath: string) => void,
  ) {}

  /** The links for a document's next analysis (and remembers them, see `recordAnalysis`). */
  linksFor(file: string): CodeLinks | undefined {
    void this.indexOnce();
    const { imported } = this.currentGraph().linksOf(file);
    this.used.set(file, imported.length ? JSON.stringify(imported) : '');
    return imported.length ? { imported } : undefined;
  }

  /** A document was analysed: its summary is the current one, and may change what others import. */
  recordAnalysis(file: string, summary: CodeModuleSummary | undefined): void {
    if (this.update(file, summary)) this.relink();
    // Its own imports may have changed with the text: the links it was given may be stale.
    else if (this.linksKey(file) !== this.used.get(file)) this.reanalyse(file);
  }

  /** A document closed: it is forgotten as an importer, and counts as its text on disk again. */
  closed(file: string): void {
    this.used.delete(file);
    if (this.summaries.has(file)) void this.fromDisk(file);
  }

  /**
   * A watched file changed, was created or deleted on disk. A code file is ignored while it is open (its document
   * counts) and under folders no walk enters (an `npm install` sends thousands of events); a `tsconfig`/`jsconfig`/
   * `package.json` counts even when open, since its document is not what the aliases are read from. Relinking
   * waits for a burst of events to end.
   */
  async changedOnDisk(file: string, deleted: boolean): Promise<void> {
    if (inAlwaysSkipped(file) || SITE_PACKAGES.test(file)) return;
    if (/(^|[\\/])([tj]sconfig|package)\.json$/.test(file)) {
      const files = [...this.summaries.keys()].map((p) => ({ path: p, absPath: p }));
      this.aliases = pathAliases(files);
      this.packages = workspacePackages(files);
      this.graph = undefined;
      this.relinkSoon();
      return;
    }
    if (this.openText(file) !== undefined) return;
    if (!isCodeFile(file)) return;
    if (deleted) { if (this.update(file, undefined)) this.relinkSoon(); return; }
    await this.fromDisk(file);
  }

  setFolders(): void {
    this.generation++;
    this.aliases = [];
    this.packages = [];
    // Open documents are summarised from their text, which the rescan skips: theirs stay.
    for (const file of [...this.summaries.keys()]) if (this.openText(file) === undefined) this.summaries.delete(file);
    this.graph = undefined;
    this.scan = undefined;
  }

  /** Summarises every code file of the workspace folders once, in the background; later calls share the scan. */
  indexOnce(): Promise<void> {
    this.scan ??= (async () => {
      const started = Date.now();
      const generation = this.generation;
      let count = 0;
      for (const folder of [...this.workspace.folders]) {
        const { sources, settingsOf } = await this.workspace.folderFiles(folder, isCodeFile);
        if (generation !== this.generation) return;
        // Summaries are kept by absolute path: the aliases are spelt so too.
        const located = sources.map((f) => ({ path: f.absPath, absPath: f.absPath }));
        this.aliases = [...this.aliases, ...pathAliases(located)];
        this.packages = [...this.packages, ...workspacePackages(located)];
        for (const source of sources) {
          if (this.openText(source.absPath) !== undefined || this.summaries.has(source.absPath)) continue;
          const summary = await this.summarise({ path: source.absPath, text: source.text, projectPath: source.projectPath }, settingsOf(source));
          if (generation !== this.generation) return;
          if (summary && this.openText(source.absPath) === undefined) { this.summaries.set(source.absPath, summary); count++; }
        }
      }
      this.graph = undefined;
      this.log(`code index: ${count} file(s) summarised in ${Date.now() - started} ms`);
      this.relink();
    })().catch((e) => this.log(`code index scan failed: ${(e as Error).stack ?? e}`));
    return this.scan;
  }

  private async fromDisk(file: string): Promise<void> {
    let text: string | undefined;
    try { text = await fs.promises.readFile(file, 'utf8'); } catch { text = undefined; }
    if (this.openText(file) !== undefined) return;
    const { settings } = await this.settings.forDir(path.dirname(file));
    const summary = text === undefined ? undefined : await this.summarise({ path: file, text, projectPath: this.workspace.projectPathOf(file) }, settings);
    if (this.openText(file) !== undefined) return;
    if (this.update(file, summary)) this.relinkSoon();
  }

  private async summarise(file: { path: string; text: string; projectPath?: string }, settings: Parameters<AnalysisPool['analyze']>[1]): Promise<CodeModuleSummary | undefined> {
    const result = await this.pool().analyze({ ...file, codeIndex: true, summaryOnly: true }, settings, undefined, { priority: 'background', key: `code-summary:${file.path}` });
    return result.status === 'done' ? result.analysis?.codeSummary : undefined;
  }

  /** Sets a file's summary; true when that changed what the graph can answer. */
  private update(file: string, summary: CodeModuleSummary | undefined): boolean {
    const before = shapeOf(this.summaries.get(file));
    if (summary) this.summaries.set(file, summary); else this.summaries.delete(file);
    if (shapeOf(summary) === before) return false;
    this.graph = undefined;
    return true;
  }

  private currentGraph(): ModuleGraph {
    return (this.graph ??= new ModuleGraph(this.summaries.values(), this.aliases, this.packages));
  }

  private linksKey(file: string): string {
    const { imported } = this.currentGraph().linksOf(file);
    return imported.length ? JSON.stringify(imported) : '';
  }

  /** Open documents whose links are no longer the ones their analysis had are analysed again. */
  private relinkTimer: ReturnType<typeof setTimeout> | undefined;

  /** Disk events come in bursts (a checkout, a build): one relink after the burst, not one per file. */
  private relinkSoon(): void {
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = setTimeout(() => { this.relinkTimer = undefined; this.relink(); }, RELINK_DELAY_MS);
    this.relinkTimer.unref?.();
  }

  private relink(): void {
    for (const file of this.openCode()) {
      if (!this.used.has(file)) continue;
      if (this.linksKey(file) !== this.used.get(file)) this.reanalyse(file);
    }
  }
}
