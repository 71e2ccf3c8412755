/**
 * Protocol tests for clients other than VS Code and for input that must not stall or break the server: odd answers
 * to workspace/configuration, malformed requests, a file over its time budget, broken repository settings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';

const SERVERLESS = 'Resources:\n  Jobs:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      ServerlessCacheName: jobs\n      Engine: valkey\n      SnapshotRetentionLimit: 1\n      UserGroupId: users\n';
const KEYS_PY = 'import redis\nr = redis.Redis()\nr.keys("job:*")\n';
// TLS off, the finding these tests count; backups, a user group, failover, Multi-AZ and a subnet group on, so that it stays the only one.
const TEMPLATE = 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: c\n      SnapshotRetentionLimit: 1\n      UserGroupIds: [users]\n      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n      CacheSubnetGroupName: private\n';

/** A workspace on disk, a client, and cleanup. */
async function withWorkspace(files: Record<string, string>, client: TestClient, init: Parameters<TestClient['initialize']>[1], body: (dir: string) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-robust-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    await client.initialize(dir, init);
    await body(dir);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const NO_CONFIGURATION = { textDocument: { publishDiagnostics: { versionSupport: true } } };
const variants: [string, TestClient['settings'] | 'no-capability', () => TestClient][] = [
  ['null (Neovim with no settings)', null, () => new TestClient({ answerConfiguration: () => null })],
  ['[] (no item answered)', [], () => new TestClient({ answerConfiguration: () => [] })],
  ['{} (not a list)', {}, () => new TestClient({ answerConfiguration: () => ({}) })],
  ['[null]', [null], () => new TestClient({ answerConfiguration: () => [null] })],
  ['an error', 'error', () => new TestClient({ answerConfiguration: () => { throw new Error('no settings here'); } })],
  ['no configuration capability', 'no-capability', () => new TestClient()],
];

for (const [name, , make] of variants) {
  test(`workspace/configuration answered with ${name}: settings are empty, the scan infers the context, Analyze Workspace works`, async () => {
    const client = make();
    const init = name === 'no configuration capability' ? { capabilities: NO_CONFIGURATION } : {};
    await withWorkspace({ 'infra/jobs.yaml': SERVERLESS, 'infra/rg.yaml': SERVERLESS.replace('Jobs', 'More') }, client, init, async (dir) => {
      const u = pathToFileURL(path.join(dir, 'worker.py')).href;
      await client.open(u, 'python', KEYS_PY, 1);
      // Error, not warning: the background template scan ran and found the serverless caches.
      const [d] = await client.diagnosticsFor(u, (ds) => ds.length === 1 && ds[0].severity === 1);
      assert.equal(d.code, 'keys-command');
      assert.equal(d.range.start.line, 2);
      const summary = await client.connection.sendRequest('cachelint/analyzeWorkspace') as { files: number; findings: number; errors: number };
      assert.deepEqual([summary.files, summary.findings, summary.errors], [2, 0, 0]);
      assert.deepEqual(client.shown, [], 'an empty configuration is not a problem to show');
      assert.ok(!client.logs.some((l) => /TypeError|Cannot read properties/.test(l)), client.logs.join('\n'));
    });
  });
}

test('malformed requests get -32602 with a sentence, and the server keeps answering', async () => {
  const client = new TestClient();
  await withWorkspace({}, client, {}, async (dir) => {
    const u = pathToFileURL(path.join(dir, 't.yaml')).href;
    await client.open(u, 'yaml', TEMPLATE, 1);
    await client.diagnosticsFor(u, (ds) => ds.length === 1, 1);
    const cases: [string, unknown, RegExp][] = [
      ['textDocument/hover', { textDocument: { uri: u } }, /params\.position must be an object/],
      ['textDocument/hover', { textDocument: {}, position: { line: 0, character: 0 } }, /params\.textDocument\.uri must be a string/],
      ['textDocument/hover', { textDocument: { uri: u }, position: { line: -1, character: 'x' } }, /params\.position\.line must be a whole number/],
      // vscode-jsonrpc sends a null as `[null]`; the protocol layer answers -32602 for parameters by position.
      ['textDocument/hover', null, /received parameters by position/],
      ['textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 } }, context: { diagnostics: [] } }, /params\.range\.end must be an object/],
      ['textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: {} }, /params\.context\.diagnostics must be a list/],
      ['cachelint/ruleDocumentation', { ruleId: 42 }, /params\.ruleId must be a string/],
      ['cachelint/ruleDocumentation', undefined, /params must be an object/],
    ];
    for (const [method, params, message] of cases) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code: number; message: string }) => {
        assert.equal(e.code, -32602, `${method} ${JSON.stringify(params)}: ${e.message}`);
        assert.match(e.message, message);
        assert.doesNotMatch(e.message, /TypeError|Cannot read/);
        return true;
      });
    }
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 3 } }) as { contents: { value: string } };
    assert.match(hover.contents.value, /transit-encryption-disabled/);
    assert.equal(client.exitCode, null);
  });
});

