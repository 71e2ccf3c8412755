/**
 * Node clients of a cluster: the elements of ioredis/iovalkey `cluster.nodes()` and node-redis
 * `cluster.nodeClient(node)` are single-node clients (not cluster clients), found through callbacks, `for…of`,
 * array destructuring and indexing. The arrays themselves are never receivers (`nodes.keys()` is an array method).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../support/analyze';
import { keysCommand } from '../../../server/src/rules/code/keys-command';
import type { RuleContext } from '../../../server/src/rules/rule';
import { calls, parse, describeClient } from './helpers';

const CASES: { name: string; path: string; code: string; calls: string[] }[] = [
  {
    name: 'ioredis: masters through a const and .map, KEYS and a spread DEL on each node, for…of over nodes()',
    path: 'purge.ts',
    code: `import { Cluster } from 'ioredis';
const cluster = new Cluster([{ host: 'h', port: 6379 }]);
export async function purge(pattern: string) {
  const masters = cluster.nodes('master');
  await Promise.all(masters.map(async (node) => {
    const keys = await node.keys(pattern);
    if (keys.length) await node.del(...keys);
  }));
  for (const n of cluster.nodes()) await n.flushdb();
}
`,
    calls: [
      '6:29 KEYS(keys) ioredis on node keys[] in <anonymous>:5 loop awaited',
      '7:33 DEL(del) ioredis on node keys[?:...keys] in <anonymous>:5 loop awaited',
      '9:44 FLUSHDB(flushdb) ioredis on n keys[] in purge:3 loop awaited',
    ],
  },
  {
    name: 'ioredis: destructuring, indexing, .at(), chained .filter().forEach(), reduce\'s element parameter, for…of on a declared variable',
    path: 'a.ts',
    code: `import Redis from 'ioredis';
const cluster = new Redis.Cluster([]);
export async function f() {
  const [first, , third = fallback, ...rest] = cluster.nodes('master');
  await first.get('k1');
  await third.get('k2');
  await cluster.nodes('master')[0].get('k3');
  const all = cluster.nodes('all');
  await all[i].get('k4');
  await all.at(-1)?.get('k5');
  all.filter((x) => x.status === 'ready').forEach(m => m.set('k6', 1, 'EX', 60));
  all.reduce((acc, node, i) => node.get('k7'), null);
  let n;
  for (n of all) await n.get('k8');
}
`,
    calls: [
      '5:15 GET(get) ioredis on first keys[lit:k1] in f:3 awaited',
      '6:15 GET(get) ioredis on third keys[lit:k2] in f:3 awaited',
      '7:36 GET(get) ioredis on cluster.nodes(\'master\')[0] keys[lit:k3] in f:3 awaited',
      '9:16 GET(get) ioredis on all[i] keys[lit:k4] in f:3 awaited',
      '10:21 GET(get) ioredis on all.at(-1) keys[lit:k5] in f:3 awaited',
      '11:58 SET(set) ioredis on m keys[lit:k6] expiry=set in <anonymous>:11 loop',
      '12:37 GET(get) ioredis on node keys[lit:k7] in <anonymous>:12 loop',
      '14:26 GET(get) ioredis on n keys[lit:k8] in f:3 loop awaited',
    ],
  },
  {
    name: 'iovalkey from require, a function expression callback and a single unparenthesised parameter',
    path: 'a.js',
    code: `const Valkey = require('iovalkey');
const cluster = new Valkey.Cluster([]);
cluster.nodes('slave').forEach(function (replica) { replica.ping(); });
cluster.nodes().some(n => n.exists('k'));
`,
    calls: [
      '3:61 PING(ping) iovalkey on replica keys[] in <anonymous>:3 loop',
      '4:29 EXISTS(exists) iovalkey on n keys[lit:k] in <anonymous>:4 loop',
    ],
  },
  {
    name: 'typed arrays: Redis[] elements are node clients, Array<Cluster> elements stay cluster clients',
    path: 'a.ts',
    code: `import { Redis, Cluster } from 'ioredis';
export function f(nodes: Redis[], clusters: Array<Cluster>, ro: readonly Redis[]) {
  nodes.forEach((n) => n.get('k1'));
  for (const c of clusters) c.get('k2');
  ro[0].get('k3');
}
`,
    calls: [
      '3:26 GET(get) ioredis on n keys[lit:k1] in <anonymous>:3 loop',
      '4:31 GET(get) ioredis+cluster on c keys[lit:k2] in f:2 loop',
      '5:9 GET(get) ioredis on ro[0] keys[lit:k3] in f:2',
    ],
  },
  {
    name: 'node-redis: nodeClient() of a master or replica is a single-node client; the shard nodes themselves are not clients',
    path: 'a.ts',
    code: `import { createCluster } from 'redis';
const cluster = createCluster({ rootNodes: [] });
export async function f() {
  for (const master of cluster.masters) {
    const client = await cluster.nodeClient(master);
    await client.keys('a*');
    master.get('not-a-client');
  }
  await Promise.all(cluster.replicas.map(async (r) => (await cluster.nodeClient(r)).get('k')));
  cluster.masters.map((m) => m.get('not-a-client'));
}
`,
    calls: [
      '6:18 KEYS(keys) node-redis on client keys[] in f:3 loop awaited',
      '9:85 GET(get) node-redis on (await cluster.nodeClient(r)) keys[lit:k] in <anonymous>:9 loop',
    ],
  },
  {
    name: 'nothing: unrelated arrays, array methods on the node list, a string index, non-element parameters, nodes() of a non-cluster client',
    path: 'a.ts',
    code: `import Redis, { Cluster } from 'ioredis';
import { createClient } from 'redis';
const cluster = new Cluster([]);
const single = new Redis();
const nr = createClient();
const servers = [{ host: 'a' }];
export function f(xs: string[], o: any) {
  servers.map((node) => node.keys('*'));
  xs.forEach((node) => node.get('k'));
  [1, 2].map((n) => n.del('k'));
  const masters = cluster.nodes('master');
  masters.keys();
  masters['at'].get('k');
  masters.map((node, i) => i.get('k'));
  masters.map(toHost, (thisArg) => thisArg.get('k'));
  masters.reduce((acc) => acc.get('k'), 0);
  for (const k in masters) k.get('x');
  single.nodes().forEach((n) => n.get('k'));
  nr.nodeClient(o).get('k');
  o.nodes().forEach((n) => n.get('k'));
  const [{ a }] = masters;
  a.get('k');
}
`,
    calls: [],
  },
];

for (const c of CASES) {
  test(`cluster nodes: ${c.name}`, async () => {
    assert.deepEqual(await calls(c.path, c.code), c.calls);
  });
}

test('cluster nodes: node lists and node clients are not client constructions', async () => {
  const path = 'a.ts';
  const parsed = await parse(path, `import { Cluster } from 'ioredis';
const cluster = new Cluster([]);
const [first] = cluster.nodes('master');
first.get('k');
`);
  assert.deepEqual(parsed.model.clients.map((c) => describeClient(c, path)), ['2:17 ioredis+cluster as cluster in <module>']);
});

test('cluster nodes: the code the cluster KEYS → SCAN fix writes reads back as SCAN on each node, with no KEYS left', async () => {
  const path = 'a.ts';
  const code = `import { Cluster } from 'ioredis';\nconst cluster = new Cluster([]);\nexport const scan = () => cluster.keys('cart:*');\n`;
  const parsed = await parse(path, code);
  const edits = parsed.buildEdits({ kind: 'keysToScan', call: parsed.model.calls[0] });
  assert.ok(edits);
  assert.deepEqual(await calls(path, applyEdits(code, edits)), [
    '3:145 SCAN(scanStream) ioredis on node keys[] in <anonymous>:3 loop',
  ]);
});

test('cluster nodes: a KEYS on one node is the keys-command finding without the cluster sentence, and its fix scans that node', async () => {
  const path = 'a.ts';
  const code = `import { Cluster } from 'ioredis';\nconst cluster = new Cluster([]);\nexport const f = () => cluster.nodes('master').map((node) => node.keys('a*'));\n`;
  const parsed = await parse(path, code);
  const [call] = parsed.model.calls;
  assert.equal(call.client.cluster, false);
  const findings = keysCommand.check(parsed.model, { path, workspace: { serverless: 'no' } } as unknown as RuleContext);
  assert.equal(findings.length, 1);
  assert.doesNotMatch(findings[0].message, /cluster client/);
  const edits = parsed.buildEdits({ kind: 'keysToScan', call });
  assert.ok(edits);
  assert.equal(applyEdits(code, edits), `import { Cluster } from 'ioredis';\nconst cluster = new Cluster([]);\nexport const f = () => cluster.nodes('master').map((node) => (async () => { const found: string[] = []; for await (const batch of node.scanStream({ match: 'a*' })) found.push(...batch); return found; })());\n`);
});
