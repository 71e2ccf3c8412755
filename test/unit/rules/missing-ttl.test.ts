import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import { ruleTable } from './table';

const PY = 'import redis\nr = redis.Redis()\n';
const AIO = 'import redis.asyncio as redis\nr = redis.Redis()\n';
const CLUSTER = 'from redis.cluster import RedisCluster\nrc = RedisCluster(host="cache", port=6379)\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const NR = "import { createClient } from 'redis';\nconst c = createClient();\n";

ruleTable('missing-ttl', {
  valid: [
    { name: 'SET NX without expiry is lock-without-expiry\'s, not a TTL to add', path: 'src/a.py', code: PY + 'def f(u):\n    r.set(f"lock:{u}", 1, nx=True)\n' },
    { name: 'ex= keyword', path: 'src/a.py', code: PY + 'def f(u):\n    r.set(f"u:{u}", 1, ex=60)\n' },
    { name: 'third positional argument is ex', path: 'src/a.py', code: PY + 'def f(u):\n    r.set(f"u:{u}", 1, 60)\n' },
    { name: 'setex', path: 'src/a.py', code: PY + 'def f(u):\n    r.setex(f"u:{u}", 60, 1)\n' },
    { name: 'keepttl', path: 'src/a.py', code: PY + 'def f(u):\n    r.set(f"u:{u}", 1, keepttl=True)\n' },
    { name: 'SET then EXPIRE on the same key expression', path: 'src/a.py', code: PY + 'def f(uid):\n    r.set(f"u:{uid}", 1)\n    r.expire(f"u:{uid}", 60)\n' },
    { name: 'HSET with EXPIRE before it still expires', path: 'src/a.py', code: PY + 'def f(k):\n    r.expire(k, 60)\n    r.hset(k, "a", 1)\n' },
    { name: 'options from **kwargs are unknown, not missing', path: 'src/a.py', code: PY + 'def f(k, **kw):\n    r.set(k, 1, **kw)\n' },
    { name: "ioredis 'EX' tokens", path: 'src/a.ts', code: TS + "export const f = (u: string) => redis.set(`u:${u}`, 'v', 'EX', 60);\n" },
    { name: 'ioredis INCR then EXPIRE', path: 'src/a.ts', code: TS + 'async function f(ip: string) {\n  await redis.incr(`r:${ip}`);\n  await redis.expire(`r:${ip}`, 60);\n}\n' },
    { name: 'node-redis { EX }', path: 'src/a.ts', code: NR + "export const f = (u: string) => c.set(`u:${u}`, 'v', { EX: 60 });\n" },
    { name: 'a Map.set is not Redis', path: 'src/a.ts', code: TS + 'const m = new Map();\nexport const f = (u: string) => m.set(`u:${u}`, 1);\n' },
    { name: 'a non-Redis object with a set method', path: 'src/a.py', code: 'class Store:\n    def set(self, k, v):\n        pass\n\ns = Store()\n\ndef f(u):\n    s.set(f"u:{u}", 1)\n' },
    { name: 'a name rebound from a client to a dict', path: 'src/a.py', code: PY + 'r = {}\n\ndef f(u):\n    r.setdefault(f"u:{u}", 1)\n' },
    { name: 'MSET of a mapping variable: the keys cannot be named', path: 'src/a.py', code: PY + 'def f(to_set):\n    r.mset(to_set)\n' },
    { name: 'a splatted key', path: 'src/a.py', code: PY + 'def f(data):\n    r.hmset(*data)\n' },
    { name: 'ioredis key from a module const literal is a fixed name', path: 'src/stats.ts', code: TS + "const TOTAL = 'stats:total';\nexport async function record(n: number) {\n  await redis.incrby(TOTAL, n);\n}\n" },
    { name: 'a module constant key (Python, same case)', path: 'src/stats.py', code: PY + 'TOTAL = "stats:total"\n\ndef record(n):\n    r.incrby(TOTAL, n)\n' },
    { name: 'test files are left alone', path: 'tests/test_cart.py', code: PY + 'def test_f():\n    r.set(f"u:{1}", 1)\n' },
  ],
  invalid: [
    { name: 'SET of a built name', path: 'src/a.py', code: PY + 'def f(uid):\n    r.set(f"u:{uid}", 1)\n', errors: ['missing-ttl@4:7'] },
    { name: 'a name from a variable may vary', path: 'src/a.py', code: PY + 'def f(uid):\n    key = f"u:{uid}"\n    r.set(key, 1)\n', errors: ['missing-ttl@5:7'] },
    { name: 'EXPIRE before SET does not count (SET resets the TTL)', path: 'src/a.py', code: PY + 'def f(k):\n    r.expire(k, 60)\n    r.set(k, 1)\n', errors: ['missing-ttl@5:7'] },
    { name: 'EXPIRE on another key does not count', path: 'src/a.py', code: PY + 'def f(a, b):\n    r.hset(a, "x", 1)\n    r.expire(b, 60)\n', errors: ['missing-ttl@4:7'] },
    { name: 'EXPIRE in another function does not count', path: 'src/a.py', code: PY + 'def f(k):\n    r.sadd(k, 1)\n\ndef g(k):\n    r.expire(k, 60)\n', errors: ['missing-ttl@4:7'] },
    { name: 'pipeline write without expiry', path: 'src/a.py', code: PY + 'def f(k):\n    with r.pipeline() as p:\n        p.lpush(k, 1)\n        p.execute()\n', errors: ['missing-ttl@5:11'] },
    { name: 'redis.asyncio', path: 'src/a.py', code: AIO + 'async def remember(uid, token):\n    await r.set(f"session:{uid}", token)\n', errors: ['missing-ttl@4:13'] },
    { name: 'RedisCluster', path: 'src/a.py', code: CLUSTER + 'def add(cart_id, sku):\n    rc.sadd(f"cart:{cart_id}", sku)\n', errors: ['missing-ttl@4:8'] },
    { name: 'ioredis SET of a built name', path: 'src/a.ts', code: TS + 'export async function f(uid: string) {\n  await redis.set(`u:${uid}`, 1);\n}\n', errors: ['missing-ttl@4:15'] },
    { name: 'ioredis key from a reassigned let may vary', path: 'src/stats.ts', code: TS + "let key = 'stats:total';\nexport async function record(day: string, n: number) {\n  key = `stats:${day}`;\n  await redis.incrby(key, n);\n}\n", errors: ['missing-ttl@6:15'] },
    { name: 'ioredis key from a const built by a call may vary', path: 'src/stats.ts', code: TS + "const key = statsKey();\nexport async function record(n: number) {\n  await redis.incrby(key, n);\n}\n", errors: ['missing-ttl@5:15'] },
    { name: 'ioredis concatenated name', path: 'src/a.ts', code: TS + "export async function f(uid: string) {\n  await redis.set('u:' + uid, 1);\n}\n", errors: ['missing-ttl@4:15'] },
    { name: 'node-redis hSet', path: 'src/a.ts', code: NR + "export async function f(id: string) {\n  await c.hSet(`h:${id}`, 'f', 'v');\n}\n", errors: ['missing-ttl@4:11'] },
    { name: 'suppressed on the next line only', path: 'src/a.py', code: PY + 'def f(u):\n    # cachelint-disable-next-line missing-ttl\n    r.set(f"a:{u}", 1)\n    r.set(f"b:{u}", 1)\n', errors: ['missing-ttl@6:7'] },
  ],
});

