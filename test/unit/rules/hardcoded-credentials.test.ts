import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';
import { ruleTable } from './table';
import { assertParses } from './parses';

const PY_SERVICE = `"""Rate limiter backed by the shared cache."""
import json
import os

import redis

limiter = redis.Redis(
    host=os.environ["CACHE_HOST"],
    port=6379,
    password="9f2c1d7a4b6e8h",
    ssl=True,
)
`;
const PY_NO_OS = `import json

import redis

r = redis.Redis(host="orders.abc123.use1.cache.amazonaws.com", password='Tr0ub4dor&3', ssl=True)
`;
const PY_ONLY_REDIS = `from redis.cluster import RedisCluster

rc = RedisCluster(host="clustercfg.orders.abc123.use1.cache.amazonaws.com", password="Tr0ub4dor&3", ssl=True)
`;
const PY_URL = 'import redis\n\nr = redis.from_url("rediss://:Sup3rS3cret@orders.abc123.use1.cache.amazonaws.com:6379/0")\n';
const TS_IOREDIS = `import Redis from 'ioredis';

export const redis = new Redis({
  host: process.env.CACHE_HOST,
  port: 6379,
  password: 'Sup3rS3cret!',
  tls: {},
});
`;
const TS_NODE_URL = "import { createClient } from 'redis';\n\nexport const client = createClient({ url: 'rediss://app:Sup3rS3cret@cache.prod.example.com:6379' });\n";
const JS_CLUSTER = "const Redis = require('ioredis');\n\nconst cluster = new Redis.Cluster([{ host: process.env.REDIS_HOST, port: 6379 }], { redisOptions: { password: 'x9QpLm2Vb7', tls: {} } });\nmodule.exports = cluster;\n";

