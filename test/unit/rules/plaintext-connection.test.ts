import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';
import { ruleTable } from './table';
import { assertParses } from './parses';
import type { WorkspaceContext } from '../../../server/src/engine/context';

const EC = 'sessions.abc123.ng.0001.use1.cache.amazonaws.com';

const PY_FROM_URL = `"""Session store for the web tier."""
import redis

sessions = redis.from_url("redis://${EC}:6379/0", decode_responses=True)


def load(session_id):
    return sessions.get(f"session:{session_id}")
`;
const PY_SSL_OFF = `import redis

cache = redis.Redis(
    host="${EC}",
    port=6379,
    ssl=False,
)
`;
const PY_CLUSTER_HOST = `from redis.cluster import RedisCluster

orders = RedisCluster(host="clustercfg.orders.abc123.use1.cache.amazonaws.com", port=6379)
`;
const TS_IOREDIS_URL = `import Redis from 'ioredis';

export const redis = new Redis('redis://orders.abc123.use1.cache.amazonaws.com:6379');
`;
const TS_NODE_URL = `import { createClient } from 'redis';

const client = createClient({ url: 'redis://cache.prod.example.com:6379' });
await client.connect();
`;
const TS_IOREDIS_HOST = `import Redis from 'ioredis';

const redis = new Redis({
  host: 'orders.abc123.use1.cache.amazonaws.com',
  port: 6379,
});
`;
const JS_NODE_TLS_OFF = `const { createClient } = require('redis');

const client = createClient({ socket: { host: 'cache.prod.example.com', port: 6379, tls: false } });
module.exports = client;
`;

const TLS_ON: Partial<WorkspaceContext> = {
  tls: 'yes', evidence: ['infra/cache.yaml: cluster-mode-disabled group Sessions'],
  caches: [{ clusterMode: false, serverless: false, memorydb: false, tls: true, evidence: 'infra/cache.yaml: cluster-mode-disabled group Sessions', location: { path: 'infra/cache.yaml', range: { start: { line: 3, character: 2 }, end: { line: 3, character: 10 } } } }],
};
const TLS_OFF: Partial<WorkspaceContext> = { tls: 'no', evidence: ['main.tf: cluster-mode-disabled group aws_elasticache_replication_group.sessions'] };