// A fixed name is one key however often it is written: it cannot pile up.
ruleTable('missing-ttl', {
  valid: [
    { name: 'fixed stats names (redis-py)', path: 'src/stats.py', code: PY + 'def record(n):\n    r.incrby("stats:total", n)\n    r.set("stats:last_run", n)\n' },
    { name: 'an f-string with nothing interpolated', path: 'src/stats.py', code: PY + 'def record(n):\n    r.set(f"stats:total", n)\n' },
    { name: 'fixed stats names (ioredis)', path: 'src/stats.ts', code: TS + "export async function record(n: number) {\n  await redis.incrby('stats:total', n);\n  await redis.set('stats:last_run', n);\n}\n" },
    { name: 'fixed stats names (node-redis)', path: 'src/stats.ts', code: NR + "export async function record(n: number) {\n  await c.incrBy('stats:total', n);\n  await c.hSet('stats:by_day', 'mon', n);\n}\n" },
    { name: 'the same literal key in other quotes', path: 'src/a.py', code: PY + 'def f():\n    r.set("k", 1)\n    r.expire(\'k\', 10)\n' },
  ],
  invalid: [
    { name: 'a fixed name next to a built one: only the built one', path: 'src/stats.py', code: PY + 'def record(uid, n):\n    r.incrby("stats:total", n)\n    r.incrby(f"stats:user:{uid}", n)\n', errors: ['missing-ttl@5:7'] },
    { name: 'the same in TypeScript', path: 'src/stats.ts', code: TS + "export async function record(uid: string, n: number) {\n  await redis.incrby('stats:total', n);\n  await redis.incrby(`stats:user:${uid}`, n);\n}\n", errors: ['missing-ttl@5:15'] },
  ],
});

