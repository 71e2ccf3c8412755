import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';
import { ruleTable } from './table';
import { contextFromCaches, type WorkspaceContext } from '../../../server/src/engine/context';

const CLUSTER: Partial<WorkspaceContext> = { clusterMode: 'yes', evidence: ['template.yaml: cluster-mode-enabled group Sessions'] };
const SERVERLESS: Partial<WorkspaceContext> = { clusterMode: 'yes', serverless: 'yes', evidence: ['template.yaml: serverless cache Sessions'] };
const MEMORYDB: Partial<WorkspaceContext> = { clusterMode: 'yes', memorydb: 'yes', evidence: ['main.tf: MemoryDB cluster orders'] };
const NODE_CMD: Partial<WorkspaceContext> = { clusterMode: 'no', serverless: 'no', memorydb: 'no', evidence: ['template.yaml: cluster-mode-disabled group Cache'] };

const PY_REPO = `import redis


class ReportRepository:
    def __init__(self, client: redis.Redis):
        self.client = client

    def switch_to_reports(self):
        self.client.select(2)
`;
const PY = `import redis

r = redis.Redis(host="cache.internal")


def use_reports_db():
    r.select(2)
`;
const TS_IOREDIS = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);

export async function useReports(): Promise<void> {
  await redis.select(2);
}
`;
const TS_NODE = `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });

