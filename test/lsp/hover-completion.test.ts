/**
 * Hover and completion through the protocol, against the built server over stdio, in each template format:
 * CloudFormation YAML and JSON, Terraform HCL and JSON, whole and half-written.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';

let ws: string;
let client: TestClient;
let version = 1;
const uri = (name: string) => pathToFileURL(path.join(ws, name)).href;

interface Hover { contents: { kind: string; value: string }; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface Item { label: string; detail?: string; sortText?: string; tags?: number[]; textEdit: { range: Hover['range']; newText: string } }

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-hover-'));
  client = new TestClient();
  const init = await client.initialize(ws) as { capabilities: { completionProvider?: { triggerCharacters: string[] }; hoverProvider?: boolean } };
  assert.equal(init.capabilities.hoverProvider, true);
  assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, [':', '"', ' ', '.', '=']);
});

after(async () => {
  await client.stop();
  fs.rmSync(ws, { recursive: true, force: true });
});

/** Opens `name` with the text (a `|` marks the position) and returns the position. */
async function open(name: string, languageId: string, src: string) {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const u = uri(name);
  await client.open(u, languageId, text, version++);
  return { u, position };
}

async function hover(name: string, languageId: string, src: string): Promise<Hover | null> {
  const { u, position } = await open(name, languageId, src);
  return await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position }) as Hover | null;
}

async function complete(name: string, languageId: string, src: string, triggerCharacter?: string): Promise<Item[]> {
  const { u, position } = await open(name, languageId, src);
  const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
  const items = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position, context }) as Item[];
  return items.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

const span = (r: Hover['range']) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

test('CloudFormation YAML: node type hover, property completion on a half-written template', async () => {
  const h = await hover('cfn.yaml', 'yaml', 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      Engine: valkey\n      CacheNodeType: cache.r7g.xl|arge\n');
  assert.equal(h!.contents.kind, 'markdown');
  assert.match(h!.contents.value, /\*\*cache\.r7g\.xlarge\*\* · ElastiCache node type[\s\S]*\| Memory \| 26\.32 GiB \(maxmemory\) \|[\s\S]*\| vCPU \| 4 \|/);
  assert.equal(span(h!.range), '6:22-6:38');
  const items = await complete('cfn-half.yaml', 'yaml', 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      Engine: valkey\n      AtRest|');
  const atRest = items.find((i) => i.label === 'AtRestEncryptionEnabled')!;
  assert.deepEqual([atRest.detail, atRest.textEdit.newText, span(atRest.textEdit.range)], ['bool · creation-only (replaces)', 'AtRestEncryptionEnabled: ', '6:7-6:13']);
  assert.ok(!items.some((i) => i.label === 'Engine'));
});

test('CloudFormation JSON: resource type hover, node type completion in an object not closed yet', async () => {
  const h = await hover('cfn.json', 'json', '{"Resources": {"Cache": {"Type": "AWS::ElastiCache::Serverless|Cache", "Properties": {}}}}');
  assert.match(h!.contents.value, /^\*\*AWS::ElastiCache::ServerlessCache\*\*/);
  const items = await complete('cfn-half.json', 'json', '{"Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"Engine": "valkey", "CacheNodeType": "cache.m7g.|', '.');
  const m7g = items.find((i) => i.label === 'cache.m7g.large')!;
  assert.deepEqual([m7g.detail, m7g.textEdit.newText, span(m7g.textEdit.range)], ['6.38 GiB · 2 vCPU', 'cache.m7g.large', '1:125-1:135']);
  const t2 = items.find((i) => i.label === 'cache.t2.micro')!;
  assert.deepEqual(t2.tags, [1]);
  assert.equal(items[items.length - 1].label.startsWith('cache.t2.'), true);
});

test('Terraform HCL: engine version hover, enum completion in an unterminated block', async () => {
  const h = await hover('main.tf', 'terraform', 'resource "aws_elasticache_replication_group" "r" {\n  engine         = "redis"\n  engine_version = "7.|1"\n}\n');
  assert.match(h!.contents.value, /^\*\*Redis OSS 7\.1\*\*[\s\S]*Newer: Valkey/);
  const items = await complete('half.tf', 'terraform', 'resource "aws_elasticache_replication_group" "r" {\n  engine = "valkey"\n  transit_encryption_mode = |', ' ');
  assert.deepEqual(items.map((i) => [i.label, i.textEdit.newText, span(i.textEdit.range)]), [['preferred', '"preferred"', '3:29-3:29'], ['required', '"required"', '3:29-3:29']]);
  const types = await complete('label.tf', 'terraform', 'resource "aws_memo|"', '"');
  assert.ok(types.some((i) => i.label === 'aws_memorydb_cluster' && i.textEdit.newText === 'aws_memorydb_cluster' && span(i.textEdit.range) === '1:11-1:19'));
});

test('Terraform JSON: property hover and argument completion', async () => {
  const h = await hover('main.tf.json', 'json', '{"resource": {"aws_memorydb_cluster": {"m": {"tls_ena|bled": false}}}}');
  assert.match(h!.contents.value, /^\*\*tls_enabled\*\* · `aws_memorydb_cluster`[\s\S]*Default when absent: `true`[\s\S]*`transit-encryption-disabled`/);
  const items = await complete('half.tf.json', 'json', '{"resource": {"aws_memorydb_cluster": {"m": {"engine": "valkey", "node_t|');
  assert.deepEqual(items.filter((i) => i.label.startsWith('node_')).map((i) => [i.textEdit.newText, span(i.textEdit.range)]), [['node_type', '1:67-1:73']]);
});

test('a finding keeps its hover, with the template hover after it; nothing in application code', async () => {
  const { u, position } = await open('tls.yaml', 'yaml', 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      Engine: valkey\n      CacheNodeType: cache.r7g.large\n      TransitEncryptionEnabled: fa|lse\n');
  await client.diagnosticsFor(u, (d) => d.some((x) => x.code === 'transit-encryption-disabled'));
  const h = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position }) as Hover;
  assert.match(h.contents.value, /^\*\*cachelint · [\s\S]*`transit-encryption-disabled`[\s\S]*\n---\n\n\*\*TransitEncryptionEnabled\*\*/);
  assert.deepEqual(await complete('app.py', 'python', 'import redis\nr = redis.Redis()\nr.|', '.'), []);
  assert.equal(await hover('app.py', 'python', 'r.set("cache.r7g.la|rge", 1)\n'), null);
});
