/**
 * Cross-language conformance of findings: the same service written with redis-py, ioredis and node-redis, laid out
 * line for line alike, must give the same findings (rule, line, severity) — whatever each language's extractor and
 * each library's adapter do on the way. With conformance.test.ts (neutral call summaries) it is the table that
 * keeps the next languages honest: a new language adds a column, and every row must still agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import type { WorkspaceContext } from '../../../server/src/engine/context';

const BASE: WorkspaceContext = { clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', tls: 'unknown', evidence: [] };
const SERVERLESS: Partial<WorkspaceContext> = { serverless: 'yes', clusterMode: 'yes', evidence: ['template.yaml: serverless cache Sessions'] };

/** Line 1 imports, line 2 builds the client, line 3 is blank: every body starts on line 4 in every column. */
const HEAD = {
  py: 'import redis\nr = redis.Redis(host=HOST)\n\n',
  pyCluster: 'from redis.cluster import RedisCluster\nr = RedisCluster(host=HOST)\n\n',
  io: "import Redis from 'ioredis';\nconst r = new Redis(6379, HOST);\n\n",
  ioCluster: "import Redis from 'ioredis';\nconst r = new Redis.Cluster([{ host: HOST, port: 6379 }]);\n\n",
  nr: "import { createClient } from 'redis';\nconst r = createClient({ url: URL });\n\n",
  nrCluster: "import { createCluster } from 'redis';\nconst r = createCluster({ rootNodes: [{ url: URL }] });\n\n",
};

interface Row {
  name: string;
  cluster?: boolean;
  context?: Partial<WorkspaceContext>;
  py: string; io: string; nr: string;
  /** `rule@line severity`, sorted. */
  expect: string[];
}

