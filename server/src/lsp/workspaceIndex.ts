/**
 * What the workspace's templates declare, for the code rules: the caches of every known template (open documents
 * as typed, others as on disk), and the context they imply. Templates on disk are read once, in the background,
 * when the first application-code document is analysed — not at start-up, and never on the keystroke path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contextFromCaches, type CacheFact, type WorkspaceContext } from '../engine/context';
import type { ResolvedSettings } from '../engine/settings';
import type { SourceFile } from '../engine/types';
import { formatFor } from '../formats';
import { mayBeRelevant } from '../engine/analyze';
import { findFiles } from '../host/walk';
import { readSources, type ReadProblem } from '../host/readSources';
import { isIgnoredByGlobs } from '../host/globs';
import { ConfigResolver } from '../host/configResolver';
import type { AnalysisPool } from '../host/analysisPool';
import type { SettingsStore } from './settings';

/** A bound on what one folder scan reads, so a monorepo cannot stall the server. */
const MAX_WORKSPACE_FILES = 5000;
const MAX_WORKSPACE_ENTRIES = 200_000;

const contextKey = (c: WorkspaceContext) => `${c.clusterMode}|${c.serverless}|${c.memorydb}|${c.tls}`;

export interface FolderFiles {
  sources: (SourceFile & { absPath: string })[];
  errors: ReadProblem[];
  settingsOf(file: SourceFile): ResolvedSettings;
}

export class WorkspaceIndex {
  folders: string[] = [];
  /** Caches by file-system path (URIs are spelt differently by different clients). */
  private readonly caches = new Map<string, CacheFact[]>();
  private current: WorkspaceContext = contextFromCaches([]);
  private scan: Promise<void> | undefined;
  /** Bumped when the folders change, so a scan of the old folders stops writing. */
  private generation = 0;

  constructor(
    private readonly settings: SettingsStore,
    private readonly pool: () => AnalysisPool,
    private readonly openText: (absPath: string) => string | undefined,
    private readonly log: (message: string) => void,
    /** Called when the context changed, so that open code documents are checked again. */
    private readonly onContextChange: () => void,
  ) {}

  get context(): WorkspaceContext {
    return this.current;
  }

