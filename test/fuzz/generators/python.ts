/**
 * Random Python modules that talk to Redis: the imports and constructions the extractor recognises, clients bound
 * at module level, as parameters, as attributes and from factories, and calls with literal, f-string, formatted
 * and hash-tagged keys inside functions, loops, pipelines and transactions.
 */
import fc from 'fast-check';

const IMPORTS: { text: string; make: string[] }[] = [
  { text: 'import redis', make: ['redis.Redis()', 'redis.StrictRedis(host="h")', 'redis.Redis.from_url(URL)', 'redis.RedisCluster(host="h")', 'redis.cluster.RedisCluster()'] },
  { text: 'from redis import Redis, StrictRedis', make: ['Redis()', 'StrictRedis(ssl=True)', 'Redis(connection_pool=pool)'] },
  { text: 'from redis.cluster import RedisCluster', make: ['RedisCluster(host="h", port=6379)', 'RedisCluster.from_url(URL)'] },
  { text: 'import redis.asyncio as aioredis', make: ['aioredis.Redis()', 'aioredis.from_url(URL)'] },
  { text: 'import valkey', make: ['valkey.Valkey()', 'valkey.ValkeyCluster()'] },
  { text: 'from valkey import Valkey', make: ['Valkey()'] },
  { text: 'import rediscluster', make: ['rediscluster.RedisCluster(startup_nodes=[])'] },
];

const key = fc.oneof(
  fc.constantFrom('"user:1"', "'user:2'", '"{user:1}:a"', '"{user:1}:b"', '"checkout:totals"', '"checkout:taxes"', '"*"', '"session:*"', '"{}"', '"{"', '"}{x}"', '""', 'b"bytes:1"', 'r"raw:\\d"', '"""tri"""'),
  fc.constantFrom('f"user:{uid}"', 'f"user:{uid}:meta"', 'f"{{{uid}}}:a"', 'f"{{{uid}}}:b"', 'f"{{user:{uid}}}:c"', 'f"{prefix}:{uid!r:>4}"', '"cart:" + uid', '"cart:%s" % uid', '"cart:{}".format(uid)', 'key', 'KEY', 'keys[0]', 'f"{a}" f"{b}"', 'str(uid)'),
);
const value = fc.constantFrom('1', '"v"', 'json.dumps(item)', 'value', 'b"\\x00"', 'None', '3.5');
const ttl = fc.constantFrom('60', 'TTL', '3600', 'timedelta(hours=1)', '0', '-1');

/** One statement on receiver `r`. */
const call = (r: string) => fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `${r}.set(${k}, ${v})`),
  fc.tuple(key, value, ttl).map(([k, v, t]) => `${r}.set(${k}, ${v}, ex=${t})`),
  fc.tuple(key, value, ttl).map(([k, v, t]) => `${r}.set(${k}, ${v}, px=${t}, nx=True)`),
  fc.tuple(key, ttl, value).map(([k, t, v]) => `${r}.setex(${k}, ${t}, ${v})`),
  fc.tuple(key, value).map(([k, v]) => `${r}.hset(${k}, "f", ${v})`),
  fc.tuple(key).map(([k]) => `${r}.hset(${k}, mapping={"a": 1})`),
  fc.tuple(fc.constantFrom('sadd', 'lpush', 'rpush', 'zadd', 'incr', 'incrby', 'pfadd', 'xadd', 'append', 'getset'), key, value).map(([m, k, v]) => `${r}.${m}(${k}, ${v})`),
  fc.tuple(key, ttl).map(([k, t]) => `${r}.expire(${k}, ${t})`),
  key.map((k) => `${r}.keys(${k})`),
  fc.constant(`${r}.keys()`),
  key.map((k) => `${r}.keys(pattern=${k})`),
  key.map((k) => `[k for k in ${r}.keys(${k})]`),
  fc.tuple(key, key).map(([a, b]) => `${r}.mget(${a}, ${b})`),
  fc.tuple(key, key).map(([a, b]) => `${r}.mget([${a}, ${b}])`),
  fc.tuple(key, key, key).map(([a, b, c]) => `${r}.delete(${a}, ${b}, ${c})`),
  fc.tuple(key, key).map(([a, b]) => `${r}.sunionstore(${a}, ${b})`),
  fc.tuple(key, key).map(([a, b]) => `${r}.rename(${a}, ${b})`),
  fc.tuple(key).map(([k]) => `${r}.execute_command("KEYS", ${k})`),
  fc.tuple(key).map(([k]) => `${r}.get(${k})`),
  fc.tuple(key).map(([k]) => `${r}.scan_iter(match=${k})`),
);

type Stmt = string[];

