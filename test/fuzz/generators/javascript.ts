/**
 * Random JavaScript / TypeScript / TSX modules on ioredis, iovalkey and node-redis: ESM and CommonJS imports,
 * clients bound at module level, in classes and as parameters, and calls in every form the extractor reads
 * (option objects, 'EX' arguments, MULTI chains, pipelines, raw commands), with literal and template keys.
 */
import fc from 'fast-check';

export type Dialect = 'javascript' | 'typescript' | 'tsx';

const CLIENTS: { imports: string[]; make: string[]; style: 'ioredis' | 'node-redis' }[] = [
  { imports: ["import Redis from 'ioredis';", "const Redis = require('ioredis');", "import { Redis } from 'ioredis';"], make: ['new Redis()', "new Redis('rediss://h:6379')", 'new Redis({ tls: {} })'], style: 'ioredis' },
  { imports: ["import Redis, { Cluster } from 'ioredis';", "const { Cluster } = require('ioredis');"], make: ['new Cluster([{ host: "h", port: 6379 }])', 'new Cluster([])'], style: 'ioredis' },
  { imports: ["import Redis from 'ioredis';"], make: ['new Redis.Cluster([])'], style: 'ioredis' },
  { imports: ["import Valkey from 'iovalkey';"], make: ['new Valkey()'], style: 'ioredis' },
  { imports: ["import { createClient } from 'redis';", "const { createClient } = require('redis');", "import { createClient } from '@redis/client';"], make: ['createClient()', "createClient({ url: 'rediss://h' })", 'await createClient().connect()'], style: 'node-redis' },
  { imports: ["import { createCluster } from 'redis';"], make: ['createCluster({ rootNodes: [] })'], style: 'node-redis' },
];

const key = fc.constantFrom(
  "'user:1'", '"user:2"', "'{user:1}:a'", "'{user:1}:b'", "'checkout:totals'", "'checkout:taxes'", "'*'", "'sess:*'", "''", "'{'", "'}{x}'",
  '`user:${id}`', '`user:${id}:meta`', '`{${id}}:a`', '`{${id}}:b`', '`{user:${id}}:c`', '`${prefix}:${id}`', "'cart:' + id", 'key', 'KEY', 'keys[0]', '`a${`b${id}`}`', 'String(id)', 'id!',
);
const value = fc.constantFrom("'v'", '1', 'JSON.stringify(item)', 'value', 'Buffer.from("x")', 'null');
const ttl = fc.constantFrom('60', 'TTL', '3600', '0');

const ioredisCall = (r: string) => fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `${r}.set(${k}, ${v})`),
  fc.tuple(key, value, ttl).map(([k, v, t]) => `${r}.set(${k}, ${v}, 'EX', ${t})`),
  fc.tuple(key, value, ttl).map(([k, v, t]) => `${r}.set(${k}, ${v}, 'PX', ${t}, 'NX')`),
  fc.tuple(key, ttl, value).map(([k, t, v]) => `${r}.setex(${k}, ${t}, ${v})`),
  fc.tuple(fc.constantFrom('hset', 'sadd', 'lpush', 'zadd', 'incr', 'pfadd', 'append', 'zincrby'), key, value).map(([m, k, v]) => `${r}.${m}(${k}, ${v})`),
  fc.tuple(key, ttl).map(([k, t]) => `${r}.expire(${k}, ${t})`),
  key.map((k) => `${r}.keys(${k})`),
  fc.tuple(key, key).map(([a, b]) => `${r}.mget(${a}, ${b})`),
  fc.tuple(key, key).map(([a, b]) => `${r}.mget([${a}, ${b}])`),
  fc.tuple(key, key).map(([a, b]) => `${r}.del(${a}, ${b})`),
  key.map((k) => `${r}.call('KEYS', ${k})`),
  key.map((k) => `${r}.scanStream({ match: ${k} })`),
  fc.tuple(key, value, key).map(([a, v, b]) => `${r}.multi().set(${a}, ${v}).expire(${b}, 60).exec()`),
  fc.tuple(key, value).map(([a, v]) => `${r}.pipeline().hset(${a}, 'f', ${v}).exec()`),
  fc.tuple(key).map(([k]) => `${r}?.get(${k})`),
);

const nodeRedisCall = (r: string) => fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `${r}.set(${k}, ${v})`),
  fc.tuple(key, value, ttl).map(([k, v, t]) => `${r}.set(${k}, ${v}, { EX: ${t} })`),
  fc.tuple(key, value, ttl).map(([k, v, t]) => `${r}.set(${k}, ${v}, { expiration: { type: 'EX', value: ${t} } })`),
  fc.tuple(fc.constantFrom('hSet', 'sAdd', 'lPush', 'zAdd', 'incr', 'pfAdd', 'append'), key, value).map(([m, k, v]) => `${r}.${m}(${k}, ${v})`),
  fc.tuple(key, ttl).map(([k, t]) => `${r}.expire(${k}, ${t})`),
  key.map((k) => `${r}.keys(${k})`),
  key.map((k) => `${r}.KEYS(${k})`),
  fc.tuple(key, key).map(([a, b]) => `${r}.mGet([${a}, ${b}])`),
  fc.tuple(key, key).map(([a, b]) => `${r}.del([${a}, ${b}])`),
  key.map((k) => `${r}.sendCommand(['KEYS', ${k}])`),
  key.map((k) => `${r}.scanIterator({ MATCH: ${k} })`),
  fc.tuple(key, value).map(([a, v]) => `${r}.multi().incr(${a}).zAdd(${a}, { score: 1, value: ${v} }).exec()`),
);