const ROWS: Row[] = [
  {
    name: 'a session cache written without a TTL',
    py: 'def save_session(sid, data):\n    r.set(f"session:{sid}", data)\n',
    io: 'export async function saveSession(sid: string, data: string) {\n  await r.set(`session:${sid}`, data);\n}\n',
    nr: 'export async function saveSession(sid: string, data: string) {\n  await r.set(`session:${sid}`, data);\n}\n',
    expect: ['missing-ttl@5 warning'],
  },
  {
    name: 'the same cache with an expiry: nothing',
    py: 'def save_session(sid, data):\n    r.set(f"session:{sid}", data, ex=3600)\n',
    io: "export async function saveSession(sid: string, data: string) {\n  await r.set(`session:${sid}`, data, 'EX', 3600);\n}\n",
    nr: 'export async function saveSession(sid: string, data: string) {\n  await r.set(`session:${sid}`, data, { EX: 3600 });\n}\n',
    expect: [],
  },
  {
    name: 'an optional TTL: the bare write is the other arm of the expiring one',
    py: 'def put(key, v, ttl=None):\n    if ttl:\n        r.set(key, v, ex=ttl)\n    else:\n        r.set(key, v)\n',
    io: "export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) await r.set(key, v, 'EX', ttl);\n  else await r.set(key, v);\n}\n",
    nr: 'export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) await r.set(key, v, { EX: ttl });\n  else await r.set(key, v);\n}\n',
    expect: [],
  },
  {
    name: 'an optional TTL behind an early return',
    py: 'def put(key, v, ttl=None):\n    if ttl:\n        return r.set(key, v, ex=ttl)\n    return r.set(key, v)\n',
    io: "export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) return r.set(key, v, 'EX', ttl);\n  return r.set(key, v);\n}\n",
    nr: 'export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) return r.set(key, v, { EX: ttl });\n  return r.set(key, v);\n}\n',
    expect: [],
  },
  {
    name: 'an expiring write in an if that does not leave: the plain write after it resets the TTL',
    py: 'def put(key, v, ttl=None):\n    if ttl: r.set(key, v, ex=ttl)\n    r.set(key, v)\n',
    io: "export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) await r.set(key, v, 'EX', ttl);\n  await r.set(key, v);\n}\n",
    nr: 'export async function put(key: string, v: string, ttl?: number) {\n  if (ttl) await r.set(key, v, { EX: ttl });\n  await r.set(key, v);\n}\n',
    expect: ['missing-ttl@6 warning'],
  },
  {
    name: 'a fixed-name counter cannot pile up',
    py: 'def hit():\n    r.incr("stats:hits")\n',
    io: "export async function hit() {\n  await r.incr('stats:hits');\n}\n",
    nr: "export async function hit() {\n  await r.incr('stats:hits');\n}\n",
    expect: [],
  },
  {
    name: 'KEYS in a cleanup job',
    py: 'def stale_sessions():\n    return r.keys("session:*")\n',
    io: "export async function staleSessions() {\n  return r.keys('session:*');\n}\n",
    nr: "export async function staleSessions() {\n  return r.keys('session:*');\n}\n",
    expect: ['keys-command@5 warning'],
  },
  {
    name: 'KEYS on Serverless fails',
    context: SERVERLESS,
    py: 'def stale_sessions():\n    return r.keys("session:*")\n',
    io: "export async function staleSessions() {\n  return r.keys('session:*');\n}\n",
    nr: "export async function staleSessions() {\n  return r.keys('session:*');\n}\n",
    expect: ['keys-command@5 error'],
  },
  {
    name: 'FLUSHALL in a reset endpoint',
    py: 'def reset():\n    r.flushall()\n',
    io: 'export async function reset() {\n  await r.flushall();\n}\n',
    nr: 'export async function reset() {\n  await r.flushAll();\n}\n',
    expect: ['flush-command@5 warning'],
  },
  {
    name: 'CONFIG SET at start-up',
    py: 'def tune():\n    r.config_set("maxmemory-policy", "allkeys-lru")\n',
    io: "export async function tune() {\n  await r.config('SET', 'maxmemory-policy', 'allkeys-lru');\n}\n",
    nr: "export async function tune() {\n  await r.configSet('maxmemory-policy', 'allkeys-lru');\n}\n",
    expect: ['restricted-command@5 error'],
  },
  {
    name: 'SELECT another database',
    py: 'def use_jobs_db():\n    r.select(3)\n',
    io: 'export async function useJobsDb() {\n  await r.select(3);\n}\n',
    nr: 'export async function useJobsDb() {\n  await r.select(3);\n}\n',
    expect: ['select-database@5 info'],
  },
  {
    name: 'SELECT another database where only database 0 exists (Serverless)',
    context: SERVERLESS,
    py: 'def use_jobs_db():\n    r.select(3)\n',
    io: 'export async function useJobsDb() {\n  await r.select(3);\n}\n',
    nr: 'export async function useJobsDb() {\n  await r.select(3);\n}\n',
    expect: ['select-database@5 warning'],
  },
  {
    name: 'SELECT 0 is the only database there is: nothing',
    py: 'def use_default_db():\n    r.select(0)\n',
    io: 'export async function useDefaultDb() {\n  await r.select(0);\n}\n',
    nr: 'export async function useDefaultDb() {\n  await r.select(0);\n}\n',
    expect: [],
  },
  {
    name: 'a worker blocking forever on its queue',
    py: 'def next_job():\n    return r.blpop(["jobs"], 0)\n',
    io: "export async function nextJob() {\n  return r.blpop('jobs', 0);\n}\n",
    nr: "export async function nextJob() {\n  return r.blPop('jobs', 0);\n}\n",
    expect: ['blocking-without-timeout@5 info'],
  },
  {
    name: 'a worker blocking with a timeout: nothing',
    py: 'def next_job():\n    return r.blpop(["jobs"], 5)\n',
    io: "export async function nextJob() {\n  return r.blpop('jobs', 5);\n}\n",
    nr: "export async function nextJob() {\n  return r.blPop('jobs', 5);\n}\n",
    expect: [],
  },
  {
    name: 'a lock taken without an expiry',
    py: 'def acquire(job_id):\n    return r.set(f"lock:{job_id}", "1", nx=True)\n',
    io: "export async function acquire(jobId: string) {\n  return r.set(`lock:${jobId}`, '1', 'NX');\n}\n",
    nr: "export async function acquire(jobId: string) {\n  return r.set(`lock:${jobId}`, '1', { NX: true });\n}\n",
    expect: ['lock-without-expiry@5 error'],
  },
  {
    name: 'a lock with PX: nothing',
    py: 'def acquire(job_id):\n    return r.set(f"lock:{job_id}", "1", nx=True, px=30000)\n',
    io: "export async function acquire(jobId: string) {\n  return r.set(`lock:${jobId}`, '1', 'PX', 30000, 'NX');\n}\n",
    nr: "export async function acquire(jobId: string) {\n  return r.set(`lock:${jobId}`, '1', { PX: 30000, NX: true });\n}\n",
    expect: [],
  },
  {
    name: 'reading a whole feed list',
    py: 'def feed(uid):\n    return r.lrange(f"feed:{uid}", 0, -1)\n',
    io: 'export async function feed(uid: string) {\n  return r.lrange(`feed:${uid}`, 0, -1);\n}\n',
    nr: 'export async function feed(uid: string) {\n  return r.lRange(`feed:${uid}`, 0, -1);\n}\n',
    expect: ['unbounded-read@5 info'],
  },
  {
    name: 'reading one page of it: nothing',
    py: 'def feed(uid):\n    return r.lrange(f"feed:{uid}", 0, 49)\n',
    io: 'export async function feed(uid: string) {\n  return r.lrange(`feed:${uid}`, 0, 49);\n}\n',
    nr: 'export async function feed(uid: string) {\n  return r.lRange(`feed:${uid}`, 0, 49);\n}\n',
    expect: [],
  },
  {
    name: 'MGET across slots on a cluster client',
    cluster: true,
    py: 'def profile_and_cart(uid):\n    return r.mget("profile:1", "cart:2")\n',
    io: "export async function profileAndCart() {\n  return r.mget('profile:1', 'cart:2');\n}\n",
    nr: "export async function profileAndCart() {\n  return r.mGet(['profile:1', 'cart:2']);\n}\n",
    expect: ['cross-slot-keys@5 error'],
  },
  {
    name: 'MGET of one hash tag on a cluster client: nothing',
    cluster: true,
    py: 'def profile_and_cart(uid):\n    return r.mget(f"{{user:{uid}}}:profile", f"{{user:{uid}}}:cart")\n',
    io: 'export async function profileAndCart(uid: string) {\n  return r.mget(`{user:${uid}}:profile`, `{user:${uid}}:cart`);\n}\n',
    nr: 'export async function profileAndCart(uid: string) {\n  return r.mGet([`{user:${uid}}:profile`, `{user:${uid}}:cart`]);\n}\n',
    expect: [],
  },
  {
    name: 'MGET of per-user keys without a hash tag on a cluster client',
    cluster: true,
    py: 'def profile_and_cart(uid):\n    return r.mget(f"profile:{uid}", f"cart:{uid}")\n',
    io: 'export async function profileAndCart(uid: string) {\n  return r.mget(`profile:${uid}`, `cart:${uid}`);\n}\n',
    nr: 'export async function profileAndCart(uid: string) {\n  return r.mGet([`profile:${uid}`, `cart:${uid}`]);\n}\n',
    expect: ['missing-hash-tag@5 warning'],
  },
  {
    name: 'a local dict / Map named like the client shadows it: nothing',
    py: 'def stale_sessions():\n    r = {}\n    return r.keys()\n',
    io: 'export function staleSessions() {\n  const r = new Map<string, string>();\n  return r.keys();\n}\n',
    nr: 'export function staleSessions() {\n  const r = new Map<string, string>();\n  return r.keys();\n}\n',
    expect: [],
  },
  {
    name: 'a document store with a set(k, v, 0) shape: nothing',
    py: 'def save(db, key, value):\n    db.cache.set(key, value, 0)\n',
    io: 'export function save(db: any, key: string, value: string) {\n  db.cache.set(key, value, 0);\n}\n',
    nr: 'export function save(db: any, key: string, value: string) {\n  db.cache.set(key, value, 0);\n}\n',
    expect: [],
  },
];

