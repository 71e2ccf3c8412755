/**
 * The hash-tag fix of cross-slot-keys and missing-hash-tag tags the entity id and renames every use of the keys
 * in the file, or is not offered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';

const PY = `from redis.cluster import RedisCluster
rc = RedisCluster(host="cache", port=6379)


def save_checkout(cid, totals, taxes):
    rc.set(f"checkout:{cid}:totals", totals, ex=600)
    rc.set(f"checkout:{cid}:taxes", taxes, ex=600)


def load_checkout(cid):
    return rc.mget(f"checkout:{cid}:totals", f"checkout:{cid}:taxes")


def clear_checkout(cid):
    rc.delete(f"checkout:{cid}:totals", f"checkout:{cid}:taxes")
`;

const TS = `import Redis from 'ioredis';
const rc = new Redis.Cluster([{ host: 'cache', port: 6379 }]);

export async function saveCheckout(cid: string, totals: string, taxes: string) {
  await rc.set(\`checkout:\${cid}:totals\`, totals, 'EX', 600);
  await rc.set(\`checkout:\${cid}:taxes\`, taxes, 'EX', 600);
}

export const loadCheckout = (cid: string) => rc.mget(\`checkout:\${cid}:totals\`, \`checkout:\${cid}:taxes\`);
export const clearCheckout = (cid: string) => rc.del(\`checkout:\${cid}:totals\`, \`checkout:\${cid}:taxes\`);
`;

async function fixOf(path: string, code: string, rule: string) {
  const r = await analyzeSource(path, code);
  const f = r!.findings.find((x) => x.ruleId === rule);
  assert.ok(f, `no ${rule} in ${summarize(r).join(', ')}`);
  return f.fixes;
}

async function applied(path: string, code: string, rule: string) {
  const [fix] = await fixOf(path, code, rule);
  assert.ok(fix, 'a hash-tag fix');
  const after = applyEdits(code, fix.edits);
  const r = await analyzeSource(path, after);
  assert.deepEqual(r?.errors, [], `the fixed text does not parse:\n${after}`);
  assert.deepEqual(summarize(r).filter((s) => /hash-tag|cross-slot/.test(s)), [], `still reported:\n${after}`);
  return { title: fix.title, after };
}

test('Python: the entity id is tagged at the read, the writes and the DEL alike', async () => {
  const { title, after } = await applied('src/checkout.py', PY, 'missing-hash-tag');
  assert.match(title, /^Tag the entity id: checkout:\{cid\}:totals \(renames these keys, and 4 other uses of them in this file\)$/);
  assert.equal((after.match(/f"checkout:\{\{\{cid\}\}\}:(totals|taxes)"/g) ?? []).length, 6, after);
  assert.doesNotMatch(after, /f"checkout:\{cid\}/);
});

test('TypeScript: the same, from either finding (MGET or DEL on an ioredis cluster)', async () => {
  const r = await analyzeSource('src/checkout.ts', TS);
  assert.deepEqual(summarize(r), ['missing-hash-tag@9:49', 'missing-hash-tag@10:50']);
  const { title, after } = await applied('src/checkout.ts', TS, 'missing-hash-tag');
  assert.match(title, /^Tag the entity id: checkout:\{\$\{cid\}\}:totals \(renames these keys, and 4 other uses/);
  assert.equal((after.match(/`checkout:\{\$\{cid\}\}:(totals|taxes)`/g) ?? []).length, 6, after);
  assert.doesNotMatch(after, /`checkout:\$\{cid\}/);
});

test('not offered when a key of the same family would keep the old name', async () => {
  const py = PY + '\n\ndef peek(other):\n    return rc.get(f"checkout:{other}:totals")\n';
  assert.deepEqual(await fixOf('src/checkout.py', py, 'missing-hash-tag'), []);
  const quotes = PY + "\n\ndef peek(cid):\n    return rc.get(f'checkout:{cid}:totals')\n";
  assert.deepEqual(await fixOf('src/checkout.py', quotes, 'missing-hash-tag'), [], 'another quoting is another expression to the rename');
  const ts = TS + 'export const peek = (other: string) => rc.get(`checkout:${other}:taxes`);\n';
  assert.deepEqual(await fixOf('src/checkout.ts', ts, 'missing-hash-tag'), []);
});

test('literal keys: the id, not the namespace; a lone namespace gets no fix', async () => {
  const py = 'from redis.cluster import RedisCluster\nrc = RedisCluster(host="cache")\n\n\ndef totals():\n    rc.set("checkout:42:totals", 1, ex=60)\n    return rc.mget("checkout:42:totals", "checkout:42:taxes")\n';
  const { title, after } = await applied('src/c.py', py, 'cross-slot-keys');
  assert.match(title, /^Tag the entity id: checkout:\{42\}:totals \(renames these keys, and 1 other use of them in this file\)$/);
  assert.match(after, /rc\.set\("checkout:\{42\}:totals", 1, ex=60\)\n    return rc\.mget\("checkout:\{42\}:totals", "checkout:\{42\}:taxes"\)/);
  const ts = "import Redis from 'ioredis';\nconst rc = new Redis.Cluster([]);\nexport const snap = () => rc.mget('checkout:42:totals', 'checkout:42:taxes');\n";
  assert.match((await applied('src/c.ts', ts, 'cross-slot-keys')).after, /rc\.mget\('checkout:\{42\}:totals', 'checkout:\{42\}:taxes'\)/);
  assert.deepEqual(await fixOf('src/c.py', 'from redis.cluster import RedisCluster\nrc = RedisCluster(host="cache")\nrc.mget("checkout:totals", "checkout:taxes")\n', 'cross-slot-keys'), []);
  assert.deepEqual(await fixOf('src/c.ts', "import Redis from 'ioredis';\nconst rc = new Redis.Cluster([]);\nrc.mget('checkout:totals', 'checkout:taxes');\n", 'cross-slot-keys'), []);
});

const CME = `resource "aws_elasticache_replication_group" "carts" {
  description     = "carts"
  num_node_groups = 3
}
`;

test('a plain client made certain by the templates: the message names them, with a related location', async () => {
  const { inferContext } = await import('../../../server/src/engine/context');
  const tf = await analyzeSource('infra/main.tf', CME);
  const context = inferContext([{ path: 'infra/main.tf', model: tf!.iac! }]);
  const cases: [string, string, string][] = [
    ['src/c.py', 'import redis\nr = redis.Redis()\n\n\ndef both(u):\n    return r.mget(f"cart:{u}", f"wish:{u}")\n', 'missing-hash-tag'],
    ['src/c.ts', "import Redis from 'ioredis';\nconst r = new Redis();\nexport const both = (u: string) => r.mget(`cart:${u}`, `wish:${u}`);\n", 'missing-hash-tag'],
    ['src/c.py', 'import redis\nr = redis.Redis()\nr.mget("user:42:profile", "user:42:settings")\n', 'cross-slot-keys'],
    ['src/c.ts', "import Redis from 'ioredis';\nconst r = new Redis();\nr.mget('user:42:profile', 'user:42:settings');\n", 'cross-slot-keys'],
  ];
  for (const [path, code, rule] of cases) {
    const f = (await analyzeSource(path, code, { context }))!.findings.find((x) => x.ruleId === rule);
    assert.ok(f, `${path}: no ${rule}`);
    assert.match(f.message, /Cluster mode: infra\/main\.tf: cluster-mode-enabled group carts\.$/, path);
    assert.deepEqual(f.related?.map((r) => [r.path, r.range.start.line]), [['infra/main.tf', 0]], path);
  }
  // A cluster client decides by itself: nothing to cite.
  const own = await analyzeSource('src/c.py', 'from redis.cluster import RedisCluster\nrc = RedisCluster()\nrc.mget("user:42:a", "user:43:b")\n', { context });
  const f = own!.findings.find((x) => x.ruleId === 'cross-slot-keys')!;
  assert.doesNotMatch(f.message, /Cluster mode:/);
  assert.equal(f.related, undefined);
});
