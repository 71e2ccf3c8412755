/**
 * The memory model, worked by hand. Where a shape is also one of test/servers/memory.test.ts, the comment gives what
 * redis-server 7.0.15 / memcached 1.6.18 measured for it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateMemory, jemallocClass } from '../../../server/src/sizing/memory';
import { itemBytes, slabClassFor, slabClasses } from '../../../server/src/sizing/memory/memcached';
import { expectedSkiplistNode } from '../../../server/src/sizing/memory/redis';
import { dictBuckets, lpIntEntry, lpStringEntry, rehashPending, sdsAlloc } from '../../../server/src/sizing/memory/redisStructs';
import type { DataShape } from '../../../server/src/sizing/types';

type Items = Extract<DataShape, { kind: 'items' }>;
const items = (d: Omit<Items, 'kind'>): Items => ({ kind: 'items', ...d });
const encoding = (e: { encodings: string[] }) => e.encodings.join(' | ');

test('jemalloc size classes: 8, multiples of 16 to 128, then four per doubling', () => {
  const cases: [number, number][] = [
    [1, 8], [8, 8], [9, 16], [16, 16], [17, 32], [24, 32], [33, 48], [52, 64], [112, 112], [128, 128],
    [129, 160], [160, 160], [161, 192], [224, 224], [256, 256], [257, 320], [536, 640], [727, 768],
    [8192, 8192], [8193, 10240], [10246, 12288], [14337, 16384], [16385, 20480],
  ];
  for (const [ask, got] of cases) assert.equal(jemallocClass(ask), got, `malloc(${ask})`);
});

test('sds headers by length: sdshdr5 below 32 B, sdshdr8 below 256, sdshdr16 below 64 KB', () => {
  assert.equal(sdsAlloc(16), 32); // 1 + 16 + 1 = 18 → 32
  assert.equal(sdsAlloc(31), 48); // 1 + 31 + 1 = 33 → 48
  assert.equal(sdsAlloc(32), 48); // sdshdr8: 3 + 32 + 1 = 36 → 48
  assert.equal(sdsAlloc(255), 320); // 3 + 255 + 1 = 259 → 320
  assert.equal(sdsAlloc(256), 320); // sdshdr16: 5 + 256 + 1 = 262 → 320
  assert.equal(sdsAlloc(10_240), 12_288); // 5 + 10240 + 1 = 10246 → 12288
});

test('listpack entries: 6-bit strings up to 63 B, 12-bit from 64; integers by width', () => {
  assert.equal(lpStringEntry(16), 18); // 1 + 16 + backlen 1
  assert.equal(lpStringEntry(63), 65);
  assert.equal(lpStringEntry(64), 67); // 2 + 64 + 1
  assert.equal(lpStringEntry(200), 204); // 2 + 200 + backlen(202) 2
  assert.equal(lpIntEntry(100), 2); // 7-bit uint + backlen
  assert.equal(lpIntEntry(1_700_000_000), 6); // 32-bit int: 1 + 4 + backlen
});

test('string, embstr: 1,000 keys × 16 B key × 32 B value', () => {
  const e = estimateMemory('redis', items({ type: 'string', keys: 1000, keyBytes: 16, valueBytes: 32 }));
  // dictEntry 24 → 32: 32,000; buckets 1,024 × 8 = 8,192; key sdshdr5 1+16+1 = 18 → 32: 32,000;
  // embstr 16+3+32+1 = 52 → 64: 64,000.
  assert.equal(e.datasetBytes, 32_000 + 8_192 + 32_000 + 64_000);
  assert.match(encoding(e), /^string: embstr/);
  assert.deepEqual(e.steps.map((s) => s.bytes), [32_000, 8_192, 32_000, 64_000]);
  assert.ok(e.steps.every((s) => s.source?.startsWith('https://')), 'every step has a source');
  // With TTLs: + an expires dictEntry (32) each and the expires bucket array (8,192).
  const ttl = estimateMemory('redis', items({ type: 'string', keys: 1000, keyBytes: 16, valueBytes: 32 }), { withTtl: true });
  assert.equal(ttl.datasetBytes, 136_192 + 32_000 + 8_192);
});

test('string 200k × 16 B × 32 B matches what redis-server 7.0.15 measured (27,697,152 B)', () => {
  // 200,000 × (32 + 32 + 64) + 262,144 buckets × 8 = 25,600,000 + 2,097,152.
  const e = estimateMemory('redis', items({ type: 'string', keys: 200_000, keyBytes: 16, valueBytes: 32 }));
  assert.equal(e.datasetBytes, 27_697_152);
});

test('cluster mode: the keyspace dictEntry carries slot links (24 + 16 = 40 → 48 B)', () => {
  const d = items({ type: 'string', keys: 200_000, keyBytes: 16, valueBytes: 32 });
  // 16 B more per key than without cluster mode: 27,697,152 + 200,000 × 16 (redis-server measured 30,897,152 B).
  assert.equal(estimateMemory('redis', d, { clusterMode: true }).datasetBytes, 27_697_152 + 3_200_000);
  // The expires dict has no slot links.
  const ttl = estimateMemory('redis', d, { clusterMode: true, withTtl: true });
  assert.equal(ttl.datasetBytes, 30_897_152 + 200_000 * 32 + 262_144 * 8);
});

test('string embstr limit: 44 B is embstr, 45 B is raw', () => {
  const at = (v: number) => estimateMemory('redis', items({ type: 'string', keys: 1, keyBytes: 16, valueBytes: v }));
  // 1 key: 32 (entry) + 32 (4 buckets × 8) + 32 (key) = 96 before the value.
  assert.equal(at(44).datasetBytes, 96 + 64); // 16 + 3 + 44 + 1 = 64
  assert.match(encoding(at(44)), /embstr/);
  assert.equal(at(45).datasetBytes, 96 + 16 + 64); // robj 16 + sdshdr8 3+45+1 = 49 → 64
  assert.match(encoding(at(45)), /raw/);
});

test('string, raw: 3,000 × 10 KB values (redis-server measured 37,136,768 B)', () => {
  const e = estimateMemory('redis', items({ type: 'string', keys: 3000, keyBytes: 16, valueBytes: 10_240 }));
  // 3,000 × 32 + 4,096 × 8 + 3,000 × 32 + 3,000 × 16 (robj) + 3,000 × (5 + 10,240 + 1 = 10,246 → 12,288)
  assert.equal(e.datasetBytes, 96_000 + 32_768 + 96_000 + 48_000 + 36_864_000);
  assert.equal(e.datasetBytes, 37_136_768);
});

test('string, integer values: the robj holds the number', () => {
  const e = estimateMemory('redis', items({ type: 'string', keys: 1000, keyBytes: 16, valueBytes: 10, integerValues: true }));
  assert.equal(e.datasetBytes, 32_000 + 8_192 + 32_000 + 16_000);
  assert.match(encoding(e), /^string: int/);
});

test('hash, listpack: 10,000 × 20 fields × 16 B (redis-server measured 8,611,072 B)', () => {
  const e = estimateMemory('redis', items({ type: 'hash', keys: 10_000, keyBytes: 16, fields: 20, fieldBytes: 16, valueBytes: 16 }));
  // keyspace 10,000 × 32 + 16,384 × 8 + keys 10,000 × 32; robj 10,000 × 16;
  // listpack 7 + 20 × (18 + 18) = 727 → 768 each.
  assert.equal(e.datasetBytes, 320_000 + 131_072 + 320_000 + 160_000 + 7_680_000);
  assert.match(encoding(e), /^hash: listpack/);
});

test('hash, hashtable: 200 × 1,000 fields × 16 B (redis-server measured 20,869,248 B)', () => {
  const e = estimateMemory('redis', items({ type: 'hash', keys: 200, keyBytes: 16, fields: 1000, fieldBytes: 16, valueBytes: 16 }));
  // keyspace 200 × 32 + 256 × 8 + keys 200 × 32; robj 200 × 16; dict struct 56 → 64 × 200;
  // buckets: converted at field 513 into a dict presized for 513 → 1,024 buckets × 8 × 200 (no doubling after);
  // per field: dictEntry 32 + field sds 32 + value sds 32 = 96 × 1,000 × 200.
  assert.equal(e.datasetBytes, 6_400 + 2_048 + 6_400 + 3_200 + 12_800 + 1_638_400 + 19_200_000);
  assert.match(encoding(e), /^hash: hashtable \(1000 fields > hash-max-listpack-entries 512\)/);
});

test('hash thresholds: 512 fields listpack, 513 hashtable; 64 B values listpack, 65 B hashtable', () => {
  const h = (fields: number, valueBytes: number) =>
    encoding(estimateMemory('redis', items({ type: 'hash', keys: 1, keyBytes: 8, fields, fieldBytes: 8, valueBytes })));
  assert.match(h(512, 16), /^hash: listpack/);
  assert.match(h(513, 16), /^hash: hashtable/);
  assert.match(h(20, 64), /^hash: listpack/);
  assert.match(h(20, 65), /^hash: hashtable \(a field or value over hash-max-listpack-value 64 B\)/);
  // 20 fields of 8 B with 64 B values: 7 + 20 × (10 + 67) = 1,547 → 1,792 B listpack.
  const e = estimateMemory('redis', items({ type: 'hash', keys: 1, keyBytes: 8, fields: 20, fieldBytes: 8, valueBytes: 64 }));
  assert.equal(e.steps.at(-1)!.bytes, 1_792);
});

test('zset thresholds: 128 members listpack, 129 skiplist; 64 B members listpack, 65 B skiplist', () => {
  const z = (fields: number, valueBytes: number) =>
    encoding(estimateMemory('valkey', items({ type: 'zset', keys: 1, keyBytes: 8, fields, valueBytes })));
  assert.match(z(128, 16), /^zset: listpack/);
  assert.match(z(129, 16), /^zset: skiplist/);
  assert.match(z(50, 64), /^zset: listpack/);
  assert.match(z(50, 65), /^zset: skiplist/);
  // 50 members of 16 B with int32 scores: 7 + 50 × (18 + 6) = 1,207 → 1,280 B.
  const e = estimateMemory('redis', items({ type: 'zset', keys: 1, keyBytes: 8, fields: 50, valueBytes: 16 }));
  assert.equal(e.steps.at(-1)!.bytes, 1_280);
});

test('skiplist node: 24 B + 16 B per level, levels geometric with p = 0.25', () => {
  // Level 1 (p .75) 40 → 48, level 2 (.1875) 56 → 64, level 3 (.046875) 72 → 80, level 4 (.01171875) 88 → 96:
  // 36 + 12 + 3.75 + 1.125 = 52.875; levels ≥ 5 have p = 0.25^4 and at most 640 B.
  const e = expectedSkiplistNode();
  assert.ok(e > 52.875 + 0.25 ** 4 * 112 - 1e-9 && e < 52.875 + 0.25 ** 4 * 640, String(e));
});

test('sets: intset up to 512 integers, Redis 7.0 hashtable for strings, Valkey 7.2 listpack up to 128', () => {
  const s = (engine: 'redis' | 'valkey', fields: number, valueBytes: number, integerValues = false) =>
    estimateMemory(engine, items({ type: 'set', keys: 1, keyBytes: 8, fields, valueBytes, integerValues }));
  // 200 nine-digit ids: 4-byte elements, 8 + 200 × 4 = 808 → 896.
  assert.match(encoding(s('redis', 200, 9, true)), /^set: intset/);
  assert.equal(s('redis', 200, 9, true).steps.at(-1)!.bytes, 896);
  assert.match(encoding(s('redis', 512, 9, true)), /^set: intset/);
  assert.match(encoding(s('redis', 513, 9, true)), /^set: hashtable/);
  assert.match(encoding(s('redis', 100, 20)), /^set: hashtable \(string members; Redis 7.0 has no set listpack\)/);
  assert.match(encoding(s('valkey', 128, 20)), /^set: listpack/);
  assert.match(encoding(s('valkey', 129, 20)), /^set: hashtable/);
  // Valkey: 7 + 100 × 22 = 2,207 → 2,560 B listpack.
  assert.equal(s('valkey', 100, 20).steps.at(-1)!.bytes, 2_560);
});

test('set, hashtable with a rehash still pending: 1,000 × 200 members × 20 B', () => {
  const e = estimateMemory('redis', items({ type: 'set', keys: 1000, keyBytes: 16, fields: 200, valueBytes: 20 }));
  // Grew 4 → … → 256 buckets; the doubling at 128 members left 128 old buckets, ~81 of them non-empty, and only
  // 200 − 128 − 1 = 71 inserts (one rehash step each) followed: the old 1,024 B array is still there.
  // keyspace 32,000 + 8,192 + 32,000; robj 16,000; dict 64,000; buckets 2,048 × 1,000; old buckets 1,024 × 1,000;
  // members: dictEntry 32 + sds 1+20+1 = 22 → 32, × 200 × 1,000. (redis-server measured 16,022,144 B: two keys
  // had finished rehashing.)
  assert.equal(e.datasetBytes, 32_000 + 8_192 + 32_000 + 16_000 + 64_000 + 2_048_000 + 1_024_000 + 12_800_000);
  assert.equal(rehashPending(200, 1), true);
  assert.equal(rehashPending(230, 1), false); // 230 − 128 − 1 = 101 steps ≥ 81
  assert.equal(rehashPending(40, 2), true); // hash of 40 long values: (40 − 33) × 2 = 14 < 21
  assert.equal(rehashPending(1000, 2, 1024), false); // presized at conversion, never doubled
  assert.equal(dictBuckets(0), 0);
  assert.equal(dictBuckets(3), 4);
  assert.equal(dictBuckets(256), 256);
  assert.equal(dictBuckets(257), 512);
});

test('lists: quicklist nodes of up to 8 KB; Valkey 7.2 keeps a small list as one listpack', () => {
  const l = (engine: 'redis' | 'valkey', fields: number) =>
    estimateMemory(engine, items({ type: 'list', keys: 1, keyBytes: 8, fields, valueBytes: 20 }));
  // 20 entries × 22 B: 7 + 440 = 447 → 448. Redis 7.0: robj 16 + quicklist 40 → 48 + node 40 → 48 + 448.
  assert.equal(l('redis', 20).datasetBytes - l('redis', 20).steps.slice(0, 3).reduce((s, x) => s + x.bytes, 0), 16 + 48 + 48 + 448);
  assert.equal(l('valkey', 20).datasetBytes - l('valkey', 20).steps.slice(0, 3).reduce((s, x) => s + x.bytes, 0), 16 + 448);
  // A node takes entries while 7 + n × 22 + 20 + 2 ≤ 8,192: 372 per node; 1,000 entries = 3 nodes
  // (2 × (7 + 372 × 22 = 8,191 → 8,192) + 7 + 256 × 22 = 5,639 → 6,144).
  assert.match(encoding(l('redis', 1000)), /3 node\(s\) of up to 372 entries/);
  assert.equal(l('redis', 1000).steps.at(-1)!.bytes, 2 * 8_192 + 6_144);
});

test('memcached: item size picks the slab class (96, 120, 152 … 524,288)', () => {
  const classes = slabClasses();
  assert.deepEqual(classes.slice(0, 6).map((c) => c.size), [96, 120, 152, 192, 240, 304]);
  assert.equal(classes.length, 39);
  assert.equal(classes.at(-1)!.size, 524_288);
  // 48 header + 8 CAS + 16 key + 1 + 4 flags + 32 value + 2 CRLF = 111 → class 2 (120 B, 8,738 per page).
  assert.equal(itemBytes(16, 32), 111);
  assert.deepEqual(slabClassFor(111), { id: 2, size: 120, perSlab: 8_738 });
  assert.equal(slabClassFor(96).id, 1);
  assert.equal(slabClassFor(97).id, 2);
  // 200,000 items: ⌈200,000 / 8,738⌉ = 23 pages of 1 MB; the hash table doubles past 98,304 and 196,608 items:
  // 2^18 × 8 − 2^16 × 8 = 1,572,864. memcached 1.6.18 measured 25,690,112 B.
  const e = estimateMemory('memcached', items({ type: 'string', keys: 200_000, keyBytes: 16, valueBytes: 32 }));
  assert.equal(e.datasetBytes, 23 * 1_048_576 + 1_572_864);
  // 10 KB values: 48 + 8 + 17 + 4 + 10,242 = 10,319 → class 22 (11,104 B, 94 per page); 3,000 → 32 pages.
  const big = estimateMemory('memcached', items({ type: 'string', keys: 3000, keyBytes: 16, valueBytes: 10_240 }));
  assert.match(encoding(big), /slab class 22 \(11,104 B chunks, 94 per 1 MB page\)/);
  assert.equal(big.datasetBytes, 32 * 1_048_576);
});

test('a total is taken as the dataset in one step', () => {
  const e = estimateMemory('valkey', { kind: 'total', bytes: 5e9 });
  assert.equal(e.datasetBytes, 5e9);
  assert.equal(e.steps.length, 1);
});

test('every model names its engine version', () => {
  const d = items({ type: 'string', keys: 1, keyBytes: 8, valueBytes: 8 });
  assert.match(estimateMemory('redis', d).model, /^Redis OSS 7\.0/);
  assert.match(estimateMemory('valkey', d).model, /^Valkey 7\.2.*Valkey 8\.0.*conservative/);
  assert.match(estimateMemory('memcached', d).model, /^Memcached 1\.6/);
});