ruleTable('plaintext-connection', {
  valid: [
    { name: 'rediss:// to ElastiCache', path: 'app/cache.py', code: PY_FROM_URL.replace('redis://', 'rediss://') },
    { name: 'ssl=True to ElastiCache', path: 'app/cache.py', code: PY_SSL_OFF.replace('ssl=False', 'ssl=True') },
    { name: 'localhost', path: 'app/cache.py', code: 'import redis\n\nr = redis.Redis(host="localhost", port=6379)\n' },
    { name: '127.0.0.1 URL', path: 'app/cache.py', code: 'import redis\n\nr = redis.from_url("redis://127.0.0.1:6379/0")\n' },
    { name: 'the docker-compose service name', path: 'app/cache.py', code: 'import redis\n\nr = redis.from_url("redis://redis:6379/0")\n' },
    { name: 'Django settings decide the host', path: 'app/cache.py', code: 'from django.conf import settings\nimport redis\n\nr = redis.Redis(host=settings.REDIS_HOST, port=6379)\n' },
    { name: 'a private DNS name, the workspace silent about TLS', path: 'app/cache.py', code: 'import redis\n\nr = redis.Redis(host="sessions.cache.internal", port=6379)\n' },
    { name: 'a Kubernetes service name', path: 'app/cache.py', code: 'import redis\n\nr = redis.Redis(host="redis-master.cache.svc.cluster.local")\n' },
    { name: 'no host at all (the library default, this machine)', path: 'app/cache.py', code: 'import redis\n\nr = redis.Redis()\n' },
    { name: 'a host from the environment, the workspace silent about TLS', path: 'app/cache.py', code: 'import os\n\nimport redis\n\nr = redis.Redis(host=os.environ["CACHE_HOST"], port=6379)\n' },
    { name: 'a URL from the environment while the workspace requires TLS (it may be rediss://)', path: 'app/cache.py', code: 'import os\n\nimport redis\n\nr = redis.from_url(os.environ["REDIS_URL"])\n', context: TLS_ON },
    { name: 'a URL from the environment', path: 'app/cache.py', code: 'import os\n\nimport redis\n\nr = redis.from_url(os.environ["REDIS_URL"])\n' },
    { name: 'options hidden in **kwargs', path: 'app/cache.py', code: `import redis\n\nfrom .settings import REDIS_OPTIONS\n\nr = redis.Redis(host="${EC}", **REDIS_OPTIONS)\n` },
    { name: 'a unix socket', path: 'app/cache.py', code: 'import redis\n\nr = redis.from_url("unix:///var/run/redis/redis.sock")\n' },
    { name: 'a remote redis:// URL in a test file', path: 'tests/test_cache.py', code: PY_FROM_URL },
    { name: 'a Mongo client with tls=False', path: 'app/db.py', code: 'import redis\nfrom pymongo import MongoClient\n\ndb = MongoClient("mongodb.prod.example.com", tls=False)\n' },
    { name: 'ioredis rediss://', path: 'src/cache.ts', code: TS_IOREDIS_URL.replace('redis://', 'rediss://') },
    { name: 'ioredis from the environment', path: 'src/cache.ts', code: "import Redis from 'ioredis';\n\nexport const redis = new Redis(process.env.REDIS_URL!);\n" },
    { name: 'ioredis with tls: {}', path: 'src/cache.ts', code: TS_IOREDIS_HOST.replace('port: 6379,', 'port: 6379,\n  tls: {},') },
    { name: 'ioredis options spread from elsewhere', path: 'src/cache.ts', code: "import Redis from 'ioredis';\nimport { cacheOptions } from './config';\n\nconst redis = new Redis({ host: 'orders.abc123.use1.cache.amazonaws.com', ...cacheOptions });\n" },
    { name: 'node-redis socket.tls true', path: 'src/cache.js', code: JS_NODE_TLS_OFF.replace('tls: false', 'tls: true') },
    { name: 'node-redis on localhost', path: 'src/cache.ts', code: "import { createClient } from 'redis';\n\nconst client = createClient({ url: 'redis://localhost:6379' });\n" },
    { name: 'an HTTP client with an http:// URL and tls false', path: 'src/api.ts', code: "import Redis from 'ioredis';\nimport axios from 'axios';\n\nconst api = axios.create({ baseURL: 'http://api.example.com', tls: false });\n" },
    { name: 'in a spec file', path: 'src/cache.spec.ts', code: TS_IOREDIS_URL },
    { name: 'loopback even when the workspace requires TLS', path: 'src/cache.ts', code: "import Redis from 'ioredis';\n\nconst redis = new Redis({ host: '127.0.0.1' });\n", context: TLS_ON },
  ],
  invalid: [
    { name: 'redis-py from_url redis:// to ElastiCache', path: 'app/cache.py', code: PY_FROM_URL, errors: ['plaintext-connection@4:27'], severities: ['warning'] },
    { name: 'redis-py ssl=False', path: 'app/cache.py', code: PY_SSL_OFF, errors: ['plaintext-connection@6:5'] },
    { name: 'RedisCluster to a literal host, no TLS option', path: 'app/orders.py', code: PY_CLUSTER_HOST, errors: ['plaintext-connection@3:28'] },
    { name: 'asyncio from_url to an IP address', path: 'app/cache.py', code: 'from redis.asyncio import Redis\n\nr = Redis.from_url("redis://10.0.3.17:6379")\n', errors: ['plaintext-connection@3:20'] },
    { name: 'valkey-py valkey://', path: 'app/cache.py', code: 'import valkey\n\nv = valkey.Valkey.from_url("valkey://cache.prod.example.com:6379")\n', errors: ['plaintext-connection@3:28'] },
    { name: 'ioredis redis:// URL', path: 'src/cache.ts', code: TS_IOREDIS_URL, errors: ['plaintext-connection@3:32'] },
    { name: 'node-redis url', path: 'src/cache.ts', code: TS_NODE_URL, errors: ['plaintext-connection@3:36'] },
    { name: 'node-redis socket tls: false', path: 'src/cache.js', code: JS_NODE_TLS_OFF, errors: ['plaintext-connection@3:85'] },
    { name: 'ioredis literal host without TLS', path: 'src/cache.ts', code: TS_IOREDIS_HOST, errors: ['plaintext-connection@4:9'] },
    { name: 'a private name when the workspace requires TLS', path: 'app/cache.py', code: 'import redis\n\nr = redis.Redis(host="sessions.cache.internal", port=6379)\n', context: TLS_ON, errors: ['plaintext-connection@3:22'], severities: ['error'] },
    { name: 'a host from the environment, no TLS option, the workspace requires TLS', path: 'app/cache.py', code: 'import os\n\nimport redis\n\nr = redis.Redis(host=os.environ["CACHE_HOST"], port=6379)\n', context: TLS_ON, errors: ['plaintext-connection@5:22'], severities: ['warning'] },
    { name: 'ioredis host from the environment, the workspace requires TLS', path: 'src/cache.ts', code: "import Redis from 'ioredis';\n\nexport const redis = new Redis({ host: process.env.CACHE_HOST, port: 6379 });\n", context: TLS_ON, errors: ['plaintext-connection@3:40'], severities: ['warning'] },
    { name: 'iovalkey valkey:// URL', path: 'src/cache.ts', code: "import Valkey from 'iovalkey';\n\nexport const v = new Valkey('valkey://cache.prod.example.com:6379');\n", errors: ['plaintext-connection@3:29'] },
    { name: 'ioredis positional port and host', path: 'src/cache.js', code: "const Redis = require('ioredis');\n\nconst r = new Redis(6379, 'cache.prod.example.com');\n", errors: ['plaintext-connection@3:27'] },
    { name: 'the workspace requires TLS: an error', path: 'app/cache.py', code: PY_FROM_URL, context: TLS_ON, errors: ['plaintext-connection@4:27'], severities: ['error'] },
    { name: 'the workspace has TLS off: information', path: 'src/cache.ts', code: TS_IOREDIS_URL, context: TLS_OFF, errors: ['plaintext-connection@3:32'], severities: ['info'] },
  ],
});

