import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { analyzeSource } from '../../support/analyze';

const PY = 'import redis\n\nr = redis.Redis(host="cache.internal", port=6379)\n';
const AIO = 'import redis.asyncio as aioredis\n\nr = aioredis.Redis.from_url("rediss://cache.internal:6379")\n';
const RC = 'from redis.cluster import RedisCluster\n\nrc = RedisCluster(host="cfg.cache.internal", port=6379)\n';
const IO = "import Redis from 'ioredis';\n\nconst redis = new Redis(process.env.REDIS_URL!);\n";
const IOC = "import { Cluster } from 'ioredis';\n\nconst cluster = new Cluster([{ host: 'cfg.cache.internal', port: 6379 }]);\n";
const NR = "import { createClient } from 'redis';\n\nconst client = createClient({ url: process.env.REDIS_URL });\n";

ruleTable('unbounded-read', {
  valid: [
    // Python
    { name: 'py: a bounded LRANGE page', path: 'app/feed.py', code: PY + 'def page(uid, n):\n    return r.lrange(f"feed:{uid}", n * 50, n * 50 + 49)\n' },
    { name: 'py: the newest 100 entries', path: 'app/feed.py', code: PY + 'def latest(uid):\n    return r.lrange(f"feed:{uid}", -100, -1)\n' },
    { name: 'py: LRANGE 0 99', path: 'app/feed.py', code: PY + 'def first(uid):\n    return r.lrange(f"feed:{uid}", 0, 99)\n' },
    { name: 'py: a stop that is a variable', path: 'app/feed.py', code: PY + 'def upto(uid, end):\n    return r.lrange(f"feed:{uid}", 0, end)\n' },
    { name: 'py: ZRANGEBYSCORE with start=/num=', path: 'app/board.py', code: PY + 'def top(board):\n    return r.zrangebyscore(board, "-inf", "+inf", start=0, num=50)\n' },
    { name: 'py: ZRANGEBYSCORE with a positional LIMIT', path: 'app/board.py', code: PY + 'def top(board):\n    return r.zrangebyscore(board, "-inf", "+inf", 0, 50)\n' },
    { name: 'py: ZRANGEBYSCORE from a variable score', path: 'app/jobs.py', code: PY + 'def due(now):\n    return r.zrangebyscore("jobs:delayed", "-inf", now)\n' },
    { name: 'py: ZRANGE BYSCORE with offset=/num=', path: 'app/board.py', code: PY + 'def top(board):\n    return r.zrange(board, "-inf", "+inf", byscore=True, offset=0, num=10)\n' },
    { name: 'py: BYSCORE decided at run time', path: 'app/board.py', code: PY + 'def read(board, by_score):\n    return r.zrange(board, 0, -1, byscore=by_score)\n' },
    { name: 'py: SSCAN / HSCAN iteration', path: 'app/members.py', code: PY + 'def each(k, h):\n    for m in r.sscan_iter(k):\n        yield m\n    for f, v in r.hscan_iter(h):\n        yield f, v\n' },
    { name: 'py: HMGET of the fields needed', path: 'app/users.py', code: PY + 'def profile(uid):\n    return r.hmget(f"user:{uid}", "name", "email")\n' },
    { name: 'py: dict keys and values are not Redis', path: 'app/users.py', code: PY + 'def fields(d: dict):\n    return list(d.keys()), list(d.values())\n' },
    { name: 'py: a non-Redis store with the same method names', path: 'app/store.py', code: 'class Store:\n    def hgetall(self, k):\n        return {}\n\n    def smembers(self, k):\n        return set()\n\n\nstore = Store()\nstore.hgetall("flags")\nstore.smembers("ids")\n' },
    { name: 'py: a test file', path: 'tests/test_feed.py', code: PY + 'def test_feed():\n    assert r.lrange("feed:1", 0, -1) == []\n    assert r.smembers("s") == set()\n' },
    // TypeScript / JavaScript
    { name: 'ioredis: a bounded LRANGE page', path: 'src/feed.ts', code: IO + 'export const page = (uid: string, n: number) => redis.lrange(`feed:${uid}`, n * 50, n * 50 + 49);\n' },
    { name: 'ioredis: the newest 100 entries', path: 'src/feed.ts', code: IO + 'export const latest = (uid: string) => redis.lrange(`feed:${uid}`, -100, -1);\n' },
    { name: 'node-redis: lRange 0 99', path: 'src/feed.ts', code: NR + 'export const first = (uid: string) => client.lRange(`feed:${uid}`, 0, 99);\n' },
    { name: "ioredis: ZRANGEBYSCORE with 'LIMIT'", path: 'src/board.ts', code: IO + "export const top = (board: string) => redis.zrangebyscore(board, '-inf', '+inf', 'LIMIT', 0, 50);\n" },
    { name: 'node-redis: zRange BY SCORE with LIMIT', path: 'src/board.ts', code: NR + "export const top = (board: string) => client.zRange(board, '-inf', '+inf', { BY: 'SCORE', LIMIT: { offset: 0, count: 10 } });\n" },
    { name: 'node-redis: zRangeByScore with LIMIT', path: 'src/board.ts', code: NR + "export const top = (board: string) => client.zRangeByScore(board, '-inf', '+inf', { LIMIT: { offset: 0, count: 10 } });\n" },
    { name: 'node-redis: options from a variable', path: 'src/board.ts', code: NR + "export const read = (board: string, opts: { REV?: true }) => client.zRange(board, 0, -1, opts);\n" },
    { name: 'ioredis: sscanStream / node-redis: hScanIterator', path: 'src/members.ts', code: IO + NR.replace(/^import .*\n\n/, "import { createClient } from 'redis';\n") + 'export async function each(k: string, h: string) {\n  for await (const batch of redis.sscanStream(k)) console.log(batch);\n  for await (const entry of client.hScanIterator(h)) console.log(entry);\n}\n' },
    { name: 'Map values and Object.keys are not Redis', path: 'src/users.ts', code: IO + 'const local = new Map<string, string>();\nexport const all = () => [...local.values(), ...Object.keys({})];\n' },
    { name: 'a non-Redis class with an hgetall method', path: 'src/store.js', code: "class Store {\n  hgetall(k) { return {}; }\n}\nconst store = new Store();\nstore.hgetall('flags');\n" },
    { name: 'a spec file', path: 'src/feed.spec.ts', code: IO + "it('reads', async () => { await redis.lrange('feed:1', 0, -1); });\n" },
  ],
  invalid: [
    // Python: redis-py, asyncio, RedisCluster, pipelines
    { name: 'py: SMEMBERS in a service', path: 'app/social.py', code: PY + 'def followers(user_id):\n    return r.smembers(f"followers:{user_id}")\n', errors: ['unbounded-read@5:14'], severities: ['info'] },
    { name: 'py: HGETALL of a fixed key is still advice', path: 'app/flags.py', code: PY + 'def load_flags():\n    return r.hgetall("feature-flags")\n', errors: ['unbounded-read@5:14'], severities: ['info'] },
    { name: 'py: HKEYS and HVALS', path: 'app/users.py', code: PY + 'def fields(k):\n    names = r.hkeys(k)\n    values = r.hvals(k)\n    return names, values\n', errors: ['unbounded-read@5:15', 'unbounded-read@6:16'] },
    { name: 'py: LRANGE 0 -1', path: 'app/feed.py', code: PY + 'def feed(uid):\n    return r.lrange(f"feed:{uid}", 0, -1)\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: LRANGE from an offset to the end', path: 'app/feed.py', code: PY + 'def rest(uid):\n    return r.lrange(f"feed:{uid}", 1, -1)\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: ZRANGE 0 -1 withscores', path: 'app/board.py', code: PY + 'def board():\n    return r.zrange("leaderboard", 0, -1, withscores=True)\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: ZREVRANGE 0 -1', path: 'app/board.py', code: PY + 'def board():\n    return r.zrevrange("leaderboard", 0, -1)\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: ZRANGEBYSCORE -inf +inf', path: 'app/board.py', code: PY + 'def everyone(board):\n    return r.zrangebyscore(board, "-inf", "+inf")\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: ZREVRANGEBYSCORE +inf -inf', path: 'app/board.py', code: PY + 'def everyone(board):\n    return r.zrevrangebyscore(board, "+inf", "-inf")\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: ZRANGE byscore=True -inf +inf', path: 'app/board.py', code: PY + 'def everyone(board):\n    return r.zrange(board, "-inf", "+inf", byscore=True)\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: ZRANGEBYLEX - +', path: 'app/names.py', code: PY + 'def names():\n    return r.zrangebylex("names", "-", "+")\n', errors: ['unbounded-read@5:14'] },
    { name: 'py: SUNION and SINTER', path: 'app/social.py', code: PY + 'def mutual(a, b):\n    everyone = r.sunion(f"f:{a}", f"f:{b}")\n    both = r.sinter([f"f:{a}", f"f:{b}"])\n    return everyone, both\n', errors: ['unbounded-read@5:18', 'unbounded-read@6:14'] },
    { name: 'py: asyncio SMEMBERS', path: 'app/social.py', code: AIO + 'async def followers(uid):\n    return await r.smembers(f"followers:{uid}")\n', errors: ['unbounded-read@5:20'] },
    { name: 'py: RedisCluster HGETALL', path: 'app/carts.py', code: RC + 'def cart(uid):\n    return rc.hgetall(f"cart:{{{uid}}}")\n', errors: ['unbounded-read@5:15'] },
    { name: 'py: on a pipeline', path: 'app/carts.py', code: PY + 'def carts(a, b):\n    with r.pipeline() as p:\n        p.hgetall(a)\n        p.hgetall(b)\n        return p.execute()\n', errors: ['unbounded-read@6:11', 'unbounded-read@7:11'] },
    // TypeScript / JavaScript: ioredis, Cluster, node-redis
    { name: 'ioredis: SMEMBERS', path: 'src/social.ts', code: IO + 'export const followers = (userId: string) => redis.smembers(`followers:${userId}`);\n', errors: ['unbounded-read@4:52'], severities: ['info'] },
    { name: 'node-redis: hGetAll of a fixed key is still advice', path: 'src/flags.ts', code: NR + "export const loadFlags = () => client.hGetAll('feature-flags');\n", errors: ['unbounded-read@4:39'], severities: ['info'] },
    { name: 'ioredis: HKEYS and HVALS', path: 'src/users.ts', code: IO + 'export async function fields(k: string) {\n  const names = await redis.hkeys(k);\n  const values = await redis.hvals(k);\n  return [names, values];\n}\n', errors: ['unbounded-read@5:29', 'unbounded-read@6:30'] },
    { name: 'ioredis: LRANGE 0 -1', path: 'src/feed.ts', code: IO + 'export const feed = (uid: string) => redis.lrange(`feed:${uid}`, 0, -1);\n', errors: ['unbounded-read@4:44'] },
    { name: 'ioredis: LRANGE with string bounds', path: 'src/feed.js', code: "const Redis = require('ioredis');\nconst redis = new Redis();\nexports.feed = (uid) => redis.lrange('feed:' + uid, '0', '-1');\n", errors: ['unbounded-read@3:31'] },
    { name: 'node-redis: lRange 0 -1', path: 'src/feed.ts', code: NR + 'export const feed = (uid: string) => client.lRange(`feed:${uid}`, 0, -1);\n', errors: ['unbounded-read@4:45'] },
    { name: "ioredis: ZRANGE 0 -1 'WITHSCORES'", path: 'src/board.ts', code: IO + "export const board = () => redis.zrange('leaderboard', 0, -1, 'WITHSCORES');\n", errors: ['unbounded-read@4:34'] },
    { name: 'node-redis: zRange 0 -1 { REV: true }', path: 'src/board.ts', code: NR + "export const board = () => client.zRange('leaderboard', 0, -1, { REV: true });\n", errors: ['unbounded-read@4:35'] },
    { name: 'ioredis: ZRANGEBYSCORE -inf +inf', path: 'src/board.ts', code: IO + "export const board = () => redis.zrangebyscore('leaderboard', '-inf', '+inf');\n", errors: ['unbounded-read@4:34'] },
    { name: "node-redis: zRange { BY: 'SCORE' } -inf +inf", path: 'src/board.ts', code: NR + "export const board = () => client.zRange('leaderboard', '-inf', '+inf', { BY: 'SCORE' });\n", errors: ['unbounded-read@4:35'] },
    { name: 'ioredis: SUNION / node-redis: sInter', path: 'src/social.ts', code: IO + NR.replace(/^import .*\n\n/, "import { createClient } from 'redis';\n") + 'export async function mutual(a: string, b: string) {\n  const everyone = await redis.sunion(`f:${a}`, `f:${b}`);\n  const both = await client.sInter([`f:${a}`, `f:${b}`]);\n  return [everyone, both];\n}\n', errors: ['unbounded-read@7:32', 'unbounded-read@8:29'] },
    { name: 'iovalkey: HGETALL', path: 'src/carts.ts', code: "import Valkey from 'iovalkey';\n\nconst valkey = new Valkey();\nexport const cart = (uid: string) => valkey.hgetall(`cart:${uid}`);\n", errors: ['unbounded-read@4:45'] },
    { name: 'ioredis Cluster: SMEMBERS', path: 'src/social.ts', code: IOC + 'export const followers = (uid: string) => cluster.smembers(`followers:{${uid}}`);\n', errors: ['unbounded-read@4:51'] },
    { name: 'ioredis: on a MULTI chain', path: 'src/carts.ts', code: IO + 'export const carts = (a: string, b: string) => redis.multi().hgetall(a).hgetall(b).exec();\n', errors: ['unbounded-read@4:62', 'unbounded-read@4:73'] },
  ],
});

