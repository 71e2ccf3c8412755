/**
 * Client constructions carry their options: each setting with where its value comes from (literal, environment,
 * secret store, unknown) and its exact ranges; whether options are hidden from the reader (opaque); the lifetime
 * (shared, or built per loop iteration / request / Lambda invocation, with the handler's range); the name it is
 * bound and exported as; and call sites linked to the construction their receiver is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Range } from '../../../server/src/engine/types';
import type { ClientConstruction, ConnectionSetting } from '../../../server/src/model/code';
import { parse } from './helpers';

const at = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}`;
const span = (r: Range) => `${at(r)}-${r.end.line + 1}:${r.end.character + 1}`;

function setting(name: string, s: ConnectionSetting<unknown>): string {
  const p = s.provenance;
  const prov = p.kind === 'environment' && p.name !== undefined ? `env(${p.name})` : p.kind === 'environment' ? 'env' : p.kind;
  return `${name}=${prov}${s.value !== undefined ? `:${JSON.stringify(s.value)}` : ''}@${at(s.range)}${s.entryRange ? `[${span(s.entryRange)}]` : ''}`;
}

/**
 * `L:C library as bound [exported] [opaque] lifetime | setting=provenance[:value]@L:C[entry L:C-L:C] …`, positions
 * 1-based; a per-call lifetime names its reason and the handler's or loop's range.
 */
function summary(c: ClientConstruction): string {
  const life = c.lifetime.kind === 'per-call' ? `per-call:${c.lifetime.reason}@${span(c.lifetime.where)}` : c.lifetime.kind;
  const head = [
    `${at(c.range)} ${c.client.library}${c.client.cluster ? '+cluster' : ''}`,
    ...(c.boundTo !== undefined ? [`as ${c.boundTo}`] : []),
    ...(c.exported ? ['exported'] : []),
    ...(c.opaque ? ['opaque'] : []),
    life,
  ].join(' ');
  const opts = Object.entries(c.options).map(([k, v]) => setting(k, v as ConnectionSetting<unknown>));
  return opts.length ? `${head} | ${opts.join(' ')}` : head;
}

async function clients(path: string, code: string): Promise<string[]> {
  return (await parse(path, code)).model.clients.map(summary);
}

