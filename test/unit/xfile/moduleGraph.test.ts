/** The module graph alone (pure): how imports resolve to files, through which re-exports, and where they stop. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModuleGraph } from '../../../server/src/engine/moduleGraph';
import type { CodeModuleSummary, Denotes } from '../../../server/src/model/code-modules';
import { resolveSettings } from '../../../server/src/engine/settings';
import { parseJsonc, pathAliases } from '../../../server/src/host/tsconfig';

const CLIENT: Denotes = { kind: 'client', client: { library: 'ioredis', cluster: false }, origin: { index: 0 } };
const PY_CLIENT: Denotes = { kind: 'client', client: { library: 'redis-py', cluster: false }, origin: { index: 1 } };

const js = (p: string, exports: Record<string, Denotes>, imports: CodeModuleSummary['imports'] = [], exportedLocals?: Record<string, string>): CodeModuleSummary =>
  ({ path: p, language: 'typescript', exports, imports, ...(exportedLocals ? { exportedLocals } : {}) });
const py = (p: string, exports: Record<string, Denotes>, imports: CodeModuleSummary['imports'] = []): CodeModuleSummary =>
  ({ path: p, language: 'python', exports, imports });

const keys = (g: ModuleGraph, p: string) => g.linksOf(p).imported.map((i) => `${i.key}=${i.denotes.kind}${i.denotes.kind === 'client' ? `@${i.denotes.origin?.path}#${i.denotes.origin?.index}` : ''}`);

test('JS: extensions, index files, `.js` naming a `.ts` source, and the origin of the client', () => {
  const g = new ModuleGraph([
    js('/w/src/redis/index.ts', { client: CLIENT }),
    js('/w/src/a.ts', {}, [{ module: './redis', names: [{ imported: 'client', local: 'client' }] }]),
    js('/w/src/b.ts', {}, [{ module: './redis/index.js', names: [{ imported: 'client', local: 'r' }] }]),
    js('/w/src/c.ts', {}, [{ module: 'ioredis', names: [{ imported: 'default', local: 'Redis' }] }]),
  ]);
  assert.deepEqual(keys(g, '/w/src/a.ts'), ['client=client@/w/src/redis/index.ts#0']);
  assert.deepEqual(keys(g, '/w/src/b.ts'), ['r=client@/w/src/redis/index.ts#0']);
  // A package is not a workspace file: the extractor's own library table applies.
  assert.deepEqual(keys(g, '/w/src/c.ts'), []);
  assert.deepEqual(g.linksOf('/w/src/a.ts').dependsOn, ['/w/src/redis/index.ts']);
});

test('JS: paths with and without a star, baseUrl imports, the nearest config winning', () => {
  const g = new ModuleGraph([
    js('/w/src/config/redis.ts', { redis: CLIENT }),
    js('/w/src/x.ts', {}, [
      { module: '@/config/redis', names: [{ imported: 'redis', local: 'a' }] },
      { module: '~redis', names: [{ imported: 'redis', local: 'b' }] },
      { module: 'config/redis', names: [{ imported: 'redis', local: 'c' }] },
    ]),
    js('/w/pkg/y.ts', {}, [{ module: '@/config/redis', names: [{ imported: 'redis', local: 'd' }] }]),
  ], [
    { dir: '/w', baseUrl: '/w/src', paths: { '@/*': ['./*'], '~redis': ['config/redis.ts'] } },
    { dir: '/w/pkg', paths: { '@/*': ['lib/*'] } },
  ]);
  assert.deepEqual(keys(g, '/w/src/x.ts'), ['a=client@/w/src/config/redis.ts#0', 'b=client@/w/src/config/redis.ts#0', 'c=client@/w/src/config/redis.ts#0']);
  assert.deepEqual(keys(g, '/w/pkg/y.ts'), []);
});

test('JS: a cycle of re-exports and an export that is not a client answer nothing', () => {
  const g = new ModuleGraph([
    js('/w/a.ts', {}, [{ module: './b', names: [{ imported: 'x', local: 'x' }], reexport: true }, { module: './b', names: [{ imported: '*', local: '*' }], reexport: true }]),
    js('/w/b.ts', {}, [{ module: './a', names: [{ imported: 'x', local: 'x' }], reexport: true }, { module: './a', names: [{ imported: '*', local: '*' }], reexport: true }]),
    js('/w/c.ts', {}, [{ module: './a', names: [{ imported: 'x', local: 'x' }, { imported: 'y', local: 'y' }, { imported: '*', local: 'ns' }] }]),
  ]);
  assert.deepEqual(keys(g, '/w/c.ts'), []);
});

test('CommonJS: require of `module.exports = client`, destructured from `module.exports = { client }`', () => {
  const g = new ModuleGraph([
    js('/w/lib/redis.js', { default: CLIENT }),
    js('/w/lib/index.js', { default: { kind: 'namespace', members: { client: CLIENT } }, client: CLIENT }),
    js('/w/app.js', {}, [
      { module: './lib/redis', names: [{ imported: '*', local: 'redis' }], require: true },
      { module: './lib', names: [{ imported: 'client', local: 'client' }], require: true },
      { module: './lib/redis.js', names: [{ imported: 'default', local: 'esm' }] },
    ]),
  ]);
  assert.deepEqual(keys(g, '/w/app.js'), ['redis=client@/w/lib/redis.js#0', 'client=client@/w/lib/index.js#0', 'esm=client@/w/lib/redis.js#0']);
});

test('Python: relative levels, package attributes, submodules, src layouts, and nothing from outside', () => {
  const g = new ModuleGraph([
    py('/w/src/shop/cache.py', { redis_connection: PY_CLIENT }),
    py('/w/src/shop/__init__.py', {}, [{ module: 'cache', level: 1, names: [{ imported: 'redis_connection', local: 'redis_connection', key: '.cache:redis_connection' }] }]),
    py('/w/src/shop/orders/views.py', {}, [
      { module: '', level: 2, names: [{ imported: 'cache', local: 'cache', key: '..:cache' }] },
      { module: 'cache', level: 2, names: [{ imported: 'redis_connection', local: 'r', key: '..cache:redis_connection' }] },
      { module: 'shop', names: [{ imported: 'redis_connection', local: 'redis_connection', key: 'shop.redis_connection' }] },
      { module: 'shop', names: [{ imported: '*', local: 'shop', key: 'shop' }] },
      { module: 'vendored', names: [{ imported: 'client', local: 'client', key: 'vendored.client' }] },
    ]),
    py('/w/tests/test_views.py', {}, [{ module: 'shop.cache', names: [{ imported: 'redis_connection', local: 'rc', key: 'shop.cache.redis_connection' }] }]),
  ]);
  const at = '@/w/src/shop/cache.py#1';
  assert.deepEqual(keys(g, '/w/src/shop/orders/views.py'), [`..:cache=namespace`, `..cache:redis_connection=client${at}`, `shop.redis_connection=client${at}`, 'shop=namespace']);
  assert.deepEqual(keys(g, '/w/tests/test_views.py'), [`shop.cache.redis_connection=client${at}`]);
});

test('Python: `from .a import x` round a → b → a is no client', () => {
  const g = new ModuleGraph([
    py('/w/p/a.py', {}, [{ module: 'b', level: 1, names: [{ imported: 'x', local: 'x', key: '.b:x' }] }]),
    py('/w/p/b.py', {}, [{ module: 'a', level: 1, names: [{ imported: 'x', local: 'x', key: '.a:x' }] }]),
    py('/w/p/c.py', {}, [{ module: 'a', level: 1, names: [{ imported: 'x', local: 'x', key: '.a:x' }] }]),
  ]);
  assert.deepEqual(keys(g, '/w/p/c.py'), []);
});

test('the "clients" setting: a list of names or member paths, anything else named in a clear message', () => {
  const ok = resolveSettings([{ source: 'repo', value: { clients: ['redis_connection', 'RedisClient', 'this.cache'] } }, { source: 'editor', value: { clients: ['self.cache', 'this.cache'] } }]);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.settings.clients, ['redis_connection', 'RedisClient', 'this.cache', 'self.cache']);
  const bad = resolveSettings([
    { source: '/r/.cachelint.json', value: { clients: 'redis_connection' } },
    { source: '/r/.cachelint.json', value: { clients: ['redis_connection', 'get_redis()'] } },
  ]);
  assert.deepEqual(bad.problems, [
    '/r/.cachelint.json: "clients" must be a list of receiver names such as ["redis_connection", "RedisClient", "this.cache"], got the string "redis_connection"',
    '/r/.cachelint.json: "clients" entries must be a name or a member path such as "redis_connection" or "this.cache", got the string "get_redis()"',
  ]);
  assert.deepEqual(bad.settings.clients, []);
});

test('tsconfig: comments, trailing commas and `extends` read; paths spelt as the files are', () => {
  assert.deepEqual(parseJsonc('{\n  // c\n  "a": "http://x", /* b */ "b": [1, 2,],\n}\n'), { a: 'http://x', b: [1, 2] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-tsconfig-'));
  try {
    fs.mkdirSync(path.join(dir, 'web/src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'tsconfig.base.json'), '{ "compilerOptions": { "baseUrl": "./web", /* shared */ "paths": { "@/*": ["src/*"] } } }');
    fs.writeFileSync(path.join(dir, 'web/tsconfig.json'), '{ "extends": "../tsconfig.base.json", "compilerOptions": { "strict": true, }, }');
    const abs = path.join(dir, 'web/src/a.ts');
    assert.deepEqual(pathAliases([{ path: 'web/src/a.ts', absPath: abs }, { path: 'web/src/b.py', absPath: path.join(dir, 'web/src/b.py') }]),
      [{ dir: 'web', baseUrl: 'web', paths: { '@/*': ['src/*'] } }]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Python: `from .client import *` in a package re-exports that module\'s public names', () => {
  const g = new ModuleGraph([
    py('/w/app/client.py', { redis_connection: PY_CLIENT, _private: PY_CLIENT }),
    py('/w/app/__init__.py', {}, [{ module: 'client', level: 1, names: [{ imported: '*', local: '*' }] }]),
    py('/w/app/views.py', {}, [{ module: 'app', names: [
      { imported: 'redis_connection', local: 'redis_connection', key: 'app.redis_connection' },
      { imported: '_private', local: '_private', key: 'app._private' },
    ] }]),
    py('/w/app/star.py', {}, [{ module: 'client', level: 1, names: [{ imported: '*', local: '*' }] }]),
  ]);
  assert.deepEqual(keys(g, '/w/app/views.py'), ['app.redis_connection=client@/w/app/client.py#1']);
  // The names a wildcard binds in the importer are not known to its extractor: nothing is handed in.
  assert.deepEqual(keys(g, '/w/app/star.py'), []);
});

test('Python: `import a.b.c` binds the package with its submodules as attributes; two such imports merge', () => {
  const g = new ModuleGraph([
    py('/w/app/__init__.py', {}),
    py('/w/app/redis_client.py', { redis_connection: PY_CLIENT }),
    py('/w/app/jobs/__init__.py', {}),
    py('/w/app/jobs/queue.py', { broker: PY_CLIENT }),
    py('/w/main.py', {}, [
      { module: 'app.redis_client', names: [{ imported: '*', local: 'app', key: 'app' }], bindsRoot: true },
      { module: 'app.jobs.queue', names: [{ imported: '*', local: 'app', key: 'app' }], bindsRoot: true },
    ]),
  ]);
  const [only, ...rest] = g.linksOf('/w/main.py').imported;
  assert.equal(rest.length, 0);
  const ns = only.denotes as Extract<Denotes, { kind: 'namespace' }>;
  assert.deepEqual(Object.keys(ns.members).sort(), ['jobs', 'redis_client']);
  assert.deepEqual((ns.members.jobs as Extract<Denotes, { kind: 'namespace' }>).members.queue, {
    kind: 'namespace', members: { broker: { ...PY_CLIENT, origin: { path: '/w/app/jobs/queue.py', index: 1 } } },
  });
});