// A list that is popped in the file is a work queue: it empties itself.
ruleTable('missing-ttl', {
  valid: [
    { name: 'a literal queue pushed and popped (ioredis)', path: 'src/q.ts', code: TS + "export const put = (job: string) => redis.rpush('jobs', job);\nexport const take = () => redis.blpop('jobs', 5);\n" },
    { name: 'a per-tenant queue, same template text (redis-py)', path: 'src/q.py', code: PY + 'def put(tenant, job):\n    r.rpush(f"jobs:{tenant}", job)\n\ndef take(tenant):\n    return r.blpop(f"jobs:{tenant}", 5)\n' },
    { name: 'a per-tenant queue, same template text (ioredis)', path: 'src/q.ts', code: TS + 'export const put = (tenant: string, job: string) => redis.rpush(`jobs:${tenant}`, job);\nexport const take = (tenant: string) => redis.blpop(`jobs:${tenant}`, 5);\n' },
    { name: 'a per-tenant queue moved to a processing list (node-redis)', path: 'src/q.ts', code: NR + 'export const put = (t: string, job: string) => c.lPush(`jobs:${t}`, job);\nexport const take = (t: string) => c.lMove(`jobs:${t}`, `busy:${t}`, \'RIGHT\', \'LEFT\');\n' },
  ],
  invalid: [
    { name: 'pushes to a list nobody pops here', path: 'src/q.py', code: PY + 'def log(uid, line):\n    r.rpush(f"audit:{uid}", line)\n\ndef take(uid):\n    return r.lpop(f"jobs:{uid}")\n', errors: ['missing-ttl@4:7'] },
    { name: 'pushes to a list nobody pops here (ioredis)', path: 'src/q.ts', code: TS + 'export const log = (uid: string, line: string) => redis.rpush(`audit:${uid}`, line);\nexport const take = (uid: string) => redis.lpop(`jobs:${uid}`);\n', errors: ['missing-ttl@3:57'] },
    { name: 'a set with the queue\'s name is not popped', path: 'src/q.py', code: PY + 'def f(t, job):\n    r.sadd(f"jobs:{t}", job)\n    r.lpop(f"jobs:{t}")\n', errors: ['missing-ttl@4:7'] },
    { name: 'three pushes to one list in one function are one finding', path: 'src/a.py', code: PY + 'def f(u):\n    r.rpush(f"greets:{u}", 1)\n    r.rpush(f"greets:{u}", 2)\n    r.rpush(f"greets:{u}", 3)\n', errors: ['missing-ttl@4:7'] },
  ],
});

