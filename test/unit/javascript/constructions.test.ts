/**
 * Client constructions carry their options: each setting with where its value comes from (literal, environment,
 * secret store, unknown) and its exact ranges; whether options are hidden from the reader (opaque); the lifetime
 * (shared, or built per loop iteration / request / Lambda invocation, with the handler's range); the name it is
 * bound and exported as; and call sites linked to the construction their receiver is.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clients, origins } from './construction-support';

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
