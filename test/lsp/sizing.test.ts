/** Protocol tests for the sizing requests, against the built server over stdio. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';
import { planSizing } from '../../server/src/sizing';
import { validateWorkload } from '../../server/src/sizing/validate';
import { snippetFor } from '../../server/src/sizing/snippets';
import {
  CACHE_AT_REQUEST, SIZING_REQUEST, SIZING_SNIPPET_REQUEST, type CacheAtResult, type SizingSnippetResult,
} from '../../server/src/protocol';
import type { SizingResult, Workload } from '../../server/src/sizing/types';

let ws: string;
let client: TestClient;
const uri = (name: string) => pathToFileURL(path.join(ws, name)).href;

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-sizing-'));
  client = new TestClient();
  await client.initialize(ws);
});

after(async () => {
  await client.stop();
  fs.rmSync(ws, { recursive: true, force: true });
});

const request = <R>(method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<R>;

/** The JSON-RPC error a request fails with. */
async function errorOf(method: string, params: unknown): Promise<{ code: number; message: string }> {
  try {
    await client.connection.sendRequest(method, params);
  } catch (e) {
    return e as { code: number; message: string };
  }
  throw new Error(`${method} succeeded with ${JSON.stringify(params)}`);
}

const WORKLOAD = {
  engine: 'valkey', role: 'cache',
  data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 20, valueBytes: 100 },
  readsPerSec: 20_000, writesPerSec: 2_000, replicas: 1, multiAz: true, multiRegion: false, traffic: 'steady',
} as const;

test('cachelint/sizing answers what the engine computes in process, with the defaults filled in', async () => {
  const result = await request<SizingResult>(SIZING_REQUEST, { workload: WORKLOAD });
  const checked = validateWorkload(WORKLOAD);
  assert.ok(checked.ok);
  assert.deepEqual(result, JSON.parse(JSON.stringify(planSizing(checked.workload))));
  // Defaults the contract names (types.ts): growth 20 %, 100 connections.
  assert.equal(result.input.growthPercent, 20);
  assert.equal(result.input.connections, 100);
  assert.ok(result.options.length > 0, 'at least one option');
  assert.deepEqual(result.options.map((o) => o.rank).sort((a, b) => a - b), result.options.map((_, i) => i + 1), 'ranks 1…n');
});

test('cachelint/sizing takes the units people type: "2 GB" is 2,000,000,000 bytes, "1.5k" reads are 1,500', async () => {
  const result = await request<SizingResult>(SIZING_REQUEST, { workload: { engine: 'redis', data: { kind: 'total', bytes: '2 GB' }, readsPerSec: '1.5k', readBytes: '1 KiB', writesPerSec: 0 } });
  assert.deepEqual(result.input.data, { kind: 'total', bytes: 2_000_000_000 });
  assert.equal(result.input.readsPerSec, 1500);
  assert.equal(result.input.readBytes, 1024);
  assert.equal(result.input.engine, 'redis');
});

test('cachelint/sizing: invalid params are -32602 with a sentence naming the field', async () => {
  const cases: [unknown, RegExp][] = [
    [null, /params must be an object/],
    [{}, /params\.workload must be an object/],
    [{ workload: { ...WORKLOAD, engine: undefined } }, /params\.workload\.engine is required/],
    [{ workload: { ...WORKLOAD, engine: 'dragonfly' } }, /params\.workload\.engine must be/],
    [{ workload: { ...WORKLOAD, data: { ...WORKLOAD.data, keys: -5 } } }, /params\.workload\.data\.keys/],
    [{ workload: { ...WORKLOAD, readsPerSec: '10 KBs' } }, /params\.workload\.readsPerSec/],
  ];
  for (const [params, message] of cases) {
    const e = await errorOf(SIZING_REQUEST, params);
    assert.equal(e.code, -32602, `${JSON.stringify(params)}: ${e.message}`);
    assert.match(e.message, /^invalid params: /);
    assert.match(e.message, message);
  }
});

