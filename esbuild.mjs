// Bundles the extension client, the language server and the CLI, and copies the wasm grammars beside them.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// web-tree-sitter's ESM build reads import.meta.url, which esbuild empties in a CJS bundle; its CJS build does not.
const webTreeSitterCjs = require.resolve('web-tree-sitter'); // the "require" condition: web-tree-sitter.cjs

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': webTreeSitterCjs },
};

const builds = [
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/server.ts' } },
  // The engine runs here, in worker threads of the server and the CLI, under a time budget per file.
  { entryPoints: { worker: 'server/src/host/analysisWorker.ts' } },
  { entryPoints: { cli: 'server/src/cli.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

fs.mkdirSync('dist/grammars', { recursive: true });
const grammarFiles = JSON.parse(fs.readFileSync('server/src/host/grammar-files.json', 'utf8'));
for (const { file, pkg } of Object.values(grammarFiles)) {
  fs.copyFileSync(require.resolve(pkg), path.join('dist/grammars', file));
}

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b, outdir: 'dist' })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, outdir: 'dist' })));
  fs.chmodSync('dist/cli.js', 0o755);
}