  /** The path below the workspace folder that holds the file, for path conventions such as test folders. */
  projectPathOf(file: string): string {
    for (const folder of this.folders) {
      const rel = path.relative(folder, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return path.basename(file);
  }

  setFolders(folders: string[]) {
    this.folders = folders;
    this.generation++;
    for (const key of [...this.caches.keys()]) if (!folders.some((f) => !path.relative(f, key).startsWith('..'))) this.caches.delete(key);
    this.scan = undefined; // read the new folders' templates on the next code document
    this.refresh();
  }

  /** One analysed template (or a file that is no longer one: undefined). */
  update(file: string, caches: CacheFact[] | undefined) {
    if (caches) this.caches.set(file, caches);
    else if (!this.caches.delete(file)) return;
    this.refresh();
  }

  /** Updates without re-inferring, for bulk loads that refresh once at the end. */
  set(file: string, caches: CacheFact[]) {
    this.caches.set(file, caches);
  }

  has(file: string): boolean {
    return this.caches.has(file);
  }

  /** Re-infers the context; tells the server when it changed. */
  refresh() {
    const next = contextFromCaches([...this.caches.values()].flat());
    const changed = contextKey(next) !== contextKey(this.current);
    this.current = next;
    if (changed) this.onContextChange();
  }

  /** A closed template counts as its text on disk; an unsaved or deleted one stops counting. */
  async reindexFromDisk(file: string): Promise<void> {
    if (!this.caches.has(file)) return;
    let text: string | undefined;
    try { text = await fs.promises.readFile(file, 'utf8'); } catch { text = undefined; }
    const { settings } = await this.settings.forDir(path.dirname(file));
    const result = text === undefined ? undefined : await this.pool().analyze({ path: file, text }, settings, undefined, { priority: 'background', key: `disk:${file}` });
    // Reopened meanwhile: the open document's own analysis is what counts. Not analysed: keep what was known.
    if (this.openText(file) !== undefined || (result && result.status !== 'done')) return;
    this.update(file, result?.analysis?.caches);
  }

  /** Reads the templates of every folder once, in the background; later calls return the same scan. */
  indexOnce(): Promise<void> {
    this.scan ??= (async () => {
      const started = Date.now();
      const generation = this.generation;
      let count = 0;
      for (const folder of [...this.folders]) {
        const { sources, settingsOf } = await this.folderFiles(folder, mayBeInfrastructure);
        for (const source of sources) {
          if (this.openText(source.absPath) !== undefined) continue; // open documents are indexed by their own analysis
          const { analysis } = await this.pool().analyze({ path: source.absPath, text: source.text }, settingsOf(source), undefined, { priority: 'background' });
          if (generation !== this.generation) return; // the folders changed: a new scan reads them
          if (this.openText(source.absPath) !== undefined) continue;
          if (analysis?.caches) { this.caches.set(source.absPath, analysis.caches); count++; }
        }
      }
      this.log(`workspace context from ${count} template(s) in ${Date.now() - started} ms`);
      this.refresh();
    })().catch((e) => this.log(`workspace template scan failed: ${(e as Error).stack ?? e}`));
    return this.scan;
  }

  /** The file list of a workspace folder, bounded, with each file's text (an open document's text wins). */
  async folderFiles(folder: string, accept: (p: string) => boolean): Promise<FolderFiles> {
    const folderSettings = await this.settings.forDir(folder);
    this.settings.show(folderSettings.problems);
    // Ignore globs: each .cachelint.json's, relative to its folder (as in the CLI); the editor's, relative to the
    // workspace folder.
    const configs = new ConfigResolver([], folder);
    const editorIgnore = ignoreGlobs((await this.settings.editor(pathToFileURL(folder).href)).ignore);
    const { files, truncated, unreadable } = findFiles([folder], {
      accept,
      // The workspace folder is the path named, as in `cachelint <folder>`: a glob that matches the folder itself
      // does not set the whole workspace aside.
      ignored: (abs, isDir, named) => {
        const { settings, base } = configs.forDir(path.dirname(abs));
        return isIgnoredByGlobs(settings.ignore, base, abs, isDir, named) || isIgnoredByGlobs(editorIgnore, folder, abs, isDir, named);
      },
      limit: MAX_WORKSPACE_FILES,
      maxEntries: MAX_WORKSPACE_ENTRIES,
    });
    if (truncated) this.log(`${folder}: stopped after ${MAX_WORKSPACE_FILES} files or ${MAX_WORKSPACE_ENTRIES} folder entries`);
    for (const e of unreadable) this.log(`${e.path}: ${e.message}`);
    const read = readSources(files, folderSettings.settings.maxFileSizeKb, this.openText);
    // Settings vary by directory (nearest .cachelint.json; editor settings by folder): one lookup per directory.
    const byDir = new Map<string, ResolvedSettings>();
    const settingsByPath = new Map<string, ResolvedSettings>();
    for (const f of read.sources) {
      const dir = path.dirname(f.absPath);
      if (!byDir.has(dir)) byDir.set(dir, (await this.settings.forDir(dir)).settings);
      settingsByPath.set(f.path, byDir.get(dir)!);
    }
    return {
      sources: read.sources.map((f) => ({ ...f, projectPath: this.projectPathOf(f.absPath) })),
      errors: [...unreadable, ...read.errors],
      settingsOf: (file: SourceFile) => settingsByPath.get(file.path) ?? folderSettings.settings,
    };
  }
}

function ignoreGlobs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

/**
 * For the background context scan: only infrastructure files whose first 64 KB the format recognises, so thousands
 * of package.json or config files cannot use up the scan's file budget before the templates.
 */
function mayBeInfrastructure(absPath: string): boolean {
  if (formatFor({ path: absPath })?.kind !== 'infra') return false;
  let fd: number | undefined;
  try {
    fd = fs.openSync(absPath, 'r');
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return mayBeRelevant(absPath, head.toString('utf8', 0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