const indent = (lines: string[], pad: string) => lines.map((l) => (l ? pad + l : l));

/** Statements, some opening blocks (loops, with-pipelines, try, if): the nesting the extractor scopes by. */
const statements = (r: string, pad: string): fc.Arbitrary<Stmt> => fc.letrec<{ s: Stmt }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small' },
    { weight: 5, arbitrary: fc.tuple(call(r), fc.boolean(), fc.boolean()).map(([c, aw, assign]) => [`${assign ? 'x = ' : ''}${aw ? 'await ' : ''}${c}`]) },
    { weight: 1, arbitrary: fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((b) => ['for uid in ids:', ...indent(b.flat(), pad)]) },
    { weight: 1, arbitrary: fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((b) => ['if uid:', ...indent(b.flat(), pad), 'else:', `${pad}pass`]) },
    { weight: 1, arbitrary: fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((b) => ['try:', ...indent(b.flat(), pad), 'except Exception:', `${pad}raise`]) },
    { weight: 1, arbitrary: fc.tuple(fc.array(call('p'), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([cs, tx]) => [`with ${r}.pipeline(transaction=${tx ? 'True' : 'False'}) as p:`, ...indent([...cs, 'p.execute()'], pad)]) },
    { weight: 1, arbitrary: fc.array(call('pipe'), { minLength: 1, maxLength: 3 }).map((cs) => [`pipe = ${r}.pipeline()`, ...cs, 'pipe.execute()']) },
    { weight: 1, arbitrary: call(r).map((c) => [`handler = lambda uid: ${c}`]) },
  ),
})).s;

const func = (r: string, pad: string) => fc.tuple(
  fc.stringMatching(/^[a-z][a-z_]{0,8}$/),
  fc.constantFrom('uid', 'uid, key', 'uid: str, *, key=None', 'self, uid', 'r: redis.Redis, uid', 'uid, ids=()'),
  fc.array(statements(r, pad), { minLength: 1, maxLength: 5 }),
  fc.constantFrom('', '@app.get("/x")\n', '@staticmethod\n', '@decorator(1)\n'),
  fc.boolean(),
).map(([name, params, body, deco, isAsync]) => `${deco}${isAsync ? 'async ' : ''}def ${name}(${params}):\n${indent(body.flat(), pad).join('\n')}\n`);

export const pythonModule: fc.Arbitrary<string> = fc.tuple(
  fc.subarray(IMPORTS, { minLength: 1 }),
  fc.constantFrom('    ', '  ', '\t'),
  fc.constantFrom('r', 'cache', 'client'),
  fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  fc.constantFrom('module', 'class', 'factory'),
  fc.constantFrom('\n', '\r\n'),
).chain(([imports, pad, r, picks, shape, eol]) => {
  const makes = imports.flatMap((i) => i.make);
  const client = makes[picks[0] % makes.length];
  const receiver = shape === 'class' ? 'self.client' : shape === 'factory' ? 'get_client()' : r;
  return fc.array(func(receiver, pad), { minLength: 1, maxLength: 4 }).map((fns) => {
    const head = ['import json', ...imports.map((i) => i.text), 'URL = "rediss://cache:6379"', 'TTL = 300'];
    let body: string;
    if (shape === 'class') {
      const methods = fns.map((f) => f.replace(/def (\w+)\(/, 'def $1(self, ').replace(/\(self, self, /, '(self, ').replace(/, \)/, ')'));
      body = `class Store:\n${pad}def __init__(self):\n${pad}${pad}self.client = ${client}\n\n${indent(methods.join('\n').split('\n'), pad).join('\n')}\n`;
    } else if (shape === 'factory') {
      body = `def get_client() -> redis.Redis:\n${pad}return ${client}\n\n${fns.join('\n')}`;
    } else {
      body = `${r} = ${client}\n\n${fns.join('\n\n')}`;
    }
    return [...head, '', body].join('\n').replace(/\n/g, eol);
  });
});

export function bigPython(bytes: number): string {
  const parts = ['import redis\nfrom redis.cluster import RedisCluster\n\nr = redis.Redis()\nrc = RedisCluster()\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const f = `\n\ndef handler_${i}(uid, ids):\n    r.set(f"user:{uid}:${i}", 1)\n    for k in r.keys("s:${i}:*"):\n        r.delete(k)\n    rc.mget(f"a:{uid}", f"b:{uid}")\n    with r.pipeline() as p:\n        p.hset(f"h:{uid}", "f", ${i})\n        p.expire(f"h:{uid}", 60)\n        p.execute()\n`;
    parts.push(f);
    size += f.length;
  }
  return parts.join('');
}
