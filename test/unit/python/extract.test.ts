/** The Python extractor's model: which calls become call sites, and what each one says. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython, sites } from './support';

const HEADER = 'import redis\nr = redis.Redis(host="localhost")\n';

/** `[name, snippet, expected call sites]`; the snippet follows HEADER, so its first line is line 3. */
const TABLE: [string, string, string[]][] = [
  ['SET without and with TTL', `
r.set("a", 1)
r.set("a", 1, ex=30)
r.set("a", 1, px=100)
r.set("a", 1, 60)
r.set("a", 1, keepttl=True)
r.set("a", 1, ex=None)
r.set("a", 1, **opts)
r.set("lock", 1, nx=True, px=500)
r.setex("a", 10, 1)
r.psetex("a", 10, 1)
r.setnx("a", 1)
`.slice(1), [
    '3 SET [lit:a] ttl=none', '4 SET [lit:a] ttl=set', '5 SET [lit:a] ttl=set', '6 SET [lit:a] ttl=set',
    '7 SET [lit:a] ttl=keep', '8 SET [lit:a] ttl=none', '9 SET [lit:a] ttl=unknown', '10 SET [lit:lock] ttl=set nx',
    '11 SETEX [lit:a] ttl=set', '12 PSETEX [lit:a] ttl=set', '13 SETNX [lit:a] ttl=none nx',
  ]],
  ['other writes have no expiry option; reads have no expiry state', `
r.hset("h", "f", 1)
r.sadd("s", 1, 2)
r.incr("n")
r.zadd("z", {"m": 1})
r.get("a")
r.expire("a", 10)
r.getex("a", ex=5)
`.slice(1), [
    '3 HSET [lit:h] ttl=none', '4 SADD [lit:s] ttl=none', '5 INCR [lit:n] ttl=none', '6 ZADD [lit:z] ttl=none',
    '7 GET [lit:a]', '8 EXPIRE [lit:a]', '9 GETEX [lit:a]',
  ]],
  ['KEYS and SCAN forms, raw commands', `
r.keys("user:*")
r.keys()
r.scan_iter(match="x")
r.execute_command("KEYS", "*")
r.execute_command("CONFIG", "SET", "maxmemory", "1gb")
r.execute_command("SET", "k", "v", "EX", 10)
r.execute_command("MSET", "k1", "v1", "k2", "v2")
r.execute_command(name, "k")
r.config_get("maxmemory")
r.flushall()
r.delete("a", "b")
`.slice(1), [
    '3 KEYS []', '4 KEYS []', '5 SCAN []', '6 KEYS []', '7 CONFIG SET []', '8 SET [lit:k] ttl=set',
    '9 MSET [lit:k1, lit:k2] ttl=none', '11 CONFIG GET []', '12 FLUSHALL []', '13 DEL [lit:a, lit:b]',
  ]],
  ['multi-key shapes', `
r.mget(["a", "b"], "c")
r.mget("a", "b")
r.mget(keys)
r.mget(*keys)
r.mset({"k1": 1, "k2": 2})
r.delete(*names)
r.unlink("a", "b")
r.exists("a", "b")
r.sunion(["a", "b"])
r.sinterstore("dst", ["a", "b"])
r.smove("src", "dst", "m")
r.rename("old", "new")
r.lmove("l1", "l2")
r.rpoplpush("l1", "l2")
r.brpoplpush("l1", "l2", timeout=5)
r.blpop(["q1", "q2"], timeout=5)
r.brpop("q1", 5)
r.eval(script, 2, "k1", "k2", "arg")
r.evalsha(sha, n, "k1")
r.zunionstore("dst", ["a", "b"])
r.zunionstore("dst", {"a": 1, "b": 2})
r.pfmerge("dst", "a", "b")
r.mget_nonatomic(["a", "b"])
r.mset_nonatomic({"a": 1})
`.slice(1), [
    '3 MGET [lit:a, lit:b, lit:c]', '4 MGET [lit:a, lit:b]', '5 MGET [?:keys]', '6 MGET [?:*keys]',
    '7 MSET [lit:k1, lit:k2] ttl=none', '8 DEL [?:*names]', '9 UNLINK [lit:a, lit:b]', '10 EXISTS [lit:a, lit:b]',
    '11 SUNION [lit:a, lit:b]', '12 SINTERSTORE [lit:dst, lit:a, lit:b]', '13 SMOVE [lit:src, lit:dst]',
    '14 RENAME [lit:old, lit:new]', '15 LMOVE [lit:l1, lit:l2]', '16 RPOPLPUSH [lit:l1, lit:l2]',
    '17 BRPOPLPUSH [lit:l1, lit:l2]', '18 BLPOP [lit:q1, lit:q2]', '19 BRPOP [lit:q1]', '20 EVAL [lit:k1, lit:k2]',
    '21 EVALSHA [?:"k1"]', '22 ZUNIONSTORE [lit:dst, lit:a, lit:b]', '23 ZUNIONSTORE [lit:dst, lit:a, lit:b]',
    '24 PFMERGE [lit:dst, lit:a, lit:b]', '25 MGET [lit:a, lit:b]', '26 MSET [lit:a] ttl=none',
  ]],
  ['key kinds', `
r.get(f"user:{uid}:cart")
r.get(f"{{user42}}:{x}")
r.get(f"{{user:{uid}}}:cart")
r.get("a:" + x)
r.get("a:%s" % x)
r.get("a:{}".format(x))
r.get("{tag}:%s" % x)
r.get("a" "b")
r.get("a" + "b")
r.get(b"raw\\x41")
r.get("tab\\t")
r.get(r"raw\\t")
r.get(key)
r.get(obj.key())
r.get(x + ":suffix")
r.get(f"{{a}}{{b:{x}}}")
r.get(f"{x}{{t:{y}}}")
r.get("{{u:{}}}".format(x))
`.slice(1), [
    '3 GET [tpl:user:]', '4 GET [tpl:{user42}:#user42]', '5 GET [tpl:{user:#~user:{uid}]', '6 GET [tpl:a:]', '7 GET [tpl:a:]',
    '8 GET [tpl:a:]', '9 GET [tpl:{tag}:#tag]', '10 GET [lit:ab]', '11 GET [lit:ab]', '12 GET [lit:rawA]',
    '13 GET [lit:tab\t]', '14 GET [lit:raw\\t]', '15 GET [?:key]', '16 GET [?:obj.key()]', '17 GET [tpl:]',
    '18 GET [tpl:{a}{b:#a]', '19 GET [tpl:#~t:{y}]', '20 GET [tpl:{u:]',
  ]],
];