const FT_PY = PY + 'r.execute_command("FT.CREATE", "docs", "ON", "HASH", "PREFIX", 1, "doc:", "SCHEMA", "body", "TEXT", "vec", "VECTOR", "FLAT", 6, "TYPE", "FLOAT32", "DIM", 4, "DISTANCE_METRIC", "COSINE")\n\n';
const FT_API = PY + 'from redis.commands.search.field import TextField, VectorField\nfrom redis.commands.search.indexDefinition import IndexDefinition, IndexType\n\nr.ft("idx:docs").create_index(\n    fields=[TextField("body")],\n    definition=IndexDefinition(prefix=["doc:"], index_type=IndexType.HASH),\n)\n\n';
const FT_NR_API = "import { createClient, SchemaFieldTypes } from 'redis';\nconst client = createClient();\nawait client.ft.create('idx:animals', {\n  name: { type: SchemaFieldTypes.TEXT, SORTABLE: true },\n}, { ON: 'HASH', PREFIX: 'noderedis:animals' });\n\n";
const FT_TS = TS + "await redis.call('FT.CREATE', 'docs', 'ON', 'HASH', 'PREFIX', 1, 'doc:', 'SCHEMA', 'body', 'TEXT');\n\n";
const FT_NR = NR + "await c.sendCommand(['FT.CREATE', 'docs', 'ON', 'HASH', 'PREFIX', '2', 'doc:', 'faq:', 'SCHEMA', 'body', 'TEXT']);\n\n";

// Hashes under a search index's prefix are its documents: a database, not a cache.
ruleTable('missing-ttl', {
  valid: [
    { name: 'documents loaded under the index prefix (redis-py)', path: 'src/load.py', code: FT_PY + 'def load(rows):\n    with r.pipeline() as p:\n        for i, row in enumerate(rows):\n            p.hset(f"doc:{i}", mapping=row)\n        p.execute()\n' },
    { name: 'a document key held in a variable, in a file that declares an index', path: 'src/load.py', code: FT_PY + 'def load(rows):\n    for i, row in enumerate(rows):\n        key = f"doc:{i}"\n        r.hset(key, mapping=row)\n' },
    { name: 'documents under the index prefix (ioredis call)', path: 'src/load.ts', code: FT_TS + 'export async function load(id: string, body: string) {\n  await redis.hset(`doc:${id}`, { body });\n}\n' },
    { name: 'the second of two prefixes (node-redis sendCommand)', path: 'src/load.ts', code: FT_NR + 'export async function load(id: string, body: string) {\n  await c.hSet(`faq:${id}`, { body });\n}\n' },
    { name: 'redis-py ft().create_index with an inline IndexDefinition prefix', path: 'src/vectors.py', code: FT_API + 'def load(i, row):\n    r.hset(f"doc:{i}", mapping=row)\n' },
    { name: 'redis-py create_index with a definition built elsewhere: its prefixes are unknown', path: 'src/vectors.py', code: PY + 'from redis.commands.search.indexDefinition import IndexDefinition\n\ndefinition = IndexDefinition(prefix=[PREFIX])\nr.ft(INDEX).create_index(fields=schema, definition=definition)\n\ndef load(i, row):\n    r.hset(f"chunk:{i}", mapping=row)\n' },
    { name: 'redis-py create_index with no definition indexes every hash', path: 'src/vectors.py', code: PY + 'r.ft().create_index([TextField("body")])\n\ndef load(i, row):\n    r.hset(f"any:{i}", mapping=row)\n' },
    { name: 'node-redis client.ft.create with ON HASH and a PREFIX', path: 'src/animals.ts', code: FT_NR_API + "export async function add(id: string, name: string) {\n  await client.hSet(`noderedis:animals:${id}`, { name });\n}\n" },
    { name: 'node-redis client.ft.create with options built elsewhere: prefixes unknown', path: 'src/animals.ts', code: "import { createClient } from 'redis';\nconst client = createClient();\nawait client.ft.create('idx', SCHEMA, INDEX_OPTIONS);\nexport async function add(id: string, name: string) {\n  await client.hSet(`any:${id}`, { name });\n}\n" },
    { name: 'an index without PREFIX reads every hash', path: 'src/load.py', code: PY + 'r.execute_command("FT.CREATE", "all", "SCHEMA", "body", "TEXT")\n\ndef load(i, row):\n    r.hset(f"any:{i}", mapping=row)\n' },
  ],
  invalid: [
    { name: 'a hash outside the prefix (redis-py)', path: 'src/load.py', code: FT_PY + 'def touch(uid):\n    r.hset(f"user:{uid}", "seen", 1)\n', errors: ['missing-ttl@6:7'] },
    { name: 'a hash outside the prefix (ioredis)', path: 'src/load.ts', code: FT_TS + 'export async function touch(uid: string) {\n  await redis.hset(`user:${uid}`, { seen: 1 });\n}\n', errors: ['missing-ttl@6:15'] },
    { name: 'a string under the prefix is not an indexed hash', path: 'src/load.py', code: FT_PY + 'def cache(i, v):\n    r.set(f"doc:{i}:summary", v)\n', errors: ['missing-ttl@6:7'] },
    { name: 'redis-py create_index: a hash outside the inline prefix', path: 'src/vectors.py', code: FT_API + 'def touch(uid):\n    r.hset(f"user:{uid}", "seen", 1)\n', errors: ['missing-ttl@12:7'] },
    { name: 'redis-py create_index on JSON does not cover hashes', path: 'src/vectors.py', code: FT_API.replace('IndexType.HASH', 'IndexType.JSON') + 'def load(i, row):\n    r.hset(f"doc:{i}", mapping=row)\n', errors: ['missing-ttl@12:7'] },
    { name: 'a Search-like ft() on a non-Redis object is no index', path: 'src/vectors.py', code: PY + 'class Engine:\n    def ft(self, name): return self\n    def create_index(self, *a, **k): pass\n\nEngine().ft("idx").create_index([], definition=IndexDefinition(prefix=["doc:"]))\n\ndef load(i, row):\n    r.hset(f"doc:{i}", mapping=row)\n', errors: ['missing-ttl@10:7'] },
    { name: 'node-redis client.ft.create: a hash outside the prefix', path: 'src/animals.ts', code: FT_NR_API + "export async function seen(uid: string) {\n  await client.hSet(`user:${uid}`, { seen: 1 });\n}\n", errors: ['missing-ttl@8:16'] },
    { name: 'an ft.create on a Map-backed fake is no index', path: 'src/animals.ts', code: "import { createClient } from 'redis';\nconst client = createClient();\nconst fake = { ft: { create: (..._a: unknown[]) => 0 } };\nfake.ft.create('idx', {}, { ON: 'HASH', PREFIX: 'noderedis:animals' });\nexport async function add(id: string, name: string) {\n  await client.hSet(`noderedis:animals:${id}`, { name });\n}\n", errors: ['missing-ttl@6:16'] },
    { name: 'a JSON index does not cover hashes', path: 'src/load.py', code: PY + 'r.execute_command("FT.CREATE", "j", "ON", "JSON", "PREFIX", 1, "doc:", "SCHEMA", "$.body", "TEXT")\n\ndef load(i, row):\n    r.hset(f"doc:{i}", mapping=row)\n', errors: ['missing-ttl@6:7'] },
    { name: 'an index declared in no file: still a cache', path: 'src/load.py', code: PY + 'def load(i, row):\n    r.hset(f"doc:{i}", mapping=row)\n', errors: ['missing-ttl@4:7'] },
  ],
});

