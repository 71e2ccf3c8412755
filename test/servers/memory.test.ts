/**
 * The memory model against real servers: each shape is loaded into redis-server (Debian 7.0.15 here) or memcached
 * 1.6, the memory it adds is measured, and the model's estimate must be within ±10 %. The table goes to stdout and
 * to test-results/memory-model.json.
 *
 * Redis: `INFO memory` used_memory after the load minus the empty keyspace before it (FLUSHALL SYNC between shapes;
 * the loading connection is closed first so its buffers are not counted; each reading waits until used_memory is
 * steady so the keyspace has finished rehashing). used_memory is what maxmemory and
 * ElastiCache's reserved-memory arithmetic compare against; it includes the keyspace bucket arrays.
 * Memcached: a fresh server per shape; Δ`stats slabs` total_malloced (1 MB pages taken by slab classes, what -m caps)
 * + Δ`stats` hash_bytes (the hash table beside the slabs). `stats` bytes (the items' own sizes) is recorded too,
 * but it ignores chunk rounding and page granularity, so it understates the memory the data takes.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { estimateMemory } from '../../server/src/sizing/memory';
import { slabClasses } from '../../server/src/sizing/memory/memcached';
import type { DataShape, SizingEngine } from '../../server/src/sizing/types';
import { memcachedSlabTable, startMemcached, startRedis, type Running } from './support/servers';
import { MemcachedWire, RedisWire, parseInfo } from './support/wire';

const TOLERANCE = 0.10;

/** A deterministic, non-numeric string of exactly `len` bytes. */
function str(tag: string, i: number, len: number): string {
  const head = `${tag}${i.toString(36)}:`;
  if (head.length > len) throw new Error(`${len} B is too short for ${head}`);
  const fill = 'abcdefghijklmnopqrstuvwxyz';
  return (head + fill.repeat(Math.ceil(len / fill.length))).slice(0, len);
}
const key = (i: number, len = 16) => `key:${String(i).padStart(len - 4, '0')}`;

type Cmd = (string | number)[];
interface Shape {
  name: string;
  engine: SizingEngine;
  data: Extract<DataShape, { kind: 'items' }>;
  /** Redis: the commands that load it; memcached: key/value pairs. */
  commands?: () => Iterable<Cmd>;
  items?: () => Iterable<[string, string]>;
  batch?: number;
  /** Loaded into a one-node cluster (cluster-enabled yes) and estimated with clusterMode. */
  cluster?: boolean;
}

function* range<T>(n: number, f: (i: number) => T): Iterable<T> {
  for (let i = 0; i < n; i++) yield f(i);
}
function fieldsOf(F: number, f: (j: number) => Cmd): Cmd {
  const out: Cmd = [];
  for (let j = 0; j < F; j++) out.push(...f(j));
  return out;
}