for (const [name, snippet, expected] of TABLE) {
  test(`call sites: ${name}`, async () => {
    assert.deepEqual(await sites(HEADER + snippet), expected);
  });
}

test('template keys keep their source text and ranges', async () => {
  const { model } = await parsePython(`${HEADER}r.get(f"user:{uid}")\n`);
  const key = model.calls[0].keys[0];
  assert.deepEqual(key, {
    kind: 'template', text: 'f"user:{uid}"', literalPrefix: 'user:',
    range: { start: { line: 2, character: 6 }, end: { line: 2, character: 19 } },
  });
  const call = model.calls[0];
  assert.deepEqual(call.calleeRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
  assert.deepEqual(call.argsRange, { start: { line: 2, character: 5 }, end: { line: 2, character: 20 } });
  assert.deepEqual(call.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 20 } });
  assert.equal(call.method, 'get');
});

test('pipelines and transactions carry a batch id', async () => {
  const src = `
import redis
from redis.cluster import RedisCluster
r = redis.Redis()
rc = RedisCluster(host="h")
p = r.pipeline()
p.set("a", 1)
p.expire("a", 5)
n = r.pipeline(transaction=False)
n.set("b", 1)
with r.pipeline() as w:
    w.incr("c")
r.pipeline().set("d", 1).expire("d", 5).execute()
q = rc.pipeline()
q.set("e", 1)
t = rc.pipeline(transaction=True)
t.set("f", 1)
`.slice(1);
  const { model } = await parsePython(src);
  assert.deepEqual(model.calls.map((c) => `${c.command} ${c.client.receiverText} ${c.batch?.id} ${c.batch?.transactional}`), [
    'SET p pipeline@5:5 true',
    'EXPIRE p pipeline@5:5 true',
    'SET n pipeline@8:5 false',
    'INCR w pipeline@10:6 true',
    'SET r.pipeline() pipeline@12:1 true',
    'EXPIRE r.pipeline().set("d", 1) pipeline@12:1 true',
    'SET q pipeline@13:5 false',
    'SET t pipeline@15:5 true',
  ]);
  assert.ok(model.calls.slice(6).every((c) => c.client.cluster));
});

