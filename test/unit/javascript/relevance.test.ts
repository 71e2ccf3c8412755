/**
 * Relevance by imports: a file is parsed only when it imports or requires a client module, and the extractor
 * seeds receivers only from statements that same check accepts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Grammars, type GrammarName } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { importsClient } from '../../../server/src/formats/code/javascript/relevance';
import { calls, formatOf } from './helpers';

const grammars = new Grammars(nodeGrammarSource());

/** Parses through a Grammars that counts the parsers handed out. */
async function parseCounting(path: string, text: string): Promise<{ parses: number; calls: number }> {
  const format = formatOf(path);
  for (const g of format.grammars({ path, text })) await grammars.ensure(g);
  let parses = 0;
  const counting = { parser: (g: GrammarName) => { parses++; return grammars.parser(g); } } as unknown as Grammars;
  const parsed = format.parse({ path, text }, new LineIndex(text), counting);
  assert.deepEqual(parsed.errors, []);
  return { parses, calls: parsed.model.calls.length };
}

test('import forms that make a file relevant', () => {
  for (const text of [
    `import Redis from 'ioredis';`,
    `import Redis, { Cluster } from "ioredis";`,
    `import type { RedisClientType } from 'redis';`,
    `import * as node from '@redis/client';`,
    `import {\n  createClient,\n  createCluster,\n} from 'redis';`,
    `import Valkey = require('iovalkey');`,
    `const Redis = require('ioredis');`,
    `const { createClient } = require ( "redis" );`,
    'const Redis = require(`ioredis`);',
    `export { createClient } from 'redis';`,
    `const { default: Redis } = await import('ioredis');`,
    `import 'redis';`,
    `foo();import Redis from'ioredis'`,
  ]) assert.equal(importsClient(text), true, text);
});

test('mentions that do not make a file relevant', () => {
  for (const text of [
    `// Caches live in Redis (or Valkey); see docs/redis.md`,
    `const label = "Valkey (Redis-compatible), via ioredis";`,
    `const engine = 'redis';`,
    `import RedisMock from 'ioredis-mock';`,
    `import { cache } from './redis';`,
    `import { cache } from '../lib/redis/client';`,
    `import { GlideClient } from '@valkey/valkey-glide';`,
    `import { createClient } from 'redis-om';`,
    `const Redis = require(process.env.CLIENT);`,
    `import Redis from "ioredis';`,
  ]) assert.equal(importsClient(text), false, text);
});

test('a file that names Redis and Valkey only in comments and strings is not parsed', async () => {
  const text = `/**
 * Session store. In production this talks to Valkey (Redis-compatible) through the gateway service,
 * never to Redis directly; see "ioredis" in the gateway's package.json.
 */
import { request } from './gateway';

export async function save(id: string, value: string): Promise<void> {
  await request('POST', \`/sessions/\${id}\`, { value, store: 'redis' });
}
`;
  assert.deepEqual(await parseCounting('src/session.ts', text), { parses: 0, calls: 0 });
  assert.deepEqual(await parseCounting('src/session.js', text.replace(/: (string|Promise<void>)/g, '')), { parses: 0, calls: 0 });
});

test('a file that imports a client is parsed and yields its call sites', async () => {
  const text = `import Redis from 'ioredis';\nconst r = new Redis();\nr.set('k', 'v');\n`;
  assert.deepEqual(await parseCounting('src/cache.ts', text), { parses: 1, calls: 1 });
  const required = `const { createClient } = require('redis');\nconst c = createClient();\nc.set('k', 'v');\n`;
  assert.deepEqual(await parseCounting('src/cache.js', required), { parses: 1, calls: 1 });
});

test('receivers are seeded only from statements the relevance check accepts', async () => {
  // The file is parsed (the comment names an import), but a require the check cannot read seeds nothing: what
  // decides parsing and what seeds receivers cannot drift apart.
  const text = `// was: const Redis = require('ioredis');
const Redis = require(/* client */ 'ioredis');
const r = new Redis();
r.set('k', 'v');
`;
  assert.deepEqual(await parseCounting('a.js', text), { parses: 1, calls: 0 });
  assert.deepEqual(await calls('a.js', text.replace("/* client */ 'ioredis'", "'ioredis'")), ["4:3 SET(set) ioredis on r keys[lit:k] expiry=none in <module>"]);
});
