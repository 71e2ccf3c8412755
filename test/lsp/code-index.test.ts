/**
 * Clients found across files, over the protocol: `app/redis_client.py` builds the client, `app/__init__.py`
 * re-exports it, `app/sessions.py` (which never imports redis) writes with it. The finding appears in sessions.py
 * once the workspace's code files are summarised; editing the client module (open, over LSP) or changing it on disk
 * (closed, a watched-file event) makes it go and come back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, type Diag } from './client';

const INIT = 'from .redis_client import redis_connection\n';
const CLIENT = 'import os\n\nimport redis\n\nredis_connection = redis.Redis.from_url(os.environ["REDIS_URL"])\n';
const NOT_A_CLIENT = 'redis_connection = {}\n';
const SESSIONS = [
  '"""Session storage for the web handlers."""',
  'import json',
  '',
  'from app import redis_connection',
  '',
  '',
  'def save_session(session_id, data):',
  '    redis_connection.set(f"session:{session_id}", json.dumps(data))',
  '',
].join('\n');

const CART = "import { redis } from '@/config/redis';\n\nexport async function saveCart(id: string, body: string) {\n  await redis.set(`cart:${id}`, body);\n}\n";

let dir: string;
let client: TestClient;
const file = (name: string) => path.join(dir, name);
const uri = (name: string) => pathToFileURL(file(name)).href;
const codes = (ds: Diag[]) => ds.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-xfile-'));
  fs.mkdirSync(file('app'));
  fs.writeFileSync(file('app/__init__.py'), INIT);
  fs.writeFileSync(file('app/redis_client.py'), CLIENT);
  fs.writeFileSync(file('app/sessions.py'), SESSIONS);
  fs.mkdirSync(file('web/src/config'), { recursive: true });
  fs.writeFileSync(file('web/tsconfig.json'), '{\n  // as Next.js writes it\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] }, },\n}\n');
  fs.writeFileSync(file('web/src/config/redis.ts'), "import Redis from 'ioredis';\n\nexport const redis = new Redis(process.env.REDIS_URL!);\n");
  fs.writeFileSync(file('web/src/cart.ts'), CART);
  client = new TestClient();
  await client.initialize(dir);
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a module that imports the project client without mentioning redis gets its finding', async () => {
  await client.open(uri('app/sessions.py'), 'python', SESSIONS, 1);
  const diags = await client.diagnosticsFor(uri('app/sessions.py'), (d) => d.length > 0, 1);
  assert.deepEqual(codes(diags), ['missing-ttl@8:22']);
});

test('editing the client module over LSP: the importer follows', async () => {
  await client.open(uri('app/redis_client.py'), 'python', CLIENT, 1);
  await client.diagnosticsFor(uri('app/redis_client.py'), () => true, 1);
  await client.change(uri('app/redis_client.py'), 2, NOT_A_CLIENT);
  await client.diagnosticsFor(uri('app/sessions.py'), (d) => d.length === 0);
  await client.change(uri('app/redis_client.py'), 3, CLIENT);
  assert.deepEqual(codes(await client.diagnosticsFor(uri('app/sessions.py'), (d) => d.length > 0)), ['missing-ttl@8:22']);
});

test('a closed client module changed on disk: the watched-file event re-links the importer', async () => {
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('app/redis_client.py') } });
  fs.writeFileSync(file('app/redis_client.py'), NOT_A_CLIENT);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('app/redis_client.py'), type: 2 }] });
  await client.diagnosticsFor(uri('app/sessions.py'), (d) => d.length === 0);
  fs.writeFileSync(file('app/redis_client.py'), CLIENT);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('app/redis_client.py'), type: 2 }] });
  assert.deepEqual(codes(await client.diagnosticsFor(uri('app/sessions.py'), (d) => d.length > 0)), ['missing-ttl@8:22']);
});

test('TypeScript through the tsconfig `paths` alias the server read from disk', async () => {
  await client.open(uri('web/src/cart.ts'), 'typescript', CART, 1);
  assert.deepEqual(codes(await client.diagnosticsFor(uri('web/src/cart.ts'), (d) => d.length > 0, 1)), ['missing-ttl@4:15']);
});
