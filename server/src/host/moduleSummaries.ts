/**
 * The summaries of every Terraform module file the server has seen, cached per file version (an open document's
 * version, or a file's mtime and size on disk), so that analysing one file of a module with hundreds of siblings
 * costs a directory listing and a few cached lookups per keystroke, not a re-read and re-parse of the module.
 * Disk state is checked at most once per STAT_INTERVAL_MS per directory; open documents are always current.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from '../engine/types';
import { isModuleFile, type ModuleSummary } from '../model/module';

/** How long a directory's listing and its files' stamps are trusted before the disk is asked again. */
const STAT_INTERVAL_MS = 1000;

export interface OpenFile { text: string; version: number }

interface Entry { stamp: string; summary: ModuleSummary | undefined }

interface Dir { checkedAt: number; mtimeMs: number; files: string[]; stamps: Map<string, string> }

export class ModuleSummaries {
  private readonly entries = new Map<string, Entry>();
  private readonly dirs = new Map<string, Dir>();
  /** The last answer per file, reused (the same array) while no sibling changed, so hosts can cache its encoding. */
  private readonly answers = new Map<string, { key: string; summaries: ModuleSummary[] }>();
  /** Summaries being computed, so that two analyses of one module share the work. */
  private readonly pending = new Map<string, Promise<ModuleSummary | undefined>>();

  constructor(
    /** Summarises one file (a parse, no rules: `SourceFile.summaryOnly` through the analysis pool). */
    private readonly summarize: (file: SourceFile) => Promise<ModuleSummary | undefined>,
    private readonly openFile: (absPath: string) => OpenFile | undefined,
    private readonly maxFileSizeKb: () => number = () => 2048,
  ) {}

  /**
   * Keeps the summary an analysis returned. Returns true when it differs from the one known for that file, so the
   * host re-analyses the file's open siblings (a changed default in variables.tf, a new value in terraform.tfvars).
   */
  record(absPath: string, version: number, summary: ModuleSummary | undefined): boolean {
    const before = this.entries.get(absPath);
    this.entries.set(absPath, { stamp: `open:${version}`, summary });
    return !before || JSON.stringify(before.summary) !== JSON.stringify(summary);
  }

  forget(absPath: string) {
    this.entries.delete(absPath);
    this.answers.delete(absPath);
  }

  /** The module files in the directory of `absPath`, other than it (open documents included even if unsaved). */
  async siblingsOf(absPath: string, openInDir: string[] = []): Promise<ModuleSummary[]> {
    const dir = await this.listing(path.dirname(absPath));
    const names = new Set([...dir.files, ...openInDir.filter((p) => path.dirname(p) === path.dirname(absPath))]);
    names.delete(absPath);
    const out = (await Promise.all([...names].map((p) => this.summaryOf(p, dir)))).filter((s): s is ModuleSummary => !!s);
    const key = out.map((s) => `${s.path}\n${this.entries.get(s.path)?.stamp}`).join('\n');
    const last = this.answers.get(absPath);
    if (last && last.key === key) return last.summaries;
    this.answers.set(absPath, { key, summaries: out });
    return out;
  }

  // Asynchronous throughout: the server's thread answers other requests while a large directory is listed.
  private async listing(dirPath: string): Promise<Dir> {
    const now = Date.now();
    const known = this.dirs.get(dirPath);
    if (known && now - known.checkedAt < STAT_INTERVAL_MS) return known;
    let mtimeMs = -1;
    try { mtimeMs = (await fs.promises.stat(dirPath)).mtimeMs; } catch { /* a directory that is gone lists nothing */ }
    let files = known && known.mtimeMs === mtimeMs ? known.files : undefined;
    if (!files) {
      try {
        files = (await fs.promises.readdir(dirPath, { withFileTypes: true })).filter((d) => d.isFile() && isModuleFile(d.name)).map((d) => path.join(dirPath, d.name));
      } catch {
        files = [];
      }
    }
    const dir: Dir = { checkedAt: now, mtimeMs, files, stamps: new Map() };
    this.dirs.set(dirPath, dir);
    return dir;
  }

  private async diskStamp(absPath: string, dir: Dir): Promise<string | undefined> {
    let stamp = dir.stamps.get(absPath);
    if (stamp) return stamp;
    try {
      const st = await fs.promises.stat(absPath);
      if (st.size > this.maxFileSizeKb() * 1024) return undefined;
      stamp = `disk:${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
    dir.stamps.set(absPath, stamp);
    return stamp;
  }

  private async summaryOf(absPath: string, dir: Dir): Promise<ModuleSummary | undefined> {
    const open = this.openFile(absPath);
    const stamp = open ? `open:${open.version}` : await this.diskStamp(absPath, dir);
    if (!stamp) return undefined;
    const known = this.entries.get(absPath);
    if (known?.stamp === stamp) return known.summary;
    const key = `${absPath}\n${stamp}`;
    let job = this.pending.get(key);
    if (!job) {
      job = (async () => {
        let text: string;
        try { text = open ? open.text : await fs.promises.readFile(absPath, 'utf8'); } catch { return undefined; }
        const summary = await this.summarize({ path: absPath, text, summaryOnly: true });
        this.entries.set(absPath, { stamp, summary });
        return summary;
      })().finally(() => this.pending.delete(key));
      this.pending.set(key, job);
    }
    return job;
  }
}