test('cachelint/sizingSnippet returns the snippet of an option of the result, in its language', async () => {
  const result = await request<SizingResult>(SIZING_REQUEST, { workload: WORKLOAD });
  const option = result.options[0];
  for (const format of ['cloudformation', 'terraform'] as const) {
    const got = await request<SizingSnippetResult>(SIZING_SNIPPET_REQUEST, { option, workload: result.input, format });
    assert.equal(got.text, snippetFor(option, result.input as Workload, format));
    assert.equal(got.language, format === 'cloudformation' ? 'yaml' : 'terraform');
    assert.equal(got.unavailable, undefined);
  }
  // A serverless option as the JSON carries it (node fields null) is accepted as it came.
  const serverless = result.options.find((o) => o.service === 'elasticache-serverless')!;
  assert.equal(serverless.nodeType, null);
  const sl = await request<SizingSnippetResult>(SIZING_SNIPPET_REQUEST, { option: serverless, workload: result.input, format: 'terraform' });
  assert.match(sl.text!, /resource "aws_elasticache_serverless_cache" "cache"/);
  for (const [params, message] of [
    [{ option, workload: result.input, format: 'pulumi' }, /params\.format/],
    [{ option: { ...option, service: 'dynamodb' }, workload: result.input, format: 'terraform' }, /params\.option\.service/],
    [{ option: { ...option, nodeType: 'cache.r7g.large\n  evil: 1' }, workload: result.input, format: 'terraform' }, /params\.option\.nodeType/],
    [{ option, workload: { engine: 'valkey', role: 'database-ish' }, format: 'terraform' }, /params\.workload\.role/],
  ] as [unknown, RegExp][]) {
    const e = await errorOf(SIZING_SNIPPET_REQUEST, params);
    assert.equal(e.code, -32602);
    assert.match(e.message, message);
  }
});

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: valkey
      CacheNodeType: cache.r7g.xlarge
      NumNodeGroups: 3
      ReplicasPerNodeGroup: 2
      MultiAZEnabled: true
      TransitEncryptionEnabled: true
  Bucket:
    Type: AWS::S3::Bucket
  Serverless:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: s
      Engine: redis
      CacheUsageLimits:
        DataStorage:
          Maximum: 50
          Unit: GB
        ECPUPerSecond:
          Maximum: 20000
`;

const TF = `resource "aws_elasticache_replication_group" "orders" {
  description                = "orders"
  engine                     = "redis"
  node_type                  = "cache.m7g.large"
  num_cache_clusters         = 3
  transit_encryption_enabled = true
}

resource "aws_memorydb_cluster" "ledger" {
  name      = "ledger"
  acl_name  = "open-access"
  node_type = "db.r7g.large"
}