const MEMORYDB = { memorydb: 'yes', serverless: 'no', clusterMode: 'yes' } as const;

// MemoryDB is a durable primary database: keys without a TTL are its records.
ruleTable('missing-ttl', {
  valid: [
    { name: 'MemoryDB (redis-py)', path: 'src/orders.py', code: PY + 'def save(order_id, order):\n    r.hset(f"order:{order_id}", mapping=order)\n', context: MEMORYDB },
    { name: 'MemoryDB (ioredis)', path: 'src/orders.ts', code: TS + 'export async function save(id: string, order: Record<string, string>) {\n  await redis.hset(`order:${id}`, order);\n}\n', context: MEMORYDB },
    { name: 'MemoryDB by setting', path: 'src/orders.py', code: PY + 'def save(order_id, order):\n    r.hset(f"order:{order_id}", mapping=order)\n', settings: { context: { memorydb: true } } },
  ],
  invalid: [
    { name: 'a workspace with MemoryDB and ElastiCache: not known to be MemoryDB', path: 'src/orders.py', code: PY + 'def save(order_id, order):\n    r.hset(f"order:{order_id}", mapping=order)\n', context: { memorydb: 'unknown' }, errors: ['missing-ttl@4:7'] },
  ],
});

// Cache wrappers that take an optional TTL: the author weighed an expiry and handed the choice to the caller.
const NEST = "import { Inject, Injectable } from '@nestjs/common';\nimport Redis from 'ioredis';\n\n@Injectable()\nexport class SessionCache {\n  constructor(@Inject('REDIS') private readonly redis: Redis) {}\n\n";
ruleTable('missing-ttl', {
  valid: [
    { name: 'if (ttl) SET EX else SET: the bare write is the caller\'s choice', path: 'src/cache/session-cache.ts', code: NEST + '  async put(id: string, body: string, ttl?: number): Promise<void> {\n    if (ttl) {\n      await this.redis.set(id, body, \'EX\', ttl);\n    } else {\n      await this.redis.set(id, body);\n    }\n  }\n}\n' },
    { name: 'the same choice as a conditional expression (node-redis)', path: 'src/cache.ts', code: NR + 'export const put = (key: string, value: string, seconds?: number) =>\n  seconds ? c.set(key, value, { EX: seconds }) : c.set(key, value);\n' },
    { name: 'else-if chain: the bare write is the last alternative', path: 'src/cache.ts', code: TS + 'export async function put(key: string, v: string, ttl?: number, at?: number) {\n  if (ttl) await redis.set(key, v, \'EX\', ttl);\n  else if (at) await redis.set(key, v, \'EXAT\', at);\n  else await redis.set(key, v);\n}\n' },
  ],
  invalid: [
    { name: 'an expiring SET in an earlier, separate if: the later SET resets it', path: 'src/cache.ts', code: TS + 'export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) await redis.set(key, v, \'EX\', ttl);\n  await redis.set(key, v);\n}\n', errors: ['missing-ttl@5:15'] },
    { name: 'inside the arm that also expires: the SET after it resets the TTL', path: 'src/cache.ts', code: TS + 'export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) {\n    await redis.set(key, v, \'EX\', ttl);\n    await redis.set(key, v);\n  }\n}\n', errors: ['missing-ttl@6:17'] },
    { name: 'a wrapper with no expiry on any path', path: 'src/cache/session-cache.ts', code: NEST + '  async put(id: string, body: string, fresh: boolean): Promise<void> {\n    if (fresh) {\n      await this.redis.del(id);\n    } else {\n      await this.redis.set(id, body);\n    }\n  }\n}\n', errors: ['missing-ttl@12:24'] },
  ],
});

