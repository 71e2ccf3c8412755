import { ruleTable } from './table';

const PY = 'import redis\nr = redis.Redis()\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

ruleTable('missing-ttl', {
  valid: [
    { name: 'ex= keyword', path: 'src/a.py', code: PY + 'r.set("k", 1, ex=60)\n' },
    { name: 'third positional argument is ex', path: 'src/a.py', code: PY + 'r.set("k", 1, 60)\n' },
    { name: 'setex', path: 'src/a.py', code: PY + 'r.setex("k", 60, 1)\n' },
    { name: 'keepttl', path: 'src/a.py', code: PY + 'r.set("k", 1, keepttl=True)\n' },
    { name: 'SET then EXPIRE on the same key expression', path: 'src/a.py', code: PY + 'def f(uid):\n    r.set(f"u:{uid}", 1)\n    r.expire(f"u:{uid}", 60)\n' },
    { name: 'HSET with EXPIRE before it still expires', path: 'src/a.py', code: PY + 'def f(k):\n    r.expire(k, 60)\n    r.hset(k, "a", 1)\n' },
    { name: 'options from **kwargs are unknown, not missing', path: 'src/a.py', code: PY + 'def f(k, **kw):\n    r.set(k, 1, **kw)\n' },
    { name: "ioredis 'EX' tokens", path: 'src/a.ts', code: TS + "redis.set('k', 'v', 'EX', 60);\n" },
    { name: 'ioredis INCR then EXPIRE', path: 'src/a.ts', code: TS + 'async function f(ip: string) {\n  await redis.incr(`r:${ip}`);\n  await redis.expire(`r:${ip}`, 60);\n}\n' },
    { name: 'node-redis { EX }', path: 'src/a.ts', code: "import { createClient } from 'redis';\nconst c = createClient();\nc.set('k', 'v', { EX: 60 });\n" },
    { name: 'a Map.set is not Redis', path: 'src/a.ts', code: TS + "const m = new Map();\nm.set('k', 1);\n" },
  ],
  invalid: [
    { name: 'plain SET', path: 'src/a.py', code: PY + 'r.set("k", 1)\n', errors: ['missing-ttl@3:3'] },
    { name: 'EXPIRE before SET does not count (SET resets the TTL)', path: 'src/a.py', code: PY + 'def f(k):\n    r.expire(k, 60)\n    r.set(k, 1)\n', errors: ['missing-ttl@5:7'] },
    { name: 'EXPIRE on another key does not count', path: 'src/a.py', code: PY + 'def f(a, b):\n    r.hset(a, "x", 1)\n    r.expire(b, 60)\n', errors: ['missing-ttl@4:7'] },
    { name: 'EXPIRE in another function does not count', path: 'src/a.py', code: PY + 'def f(k):\n    r.sadd(k, 1)\n\ndef g(k):\n    r.expire(k, 60)\n', errors: ['missing-ttl@4:7'] },
    { name: 'pipeline write without expiry', path: 'src/a.py', code: PY + 'def f(k):\n    with r.pipeline() as p:\n        p.lpush(k, 1)\n        p.execute()\n', errors: ['missing-ttl@5:11'] },
    { name: 'ioredis SET without TTL', path: 'src/a.ts', code: TS + "redis.set('k', 'v');\n", errors: ['missing-ttl@3:7'] },
    { name: 'node-redis hSet', path: 'src/a.ts', code: "import { createClient } from 'redis';\nconst c = createClient();\nc.hSet('h', 'f', 'v');\n", errors: ['missing-ttl@3:3'] },
    { name: 'suppressed on the next line only', path: 'src/a.py', code: PY + '# cachelint-disable-next-line missing-ttl\nr.set("a", 1)\nr.set("b", 1)\n', errors: ['missing-ttl@5:3'] },
  ],
});

ruleTable('missing-ttl', {
  valid: [
    { name: 'a list pushed and popped in the same module is a work queue', path: 'src/q.ts', code: TS + "export const put = (job: string) => redis.rpush('jobs', job);\nexport const take = () => redis.blpop('jobs', 5);\n" },
    { name: 'MSET of a mapping variable: the keys cannot be named', path: 'src/a.py', code: PY + 'def f(to_set):\n    r.mset(to_set)\n' },
    { name: 'a splatted key', path: 'src/a.py', code: PY + 'def f(data):\n    r.hmset(*data)\n' },
  ],
  invalid: [
    { name: 'pushes without a consumer in the module', path: 'src/q.ts', code: TS + "export const log = (line: string) => redis.rpush('audit', line);\n", errors: ['missing-ttl@3:44'] },
    { name: 'three pushes to one list in one function are one finding', path: 'src/a.py', code: PY + 'def f():\n    r.rpush("greets", 1)\n    r.rpush("greets", 2)\n    r.rpush("greets", 3)\n', errors: ['missing-ttl@4:7'] },
  ],
});

ruleTable('missing-ttl', {
  valid: [
    { name: 'the same literal key in other quotes', path: 'src/a.py', code: PY + 'def f():\n    r.set("k", 1)\n    r.expire(\'k\', 10)\n' },
  ],
  invalid: [],
});
