import { ruleTable } from './table';

const PY = 'import redis\nr = redis.Redis()\n';
const PYC = 'from redis.cluster import RedisCluster\nrc = RedisCluster(host="h")\n';
const TSC = "import { Cluster } from 'ioredis';\nconst c = new Cluster([]);\n";

// Slots: 'user:42:profile' → 9133, 'user:42:settings' → 4554 (different); '{user:42}:…' share one.
ruleTable('cross-slot-keys', {
  valid: [
    { name: 'hash-tagged literal keys share a slot', path: 'src/a.py', code: PYC + 'rc.mget("{user:42}:profile", "{user:42}:settings")\n' },
    { name: 'one key', path: 'src/a.py', code: PYC + 'rc.mget(["user:42:profile"])\n' },
    { name: 'RedisCluster splits DEL by slot itself', path: 'src/a.py', code: PYC + 'rc.delete("user:42:profile", "user:42:settings")\n' },
    { name: 'mget_nonatomic splits by slot', path: 'src/a.py', code: PYC + 'rc.mget_nonatomic(["user:42:profile", "user:42:settings"])\n' },
    { name: 'known cluster-mode-disabled workspace: no CROSSSLOT possible', path: 'src/a.py', code: PY + 'r.mget("user:42:profile", "user:42:settings")\n', context: { clusterMode: 'no' } },
    { name: 'dynamic keys are the other rule', path: 'src/a.py', code: PYC + 'def f(u):\n    rc.mget(f"a:{u}", f"b:{u}")\n' },
  ],
  invalid: [
    { name: 'cluster client, literal keys in two slots', path: 'src/a.py', code: PYC + 'rc.mget("user:42:profile", "user:42:settings")\n', errors: ['cross-slot-keys@3:4'], severities: ['error'] },
    { name: 'plain client, unknown context: warning', path: 'src/a.py', code: PY + 'r.mget("user:42:profile", "user:42:settings")\n', errors: ['cross-slot-keys@3:3'], severities: ['warning'] },
    { name: 'plain client, cluster-mode workspace: error', path: 'src/a.py', code: PY + 'r.sunion("user:42:profile", "user:42:settings")\n', context: { clusterMode: 'yes' }, errors: ['cross-slot-keys@3:3'], severities: ['error'] },
    { name: 'redis-py DEL on a plain client in cluster mode', path: 'src/a.py', code: PY + 'r.delete("user:42:profile", "user:42:settings")\n', context: { clusterMode: 'yes' }, errors: ['cross-slot-keys@3:3'] },
    { name: 'ioredis cluster MGET', path: 'src/a.ts', code: TSC + "c.mget('user:42:profile', 'user:42:settings');\n", errors: ['cross-slot-keys@3:3'] },
    { name: 'ioredis MULTI touching two slots', path: 'src/a.ts', code: TSC + "c.multi().set('user:42:profile', 'a', 'EX', 5).set('user:42:settings', 'b', 'EX', 5).exec();\n", errors: ['cross-slot-keys@3:11'] },
    { name: 'RENAME across slots', path: 'src/a.py', code: PYC + 'rc.rename("user:42:profile", "user:42:settings")\n', errors: ['cross-slot-keys@3:4'] },
  ],
});