// Key names assembled from module constants are fixed names: one key, overwritten in place.
const BILLING = "import Redis from 'ioredis';\n\nconst redis = new Redis(process.env.REDIS_URL!);\nconst PREFIX = 'billing';\nconst KEYS = { flags: 'billing:flags' } as const;\nconst SETTINGS_KEY = `${PREFIX}:settings`;\n\n";
ruleTable('missing-ttl', {
  valid: [
    { name: 'a template of a module constant', path: 'src/billing/settings.ts', code: BILLING + 'export async function save(s: object) {\n  await redis.set(`${PREFIX}:settings`, JSON.stringify(s));\n}\n' },
    { name: 'a constant that is itself a template of constants', path: 'src/billing/settings.ts', code: BILLING + 'export async function save(s: object) {\n  await redis.set(SETTINGS_KEY, JSON.stringify(s));\n}\n' },
    { name: 'a member of an `as const` object inside a template', path: 'src/billing/settings.ts', code: BILLING + 'export async function flag(name: string) {\n  await redis.hset(`${KEYS.flags}:v2`, name, 1);\n}\n' },
  ],
  invalid: [
    { name: 'a constant prefix and a run-time id', path: 'src/billing/users.ts', code: BILLING + 'export async function save(id: string, s: object) {\n  await redis.set(`${PREFIX}:user:${id}`, JSON.stringify(s));\n}\n', errors: ['missing-ttl@9:15'] },
    { name: 'a `let` prefix can change: still a template', path: 'src/billing/settings.ts', code: "import Redis from 'ioredis';\n\nconst redis = new Redis(process.env.REDIS_URL!);\nlet prefix = 'billing';\nexport const use = (p: string) => { prefix = p; };\nexport async function save(s: object) {\n  await redis.set(`${prefix}:settings`, JSON.stringify(s));\n}\n", errors: ['missing-ttl@7:15'] },
    { name: 'a constant holding a call is not a fixed text', path: 'src/billing/settings.ts', code: "import Redis from 'ioredis';\nimport { tenant } from './tenant';\n\nconst redis = new Redis(process.env.REDIS_URL!);\nexport async function save(s: object) {\n  const key = `${tenant()}:settings`;\n  await redis.set(key, JSON.stringify(s));\n}\n", errors: ['missing-ttl@7:15'] },
  ],
});

