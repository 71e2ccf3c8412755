import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';
import { ruleTable } from './table';
import { assertParses } from './parses';

const PY_MULTILINE = `import os

import redis

cache = redis.Redis(
    host=os.environ["CACHE_HOST"],
    port=6379,
    ssl=True,
    ssl_cert_reqs=None,  # self-signed in staging
)
`;
const PY_INLINE = 'import os\n\nimport redis\n\nr = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True, ssl_check_hostname=False, decode_responses=True)\n';
const PY_URL = 'import os\nimport ssl\n\nimport redis\n\nr = redis.from_url(os.environ["REDIS_URL"], ssl_cert_reqs=ssl.CERT_NONE)\n';
const PY_BOTH = 'from redis.asyncio import Redis\n\nr = Redis(host="sessions.abc123.use1.cache.amazonaws.com", ssl=True, ssl_cert_reqs="none", ssl_check_hostname=False)\n';
const TS_IOREDIS = `import Redis from 'ioredis';

export const redis = new Redis({
  host: process.env.CACHE_HOST,
  port: 6379,
  tls: {
    rejectUnauthorized: false,
  },
});
`;
const TS_IOREDIS_INLINE = "import Redis from 'ioredis';\n\nexport const redis = new Redis(process.env.REDIS_URL!, { tls: { rejectUnauthorized: false } });\n";
const JS_NODE = "const { createClient } = require('redis');\n\nconst client = createClient({ url: process.env.REDIS_URL, socket: { tls: true, rejectUnauthorized: false } });\nmodule.exports = client;\n";
const TS_HOSTNAME = "import Redis from 'ioredis';\n\nconst redis = new Redis({ host: process.env.CACHE_HOST, tls: { checkServerIdentity: () => undefined } });\n";
/** TLS switched on by the environment, and never verified when it is. */
const TS_TLS_WHEN = `import Redis from 'ioredis';

export const sessions = new Redis({
  host: process.env.REDIS_HOST ?? 'localhost',
  port: Number(process.env.REDIS_PORT ?? 6379),
  password: process.env.REDIS_PASSWORD,
  tls: process.env.REDIS_TLS === 'true' ? { rejectUnauthorized: false } : undefined,
});
`;

