/** Fix edits: applied to the text, compared exactly, and the result must parse without errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../support/analyze';
import type { CallSite } from '../../../server/src/model/code';
import type { CodeFixIntent } from '../../../server/src/fixes/intents';
import { parse, parsesCleanly } from './helpers';

type Case = {
  name: string; path: string; code: string;
  /** Picks the call to fix and builds the intent. */
  intent: (calls: CallSite[]) => CodeFixIntent;
  /** The fixed text, or undefined when no safe edit exists. */
  expected: string | undefined;
};

const byCommand = (command: string, nth = 0) => (calls: CallSite[]) => calls.filter((c) => c.command === command)[nth];
const keysToScan = (command = 'KEYS') => (calls: CallSite[]): CodeFixIntent => ({ kind: 'keysToScan', call: byCommand(command)(calls) });
const addExpiry = (command: string, nth = 0) => (calls: CallSite[]): CodeFixIntent => ({ kind: 'addExpiry', call: byCommand(command, nth)(calls), seconds: 3600 });
const wrap = (command: string, tag: string, lead?: string) => (calls: CallSite[]): CodeFixIntent => {
  const call = byCommand(command)(calls);
  return { kind: 'wrapHashTag', call, keys: call.keys, tag, ...(lead ? { lead } : {}) };
};

const IO = `import Redis from 'ioredis';\nconst redis = new Redis();\n`;
const NR = `import { createClient } from 'redis';\nconst client = createClient();\n`;

