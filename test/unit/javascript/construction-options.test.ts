/**
 * Client constructions carry their options: each setting with where its value comes from (literal, environment,
 * secret store, unknown) and its exact ranges; whether options are hidden from the reader (opaque); the lifetime
 * (shared, or built per loop iteration / request / Lambda invocation, with the handler's range); the name it is
 * bound and exported as; and call sites linked to the construction their receiver is.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clients, origins } from './construction-support';
import { parse } from './helpers';

test('a worker: clients built in loop bodies and iterating callbacks are per call; the loop is where', async () => {
  const path = 'src/worker.js';
  const code = `import Redis from 'ioredis';

const shards = ['redis://a:6379', 'redis://b:6379'];
const queue = new Redis(process.env.QUEUE_URL);

async function drain(jobs) {
  for (const job of jobs) {
    const conn = new Redis(job.url);
    await conn.lpush('done', job.id);
  }
  while (await queue.llen('jobs')) {
    const c = new Redis();
    await c.rpop('jobs');
  }
  shards.forEach((url) => new Redis(url).quit());
}

export function connect(url) {
  return new Redis(url);
}
`;
  assert.deepEqual(await clients(path, code), [
    '4:15 ioredis as queue shared | url=env(QUEUE_URL)@4:25',
    '8:18 ioredis as conn opaque per-call:loop@7:3-10:4',
    '12:15 ioredis as c per-call:loop@11:3-14:4',
    '15:27 ioredis opaque per-call:loop@15:3-15:49',
    '19:10 ioredis opaque unknown',
  ]);
});

test('CommonJS node-redis v3: positional port and host, tls and auth_pass options; module.exports', async () => {
  const path = 'lib/redis.js';
  const code = `const redis = require('redis');

const client = redis.createClient(6379, 'my-cache.abc123.use1.cache.amazonaws.com', {
  tls: { servername: 'my-cache.abc123.use1.cache.amazonaws.com' },
  auth_pass: 'hunter2',
});
const legacy = redis.createClient(process.env.REDIS_PORT, process.env.REDIS_HOST);
const byUrl = redis.createClient('redis://cache.local:6379', { db: 3 });

module.exports = client;
exports.byUrl = byUrl;
`;
  assert.deepEqual(await clients(path, code), [
    '3:16 node-redis as client exported shared | host=literal:"my-cache.abc123.use1.cache.amazonaws.com"@3:41 tls=literal:true@4:8[4:3-4:66] password=literal:"hunter2"@5:14[5:3-5:23]',
    '7:16 node-redis as legacy shared | host=env(REDIS_HOST)@7:59',
    '8:15 node-redis as byUrl exported shared | url=literal:"redis://cache.local:6379"@8:34 db=literal:3@8:68[8:64-8:69]',
  ]);
});

test('options × provenance: literal (and the const it names), environment (with fallbacks), secret stores, unknown', async () => {
  const path = 'src/config/redis.ts';
  const code = `import Redis from 'ioredis';
import { createClient } from 'redis';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import { getSecret } from './secrets';
import config from './config';

const CACHE_HOST = 'prod.abc123.cache.amazonaws.com';
const CACHE_DB = 4;
const { REDIS_USER, REDIS_PASS: pass = '' } = process.env;
const ssm = new SSMClient({});

export async function clients(password: string) {
  const token = (await ssm.send(new GetParameterCommand({ Name: '/redis/token', WithDecryption: true }))).Parameter!.Value;
  const plain = (await ssm.send(new GetParameterCommand({ Name: '/redis/host' }))).Parameter!.Value;
  const a = new Redis({ host: CACHE_HOST, db: CACHE_DB, username: REDIS_USER, password: pass });
  const b = new Redis({ host: process.env['REDIS_HOST'] || 'localhost', password: process.env.REDIS_PASSWORD ?? 'dev', db: parseInt(process.env.REDIS_DB!, 10) });
  const c = new Redis({ host: plain, password: token, username: await getSecret('redis-user') });
  const d = new Redis({ host: config.redis.host, password, db: config.db });
  const e = createClient({
    url: \`rediss://\${process.env.REDIS_HOST}:6380\`,
    password: await getSecret('redis'),
    database: 2,
    socket: { tls: process.env.NODE_ENV === 'production', rejectUnauthorized: process.env.STRICT !== 'false' },
  });
  return [a, b, c, d, e];
}
`;
  assert.deepEqual(await clients(path, code), [
    '15:13 ioredis as a unknown | host=literal:"prod.abc123.cache.amazonaws.com"@15:31[15:25-15:41] db=literal:4@15:47[15:43-15:55] username=env(REDIS_USER)@15:67[15:57-15:77] password=env(REDIS_PASS)@15:89[15:79-15:93]',
    '16:13 ioredis as b unknown | host=env(REDIS_HOST)@16:31[16:25-16:71] password=env(REDIS_PASSWORD)@16:83[16:73-16:118] db=env(REDIS_DB)@16:124[16:120-16:159]',
    '17:13 ioredis as c unknown | host=unknown@17:31[17:25-17:36] password=secret@17:48[17:38-17:53] username=secret@17:65[17:55-17:94]',
    '18:13 ioredis as d unknown | host=unknown@18:31[18:25-18:48] password=unknown@18:50[18:50-18:58] db=unknown@18:64[18:60-18:73]',
    '19:13 node-redis as e unknown | url=env(REDIS_HOST)@20:10[20:5-20:51] password=secret@21:15[21:5-21:39] db=literal:2@22:15[22:5-22:16] tls=env(NODE_ENV)@23:20[23:15-23:57] verifyCertificate=env(STRICT)@23:79[23:59-23:109]',
  ]);
});

test('TLS and verification: a tls key at all is TLS on; rejectUnauthorized and checkServerIdentity as written', async () => {
  const path = 'src/tls.ts';
  const code = `import Redis from 'ioredis';
import { createClient } from 'redis';
import { readFileSync } from 'node:fs';

const tlsOptions = { ca: readFileSync('ca.pem'), rejectUnauthorized: false };
export const a = new Redis({ tls: {} });
export const b = new Redis({ tls: { checkServerIdentity: () => undefined } });
export const c = new Redis({ tls: { checkServerIdentity(host, cert) { return undefined; } } });
export const d = new Redis({ tls: { checkServerIdentity: (host, cert) => verifyPinned(host, cert) } });
export const e = new Redis({ tls: tlsOptions });
export const f = createClient({ socket: { tls: true, rejectUnauthorized: false, checkServerIdentity: () => {} } });
export const g = createClient({ socket: { tls: false, host: 'cache.local' } });
export const h = new Redis({ host: 'h', tls: undefined });
function verifyPinned(host: string, cert: unknown) { return undefined; }
`;
  assert.deepEqual(await clients(path, code), [
    '6:18 ioredis as a exported shared | tls=literal:true@6:35[6:30-6:37]',
    '7:18 ioredis as b exported shared | tls=literal:true@7:35[7:30-7:75] verifyHostname=literal:false@7:58[7:37-7:73]',
    '8:18 ioredis as c exported shared | tls=literal:true@8:35[8:30-8:92] verifyHostname=literal:false@8:37[8:37-8:90]',
    '9:18 ioredis as d exported shared | tls=literal:true@9:35[9:30-9:100] verifyHostname=unknown@9:58[9:37-9:98]',
    '10:18 ioredis as e exported shared | tls=literal:true@10:35[10:30-10:45] verifyCertificate=literal:false@5:70[5:50-5:75]',
    '11:18 node-redis as f exported shared | tls=literal:true@11:48[11:43-11:52] verifyCertificate=literal:false@11:74[11:54-11:79] verifyHostname=literal:false@11:102[11:81-11:110]',
    '12:18 node-redis as g exported shared | tls=literal:false@12:48[12:43-12:53] host=literal:"cache.local"@12:61[12:55-12:74]',
    '13:18 ioredis as h exported shared | host=literal:"h"@13:36[13:30-13:39] tls=literal:false@13:46[13:41-13:55]',
  ]);
});

test('opaque: spreads, options variables and calls the reader cannot see into; a const options object is followed', async () => {
  const path = 'src/opaque.js';
  const code = `const Redis = require('ioredis');
const { createClient } = require('redis');

const base = { host: 'cache.internal', tls: {} };
function build(opts, url) {
  const a = new Redis({ ...opts, password: 'x' });
  const b = new Redis(opts);
  const c = new Redis(loadOptions());
  const d = new Redis(base);
  const e = createClient({ url, socket: opts.socket });
  const f = new Redis(url, opts);
  const g = new Redis(6379, 'cache.internal', { ...base });
  const h = createClient(Object.assign({}, base));
  const i = new Redis('/tmp/redis.sock');
  return [a, b, c, d, e, f, g, h, i];
}
module.exports = { build };
`;
  assert.deepEqual(await clients(path, code), [
    '6:13 ioredis as a opaque unknown | password=literal:"x"@6:44[6:34-6:47]',
    '7:13 ioredis as b opaque unknown',
    '8:13 ioredis as c opaque unknown',
    '9:13 ioredis as d unknown | host=literal:"cache.internal"@4:22[4:16-4:38] tls=literal:true@4:45[4:40-4:47]',
    '10:13 node-redis as e opaque unknown | url=unknown@10:28[10:28-10:31]',
    '11:13 ioredis as f opaque unknown',
    '12:13 ioredis as g opaque unknown | host=literal:"cache.internal"@12:29',
    '13:13 node-redis as h opaque unknown',
    '14:13 ioredis as i unknown',
  ]);
});

test('clusters: ioredis Cluster options under redisOptions; node-redis createCluster root nodes over defaults', async () => {
  const path = 'src/cluster.ts';
  const code = `import { Cluster } from 'ioredis';
import { createCluster } from 'redis';

export const cluster = new Cluster(
  [{ host: 'clustercfg.prod.abc123.use1.cache.amazonaws.com', port: 6379 }],
  {
    dnsLookup: (address, callback) => callback(null, address),
    redisOptions: { username: 'app', password: process.env.REDIS_PASSWORD, tls: { rejectUnauthorized: false } },
  },
);

export const nodes = createCluster({
  rootNodes: [{ url: 'rediss://clustercfg.prod.abc123.use1.cache.amazonaws.com:6379' }],
  defaults: { username: 'app', password: 'from-defaults', socket: { tls: true } },
});

export const spread = createCluster({ rootNodes: seeds });
export const plain = new Cluster(['redis://n1:6379']);
declare const seeds: { url: string }[];
`;
  assert.deepEqual(await clients(path, code), [
    '4:24 ioredis+cluster as cluster exported shared | host=literal:"clustercfg.prod.abc123.use1.cache.amazonaws.com"@5:12[5:6-5:61] username=literal:"app"@8:31[8:21-8:36] password=env(REDIS_PASSWORD)@8:48[8:38-8:74] tls=literal:true@8:81[8:76-8:110] verifyCertificate=literal:false@8:103[8:83-8:108]',
    '12:22 node-redis+cluster as nodes exported shared | username=literal:"app"@14:25[14:15-14:30] password=literal:"from-defaults"@14:42[14:32-14:57] tls=literal:true@14:74[14:69-14:78] url=literal:"rediss://clustercfg.prod.abc123.use1.cache.amazonaws.com:6379"@13:22[13:17-13:85]',
    '17:23 node-redis+cluster as spread exported opaque shared',
    '18:22 ioredis+cluster as plain exported shared',
  ]);
});

test('route handlers: Fastify, Koa, Hono, router.route(), fastify.route({ handler }), a named handler; look-alikes are not', async () => {
  const path = 'src/routes.ts';
  const code = `import Redis from 'ioredis';
import Fastify from 'fastify';
import Router from '@koa/router';
import Koa from 'koa';
import { Hono } from 'hono';
import express from 'express';
import { EventEmitter } from 'node:events';

const fastify = Fastify();
const router = new Router();
const koa = new Koa();
const hono = new Hono();
const app = express();
const events = new EventEmitter();
const settings = new Map<string, () => Redis>();

fastify.get('/a', async (request, reply) => { const r = new Redis(); });
fastify.route({ method: 'POST', url: '/b', handler: async (request, reply) => { const r = new Redis(); } });
router.post('/c', async (ctx) => { const r = new Redis(); });
koa.use(async (ctx, next) => { const r = new Redis(); await next(); });
hono.get('/d', (c) => { const r = new Redis(); return c.text('ok'); });
app.route('/e').put((req, res) => { const r = new Redis(); });
async function listUsers(req, res) { const r = new Redis(); }
app.get('/users', listUsers);

settings.set('factory', () => new Redis());
events.on('message', () => { const r = new Redis(); });
app.listen(3000, () => { const r = new Redis(); });
app.get(String(settings.get('env')));
`;
  assert.deepEqual(await clients(path, code), [
    '17:57 ioredis as r per-call:request-handler@17:19-17:71',
    '18:91 ioredis as r per-call:request-handler@18:53-18:105',
    '19:46 ioredis as r per-call:request-handler@19:19-19:60',
    '20:42 ioredis as r per-call:request-handler@20:9-20:70',
    '21:35 ioredis as r per-call:request-handler@21:16-21:70',
    '22:47 ioredis as r per-call:request-handler@22:21-22:61',
    '23:48 ioredis as r per-call:request-handler@23:1-23:62',
    '26:31 ioredis unknown',
    '27:40 ioredis as r unknown',
    '28:36 ioredis as r unknown',
  ]);
});

test('exported: export const / default / { x }, module.exports = { x }, exports.x; a name not exported and a shadowing local', async () => {
  const esm = `import Redis from 'ioredis';
const primary = new Redis();
const replica = new Redis();
const internal = new Redis();
export default new Redis();
export { primary, replica as reader };
function f() { const primary = new Redis(); return primary; }
`;
  assert.deepEqual(await clients('src/esm.ts', esm), [
    '2:17 ioredis as primary exported shared',
    '3:17 ioredis as replica exported shared',
    '4:18 ioredis as internal shared',
    '5:16 ioredis exported shared',
    '7:32 ioredis as primary unknown',
  ]);
  const cjs = `const Redis = require('ioredis');
const cache = new Redis();
const other = new Redis();
module.exports = { cache, queue: other };
exports.direct = new Redis();
`;
  assert.deepEqual(await clients('src/cjs.js', cjs), [
    '2:15 ioredis as cache exported shared',
    '3:15 ioredis as other exported shared',
    '5:18 ioredis as exports.direct exported shared',
  ]);
});

test('origins: linked only when every binding that reaches the receiver is one construction of this file', async () => {
  const path = 'src/origins.ts';
  const code = `import Redis from 'ioredis';
import { createClient } from 'redis';

const a = new Redis();
let b = new Redis();
b = new Redis();
const c = Math.random() > 0.5 ? new Redis() : a;
const sub = a.duplicate();
const nr = await createClient().on('error', console.error).connect();

export async function run(r: Redis) {
  await a.get('a');
  await b.get('b');
  await c.get('c');
  await sub.subscribe('ch');
  await r.get('r');
  await nr.get('nr');
  await a.pipeline().set('k', 'v').expire('k', 10).exec();
  const p = a.multi();
  p.incr('n');
}
`;
  assert.deepEqual(await origins(path, code), [
    '12 get a -> #0',
    '13 get b -> -',
    '14 get c -> -',
    '15 subscribe sub -> #4',
    '16 get r -> -',
    '17 get nr -> #5',
    '18 set a -> #0',
    '18 expire a -> #0',
    '20 incr p -> #0',
  ]);
});

test('look-alikes: a Redis class from another package, a Map, and an unrelated new Redis are no constructions', async () => {
  const code = `import { Redis } from '@hocuspocus/extension-redis';
import IORedis from 'ioredis';
const ext = new Redis({ host: 'h' });
const m = new Map();
m.get('/x');
class Redis2 {}
const x = new Redis2();
export const real = new IORedis();
`;
  assert.deepEqual(await clients('src/look.ts', code), [
    '8:21 ioredis as real exported shared',
  ]);
});

test('iovalkey: valkeys:// URL and options; a controller module exporting (req, res) handlers registered elsewhere', async () => {
  const path = 'src/controllers/cart.controller.js';
  const code = `import Valkey from 'iovalkey';
import { SecretsManager } from 'aws-sdk';

const secrets = new SecretsManager();
export const valkey = new Valkey('valkeys://cart.serverless.use1.cache.amazonaws.com:6379', { username: 'cart' });

export const addItem = async (req, res) => {
  const { SecretString } = await secrets.getSecretValue({ SecretId: 'cart/valkey' }).promise();
  const conn = new Valkey({ host: 'cart.internal', password: SecretString });
  await conn.rpush(\`cart:\${req.user.id}\`, req.body.sku);
  res.sendStatus(204);
};
`;
  assert.deepEqual(await clients(path, code), [
    '5:23 iovalkey as valkey exported shared | url=literal:"valkeys://cart.serverless.use1.cache.amazonaws.com:6379"@5:34 username=literal:"cart"@5:105[5:95-5:111]',
    '9:16 iovalkey as conn per-call:request-handler@7:24-12:2 | host=literal:"cart.internal"@9:35[9:29-9:50] password=secret@9:62[9:52-9:74]',
  ]);
});

test('argsRange covers the argument list; a construction without one has none; the legacy url keeps the literal', async () => {
  const code = `import Redis from 'ioredis';
const a = new Redis;
const b = new Redis('rediss://h:6380', { tls: {} });
const c = new Redis(process.env.REDIS_URL);
`;
  const { model } = await parse('src/args.ts', code);
  const spans = model.clients.map((c) => `${c.argsRange ? `${c.argsRange.start.line + 1}:${c.argsRange.start.character + 1}-${c.argsRange.end.line + 1}:${c.argsRange.end.character + 1}` : 'none'} ${c.url ? c.url.value : '-'}`);
  assert.deepEqual(spans, ['none -', '3:20-3:52 rediss://h:6380', '4:20-4:43 -']);
});

test('a plain class that reassigns its client in an ordinary method is unknown; in its constructor or init() it is shared', async () => {
  const code = `import Redis from 'ioredis';
export class Poller {
  private conn: Redis;
  constructor(private readonly url: string) { this.conn = new Redis(url); }
  async init() { this.conn = new Redis(this.url); }
  refresh() { this.conn = new Redis(this.url); }
}
`;
  assert.deepEqual(await clients('src/poller.ts', code), [
    '4:59 ioredis as this.conn opaque shared',
    '5:30 ioredis as this.conn opaque shared',
    '6:27 ioredis as this.conn opaque unknown',
  ]);
});
