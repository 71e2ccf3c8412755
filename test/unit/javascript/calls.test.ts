/** Call sites: command mapping, keys, options, batches, scopes, loops, awaiting, and client constructions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls, describeClient, parse } from './helpers';

const IOREDIS = `import Redis from 'ioredis';\nconst r = new Redis();\n`;
const NODE_REDIS = `import { createClient } from 'redis';\nconst c = createClient();\n`;

const CASES: { name: string; path: string; code: string; calls: string[] }[] = [
  {
    name: 'ioredis command names, Buffer/Stream variants and raw call()',
    path: 'a.ts',
    code: IOREDIS + `r.keys('user:*'); r.keysBuffer('a*'); r.scanStream({ match: 'x' }); r.getBuffer('k');
r.call('KEYS', '*'); r.call('set', 'k', 'v', 'EX', 5); r.call(cmd, 'k');
r.on('error', () => {}); r.quit(); r.defineCommand('x', {});
`,
    calls: [
      '3:3 KEYS(keys) ioredis on r keys[] in <module>',
      '3:21 KEYS(keysBuffer) ioredis on r keys[] in <module>',
      '3:41 SCAN(scanStream) ioredis on r keys[] in <module>',
      '3:71 GET(getBuffer) ioredis on r keys[lit:k] in <module>',
      '4:3 KEYS(call) ioredis on r keys[] in <module>',
      '4:24 SET(call) ioredis on r keys[lit:k] expiry=set in <module>',
    ],
  },
  {
    // A tag gets an array of strings: no command is read from it (its KEYS fix wrote `match: cart:*`: fuzz tsx:2344).
    name: 'a tagged template on a client method is no call of that command',
    path: 'a.tsx',
    code: IOREDIS + 'const ks = await r.keys`cart:*`;\nr.get`k`; r.get(`k`);\n',
    calls: ['4:13 GET(get) ioredis on r keys[lit:k] in <module>'],
  },
  {
    name: 'node-redis camelCase and UPPERCASE methods, sendCommand, container commands',
    path: 'a.ts',
    code: NODE_REDIS + `c.setEx('k', 10, 'v'); c.mGet(['a', 'b']); c.hGetAll('h'); c.SET('k', 'v'); c.EXPIRE('k', 5);
c.sendCommand(['KEYS', '*']); c.configGet('maxmemory'); c.scanIterator({ MATCH: 'a*' }); c.connect(); c.isReady;
`,
    calls: [
      '3:3 SETEX(setEx) node-redis on c keys[lit:k] expiry=set in <module>',
      '3:26 MGET(mGet) node-redis on c keys[lit:a, lit:b] in <module>',
      '3:46 HGETALL(hGetAll) node-redis on c keys[lit:h] in <module>',
      '3:62 SET(SET) node-redis on c keys[lit:k] expiry=none in <module>',
      '3:79 EXPIRE(EXPIRE) node-redis on c keys[lit:k] in <module>',
      '4:3 KEYS(sendCommand) node-redis on c keys[] in <module>',
      '4:33 CONFIG GET(configGet) node-redis on c keys[] in <module>',
      '4:59 SCAN(scanIterator) node-redis on c keys[] in <module>',
    ],
  },
  {
    name: 'keys: string, template with prefix, literal hash tag, dynamic hash tag, concatenation, unknown',
    path: 'a.ts',
    code: IOREDIS + "r.mget('plain', `user:${id}:cart`, `{user:42}:${x}`, `{user:${id}}:cart`, 'session:' + sid + ':data', key, `lit`, 'a\\\\:b');\n",
    calls: [
      '3:3 MGET(mget) ioredis on r keys[lit:plain, tpl:user:, tpl:{user:42}:{user:42}, tpl:{user:{~user:${id}}, tpl:session:, ?:key, lit:lit, lit:a\\:b] in <module>',
    ],
  },
  {
    name: 'keys of multi-key commands (ioredis): arrays flatten, spreads stay unknown, callbacks are dropped',
    path: 'a.ts',
    code: IOREDIS + `r.mget(['a', 'b']); r.del('a', 'b', 'c'); r.del(...ks); r.unlink(ks); r.exists(['a'], 'b');
r.sunion('s1', 's2'); r.smove('src', 'dst', 'm'); r.rename('a', 'b'); r.lmove('l1', 'l2', 'LEFT', 'RIGHT');
r.blpop('q1', 'q2', 0); r.brpop(['q3', 'q4'], 5); r.eval('return 1', 2, 'k1', 'k2', 'arg'); r.eval(s, n, 'k1');
r.zunionstore('dst', 2, 'z1', 'z2'); r.get('k', (err, v) => v); r.publish('chan', 'msg'); r.hget('h', 'f');
`,
    calls: [
      '3:3 MGET(mget) ioredis on r keys[lit:a, lit:b] in <module>',
      '3:23 DEL(del) ioredis on r keys[lit:a, lit:b, lit:c] in <module>',
      '3:45 DEL(del) ioredis on r keys[?:...ks] in <module>',
      '3:59 UNLINK(unlink) ioredis on r keys[?:ks] in <module>',
      '3:73 EXISTS(exists) ioredis on r keys[lit:a, lit:b] in <module>',
      '4:3 SUNION(sunion) ioredis on r keys[lit:s1, lit:s2] in <module>',
      '4:25 SMOVE(smove) ioredis on r keys[lit:src, lit:dst] in <module>',
      '4:53 RENAME(rename) ioredis on r keys[lit:a, lit:b] in <module>',
      '4:73 LMOVE(lmove) ioredis on r keys[lit:l1, lit:l2] in <module>',
      '5:3 BLPOP(blpop) ioredis on r keys[lit:q1, lit:q2] in <module>',
      '5:27 BRPOP(brpop) ioredis on r keys[lit:q3, lit:q4] in <module>',
      '5:53 EVAL(eval) ioredis on r keys[lit:k1, lit:k2] in <module>',
      '5:95 EVAL(eval) ioredis on r keys[?:\'k1\'] in <module>',
      '6:3 ZUNIONSTORE(zunionstore) ioredis on r keys[lit:dst, lit:z1, lit:z2] in <module>',
      '6:40 GET(get) ioredis on r keys[lit:k] in <module>',
      '6:67 PUBLISH(publish) ioredis on r keys[] in <module>',
      '6:93 HGET(hget) ioredis on r keys[lit:h] in <module>',
    ],
  },
  {
    name: 'keys of multi-key commands (node-redis): key arrays, mSet shapes, blPop, eval options',
    path: 'a.ts',
    code: NODE_REDIS + `c.mGet(['a', 'b']); c.mGet(list); c.del(['a', 'b']); c.blPop(['q1', 'q2'], 0); c.blPop('q', 0);
c.mSet([['a', '1'], ['b', '2']]); c.mSet(['a', '1', 'b', '2']); c.mSet({ a: '1', [k]: '2', 'c': '3' });
c.eval('return 1', { keys: ['k1', 'k2'], arguments: ['x'] }); c.zUnionStore('dst', ['z1', 'z2']);
`,
    calls: [
      '3:3 MGET(mGet) node-redis on c keys[lit:a, lit:b] in <module>',
      '3:23 MGET(mGet) node-redis on c keys[?:list] in <module>',
      '3:37 DEL(del) node-redis on c keys[lit:a, lit:b] in <module>',
      '3:56 BLPOP(blPop) node-redis on c keys[lit:q1, lit:q2] in <module>',
      '3:82 BLPOP(blPop) node-redis on c keys[lit:q] in <module>',
      '4:3 MSET(mSet) node-redis on c keys[lit:a, lit:b] expiry=none in <module>',
      '4:37 MSET(mSet) node-redis on c keys[lit:a, lit:b] expiry=none in <module>',
      '4:67 MSET(mSet) node-redis on c keys[lit:a, ?:k, lit:c] expiry=none in <module>',
      '5:3 EVAL(eval) node-redis on c keys[lit:k1, lit:k2] in <module>',
      '5:65 ZUNIONSTORE(zUnionStore) node-redis on c keys[lit:dst, lit:z1, lit:z2] in <module>',
    ],
  },
  {
    name: 'MSET shapes (ioredis): object, pairs, computed and shorthand keys',
    path: 'a.ts',
    code: IOREDIS + "r.mset({ a: 1, 'b:c': 2, [`d:${x}`]: 3, e, ...rest }); r.mset('k1', 'v1', 'k2', 'v2'); r.msetnx(map);\n",
    calls: [
      '3:3 MSET(mset) ioredis on r keys[lit:a, lit:b:c, tpl:d:, lit:e, ?:...rest] expiry=none in <module>',
      '3:58 MSET(mset) ioredis on r keys[lit:k1, lit:k2] expiry=none in <module>',
      '3:90 MSETNX(msetnx) ioredis on r keys[?:map] expiry=none in <module>',
    ],
  },
  {
    name: 'SET options (ioredis): EX/PX/EXAT/PXAT any case, KEEPTTL, NX, variables, callbacks, spreads; SETEX, SETNX, other writes',
    path: 'a.ts',
    code: IOREDIS + `r.set('a', 1); r.set('a', 1, 'EX', 10); r.set('a', 1, 'px', 10); r.set('a', 1, 'NX', 'EXAT', t);
r.set('a', 1, 'PXAT', t, 'GET'); r.set('a', 1, 'KEEPTTL'); r.set('a', 1, 'NX'); r.set('a', 1, mode, ttl);
r.set('a', 1, () => {}); r.set(...args); r.setex('a', 10, 1); r.psetex('a', 10, 1); r.setnx('a', 1);
r.hset('h', 'f', 1); r.incr('n'); r.get('a'); r.expire('a', 10);
`,
    calls: [
      '3:3 SET(set) ioredis on r keys[lit:a] expiry=none in <module>',
      '3:18 SET(set) ioredis on r keys[lit:a] expiry=set in <module>',
      '3:43 SET(set) ioredis on r keys[lit:a] expiry=set in <module>',
      '3:68 SET(set) ioredis on r keys[lit:a] expiry=set nx in <module>',
      '4:3 SET(set) ioredis on r keys[lit:a] expiry=set in <module>',
      '4:36 SET(set) ioredis on r keys[lit:a] expiry=keep in <module>',
      '4:62 SET(set) ioredis on r keys[lit:a] expiry=none nx in <module>',
      '4:83 SET(set) ioredis on r keys[lit:a] expiry=unknown in <module>',
      '5:3 SET(set) ioredis on r keys[lit:a] expiry=none in <module>',
      '5:28 SET(set) ioredis on r keys[?:...args] expiry=unknown in <module>',
      '5:44 SETEX(setex) ioredis on r keys[lit:a] expiry=set in <module>',
      '5:65 PSETEX(psetex) ioredis on r keys[lit:a] expiry=set in <module>',
      '5:87 SETNX(setnx) ioredis on r keys[lit:a] expiry=none nx in <module>',
      '6:3 HSET(hset) ioredis on r keys[lit:h] expiry=none in <module>',
      '6:24 INCR(incr) ioredis on r keys[lit:n] expiry=none in <module>',
      '6:37 GET(get) ioredis on r keys[lit:a] in <module>',
      '6:49 EXPIRE(expire) ioredis on r keys[lit:a] in <module>',
    ],
  },
  {
    name: 'SET options (node-redis): EX/PX/KEEPTTL/expiration/NX/condition objects, variables, spreads, v3 tokens',
    path: 'a.ts',
    code: NODE_REDIS + `c.set('a', '1'); c.set('a', '1', { EX: 10 }); c.set('a', '1', { PX: 10, NX: true }); c.set('a', '1', { KEEPTTL: true });
c.set('a', '1', { expiration: { type: 'EX', value: 10 } }); c.set('a', '1', { expiration: 'KEEPTTL' });
c.set('a', '1', { condition: 'NX' }); c.set('a', '1', opts); c.set('a', '1', { ...opts }); c.set('a', '1', { GET: true });
c.set('a', '1', 'EX', 10); c.set('a', '1', { EX: undefined });
`,
    calls: [
      '3:3 SET(set) node-redis on c keys[lit:a] expiry=none in <module>',
      '3:20 SET(set) node-redis on c keys[lit:a] expiry=set in <module>',
      '3:49 SET(set) node-redis on c keys[lit:a] expiry=set nx in <module>',
      '3:88 SET(set) node-redis on c keys[lit:a] expiry=keep in <module>',
      '4:3 SET(set) node-redis on c keys[lit:a] expiry=set in <module>',
      '4:63 SET(set) node-redis on c keys[lit:a] expiry=keep in <module>',
      '5:3 SET(set) node-redis on c keys[lit:a] expiry=none nx in <module>',
      '5:41 SET(set) node-redis on c keys[lit:a] expiry=unknown in <module>',
      '5:64 SET(set) node-redis on c keys[lit:a] expiry=unknown in <module>',
      '5:94 SET(set) node-redis on c keys[lit:a] expiry=none in <module>',
      '6:3 SET(set) node-redis on c keys[lit:a] expiry=set in <module>',
      '6:30 SET(set) node-redis on c keys[lit:a] expiry=none in <module>',
    ],
  },
  {
    name: 'pipelines and transactions: chained, stored, node-redis execAsPipeline; exec is not a command',
    path: 'a.ts',
    code: IOREDIS + NODE_REDIS.replace(/^/, '') + `export async function f() {
  await r.multi().set('a', 1).expire('a', 10).exec();
  const p = r.pipeline();
  p.hset('h', 'f', 1);
  p.expire('h', 5).incr('n');
  await p.exec();
  await c.multi().set('b', '1').get('b').execAsPipeline();
  await c.multi().set('b', '1').exec();
  const tx = c.multi();
  tx.sAdd('s', 'm');
  await tx.exec();
}
`,
    calls: [
      '6:19 SET(set) ioredis on r keys[lit:a] expiry=none in f:5 multi#batch@6:9 awaited',
      '6:31 EXPIRE(expire) ioredis on r keys[lit:a] in f:5 multi#batch@6:9 awaited',
      '8:5 HSET(hset) ioredis on p keys[lit:h] expiry=none in f:5 pipeline#batch@7:13',
      '9:5 EXPIRE(expire) ioredis on p keys[lit:h] in f:5 pipeline#batch@7:13',
      '9:20 INCR(incr) ioredis on p keys[lit:n] expiry=none in f:5 pipeline#batch@7:13',
      '11:19 SET(set) node-redis on c keys[lit:b] expiry=none in f:5 pipeline#batch@11:9 awaited',
      '11:33 GET(get) node-redis on c keys[lit:b] in f:5 pipeline#batch@11:9 awaited',
      '12:19 SET(set) node-redis on c keys[lit:b] expiry=none in f:5 multi#batch@12:9 awaited',
      '14:6 SADD(sAdd) node-redis on tx keys[lit:s] expiry=none in f:5 multi#batch@13:14',
    ],
  },
  {
    name: 'scopes, loops and awaiting: for/for-of/while bodies, forEach/map callbacks, loop headers, class methods',
    path: 'src/svc.ts',
    code: IOREDIS + `for (const k of ks) r.get(k);
export class Svc {
  async load(ids: string[]) {
    for (const id of await r.smembers('ids')) await r.get(id);
    ids.forEach((id) => r.del(id));
    await Promise.all(ids.map(async (id) => r.get(id)));
    let i = 0;
    while (i++ < 3) { const f = () => r.incr('n'); f(); }
    return r.get('done').then((v) => v);
  }
}
const handler = async () => { r.ping(); };
app.get('/x', function named() { return r.get('y'); });
`,
    calls: [
      '3:23 GET(get) ioredis on r keys[?:k] in <module> loop',
      '6:30 SMEMBERS(smembers) ioredis on r keys[lit:ids] in Svc.load:5 awaited',
      '6:55 GET(get) ioredis on r keys[?:id] in Svc.load:5 loop awaited',
      '7:27 DEL(del) ioredis on r keys[?:id] in <anonymous>:7 loop',
      '8:47 GET(get) ioredis on r keys[?:id] in <anonymous>:8 loop',
      '10:41 INCR(incr) ioredis on r keys[lit:n] expiry=none in f:10',
      '11:14 GET(get) ioredis on r keys[lit:done] in Svc.load:5',
      '14:33 PING(ping) ioredis on r keys[] in handler:14',
      '15:43 GET(get) ioredis on r keys[lit:y] in named:15',
    ],
  },
  {
    name: 'hash field expiry (Redis 7.4 / Valkey 9) in ioredis and node-redis; a look-alike method is not',
    path: 'session.ts',
    code: `import Redis from 'ioredis';
import { createClient } from 'redis';
const r = new Redis();
const c = createClient();
class FieldClock { hexpire(name: string, s: number, f: string) { return null; } }
const clock = new FieldClock();
const fields = new Map<string, number>();
export async function touchSession(sid: string) {
  await r.hexpire('h', 60, 'f');
  await c.hExpire(\`session:\${sid}\`, 'cart', 1800);
  await c.hTTL('h', ['a', 'b']);
  await c.HGETDEL('h', 'f');
  clock.hexpire('h', 60, 'f');
  fields.set('h', 60);
}
`,
    calls: [
      '9:11 HEXPIRE(hexpire) ioredis on r keys[lit:h] in touchSession:8 awaited',
      '10:11 HEXPIRE(hExpire) node-redis on c keys[tpl:session:] in touchSession:8 awaited',
      '11:11 HTTL(hTTL) node-redis on c keys[lit:h] in touchSession:8 awaited',
      '12:11 HGETDEL(HGETDEL) node-redis on c keys[lit:h] in touchSession:8 awaited',
    ],
  },
];

for (const c of CASES) {
  test(`calls: ${c.name}`, async () => {
    assert.deepEqual(await calls(c.path, c.code), c.calls);
  });
}

test('clients: constructions with scope, loop and literal URL; duplicate() is a construction, connect() is not', async () => {
  const path = 'src/clients.ts';
  const code = `import Redis, { Cluster } from 'ioredis';
import { createClient, createCluster } from 'redis';
const a = new Redis('rediss://cache.example.com:6379');
const b = new Cluster([{ host: 'h', port: 6379 }]);
const c = createClient({ url: 'redis://user:pw@h:6379' });
const d = createCluster({ rootNodes: [{ url: 'rediss://n1:6379' }] });
export async function perRequest(ids: string[]) {
  const sub = a.duplicate();
  for (const id of ids) { const conn = await createClient().connect(); await conn.get(id); }
  return new Map();
}
`;
  const parsed = await parse(path, code);
  assert.deepEqual(parsed.model.clients.map((c) => describeClient(c, path)), [
    '3:11 ioredis as a in <module> url=rediss://cache.example.com:6379',
    '4:11 ioredis+cluster as b in <module>',
    '5:11 node-redis as c in <module> url=redis://user:pw@h:6379',
    '6:11 node-redis+cluster as d in <module> url=rediss://n1:6379',
    '8:15 ioredis as sub in perRequest:7',
    '9:46 node-redis as conn in perRequest:7 loop',
  ]);
});

test('isTest: test paths and test framework imports', async () => {
  const code = `import Redis from 'ioredis';\n`;
  for (const p of ['a.test.ts', 'a.spec.js', 'src/__tests__/a.ts', 'pkg/test/a.ts']) assert.equal((await parse(p, code)).model.isTest, true, p);
  assert.equal((await parse('src/a.ts', code)).model.isTest, false);
  assert.equal((await parse('src/a.ts', `import { describe } from 'vitest';\n` + code)).model.isTest, true);
  assert.equal((await parse('src/a.js', `const { expect } = require('chai');\nrequire('mocha');\n` + code)).model.isTest, true);
});

test('malformed input does not throw and still yields what can be read', async () => {
  const code = IOREDIS + `export function f( {\n  r.keys('*');\n  r.set('a', \n}\n))) class { ;\n`;
  const parsed = await parse('broken.ts', code);
  assert.ok(Array.isArray(parsed.model.calls));
  for (const text of ['', '\u0000\u0001', '((((((((', 'import', '`${', 'r.keys(']) {
    await parse('x.ts', text);
    await parse('x.js', text);
  }
});

test('positions are UTF-16 based and CRLF files work', async () => {
  const code = IOREDIS.replace(/\n/g, '\r\n') + `const s = '😀é'; r.keys('é*');\r\n`;
  assert.deepEqual(await calls('a.ts', code), ['3:20 KEYS(keys) ioredis on r keys[] in <module>']);
});
