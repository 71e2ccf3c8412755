/**
 * Protocol tests of hover in application code and of code lenses, against the built server over stdio: hover on a
 * Python and a TypeScript Redis call (the analysis runs in a worker; what hover reads comes back with it),
 * textDocument/codeLens on a template, and `cachelint.codeLens.enabled: false` turning the lenses off.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';

const APP_PY = `import redis

r = redis.Redis(host="cache.example.internal", port=6379, ssl=True)


def load_profile(user_id):
    return r.hgetall("profile:{42}")
`;

const APP_TS = `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });

export async function bump(page: string): Promise<number> {
  return client.incrBy('views:home', 1);
}
`;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  SessionCache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: valkey
      CacheNodeType: cache.r7g.large
      NumNodeGroups: 3
      ReplicasPerNodeGroup: 1
      TransitEncryptionEnabled: true
      UserGroupIds: [users]
      SnapshotRetentionLimit: 7
`;

interface Hover { contents: { kind: string; value: string }; range: { start: { line: number; character: number } } }
interface Lens { range: { start: { line: number; character: number } }; command: { title: string; command: string; arguments: { current: { name: string; nodeType: string; shards: number } }[] } }

let ws: string;
let lensOff = false;
let client: TestClient;
const uri = (name: string) => pathToFileURL(path.join(ws, name)).href;

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-hover-'));
  // Answers per section, as VS Code does: `cachelint` for the engine's settings, `cachelint.codeLens` for the lenses.
  client = new TestClient({ answerConfiguration: (p) => (p.items as { section?: string }[]).map((i) => (i.section === 'cachelint.codeLens' ? { enabled: !lensOff } : {})) });
  const init = await client.initialize(ws) as { capabilities: Record<string, unknown> };
  assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
});

after(async () => {
  await client.stop();
  fs.rmSync(ws, { recursive: true, force: true });
});

const hover = (u: string, line: number, character: number) =>
  client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line, character } }) as Promise<Hover | null>;

test('hover on a Python Redis call: the command, its complexity, the services; on its key: the slot', async () => {
  const u = uri('profiles.py');
  await client.open(u, 'python', APP_PY, 1);
  await client.diagnosticsFor(u, () => true, 1);
  const call = await hover(u, 6, 14);
  assert.ok(call);
  assert.equal(call.contents.kind, 'markdown');
  assert.match(call.contents.value, /\*\*Redis command `HGETALL`\*\*/);
  assert.match(call.contents.value, /Time complexity: O\(N\) where N is the size of the hash/);
  assert.match(call.contents.value, /- MemoryDB: available/);
  // The unbounded-read finding on the call comes first, then what the command is.
  const finding = call.contents.value.indexOf('(`unbounded-read`, info)');
  assert.ok(finding >= 0 && finding < call.contents.value.indexOf('**Redis command'), call.contents.value.slice(0, 300));
  const key = await hover(u, 6, 24);
  assert.match(key!.contents.value, /\*\*Hash slot 8000\*\* of 16384 \(hash tag `\{42\}`\)/);
  assert.equal(await hover(u, 5, 2), null);
});

test('hover on a TypeScript node-redis call names the command behind the camelCase method (incrBy is INCRBY)', async () => {
  const u = uri('views.ts');
  await client.open(u, 'typescript', APP_TS, 1);
  await client.diagnosticsFor(u, () => true, 1);
  const call = await hover(u, 5, 17);
  assert.ok(call);
  assert.match(call.contents.value, /\*\*Redis command `INCRBY`\*\*\n/);
  assert.match(call.contents.value, /Rules: `missing-ttl`/);
});

test('textDocument/codeLens: one summary per cache, opening the sizing wizard on it; the setting off gives none', async () => {
  const u = uri('template.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  await client.diagnosticsFor(u, () => true, 1);
  const lenses = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: u } }) as Lens[];
  assert.equal(lenses.length, 1);
  assert.deepEqual(lenses[0].range.start, { line: 2, character: 2 });
  assert.equal(lenses[0].command.title, '3 shards × 2 nodes · cache.r7g.large · ≈ 29 GiB usable · TLS ✓ · at-rest ✓ · AUTH ✓ · backups ✓');
  assert.equal(lenses[0].command.command, 'cachelint.sizingWizard');
  const { name, nodeType, shards } = lenses[0].command.arguments[0].current;
  assert.deepEqual({ name, nodeType, shards }, { name: 'SessionCache', nodeType: 'cache.r7g.large', shards: 3 });

  lensOff = true;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const none = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: u } }) as Lens[];
  assert.deepEqual(none, []);
  lensOff = false;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  assert.equal((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: u } }) as Lens[]).length, 1);
});

test('rule documentation comes without its front matter, which arrives parsed; every diagnostic offers the page', async () => {
  const doc = await client.connection.sendRequest('cachelint/ruleDocumentation', { ruleId: 'unbounded-read' }) as { markdown: string; meta: Record<string, unknown> };
  assert.match(doc.markdown, /^# unbounded-read\n/);
  assert.equal(doc.meta.severity, 'info');
  assert.deepEqual(doc.meta.languages, ['python', 'javascript', 'typescript']);
  const u = uri('profiles.py');
  const [d] = await client.diagnosticsFor(u, (ds) => ds.length > 0, 1);
  const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } }) as { title: string; command?: { command: string; arguments: unknown[] } }[];
  const docs = actions.find((a) => a.title === `Show documentation for ${d.code}`);
  assert.deepEqual(docs?.command, { title: 'Show rule documentation', command: 'cachelint.showRuleDocumentation', arguments: [d.code] });
});