const indent = (lines: string[], pad: string) => lines.map((l) => (l ? pad + l : l));

const statements = (call: fc.Arbitrary<string>, pad: string): fc.Arbitrary<string[]> => fc.letrec<{ s: string[] }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small' },
    { weight: 5, arbitrary: fc.tuple(call, fc.boolean(), fc.constantFrom('', 'const x = ', 'return ', 'void ')).map(([c, aw, lead]) => [`${lead}${aw ? 'await ' : ''}${c};`]) },
    { weight: 1, arbitrary: fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((b) => ['for (const id of ids) {', ...indent(b.flat(), pad), '}']) },
    { weight: 1, arbitrary: fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((b) => ['if (id) {', ...indent(b.flat(), pad), '} else {', `${pad}throw new Error('no id');`, '}']) },
    { weight: 1, arbitrary: fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((b) => ['try {', ...indent(b.flat(), pad), '} catch (e) {', `${pad}console.error(e);`, '}']) },
    { weight: 1, arbitrary: call.map((c) => [`ids.forEach((id) => ${c});`]) },
  ),
})).s;

function typed(dialect: Dialect, text: string, annotation: string): string {
  return dialect === 'javascript' ? text : `${text}: ${annotation}`;
}

export const jsModule = (dialect: Dialect): fc.Arbitrary<string> => fc.tuple(
  fc.subarray(CLIENTS, { minLength: 1, maxLength: 2 }),
  fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
  fc.constantFrom('  ', '    ', '\t'),
  fc.constantFrom('redis', 'client', 'this.redis'),
  fc.constantFrom('\n', '\r\n'),
).chain(([clients, [pi, pm], pad, receiver, eol]) => {
  const c = clients[0];
  const r = receiver;
  const call = c.style === 'ioredis' ? ioredisCall(r) : nodeRedisCall(r);
  const fn = fc.tuple(fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/), fc.array(statements(call, pad), { minLength: 1, maxLength: 4 }), fc.constantFrom('function', 'arrow', 'method', 'component'))
    .map(([name, body, shape]) => {
      const params = `${typed(dialect, 'id', 'string')}, ${typed(dialect, 'ids', 'string[]')}`;
      const lines = body.flat();
      if (shape === 'component' && dialect !== 'typescript') {
        return [`export function ${name[0].toUpperCase()}${name.slice(1)}({ id, ids }${dialect === 'tsx' ? ': { id: string; ids: string[] }' : ''}) {`, `${pad}const onClick = async () => {`, ...indent(lines, pad + pad), `${pad}};`, `${pad}return <button onClick={onClick} data-id={id}>{ids.length > 0 ? <b>{id}</b> : 'none'}</button>;`, '}'];
      }
      if (shape === 'arrow') return [`export const ${name} = async (${params}) => {`, ...indent(lines, pad), '};'];
      return [`export async function ${name}(${params})${dialect === 'javascript' ? '' : ': Promise<unknown>'} {`, ...indent(lines, pad), '}'];
    });
  return fc.array(fn, { minLength: 1, maxLength: 4 }).map((fns) => {
    const head = [...clients.map((x) => x.imports[pi % x.imports.length]), 'const TTL = 300;', 'const prefix = "p";'];
    let body: string[];
    if (r === 'this.redis') {
      const methods = fns.map((f) => f.map((l) => l.replace(/^export async function (\w+)/, 'async $1').replace(/^export const (\w+) = async \((.*)\) => \{$/, 'async $1($2) {').replace(/^export function (\w+)/, '$1').replace(/^\};$/, '}')));
      body = ['export class Store {', `${pad}${dialect === 'javascript' ? '' : 'private readonly '}redis = ${c.make[pm % c.make.length].replace('await ', '')};`, ...indent(methods.flat(), pad), '}'];
    } else {
      body = [`const ${r} = ${c.make[pm % c.make.length]};`, ...fns.flat()];
    }
    return [...head, '', ...body, ''].join('\n').replace(/\n/g, eol);
  });
});

export function bigScript(bytes: number, dialect: Dialect): string {
  const ts = dialect !== 'javascript';
  const parts = [`import Redis, { Cluster } from 'ioredis';\nconst redis = new Redis();\nconst cluster = new Cluster([]);\n`];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const f = `\nexport async function handler${i}(id${ts ? ': string' : ''}) {\n  await redis.set(\`user:\${id}:${i}\`, 'v');\n  const stale = await redis.keys('s:${i}:*');\n  await cluster.mget(\`a:\${id}\`, \`b:\${id}\`);\n  await redis.multi().hset(\`h:\${id}\`, 'f', ${i}).expire(\`h:\${id}\`, 60).exec();\n  return stale;\n}\n`;
    parts.push(f);
    size += f.length;
  }
  return parts.join('');
}