const shapes: Shape[] = [
  {
    name: 'string 200k × 16 B key, 32 B value (embstr)', engine: 'redis',
    data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 16, valueBytes: 32, withTtl: false },
    commands: () => range(200_000, (i) => ['SET', key(i), str('v', i, 32)]),
  },
  {
    name: 'string 200k × 16 B key, 32 B value, with TTL', engine: 'redis',
    data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 16, valueBytes: 32, withTtl: true },
    commands: () => range(200_000, (i) => ['SET', key(i), str('v', i, 32), 'EX', 86_400]),
  },
  {
    name: 'string 3,000 × 10 KB value (raw)', engine: 'redis',
    data: { kind: 'items', type: 'string', keys: 3000, keyBytes: 16, valueBytes: 10_240, withTtl: false },
    commands: () => range(3000, (i) => ['SET', key(i), str('v', i, 10_240)]), batch: 200,
  },
  {
    name: 'hash 10k × 20 fields × 16 B (listpack)', engine: 'redis',
    data: { kind: 'items', type: 'hash', keys: 10_000, keyBytes: 16, fields: 20, fieldBytes: 16, valueBytes: 16 },
    commands: () => range(10_000, (i) => ['HSET', key(i), ...fieldsOf(20, (j) => [str('field', j, 16), str('v', i * 20 + j, 16)])]),
    batch: 1000,
  },
  {
    name: 'hash 200 × 1,000 fields × 16 B (hashtable: > 512 fields)', engine: 'redis',
    data: { kind: 'items', type: 'hash', keys: 200, keyBytes: 16, fields: 1000, fieldBytes: 16, valueBytes: 16 },
    commands: () => range(200, (i) => ['HSET', key(i), ...fieldsOf(1000, (j) => [str('field', j, 16), str('v', i * 1000 + j, 16)])]),
    batch: 20,
  },
  {
    name: 'hash 2,000 × 40 fields × 100 B values (hashtable: value > 64 B)', engine: 'redis',
    data: { kind: 'items', type: 'hash', keys: 2000, keyBytes: 16, fields: 40, fieldBytes: 16, valueBytes: 100 },
    commands: () => range(2000, (i) => ['HSET', key(i), ...fieldsOf(40, (j) => [str('field', j, 16), str('v', i * 40 + j, 100)])]),
    batch: 200,
  },
  {
    name: 'set 2,000 × 200 integer ids of 9 digits (intset)', engine: 'redis',
    data: { kind: 'items', type: 'set', keys: 2000, keyBytes: 16, fields: 200, valueBytes: 9, integerValues: true },
    commands: () => range(2000, (i) => ['SADD', key(i), ...fieldsOf(200, (j) => [100_000_000 + ((i * 7919 + j * 104_729) % 900_000_000)])]),
    batch: 200,
  },
  {
    name: 'set 1,000 × 200 members × 20 B (hashtable)', engine: 'redis',
    data: { kind: 'items', type: 'set', keys: 1000, keyBytes: 16, fields: 200, valueBytes: 20 },
    commands: () => range(1000, (i) => ['SADD', key(i), ...fieldsOf(200, (j) => [str('user:', i * 200 + j, 20)])]),
    batch: 100,
  },
  {
    name: 'zset 5,000 × 50 members × 16 B (listpack)', engine: 'redis',
    data: { kind: 'items', type: 'zset', keys: 5000, keyBytes: 16, fields: 50, valueBytes: 16 },
    commands: () => range(5000, (i) => ['ZADD', key(i), ...fieldsOf(50, (j) => [1_700_000_000 + j * 37, str('m', i * 50 + j, 16)])]),
    batch: 500,
  },
  {
    name: 'zset 500 × 300 members × 16 B (skiplist)', engine: 'redis',
    data: { kind: 'items', type: 'zset', keys: 500, keyBytes: 16, fields: 300, valueBytes: 16 },
    commands: () => range(500, (i) => ['ZADD', key(i), ...fieldsOf(300, (j) => [1_700_000_000 + j * 37, str('m', i * 300 + j, 16)])]),
    batch: 50,
  },
  {
    name: 'list 10k × 20 entries × 20 B (one quicklist node)', engine: 'redis',
    data: { kind: 'items', type: 'list', keys: 10_000, keyBytes: 16, fields: 20, valueBytes: 20 },
    commands: () => range(10_000, (i) => ['RPUSH', key(i), ...fieldsOf(20, (j) => [str('e', i * 20 + j, 20)])]),
    batch: 1000,
  },
  {
    name: 'list 1,000 × 1,000 entries × 20 B (quicklist, 3 nodes)', engine: 'redis',
    data: { kind: 'items', type: 'list', keys: 1000, keyBytes: 16, fields: 1000, valueBytes: 20 },
    commands: () => range(1000, (i) => ['RPUSH', key(i), ...fieldsOf(1000, (j) => [str('e', i * 1000 + j, 20)])]),
    batch: 50,
  },
  {
    name: 'cluster mode: string 200k × 16 B key, 32 B value', engine: 'redis', cluster: true,
    data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 16, valueBytes: 32, withTtl: false },
    commands: () => range(200_000, (i) => ['SET', key(i), str('v', i, 32)]),
  },
  {
    name: 'cluster mode: hash 10k × 20 fields × 16 B (listpack), with TTL', engine: 'redis', cluster: true,
    data: { kind: 'items', type: 'hash', keys: 10_000, keyBytes: 16, fields: 20, fieldBytes: 16, valueBytes: 16, withTtl: true },
    commands: function* () {
      for (let i = 0; i < 10_000; i++) {
        yield ['HSET', key(i), ...fieldsOf(20, (j) => [str('field', j, 16), str('v', i * 20 + j, 16)])];
        yield ['EXPIRE', key(i), 86_400];
      }
    },
    batch: 1000,
  },
  {
    name: 'memcached 200k × 16 B key, 32 B value', engine: 'memcached',
    data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 16, valueBytes: 32 },
    items: () => range(200_000, (i) => [key(i), str('v', i, 32)]),
  },
  {
    name: 'memcached 3,000 × 10 KB value', engine: 'memcached',
    data: { kind: 'items', type: 'string', keys: 3000, keyBytes: 16, valueBytes: 10_240 },
    items: () => range(3000, (i) => [key(i), str('v', i, 10_240)]), batch: 200,
  },
];

