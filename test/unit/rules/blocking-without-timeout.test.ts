import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyFirstFixClean } from '../../support/analyze';
import { ruleTable } from './table';

const PY_WORKER = `import json

import redis

r = redis.Redis(host="cache.internal")


def run_worker(handle):
    while True:
        _, raw = r.brpop("jobs:email", 0)
        handle(json.loads(raw))
`;
const PY_CONSUMER = `import redis

r = redis.Redis()


class EventConsumer:
    def poll(self):
        return r.xreadgroup("billing", "worker-1", {"events": ">"}, count=10, block=0)
`;
const TS_WORKER = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);

export async function work(handle: (job: string) => Promise<void>): Promise<void> {
  for (;;) {
    const item = await redis.blpop('jobs:email', 0);
    if (item) await handle(item[1]);
  }
}
`;
const TS_NODE_STREAM = `import { createClient } from 'redis';

const client = createClient();

export async function poll() {
  return client.xRead({ key: 'events', id: '$' }, { BLOCK: 0, COUNT: 10 });
}
`;

ruleTable('blocking-without-timeout', {
  valid: [
    { name: 'a bounded BRPOP in a worker loop', path: 'app/worker.py', code: PY_WORKER.replace('"jobs:email", 0', '"jobs:email", timeout=5') },
    { name: 'XREAD without BLOCK does not block', path: 'app/s.py', code: 'import redis\nr = redis.Redis()\nr.xread({"events": "$"}, count=10)\n' },
    { name: 'XREADGROUP with BLOCK 5000', path: 'app/s.py', code: PY_CONSUMER.replace('block=0', 'block=5000') },
    { name: 'queue.Queue.get(timeout=0) is not Redis', path: 'app/q.py', code: 'import queue\nimport redis\nr = redis.Redis()\nq = queue.Queue()\nq.get(True, 0)\n' },
    { name: 'a non-Redis object with blpop', path: 'app/fake.py', code: 'class FakeQueue:\n    def blpop(self, k, timeout=0): return None\n\nFakeQueue().blpop("q", 0)\n' },
    { name: 'a timeout from a variable is not known', path: 'app/w.py', code: 'import redis\nr = redis.Redis()\nwait = 0\nr.blpop("q", wait)\n' },
    { name: 'LPOP does not block', path: 'app/w.py', code: 'import redis\nr = redis.Redis()\nr.lpop("q")\n' },
    { name: 'ioredis BLPOP with 5 seconds', path: 'src/worker.ts', code: TS_WORKER.replace("'jobs:email', 0", "'jobs:email', 5") },
    { name: 'node-redis xRead without BLOCK', path: 'src/poll.ts', code: TS_NODE_STREAM.replace('BLOCK: 0, ', '') },
    { name: 'node-redis v4 brPop behind commandOptions() with 5 seconds', path: 'deploy-service/src/index.ts', code: "import { createClient, commandOptions } from 'redis';\nconst subscriber = createClient();\nawait subscriber.brPop(commandOptions({ isolated: true }), 'build-queue', 5);\n" },
    { name: 'node-redis blPop with 1 second', path: 'src/w.js', code: "const { createClient } = require('redis');\nconst c = createClient();\nc.blPop('q', 1);\n" },
    { name: 'a Map named redis with a get(k, 0)', path: 'src/m.ts', code: "import Redis from 'ioredis';\nconst redis = new Map<string, number>();\nredis.set('q', 0);\n" },
  ],
  invalid: [
    { name: 'redis-py BRPOP 0 in a worker', path: 'app/worker.py', code: PY_WORKER, errors: ['blocking-without-timeout@10:20'], severities: ['info'] },
    { name: 'redis-py BLPOP with no timeout written (the default 0)', path: 'app/w.py', code: 'import redis\nr = redis.Redis()\njob = r.blpop(["jobs:a", "jobs:b"])\n', errors: ['blocking-without-timeout@3:9'] },
    { name: 'redis-py XREADGROUP block=0', path: 'app/consumer.py', code: PY_CONSUMER, errors: ['blocking-without-timeout@8:18'] },
    { name: 'redis-py BLMOVE 0', path: 'app/w.py', code: 'import redis\nr = redis.Redis()\nr.blmove("jobs", "jobs:busy", 0)\n', errors: ['blocking-without-timeout@3:3'] },
    { name: 'asyncio BZPOPMIN with timeout=0', path: 'app/sched.py', code: 'import redis.asyncio as redis\n\nr = redis.Redis()\n\nasync def next_due():\n    return await r.bzpopmin("schedule", timeout=0)\n', errors: ['blocking-without-timeout@6:20'] },
    { name: 'raw execute_command BLPOP "0"', path: 'app/w.py', code: 'import redis\nr = redis.Redis()\nr.execute_command("BLPOP", "q", "0")\n', errors: ['blocking-without-timeout@3:3'] },
    { name: 'RedisCluster and valkey-py BLPOP 0', path: 'app/w.py', code: 'import valkey\nfrom redis.cluster import RedisCluster\nrc = RedisCluster(host="cfg")\nv = valkey.Valkey()\nrc.blpop("{jobs}:a", 0)\nv.blpop("jobs", 0)\n', errors: ['blocking-without-timeout@5:4', 'blocking-without-timeout@6:3'] },
    { name: 'ioredis BLPOP 0 in a worker loop', path: 'src/worker.ts', code: TS_WORKER, errors: ['blocking-without-timeout@7:30'], severities: ['info'] },
    { name: 'ioredis BRPOPLPUSH 0', path: 'src/w.js', code: "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.brpoplpush('jobs', 'jobs:busy', 0);\n", errors: ['blocking-without-timeout@3:7'] },
    { name: 'ioredis XREAD BLOCK 0', path: 'src/s.ts', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.xread('BLOCK', 0, 'STREAMS', 'events', '$');\n", errors: ['blocking-without-timeout@3:7'] },
    { name: 'node-redis v4 brPop behind commandOptions() with 0', path: 'deploy-service/src/index.ts', code: "import { createClient, commandOptions } from 'redis';\nconst subscriber = createClient();\nwhile (true) {\n  const job = await subscriber.brPop(commandOptions({ isolated: true }), 'build-queue', 0);\n  console.log(job);\n}\n", errors: ['blocking-without-timeout@4:32'] },
    { name: 'node-redis v4 blPop of a key list with 0', path: 'src/w.ts', code: "import { createClient } from 'redis';\nconst c = createClient();\nc.blPop(['jobs:a', 'jobs:b'], 0);\n", errors: ['blocking-without-timeout@3:3'] },
    { name: 'node-redis cluster and iovalkey BLPOP 0', path: 'src/w.ts', code: "import { createCluster } from 'redis';\nimport Valkey from 'iovalkey';\nconst cluster = createCluster({ rootNodes: [{ url: process.env.REDIS_URL }] });\nconst v = new Valkey();\ncluster.blPop('{jobs}:a', 0);\nv.blpop('jobs', 0);\n", errors: ['blocking-without-timeout@5:9', 'blocking-without-timeout@6:3'] },
    { name: 'node-redis v4 xRead { BLOCK: 0 }', path: 'src/poll.ts', code: TS_NODE_STREAM, errors: ['blocking-without-timeout@6:17'] },
  ],
});

test('blocking-without-timeout: the written 0 becomes a 5-second bound, in both languages', async () => {
  const py = await applyFirstFixClean('app/worker.py', PY_WORKER, /Wait at most 5 seconds/);
  assert.match(py, /r\.brpop\("jobs:email", 5\)/);
  const consumer = await applyFirstFixClean('app/consumer.py', PY_CONSUMER, /BLOCK 5000/);
  assert.match(consumer, /count=10, block=5000\)/);
  const ts = await applyFirstFixClean('src/worker.ts', TS_WORKER, /Wait at most 5 seconds/);
  assert.match(ts, /redis\.blpop\('jobs:email', 5\)/);
  const node = await applyFirstFixClean('src/poll.ts', TS_NODE_STREAM, /BLOCK 5000/);
  assert.match(node, /\{ BLOCK: 5000, COUNT: 10 \}/);
});

test('blocking-without-timeout: no fix where the client supplies the 0', async () => {
  const r = await analyzeSource('app/w.py', 'import redis\nr = redis.Redis()\njob = r.blpop("jobs")\n');
  const f = r!.findings.find((x) => x.ruleId === 'blocking-without-timeout')!;
  assert.match(f.message, /^BLPOP without a timeout waits forever \(the client sends timeout 0\)/);
  assert.deepEqual(f.fixes, []);
});
