import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import { ruleTable } from './table';
import { contextFromCaches, type WorkspaceContext } from '../../../server/src/engine/context';

const SERVERLESS: Partial<WorkspaceContext> = { clusterMode: 'yes', serverless: 'yes', evidence: ['template.yaml: serverless cache Sessions'] };
const MEMORYDB: Partial<WorkspaceContext> = { clusterMode: 'yes', memorydb: 'yes', evidence: ['main.tf: MemoryDB cluster orders'] };

const PY_STARTUP = `import redis

r = redis.Redis(host="cache.internal")


def configure():
    r.config_set("maxmemory-policy", "allkeys-lru")
    r.config_set("notify-keyspace-events", "Ex")
`;
const PY_DIAG = `import redis

r = redis.Redis(host="cache.internal")


def diagnostics():
    return {"clients": r.client_list(), "slow": r.slowlog_get(10)}
`;
const TS_STARTUP = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);

export async function boot(): Promise<void> {
  await redis.config('SET', 'notify-keyspace-events', 'Ex');
}
`;
const TS_NODE_DIAG = `import { createClient } from 'redis';

const client = createClient();

export async function diagnostics() {
  return { clients: await client.clientList(), slow: await client.sendCommand(['SLOWLOG', 'GET', '10']) };
}
`;

ruleTable('restricted-command', {
  valid: [
    { name: 'CONFIG SET in a test against a local server', path: 'tests/test_events.py', code: PY_STARTUP },
    { name: 'a config object with a set method', path: 'app/settings.py', code: 'import redis\nr = redis.Redis()\n\nclass Config:\n    def set(self, k, v): pass\n\nconfig = Config()\nconfig.set("maxmemory-policy", "x")\n' },
    { name: 'CLIENT LIST and SLOWLOG on node-based ElastiCache are offered', path: 'app/diag.py', code: PY_DIAG },
    { name: 'MONITOR is offered on node-based ElastiCache', path: 'app/debug.py', code: 'import redis\nr = redis.Redis()\nwith r.monitor() as m:\n    pass\n' },
    { name: 'KEYS is keys-command\'s, even on serverless', path: 'app/a.py', code: 'import redis\nr = redis.Redis()\nr.keys("*")\n', context: SERVERLESS },
    { name: 'redis-py PubSub psubscribe on node-based ElastiCache', path: 'app/events.py', code: 'import redis\nr = redis.Redis()\np = r.pubsub()\np.psubscribe("orders.*")\np.get_message()\n' },
    { name: 'FCALL is offered on MemoryDB', path: 'app/a.py', code: 'import redis\nr = redis.Redis()\nr.fcall("f", 1, "k")\n', context: MEMORYDB },
    { name: 'CONFIG GET on a Map-like config in TS', path: 'src/a.ts', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nconst config = new Map<string, string>();\nconfig.get('SET');\nvoid redis;\n" },
    { name: 'OBJECT ENCODING on node-based ElastiCache is offered', path: 'src/sub.ts', code: "import Redis from 'ioredis';\nconst r = new Redis();\nr.object('ENCODING', 'k');\n" },
    { name: 'node-redis CLIENT LIST on node-based ElastiCache', path: 'src/diag.ts', code: TS_NODE_DIAG },
    { name: 'a spec file may reconfigure its server', path: 'src/boot.spec.ts', code: TS_STARTUP },
  ],
  invalid: [
    { name: 'redis-py CONFIG SET at startup, nothing declared', path: 'app/startup.py', code: PY_STARTUP, errors: ['restricted-command@7:7', 'restricted-command@8:7'], severities: ['error', 'error'] },
    { name: 'raw execute_command CONFIG SET', path: 'app/a.py', code: 'import redis\nr = redis.Redis()\nr.execute_command("CONFIG", "SET", "timeout", "0")\n', errors: ['restricted-command@3:3'] },
    { name: 'BGSAVE from an asyncio job', path: 'app/backup.py', code: 'import redis.asyncio as redis\n\nr = redis.Redis()\n\nasync def nightly():\n    await r.bgsave()\n', errors: ['restricted-command@6:13'] },
    { name: 'CLIENT LIST and SLOWLOG GET on serverless', path: 'app/diag.py', code: PY_DIAG, context: SERVERLESS, errors: ['restricted-command@7:26', 'restricted-command@7:51'] },
    { name: 'MONITOR on serverless', path: 'app/debug.py', code: 'import redis\nr = redis.Redis()\nwith r.monitor() as m:\n    pass\n', context: SERVERLESS, errors: ['restricted-command@3:8'] },
    { name: 'MODULE LOAD on MemoryDB', path: 'app/a.py', code: 'import redis\nr = redis.Redis()\nr.module_load("/opt/redisearch.so")\n', context: MEMORYDB, errors: ['restricted-command@3:3'] },
    { name: 'RedisCluster CLUSTER SETSLOT', path: 'app/ops.py', code: 'from redis.cluster import RedisCluster\nrc = RedisCluster(host="cfg")\nrc.cluster_setslot(rc.get_primaries()[0], "n1", 42, "NODE")\n', errors: ['restricted-command@3:4'] },
    { name: 'ioredis CONFIG SET at boot', path: 'src/boot.ts', code: TS_STARTUP, errors: ['restricted-command@6:15'], severities: ['error'] },
    { name: 'node-redis configSet', path: 'src/boot.js', code: "const { createClient } = require('redis');\nconst client = createClient();\nclient.configSet('maxmemory-policy', 'allkeys-lru');\n", errors: ['restricted-command@3:8'] },
    { name: 'node-redis CLIENT LIST and sendCommand SLOWLOG on serverless', path: 'src/diag.ts', code: TS_NODE_DIAG, context: SERVERLESS, errors: ['restricted-command@6:34', 'restricted-command@6:67'] },
    { name: 'valkey-py OBJECT ENCODING and MEMORY USAGE on serverless', path: 'app/inspect.py', code: 'import valkey\nv = valkey.Valkey()\nv.object("encoding", "k")\nv.memory_usage("k")\n', context: SERVERLESS, errors: ['restricted-command@3:3', 'restricted-command@4:3'] },
    { name: 'iovalkey PSUBSCRIBE and OBJECT ENCODING on serverless', path: 'src/sub.ts', code: "import Redis from 'iovalkey';\nconst sub = new Redis();\nsub.psubscribe('news.*');\nsub.object('ENCODING', 'k');\n", context: SERVERLESS, errors: ['restricted-command@3:5', 'restricted-command@4:5'] },
    { name: 'node-redis pSubscribe, objectEncoding, memoryUsage on serverless', path: 'src/sub.ts', code: "import { createClient } from 'redis';\nconst c = createClient();\nconst s = c.duplicate();\ns.pSubscribe('news.*', () => {});\nc.objectEncoding('k');\nc.memoryUsage('k');\n", context: SERVERLESS, errors: ['restricted-command@4:3', 'restricted-command@5:3', 'restricted-command@6:3'] },
    { name: 'redis-py PubSub psubscribe on serverless', path: 'app/events.py', code: 'import redis\nr = redis.Redis()\np = r.pubsub()\np.subscribe("orders")\np.psubscribe("orders.*")\nfor m in p.listen():\n    pass\n', context: SERVERLESS, errors: ['restricted-command@5:3'] },
    { name: 'ioredis MONITOR on serverless', path: 'src/debug.ts', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const watch = () => redis.monitor();\n", context: SERVERLESS, errors: ['restricted-command@3:34'] },
  ],
});

test('restricted-command names every service that restricts it, and the managed alternative', async () => {
  const base: WorkspaceContext = { clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', tls: 'unknown', evidence: [] };
  const r = await analyzeSource('app/startup.py', PY_STARTUP, { context: base });
  const f = r!.findings.find((x) => x.ruleId === 'restricted-command')!;
  assert.match(f.message, /^ElastiCache \(node-based\), ElastiCache Serverless and MemoryDB do not offer CONFIG SET: the call fails\./);
  assert.match(f.message, /parameter group/);
  assert.deepEqual(f.fixes, []);
  // The context as hosts build it, from the caches the templates declare: the message and related location name the cache.
  const s = await analyzeSource('app/debug.py', 'import redis\nr = redis.Redis()\nr.monitor()\n', { context: contextFromCaches([{ clusterMode: true, serverless: true, memorydb: false, tls: true, evidence: 'template.yaml: serverless cache Sessions', location: { path: '/w/template.yaml', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 10 } } } }]) });
  const m = s!.findings.find((x) => x.ruleId === 'restricted-command')!;
  assert.match(m.message, /^ElastiCache Serverless does not offer MONITOR \(template\.yaml: serverless cache Sessions\)/);
  assert.deepEqual(m.related?.map((l) => [l.path, l.range.start.line, l.message]), [['/w/template.yaml', 4, 'template.yaml: serverless cache Sessions']]);
  assert.match(m.message, /CloudWatch/);
});