ruleTable('missing-hash-tag', {
  valid: [
    { name: 'same dynamic hash tag', path: 'src/a.ts', code: TSC + 'export const f = (id: string) => c.mget(`{user:${id}}:a`, `{user:${id}}:b`);\n' },
    { name: 'same dynamic hash tag in an f-string', path: 'src/a.py', code: PYC + 'def f(u):\n    return rc.mget(f"{{user:{u}}}:a", f"{{user:{u}}}:b")\n' },
    { name: 'literal keys are the other rule', path: 'src/a.py', code: PYC + 'rc.mget("user:42:profile", "user:42:settings")\n' },
    { name: 'node-redis v4 commandOptions() is no key: one queue, one slot', path: 'deploy-service/src/index.ts', code: "import { createClient, commandOptions } from 'redis';\n\nconst subscriber = createClient();\nawait subscriber.connect();\n\nexport async function nextBuild(): Promise<string | undefined> {\n  const popped = await subscriber.brPop(commandOptions({ isolated: true }), 'build-queue', 0);\n  return popped?.element;\n}\n" },
  ],
  invalid: [
    { name: 'dynamic keys without a tag on a cluster client', path: 'src/a.py', code: PYC + 'def f(u):\n    return rc.mget(f"cart:{u}", f"wish:{u}")\n', errors: ['missing-hash-tag@4:15'], severities: ['warning'] },
    { name: 'unknown context: info', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\ndef f(a, b):\n    return r.mget(a, b)\n', errors: ['missing-hash-tag@4:14'], severities: ['info'] },
    { name: 'different dynamic tags', path: 'src/a.ts', code: TSC + 'export const f = (a: string, b: string) => c.mget(`{u:${a}}:x`, `{u:${b}}:x`);\n', errors: ['missing-hash-tag@3:46'] },
  ],
});

ruleTable('cross-slot-keys', {
  valid: [
    { name: 'a plain pipeline on a non-cluster ioredis client', path: 'src/p.ts', code: "import Redis from 'ioredis';\nconst r = new Redis();\nconst p = r.pipeline();\np.get('user:42:profile');\np.get('user:42:settings');\np.exec();\n" },
  ],
  invalid: [
    { name: 'an ioredis cluster pipeline must stay on one node', path: 'src/p.ts', code: TSC + "const p = c.pipeline();\np.get('user:42:profile');\np.get('user:42:settings');\np.exec();\n", errors: ['cross-slot-keys@4:3'] },
  ],
});

ruleTable('missing-hash-tag', {
  valid: [
    { name: 'mget(keys) on a plain client with unknown context: a collection might be one key', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\ndef f(keys):\n    return r.mget(keys)\n' },
    { name: 'delete(key) with one variable is one key', path: 'src/a.py', code: PYC + 'def f(key):\n    rc.delete(key)\n' },
  ],
  invalid: [
    { name: 'mget(keys) on a cluster client', path: 'src/a.py', code: PYC + 'def f(keys):\n    return rc.mget(keys)\n', errors: ['missing-hash-tag@4:15'], severities: ['warning'] },
    { name: 'node-redis mGet(list) when the workspace is cluster mode', path: 'src/a.ts', code: "import { createClient } from 'redis';\nconst c = createClient();\nexport const f = (ids: string[]) => c.mGet(ids.map((i) => `s:${i}`));\n", context: { clusterMode: 'yes' }, errors: ['missing-hash-tag@3:39'] },
  ],
});

ruleTable('cross-slot-keys', {
  valid: [],
  invalid: [
    { name: 'one node of an ioredis cluster still needs one slot for a multi-key command', path: 'src/n.ts', code: TSC + "for (const node of c.nodes('master')) node.mget('user:42:profile', 'user:42:settings');\n", errors: ['cross-slot-keys@3:44'], severities: ['error'] },
  ],
});

ruleTable('missing-hash-tag', {
  valid: [
    { name: 'clusterMode disabled by setting: no CROSSSLOT possible', path: 'src/a.py', code: 'import redis\nr = redis.Redis()\ndef f(a, b):\n    return r.mget(a, b)\n', settings: { context: { clusterMode: 'disabled' } } },
  ],
  invalid: [],
});

// TypeScript services on cluster clients, ioredis and node-redis.
const NRC = "import { createCluster } from 'redis';\nconst cluster = createCluster({ rootNodes: [{ url: process.env.REDIS_URL }] });\n";
ruleTable('cross-slot-keys', {
  valid: [
    { name: 'node-redis cluster MGET of one hash tag', path: 'src/profile.ts', code: NRC + "export const load = () => cluster.mGet(['{user:42}:profile', '{user:42}:settings']);\n" },
    { name: 'a Map with an mget-like helper', path: 'src/profile.ts', code: NRC + "const local = { mget: (...k: string[]) => k };\nexport const load = () => local.mget('user:42:profile', 'user:42:settings');\n" },
    { name: 'ioredis Cluster DEL of one key', path: 'src/profile.ts', code: TSC + "export const drop = () => c.del('user:42:profile');\n" },
  ],
  invalid: [
    { name: 'node-redis cluster MGET across slots', path: 'src/profile.ts', code: NRC + "export const load = () => cluster.mGet(['user:42:profile', 'user:42:settings']);\n", errors: ['cross-slot-keys@3:35'] },
    { name: 'ioredis Cluster DEL across slots (ioredis does not split it)', path: 'src/profile.ts', code: TSC + "export const drop = () => c.del('user:42:profile', 'user:42:settings');\n", errors: ['cross-slot-keys@3:29'] },
  ],
});

ruleTable('missing-hash-tag', {
  valid: [
    { name: 'node-redis cluster: per-user keys under one dynamic tag', path: 'src/cart.ts', code: NRC + 'export const load = (id: string) => cluster.mGet([`{cart:${id}}:items`, `{cart:${id}}:totals`]);\n' },
  ],
  invalid: [
    { name: 'node-redis cluster: per-user keys without a tag', path: 'src/cart.ts', code: NRC + 'export const load = (id: string) => cluster.mGet([`cart:${id}:items`, `cart:${id}:totals`]);\n', errors: ['missing-hash-tag@3:45'] },
    { name: 'ioredis Cluster transaction over per-user keys', path: 'src/cart.ts', code: TSC + 'export const save = (id: string) => c.multi().set(`cart:${id}:items`, "[]").set(`cart:${id}:totals`, "0").exec();\n', errors: ['missing-hash-tag@3:47'] },
  ],
});