interface Row { shape: string; engine: string; measured: number; estimate: number; errorPercent: number; encodings: string[]; detail: Record<string, number | string> }
const rows: Row[] = [];
let redis: Running | undefined;
let redisVersion = '';
let memcachedVersion = '';

before(async () => {
  redis = await startRedis();
});

after(async () => {
  await redis?.stop();
  const table = rows.map((r) => `${r.shape.padEnd(58)} ${String(r.measured).padStart(11)} ${String(r.estimate).padStart(11)} ${r.errorPercent.toFixed(2).padStart(7)} %`);
  console.log(['shape'.padEnd(58) + '    measured    estimate    error', ...table].join('\n'));
  const out = path.join(process.cwd(), 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'memory-model.json'), JSON.stringify({
    servers: { redis: redisVersion, memcached: memcachedVersion }, tolerancePercent: TOLERANCE * 100,
    measuredAt: new Date().toISOString(), rows,
  }, null, 2) + '\n');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * used_memory read over a new connection each time: a long-lived client's own buffers are resized by clientsCron
 * between readings (tens of KB), a fresh one always costs the same.
 */
let lastClients = 0;
async function usedMemory(port: number): Promise<number> {
  const c = await RedisWire.open(port);
  try {
    const info = parseInfo(String(await c.call('INFO', 'memory')));
    lastClients = Number(info.get('mem_clients_normal'));
    return Number(info.get('used_memory'));
  } finally {
    await c.close();
  }
}

/** used_memory once background work (keyspace rehash, client clean-up) has settled: three readings within 1 KB. */
async function settledMemory(port: number): Promise<number> {
  let last = await usedMemory(port);
  let same = 0;
  for (let i = 0; i < 60 && same < 2; i++) {
    await sleep(150);
    const now = await usedMemory(port);
    same = Math.abs(now - last) <= 1024 ? same + 1 : 0;
    last = now;
  }
  return last;
}

function record(shape: Shape, measured: number, detail: Row['detail']): Row {
  const est = estimateMemory(shape.engine, shape.data, { clusterMode: shape.cluster === true });
  const row: Row = {
    shape: shape.name, engine: shape.engine, measured, estimate: est.datasetBytes,
    errorPercent: ((est.datasetBytes - measured) / measured) * 100, encodings: est.encodings, detail,
  };
  rows.push(row);
  return row;
}

function check(row: Row): void {
  assert.ok(Math.abs(row.errorPercent) <= TOLERANCE * 100,
    `${row.shape}: estimate ${row.estimate} B vs measured ${row.measured} B is ${row.errorPercent.toFixed(2)} % off (limit ±${TOLERANCE * 100} %)`);
}

/** The first command of each kind among a load's first ten. */
function warmUp(commands: Iterable<Cmd>): Cmd[] {
  const seen = new Map<string, Cmd>();
  let n = 0;
  for (const c of commands) {
    if (!seen.has(String(c[0]))) seen.set(String(c[0]), c);
    if (++n >= 10) break;
  }
  return [...seen.values()];
}

async function redisShapes(t: TestContext, server: Running, list: Shape[]): Promise<void> {
  const ctl = await RedisWire.open(server.port);
  try {
    redisVersion = parseInfo(String(await ctl.call('INFO', 'server'))).get('redis_version') ?? '';
    t.diagnostic(`redis-server ${redisVersion}`);
    for (const shape of list) {
      await t.test(shape.name, async () => {
        // Redis 7 keeps a latency histogram per command (latency-tracking yes), allocated at its first call and
        // never freed: call the shape's commands once before the baseline so the histograms are not counted as data.
        await ctl.call('FLUSHALL', 'SYNC');
        for (const c of warmUp(shape.commands!())) await ctl.call(...c);
        await ctl.call('FLUSHALL', 'SYNC');
        const before = await settledMemory(server.port);
        const clientsBefore = lastClients;
        const loader = await RedisWire.open(server.port);
        const sent = await loader.load(shape.commands!(), shape.batch);
        await loader.close();
        const afterLoad = await settledMemory(server.port);
        const keys = Number(String(await ctl.call('DBSIZE')));
        assert.equal(keys, shape.data.keys, `${sent} commands should leave ${shape.data.keys} keys`);
        const sample = String(await ctl.call('OBJECT', 'ENCODING', key(0)));
        const row = record(shape, afterLoad - before, { usedMemoryBefore: before, usedMemoryAfter: afterLoad, clientsBefore, clientsAfter: lastClients, encoding: sample });
        t.diagnostic(`${shape.name}: measured ${row.measured} B, estimate ${row.estimate} B, ${row.errorPercent.toFixed(2)} % (${sample})`);
        check(row);
      });
    }
  } finally {
    await ctl.close();
  }
}

test('redis-server: the model is within ±10 % of used_memory for every shape', async (t) => {
  await redisShapes(t, redis!, shapes.filter((s) => s.engine !== 'memcached' && !s.cluster));
});

test('redis-server, cluster mode enabled: the model is within ±10 % of used_memory', async (t) => {
  const server = await startRedis({ cluster: true });
  try {
    await redisShapes(t, server, shapes.filter((s) => s.cluster));
  } finally {
    await server.stop();
  }
});

test('memcached: the slab class table is the one memcached prints (-vv)', async () => {
  const real = await memcachedSlabTable();
  assert.ok(real.length > 30, 'memcached -vv printed its slab classes');
  assert.deepEqual(slabClasses().map((c) => [c.id, c.size, c.perSlab]), real);
});

test('memcached: the model is within ±10 % of slab pages + hash table growth for every shape', async (t) => {
  for (const shape of shapes.filter((s) => s.engine === 'memcached')) {
    await t.test(shape.name, async () => {
      const server = await startMemcached();
      try {
        const c = await MemcachedWire.open(server.port);
        try {
          const s0 = await c.stats();
          memcachedVersion = s0.get('version') ?? '';
          const before = Number((await c.stats('slabs')).get('total_malloced')) + Number(s0.get('hash_bytes'));
          await c.load(shape.items!(), 1, shape.batch);
          // The hash table grows in a background thread, seconds after the inserts: wait until it has not
          // changed for 1.5 s.
          let s1 = await c.stats();
          for (let quiet = 0, i = 0; quiet < 5 && i < 40; i++) {
            await sleep(300);
            const s2 = await c.stats();
            quiet = s2.get('hash_bytes') === s1.get('hash_bytes') && s2.get('hash_is_expanding') === '0' ? quiet + 1 : 0;
            s1 = s2;
          }
          const slabs = await c.stats('slabs');
          assert.equal(Number(s1.get('curr_items')), shape.data.keys);
          let chunkBytes = 0;
          for (const [k, v] of slabs) {
            const m = /^(\d+):used_chunks$/.exec(k);
            if (m) chunkBytes += Number(v) * Number(slabs.get(`${m[1]}:chunk_size`));
          }
          const afterLoad = Number(slabs.get('total_malloced')) + Number(s1.get('hash_bytes'));
          const row = record(shape, afterLoad - before, {
            totalMalloced: Number(slabs.get('total_malloced')), hashBytes: Number(s1.get('hash_bytes')),
            itemBytes: Number(s1.get('bytes')), usedChunkBytes: chunkBytes, before,
          });
          t.diagnostic(`${shape.name}: measured ${row.measured} B, estimate ${row.estimate} B, ${row.errorPercent.toFixed(2)} %; stats bytes ${s1.get('bytes')}`);
          check(row);
        } finally {
          c.close();
        }
      } finally {
        await server.stop();
      }
    });
  }
});
