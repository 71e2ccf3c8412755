/** Node hosts (CLI, server, tests) read grammar wasm files from disk and hand the bytes to the engine. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GrammarName, GrammarSource } from '../engine/grammars';

/** File names inside the bundle's `grammars/` folder, and the npm package each comes from in a source checkout. */
export const GRAMMAR_FILES: Record<GrammarName | 'runtime', { file: string; pkg: string }> = {
  runtime: { file: 'web-tree-sitter.wasm', pkg: 'web-tree-sitter/web-tree-sitter.wasm' },
  python: { file: 'tree-sitter-python.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm' },
  javascript: { file: 'tree-sitter-javascript.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm' },
  typescript: { file: 'tree-sitter-typescript.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm' },
  tsx: { file: 'tree-sitter-tsx.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-tsx.wasm' },
  java: { file: 'tree-sitter-java.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-java.wasm' },
  go: { file: 'tree-sitter-go.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm' },
  'c-sharp': { file: 'tree-sitter-c-sharp.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-c-sharp.wasm' },
  ruby: { file: 'tree-sitter-ruby.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-ruby.wasm' },
  php: { file: 'tree-sitter-php.wasm', pkg: '@vscode/tree-sitter-wasm/wasm/tree-sitter-php.wasm' },
  terraform: { file: 'tree-sitter-terraform.wasm', pkg: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm' },
};

/**
 * Looks in `bundleDir` (the built extension's `dist/grammars`) first, then in node_modules for a source checkout.
 */
export function nodeGrammarSource(bundleDir?: string): GrammarSource {
  const read = async (key: GrammarName | 'runtime'): Promise<Uint8Array> => {
    const { file, pkg } = GRAMMAR_FILES[key];
    if (bundleDir) {
      const candidate = path.join(bundleDir, file);
      if (fs.existsSync(candidate)) return fs.promises.readFile(candidate);
    }
    return fs.promises.readFile(require.resolve(pkg));
  };
  return { runtime: () => read('runtime'), grammar: (name) => read(name) };
}