resource "aws_elasticache_serverless_cache" "sessions" {
  engine = "valkey"
  name   = "sessions"
  cache_usage_limits {
    data_storage {
      maximum = 10
      unit    = "GB"
    }
    ecpu_per_second {
      maximum = 5000
    }
  }
}
`;

test('cachelint/cacheAt: the cache under the cursor in a CloudFormation template, with its topology', async () => {
  const u = uri('template.yaml');
  await client.open(u, 'yaml', TEMPLATE, 1);
  const lines = TEMPLATE.split('\n');
  const at = (re: RegExp, character = 6) => ({ textDocument: { uri: u }, position: { line: lines.findIndex((l) => re.test(l)), character } });

  const onShards = await request<CacheAtResult>(CACHE_AT_REQUEST, at(/NumNodeGroups/));
  assert.deepEqual({ ...onShards, range: undefined }, {
    name: 'Sessions', type: 'AWS::ElastiCache::ReplicationGroup', format: 'cloudformation', service: 'elasticache-node',
    engine: 'valkey', nodeType: 'cache.r7g.xlarge', shards: 3, replicasPerShard: 2, clusterMode: 'enabled', multiAz: true, range: undefined,
  });
  assert.deepEqual(onShards.range.start, { line: 2, character: 2 });
  assert.equal((await request<CacheAtResult>(CACHE_AT_REQUEST, at(/^ {2}Sessions:/, 4))).name, 'Sessions', 'on the logical id');
  assert.equal((await request<CacheAtResult>(CACHE_AT_REQUEST, at(/Type: AWS::ElastiCache::ReplicationGroup/))).name, 'Sessions', 'on its Type line');
  assert.equal(await request(CACHE_AT_REQUEST, at(/AWS::S3::Bucket/)), null, 'not a cache');
  assert.equal(await request(CACHE_AT_REQUEST, at(/^Resources:/, 0)), null, 'outside any resource');

  const serverless = await request<CacheAtResult>(CACHE_AT_REQUEST, at(/Unit: GB/, 10));
  assert.equal(serverless.name, 'Serverless');
  assert.equal(serverless.service, 'elasticache-serverless');
  assert.equal(serverless.engine, 'redis');
  assert.deepEqual(serverless.serverless, { storageGB: 50, ecpuPerSecond: 20000 });
});

test('cachelint/cacheAt: Terraform replication group (cluster mode disabled: 3 clusters = 1 primary + 2 replicas), MemoryDB defaults, serverless limits in nested blocks', async () => {
  const u = uri('main.tf');
  await client.open(u, 'terraform', TF, 1);
  const lines = TF.split('\n');
  const at = (re: RegExp) => ({ textDocument: { uri: u }, position: { line: lines.findIndex((l) => re.test(l)), character: 4 } });
  const orders = await request<CacheAtResult>(CACHE_AT_REQUEST, at(/num_cache_clusters/));
  assert.deepEqual({ ...orders, range: undefined }, {
    name: 'orders', type: 'aws_elasticache_replication_group', format: 'terraform', service: 'elasticache-node',
    engine: 'redis', nodeType: 'cache.m7g.large', shards: 1, replicasPerShard: 2, clusterMode: 'disabled', range: undefined,
  });
  const ledger = await request<CacheAtResult>(CACHE_AT_REQUEST, at(/node_type = "db/));
  // MemoryDB's documented defaults when unset: num_shards 1, num_replicas_per_shard 1 (aws-facts.md §2b).
  assert.deepEqual([ledger.name, ledger.service, ledger.nodeType, ledger.shards, ledger.replicasPerShard], ['ledger', 'memorydb', 'db.r7g.large', 1, 1]);
  const sessions = await request<CacheAtResult>(CACHE_AT_REQUEST, at(/unit {4}= "GB"/));
  assert.deepEqual([sessions.name, sessions.service, sessions.engine, sessions.serverless], ['sessions', 'elasticache-serverless', 'valkey', { storageGB: 10, ecpuPerSecond: 5000 }]);
});

test('cachelint/cacheAt: a document that is not open, or a malformed position, is -32602', async () => {
  const notOpen = await errorOf(CACHE_AT_REQUEST, { textDocument: { uri: uri('nowhere.yaml') }, position: { line: 0, character: 0 } });
  assert.equal(notOpen.code, -32602);
  assert.match(notOpen.message, /is not open/);
  const bad = await errorOf(CACHE_AT_REQUEST, { textDocument: { uri: uri('template.yaml') }, position: { line: -1, character: 0 } });
  assert.equal(bad.code, -32602);
  assert.match(bad.message, /params\.position\.line must be a whole number/);
});

test('cachelint/cacheAt: an application file is no template: null', async () => {
  const u = uri('app.py');
  await client.open(u, 'python', 'import redis\nr = redis.Redis()\n', 1);
  assert.equal(await request(CACHE_AT_REQUEST, { textDocument: { uri: u }, position: { line: 1, character: 2 } }), null);
});

test('cachelint/sizingSnippet: a durable-cache ElastiCache option answers why there is no snippet, not a non-durable one', async () => {
  const result = await request<SizingResult>(SIZING_REQUEST, { workload: { ...WORKLOAD, role: 'durable-cache' } });
  const node = result.options.find((o) => o.service === 'elasticache-node')!;
  for (const format of ['cloudformation', 'terraform'] as const) {
    const got = await request<SizingSnippetResult>(SIZING_SNIPPET_REQUEST, { option: node, workload: result.input, format });
    assert.deepEqual(got, {
      unavailable: 'durability is chosen at creation through the API (aws elasticache create-replication-group --durability sync|async …); '
        + 'CloudFormation/Terraform support is not verified — insert is not offered',
      language: format === 'cloudformation' ? 'yaml' : 'terraform',
    });
  }
  // Its MemoryDB option is durable and inserts.
  const mdb = result.options.find((o) => o.service === 'memorydb')!;
  const got = await request<SizingSnippetResult>(SIZING_SNIPPET_REQUEST, { option: mdb, workload: result.input, format: 'cloudformation' });
  assert.match(got.text!, /Type: AWS::MemoryDB::Cluster/);
  assert.equal(got.unavailable, undefined);
});