const CASES: Case[] = [
  // ---- keysToScan ----
  {
    name: 'keysToScan, ioredis in TypeScript: `const keys = await …` becomes the array and the loop that fills it',
    path: 'a.ts',
    code: IO + 'export async function all(prefix: string) {\n  const keys = await redis.keys(`${prefix}:*`);\n  return keys;\n}\n',
    intent: keysToScan(),
    expected: IO + 'export async function all(prefix: string) {\n  const keys: string[] = [];\n  for await (const batch of redis.scanStream({ match: `${prefix}:*` })) keys.push(...batch);\n  return keys;\n}\n',
  },
  {
    name: 'keysToScan, `return await` in a service method: the three statements at its indentation',
    path: 'src/redis/redis.service.ts',
    code: IO + 'export class RedisService {\n  async keys(pattern: string): Promise<string[]> {\n    return await redis.keys(pattern);\n  }\n}\n',
    intent: keysToScan(),
    expected: IO + 'export class RedisService {\n  async keys(pattern: string): Promise<string[]> {\n    const found: string[] = [];\n    for await (const batch of redis.scanStream({ match: pattern })) found.push(...batch);\n    return found;\n  }\n}\n',
  },
  {
    name: 'keysToScan, a declared type and no semicolons are kept',
    path: 'a.ts',
    code: IO + 'export async function all() {\n  let found: Array<string> = await redis.keys(\'job:*\')\n  return found\n}\n',
    intent: keysToScan(),
    expected: IO + 'export async function all() {\n  let found: Array<string> = []\n  for await (const batch of redis.scanStream({ match: \'job:*\' })) found.push(...batch)\n  return found\n}\n',
  },
  {
    name: 'keysToScan, `return await` as the body of a braceless if stays one expression',
    path: 'a.ts',
    code: IO + 'export async function all(p?: string) {\n  if (p) return await redis.keys(p);\n  return [];\n}\n',
    intent: keysToScan(),
    expected: IO + 'export async function all(p?: string) {\n  if (p) return await (async () => { const found: string[] = []; for await (const batch of redis.scanStream({ match: p })) found.push(...batch); return found; })();\n  return [];\n}\n',
  },
  {
    name: 'keysToScan, node-redis in JavaScript: scanIterator, no type annotation, v4 and v5 batches both flattened',
    path: 'a.js',
    code: `const { createClient } = require('redis');\nconst client = createClient();\nasync function all() {\n  return client.keys('session:*');\n}\n`,
    intent: keysToScan(),
    expected: `const { createClient } = require('redis');\nconst client = createClient();\nasync function all() {\n  return (async () => { const found = []; for await (const batch of client.scanIterator({ MATCH: 'session:*' })) found.push(...[batch].flat()); return found; })();\n}\n`,
  },
  {
    name: 'keysToScan, ioredis Cluster: scans every master, in the file\'s double quotes',
    path: 'a.ts',
    code: `import { Cluster } from "ioredis";\nconst cluster = new Cluster([]);\nexport const scan = () => cluster.keys("cart:*");\n`,
    intent: keysToScan(),
    expected: `import { Cluster } from "ioredis";\nconst cluster = new Cluster([]);\nexport const scan = () => (async () => { const found: string[] = []; for (const node of cluster.nodes("master")) for await (const batch of node.scanStream({ match: "cart:*" })) found.push(...batch); return found; })();\n`,
  },
  {
    name: 'keysToScan, node-redis cluster: every master through nodeClient()',
    path: 'a.ts',
    code: `import { createCluster } from 'redis';\nconst c = createCluster({ rootNodes: [] });\nexport const scan = async () => await c.keys('a*');\n`,
    intent: keysToScan(),
    expected: `import { createCluster } from 'redis';\nconst c = createCluster({ rootNodes: [] });\nexport const scan = async () => await (async () => { const found: string[] = []; for (const node of c.masters) for await (const batch of (await c.nodeClient(node)).scanIterator({ MATCH: 'a*' })) found.push(...[batch].flat()); return found; })();\n`,
  },
  {
    name: 'keysToScan: keysBuffer becomes scanBufferStream; inserted names avoid the ones the call reads',
    path: 'a.ts',
    code: IO + 'export const f = (batch: { p: string }) => redis.keysBuffer(batch.p);\n',
    intent: keysToScan(),
    expected: IO + 'export const f = (batch: { p: string }) => (async () => { const found: Buffer[] = []; for await (const batch2 of redis.scanBufferStream({ match: batch.p })) found.push(...batch2); return found; })();\n',
  },
  { name: 'keysToScan: not inside a pipeline', path: 'a.ts', code: IO + `redis.pipeline().keys('a*').exec();\n`, intent: keysToScan(), expected: undefined },
  { name: 'keysToScan: not with a callback', path: 'a.ts', code: IO + `redis.keys('a*', (err, ks) => ks);\n`, intent: keysToScan(), expected: undefined },
  { name: 'keysToScan: not a node-redis cluster reached through a call', path: 'a.ts', code: `import { createCluster } from 'redis';\nconst get = () => createCluster({ rootNodes: [] });\nget().keys('a*');\n`, intent: keysToScan(), expected: undefined },
  { name: 'keysToScan: not for a raw call()', path: 'a.ts', code: IO + `redis.call('KEYS', 'a*');\n`, intent: keysToScan(), expected: undefined },

  // ---- addExpiry on SET ----
  {
    name: 'addExpiry, ioredis SET: EX tokens right after the value',
    path: 'a.ts',
    code: IO + `await redis.set(key, value);\n`,
    intent: addExpiry('SET'),
    expected: IO + `await redis.set(key, value, 'EX', 3600);\n`,
  },
  {
    name: 'addExpiry, ioredis SET: before a trailing callback, in the call\'s own double quotes',
    path: 'a.js',
    code: IO + `redis.set("a", "b", (err) => {});\n`,
    intent: addExpiry('SET'),
    expected: IO + `redis.set("a", "b", "EX", 3600, (err) => {});\n`,
  },
  {
    name: 'addExpiry, ioredis SET NX (a lock): EX goes before NX',
    path: 'a.ts',
    code: IO + `await redis.set('lock', '1', 'NX');\n`,
    intent: addExpiry('SET'),
    expected: IO + `await redis.set('lock', '1', 'EX', 3600, 'NX');\n`,
  },
  {
    name: 'addExpiry, node-redis SET: a new options object',
    path: 'a.ts',
    code: NR + `await client.set('k', v);\n`,
    intent: addExpiry('SET'),
    expected: NR + `await client.set('k', v, { EX: 3600 });\n`,
  },
  {
    name: 'addExpiry, node-redis SET: into an existing one-line options object',
    path: 'a.ts',
    code: NR + `await client.set('k', v, { NX: true });\n`,
    intent: addExpiry('SET'),
    expected: NR + `await client.set('k', v, { EX: 3600, NX: true });\n`,
  },
  {
    name: 'addExpiry, node-redis SET: into a multi-line options object, on its own line',
    path: 'a.ts',
    code: NR + `async function f() {\n  await client.set('k', v, {\n    NX: true,\n  });\n}\n`,
    intent: addExpiry('SET'),
    expected: NR + `async function f() {\n  await client.set('k', v, {\n    EX: 3600,\n    NX: true,\n  });\n}\n`,
  },
  {
    name: 'addExpiry, node-redis SET: an empty options object',
    path: 'a.ts',
    code: NR + `await client.set('k', v, {});\n`,
    intent: addExpiry('SET'),
    expected: NR + `await client.set('k', v, { EX: 3600 });\n`,
  },
  { name: 'addExpiry, node-redis SET: not into an options variable', path: 'a.ts', code: NR + `await client.set('k', v, opts);\n`, intent: addExpiry('SET'), expected: undefined },
  {
    name: 'addExpiry, node-redis SET inside a chained multi: the options object works there too',
    path: 'a.ts',
    code: NR + `await client.multi().set('a', '1').exec();\n`,
    intent: addExpiry('SET'),
    expected: NR + `await client.multi().set('a', '1', { EX: 3600 }).exec();\n`,
  },

  // ---- addExpiry with an EXPIRE ----
  {
    name: 'addExpiry, HSET: an awaited EXPIRE on the next line, same indentation and key text',
    path: 'a.ts',
    code: IO + 'export async function add(userId: string, sku: string) {\n  await redis.hset(`cart:${userId}`, sku, 1);\n}\n',
    intent: addExpiry('HSET'),
    expected: IO + 'export async function add(userId: string, sku: string) {\n  await redis.hset(`cart:${userId}`, sku, 1);\n  await redis.expire(`cart:${userId}`, 3600);\n}\n',
  },
  {
    name: 'addExpiry, INCR not awaited, in a file without semicolons',
    path: 'a.js',
    code: IO + `function hit(ip) {\n  const n = redis.incr('rate:' + ip)\n  return n\n}\n`,
    intent: addExpiry('INCR'),
    expected: IO + `function hit(ip) {\n  const n = redis.incr('rate:' + ip)\n  redis.expire('rate:' + ip, 3600)\n  return n\n}\n`,
  },
  {
    name: 'addExpiry in a chained MULTI: .expire() right after the write',
    path: 'a.ts',
    code: IO + `await redis.multi().hset('h', 'f', 1).exec();\n`,
    intent: addExpiry('HSET'),
    expected: IO + `await redis.multi().hset('h', 'f', 1).expire('h', 3600).exec();\n`,
  },
  {
    name: 'addExpiry on a stored pipeline: a queued EXPIRE statement, not awaited',
    path: 'a.ts',
    code: IO + `async function f() {\n  const p = redis.pipeline();\n  p.sadd('s', 'm');\n  await p.exec();\n}\n`,
    intent: addExpiry('SADD'),
    expected: IO + `async function f() {\n  const p = redis.pipeline();\n  p.sadd('s', 'm');\n  p.expire('s', 3600);\n  await p.exec();\n}\n`,
  },
  {
    name: 'addExpiry, node-redis UPPERCASE style is kept, CRLF is kept',
    path: 'a.ts',
    code: NR.replace(/\n/g, '\r\n') + `await client.HSET('h', 'f', '1');\r\n`,
    intent: addExpiry('HSET'),
    expected: NR.replace(/\n/g, '\r\n') + `await client.HSET('h', 'f', '1');\r\nawait client.EXPIRE('h', 3600);\r\n`,
  },
  {
    name: 'addExpiry: the EXPIRE goes after a trailing line comment, which stays on the write',
    path: 'a.ts',
    code: IO + `await redis.sadd('tags', t); // remember the tag\nawait redis.get('x');\n`,
    intent: addExpiry('SADD'),
    expected: IO + `await redis.sadd('tags', t); // remember the tag\nawait redis.expire('tags', 3600);\nawait redis.get('x');\n`,
  },
  {
    name: 'addExpiry, MSETNX-like multi-key writes: one EXPIRE per key',
    path: 'a.ts',
    code: IO + `async function f() {\n  await redis.mset('a', 1, 'b', 2);\n}\n`,
    intent: addExpiry('MSET'),
    expected: IO + `async function f() {\n  await redis.mset('a', 1, 'b', 2);\n  await redis.expire('a', 3600);\n  await redis.expire('b', 3600);\n}\n`,
  },
  { name: 'addExpiry: not in a braceless loop body', path: 'a.ts', code: IO + `for (const id of ids) await redis.sadd(id, 1);\n`, intent: addExpiry('SADD'), expected: undefined },
  { name: 'addExpiry: not when the key expression has side effects', path: 'a.ts', code: IO + `await redis.lpush(nextKey(), 'x');\n`, intent: addExpiry('LPUSH'), expected: undefined },
  { name: 'addExpiry: not after a braceless if', path: 'a.ts', code: IO + `if (x) redis.sadd('s', 1);\n`, intent: addExpiry('SADD'), expected: undefined },
  { name: 'addExpiry: not after a return', path: 'a.ts', code: IO + `function f() {\n  return redis.incr('n');\n}\n`, intent: addExpiry('INCR'), expected: undefined },
  { name: 'addExpiry: not in a concise arrow body', path: 'a.ts', code: IO + `const f = () => redis.incr('n');\n`, intent: addExpiry('INCR'), expected: undefined },
  { name: 'addExpiry: not for a raw call()', path: 'a.ts', code: IO + `redis.call('HSET', 'h', 'f', 1);\n`, intent: addExpiry('HSET'), expected: undefined },

  // ---- wrapHashTag ----
  {
    name: 'wrapHashTag: string literals',
    path: 'a.ts',
    code: IO + `await redis.mget('user:42:profile', 'user:42:cart');\n`,
    intent: wrap('MGET', 'user:42'),
    expected: IO + `await redis.mget('{user:42}:profile', '{user:42}:cart');\n`,
  },
  {
    name: 'wrapHashTag: template literals with the substitution inside the tag',
    path: 'a.ts',
    code: IO + 'await redis.mget(`user:${id}:cart`, `user:${id}:profile`);\n',
    intent: wrap('MGET', 'user:${id}'),
    expected: IO + 'await redis.mget(`{user:${id}}:cart`, `{user:${id}}:profile`);\n',
  },
  {
    name: 'wrapHashTag: concatenations whose first string holds the tag',
    path: 'a.js',
    code: IO + `redis.del('user:' + id + ':a', 'user:' + id + ':b');\n`,
    intent: wrap('DEL', 'user'),
    expected: IO + `redis.del('{user}:' + id + ':a', '{user}:' + id + ':b');\n`,
  },
  {
    name: 'wrapHashTag: quoted MSET object keys',
    path: 'a.ts',
    code: IO + `await redis.mset({ 'a:1': 1, "a:2": 2 });\n`,
    intent: wrap('MSET', 'a'),
    expected: IO + `await redis.mset({ '{a}:1': 1, "{a}:2": 2 });\n`,
  },
  {
    name: 'wrapHashTag: the entity id after a lead, in string literals',
    path: 'a.ts',
    code: IO + `await redis.mget('checkout:42:totals', "checkout:42:taxes");\n`,
    intent: wrap('MGET', '42', 'checkout:'),
    expected: IO + `await redis.mget('checkout:{42}:totals', "checkout:{42}:taxes");\n`,
  },
  {
    name: 'wrapHashTag: the entity id after a lead, a substitution',
    path: 'a.ts',
    code: IO + 'await redis.del(`cart:${userId}:items`, `cart:${userId}:meta`);\n',
    intent: wrap('DEL', '${userId}', 'cart:'),
    expected: IO + 'await redis.del(`cart:{${userId}}:items`, `cart:{${userId}}:meta`);\n',
  },
  { name: 'wrapHashTag: not when the lead ends inside a substitution', path: 'a.ts', code: IO + 'await redis.mget(`u:${a.b}:x`, `u:${a.b}:y`);\n', intent: wrap('MGET', '.b}', 'u:${a'), expected: undefined },
  { name: 'wrapHashTag: not with an unknown key', path: 'a.ts', code: IO + `await redis.mget('user:1', key);\n`, intent: wrap('MGET', 'user'), expected: undefined },
  { name: 'wrapHashTag: not when a key does not start with the tag', path: 'a.ts', code: IO + `await redis.mget('user:1', 'cart:1');\n`, intent: wrap('MGET', 'user'), expected: undefined },
  { name: 'wrapHashTag: not when the tag ends inside a substitution', path: 'a.ts', code: IO + 'await redis.mget(`u:${id}:a`, `u:${id}:b`);\n', intent: wrap('MGET', 'u:${i'), expected: undefined },
  { name: 'wrapHashTag: not a spanning concatenation', path: 'a.ts', code: IO + `await redis.mget('u:' + id + ':a', 'u:' + id + ':b');\n`, intent: wrap('MGET', 'u:${id}'), expected: undefined },
];