test('scopes, loops, statements and await', async () => {
  const src = `
import redis.asyncio as aioredis
r = aioredis.Redis()

class Repo:
    async def load(self, ids):
        for i in ids:
            await r.get(i)
        while await r.llen("q"):
            pass
        [await r.get(i) for i in await r.smembers("s")]
        x = await r.hgetall(
            "h")
        return x

r.set("top", 1)
`.slice(1);
  const { model } = await parsePython(src, 'repo.py');
  assert.deepEqual(model.calls.map((c) => [c.command, c.scopeId, c.inLoop, c.awaited ?? false]), [
    ['GET', 'repo.py:Repo.load:5', true, true],
    ['LLEN', 'repo.py:Repo.load:5', true, true],
    ['GET', 'repo.py:Repo.load:5', true, true],
    ['SMEMBERS', 'repo.py:Repo.load:5', false, true],
    ['HGETALL', 'repo.py:Repo.load:5', false, true],
    ['SET', '<module>', false, false],
  ]);
  assert.deepEqual(model.calls[4].statementRange, { start: { line: 10, character: 8 }, end: { line: 11, character: 16 } });
});

test('client constructions with scope, loop and literal URL', async () => {
  const src = `
import redis
from redis.cluster import RedisCluster
pool = redis.ConnectionPool.from_url("redis://h:6379/0")
shared = redis.Redis(connection_pool=pool)

def per_request(url):
    c = redis.from_url("rediss://master.x.cache.amazonaws.com:6379")
    for _ in range(3):
        RedisCluster(url="redis://cfg:6379")
    return redis.Redis.from_url(url)
`.slice(1);
  const { model } = await parsePython(src, 'c.py');
  assert.deepEqual(model.clients.map((c) => [c.client.receiverText, c.client.cluster, c.scopeId, c.inLoop, c.url?.value, c.range.start.line + 1]), [
    ['pool', false, '<module>', false, 'redis://h:6379/0', 3],
    ['shared', false, '<module>', false, undefined, 4],
    ['c', false, 'c.py:per_request:6', false, 'rediss://master.x.cache.amazonaws.com:6379', 7],
    ['RedisCluster(url="redis://cfg:6379")', true, 'c.py:per_request:6', true, 'redis://cfg:6379', 9],
    ['redis.Redis.from_url(url)', false, 'c.py:per_request:6', false, undefined, 10],
  ]);
  assert.deepEqual(model.clients[2].url!.range, { start: { line: 6, character: 23 }, end: { line: 6, character: 67 } });
});

test('isTest by path and by imports', async () => {
  const body = 'import redis\n';
  for (const [path, text, expected] of [
    ['tests/test_cache.py', body, true], ['pkg/cache_test.py', body, true], ['conftest.py', body, true],
    ['pkg/tests/helpers.py', body, true], ['app/cache.py', body, false], ['app/latest_news.py', body, false],
    ['app/cache.py', `import pytest\n${body}`, true], ['app/cache.py', `from unittest import mock\n${body}`, true],
  ] as [string, string, boolean][]) {
    assert.equal((await parsePython(text, path)).model.isTest, expected, path);
  }
});