ruleTable('tls-verification-disabled', {
  valid: [
    { name: 'redis-py with verification required', path: 'app/cache.py', code: PY_MULTILINE.replace('ssl_cert_reqs=None', 'ssl_cert_reqs="required"') },
    { name: 'redis-py with a private CA bundle', path: 'app/cache.py', code: PY_MULTILINE.replace('ssl_cert_reqs=None,  # self-signed in staging', 'ssl_ca_certs="/etc/ssl/cache-ca.pem",') },
    { name: 'verification from the environment', path: 'app/cache.py', code: 'import os\n\nimport redis\n\nr = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True, ssl_check_hostname=os.environ.get("CHECK_HOST") == "1")\n' },
    { name: 'TLS by the environment, verified whenever on', path: 'src/session-store.ts', code: TS_TLS_WHEN.replace('{ rejectUnauthorized: false }', '{ servername: process.env.REDIS_HOST }') },
    { name: 'verification off only in the non-production arm: both arms turn TLS on', path: 'src/session-store.ts', code: TS_TLS_WHEN.replace('{ rejectUnauthorized: false } : undefined', '{} : { rejectUnauthorized: false }') },
    { name: 'TLS provably off: the override does nothing yet', path: 'app/cache.py', code: 'import redis\n\nr = redis.Redis(host="cache.internal.example.com", ssl_cert_reqs=None)\n' },
    { name: 'requests with verify=False is not a cache client', path: 'app/http.py', code: 'import redis\nimport requests\n\nrequests.get("https://api.example.com", verify=False)\n' },
    { name: 'in a test file', path: 'tests/test_cache.py', code: PY_MULTILINE },
    { name: 'ioredis with verification on', path: 'src/cache.ts', code: TS_IOREDIS.replace('rejectUnauthorized: false', 'rejectUnauthorized: true') },
    { name: 'rejectUnauthorized decided at run time', path: 'src/cache.ts', code: TS_IOREDIS.replace('rejectUnauthorized: false', "rejectUnauthorized: process.env.NODE_ENV === 'production'") },
    { name: 'an https.Agent with rejectUnauthorized false', path: 'src/http.ts', code: "import Redis from 'ioredis';\nimport https from 'node:https';\n\nconst agent = new https.Agent({ rejectUnauthorized: false });\n" },
    { name: 'in a spec file', path: 'src/cache.spec.ts', code: TS_IOREDIS },
    { name: 'node-redis with a CA instead', path: 'src/cache.js', code: JS_NODE.replace('rejectUnauthorized: false', "ca: require('fs').readFileSync('ca.pem')") },
    { name: 'ioredis TLS off altogether (plaintext-connection says so)', path: 'src/cache.ts', code: "import Redis from 'ioredis';\n\nconst redis = new Redis({ host: 'cache.internal.example.com' });\n" },
  ],
  invalid: [
    { name: 'redis-py ssl_cert_reqs=None, one per line', path: 'app/cache.py', code: PY_MULTILINE, errors: ['tls-verification-disabled@9:5'], severities: ['warning'] },
    { name: 'redis-py ssl_check_hostname=False inline', path: 'app/cache.py', code: PY_INLINE, errors: ['tls-verification-disabled@5:58'] },
    { name: 'from_url with ssl.CERT_NONE', path: 'app/cache.py', code: PY_URL, errors: ['tls-verification-disabled@6:45'] },
    { name: 'asyncio, both verifications off', path: 'app/cache.py', code: PY_BOTH, errors: ['tls-verification-disabled@3:70', 'tls-verification-disabled@3:92'] },
    { name: 'ioredis tls.rejectUnauthorized false', path: 'src/cache.ts', code: TS_IOREDIS, errors: ['tls-verification-disabled@7:5'] },
    { name: 'ioredis URL and options', path: 'src/cache.ts', code: TS_IOREDIS_INLINE, errors: ['tls-verification-disabled@3:65'] },
    { name: 'node-redis socket.rejectUnauthorized false', path: 'src/cache.js', code: JS_NODE, errors: ['tls-verification-disabled@3:80'] },
    { name: 'ioredis checkServerIdentity that accepts anything', path: 'src/cache.ts', code: TS_HOSTNAME, errors: ['tls-verification-disabled@3:64'] },
    { name: 'TLS on by the environment, and only ever without verification', path: 'src/session-store.ts', code: TS_TLS_WHEN, errors: ['tls-verification-disabled@7:45'] },
    { name: 'the same through a flag and a hostname check that accepts anything', path: 'src/cache.ts', code: "import Redis from 'ioredis';\n\nconst useTls = Number(process.env.REDIS_PORT) === 6380;\nexport default new Redis({ host: process.env.REDIS_HOST, tls: useTls ? { checkServerIdentity: () => undefined } : undefined });\n", errors: ['tls-verification-disabled@4:74'] },
  ],
});

async function removeOverride(path: string, code: string): Promise<string> {
  const before = await analyzeSource(path, code);
  const f = before!.findings.find((x) => x.ruleId === 'tls-verification-disabled');
  assert.ok(f, 'a finding');
  assert.match(f.fixes[0]?.title ?? '', /^Remove the override/);
  const after = applyEdits(code, f.fixes[0].edits);
  const again = await analyzeSource(path, after);
  assert.deepEqual(again!.errors, []);
  await assertParses(path, after);
  assert.deepEqual(summarize(again).filter((s) => s.startsWith('tls-verification-disabled')), [], `still reported:\n${after}`);
  return after;
}

test('tls-verification-disabled: the override goes with its line, comment and all, in a one-per-line call', async () => {
  assert.equal(await removeOverride('app/cache.py', PY_MULTILINE), PY_MULTILINE.replace('    ssl_cert_reqs=None,  # self-signed in staging\n', ''));
  assert.equal(await removeOverride('src/cache.ts', TS_IOREDIS), TS_IOREDIS.replace('    rejectUnauthorized: false,\n', ''));
});

