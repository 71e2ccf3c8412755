/**
 * cachelint never calls the network. The built server and CLI run under a preload that records every attempt to
 * open a socket (test/support/no-network.cjs); the preload is first shown to catch each way of reaching the network,
 * in the main thread, in a worker thread with its own execArgv and in a child process, so that its silence about
 * the server means something.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';

const ROOT = path.resolve(__dirname, '../..');
const PRELOAD = path.join(ROOT, 'test/support/no-network.cjs');

interface Entry { type: 'loaded' | 'attempt'; api?: string; target?: string; pid: number; thread: number; main: boolean }

let dir: string;
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-net-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function readLog(file: string): Entry[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry);
}

const attempts = (log: Entry[]) => log.filter((e) => e.type === 'attempt').map((e) => `${e.api} ${e.target}`);

/** Every API the guard covers, each tried once; a worker thread given execArgv [] and a child process try too. */
const TRIES = String.raw`
const quiet = async (f) => { try { await f(); } catch {} };
(async () => {
  const net = require('node:net');
  await quiet(() => net.connect(9, '127.0.0.1'));
  await quiet(() => new net.Socket().connect(9, '127.0.0.1'));
  await quiet(() => net.createConnection({ port: 9, host: '127.0.0.1' }));
  await quiet(() => net.createServer().listen(0));
  await quiet(() => require('node:tls').connect(9, '127.0.0.1'));
  await quiet(() => require('node:dgram').createSocket('udp4'));
  await quiet(() => require('node:http').get('http://127.0.0.1:9/'));
  await quiet(() => require('node:https').request('https://127.0.0.1:9/'));
  await quiet(() => require('node:dns').lookup('example.com', () => {}));
  await quiet(() => require('node:dns').promises.resolve4('example.com'));
  await quiet(() => new (require('node:dns').Resolver)().resolveTxt('example.com', () => {}));
  await quiet(() => fetch('http://127.0.0.1:9/'));
  if (typeof WebSocket === 'function') await quiet(() => new WebSocket('ws://127.0.0.1:9/'));
  const { Worker } = require('node:worker_threads');
  await new Promise((done) => {
    const w = new Worker("try { require('node:net').connect(9, '127.0.0.1'); } catch {}", { eval: true, execArgv: [] });
    w.on('exit', done);
    w.on('error', done);
  });
  require('node:child_process').execFileSync(process.execPath, ['-e', "try { require('node:http').get('http://127.0.0.1:9/'); } catch {}"]);
})();
`;

test('the guard records every way of reaching the network, also in a worker thread and a child process', () => {
  const log = path.join(dir, 'detector.jsonl');
  const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', TRIES], { env: { ...process.env, CACHELINT_NET_LOG: log }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const entries = readLog(log);
  const main = entries.find((e) => e.type === 'loaded' && e.main)!;
  const seen = new Set(entries.filter((e) => e.type === 'attempt').map((e) => `${e.api}${e.main ? '' : ' (worker)'}${e.pid === main.pid ? '' : ' (child)'}`));
  const expected = [
    'net.connect', 'net.Socket.connect', 'net.createConnection', 'net.Server.listen', 'tls.connect', 'dgram.createSocket',
    'http.get', 'https.request', 'dns.lookup', 'dns.promises.resolve4', 'dns.Resolver.resolveTxt', 'fetch',
    ...(typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function' ? ['WebSocket'] : []),
    'net.connect (worker)', 'http.get (child)',
  ];
  assert.deepEqual(expected.filter((api) => !seen.has(api)), [], `recorded: ${[...seen].join(', ')}`);
  assert.ok(entries.some((e) => e.type === 'loaded' && !e.main), 'the preload did not load in the worker');
});

test('the built server makes no network attempt: initialize, open templates and code, hover, code actions, analyze the workspace', async () => {
  const log = path.join(dir, 'server.jsonl');
  const ws = path.join(dir, 'ws');
  fs.cpSync(path.join(ROOT, 'examples'), ws, { recursive: true });
  // TestClient starts the server with this process's environment: the preload rides on NODE_OPTIONS.
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, CACHELINT_NET_LOG: process.env.CACHELINT_NET_LOG };
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${JSON.stringify(PRELOAD)}`.trim();
  process.env.CACHELINT_NET_LOG = log;
  const client = new TestClient();
  process.env.NODE_OPTIONS = saved.NODE_OPTIONS;
  process.env.CACHELINT_NET_LOG = saved.CACHELINT_NET_LOG;
  if (saved.NODE_OPTIONS === undefined) delete process.env.NODE_OPTIONS;
  if (saved.CACHELINT_NET_LOG === undefined) delete process.env.CACHELINT_NET_LOG;
  try {
    await client.initialize(ws);
    const files: [string, string][] = [
      ['cloudformation/sessions.yaml', 'yaml'], ['cloudformation/leaderboard.json', 'json'], ['terraform/main.tf', 'terraform'],
      ['app/sessions.py', 'python'], ['app/cart.ts', 'typescript'],
    ];
    for (const [file, languageId] of files) {
      const uri = pathToFileURL(path.join(ws, file)).href;
      await client.open(uri, languageId, fs.readFileSync(path.join(ws, file), 'utf8'));
      const [d] = await client.diagnosticsFor(uri, (ds) => ds.length > 0);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start }) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', new RegExp(`\`${d.code}\``), `hover on ${file}`);
      const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as { title: string }[];
      assert.ok(actions.length > 0, `no code action on ${file}`);
    }
    const summary = await client.connection.sendRequest('cachelint/analyzeWorkspace') as { files: number; findings: number };
    assert.equal(summary.files, files.length);
    assert.ok(summary.findings > 0);
    const rules = await client.connection.sendRequest('cachelint/rules') as { id: string }[];
    const doc = await client.connection.sendRequest('cachelint/ruleDocumentation', { ruleId: rules[0].id }) as { markdown: string | null };
    assert.ok(doc.markdown);
  } finally {
    await client.stop();
  }
  const entries = readLog(log);
  assert.deepEqual(attempts(entries), []);
  assert.ok(entries.some((e) => e.type === 'loaded' && e.main), 'the preload did not load in the server');
  // The server analyses in worker threads: the guard must have been inside them, not only around them.
  assert.ok(entries.some((e) => e.type === 'loaded' && !e.main), 'the preload did not load in the analysis worker');
});

test('the built CLI makes no network attempt on examples/', () => {
  const log = path.join(dir, 'cli.jsonl');
  const r = spawnSync(process.execPath, ['--require', PRELOAD, path.join(ROOT, 'dist/cli.js'), '--format', 'json', '--fail-on', 'none', path.join(ROOT, 'examples')], { env: { ...process.env, CACHELINT_NET_LOG: log }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { files: unknown[]; findings: unknown[] };
  assert.equal(out.files.length, 5);
  assert.ok(out.findings.length > 0);
  const entries = readLog(log);
  assert.deepEqual(attempts(entries), []);
  assert.ok(entries.some((e) => e.type === 'loaded' && !e.main), 'the preload did not load in the CLI\'s analysis worker');
});
