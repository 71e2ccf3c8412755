import { ruleTable } from './table';

const PY_ADMIN = `import redis
from flask import Flask

app = Flask(__name__)
cache = redis.Redis(host="cache.internal", port=6379)


@app.post("/admin/cache/clear")
def clear_cache():
    cache.flushdb()
    return {"ok": True}
`;

const TS_SERVICE = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);

export class CacheService {
  async reset(): Promise<void> {
    await redis.flushall();
  }
}
`;

ruleTable('flush-command', {
  valid: [
    { name: 'dict.clear() is not Redis', path: 'app/cache.py', code: 'import redis\nr = redis.Redis()\nlocal = {}\nlocal.clear()\n' },
    { name: 'a class of its own with a flushall method', path: 'app/store.py', code: 'class Store:\n    def flushall(self):\n        self.items = {}\n\nstore = Store()\nstore.flushall()\n' },
    { name: 'reassigned to a non-Redis object before the call', path: 'app/cache.py', code: 'import redis\nfrom app.fake import FakeStore\n\nr = redis.Redis()\nr = FakeStore()\nr.flushall()\n' },
    { name: 'pytest fixture flushing its own server', path: 'tests/conftest.py', code: 'import pytest\nimport redis\n\n@pytest.fixture\ndef r():\n    client = redis.Redis()\n    yield client\n    client.flushdb()\n' },
    { name: 'a Map named redis in TS', path: 'src/cache.ts', code: "import Redis from 'ioredis';\nconst redis = new Map<string, string>();\nredis.clear();\n" },
    // A JS variable reassigned to a non-client is still taken for the client (the JS resolver keeps the first binding): not tested here.
    { name: 'a non-Redis object with the same method in TS', path: 'src/store.ts', code: "import Redis from 'ioredis';\nimport { LocalStore } from './local';\nconst redis = new Redis();\nconst store = new LocalStore();\nstore.flushall();\nvoid redis;\n" },
    { name: 'a jest spec flushing before each test', path: 'src/cache.spec.ts', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nbeforeEach(async () => { await redis.flushdb(); });\n" },
  ],
  invalid: [
    { name: 'redis-py FLUSHDB in a Flask handler', path: 'app/admin.py', code: PY_ADMIN, errors: ['flush-command@10:11'], severities: ['warning'] },
    { name: 'asyncio FLUSHALL, asynchronous', path: 'app/jobs.py', code: 'import redis.asyncio as redis\n\nr = redis.Redis()\n\nasync def wipe():\n    await r.flushall(asynchronous=True)\n', errors: ['flush-command@6:13'] },
    { name: 'RedisCluster FLUSHALL', path: 'app/reset.py', code: 'from redis.cluster import RedisCluster\n\nrc = RedisCluster(host="cfg.example", port=6379)\nrc.flushall()\n', errors: ['flush-command@4:4'] },
    { name: 'raw execute_command FLUSHDB', path: 'app/reset.py', code: 'import redis\nr = redis.Redis()\nr.execute_command("FLUSHDB")\n', errors: ['flush-command@3:3'] },
    { name: 'ioredis FLUSHALL in a service', path: 'src/cache.ts', code: TS_SERVICE, errors: ['flush-command@7:17'] },
    { name: 'node-redis v4 flushAll / flushDb', path: 'src/reset.ts', code: "import { createClient } from 'redis';\nconst client = createClient();\nexport async function reset() {\n  await client.flushDb();\n  await client.flushAll('ASYNC');\n}\n", errors: ['flush-command@4:16', 'flush-command@5:16'] },
    { name: 'valkey-py FLUSHALL', path: 'app/reset.py', code: 'import valkey\nv = valkey.Valkey()\nv.flushall()\n', errors: ['flush-command@3:3'] },
    { name: 'iovalkey FLUSHDB', path: 'src/reset.ts', code: "import Redis from 'iovalkey';\nconst v = new Redis();\nv.flushdb();\n", errors: ['flush-command@3:3'] },
    { name: 'node-redis sendCommand FLUSHDB', path: 'src/reset.js', code: "const { createClient } = require('redis');\nconst client = createClient();\nclient.sendCommand(['FLUSHDB']);\n", errors: ['flush-command@3:8'] },
  ],
});