// The same optional-TTL wrappers in Python: the arms of if/elif/else and of `a if c else b`.
const PY_REPO = 'import redis\n\n\nclass SessionCache:\n    def __init__(self, client: redis.Redis):\n        self.redis = client\n\n';
ruleTable('missing-ttl', {
  valid: [
    { name: 'Python: if ttl: SET ex= else: SET', path: 'app/cache/session_cache.py', code: PY_REPO + '    def put(self, sid, body, ttl=None):\n        if ttl:\n            self.redis.set(sid, body, ex=ttl)\n        else:\n            self.redis.set(sid, body)\n' },
    { name: 'Python: the choice as a conditional expression', path: 'app/cache.py', code: PY + 'def put(key, value, seconds=None):\n    return r.set(key, value, ex=seconds) if seconds else r.set(key, value)\n' },
    { name: 'Python: elif chain, the bare write is the last alternative', path: 'app/cache.py', code: PY + 'def put(key, v, ttl=None, at=None):\n    if ttl:\n        r.set(key, v, ex=ttl)\n    elif at:\n        r.set(key, v, exat=at)\n    else:\n        r.set(key, v)\n' },
  ],
  invalid: [
    { name: 'Python: an expiring SET in an earlier, separate if: the later SET resets it', path: 'app/cache.py', code: PY + 'def put(key, v, ttl=None):\n    if ttl:\n        r.set(key, v, ex=ttl)\n    r.set(key, v)\n', errors: ['missing-ttl@6:7'] },
    { name: 'Python: a wrapper with no expiry on any path', path: 'app/cache/session_cache.py', code: PY_REPO + '    def put(self, sid, body, fresh):\n        if fresh:\n            self.redis.delete(sid)\n        else:\n            self.redis.set(sid, body)\n', errors: ['missing-ttl@12:24'] },
  ],
});

// Python keys assembled from module constants: one fixed key; only the holes that vary make a family of keys.
const PY_BILLING = 'import redis\n\nr = redis.Redis()\nPREFIX = "billing"\nSETTINGS_KEY = f"{PREFIX}:settings"\n\n';
ruleTable('missing-ttl', {
  valid: [
    { name: 'Python: an f-string of a module constant', path: 'app/billing/settings.py', code: PY_BILLING + 'def save(s):\n    r.set(f"{PREFIX}:settings", s)\n' },
    { name: 'Python: a constant that is itself an f-string of constants', path: 'app/billing/settings.py', code: PY_BILLING + 'def save(s):\n    r.set(SETTINGS_KEY, s)\n' },
  ],
  invalid: [
    { name: 'Python: a constant prefix and a run-time id', path: 'app/billing/users.py', code: PY_BILLING + 'def save(uid, s):\n    r.set(f"{PREFIX}:user:{uid}", s)\n', errors: ['missing-ttl@8:7'] },
    { name: 'Python: a prefix rebound at run time is no constant', path: 'app/billing/settings.py', code: 'import redis\n\nr = redis.Redis()\nprefix = "billing"\n\ndef use(p):\n    global prefix\n    prefix = p\n\ndef save(s):\n    r.set(f"{prefix}:settings", s)\n', errors: ['missing-ttl@11:7'] },
    { name: 'Python: two constants defined by each other are not folded', path: 'app/billing/settings.py', code: 'import redis\n\nr = redis.Redis()\nA = f"{B}:a"\nB = f"{A}:b"\n\ndef save(s, uid):\n    r.set(f"{A}:{uid}", s)\n', errors: ['missing-ttl@8:7'] },
  ],
});