test('tls-verification-disabled: inline, the entry goes with its comma', async () => {
  assert.equal(await removeOverride('app/cache.py', PY_INLINE), PY_INLINE.replace(' ssl_check_hostname=False,', ''));
  assert.equal(await removeOverride('app/cache.py', PY_URL), PY_URL.replace(', ssl_cert_reqs=ssl.CERT_NONE', ''));
  assert.equal(await removeOverride('src/cache.ts', TS_IOREDIS_INLINE), TS_IOREDIS_INLINE.replace('{ tls: { rejectUnauthorized: false } }', '{ tls: {} }'));
  assert.equal(await removeOverride('src/cache.js', JS_NODE), JS_NODE.replace(', rejectUnauthorized: false', ''));
  assert.equal(await removeOverride('src/cache.ts', TS_HOSTNAME), TS_HOSTNAME.replace('{ checkServerIdentity: () => undefined }', '{}'));
  assert.equal(await removeOverride('src/session-store.ts', TS_TLS_WHEN), TS_TLS_WHEN.replace('{ rejectUnauthorized: false }', '{}'));
});

test('tls-verification-disabled: an options dict splatted into the client loses the entry', async () => {
  const code = 'import os\n\nimport redis\n\nOPTIONS = {\n    "ssl": True,\n    "ssl_cert_reqs": None,\n    "decode_responses": True,\n}\n\nr = redis.Redis(host=os.environ["CACHE_HOST"], **OPTIONS)\n';
  assert.equal(await removeOverride('app/cache.py', code), code.replace('    "ssl_cert_reqs": None,\n', ''));
});

test('tls-verification-disabled: both overrides, each with its own fix', async () => {
  const r = await analyzeSource('app/cache.py', PY_BOTH);
  const fs = r!.findings.filter((x) => x.ruleId === 'tls-verification-disabled');
  assert.deepEqual(fs.map((f) => f.message.match(/turns TLS (\w+) verification off/)?.[1]), ['certificate', 'hostname']);
  const both = applyEdits(PY_BOTH, fs[1].fixes[0].edits);
  const first = (await analyzeSource('app/cache.py', both))!.findings.find((x) => x.ruleId === 'tls-verification-disabled')!;
  assert.equal(applyEdits(both, first.fixes[0].edits), 'from redis.asyncio import Redis\n\nr = Redis(host="sessions.abc123.use1.cache.amazonaws.com", ssl=True)\n');
});

// redis-py's from_url passes the URL's query on as keywords: the Heroku-style `?ssl_cert_reqs=none` turns verification off.
const URL_PY = 'import redis\n\n';
ruleTable('tls-verification-disabled', {
  valid: [
    { name: 'a query that keeps verification on', path: 'src/cache.py', code: URL_PY + 'cache = redis.from_url("rediss://sessions.prod.example.com:6380/0?ssl_cert_reqs=required")\n' },
    { name: 'a plaintext URL: the query does nothing yet', path: 'src/cache.py', code: URL_PY + 'cache = redis.from_url("redis://localhost:6379/0?ssl_cert_reqs=none")\n' },
    { name: 'a query with other options only', path: 'src/cache.py', code: URL_PY + 'cache = redis.from_url("rediss://sessions.prod.example.com:6380/0?socket_timeout=5&health_check_interval=30")\n' },
  ],
  invalid: [
    { name: 'ssl_cert_reqs=none in the URL query', path: 'src/cache.py', code: URL_PY + 'cache = redis.from_url("rediss://sessions.prod.example.com:6380/0?ssl_cert_reqs=none")\n', errors: ['tls-verification-disabled@3:24'] },
    { name: 'ssl_check_hostname=false in the URL query (Redis.from_url)', path: 'src/cache.py', code: URL_PY + 'cache = redis.Redis.from_url("rediss://sessions.prod.example.com:6380?ssl_check_hostname=false")\n', errors: ['tls-verification-disabled@3:30'] },
  ],
});