for (const c of CASES) {
  test(`edits: ${c.name}`, async () => {
    const parsed = await parse(c.path, c.code);
    const edits = parsed.buildEdits(c.intent(parsed.model.calls));
    if (c.expected === undefined) {
      assert.equal(edits, undefined);
      return;
    }
    assert.ok(edits, 'expected an edit');
    const fixed = applyEdits(c.code, edits);
    assert.equal(fixed, c.expected);
    assert.ok(await parsesCleanly(c.path, fixed), 'the fixed text parses without errors');
  });
}

test('edits: none for a call in a function (or module) with a syntax error, or inside one; one where the error is in another function', async () => {
  const expiry = (calls: CallSite[]): CodeFixIntent => addExpiry('HSET')(calls);
  for (const code of [
    IO + `redis.hset('h', 'f', 1) @@;\n`, IO + `const x = [redis.hset('h', 'f', 1), ;\n`, IO + `redis.pipeline().hset('h', 'f', 1) # .exec();\n`,
    IO + `async function f() {\n  await redis.hset('h', 'f', 1);\n  if (x) { @@ }\n}\n`,
    IO + `(export async function f() {\n  await redis.hset('h', 'f', 1);\n}\n`,
  ]) {
    const parsed = await parse('a.ts', code);
    assert.equal(parsed.buildEdits(expiry(parsed.model.calls)), undefined, code);
  }
  // The error is beside a callback, not in it: the function a fix rewrites part of is broken (fuzzer, javascript:1416).
  const beside = IO + `async function f(ids) {\n  for (const id of ids) {\n    await redis.get('a');\n?.    ids.forEach((id) => redis.keys('*'));\n  }\n}\n`;
  const besideParsed = await parse('a.js', beside);
  assert.equal(besideParsed.buildEdits(keysToScan()(besideParsed.model.calls)), undefined);
  const clean = await parse('a.js', beside.replace('?.', ''));
  assert.ok(clean.buildEdits(keysToScan()(clean.model.calls)), 'offered once the error is gone');
  const code = IO + `async function f() {\n  await redis.hset('h', 'f', 1);\n}\nfunction g( {\n}\n`;
  const parsed = await parse('a.ts', code);
  const edits = parsed.buildEdits(expiry(parsed.model.calls));
  assert.ok(edits);
  assert.equal(applyEdits(code, edits), IO + `async function f() {\n  await redis.hset('h', 'f', 1);\n  await redis.expire('h', 3600);\n}\nfunction g( {\n}\n`);
});
