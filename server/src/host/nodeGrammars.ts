/** Node hosts (CLI, server, tests) read grammar wasm files from disk and hand the bytes to the engine. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GrammarName, GrammarSource } from '../engine/grammars';
import grammarFiles from './grammar-files.json';

/**
 * File names inside the bundle's `grammars/` folder, and the npm file each comes from; esbuild.mjs copies them.
 * Only grammars of languages that have an extractor are listed, to keep the VSIX small.
 */
export const GRAMMAR_FILES: Partial<Record<GrammarName | 'runtime', { file: string; pkg: string }>> = grammarFiles;

/**
 * Looks in `bundleDir` (the built extension's `dist/grammars`) first, then in node_modules for a source checkout.
 */
export function nodeGrammarSource(bundleDir?: string): GrammarSource {
  const read = async (key: GrammarName | 'runtime'): Promise<Uint8Array> => {
    const entry = GRAMMAR_FILES[key];
    if (!entry) throw new Error(`no grammar is shipped for ${key}`);
    const { file, pkg } = entry;
    if (bundleDir) {
      const candidate = path.join(bundleDir, file);
      if (fs.existsSync(candidate)) return fs.promises.readFile(candidate);
    }
    return fs.promises.readFile(require.resolve(pkg));
  };
  return { runtime: () => read('runtime'), grammar: (name) => read(name) };
}
