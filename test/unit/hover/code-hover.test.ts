/**
 * Hover in application code (engine/hover/code.ts) over the real analysis: on a Redis call the command, its
 * complexity, what each service allows, the cluster client's behaviour and the related rules; on a key its slot;
 * on a look-alike that is not a Redis client, nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import { codeHover } from '../../../server/src/engine/hover/code';
import { keySlot } from '../../../server/src/model/slots';

/** The hover at the first occurrence of `marker` in `text`, `offset` characters into it. */
async function hoverAt(path: string, text: string, marker: string, offset = 0) {
  const analysis = await analyzeSource(path, text);
  assert.ok(analysis?.calls, `${path}: the analysis keeps no calls`);
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `no ${marker} in the text`);
  const before = text.slice(0, at + offset).split('\n');
  return codeHover(analysis.calls, { line: before.length - 1, character: before[before.length - 1].length });
}

const PY = `import os
import redis
from redis.cluster import RedisCluster
from django.core.cache import cache

r = redis.Redis.from_url(os.environ["REDIS_URL"])
rc = RedisCluster(host=os.environ["CLUSTER_HOST"], port=6379)


def save_cart(user_id, items):
    r.set("{cart}:" + user_id, items, ex=3600)
    r.hgetall("config:flags")
    r.config_get("maxmemory")


def forget(user_id):
    rc.delete(f"cart:{user_id}", f"wishlist:{user_id}")
    cache.set("page:home", "<html>", 60)
`;

test('Python: on the method of a Redis call, the command, its complexity, the services and the rules', async () => {
  const h = await hoverAt('app/carts.py', PY, 'r.set(', 3);
  assert.ok(h);
  assert.match(h.markdown, /\*\*Redis command `SET`\*\*/);
  assert.match(h.markdown, /Time complexity: O\(1\)/);
  assert.match(h.markdown, /expiry options: `EX` `PX` `EXAT` `PXAT` `KEEPTTL`/);
  assert.match(h.markdown, /- ElastiCache Serverless: available/);
  assert.match(h.markdown, /Rules: `missing-ttl`, `lock-without-expiry`/);
  assert.deepEqual(h.range, { start: { line: 10, character: 4 }, end: { line: 10, character: 9 } }, 'the receiver and the method');
});

test('Python: on the receiver, the same call; a restricted command names every service that refuses it', async () => {
  assert.match((await hoverAt('app/carts.py', PY, 'r.set('))!.markdown, /`SET`/);
  const h = await hoverAt('app/carts.py', PY, 'config_get', 2);
  assert.ok(h);
  assert.match(h.markdown, /^\*\*Redis command `CONFIG GET`\*\*\n/, "config_get is CONFIG GET spelt as a method: no \"through\"");
  assert.match(h.markdown, /- ElastiCache \(node-based\): \*\*not available\*\* \(\[AWS\]\(https:\/\/docs\.aws\.amazon\.com\/AmazonElastiCache\/latest\/dg\/SupportedCommands\.html\)\)/);
  assert.match(h.markdown, /- MemoryDB: \*\*not available\*\*/);
  assert.match(h.markdown, /Rules: `restricted-command`/);
});

test('Python: a RedisCluster DEL says the client splits the keys by slot (redis-client-apis.md)', async () => {
  const h = await hoverAt('app/carts.py', PY, 'rc.delete', 4);
  assert.ok(h);
  assert.match(h.markdown, /`DEL`\*\* \(through `delete`\)/);
  assert.match(h.markdown, /On this cluster client \(redis-py\):\n- RedisCluster splits the keys by slot itself/);
  assert.match(h.markdown, /redis-client-apis\.md §1 DEL/);
  const plain = await hoverAt('app/carts.py', PY, 'r.hgetall', 3);
  assert.doesNotMatch(plain!.markdown, /cluster client/, 'a plain client gets no cluster note');
  assert.match(plain!.markdown, /Rules: `unbounded-read`/);
});

test('Python: on a key with a hash tag, the tag\'s slot; on a literal key, the key\'s', async () => {
  const tag = await hoverAt('app/carts.py', PY, '"{cart}:"', 2);
  assert.ok(tag);
  assert.match(tag.markdown, new RegExp(`^\\*\\*Hash slot ${keySlot('cart')}\\*\\* of 16384 \\(hash tag \`\\{cart\\}\`\\)`));
  const literal = await hoverAt('app/carts.py', PY, '"config:flags"', 3);
  assert.ok(literal);
  assert.match(literal.markdown, new RegExp(`^\\*\\*Hash slot ${keySlot('config:flags')}\\*\\* of 16384 \\(key \`config:flags\`\\)`));
  assert.deepEqual(literal.range, { start: { line: 11, character: 14 }, end: { line: 11, character: 28 } });
});

test('Python: a Django cache.set and a dynamic key without a tag give nothing', async () => {
  assert.equal(await hoverAt('app/carts.py', PY, 'cache.set', 7), null);
  assert.equal(await hoverAt('app/carts.py', PY, '"page:home"', 2), null);
  assert.equal(await hoverAt('app/carts.py', PY, 'f"cart:{user_id}"', 4), null, 'no slot for a key with no literal tag');
  assert.equal(await hoverAt('app/carts.py', PY, 'def save_cart', 5), null);
});

const TS = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);
const cluster = new Redis.Cluster([{ host: process.env.CLUSTER_HOST!, port: 6379 }]);
const seen = new Map<string, number>();

export async function remember(sessionId: string, body: string): Promise<void> {
  await redis.set(\`{session}:\${sessionId}\`, body, 'EX', 1800);
  await redis.blpop('jobs:pending', 0);
  const stale = await cluster.keys('session:*');
  seen.set(sessionId, stale.length);
}
`;

test('TypeScript: an ioredis call, a blocking pop and a cluster KEYS', async () => {
  const set = await hoverAt('src/sessions.ts', TS, 'redis.set', 7);
  assert.ok(set);
  assert.match(set.markdown, /\*\*Redis command `SET`\*\*\n/);
  assert.match(set.markdown, /Time complexity: O\(1\)/);
  const pop = await hoverAt('src/sessions.ts', TS, 'blpop', 1);
  assert.match(pop!.markdown, /`BLPOP`/);
  assert.match(pop!.markdown, /Rules: .*`blocking-without-timeout`/);
  const keys = await hoverAt('src/sessions.ts', TS, 'cluster.keys', 9);
  assert.ok(keys);
  assert.match(keys.markdown, /On this cluster client \(ioredis\):\n- A `Redis.Cluster` sends keyless commands to a random node/);
  assert.match(keys.markdown, /Rules: `keys-command`/);
});

test('TypeScript: the slot of a template key\'s hash tag and of a literal key', async () => {
  const tag = await hoverAt('src/sessions.ts', TS, '`{session}', 3);
  assert.match(tag!.markdown, new RegExp(`Hash slot ${keySlot('session')}\\*\\* of 16384 \\(hash tag \`\\{session\\}\`\\)`));
  const literal = await hoverAt('src/sessions.ts', TS, "'jobs:pending'", 1);
  assert.match(literal!.markdown, new RegExp(`Hash slot ${keySlot('jobs:pending')}\\*\\*`));
});

test('TypeScript: Map.set, a look-alike, gives nothing', async () => {
  assert.equal(await hoverAt('src/sessions.ts', TS, 'seen.set', 6), null);
  assert.equal(await hoverAt('src/sessions.ts', TS, 'sessionId, stale', 2), null);
});
