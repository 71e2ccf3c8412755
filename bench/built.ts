/** The built server and CLI the latency, memory and peer sections run, as an editor and CI would. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const SERVER_JS = path.join(ROOT, 'dist/server.js');
export const CLI_JS = path.join(ROOT, 'dist/cli.js');
/** The analysis worker both of them run the engine in. */
export const WORKER_JS = path.join(ROOT, 'dist/worker.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The bench does not build (others may be mid-change): it refuses a missing bundle, and returns a warning for a
 * stale one.
 */
export function checkBuilt(): string | undefined {
  for (const f of [SERVER_JS, CLI_JS, WORKER_JS]) if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run npm run build first`);
  const built = Math.min(...[SERVER_JS, CLI_JS, WORKER_JS].map((f) => fs.statSync(f).mtimeMs));
  return newestMtime(path.join(ROOT, 'server/src')) > built
    ? 'warning: server/src has changed since dist/ was built; the server sections measure the older build (npm run build)'
    : undefined;
}
