/** missing-ttl says why this key can pile up and what that costs on the caches the workspace declares, and where they are declared. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferContext, withOverrides, type WorkspaceContext } from '../../../server/src/engine/context';
import { analyzeSource, applyFirstFixClean, summarize } from '../../support/analyze';

const NODE_BASED = `Resources:
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: valkey
      CacheNodeType: cache.t4g.small
      NumCacheClusters: 2
`;
const SERVERLESS = `Resources:
  Carts:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: carts
      Engine: valkey
`;

async function contextOf(path: string, text: string): Promise<WorkspaceContext> {
  const r = await analyzeSource(path, text);
  assert.ok(r?.iac, `${path} did not parse`);
  return inferContext([{ path, model: r.iac }]);
}

const PY = 'import redis\nr = redis.Redis()\n\ndef remember(uid, token):\n    r.set(f"session:{uid}", token)\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\n\nexport async function remember(uid: string, token: string) {\n  await redis.set(`session:${uid}`, token);\n}\n";

async function only(path: string, code: string, context?: WorkspaceContext) {
  const r = await analyzeSource(path, code, context ? { context } : {});
  const f = r!.findings.filter((x) => x.ruleId === 'missing-ttl');
  assert.equal(f.length, 1, summarize(r).join(', '));
  return f[0];
}

test('the message names what the key is built from, in both languages', async () => {
  assert.match((await only('src/s.py', PY)).message, /built from `\{uid\}`, so every new value leaves one more key behind/);
  assert.match((await only('src/s.ts', TS)).message, /built from `\$\{uid\}`, so every new value leaves one more key behind/);
  const variable = await only('src/s.py', 'import redis\nr = redis.Redis()\n\ndef f(key):\n    r.hset(key, "a", 1)\n');
  assert.match(variable.message, /comes from `key`, not a fixed string, so if it differs between calls/);
});

test('node-based caches: volatile-lru, naming the template and resource, with a related location', async () => {
  const ctx = await contextOf('infra/cache.yaml', NODE_BASED);
  for (const [path, code] of [['src/s.py', PY], ['src/s.ts', TS]]) {
    const f = await only(path, code, ctx);
    assert.match(f.message, /node-based ElastiCache \(infra\/cache\.yaml: cluster-mode-disabled group Sessions\), whose default maxmemory-policy, volatile-lru/);
    assert.equal(f.related?.length, 1);
    assert.equal(f.related![0].path, 'infra/cache.yaml');
    assert.deepEqual(f.related![0].range.start, { line: 1, character: 2 });
    assert.match(f.related![0].message, /group Sessions/);
  }
});

test('serverless: the message speaks of storage billed and the data limit, and names the cache', async () => {
  const ctx = await contextOf('infra/carts.yaml', SERVERLESS);
  for (const [path, code] of [['src/s.py', PY], ['src/s.ts', TS]]) {
    const f = await only(path, code, ctx);
    assert.match(f.message, /ElastiCache Serverless evicts only keys with a TTL .* per GB-hour.*\(infra\/carts\.yaml: serverless cache Carts\)/);
    assert.doesNotMatch(f.message, /node-based/);
    assert.equal(f.related?.[0].path, 'infra/carts.yaml');
  }
});

test('a setting that decides is named instead of the templates, and has no location', async () => {
  const ctx = withOverrides(await contextOf('infra/cache.yaml', NODE_BASED), { serverless: true });
  const f = await only('src/s.py', PY, ctx);
  assert.match(f.message, /\(setting serverless=true\)/);
  assert.equal(f.related, undefined);
});

test('no infrastructure: the general ElastiCache statement, no related location', async () => {
  const f = await only('src/s.py', PY);
  assert.match(f.message, /Under ElastiCache's volatile-lru policy \(the node-based default, fixed on serverless\)/);
  assert.equal(f.related, undefined);
});

test('the TTL fix applies, re-parses, and clears the finding (Python and TypeScript)', async () => {
  assert.match(await applyFirstFixClean('src/s.py', PY, /TTL/), /r\.set\(f"session:\{uid\}", token, ex=3600\)/);
  assert.match(await applyFirstFixClean('src/s.ts', TS, /TTL/), /redis\.set\(`session:\$\{uid\}`, token, 'EX', 3600\)/);
  const hashPy = 'import redis\nr = redis.Redis()\n\ndef add(cart_id, sku):\n    if sku:\n        r.hset(f"cart:{cart_id}", sku, 1)\n';
  assert.match(await applyFirstFixClean('src/c.py', hashPy, /TTL/), /\n        r\.hset\(f"cart:\{cart_id\}", sku, 1\)\n        r\.expire\(f"cart:\{cart_id\}", 3600\)\n/);
  const hashTs = "import Redis from 'ioredis';\nconst redis = new Redis();\n\nexport async function add(cartId: string, sku: string) {\n  if (sku) {\n    await redis.hset(`cart:${cartId}`, sku, 1);\n  }\n}\n";
  assert.match(await applyFirstFixClean('src/c.ts', hashTs, /TTL/), /\n    await redis\.hset\(`cart:\$\{cartId\}`, sku, 1\);\n    await redis\.expire\(`cart:\$\{cartId\}`, 3600\);\n/);
});
