/**
 * Settings per file for the CLI and Analyze Workspace: the nearest `.cachelint.json` above each file (or one fixed
 * config), with extra layers (`--rule`) on top. Read once per config file.
 */
import * as path from 'node:path';
import { resolveSettings, type ResolvedSettings } from '../engine/settings';
import { configLayer, findConfig } from './config';

export interface FileSettings {
  settings: ResolvedSettings;
  /** The folder the config's ignore globs are relative to: the config's own folder, else the fallback. */
  base: string;
}

export class ConfigResolver {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly byConfig = new Map<string, FileSettings>();
  /** Problems found in any config read so far, each once. */
  readonly problems = new Set<string>();

  constructor(
    private readonly layers: { source: string; value: unknown }[],
    private readonly fallbackBase: string,
    private readonly fixedConfig?: string,
  ) {}

  forDir(dir: string): FileSettings {
    let configPath = this.fixedConfig;
    if (!configPath) {
      if (!this.byDir.has(dir)) this.byDir.set(dir, findConfig(dir));
      configPath = this.byDir.get(dir);
    }
    const key = configPath ?? '';
    let resolved = this.byConfig.get(key);
    if (!resolved) {
      const layers = [...this.layers];
      if (configPath) {
        const { layer, problem } = configLayer(configPath);
        if (problem) this.problems.add(problem);
        if (layer) layers.unshift(layer);
      }
      const { settings, problems } = resolveSettings(layers);
      for (const p of problems) this.problems.add(p);
      resolved = { settings, base: configPath ? path.dirname(configPath) : this.fallbackBase };
      this.byConfig.set(key, resolved);
    }
    return resolved;
  }

  forFile(absPath: string): FileSettings {
    return this.forDir(path.dirname(absPath));
  }
}
