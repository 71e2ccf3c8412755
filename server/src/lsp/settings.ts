/**
 * Settings per document: defaults < nearest `.cachelint.json` < editor settings for that resource, cached until
 * a configuration change. Whatever a client answers to `workspace/configuration` — `null` (Neovim with no
 * settings, allowed by the LSP spec), `[]`, `{}`, a bare value, an error, or no such capability at all — reads
 * as "no editor settings", never as a failure.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationRequest, type Connection } from 'vscode-languageserver/node';
import { resolveSettings, SETTING_KEYS, type ResolvedSettings } from '../engine/settings';
import { configLayer, findConfig } from '../host/config';
import { uriToPath } from './uris';

export interface DocumentSettings { settings: ResolvedSettings; problems: string[] }

const CONFIGURATION_TIMEOUT_MS = 5000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  private readonly reported = new Set<string>();
  /** Set from the client's capabilities at initialize. */
  hasConfigurationCapability = false;

  constructor(private readonly connection: Connection, private readonly log: (message: string) => void) {}

  forUri(uri: string): Promise<DocumentSettings> {
    let cached = this.cache.get(uri);
    if (!cached) {
      cached = this.resolve(uri);
      this.cache.set(uri, cached);
    }
    return cached;
  }

  /** Settings for files in a folder (nearest .cachelint.json from there; editor settings scoped to the folder). */
  forDir(dir: string): Promise<DocumentSettings> {
    return this.forUri(pathToFileURL(path.join(dir, '.cachelint.json')).href);
  }

  forget(uri: string) {
    this.cache.delete(uri);
  }

  /** A configuration change: re-read everything, and say again what is still wrong. */
  clear() {
    this.cache.clear();
    this.reported.clear();
  }

  /** The editor's settings for a scope as a plain object of the keys we know; {} when the client has none. */
  async editor(scopeUri: string): Promise<Record<string, unknown>> {
    if (!this.hasConfigurationCapability) return {};
    let answer: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
      // A client that never answers must not hold every analysis of the document for ever.
      const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${CONFIGURATION_TIMEOUT_MS / 1000} s`)), CONFIGURATION_TIMEOUT_MS); });
      answer = await Promise.race([this.connection.sendRequest(ConfigurationRequest.type, { items: [{ scopeUri, section: 'cachelint' }] }), late]);
    } catch (e) {
      this.log(`the client did not answer workspace/configuration (${(e as Error).message}); using no editor settings`);
      return {};
    } finally {
      clearTimeout(timer);
    }
    const first = Array.isArray(answer) ? answer[0] : undefined;
    if (first === undefined || first === null) return {};
    if (!isRecord(first)) {
      this.show([`settings (cachelint.*): expected an object, got ${JSON.stringify(first).slice(0, 60)}; editor settings ignored`]);
      return {};
    }
    // Our VS Code client sends only keys the user set; other clients may send every key, with nulls for unset ones
    // (or keys of their own): keep ours, so a repository's .cachelint.json is not silently overridden.
    const out: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) if (first[key] !== undefined && first[key] !== null) out[key] = first[key];
    return out;
  }

  /** Each problem once per configuration, as a warning the user sees (and in the log). */
  show(problems: string[]) {
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.log(p);
      void this.connection.window.showWarningMessage(`cachelint: ${p}`);
    }
  }

  private async resolve(uri: string): Promise<DocumentSettings> {
    const layers: { source: string; value: unknown }[] = [];
    const file = uriToPath(uri);
    const configPath = file ? findConfig(file) : undefined;
    const { layer, problem } = configPath ? configLayer(configPath) : {};
    const problems = problem ? [problem] : [];
    if (layer) layers.push(layer);
    layers.push({ source: 'settings (cachelint.*)', value: await this.editor(uri) });
    const resolved = resolveSettings(layers);
    resolved.problems.unshift(...problems);
    return resolved;
  }
}
