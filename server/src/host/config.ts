/** Reads a repository's `.cachelint.json`: the same settings shape as the editor's `cachelint.*` settings. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CONFIG_FILE = '.cachelint.json';

export type ConfigRead = { path: string; value: unknown } | { path: string; error: string } | undefined;

/** The nearest `.cachelint.json` from `start` (a file or folder) up to the file-system root. */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  try { if (fs.statSync(dir).isFile()) dir = path.dirname(dir); } catch { dir = path.dirname(dir); }
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readConfig(file: string): ConfigRead {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) { return { path: file, error: `cannot read ${file}: ${(e as Error).message}` }; }
  // Editors on Windows may save a byte-order mark; JSON.parse rejects it.
  try { return { path: file, value: JSON.parse(text.replace(/^\uFEFF/, '')) }; } catch (e) { return { path: file, error: `${file} is not valid JSON: ${(e as Error).message}` }; }
}

export interface SettingsLayer { source: string; value: unknown }

/** A config file as a settings layer, or the problem that kept it out. */
export function configLayer(configPath: string): { layer?: SettingsLayer; problem?: string } {
  const config = readConfig(configPath);
  if (!config) return {};
  return 'error' in config ? { problem: config.error } : { layer: { source: config.path, value: config.value } };
}
