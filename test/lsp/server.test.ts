/** Protocol tests: the built server over stdio, driven the way an editor drives it. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, type Diag } from './client';
import { applyEdits } from '../support/analyze';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  SessionCache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: valkey
      NumCacheClusters: 2
      AutomaticFailoverEnabled: true
      MultiAZEnabled: true
      CacheSubnetGroupName: private
      CacheNodeType: cache.r7g.large
      SnapshotRetentionLimit: 1
      UserGroupIds: [users]
  SecureCache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: !Sub '\${AWS::StackName} secure'
      TransitEncryptionEnabled: true
      SnapshotRetentionLimit: 1
      UserGroupIds: [users]
      NumCacheClusters: 2
      AutomaticFailoverEnabled: true
      MultiAZEnabled: true
      CacheSubnetGroupName: private
`;

const APP_PY = `import redis

r = redis.Redis(host="cache.example.internal", port=6379, ssl=True)


def purge_sessions():
    for key in r.keys("session:*"):
        r.delete(key)


def remember(user_id, profile):
    r.set(f"profile:{user_id}", profile)
`;

let ws: string;
let client: TestClient;
const uri = (name: string) => pathToFileURL(path.join(ws, name)).href;
const codes = (ds: Diag[]) => ds.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();

async function codeActions(docUri: string, d: Diag) {
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: docUri }, range: d.range, context: { diagnostics: [d] } }) as Promise<{ title: string; edit?: { changes: Record<string, { range: Diag['range']; newText: string }[]> }; command?: { command: string; arguments: unknown[] } }[]>;
}

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-'));
  client = new TestClient();
  const init = await client.initialize(ws) as { capabilities: Record<string, unknown> };
  assert.equal(init.capabilities.hoverProvider, true);
});

after(async () => {
  await client.stop();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('CloudFormation: diagnostic with rule id, docs link and fix data; the quick-fix clears it', async () => {
  const u = uri('template.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  const diags = await client.diagnosticsFor(u, (d) => d.length > 0, 1);
  assert.deepEqual(codes(diags), ['transit-encryption-disabled@3:3']);
  const d = diags[0];
  assert.equal(d.source, 'cachelint');
  assert.equal(d.severity, 1);
  assert.match(d.codeDescription!.href, /knowledge\/rules\/transit-encryption-disabled\.md$/);
  assert.equal(d.data!.ruleId, 'transit-encryption-disabled');

  const actions = await codeActions(u, d);
  assert.deepEqual(actions.map((a) => a.title), [
    'Set TransitEncryptionEnabled to true',
    'Set TransitEncryptionEnabled to true with TransitEncryptionMode "preferred" (online migration of a live group)',
    'Disable transit-encryption-disabled for this line',
    'Disable transit-encryption-disabled for this file',
    'Show documentation for transit-encryption-disabled',
  ]);
  assert.equal(actions.find((a) => a.title.startsWith('Show documentation'))!.command!.command, 'cachelint.showRuleDocumentation');
  const fixed = applyEdits(TEMPLATE, actions[0].edit!.changes[u]);
  assert.match(fixed, /      CacheNodeType: cache\.r7g\.large\n      SnapshotRetentionLimit: 1\n      UserGroupIds: \[users\]\n      TransitEncryptionEnabled: true\n  SecureCache:/);
  await client.change(u, 2, fixed);
  assert.deepEqual(await client.diagnosticsFor(u, () => true, 2), []);
});

test('a fix computed for an older version of the document is refused', async () => {
  const u = uri('stale.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  const [d] = await client.diagnosticsFor(u, (ds) => ds.length > 0, 1);
  // Typing moves the text on: version 2 inserts a line above the resource.
  await client.change(u, 2, TEMPLATE.replace('Resources:\n', 'Resources:\n  # sessions\n'));
  await client.diagnosticsFor(u, (ds) => ds.length > 0, 2);
  const titles = (await codeActions(u, d)).map((a) => a.title);
  assert.ok(!titles.includes('Set TransitEncryptionEnabled to true'), `stale fix offered: ${titles}`);
  assert.ok(titles.includes('Show documentation for transit-encryption-disabled'));
});

test('disable-for-this-line inserts a suppression comment that silences the finding', async () => {
  const u = uri('suppress.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  const [d] = await client.diagnosticsFor(u, (ds) => ds.length > 0, 1);
  const action = (await codeActions(u, d)).find((a) => a.title === 'Disable transit-encryption-disabled for this line')!;
  const text = applyEdits(TEMPLATE, action.edit!.changes[u]);
  assert.match(text, /\n  # cachelint-disable-next-line transit-encryption-disabled\n  SessionCache:\n/);
  await client.change(u, 2, text);
  assert.deepEqual(await client.diagnosticsFor(u, () => true, 2), []);
});

test('hover over a finding shows the message and the rule documentation', async () => {
  const u = uri('hover.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  await client.diagnosticsFor(u, (ds) => ds.length > 0, 1);
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: 5 } }) as { contents: { kind: string; value: string } };
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /`transit-encryption-disabled`/);
  assert.match(hover.contents.value, /does not encrypt traffic in transit/);
  assert.match(hover.contents.value, /Default: false/); // from knowledge/rules/transit-encryption-disabled.md
  const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
  assert.equal(none, null);
});

test('Python: KEYS and a SET without TTL are reported; the SCAN quick-fix clears keys-command', async () => {
  const u = uri('app.py');
  await client.open(u, 'python', APP_PY, 1);
  const diags = await client.diagnosticsFor(u, (d) => d.length > 0, 1);
  assert.deepEqual(codes(diags), ['keys-command@7:18', 'missing-ttl@12:7']);
  const keys = diags.find((d) => d.code === 'keys-command')!;
  const fix = (await codeActions(u, keys))[0];
  assert.match(fix.title, /scan_iter/);
  const fixed = applyEdits(APP_PY, fix.edit!.changes[u]);
  assert.match(fixed, /for key in list\(r\.scan_iter\(match="session:\*"\)\):/);
  await client.change(u, 2, fixed);
  assert.deepEqual(codes(await client.diagnosticsFor(u, () => true, 2)), ['missing-ttl@12:7']);
});

test('TypeScript: a client construction fix over the protocol (tls-verification-disabled removes the override)', async () => {
  const u = uri('cache-client.ts');
  const text = "import Redis from 'ioredis';\n\nexport const redis = new Redis({\n  host: process.env.CACHE_HOST,\n  tls: {\n    rejectUnauthorized: false,\n  },\n});\n";
  await client.open(u, 'typescript', text, 1);
  const diags = await client.diagnosticsFor(u, (d) => d.length > 0, 1);
  assert.deepEqual(codes(diags), ['tls-verification-disabled@6:5']);
  const fix = (await codeActions(u, diags[0]))[0];
  assert.match(fix.title, /^Remove the override/);
  const fixed = applyEdits(text, fix.edit!.changes[u]);
  assert.equal(fixed, text.replace('    rejectUnauthorized: false,\n', ''));
  await client.change(u, 2, fixed);
  assert.deepEqual(codes(await client.diagnosticsFor(u, () => true, 2)), []);
});

test('settings: a rule turned off in the editor settings disappears after a configuration change', async () => {
  const u = uri('settings.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  await client.diagnosticsFor(u, (ds) => ds.length > 0, 1);
  client.settings = { rules: { 'transit-encryption-disabled': 'off' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.diagnosticsFor(u, (ds) => ds.length === 0);
  client.settings = { rules: { 'transit-encryption-disabled': 'loud' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.diagnosticsFor(u, (ds) => ds.length === 1);
  assert.ok(client.shown.some((m) => /severity "loud"/.test(m)), `bad setting not reported: ${client.shown}`);
  client.settings = {};
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
});

test('bad input never takes the server down', async () => {
  const inputs: [string, string, string][] = [
    ['broken.yaml', 'yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties: [unclosed\n'],
    ['binary.yaml', 'yaml', 'AWSTemplateFormatVersion\u0000\u0001\u0002 garbage'],
    ['huge.yaml', 'yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n' + '# filler\n'.repeat(200_000)],
    ['deep.json', 'json', '['.repeat(50_000)],
    ['weird.py', 'python', 'def (:\n  r.keys(\n\u0000'],
    ['untitled.ts', 'typescript', 'const x = `${'],
  ];
  for (const [name, lang, text] of inputs) await client.open(uri(name), lang, text, 1);
  // The server still answers, and still analyses a good document after the bad ones.
  const u = uri('after-bad.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  assert.deepEqual(codes(await client.diagnosticsFor(u, (d) => d.length > 0, 1)), ['transit-encryption-disabled@3:3']);
  assert.equal(client.exitCode, null);
});

test('custom requests: rule list and rule documentation', async () => {
  const rules = await client.connection.sendRequest('cachelint/rules') as { id: string }[];
  assert.deepEqual(rules.map((r) => r.id).sort(), [
    'at-rest-encryption-disabled',
    'auth-disabled',
    'auth-token-exposed',
    'automatic-failover-disabled',
    'backups-disabled',
    'blocking-without-timeout',
    'burstable-node-type',
    'client-per-call',
    'cross-slot-keys',
    'default-subnet-group',
    'engine-version-outdated',
    'eviction-policy-risky',
    'flush-command',
    'hardcoded-credentials',
    'keys-command',
    'kms-customer-key-missing',
    'lock-without-expiry',
    'minor-version-upgrade-disabled',
    'missing-hash-tag',
    'missing-ttl',
    'multi-az-disabled',
    'password-not-required',
    'plaintext-connection',
    'previous-generation-node-type',
    'public-ingress',
    'reserved-memory-too-low',
    'restricted-command',
    'select-database',
    'service-limit-exceeded',
    'tls-verification-disabled',
    'transit-encryption-disabled',
    'transit-encryption-preferred',
    'unbounded-read',
    'unknown-node-type',
  ]);
  const doc = await client.connection.sendRequest('cachelint/ruleDocumentation', { ruleId: 'keys-command' }) as { markdown: string };
  assert.match(doc.markdown, /^# keys-command/);
  const missing = await client.connection.sendRequest('cachelint/ruleDocumentation', { ruleId: '../../etc/passwd' }) as { markdown: string | null };
  assert.equal(missing.markdown, null);
});

test('templates on disk that were never opened set the context of code rules (serverless: KEYS is an error)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-ctx-'));
  const other = new TestClient();
  try {
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra', 'jobs.yaml'), 'Resources:\n  Jobs:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      ServerlessCacheName: jobs\n      Engine: valkey\n      SnapshotRetentionLimit: 1\n      UserGroupId: users\n');
    fs.writeFileSync(path.join(dir, 'infra', 'ignored.yaml'), 'Resources:\n  Old:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: old\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'infra/ignored.yaml\n');
    await other.initialize(dir);
    const u = pathToFileURL(path.join(dir, 'worker.py')).href;
    await other.open(u, 'python', 'import redis\nr = redis.Redis()\nr.keys("job:*")\n', 1);
    const diags = await other.diagnosticsFor(u, (d) => d.length === 1 && d[0].severity === 1);
    assert.match(diags[0].message, /Serverless does not support KEYS/);
    assert.ok(other.logs.some((l) => /workspace context from 1 template/.test(l)), other.logs.join('\n'));
    // Analyze Workspace reads what is on disk, honouring .gitignore: the serverless template only.
    fs.writeFileSync(path.join(dir, 'infra', 'rg.tf'), 'resource "aws_elasticache_replication_group" "r" {\n  description = "r"\n  engine = "valkey"\n  snapshot_retention_limit = 1\n  user_group_ids = ["users"]\n  num_cache_clusters = 2\n  automatic_failover_enabled = true\n  multi_az_enabled = true\n  subnet_group_name = "private"\n}\n');
    // A nested .cachelint.json's ignore globs apply below it, as in the CLI.
    fs.mkdirSync(path.join(dir, 'svc', 'gen'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'svc', '.cachelint.json'), JSON.stringify({ ignore: ['gen/**'] }));
    fs.writeFileSync(path.join(dir, 'svc', 'gen', 'g.tf'), 'resource "aws_elasticache_replication_group" "g" {\n  description = "g"\n}\n');
    const summary = await other.connection.sendRequest('cachelint/analyzeWorkspace') as { files: number; findings: number; errors: number };
    assert.deepEqual([summary.files, summary.findings, summary.errors], [2, 1, 0]);
    const tf = await other.diagnosticsFor(pathToFileURL(path.join(dir, 'infra', 'rg.tf')).href, (d) => d.length === 1);
    assert.equal(tf[0].code, 'transit-encryption-disabled');
  } finally {
    await other.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fix all: per rule as a quick-fix, and source.fixAll.cachelint (unattended-safe fixes only) for fix-on-save', async () => {
  const u = uri('many.py');
  const code = 'import redis\nr = redis.Redis()\n\ndef a(k):\n    r.set(k, 1)\n\ndef b(k):\n    r.set(k, 2)\n    return r.keys("x:*")\n';
  await client.open(u, 'python', code, 1);
  const diags = await client.diagnosticsFor(u, (d) => d.length === 3, 1);
  const ttl = diags.find((d) => d.code === 'missing-ttl')!;
  const titles = (await codeActions(u, ttl)).map((a) => a.title);
  assert.ok(titles.includes('Fix all missing-ttl problems in this file (2)'), titles.join(' | '));
  const [fixAll] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }) as { title: string; kind: string; edit: { changes: Record<string, { range: Diag['range']; newText: string }[]> } }[];
  assert.equal(fixAll.kind, 'source.fixAll.cachelint');
  // Fix-on-save applies the SCAN rewrite only: TTLs change how long data lives, so a person chooses them.
  assert.equal(fixAll.title, 'Fix all cachelint problems (1)');
  await client.change(u, 2, applyEdits(code, fixAll.edit.changes[u]));
  assert.deepEqual(codes(await client.diagnosticsFor(u, () => true, 2)), ['missing-ttl@5:7', 'missing-ttl@8:7']);
});

test('fix-on-save right after typing sees the new text', async () => {
  // Typing then asking at once: the server analyses the new version before answering.
  const u = uri('fresh.py');
  await client.open(u, 'python', 'import redis\nr = redis.Redis()\n', 1);
  await client.diagnosticsFor(u, () => true, 1);
  await client.change(u, 2, 'import redis\nr = redis.Redis()\nr.keys("*")\n');
  const [fixAll] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }) as { title: string }[];
  assert.equal(fixAll?.title, 'Fix all cachelint problems (1)');

});

test('a closed unsaved template stops steering the code rules', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-close-'));
  const other = new TestClient();
  try {
    await other.initialize(dir);
    const u = pathToFileURL(path.join(dir, 'worker.py')).href;
    const untitled = 'untitled:Untitled-1';
    await other.open(untitled, 'yaml', 'Resources:\n  Jobs:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      ServerlessCacheName: jobs\n      Engine: valkey\n', 1);
    await other.diagnosticsFor(untitled, () => true, 1);
    await other.open(u, 'python', 'import redis\nr = redis.Redis()\nr.keys("*")\n', 1);
    await other.diagnosticsFor(u, (d) => d.length === 1 && d[0].severity === 1);
    await other.connection.sendNotification('textDocument/didClose', { textDocument: { uri: untitled } });
    await other.diagnosticsFor(u, (d) => d.length === 1 && d[0].severity === 2);
  } finally {
    await other.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
