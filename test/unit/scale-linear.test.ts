/**
 * Linear in the input: client constructions and imports by the thousand in one file, and re-export chains across
 * thousands of files. Each shape is analysed at 1× and 4×; the 4× input must take well under 16× as long (the
 * bound is loose on purpose: a quadratic pass shows as ~16×, machine noise as well under 8×).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, type FileAnalysis } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import type { SourceFile } from '../../server/src/engine/types';
import { ModuleGraph } from '../../server/src/engine/moduleGraph';
import type { CodeModuleSummary, Denotes } from '../../server/src/model/code-modules';
import { nodeGrammarSource } from '../../server/src/host/nodeGrammars';

const analyzer = new Analyzer(nodeGrammarSource());
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const RATIO = 8;

/** The faster of two runs (the first of a size also warms the code it reaches), in ms. */
async function best(run: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
}

async function linear(shape: (n: number) => () => Promise<unknown>, n: number): Promise<string> {
  await shape(10)();
  const small = await best(shape(n));
  const large = await best(shape(4 * n));
  // A floor of 20 ms keeps a fast small run from turning scheduling noise into a ratio.
  const ratio = large / Math.max(small, 20);
  const said = `${n}: ${small.toFixed(0)} ms, ${4 * n}: ${large.toFixed(0)} ms (×${ratio.toFixed(1)})`;
  assert.ok(ratio < RATIO, said);
  return said;
}

const one = (path: string, text: string) => async (): Promise<FileAnalysis> => {
  const r = await analyzer.analyzeFile({ path, text }, DEFAULT_SETTINGS);
  assert.ok(r, `${path} analysed`);
  assert.deepEqual(r.errors, []);
  return r;
};

test('Python: 5,000 client constructions with options, each used', { timeout: 300_000 }, async (t) => {
  t.diagnostic(await linear((n) => one('/w/app/clients.py', `import redis\n${lines(n, (i) => `c${i} = redis.Redis(host="cache-${i}.example.com", port=6379, ssl=True, socket_timeout=2)\nc${i}.set("k${i}", 1, ex=60)`)}\n`), 1250));
});

test('TypeScript: 5,000 client constructions with options, each used', { timeout: 300_000 }, async (t) => {
  t.diagnostic(await linear((n) => one('/w/src/clients.ts', `import Redis from 'ioredis';\n${lines(n, (i) => `const c${i} = new Redis({ host: 'cache-${i}.example.com', port: 6379, tls: {}, commandTimeout: 2000 });\nawait c${i}.set('k${i}', '1', 'EX', 60);`)}\n`), 1250));
});

test('Python and TypeScript: 5,000 imports in one file', { timeout: 300_000 }, async (t) => {
  t.diagnostic(await linear((n) => one('/w/app/imports.py', `import redis\n${lines(n, (i) => `from app.m${i} import x${i} as y${i}`)}\nr = redis.Redis()\nr.set("k", 1, ex=5)\n`), 1250));
  t.diagnostic(await linear((n) => one('/w/src/imports.ts', `import Redis from 'ioredis';\n${lines(n, (i) => `import { x${i} as y${i} } from './m${i}';`)}\nconst r = new Redis();\nawait r.set('k', '1', 'EX', 5);\n`), 1250));
});

const CLIENT: Denotes = { kind: 'client', client: { library: 'ioredis', cluster: false }, origin: { index: 0 } };
const star = (module: string) => ({ module, names: [{ imported: '*', local: '*' }], reexport: true });

/** A client made in m0 and re-exported down a chain of n files, each of which also imports and uses it. */
function chain(n: number, reexport: (i: number) => string): SourceFile[] {
  const out: SourceFile[] = [{ path: '/w/src/m0.ts', text: `import Redis from 'ioredis';\nexport const client = new Redis(process.env.REDIS_URL);\n` }];
  for (let i = 1; i < n; i++) out.push({ path: `/w/src/m${i}.ts`, text: `${reexport(i - 1)}\nimport { client } from './m${i - 1}';\nexport async function touch${i}() { await client.set('k${i}', '1'); }\n` });
  return out;
}