export async function useReports() {
  await client.select(2);
}
`;

ruleTable('select-database', {
  valid: [
    { name: 'SELECT 0 is database 0', path: 'app/db.py', code: 'import redis\nr = redis.Redis()\nr.select(0)\n', context: CLUSTER },
    { name: 'a variable index is not known', path: 'app/db.py', code: 'import os\nimport redis\nr = redis.Redis()\nr.select(int(os.environ["DB"]))\n', context: CLUSTER },
    { name: 'a declared cluster-mode-disabled cache has 16 databases', path: 'app/db.py', code: PY, context: NODE_CMD },
    { name: 'a non-Redis select (a selector object)', path: 'app/ui.py', code: 'import redis\nr = redis.Redis()\n\nclass Picker:\n    def select(self, i): return i\n\nPicker().select(2)\n', context: CLUSTER },
    { name: 'a test isolating itself in database 15', path: 'tests/test_cache.py', code: 'import redis\nr = redis.Redis()\nr.select(15)\n', context: CLUSTER },
    { name: 'a jest spec isolating itself in database 15', path: 'src/cache.test.ts', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nbeforeAll(() => redis.select(15));\n", context: CLUSTER },
    { name: 'TS: a declared cluster-mode-disabled cache', path: 'src/db.ts', code: TS_IOREDIS, context: NODE_CMD },
    { name: 'TS: a DOM-like select on a non-client', path: 'src/ui.ts', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nconst input = document.querySelector('input')!;\ninput.select();\nvoid redis;\n", context: CLUSTER },
    { name: 'TS: knex-style select(2) on a query builder', path: 'src/repo.ts', code: "import Redis from 'ioredis';\nimport { db } from './db';\nconst redis = new Redis();\ndb('users').select(2);\nvoid redis;\n", context: CLUSTER },
  ],
  invalid: [
    { name: 'redis-py SELECT 2, cluster mode declared', path: 'app/db.py', code: PY, context: CLUSTER, errors: ['select-database@7:7'], severities: ['warning'] },
    { name: 'redis-py SELECT 2 on a serverless workspace', path: 'app/db.py', code: PY, context: SERVERLESS, errors: ['select-database@7:7'], severities: ['warning'] },
    { name: 'redis-py SELECT 2 on MemoryDB', path: 'app/db.py', code: PY, context: MEMORYDB, errors: ['select-database@7:7'], severities: ['warning'] },
    { name: 'no infrastructure known: info', path: 'app/db.py', code: PY, errors: ['select-database@7:7'], severities: ['info'] },
    { name: 'a client passed to a repository, annotated', path: 'app/repo.py', code: PY_REPO, context: CLUSTER, errors: ['select-database@9:21'] },
    { name: 'execute_command("SELECT", "3")', path: 'app/db.py', code: 'import redis\nr = redis.Redis()\nr.execute_command("SELECT", "3")\n', errors: ['select-database@3:3'], severities: ['info'] },
    { name: 'ioredis SELECT 2, cluster mode declared', path: 'src/db.ts', code: TS_IOREDIS, context: CLUSTER, errors: ['select-database@6:15'], severities: ['warning'] },
    { name: 'ioredis SELECT 2, no infrastructure: info', path: 'src/db.ts', code: TS_IOREDIS, errors: ['select-database@6:15'], severities: ['info'] },
    { name: 'node-redis v4 SELECT 2 on MemoryDB', path: 'src/db.ts', code: TS_NODE, context: MEMORYDB, errors: ['select-database@6:16'], severities: ['warning'] },
    { name: 'an ioredis Cluster client, no infrastructure: still a warning', path: 'src/db.ts', code: "import Redis from 'ioredis';\nconst cluster = new Redis.Cluster([{ host: 'cfg.example', port: 6379 }]);\ncluster.select(1);\n", errors: ['select-database@3:9'], severities: ['warning'] },
    { name: 'node-redis v4 SELECT 2 on serverless', path: 'src/db.js', code: TS_NODE.replace(": string", ''), context: SERVERLESS, errors: ['select-database@6:16'], severities: ['warning'] },
  ],
});

test('select-database names the template that says so, and why it matters when nothing does', async () => {
  const base: WorkspaceContext = { clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', tls: 'unknown', evidence: [] };
  const known = await analyzeSource('app/db.py', PY, { context: contextFromCaches([{ clusterMode: true, serverless: true, memorydb: false, tls: true, evidence: 'template.yaml: serverless cache Sessions', location: { path: '/w/template.yaml', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 10 } } } }]) });
  const f = known!.findings.find((x) => x.ruleId === 'select-database')!;
  assert.match(f.message, /SELECT 2 fails: ElastiCache Serverless has only database 0 \(template\.yaml: serverless cache Sessions\)/);
  assert.deepEqual(f.related?.map((l) => [l.path, l.range.start.line]), [['/w/template.yaml', 4]]);
  const unknown = await analyzeSource('app/db.py', PY, { context: { ...base } });
  const g = unknown!.findings.find((x) => x.ruleId === 'select-database')!;
  assert.match(g.message, /cluster mode, ElastiCache Serverless and MemoryDB have only database 0/);
  assert.equal(f.fixes.length + g.fixes.length, 0);
});

// A client configured with a database other than 0 sends SELECT when it connects.
const PY_DB = 'import os\nimport redis\n\ncache = redis.Redis(host="sessions.abc123.use1.cache.amazonaws.com", port=6379, db=2, ssl=True)\n';
const PY_URL_DB = 'import redis\n\ncache = redis.from_url("rediss://sessions.abc123.use1.cache.amazonaws.com:6379/4")\n';
const TS_DB = "import Redis from 'ioredis';\n\nexport const cache = new Redis({\n  host: 'sessions.abc123.use1.cache.amazonaws.com',\n  db: 3,\n  tls: {},\n});\n";
const NR_DB = "import { createClient } from 'redis';\n\nexport const cache = createClient({ url: 'rediss://sessions.abc123.use1.cache.amazonaws.com:6379', database: 5 });\n";

ruleTable('select-database', {
  valid: [
    { name: 'db=2 against a local server', path: 'app/dev.py', code: 'import redis\n\ncache = redis.Redis(host="localhost", db=2)\n', context: SERVERLESS },
    { name: 'db=0 on serverless', path: 'app/cache.py', code: PY_DB.replace('db=2', 'db=0'), context: SERVERLESS },
    { name: 'a database read from the environment', path: 'app/cache.py', code: PY_DB.replace('db=2', 'db=int(os.environ["REDIS_DB"])'), context: SERVERLESS },
    { name: 'ioredis db: 3 on a cluster-mode-disabled cache', path: 'src/cache.ts', code: TS_DB, context: NODE_CMD },
    { name: 'a URL without a database path', path: 'app/cache.py', code: PY_URL_DB.replace(':6379/4', ':6379'), context: SERVERLESS },
    { name: 'a Mongo client with a db option', path: 'src/db.ts', code: "import { MongoClient } from 'mongodb';\n\nexport const mongo = new MongoClient('mongodb://db.example.com', { db: 3 } as never);\n", context: SERVERLESS },
  ],
  invalid: [
    { name: 'redis-py db=2 on serverless', path: 'app/cache.py', code: PY_DB, context: SERVERLESS, errors: ['select-database@4:84'], severities: ['warning'] },
    { name: 'redis-py db=2, nothing declared', path: 'app/cache.py', code: PY_DB, errors: ['select-database@4:84'], severities: ['info'] },
    { name: 'redis-py URL path /4 on MemoryDB', path: 'app/cache.py', code: PY_URL_DB, context: MEMORYDB, errors: ['select-database@3:24'], severities: ['warning'] },
    { name: 'ioredis db: 3 on a cluster-mode cache', path: 'src/cache.ts', code: TS_DB, context: CLUSTER, errors: ['select-database@5:7'], severities: ['warning'] },
    { name: 'node-redis database: 5 on serverless', path: 'src/cache.ts', code: NR_DB, context: SERVERLESS, errors: ['select-database@3:110'], severities: ['warning'] },
  ],
});
