import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import { contextFromCaches } from '../../../server/src/engine/context';
import { ruleTable } from './table';

ruleTable('keys-command', {
  valid: [
    { name: 'dict.keys() is not Redis', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\nd = {"a": 1}\nprint(d.keys())\n' },
    { name: 'scan_iter is the right way', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\nfor k in r.scan_iter(match="s:*"):\n    print(k)\n' },
    { name: 'a module with no redis import', path: 'src/a.py', code: 'class R:\n    def keys(self, p): return []\nr = R()\nr.keys("*")\n' },
    { name: 'Object.keys / Map.keys in TS', path: 'src/a.ts', code: "import Redis from 'ioredis';\nconst redis = new Map<string, string>();\nObject.keys({});\nredis.keys();\n" },
    { name: 'KEYS in a test file is allowed', path: 'tests/test_cache.py', code: 'import redis\nr = redis.Redis()\nr.keys("*")\n' },
  ],
  invalid: [
    { name: 'redis-py KEYS', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\nstale = r.keys("session:*")\n', errors: ['keys-command@3:11'], severities: ['warning'] },
    { name: 'raw execute_command KEYS', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\nr.execute_command("KEYS", "*")\n', errors: ['keys-command@3:3'] },
    { name: 'serverless workspace makes it an error', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\nr.keys()\n', context: { serverless: 'yes', clusterMode: 'yes' }, errors: ['keys-command@3:3'], severities: ['error'] },
    { name: 'user severity wins over the context', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\nr.keys()\n', context: { serverless: 'yes' }, settings: { rules: { 'keys-command': 'info' } }, errors: ['keys-command@3:3'], severities: ['info'] },
    { name: 'ioredis KEYS in TS', path: 'src/a.ts', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const f = () => redis.keys('user:*');\n", errors: ['keys-command@3:30'] },
    { name: 'node-redis KEYS, uppercase method', path: 'src/a.js', code: "const { createClient } = require('redis');\nconst c = createClient();\nc.KEYS('*');\n", errors: ['keys-command@3:3'] },
  ],
});

test('keys-command on Serverless names the cache that makes it fail, with a related location', async () => {
  const context = contextFromCaches([{ clusterMode: true, serverless: true, memorydb: false, tls: true, evidence: 'infra/cache.yaml: serverless cache Sessions', location: { path: '/w/infra/cache.yaml', range: { start: { line: 7, character: 2 }, end: { line: 7, character: 10 } } } }]);
  const r = await analyzeSource('app/cleanup.py', 'import redis\nr = redis.Redis()\n\ndef stale():\n    return r.keys("session:*")\n', { context });
  const f = r!.findings.find((x) => x.ruleId === 'keys-command')!;
  assert.equal(f.severity, 'error');
  assert.match(f.message, /does not support KEYS at all: the call fails \(infra\/cache\.yaml: serverless cache Sessions\)\./);
  assert.deepEqual(f.related?.map((l) => [l.path, l.range.start.line]), [['/w/infra/cache.yaml', 7]]);
});

// The same shapes as people write them in TypeScript services.
const IO = "import Redis from 'ioredis';\n\nconst redis = new Redis(process.env.REDIS_URL!);\n\n";
ruleTable('keys-command', {
  valid: [
    { name: 'Map.keys() in a service that also holds a client', path: 'src/sessions.ts', code: IO + 'const local = new Map<string, number>();\nexport function cached(): string[] {\n  return [...local.keys()];\n}\n' },
    { name: 'node-redis scanIterator is the right way', path: 'src/sessions.ts', code: "import { createClient } from 'redis';\nconst client = createClient();\nexport async function* stale() {\n  for await (const key of client.scanIterator({ MATCH: 'session:*' })) yield key;\n}\n" },
    { name: 'a spec file may list keys', path: 'src/sessions.spec.ts', code: IO + "it('stores', async () => { await redis.keys('*'); });\n" },
    { name: 'a client reassigned to a Map before use', path: 'src/sessions.ts', code: "import Redis from 'ioredis';\nlet store: any = new Redis();\nstore = new Map();\nexport const names = () => store.keys();\n" },
  ],
  invalid: [
    { name: 'ioredis KEYS in an Express handler', path: 'src/routes.ts', code: IO + "export function register(app: any) {\n  app.get('/admin/sessions', async (_req: any, res: any) => {\n    res.json(await redis.keys('session:*'));\n  });\n}\n", errors: ['keys-command@7:26'] },
    { name: 'ioredis Cluster KEYS reaches one node only', path: 'src/cleanup.ts', code: "import Redis from 'ioredis';\nconst cluster = new Redis.Cluster([{ host: 'cfg.example.com', port: 6379 }]);\nexport const stale = () => cluster.keys('session:*');\n", errors: ['keys-command@3:36'] },
    { name: 'iovalkey KEYS', path: 'src/cleanup.js', code: "const Valkey = require('iovalkey');\nconst v = new Valkey();\nmodule.exports.stale = () => v.keys('tmp:*');\n", errors: ['keys-command@3:32'] },
  ],
});