test('a 4,000-deep re-export chain across files (export * and export { x } from)', { timeout: 300_000 }, async (t) => {
  for (const reexport of [(p: number) => `export * from './m${p}';`, (p: number) => `export { client } from './m${p}';`]) {
    t.diagnostic(await linear((n) => async () => {
      const { results } = await analyzer.analyzeWorkspace(chain(n, reexport), DEFAULT_SETTINGS, { enabled: true });
      assert.equal(results.length, n);
    }, 1000));
  }
});

/**
 * The graph alone, down a 4,000-file `export { client } from` chain asked in file order: a remembered answer used to
 * be reused at any depth, so each file's answer read the whole chain below it (8 M file reads; 26 s to analyse the files) and the hop
 * limit held only for whoever asked first. Now each file reads at most the limit's worth, whatever the order.
 */
test('a 4,000-file re-export chain: each lookup reads at most the hop limit of files, in any order', { timeout: 60_000 }, () => {
  const n = 4000;
  const summaries: CodeModuleSummary[] = [{ path: '/w/m0.ts', language: 'typescript', exports: { client: CLIENT }, imports: [] }];
  for (let i = 1; i < n; i++) {
    summaries.push({ path: `/w/m${i}.ts`, language: 'typescript', exports: {}, imports: [
      { module: `./m${i - 1}`, names: [{ imported: 'client', local: 'client' }], reexport: true },
      { module: `./m${i - 1}`, names: [{ imported: 'client', local: 'client' }] },
    ] });
  }
  const seen = (order: number[]) => {
    const g = new ModuleGraph(summaries);
    let reads = 0;
    const found = new Map<number, boolean>();
    for (const i of order) { const l = g.linksOf(`/w/m${i}.ts`); reads += l.dependsOn.length; found.set(i, l.imported.length > 0); }
    return { reads, found: [...found].sort((a, b) => a[0] - b[0]).map(([, f]) => f) };
  };
  const forward = seen(Array.from({ length: n }, (_, i) => i));
  const backward = seen(Array.from({ length: n }, (_, i) => n - 1 - i));
  assert.ok(forward.reads < 20 * n, `${forward.reads} file reads`);
  assert.deepEqual(forward.found, backward.found);
  // Near the client it is found; far down the chain it is past the limit, and nothing is said.
  assert.deepEqual([forward.found[1], forward.found[10], forward.found[n - 1]], [true, true, false]);
});


/**
 * Barrels `export *` from four barrels of the level below, and the bottom one re-exports the top: a cycle under
 * every path. Answers a cycle cut short were not remembered, so each of the width^depth paths was walked afresh
 * (16 s three wide; four wide never finished). The lookup is synchronous: a regression hangs the run.
 */
test('re-export barrels four wide, fifteen deep, with a cycle: one lookup stays linear', { timeout: 20_000 }, () => {
  const depth = 15, width = 4;
  const at = (level: number, k: number) => `/w/l${level}_${k}.ts`;
  const summaries: CodeModuleSummary[] = [{ path: '/w/base.ts', language: 'typescript', exports: { client: CLIENT }, imports: [star(`./l${depth}_0`)] }];
  for (let level = 1; level <= depth; level++) {
    for (let k = 0; k < width; k++) {
      const below = level === 1 ? ['./base'] : Array.from({ length: width }, (_, j) => `./l${level - 1}_${j}`);
      summaries.push({ path: at(level, k), language: 'typescript', exports: {}, imports: below.map(star) });
    }
  }
  summaries.push({ path: '/w/use.ts', language: 'typescript', exports: {}, imports: [{ module: './l14_0', names: [{ imported: 'missing', local: 'missing' }, { imported: 'client', local: 'client' }] }] });
  const { imported } = new ModuleGraph(summaries).linksOf('/w/use.ts');
  assert.deepEqual(imported.map((i) => `${i.key}=${i.denotes.kind}@${i.denotes.kind === 'client' ? i.denotes.origin?.path : ''}`), ['client=client@/w/base.ts']);
});