async function messageOf(path: string, code: string): Promise<string> {
  const r = await analyzeSource(path, code);
  const f = r!.findings.filter((x) => x.ruleId === 'unbounded-read');
  assert.equal(f.length, 1, `${code}: ${f.length} findings`);
  assert.deepEqual(f[0].fixes, [], 'no mechanical fix is offered');
  return f[0].message;
}

test('unbounded-read messages name the SCAN form or a bounded range, the same in both languages', async () => {
  const pairs: [string, string, RegExp][] = [
    [PY + 'r.smembers("s")\n', IO + "redis.smembers('s');\n", /SMEMBERS "?'?s'?"? returns every member of the set .*iterate with SSCAN/],
    [PY + 'r.hgetall("h")\n', NR + "client.hGetAll('h');\n", /HGETALL .* returns every field and value of the hash .*HSCAN/],
    [PY + 'r.lrange("l", 0, -1)\n', IO + "redis.lrange('l', 0, -1);\n", /LRANGE .* 0 -1 reads the list to its end .*LRANGE key 0 99/],
    [PY + 'r.zrange("z", 0, -1)\n', NR + "client.zRange('z', 0, -1);\n", /ZRANGE .* 0 -1 reads the sorted set to its end .*ZSCAN/],
    [PY + 'r.zrangebyscore("z", "-inf", "+inf")\n', IO + "redis.zrangebyscore('z', '-inf', '+inf');\n", /ZRANGEBYSCORE .* -inf \+inf without LIMIT .*add LIMIT offset count .*ZSCAN/],
    [PY + 'r.sunion("a", "b")\n', IO + "redis.sunion('a', 'b');\n", /^SUNION returns the whole union of the sets .*SSCAN/],
  ];
  for (const [py, ts, expected] of pairs) {
    assert.match(await messageOf('app/a.py', py), expected);
    assert.match(await messageOf('src/a.ts', ts), expected);
  }
});

