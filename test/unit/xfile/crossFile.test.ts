/**
 * Clients found across files: a client built in one module and used in three others, through a package
 * re-export (Python), a `paths` alias and a barrel (TypeScript), and `module.exports` (CommonJS). Look-alikes
 * stay silent: a same-named export that is a dict or a Map, an import that resolves outside the workspace, a
 * re-export cycle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeProject, FIXTURES, findingLines, projectFiles } from './support';
import { workspacePackages } from '../../../server/src/host/packages';

const tsRoot = path.join(FIXTURES, 'ts');
const tsAliases = [{ dir: tsRoot, baseUrl: tsRoot, paths: { '@/*': ['src/*'] } }];

test('Python: the package client reaches the modules that import it, the one that never mentions redis included', async () => {
  assert.deepEqual(findingLines('py', await analyzeProject('py')), [
    // `get_redis()` returns the module's client: a getter, not a construction.
    'app/admin.py:6:17 flush-command',
    // `import app`, then the package attribute `app.redis_connection` (re-exported by `app/__init__.py`).
    'app/reports.py:5:33 keys-command',
    // `from app import redis_connection`: sessions.py never imports redis itself.
    'app/sessions.py:8:22 missing-ttl',
    // `import app.redis_client`: the package binding, its submodule as an attribute.
    'app/worker.py:5:46 keys-command',
    // Silent: stats.py's `redis_connection` is local_cache's dict; cycle_user.py's name goes round a → b → a;
    // scripts/warm.py imports a package that is not in the workspace.
  ]);
});

test('TypeScript: a `paths` alias and a barrel that re-exports the client module', async () => {
  assert.deepEqual(findingLines('ts', await analyzeProject('ts', { aliases: tsAliases })), [
    // `import { cache } from '@/lib'`: the barrel's `export { default as cache } from '../config/redis'`.
    'src/jobs/reset.ts:4:15 flush-command',
    // `import { redisClient } from '@/config/redis'`.
    'src/services/cart.ts:4:21 missing-ttl',
    // `getRedis()` through the barrel's `export * from '@/config/redis'`.
    'src/services/search.ts:4:21 keys-command',
    // Silent: local.ts's `redisClient` is memo.ts's Map; outside.ts names a file outside the workspace;
    // cycle/user.ts's `shared` is re-exported round a → b → a.
  ]);
});

test('TypeScript without the tsconfig aliases: `@/…` names no file, so only what resolves relatively is linked', async () => {
  // search.ts reaches the barrel relatively, but the barrel's own `export *` goes through the alias.
  assert.deepEqual(findingLines('ts', await analyzeProject('ts')), []);
});

test('CommonJS: `module.exports = client`, required with and without the extension', async () => {
  assert.deepEqual(findingLines('cjs', await analyzeProject('cjs')), [
    'routes/admin.js:4:15 flush-command',
    'routes/users.js:4:15 missing-ttl',
    'workers/cleanup.js:5:30 keys-command',
  ]);
});

test('without the workspace index each file stands alone, as before', async () => {
  assert.deepEqual(findingLines('py', await analyzeProject('py', { index: false })), []);
  assert.deepEqual(findingLines('cjs', await analyzeProject('cjs', { index: false })), []);
});

test('an imported client reassigned in the importer is no longer provably one', async () => {
  const files = projectFiles('py').filter((f) => /redis_client|__init__/.test(f.path));
  const shadow = path.join(FIXTURES, 'py', 'app', 'tests_support.py');
  files.push({ path: shadow, projectPath: 'app/tests_support.py', text: 'from app import redis_connection\n\nredis_connection = FakeRedis()\n\n\ndef seed():\n    redis_connection.keys("*")\n' });
  const again = path.join(FIXTURES, 'py', 'app', 'lazy.py');
  // A None placeholder does not count against the client it stands for.
  files.push({ path: again, projectPath: 'app/lazy.py', text: 'from app import get_redis\n\n_client = None\n\n\ndef client():\n    global _client\n    _client = get_redis()\n    return _client\n\n\ndef purge():\n    client().flushdb()\n' });
  assert.deepEqual(findingLines('py', await analyzeProject('py', { files })), ['app/lazy.py:13:14 flush-command']);
});

test('JS: a reassigned require is no longer a client; a client re-exported by name through module.exports is', async () => {
  const root = path.join(FIXTURES, 'cjs');
  const files = projectFiles('cjs').filter((f) => f.path.endsWith('redis.js'));
  files.push({ path: path.join(root, 'lib/clients.js'), projectPath: 'lib/clients.js', text: "const client = require('./redis');\n\nmodule.exports = { client };\n" });
  files.push({ path: path.join(root, 'routes/feed.js'), projectPath: 'routes/feed.js', text: "const { client } = require('../lib/clients');\n\nasync function feed(id) {\n  return client.keys(`feed:${id}:*`);\n}\n\nmodule.exports = feed;\n" });
  files.push({ path: path.join(root, 'routes/mock.js'), projectPath: 'routes/mock.js', text: "let client = require('../lib/redis');\nif (process.env.MOCK) client = new Map();\n\nexports.all = () => client.keys('*');\n" });
  assert.deepEqual(findingLines('cjs', await analyzeProject('cjs', { files })), ['routes/feed.js:4:17 keys-command']);
});

test('the "clients" setting names receivers resolution cannot prove: a name, a class name, a member path', async () => {
  const py = path.join(FIXTURES, 'py', 'handlers.py');
  const ts = path.join(FIXTURES, 'ts', 'src', 'inject.ts');
  const files = [
    { path: py, projectPath: 'handlers.py', text: 'def handler(event, redis_connection):\n    return redis_connection.keys("*")\n\n\ndef other(event, conn):\n    return conn.keys("*")\n' },
    {
      path: ts,
      projectPath: 'src/inject.ts',
      text: "export class Repo {\n  constructor(private cache: any, private store: RedisClient) {}\n\n  async all() {\n    await this.store.flushall();\n    return this.cache.keys('*');\n  }\n\n  other(map: Map<string, string>) {\n    return map.keys();\n  }\n}\n",
    },
  ];
  const settings = { clients: ['redis_connection', 'RedisClient', 'this.cache'] };
  const results = await analyzeProject('py', { files, settings });
  assert.deepEqual(results.flatMap((r) => r.findings.map((f) => `${path.basename(r.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`)), [
    'handlers.py:2:29 keys-command',
    'inject.ts:5:22 flush-command',
    'inject.ts:6:23 keys-command',
  ]);
  assert.deepEqual(findingLines('py', await analyzeProject('py', { files })), []);
});

test('a monorepo package by its package.json name: its main module built from src/, and a path inside it', async () => {
  const files = projectFiles('mono');
  const sources = files.map((f) => ({ path: f.path, absPath: f.path }));
  const results = await analyzeProject('mono', { files, packages: workspacePackages(sources) });
  assert.deepEqual(findingLines('mono', results), [
    'apps/api/src/admin.ts:3:33 flush-command',
    'apps/api/src/feed.ts:4:15 missing-ttl',
    // Silent: `@acme/cache-utils` is no package of the workspace (nor `@acme/cache` plus a path).
  ]);
});