async function findings(path: string, code: string, context: Partial<WorkspaceContext> | undefined): Promise<string[]> {
  const r = await analyzeSource(path, code, { context: { ...BASE, ...context } });
  assert.ok(r, `${path} was not analysed`);
  assert.deepEqual(r.errors, [], `${path}: parse errors`);
  return r.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1} ${f.severity}`).sort();
}

test('findings conformance: every code rule of the catalogue has a row that fires', () => {
  const fired = new Set(ROWS.flatMap((r) => r.expect.map((e) => e.split('@')[0])));
  const rules = ['keys-command', 'missing-ttl', 'cross-slot-keys', 'missing-hash-tag', 'flush-command', 'restricted-command', 'select-database', 'blocking-without-timeout', 'lock-without-expiry', 'unbounded-read'];
  assert.deepEqual(rules.filter((id) => !fired.has(id)), []);
});

for (const row of ROWS) {
  test(`findings conformance: ${row.name}`, async () => {
    const got = {
      py: await findings('app/service.py', (row.cluster ? HEAD.pyCluster : HEAD.py) + row.py, row.context),
      io: await findings('src/io-service.ts', (row.cluster ? HEAD.ioCluster : HEAD.io) + row.io, row.context),
      nr: await findings('src/nr-service.ts', (row.cluster ? HEAD.nrCluster : HEAD.nr) + row.nr, row.context),
    };
    assert.deepEqual(got, { py: row.expect, io: row.expect, nr: row.expect });
  });
}