ruleTable('hardcoded-credentials', {
  valid: [
    { name: 'the password from the environment', path: 'app/limiter.py', code: PY_SERVICE.replace('"9f2c1d7a4b6e8h"', 'os.environ["CACHE_PASSWORD"]') },
    { name: 'os.getenv', path: 'app/limiter.py', code: PY_SERVICE.replace('"9f2c1d7a4b6e8h"', 'os.getenv("CACHE_PASSWORD")') },
    { name: 'an empty password', path: 'app/limiter.py', code: PY_SERVICE.replace('"9f2c1d7a4b6e8h"', '""') },
    { name: 'a placeholder', path: 'app/limiter.py', code: PY_SERVICE.replace('"9f2c1d7a4b6e8h"', '"<your-redis-password>"') },
    { name: 'the word example, as AWS samples write it', path: 'app/limiter.py', code: PY_SERVICE.replace('"9f2c1d7a4b6e8h"', "'example'") },
    { name: 'a ${} placeholder', path: 'app/limiter.py', code: PY_SERVICE.replace('"9f2c1d7a4b6e8h"', '"${REDIS_PASSWORD}"') },
    { name: 'a secret store helper', path: 'app/limiter.py', code: PY_SERVICE.replace('"9f2c1d7a4b6e8h"', 'get_secret("cache/auth-token")') },
    { name: 'a URL without a password', path: 'app/cache.py', code: PY_URL.replace(':Sup3rS3cret@', '') },
    { name: 'a Mongo client with a password', path: 'app/db.py', code: 'import redis\nfrom pymongo import MongoClient\n\ndb = MongoClient("mongodb.prod.example.com", username="app", password="hunter2hunter2")\n' },
    { name: 'a MySQL connection with a password', path: 'app/db.py', code: 'import pymysql\nimport redis\n\nconn = pymysql.connect(host="db.example.com", user="app", password="hunter2hunter2")\n' },
    { name: 'in a test file', path: 'tests/test_limiter.py', code: PY_SERVICE },
    { name: 'conftest', path: 'conftest.py', code: PY_SERVICE },
    { name: 'ioredis from process.env', path: 'src/cache.ts', code: TS_IOREDIS.replace("'Sup3rS3cret!'", 'process.env.CACHE_PASSWORD') },
    { name: 'node-redis URL from the environment', path: 'src/cache.ts', code: "import { createClient } from 'redis';\n\nexport const client = createClient({ url: process.env.REDIS_URL });\n" },
    { name: 'a pg Pool with a password', path: 'src/db.ts', code: "import Redis from 'ioredis';\nimport { Pool } from 'pg';\n\nexport const pool = new Pool({ host: 'db.example.com', password: 'hunter2hunter2' });\n" },
    { name: 'in a spec file', path: 'src/cache.spec.ts', code: TS_IOREDIS },
    { name: 'ioredis empty password', path: 'src/cache.ts', code: TS_IOREDIS.replace("'Sup3rS3cret!'", "''") },
    { name: 'ioredis placeholder password', path: 'src/cache.ts', code: TS_IOREDIS.replace("'Sup3rS3cret!'", "'<REDIS_AUTH_TOKEN>'") },
    { name: 'a password from a config object', path: 'src/cache.ts', code: "import { createClient } from 'redis';\nimport { config } from './config';\n\nexport const client = createClient({ password: config.redis.password, socket: { host: config.redis.host, tls: true } });\n" },
    { name: 'a password fetched from Secrets Manager', path: 'src/cache.ts', code: "import Redis from 'ioredis';\nimport { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';\n\nconst sm = new SecretsManagerClient({});\nconst secret = await sm.send(new GetSecretValueCommand({ SecretId: 'cache/auth' }));\nexport const redis = new Redis({ host: process.env.CACHE_HOST, password: secret.SecretString, tls: {} });\n" },
  ],
  invalid: [
    { name: 'redis-py password literal', path: 'app/limiter.py', code: PY_SERVICE, errors: ['hardcoded-credentials@10:14'], severities: ['error'] },
    { name: 'redis-py password in single quotes, no os import', path: 'app/orders.py', code: PY_NO_OS, errors: ['hardcoded-credentials@5:73'] },
    { name: 'RedisCluster password', path: 'app/orders.py', code: PY_ONLY_REDIS, errors: ['hardcoded-credentials@3:86'] },
    { name: 'a password in a rediss:// URL', path: 'app/cache.py', code: PY_URL, errors: ['hardcoded-credentials@3:20'] },
    { name: 'asyncio with a module constant', path: 'app/cache.py', code: 'from redis import asyncio as aioredis\n\nPASSWORD = "Tr0ub4dor&3"\nr = aioredis.Redis(host="cache.prod.example.com", password=PASSWORD, ssl=True)\n', errors: ['hardcoded-credentials@4:60'] },
    { name: 'a local server: a warning', path: 'app/dev.py', code: 'import redis\n\nr = redis.Redis(host="localhost", password="devpass123")\n', errors: ['hardcoded-credentials@3:44'], severities: ['warning'] },
    { name: 'ioredis password', path: 'src/cache.ts', code: TS_IOREDIS, errors: ['hardcoded-credentials@6:13'] },
    { name: 'node-redis URL with user and password', path: 'src/cache.ts', code: TS_NODE_URL, errors: ['hardcoded-credentials@3:43'] },
    { name: 'ioredis cluster redisOptions password', path: 'src/cache.js', code: JS_CLUSTER, errors: ['hardcoded-credentials@3:111'] },
  ],
});

async function fixOf(path: string, code: string): Promise<{ title: string; after: string }> {
  const before = await analyzeSource(path, code);
  const f = before!.findings.find((x) => x.ruleId === 'hardcoded-credentials');
  assert.ok(f, 'a finding');
  assert.equal(f.fixes.length, 1);
  const after = applyEdits(code, f.fixes[0].edits);
  const again = await analyzeSource(path, after);
  assert.deepEqual(again!.errors, []);
  await assertParses(path, after);
  assert.deepEqual(summarize(again).filter((s) => s.startsWith('hardcoded-credentials')), [], `still reported:\n${after}`);
  return { title: f.fixes[0].title, after };
}

test('hardcoded-credentials: Python reads the environment, named like the host variable beside it', async () => {
  const { title, after } = await fixOf('app/limiter.py', PY_SERVICE);
  assert.equal(title, 'Read the password from the environment (CACHE_PASSWORD)');
  assert.equal(after, PY_SERVICE.replace('"9f2c1d7a4b6e8h"', 'os.environ["CACHE_PASSWORD"]'));
});

test('hardcoded-credentials: `import os` goes among the standard-library imports, or in a block of its own', async () => {
  const { after } = await fixOf('app/orders.py', PY_NO_OS);
  assert.equal(after, "import json\nimport os\n\nimport redis\n\nr = redis.Redis(host=\"orders.abc123.use1.cache.amazonaws.com\", password=os.environ['REDIS_PASSWORD'], ssl=True)\n");
  const only = await fixOf('app/orders.py', PY_ONLY_REDIS);
  assert.match(only.after, /^import os\n\nfrom redis\.cluster import RedisCluster\n/);
  assert.match(only.after, /password=os\.environ\["REDIS_PASSWORD"\], ssl=True\)/);
});