test('isTest reads path conventions below the project root, not above it', async () => {
  const body = 'import redis\n';
  for (const [path, projectPath, expected] of [
    ['/x/tests/proj/app.py', 'app.py', false],
    ['/x/tests/proj/pkg/cache.py', 'pkg/cache.py', false],
    ['/x/tests/proj/tests/test_app.py', 'tests/test_app.py', true],
    ['/x/proj/tests/helpers.py', 'tests/helpers.py', true],
    ['C:\\x\\tests\\proj\\app.py', 'app.py', false],
    // Without a project path, the file's own path is all there is.
    ['/x/tests/proj/app.py', undefined, true],
  ] as [string, string | undefined, boolean][]) {
    assert.equal((await parsePython(body, path, projectPath)).model.isTest, expected, `${path} (${projectPath})`);
  }
});

test('malformed Python does not throw and keeps what it can', async () => {
  const src = `
import redis
r = redis.Redis()
def broken(:
    r.set("a", 1
r.keys("x*")
class
r.get(f"user:{")
`.slice(1);
  const parsed = await parsePython(src);
  assert.deepEqual(parsed.errors, []);
  assert.ok(parsed.model.calls.some((c) => c.command === 'KEYS'));
  for (const text of ['', 'r.', '(((', 'import redis\nredis.Redis(', '"""unterminated', 'def f(:\n  await\n']) {
    await parsePython(text);
  }
});

test('keys: names bound once to a string literal are literal keys', async () => {
  const src = `
import redis
r = redis.Redis()
FEATURED = "featured:list"
PREFIX = "user:"
COUNTER = "hits"
COUNTER = "visits"

def read(local_name):
    TAG = "local"
    r.mget(FEATURED, PREFIX, COUNTER, local_name, TAG)
`.slice(1);
  assert.deepEqual(await sites(src), ['10 MGET [lit:featured:list, lit:user:, ?:COUNTER, ?:local_name, lit:local]']);
  const { model } = await parsePython(src);
  assert.equal(model.calls[0].keys[0].text, 'FEATURED');
});

test('hash field expiry (Redis 7.4 / Valkey 9) and DEBUG OBJECT are call sites; a look-alike method is not', async () => {
  const code = `import redis
import redis.asyncio as aioredis
from redis.cluster import RedisCluster

r = redis.Redis(host="cache")
ar = aioredis.Redis(host="cache")
rc = RedisCluster(host="cache")

class FieldClock:
    def hexpire(self, name, seconds, *fields):
        return None

clock = FieldClock()

def touch_session(sid):
    r.hset(f"session:{sid}", "cart", "[]")
    r.hexpire(f"session:{sid}", 1800, "cart")
    r.hexpire("h", 60, "f")
    clock.hexpire("h", 60, "f")

async def audit(sid):
    await ar.httl("h", "f")
    rc.hgetdel("h", "f")
    r.debug_object("h")
`;
  const got = await sites(code);
  assert.deepEqual(got.filter((s) => !s.includes('HSET')), [
    '17 HEXPIRE [tpl:session:]', '18 HEXPIRE [lit:h]', '22 HTTL [lit:h] await', '23 HGETDEL [lit:h] cluster', '24 DEBUG []',
  ]);
  const model = (await parsePython(code)).model;
  const debug = model.calls.find((c) => c.command === 'DEBUG')!;
  // DEBUG OBJECT key: the subcommand word, then the key (DEBUG is no container in the table, so no keys are read).
  assert.deepEqual(debug.args.map((a) => (a.kind === 'keyword' ? a.name : a.kind === 'string' ? a.value : a.kind)), ['OBJECT', 'h']);
});
