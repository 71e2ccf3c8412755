/** Receiver resolution: only real ioredis / iovalkey / node-redis clients produce call sites. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls } from './helpers';

const CASES: { name: string; path: string; code: string; calls: string[] }[] = [
  {
    name: 'a name is a client only when every value assigned to it is one: reassigned to a Map it is not; a null placeholder does not count',
    path: 'a.ts',
    code: `import Redis from 'ioredis';
let c = new Redis();
c = new Map();
c.set('k1', 'v');
let lazy: Redis | null = null;
export function client() { if (!lazy) lazy = new Redis(); return lazy; }
lazy!.get('k2');
let twice = new Redis();
twice = new Redis('rediss://h:6379');
twice.get('k3');
`,
    calls: [
      '7:7 GET(get) ioredis on lazy! keys[lit:k2] in <module>',
      '10:7 GET(get) ioredis on twice keys[lit:k3] in <module>',
    ],
  },
  {
    name: 'default, named and aliased ioredis imports; Redis.Cluster and Cluster are cluster clients',
    path: 'a.ts',
    code: `import Redis, { Cluster, Redis as IORedis } from 'ioredis';
const a = new Redis();
const b = new Redis.Cluster([{ host: 'h', port: 6379 }]);
const c = new Cluster([]);
const d = new IORedis('rediss://h:6379');
a.get('k1'); b.get('k2'); c.get('k3'); d.get('k4');
`,
    calls: [
      '6:3 GET(get) ioredis on a keys[lit:k1] in <module>',
      '6:16 GET(get) ioredis+cluster on b keys[lit:k2] in <module>',
      '6:29 GET(get) ioredis+cluster on c keys[lit:k3] in <module>',
      '6:42 GET(get) ioredis on d keys[lit:k4] in <module>',
    ],
  },
  {
    name: 'require forms: ioredis module, iovalkey, node-redis module and destructured factories',
    path: 'a.js',
    code: `const Redis = require('ioredis');
const Valkey = require('iovalkey');
const redis = require('redis');
const { createClient: make, createCluster } = require('@redis/client');
const a = new Redis.Cluster([]);
const b = new Valkey();
const c = redis.createClient();
const d = make();
const e = createCluster({ rootNodes: [] });
a.get('k1'); b.get('k2'); c.get('k3'); d.get('k4'); e.get('k5');
`,
    calls: [
      '10:3 GET(get) ioredis+cluster on a keys[lit:k1] in <module>',
      '10:16 GET(get) iovalkey on b keys[lit:k2] in <module>',
      '10:29 GET(get) node-redis on c keys[lit:k3] in <module>',
      '10:42 GET(get) node-redis on d keys[lit:k4] in <module>',
      '10:55 GET(get) node-redis+cluster on e keys[lit:k5] in <module>',
    ],
  },
  {
    name: 'TypeScript-typed parameters and properties, ReturnType<typeof createClient>, a type alias, import = require',
    path: 'svc.ts',
    code: `import type { RedisClientType, RedisClusterType } from 'redis';
import { createClient } from 'redis';
import * as IORedis from 'ioredis';
import Valkey = require('iovalkey');
type Client = ReturnType<typeof createClient>;
export async function f(a: RedisClientType, b: RedisClusterType, c: Client | null, d: IORedis.Cluster, e: Valkey) {
  await a.get('k1'); await b.get('k2'); await c!.get('k3'); await d.get('k4'); await e.get('k5');
}
`,
    calls: [
      '7:11 GET(get) node-redis on a keys[lit:k1] in f:6 awaited',
      '7:30 GET(get) node-redis+cluster on b keys[lit:k2] in f:6 awaited',
      '7:50 GET(get) node-redis on c! keys[lit:k3] in f:6 awaited',
      '7:69 GET(get) ioredis+cluster on d keys[lit:k4] in f:6 awaited',
      '7:88 GET(get) iovalkey on e keys[lit:k5] in f:6 awaited',
    ],
  },
  {
    name: 'class fields: initialiser, constructor assignment, parameter property (NestJS injection), used from any method',
    path: 'svc.ts',
    code: `import { Redis } from 'ioredis';
import { createClient } from 'redis';
export class Cache {
  private readonly local = new Map<string, string>();
  private primary = new Redis();
  private node;
  constructor(@InjectRedis() private readonly injected: Redis) {
    this.node = createClient();
  }
  async read() {
    this.local.set('a', 'b');
    await this.primary.get('k1');
    await this.injected.get('k2');
    return this.node.get('k3');
  }
}
`,
    calls: [
      '12:24 GET(get) ioredis on this.primary keys[lit:k1] in Cache.read:10 awaited',
      '13:25 GET(get) ioredis on this.injected keys[lit:k2] in Cache.read:10 awaited',
      '14:22 GET(get) node-redis on this.node keys[lit:k3] in Cache.read:10',
    ],
  },
  {
    name: 'factories in the same file, a module client declared after its use, lazy let, duplicate() and connect() chains',
    path: 'a.ts',
    code: `import Redis from 'ioredis';
import { createClient } from 'redis';
export function getRedis() { return new Redis(); }
const sub = () => getRedis().duplicate();
let lazy: Redis | undefined;
export async function handler() {
  await getRedis().get('k1');
  await sub().get('k2');
  await later.get('k3');
  await lazy!.get('k4');
  const conn = await createClient().on('error', console.error).connect();
  await conn.get('k5');
}
export function init() { lazy = new Redis(); }
const later = new Redis();
`,
    calls: [
      '7:20 GET(get) ioredis on getRedis() keys[lit:k1] in handler:6 awaited',
      '8:15 GET(get) ioredis on sub() keys[lit:k2] in handler:6 awaited',
      '9:15 GET(get) ioredis on later keys[lit:k3] in handler:6 awaited',
      '10:15 GET(get) ioredis on lazy! keys[lit:k4] in handler:6 awaited',
      '12:14 GET(get) node-redis on conn keys[lit:k5] in handler:6 awaited',
    ],
  },
  {
    name: 'not Redis: Object.keys, Map named redis, cache.set, localStorage, shadowing local and parameter',
    path: 'a.ts',
    code: `import Redis from 'ioredis';
const redis = new Redis();
const cache = new Map<string, number>();
export function f(x: Record<string, string>, client: Redis) {
  Object.keys(x);
  cache.set('a', 1);
  cache.keys();
  localStorage.setItem('a', 'b');
  new Map().set('a', 1);
  { const redis = new Map(); redis.set('b', 2); redis.keys(); }
}
export function g(redis: Map<string, string>) { redis.set('c', 'd'); redis.get('e'); }
export function h() { const client = { set: (k: string) => k }; client.set('x'); }
import { redis as other } from './lib/redis';
other.set('y', 1);
`,
    calls: [],
  },
  {
    name: 'optional chaining, .catch() chains, non-null locals and arrow-function class fields',
    path: 'a.ts',
    code: `import Redis from 'ioredis';
class A {
  private redis?: Redis;
  async f() {
    await this.redis?.set('a', 1).catch(() => {});
    const r = this.redis!;
    return r.get('c');
  }
}
export default class {
  constructor(private client: Redis) {}
  g = async () => { await this.client.hgetall('h'); };
}
`,
    calls: [
      '5:23 SET(set) ioredis on this.redis keys[lit:a] expiry=none in A.f:4 awaited',
      '7:14 GET(get) ioredis on r keys[lit:c] in A.f:4',
      '12:39 HGETALL(hgetall) ioredis on this.client keys[lit:h] in g:12 awaited',
    ],
  },
  {
    name: 'JSX: calls in a .jsx handler are found',
    path: 'view.jsx',
    code: `import Redis from 'iovalkey';
const client = new Redis();
export const View = () => <button onClick={() => client.get('k')}>go</button>;
`,
    calls: [
      '3:57 GET(get) iovalkey on client keys[lit:k] in <anonymous>:3',
    ],
  },
  {
    name: 'TSX: calls in handlers are found',
    path: 'view.tsx',
    code: `import { createClient } from 'redis';
const client = createClient();
export const View = () => <button onClick={() => client.get('k')}>go</button>;
`,
    calls: [
      '3:57 GET(get) node-redis on client keys[lit:k] in <anonymous>:3',
    ],
  },
];

for (const c of CASES) {
  test(`receivers: ${c.name}`, async () => {
    assert.deepEqual(await calls(c.path, c.code), c.calls);
  });
}