test('missing-ttl names only the holes that vary when a constant prefix is folded in', async () => {
  const r = await analyzeSource('app/billing/users.py', PY_BILLING + 'def save(uid, s):\n    r.set(f"{PREFIX}:user:{uid}", s)\n');
  const f = r!.findings.find((x) => x.ruleId === 'missing-ttl')!;
  assert.match(f.message, /The name is built from `\{uid\}`/);
  assert.doesNotMatch(f.message, /PREFIX`/);
});
// Real session stores and caches move the EXPIRE into a helper of the same class or module: followed one level.
const STORE = PY.replace('r = redis.Redis()\n', '') + 'class VisitStore:\n    def __init__(self, user):\n        self.user = user\n        self.r = redis.Redis.from_url("redis://cache:6379")\n\n';
ruleTable('missing-ttl', {
  valid: [
    { name: 'HINCRBY then self.touch() that expires the same key', path: 'src/visits.py', code: STORE + '    def bump(self, page):\n        self.r.hincrby(self.user, page, 1)\n        self.touch()\n\n    def touch(self):\n        self.r.expire(self.user, 1800)\n' },
    { name: 'SET then a module helper that expires the same key', path: 'src/tokens.py', code: PY + 'def _expire_soon(key):\n    r.expire(key, 300)\n\ndef remember(key, token):\n    r.set(key, token)\n    _expire_soon(key)\n' },
  ],
  invalid: [
    { name: 'the helper expires another key', path: 'src/visits.py', code: STORE + '    def bump(self, page):\n        self.r.hincrby(self.user, page, 1)\n        self.touch()\n\n    def touch(self):\n        self.r.expire("visits:last", 1800)\n', errors: ['missing-ttl@8:16'] },
    { name: 'a helper called before SET does not count (SET resets the TTL)', path: 'src/tokens.py', code: PY + 'def _expire_soon(key):\n    r.expire(key, 300)\n\ndef remember(key, token):\n    _expire_soon(key)\n    r.set(key, token)\n', errors: ['missing-ttl@8:7'] },
    { name: 'a method of another object with the helper\'s name is not the helper', path: 'src/visits.py', code: STORE + '    def bump(self, page, other):\n        self.r.hincrby(self.user, page, 1)\n        other.touch()\n\n    def touch(self):\n        self.r.expire(self.user, 1800)\n', errors: ['missing-ttl@8:16'] },
  ],
});

// A cache wrapper whose `ttl` is optional writes without expiry only in the branch where the caller gave none.
const WRAPPER = PY + '\nclass JsonCache:\n';
ruleTable('missing-ttl', {
  valid: [
    { name: 'if ttl: SETEX, else SET', path: 'src/cache.py', code: WRAPPER + '    def put(self, key, value, ttl=None):\n        if ttl:\n            r.setex(key, ttl, value)\n        else:\n            r.set(key, value)\n' },
    { name: 'SET ex=ttl under a guard, then a plain SET', path: 'src/cache.py', code: WRAPPER + '    def put(self, key, value, ttl=None):\n        if ttl is not None:\n            return r.set(key, value, ex=ttl)\n        return r.set(key, value)\n' },
  ],
  invalid: [
    { name: 'the TTL-carrying write is of another key', path: 'src/cache.py', code: WRAPPER + '    def put(self, key, value, ttl=None):\n        if ttl:\n            r.setex(f"meta:{key}", ttl, 1)\n        r.set(key, value)\n', errors: ['missing-ttl@8:11'] },
    { name: 'an EXPIRE before the SET still does not count', path: 'src/cache.py', code: WRAPPER + '    def put(self, key, value, ttl=60):\n        r.expire(key, ttl)\n        r.set(key, value)\n', errors: ['missing-ttl@7:11'] },
  ],
});
