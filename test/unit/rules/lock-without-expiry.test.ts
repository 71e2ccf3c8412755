import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';

const PY = 'import redis\n\nr = redis.Redis(host="cache.internal", port=6379)\n';
const AIO = 'import redis.asyncio as aioredis\n\nr = aioredis.Redis.from_url("rediss://cache.internal:6379")\n';
const RC = 'from redis.cluster import RedisCluster\n\nrc = RedisCluster(host="cfg.cache.internal", port=6379)\n';
const VK = 'import valkey\n\nv = valkey.Valkey(host="cache.internal")\n';
const IO = "import Redis from 'ioredis';\n\nconst redis = new Redis(process.env.REDIS_URL!);\n";
const IOC = "import { Cluster } from 'ioredis';\n\nconst cluster = new Cluster([{ host: 'cfg.cache.internal', port: 6379 }]);\n";
const NR = "import { createClient } from 'redis';\n\nconst client = createClient({ url: process.env.REDIS_URL });\n";

ruleTable('lock-without-expiry', {
  valid: [
    // Python
    { name: 'py: SET NX EX', path: 'app/locks.py', code: PY + 'def acquire(order_id, token):\n    return r.set(f"lock:order:{order_id}", token, nx=True, ex=30)\n' },
    { name: 'py: SET NX PX', path: 'app/locks.py', code: PY + 'def acquire(name, token):\n    return r.set(name, token, px=30_000, nx=True)\n' },
    { name: 'py: NX decided at run time is not known to be a lock', path: 'app/cache.py', code: PY + 'def put(key, value, only_new):\n    r.set(key, value, nx=only_new)\n' },
    { name: 'py: options from **kwargs may carry the expiry', path: 'app/locks.py', code: PY + 'def acquire(name, token, **opts):\n    return r.set(name, token, nx=True, **opts)\n' },
    { name: 'py: a plain SET is no lock', path: 'app/cache.py', code: PY + 'def put(key, value):\n    r.set(key, value, ex=60)\n' },
    { name: 'py: SETNX and EXPIRE in one MULTI transaction are atomic', path: 'app/locks.py', code: PY + 'def acquire(name):\n    with r.pipeline() as p:\n        p.setnx(name, 1)\n        p.expire(name, 10)\n        p.execute()\n' },
    { name: 'py: an in-memory cache with the same method shape', path: 'app/memcache.py', code: 'class MemoryCache:\n    def __init__(self):\n        self.d = {}\n\n    def set(self, k, v, nx=False):\n        if nx and k in self.d:\n            return False\n        self.d[k] = v\n        return True\n\n    def setnx(self, k, v):\n        return self.set(k, v, nx=True)\n\n\ncache = MemoryCache()\ncache.set("lock:x", 1, nx=True)\ncache.setnx("lock:y", 1)\n' },
    { name: 'py: a name rebound from the client to another object', path: 'app/locks.py', code: PY + 'class Local:\n    def set(self, k, v, nx=False):\n        return True\n\n\nr = Local()\nr.set("lock:x", 1, nx=True)\n' },
    { name: 'py: a lock in a test file', path: 'tests/test_locks.py', code: PY + 'def test_lock():\n    assert r.set("lock:t", 1, nx=True)\n' },
    // TypeScript / JavaScript
    { name: 'ioredis: NX PX', path: 'src/locks.ts', code: IO + "export async function acquire(id: string, token: string) {\n  return (await redis.set(`lock:${id}`, token, 'PX', 30000, 'NX')) === 'OK';\n}\n" },
    { name: 'node-redis: { NX, PX }', path: 'src/locks.ts', code: NR + 'export async function acquire(id: string, token: string) {\n  return (await client.set(`lock:${id}`, token, { NX: true, PX: 30_000 })) === \'OK\';\n}\n' },
    { name: 'node-redis: NX decided at run time', path: 'src/cache.ts', code: NR + 'export const put = (k: string, v: string, onlyNew: boolean) => client.set(k, v, { NX: onlyNew });\n' },
    { name: 'node-redis: spread options may carry the expiry', path: 'src/locks.ts', code: NR + 'const LOCK = { PX: 30_000 };\nexport const acquire = (k: string, t: string) => client.set(k, t, { ...LOCK, NX: true });\n' },
    { name: 'ioredis: SETNX and EXPIRE in one MULTI', path: 'src/locks.ts', code: IO + "export const acquire = (k: string) => redis.multi().setnx(k, '1').expire(k, 10).exec();\n" },
    { name: 'a Map is no client', path: 'src/locks.ts', code: IO + "const locks = new Map<string, string>();\nexport const acquire = (k: string, t: string) => locks.set(k, t);\n" },
    { name: 'a non-Redis object with a setnx method', path: 'src/store.js', code: "class Store {\n  setnx(k, v) { return true; }\n}\nconst store = new Store();\nstore.setnx('lock:x', 1);\n" },
  ],
  invalid: [
    // Python: redis-py, asyncio, RedisCluster, valkey-py, raw command
    { name: 'py: SET NX without expiry in a service', path: 'app/locks.py', code: PY + '\n\ndef acquire_order_lock(order_id: str, token: str) -> bool:\n    return bool(r.set(f"lock:order:{order_id}", token, nx=True))\n', errors: ['lock-without-expiry@7:19'], severities: ['error'] },
    { name: 'py: SETNX', path: 'app/reports.py', code: PY + 'def build_report():\n    if not r.setnx("lock:nightly-report", 1):\n        return\n    try:\n        run()\n    finally:\n        r.delete("lock:nightly-report")\n', errors: ['lock-without-expiry@5:14'] },
    { name: 'py: asyncio SET NX', path: 'app/worker.py', code: AIO + 'async def claim(job_id, worker):\n    return await r.set(f"claim:{job_id}", worker, nx=True)\n', errors: ['lock-without-expiry@5:20'] },
    { name: 'py: RedisCluster SET NX', path: 'app/locks.py', code: RC + 'def acquire(name):\n    return rc.set(name, "1", nx=True)\n', errors: ['lock-without-expiry@5:15'] },
    { name: 'py: valkey-py SETNX', path: 'app/locks.py', code: VK + 'def acquire(name):\n    return v.setnx(name, "1")\n', errors: ['lock-without-expiry@5:14'] },
    { name: 'py: raw SET NX', path: 'app/locks.py', code: PY + 'def acquire(name):\n    return r.execute_command("SET", name, "1", "NX")\n', errors: ['lock-without-expiry@5:14'] },
    { name: 'py: the key name is not read: any SET NX counts', path: 'app/dedupe.py', code: PY + 'def first_time(event_id):\n    return r.set(f"seen:{event_id}", 1, nx=True)\n', errors: ['lock-without-expiry@5:14'] },
    { name: 'py: an EXPIRE in another function does not count', path: 'app/locks.py', code: PY + 'def acquire(name):\n    return r.setnx(name, 1)\n\ndef refresh(name):\n    r.expire(name, 30)\n', errors: ['lock-without-expiry@5:14'], severities: ['error'] },
    { name: 'py: SETNX then EXPIRE: a warning', path: 'app/locks.py', code: PY + 'def acquire(name):\n    if r.setnx(name, 1):\n        r.expire(name, 30)\n        return True\n    return False\n', errors: ['lock-without-expiry@5:10'], severities: ['warning'] },
    { name: 'py: SETNX then EXPIRE on a plain pipeline is still two commands', path: 'app/locks.py', code: PY + 'def acquire(name):\n    p = r.pipeline(transaction=False)\n    p.setnx(name, 1)\n    p.expire(name, 30)\n    p.execute()\n', errors: ['lock-without-expiry@6:7'], severities: ['warning'] },
    { name: 'py: EXPIRE before the SET NX does not count', path: 'app/locks.py', code: PY + 'def acquire(name):\n    r.expire(name, 30)\n    return r.set(name, 1, nx=True)\n', errors: ['lock-without-expiry@6:14'], severities: ['error'] },
    // TypeScript / JavaScript: ioredis, Cluster, node-redis
    { name: "ioredis: SET 'NX' without expiry", path: 'src/locks.ts', code: IO + "\nexport async function acquire(id: string, token: string): Promise<boolean> {\n  return (await redis.set(`lock:order:${id}`, token, 'NX')) === 'OK';\n}\n", errors: ['lock-without-expiry@6:23'], severities: ['error'] },
    { name: 'ioredis: SETNX', path: 'src/reports.ts', code: IO + "export async function buildReport() {\n  if (!(await redis.setnx('lock:nightly-report', '1'))) return;\n  try { await run(); } finally { await redis.del('lock:nightly-report'); }\n}\n", errors: ['lock-without-expiry@5:21'] },
    { name: 'ioredis Cluster: SET NX', path: 'src/locks.ts', code: IOC + "export const acquire = (name: string) => cluster.set(name, '1', 'NX');\n", errors: ['lock-without-expiry@4:50'] },
    { name: 'node-redis: { NX: true }', path: 'src/worker.ts', code: NR + 'export async function claim(jobId: string, worker: string) {\n  return client.set(`claim:${jobId}`, worker, { NX: true });\n}\n', errors: ['lock-without-expiry@5:17'] },
    { name: 'node-redis: setNX', path: 'src/locks.ts', code: NR + "export const acquire = (name: string) => client.setNX(name, '1');\n", errors: ['lock-without-expiry@4:49'] },
    { name: "node-redis v5: { condition: 'NX' }", path: 'src/locks.ts', code: NR + "export const acquire = (name: string) => client.set(name, '1', { condition: 'NX' });\n", errors: ['lock-without-expiry@4:49'] },
    { name: 'ioredis: raw call SET NX', path: 'src/locks.js', code: "const Redis = require('ioredis');\nconst redis = new Redis();\nmodule.exports.acquire = (name) => redis.call('SET', name, '1', 'NX');\n", errors: ['lock-without-expiry@3:42'] },
    { name: 'iovalkey: SET NX', path: 'src/locks.ts', code: "import Valkey from 'iovalkey';\n\nconst valkey = new Valkey();\nexport const acquire = (name: string) => valkey.set(name, '1', 'NX');\n", errors: ['lock-without-expiry@4:49'] },
    { name: 'ioredis: SETNX then EXPIRE: a warning', path: 'src/locks.ts', code: IO + "export async function acquire(name: string) {\n  if (await redis.setnx(name, '1')) {\n    await redis.expire(name, 30);\n    return true;\n  }\n  return false;\n}\n", errors: ['lock-without-expiry@5:19'], severities: ['warning'] },
    { name: 'node-redis: SET NX then EXPIRE: a warning', path: 'src/locks.ts', code: NR + "export async function acquire(name: string) {\n  const ok = await client.set(name, '1', { NX: true });\n  await client.expire(name, 30);\n  return ok === 'OK';\n}\n", errors: ['lock-without-expiry@5:27'], severities: ['warning'] },
  ],
});