test('hardcoded-credentials: TypeScript and JavaScript read process.env', async () => {
  assert.equal((await fixOf('src/cache.ts', TS_IOREDIS)).after, TS_IOREDIS.replace("'Sup3rS3cret!'", 'process.env.CACHE_PASSWORD'));
  assert.match((await fixOf('src/cache.js', JS_CLUSTER)).after, /redisOptions: \{ password: process\.env\.REDIS_PASSWORD, tls: \{\} \}/);
});

test('hardcoded-credentials: a password inside a URL, or behind a constant, gets no fix', async () => {
  for (const [path, code] of [['app/cache.py', PY_URL], ['src/cache.ts', TS_NODE_URL], ['app/cache.py', 'from redis import asyncio as aioredis\n\nPASSWORD = "Tr0ub4dor&3"\nr = aioredis.Redis(host="cache.prod.example.com", password=PASSWORD, ssl=True)\n']] as const) {
    const f = (await analyzeSource(path, code))!.findings.find((x) => x.ruleId === 'hardcoded-credentials')!;
    assert.deepEqual(f.fixes, [], path);
  }
});

test('hardcoded-credentials: `import os` after `from __future__`, and not again when `import os, sys` has it', async () => {
  const future = 'from __future__ import annotations\n\nimport logging\nimport redis\n\nr = redis.Redis(host="cache.prod.example.com", password="Tr0ub4dor&3", ssl=True)\n';
  assert.match((await fixOf('app/c.py', future)).after, /^from __future__ import annotations\n\nimport logging\nimport os\nimport redis\n/);
  const listed = 'import os, sys\n\nimport redis\n\nr = redis.Redis(host="cache.prod.example.com", password="Tr0ub4dor&3", ssl=True)\n';
  assert.equal((await fixOf('app/c.py', listed)).after, listed.replace('"Tr0ub4dor&3"', 'os.environ["REDIS_PASSWORD"]'));
});

test('hardcoded-credentials: CRLF files keep their line ends', async () => {
  const crlf = 'import redis\r\n\r\nr = redis.Redis(host="cache.prod.example.com", password="Tr0ub4dor&3", ssl=True)\r\n';
  const { after } = await fixOf('app/c.py', crlf);
  assert.equal(after, 'import os\r\n\r\nimport redis\r\n\r\nr = redis.Redis(host="cache.prod.example.com", password=os.environ["REDIS_PASSWORD"], ssl=True)\r\n');
});

test('hardcoded-credentials: a module that reads `environ` from `from os import environ` keeps its spelling, no new import', async () => {
  const code = `from os import environ, getenv

import redis

sessions = redis.Redis(host=environ["SESSION_CACHE_HOST"], ssl=True, password="k9!Vq2#LmZ")
`;
  const { after } = await fixOf('app/sessions.py', code);
  assert.equal(after, code.replace('"k9!Vq2#LmZ"', 'environ["SESSION_CACHE_PASSWORD"]'));
  // Renamed (`environ as env`), it is not the name to use: `import os` comes in.
  const renamed = code.replace('from os import environ, getenv', 'from os import environ as env, getenv').replace('environ["SESSION', 'env["SESSION');
  assert.match((await fixOf('app/sessions.py', renamed)).after, /^from os import environ as env, getenv\nimport os\n\nimport redis\n[\s\S]*password=os\.environ\["SESSION_CACHE_PASSWORD"\]/);
});

test('a client over a pool of the same file: each setting written once is reported once, by every connection rule', async () => {
  const code = 'import redis\n\npool = redis.ConnectionPool(host="cache.prod.example.com", password="s3cr3tP4ss", ssl=True, ssl_cert_reqs="none", db=3)\nr = redis.Redis(connection_pool=pool)\n';
  const r = await analyzeSource('app/cache.py', code, { context: { clusterMode: 'yes', serverless: 'unknown', memorydb: 'unknown', tls: 'unknown', evidence: [] } });
  const got = r!.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`).sort();
  assert.deepEqual(got, ['hardcoded-credentials@3:69', 'select-database@3:118', 'tls-verification-disabled@3:93']);
});