test('a file over its time budget gets one message and no findings; other documents are answered meanwhile', async () => {
  const client = new TestClient();
  // Megabytes of redis-py calls: analysing it takes seconds, far over a 300 ms budget.
  const slow = 'import redis\nr = redis.Redis()\n' + Array.from({ length: 60_000 }, (_, i) => `def f${i}(k):\n    r.set(f"user:{k}:${i}", 1)\n`).join('\n');
  await withWorkspace({ '.cachelint.json': JSON.stringify({ maxFileSizeKb: 20_000 }) }, client, { initializationOptions: { timeBudgetMs: 300 } }, async (dir) => {
    const small = pathToFileURL(path.join(dir, 'small.yaml')).href;
    await client.open(small, 'yaml', TEMPLATE, 1);
    await client.diagnosticsFor(small, (ds) => ds.length === 1, 1);

    const big = pathToFileURL(path.join(dir, 'big.py')).href;
    const events: string[] = [];
    await client.open(big, 'python', slow, 1);
    const bigDone = client.diagnosticsFor(big, () => true, 1, 30_000).then((ds) => { events.push('big'); return ds; });
    // The server's event loop is free while the worker chews: a hover on another document comes back first.
    await new Promise((r) => setTimeout(r, 50));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 1, character: 3 } }) as { contents: { value: string } };
    events.push('hover');
    assert.match(hover.contents.value, /transit-encryption-disabled/);
    assert.deepEqual(await bigDone, []);
    assert.deepEqual(events, ['hover', 'big']);
    const message = client.shown.filter((m) => /big\.py/.test(m));
    assert.deepEqual(message, ['cachelint: big.py was not analysed — analysis took longer than 0.3 s and was stopped (generated or pathological input?)']);

    // The worker was replaced: the next edit of a small document is analysed as usual.
    await client.change(small, 2, TEMPLATE.replace('c\n', 'cache\n'));
    assert.equal((await client.diagnosticsFor(small, () => true, 2)).length, 1);
    const stats = await client.connection.sendRequest('cachelint/stats') as { analyses: { uri: string; status: string; analysisMs: number }[] };
    assert.deepEqual(stats.analyses.filter((s) => s.uri === big).map((s) => s.status), ['timeout']);
    assert.ok(stats.analyses.filter((s) => s.uri === small).every((s) => s.status === 'done' && s.analysisMs >= 0));
  });
});

test('a broken .cachelint.json is shown once, naming the file and the key, and defaults apply', async () => {
  const client = new TestClient();
  await withWorkspace({ '.cachelint.json': JSON.stringify({ rulez: { 'transit-encryption-disabled': 'off' }, defaultTtlSeconds: 1.5 }) }, client, {}, async (dir) => {
    const a = pathToFileURL(path.join(dir, 'a.yaml')).href;
    const b = pathToFileURL(path.join(dir, 'b.yaml')).href;
    await client.open(a, 'yaml', TEMPLATE, 1);
    await client.open(b, 'yaml', TEMPLATE, 1);
    // The misspelt key turns nothing off: the finding stays.
    assert.equal((await client.diagnosticsFor(a, (ds) => ds.length === 1, 1))[0].code, 'transit-encryption-disabled');
    await client.diagnosticsFor(b, (ds) => ds.length === 1, 1);
    const config = path.join(dir, '.cachelint.json');
    assert.deepEqual(client.shown.sort(), [
      `cachelint: ${config}: "defaultTtlSeconds" must be a whole number of seconds from 1 to 31,536,000, got 1.5`,
      `cachelint: ${config}: unknown setting "rulez" (did you mean "rules"?); known settings: enable, rules, ignore, context, maxFileSizeKb, defaultTtlSeconds, clients`,
    ]);
  });
});

test('a minified bundle is said once as a notice and gets no diagnostics, however often it changes', async () => {
  const client = new TestClient();
  await withWorkspace({}, client, {}, async (dir) => {
    const u = pathToFileURL(path.join(dir, 'bundle.js')).href;
    const filler = Array.from({ length: 2000 }, (_, i) => `function f${i}(a){return a+${i}}`).join(';');
    const bundle = `import Redis from"ioredis";const r=new Redis;r.keys("*");var v="Valkey";${filler}\n`;
    await client.open(u, 'javascript', bundle, 1);
    assert.deepEqual(await client.diagnosticsFor(u, () => true, 1), []);
    await client.change(u, 2, bundle + '//\n');
    assert.deepEqual(await client.diagnosticsFor(u, () => true, 2), []);
    assert.deepEqual(client.shown.filter((m) => /bundle\.js/.test(m)), [`cachelint: bundle.js was not analysed — minified: a ${(bundle.length - 1).toLocaleString('en-US')}-character line`]);
  });
});