/** `line method receiver -> #index` for every call site, `-` when not linked. */
async function origins(path: string, code: string): Promise<string[]> {
  return (await parse(path, code)).model.calls.map((c) => `${c.calleeRange.start.line + 1} ${c.method} ${c.client.receiverText} -> ${c.client.origin ? `#${c.client.origin.index}` : '-'}`);
}

test('Express app (TS): a shared module client read from the environment, a client built per request, a Map look-alike', async () => {
  const path = 'src/server.ts';
  const code = `import express from 'express';
import Redis from 'ioredis';

const app = express();
const sessions = new Map<string, string>();
export const redis = new Redis({
  host: process.env.REDIS_HOST,
  port: Number(process.env.REDIS_PORT ?? 6379),
  password: process.env.REDIS_PASSWORD,
  tls: {},
});

app.get('/users/:id', async (req, res) => {
  const cache = new Redis(process.env.REDIS_URL!);
  const user = await cache.get(\`user:\${req.params.id}\`);
  await redis.incr('hits');
  res.json({ user, session: sessions.get(req.params.id) });
});

app.listen(3000, () => console.log(app.get('env')));
`;
  assert.deepEqual(await clients(path, code), [
    '6:22 ioredis as redis exported shared | host=env(REDIS_HOST)@7:9[7:3-7:31] password=env(REDIS_PASSWORD)@9:13[9:3-9:39] tls=literal:true@10:8[10:3-10:10]',
    '14:17 ioredis as cache per-call:request-handler@13:23-18:2 | url=env(REDIS_URL)@14:27',
  ]);
  assert.deepEqual(await origins(path, code), [
    '15 get cache -> #1',
    '16 incr redis -> #0',
  ]);
});

test('NestJS: a provider factory and an @Injectable service are shared; a controller route builds per request', async () => {
  const path = 'src/cache/cache.service.ts';
  const code = `import { Controller, Get, Injectable, Module, Param } from '@nestjs/common';
import Redis from 'ioredis';

@Injectable()
export class CacheService {
  private readonly client: Redis;
  private subscriber?: Redis;

  constructor() {
    this.client = new Redis({ host: 'cache.internal', password: process.env['REDIS_AUTH'], db: 1 });
  }

  async onModuleInit() {
    this.subscriber = this.client.duplicate();
  }

  get(key: string) {
    return this.client.get(key);
  }

  open() {
    return new Redis();
  }

  reconnect() {
    this.subscriber = new Redis();
  }
}

@Controller('items')
export class ItemsController {
  @Get(':id')
  async find(@Param('id') id: string) {
    const r = new Redis({ tls: { rejectUnauthorized: false } });
    return r.get(id);
  }
}

@Module({
  providers: [{ provide: 'REDIS', useFactory: () => new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379') }],
})
export class CacheModule {}
`;
  assert.deepEqual(await clients(path, code), [
    '10:19 ioredis as this.client shared | host=literal:"cache.internal"@10:37[10:31-10:53] password=env(REDIS_AUTH)@10:65[10:55-10:90] db=literal:1@10:96[10:92-10:97]',
    '14:23 ioredis as this.subscriber opaque shared',
    '22:12 ioredis unknown',
    '26:23 ioredis as this.subscriber shared',
    '34:15 ioredis as r per-call:request-handler@33:3-36:4 | tls=literal:true@34:32[34:27-34:61] verifyCertificate=literal:false@34:54[34:34-34:59]',
    '40:53 ioredis shared | url=env(REDIS_URL)@40:63',
  ]);
  assert.deepEqual(await origins(path, code), [
    '18 get this.client -> #0',
    '35 get r -> #4',
  ]);
});

test('Next.js: a pages-router API route and app-router GET/POST build per request; a memoised client is shared', async () => {
  const pages = `import { createClient } from 'redis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  res.status(200).json({ count: await client.incr('visits') });
}
`;
  assert.deepEqual(await clients('pages/api/visits.ts', pages), [
    '5:18 node-redis as client per-call:request-handler@4:16-8:2 | url=env(REDIS_URL)@5:38[5:33-5:59]',
  ]);
  const route = `import { createClient, type RedisClientType } from 'redis';

let client: RedisClientType | undefined;

async function redis() {
  if (!client) {
    client = createClient({ url: 'rediss://cache.example.com:6380' });
    await client.connect();
  }
  return client;
}

export async function GET(request: Request) {
  const r = await redis();
  return Response.json({ value: await r.get('greeting') });
}

export const POST = async (request: Request) => {
  const once = await createClient().connect();
  await once.set('greeting', await request.text());
  return new Response(null, { status: 204 });
};
`;
  assert.deepEqual(await clients('app/api/greeting/route.ts', route), [
    '7:14 node-redis as client shared | url=literal:"rediss://cache.example.com:6380"@7:34[7:29-7:67]',
    '19:22 node-redis as once per-call:request-handler@18:21-22:2',
  ]);
  assert.deepEqual(await origins('app/api/greeting/route.ts', route), [
    '15 get r -> #0',
    '20 set once -> #1',
  ]);
});

test('Lambda handlers: exported const, exports.handler, module.exports.handler, a middy wrapper; a private handler is unknown', async () => {
  const esm = `import Redis from 'ioredis';
import middy from '@middy/core';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const sm = new SecretsManagerClient({});

export const handler = async (event: { id: string }) => {
  const secret = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/redis' }));
  const { password } = JSON.parse(secret.SecretString!);
  const redis = new Redis({ host: 'cache.example.com', password, tls: {} });
  return redis.get(event.id);
};

export const wrapped = middy(async (event: unknown) => {
  const r = new Redis();
  return r.ping();
});

function handler2(event: unknown) {
  return new Redis();
}
`;
  assert.deepEqual(await clients('src/lambda.ts', esm), [
    '10:17 ioredis as redis per-call:lambda-handler@7:24-12:2 | host=literal:"cache.example.com"@10:35[10:29-10:54] password=secret@10:56[10:56-10:64] tls=literal:true@10:71[10:66-10:73]',
    '15:13 ioredis as r per-call:lambda-handler@14:30-17:2',
    '20:10 ioredis unknown',
  ]);
  const cjs = `const Redis = require('ioredis');

exports.handler = async (event, context) => {
  const r = new Redis(process.env.REDIS_URL);
  return r.get(event.key);
};

module.exports.cleanup = async function (event) {
  const r = new Redis();
  await r.del(event.key);
};

async function handler(event) {
  return new Redis();
}
`;
  assert.deepEqual(await clients('src/lambda.js', cjs), [
    '4:13 ioredis as r per-call:lambda-handler@3:19-6:2 | url=env(REDIS_URL)@4:23',
    '9:13 ioredis as r per-call:lambda-handler@8:26-11:2',
    '14:10 ioredis unknown',
  ]);
});

test('a repository class: fields, constructor, memoised getters; call sites link through this.x and getters', async () => {
  const path = 'src/repositories/session.repository.ts';
  const code = `import Redis, { Cluster } from 'ioredis';

const TTL = 3600;

export class SessionRepository {
  private readonly redis = new Redis({ host: 'sessions.cache.amazonaws.com', tls: {} });
  private cluster?: Cluster;
  private lazy: Redis | null = null;

  private nodes() {
    return (this.cluster ??= new Cluster([{ host: 'cfg.cache.amazonaws.com', port: 6379 }], {
      dnsLookup: (address, callback) => callback(null, address),
      redisOptions: { tls: {}, password: process.env.REDIS_PASSWORD },
    }));
  }

  private client() {
    if (this.lazy) return this.lazy;
    this.lazy = new Redis();
    return this.lazy;
  }

  async save(id: string, data: string) {
    await this.redis.set(\`session:\${id}\`, data, 'EX', TTL);
  }
}
`;
  assert.deepEqual(await clients(path, code), [
    '6:28 ioredis as this.redis shared | host=literal:"sessions.cache.amazonaws.com"@6:46[6:40-6:76] tls=literal:true@6:83[6:78-6:85]',
    '11:30 ioredis+cluster as this.cluster shared | host=literal:"cfg.cache.amazonaws.com"@11:51[11:45-11:76] tls=literal:true@13:28[13:23-13:30] password=env(REDIS_PASSWORD)@13:42[13:32-13:68]',
    '19:17 ioredis as this.lazy shared',
  ]);
  assert.deepEqual(await origins(path, code), [
    '24 set this.redis -> #0',
  ]);
});

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
