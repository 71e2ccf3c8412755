// Bundles the in-editor test module (suite/index.ts) to .out/suite.js: CommonJS, Node platform, `vscode` external.
// VS Code loads it in the extension host and calls its exported run().
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const suiteOut = path.join(here, '.out', 'suite.js');

export async function buildSuite() {
  await build({
    entryPoints: [path.join(here, 'suite', 'index.ts')],
    outfile: suiteOut,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return suiteOut;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSuite();
  console.log(path.relative(process.cwd(), suiteOut));
}