// A feed kept to its newest entries (LPUSH + LTRIM) or a leaderboard trimmed by rank cannot grow: reading it whole is fine.
ruleTable('unbounded-read', {
  valid: [
    { name: 'a recent-items list capped with LTRIM elsewhere in the module', path: 'src/feed.py', code: PY + '\ndef push_recent(item):\n    r.lpush("feed:recent", item)\n    r.ltrim("feed:recent", 0, 49)\n\ndef recent_items():\n    return r.lrange("feed:recent", 0, -1)\n' },
    { name: 'a leaderboard trimmed by rank', path: 'src/board.py', code: PY + '\ndef record(player, score):\n    r.zadd("board:top", {player: score})\n    r.zremrangebyrank("board:top", 0, -101)\n\ndef board():\n    return r.zrevrange("board:top", 0, -1, withscores=True)\n' },
  ],
  invalid: [
    { name: 'LTRIM on another list does not cap this one', path: 'src/feed.py', code: PY + '\ndef push_recent(item):\n    r.lpush("feed:recent", item)\n    r.ltrim("feed:recent", 0, 49)\n\ndef archive():\n    return r.lrange("feed:archive", 0, -1)\n', errors: ['unbounded-read@10:14'] },
    { name: 'trimming a list does not cap a sorted set of the same name', path: 'src/board.py', code: PY + '\ndef record(player, score):\n    r.ltrim("board:top", 0, 99)\n\ndef board():\n    return r.zrange("board:top", 0, -1)\n', errors: ['unbounded-read@9:14'] },
  ],
});