/** Applies the lock finding's first fix, re-analyses, and returns the fixed text (or undefined when none is offered). */
async function fixLock(path: string, code: string): Promise<string | undefined> {
  const before = await analyzeSource(path, code);
  const finding = before?.findings.find((f) => f.ruleId === 'lock-without-expiry');
  assert.ok(finding, `no lock-without-expiry finding: ${summarize(before)}`);
  if (!finding.fixes.length) return undefined;
  const fixed = applyEdits(code, finding.fixes[0].edits);
  const after = await analyzeSource(path, fixed);
  assert.deepEqual(after?.errors, [], `the fixed text does not parse:\n${fixed}`);
  const left = summarize(after).filter((s) => s.startsWith('lock-without-expiry') || s.startsWith('missing-ttl'));
  assert.deepEqual(left, [], `still reported after the fix:\n${fixed}`);
  return fixed;
}

test('lock-without-expiry fixes: the expiry goes into the SET itself, in each language', async () => {
  const cases: [string, string, string | undefined][] = [
    ['app/locks.py', PY + 'def acquire(name, token):\n    return r.set(name, token, nx=True)\n', PY + 'def acquire(name, token):\n    return r.set(name, token, nx=True, ex=30)\n'],
    ['app/locks.py', PY + 'def acquire(name):\n    return r.setnx(name, 1)\n', PY + 'def acquire(name):\n    return r.set(name, 1, nx=True, ex=30)\n'],
    ['app/locks.py', AIO + 'async def acquire(name):\n    return await r.set(\n        name,\n        "1",\n        nx=True,\n    )\n', AIO + 'async def acquire(name):\n    return await r.set(\n        name,\n        "1",\n        nx=True,\n        ex=30,\n    )\n'],
    // The author's own lifetime, from the EXPIRE that follows; that EXPIRE is left (it is then redundant).
    ['app/locks.py', PY + 'def acquire(name):\n    if r.setnx(name, 1):\n        r.expire(name, 10)\n        return True\n    return False\n', PY + 'def acquire(name):\n    if r.set(name, 1, nx=True, ex=10):\n        r.expire(name, 10)\n        return True\n    return False\n'],
    ['src/locks.ts', IO + "export const acquire = (k: string, t: string) => redis.set(k, t, 'NX');\n", IO + "export const acquire = (k: string, t: string) => redis.set(k, t, 'EX', 30, 'NX');\n"],
    ['src/locks.ts', IO + "export const acquire = (k: string) => redis.setnx(k, '1');\n", IO + "export const acquire = (k: string) => redis.set(k, '1', 'EX', 30, 'NX');\n"],
    ['src/locks.js', "const Redis = require('ioredis');\nconst redis = new Redis();\nexports.acquire = (k) => redis.SETNX(k, \"1\");\n", "const Redis = require('ioredis');\nconst redis = new Redis();\nexports.acquire = (k) => redis.SET(k, \"1\", \"EX\", 30, \"NX\");\n"],
    ['src/locks.ts', NR + 'export const acquire = (k: string, t: string) => client.set(k, t, { NX: true });\n', NR + 'export const acquire = (k: string, t: string) => client.set(k, t, { EX: 30, NX: true });\n'],
    ['src/locks.ts', NR + "export const acquire = (k: string) => client.setNX(k, '1');\n", NR + "export const acquire = (k: string) => client.set(k, '1', { NX: true, EX: 30 });\n"],
    ['src/locks.ts', IO + "export async function acquire(k: string) {\n  if (await redis.setnx(k, '1')) {\n    await redis.expire(k, 15);\n  }\n}\n", IO + "export async function acquire(k: string) {\n  if (await redis.set(k, '1', 'EX', 15, 'NX')) {\n    await redis.expire(k, 15);\n  }\n}\n"],
    // The reply changes from 1/0 to OK/null: a comparison right where it is read is not rewritten.
    ['src/locks.ts', IO + "export const acquire = async (k: string) => (await redis.setnx(k, '1')) === 1;\n", undefined],
    ['src/locks.ts', NR + "export const acquire = async (k: string) => true === await client.setNX(k, '1');\n", undefined],
  ];
  for (const [path, before, after] of cases) assert.equal(await fixLock(path, before), after, before);
});

test('lock-without-expiry: an EXPIRE whose lifetime is a variable gives a warning without a fix', async () => {
  const code = PY + 'def acquire(name, ttl):\n    if r.setnx(name, 1):\n        r.expire(name, ttl)\n';
  assert.equal(await fixLock('app/locks.py', code), undefined);
});

test('lock-without-expiry: the warning names the separate EXPIRE as related information', async () => {
  const code = PY + 'def acquire(name):\n    if r.setnx(name, 1):\n        r.expire(name, 30)\n';
  const r = await analyzeSource('app/locks.py', code);
  const f = r!.findings.find((x) => x.ruleId === 'lock-without-expiry')!;
  assert.match(f.message, /second command/);
  assert.deepEqual(f.related?.map((x) => [x.range.start.line + 1, x.range.start.character + 1]), [[6, 11]]);
});