async function fixed(path: string, code: string, context?: Partial<WorkspaceContext>): Promise<string> {
  const ctx = { clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', tls: 'unknown', evidence: [], ...context } as WorkspaceContext;
  const before = await analyzeSource(path, code, { context: ctx });
  const f = before!.findings.find((x) => x.ruleId === 'plaintext-connection');
  assert.ok(f, 'a finding');
  assert.equal(f.fixes.length, 1, `one fix for ${path}`);
  const after = applyEdits(code, f.fixes[0].edits);
  const again = await analyzeSource(path, after, { context: ctx });
  assert.deepEqual(again!.errors, []);
  await assertParses(path, after);
  assert.deepEqual(summarize(again).filter((s) => s.startsWith('plaintext-connection')), [], `still reported:\n${after}`);
  return after;
}

test('plaintext-connection: the URL fix swaps the scheme and keeps the rest of the URL', async () => {
  assert.match(await fixed('app/cache.py', PY_FROM_URL), new RegExp(`redis\\.from_url\\("rediss://${EC.replace(/\./g, '\\.')}:6379/0", decode_responses=True\\)`));
  assert.match(await fixed('app/cache.py', 'import valkey\n\nv = valkey.Valkey.from_url("valkey://cache.prod.example.com:6379")\n'), /from_url\("valkeys:\/\/cache\.prod\.example\.com:6379"\)/);
  assert.match(await fixed('src/cache.ts', TS_IOREDIS_URL), /new Redis\('rediss:\/\/orders\.abc123\.use1\.cache\.amazonaws\.com:6379'\)/);
  assert.match(await fixed('src/cache.ts', "import Valkey from 'iovalkey';\n\nexport const v = new Valkey('valkey://cache.prod.example.com:6379');\n"), /new Valkey\('valkeys:\/\/cache\.prod\.example\.com:6379'\)/);
  assert.match(await fixed('src/cache.ts', TS_NODE_URL), /createClient\(\{ url: 'rediss:\/\/cache\.prod\.example\.com:6379' \}\)/);
});

test('plaintext-connection: TLS turned off explicitly is turned on, in each library\'s spelling', async () => {
  assert.match(await fixed('app/cache.py', PY_SSL_OFF), /    port=6379,\n    ssl=True,\n\)/);
  assert.match(await fixed('src/cache.js', JS_NODE_TLS_OFF), /port: 6379, tls: true \} \}\)/);
  const io = "import Redis from 'ioredis';\n\nconst redis = new Redis({ host: 'orders.abc123.use1.cache.amazonaws.com', tls: false });\n";
  assert.match(await fixed('src/cache.ts', io), /tls: \{\} \}\)/);
});

test('plaintext-connection: TLS is added beside a literal host only when the workspace says the cache speaks it', async () => {
  const none = await analyzeSource('src/cache.ts', TS_IOREDIS_HOST);
  assert.deepEqual(none!.findings.find((f) => f.ruleId === 'plaintext-connection')!.fixes, []);
  assert.equal(await fixed('src/cache.ts', TS_IOREDIS_HOST, TLS_ON), TS_IOREDIS_HOST.replace("amazonaws.com',", "amazonaws.com',\n  tls: {},"));
  assert.equal(await fixed('app/cache.py', 'import os\n\nimport redis\n\nr = redis.Redis(host=os.environ["CACHE_HOST"], port=6379)\n', TLS_ON), 'import os\n\nimport redis\n\nr = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True, port=6379)\n');
  assert.match(await fixed('app/orders.py', PY_CLUSTER_HOST, TLS_ON), /RedisCluster\(host="clustercfg\.orders\.abc123\.use1\.cache\.amazonaws\.com", ssl=True, port=6379\)/);
});

test('plaintext-connection: a workspace that requires TLS is named in the message and the related locations', async () => {
  const ctx = { clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', ...TLS_ON } as WorkspaceContext;
  const r = await analyzeSource('app/cache.py', PY_FROM_URL, { context: ctx });
  const f = r!.findings.find((x) => x.ruleId === 'plaintext-connection')!;
  assert.match(f.message, /in-transit encryption on \(infra\/cache\.yaml: cluster-mode-disabled group Sessions\)/);
  assert.deepEqual(f.related?.map((x) => x.path), ['infra/cache.yaml']);
  assert.match(f.message, /an ElastiCache\/MemoryDB endpoint/);
});

test('plaintext-connection: no fix where the workspace has TLS off (the template comes first)', async () => {
  const ctx = { clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', caches: [], ...TLS_OFF } as WorkspaceContext;
  const r = await analyzeSource('src/cache.ts', TS_IOREDIS_URL, { context: ctx });
  const f = r!.findings.find((x) => x.ruleId === 'plaintext-connection')!;
  assert.deepEqual(f.fixes, []);
  assert.match(f.message, /turn it on there first/);
});
