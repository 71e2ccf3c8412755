/**
 * The extractors' side of cross-file links: bindings handed in by the index become receivers (with the origin of
 * their construction), and each file's summary says what it exports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Grammars } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { python } from '../../../server/src/formats/code/python';
import { typescript, javascript } from '../../../server/src/formats/code/javascript';
import type { CodeFormat } from '../../../server/src/formats/format';
import type { CodeLinks, Denotes } from '../../../server/src/model/code-modules';

let grammars: Grammars | undefined;
async function parse(format: CodeFormat, path: string, text: string, links?: CodeLinks, codeIndex = false) {
  grammars ??= new Grammars(nodeGrammarSource());
  for (const g of format.grammars({ path, text })) await grammars.ensure(g);
  return format.parse({ path, text, ...(links ? { codeLinks: links } : {}), ...(codeIndex ? { codeIndex } : {}) }, new LineIndex(text), grammars);
}

const origin = { path: 'app/redis_client.py', index: 0 };

test('Python: an imported client, a factory and a class with a client attribute, each with where it came from', async () => {
  const text = [
    'from app import redis_connection, get_redis',
    'from .cache import Cache',
    '',
    '',
    'def handler(uid):',
    '    redis_connection.get(f"user:{uid}")',
    '    get_redis().keys("*")',
    '    Cache().client.flushdb()',
    '    Cache().name.keys()',
    '',
  ].join('\n');
  const client = { library: 'redis-py' as const, cluster: false };
  const parsed = await parse(python, 'app/views.py', text, {
    imported: [
      { key: 'app.redis_connection', denotes: { kind: 'client', client, origin } },
      { key: 'app.get_redis', denotes: { kind: 'factory', client, origin } },
      { key: '.cache:Cache', denotes: { kind: 'class', members: { client: { kind: 'client', client } } } },
    ],
  });
  assert.deepEqual(parsed.model.calls.map((c) => `${c.command} ${c.client.receiverText} ${JSON.stringify(c.client.origin ?? null)}`), [
    `GET redis_connection ${JSON.stringify(origin)}`,
    `KEYS get_redis() ${JSON.stringify(origin)}`,
    'FLUSHDB Cache().client null',
  ]);
  // A factory of the project hands out its client: no construction here.
  assert.deepEqual(parsed.model.clients, []);
});

test('Python summary: module clients (with their construction), factories, classes whose attributes are clients', async () => {
  const text = [
    'import redis',
    '',
    'redis_connection = redis.Redis(host="cache")',
    'settings = {"ttl": 60}',
    '',
    '',
    'def get_redis():',
    '    return redis_connection',
    '',
    '',
    'class Cache:',
    '    def __init__(self):',
    '        self.client = redis.Redis()',
    '        self.size = 0',
    '',
    '    def connection(self):',
    '        return self.client',
    '',
  ].join('\n');
  const parsed = await parse(python, 'app/redis_client.py', text, undefined, true);
  const client = { library: 'redis-py', cluster: false };
  assert.deepEqual(parsed.summary?.exports, {
    redis_connection: { kind: 'client', client, origin: { index: 0 } },
    get_redis: { kind: 'factory', client },
    Cache: { kind: 'class', members: { client: { kind: 'client', client }, connection: { kind: 'factory', client } } },
  });
  assert.deepEqual(parsed.summary?.imports, [{ module: 'redis', names: [{ imported: '*', local: 'redis', key: 'redis' }] }]);
});

test('TS summary: named, default and function exports; a Map named like a client is not one', async () => {
  const text = [
    "import Redis from 'ioredis';",
    "export { helper } from './helper';",
    '',
    'const client = new Redis();',
    'export const cache = new Map<string, string>();',
    'export function getRedis() {',
    '  return client;',
    '}',
    'export { client as redis };',
    'export default client;',
    '',
  ].join('\n');
  const parsed = await parse(typescript, 'src/redis.ts', text, undefined, true);
  const client = { library: 'ioredis', cluster: false };
  assert.deepEqual(parsed.summary?.exports, {
    getRedis: { kind: 'factory', client },
    // Bound once, to the construction: the first client this file builds.
    redis: { kind: 'client', client, origin: { index: 0 } },
    default: { kind: 'client', client, origin: { index: 0 } },
  });
  assert.deepEqual(parsed.summary?.exportedLocals, { redis: 'client', default: 'client' });
  assert.deepEqual(parsed.summary?.imports, [
    { module: 'ioredis', names: [{ imported: 'default', local: 'Redis' }] },
    { module: './helper', names: [{ imported: 'helper', local: 'helper' }], reexport: true },
  ]);
});

test('JS: an imported client, a module object with a client member, a getter; a Map member of it stays silent', async () => {
  const text = [
    "const cache = require('./cache');",
    "const { redis } = require('./redis');",
    "import { getRedis } from './redis';",
    '',
    'async function handler(id) {',
    '  await redis.get(`user:${id}`);',
    '  await cache.client.keys("*");',
    '  await getRedis().flushdb();',
    '  cache.local.keys();',
    '}',
    '',
  ].join('\n');
  const client = { library: 'node-redis' as const, cluster: false };
  const parsed = await parse(javascript, 'src/handler.js', text, {
    imported: [
      { key: 'redis', denotes: { kind: 'client', client, origin } },
      { key: 'cache', denotes: { kind: 'namespace', members: { client: { kind: 'client', client } } } },
      { key: 'getRedis', denotes: { kind: 'factory', client } },
    ],
  });
  assert.deepEqual(parsed.model.calls.map((c) => `${c.command} ${c.client.receiverText} ${c.client.library}${c.client.origin ? ' ' + c.client.origin.path : ''}`), [
    'GET redis node-redis app/redis_client.py',
    'KEYS cache.client node-redis',
    'FLUSHDB getRedis() node-redis',
  ]);
  assert.deepEqual(parsed.model.clients, []);
});

test('TS: a service class whose members are clients, exported, then injected and constructed elsewhere', async () => {
  const service = [
    "import { createClient } from 'redis';",
    '',
    'export class CacheService {',
    '  private readonly client = createClient({ url: process.env.REDIS_URL });',
    '  private hits = new Map<string, number>();',
    '',
    '  get redis() {',
    '    return this.client;',
    '  }',
    '',
    '  connection() {',
    '    return this.client;',
    '  }',
    '}',
    '',
  ].join('\n');
  const summary = (await parse(typescript, 'src/cache.service.ts', service, undefined, true)).summary;
  const exported: Denotes = summary!.exports.CacheService;
  const client = { library: 'node-redis' as const, cluster: false };
  assert.deepEqual(summary?.exports, {
    CacheService: { kind: 'class', members: { client: { kind: 'client', client }, redis: { kind: 'client', client }, connection: { kind: 'factory', client } } },
  });
  const user = [
    "import { CacheService } from './cache.service';",
    '',
    'export class CartController {',
    '  constructor(private readonly cache: CacheService) {}',
    '',
    '  async save(id: string, body: string) {',
    '    await this.cache.redis.set(`cart:${id}`, body);',
    '    const other = new CacheService();',
    '    await other.connection().keys("*");',
    '  }',
    '}',
    '',
  ].join('\n');
  const parsed = await parse(typescript, 'src/cart.controller.ts', user, { imported: [{ key: 'CacheService', denotes: exported }] });
  assert.deepEqual(parsed.model.calls.map((c) => `${c.command} ${c.client.receiverText} ${c.client.library}`), [
    'SET this.cache.redis node-redis',
    'KEYS other.connection() node-redis',
  ]);
});

test('JS summary: `export default { … }` is one object with client members; `module.exports = { … }` names each too', async () => {
  const client = { library: 'ioredis', cluster: false };
  const esm = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport default { redis, ttl: 60 };\n";
  assert.deepEqual((await parse(typescript, 'src/a.ts', esm, undefined, true)).summary?.exports, {
    default: { kind: 'namespace', members: { redis: { kind: 'client', client, origin: { index: 0 } } } },
  });
  const cjs = "const Redis = require('ioredis');\nconst redis = new Redis();\nmodule.exports = { redis, getRedis: () => redis };\n";
  const exports = (await parse(javascript, 'lib/a.js', cjs, undefined, true)).summary?.exports;
  assert.deepEqual(Object.keys(exports ?? {}), ['redis', 'getRedis', 'default']);
});
