/**
 * Cross-language conformance: the same Redis call written with redis-py, ioredis and node-redis must give the same
 * neutral summary — command, subcommand, keys, the arguments in protocol order (kinds and values), the expiry the
 * call states, the batch. It is the table that keeps every extractor and library adapter honest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallArg, CallSite, ClientConstruction, ConnectionSetting, KeyArg } from '../../../server/src/model/code';
import { analyzeSource } from '../../support/analyze';
import { flatArgs } from '../../../server/src/formats/code/core/args';
import { parsePython } from '../python/support';
import { parse } from '../javascript/helpers';

const PY = 'import redis\nr = redis.Redis()\n';
const IOREDIS = "import Redis from 'ioredis';\nconst r = new Redis();\n";
const NODE_REDIS = "import { createClient } from 'redis';\nconst c = createClient();\n";

function arg(a: CallArg): string {
  switch (a.kind) {
    case 'string':
      return a.value !== undefined ? `'${a.value}'` : `\`${a.segments.map((s) => (s.kind === 'literal' ? s.value : '{}')).join('')}\``;
    case 'number': return String(a.value);
    case 'keyword': return a.conditional ? `${a.name}?` : a.name;
    case 'spread': return '...';
    default: return '?';
  }
}

function key(k: KeyArg): string {
  if (k.kind === 'literal') return k.value;
  if (k.kind === 'template') return `tpl:${k.literalPrefix}${k.hashTag !== undefined ? `#${k.hashTag}` : ''}`;
  return '?';
}

/** `COMMAND [SUB] keys=[…] args=[…] ttl=… nx batch=tx|pipe`. */
function summary(c: CallSite): string {
  const parts = [c.subcommand ? `${c.command} ${c.subcommand}` : c.command, `keys=[${c.keys.map(key).join(' ')}]`, `args=[${flatArgs(c.args).map(arg).join(' ')}]`];
  if (c.options.expiry) parts.push(`ttl=${c.options.expiry}`);
  if (c.options.nx) parts.push('nx');
  if (c.batch) parts.push(`batch=${c.batch.transactional ? 'tx' : 'pipe'}`);
  return parts.join(' ');
}

interface Case { name: string; py: string; io: string; nr: string; expect: string[] }

const CASES: Case[] = [
  { name: 'SET without expiry', py: "r.set('k', 'v')", io: "r.set('k', 'v')", nr: "c.set('k', 'v')", expect: ["SET keys=[k] args=['k' 'v'] ttl=none"] },
  { name: 'SET EX', py: "r.set('k', 'v', ex=10)", io: "r.set('k', 'v', 'EX', 10)", nr: "c.set('k', 'v', { EX: 10 })", expect: ["SET keys=[k] args=['k' 'v' EX 10] ttl=set"] },
  // redis-py's third positional parameter is `ex`.
  { name: 'SET EX, redis-py positional', py: "r.set('k', 'v', 10)", io: "r.set('k', 'v', 'ex', 10)", nr: "c.set('k', 'v', { expiration: { type: 'EX', value: 10 } })", expect: ["SET keys=[k] args=['k' 'v' EX 10] ttl=set"] },
  { name: 'SET PX', py: "r.set('k', 'v', px=1500)", io: "r.set('k', 'v', 'PX', 1500)", nr: "c.set('k', 'v', { PX: 1500 })", expect: ["SET keys=[k] args=['k' 'v' PX 1500] ttl=set"] },
  { name: 'SET KEEPTTL', py: "r.set('k', 'v', keepttl=True)", io: "r.set('k', 'v', 'KEEPTTL')", nr: "c.set('k', 'v', { KEEPTTL: true })", expect: ["SET keys=[k] args=['k' 'v' KEEPTTL] ttl=keep"] },
  { name: 'SET EX NX', py: "r.set('lock', '1', ex=5, nx=True)", io: "r.set('lock', '1', 'EX', 5, 'NX')", nr: "c.set('lock', '1', { EX: 5, NX: true })", expect: ["SET keys=[lock] args=['lock' '1' EX 5 NX] ttl=set nx"] },
  { name: 'SET with an expiry decided at run time', py: "r.set('k', 'v', keepttl=keep)", io: "r.set('k', 'v', mode, ttl)", nr: "c.set('k', 'v', opts)", expect: ['*'] },
  { name: 'SETEX', py: "r.setex('k', 10, 'v')", io: "r.setex('k', 10, 'v')", nr: "c.setEx('k', 10, 'v')", expect: ["SETEX keys=[k] args=['k' 10 'v'] ttl=set"] },
  { name: 'GETEX', py: "r.getex('k', ex=60)", io: "r.getex('k', 'EX', 60)", nr: "c.getEx('k', { EX: 60 })", expect: ["GETEX keys=[k] args=['k' EX 60]"] },
  { name: 'EXPIRE', py: "r.expire('k', 60)", io: "r.expire('k', 60)", nr: "c.expire('k', 60)", expect: ["EXPIRE keys=[k] args=['k' 60]"] },
  { name: 'MSET from a mapping', py: "r.mset({'a': '1', 'b': '2'})", io: "r.mset({ a: '1', b: '2' })", nr: "c.mSet({ a: '1', b: '2' })", expect: ["MSET keys=[a b] args=['a' '1' 'b' '2'] ttl=none"] },
  { name: 'MGET with a list', py: "r.mget(['a', 'b'])", io: "r.mget(['a', 'b'])", nr: "c.mGet(['a', 'b'])", expect: ["MGET keys=[a b] args=['a' 'b']"] },
  { name: 'MGET with a list variable', py: 'r.mget(ids)', io: 'r.mget(ids)', nr: 'c.mGet(ids)', expect: ['MGET keys=[?] args=[?]'] },
  { name: 'DEL with several keys', py: "r.delete('a', 'b', 'c')", io: "r.del('a', 'b', 'c')", nr: "c.del(['a', 'b', 'c'])", expect: ["DEL keys=[a b c] args=['a' 'b' 'c']"] },
  { name: 'EVAL with numkeys', py: "r.eval('return 1', 2, 'k1', 'k2', 'x')", io: "r.eval('return 1', 2, 'k1', 'k2', 'x')", nr: "c.eval('return 1', { keys: ['k1', 'k2'], arguments: ['x'] })", expect: ["EVAL keys=[k1 k2] args=['return 1' 2 'k1' 'k2' 'x']"] },
  { name: 'XREAD BLOCK … STREAMS', py: "r.xread({'s1': '0', 's2': '0'}, block=1000)", io: "r.xread('BLOCK', 1000, 'STREAMS', 's1', 's2', '0', '0')", nr: "c.xRead([{ key: 's1', id: '0' }, { key: 's2', id: '0' }], { BLOCK: 1000 })", expect: ["XREAD keys=[s1 s2] args=[BLOCK 1000 STREAMS 's1' 's2' '0' '0']"] },
  // redis-py's blpop(keys, timeout=0): left out, the timeout is 0 and the call blocks forever.
  { name: 'BLPOP with timeout 0', py: "r.blpop(['q1', 'q2'])", io: "r.blpop('q1', 'q2', 0)", nr: "c.blPop(['q1', 'q2'], 0)", expect: ["BLPOP keys=[q1 q2] args=['q1' 'q2' 0]"] },
  { name: 'BRPOPLPUSH', py: "r.brpoplpush('src', 'dst', 5)", io: "r.brpoplpush('src', 'dst', 5)", nr: "c.brPopLPush('src', 'dst', 5)", expect: ["BRPOPLPUSH keys=[src dst] args=['src' 'dst' 5]"] },
  { name: 'LMOVE with its directions', py: "r.lmove('a', 'b')", io: "r.lmove('a', 'b', 'LEFT', 'RIGHT')", nr: "c.lMove('a', 'b', 'LEFT', 'RIGHT')", expect: ["LMOVE keys=[a b] args=['a' 'b' 'LEFT' 'RIGHT']"] },
  { name: 'ZUNIONSTORE', py: "r.zunionstore('dst', ['z1', 'z2'])", io: "r.zunionstore('dst', 2, 'z1', 'z2')", nr: "c.zUnionStore('dst', ['z1', 'z2'])", expect: ["ZUNIONSTORE keys=[dst z1 z2] args=['dst' 2 'z1' 'z2']"] },
  { name: 'OBJECT ENCODING', py: "r.object('encoding', 'k')", io: "r.object('ENCODING', 'k')", nr: "c.objectEncoding('k')", expect: ["OBJECT ENCODING keys=[k] args=['k']"] },
  { name: 'CONFIG GET', py: "r.config_get('maxmemory')", io: "r.config('GET', 'maxmemory')", nr: "c.configGet('maxmemory')", expect: ["CONFIG GET keys=[] args=['maxmemory']"] },
  { name: 'CONFIG SET, raw', py: "r.execute_command('CONFIG', 'SET', 'maxmemory', '1gb')", io: "r.call('CONFIG', 'SET', 'maxmemory', '1gb')", nr: "c.sendCommand(['CONFIG', 'SET', 'maxmemory', '1gb'])", expect: ["CONFIG SET keys=[] args=['maxmemory' '1gb']"] },
  { name: 'CLIENT KILL', py: "r.client_kill('10.0.0.1:6379')", io: "r.client('KILL', '10.0.0.1:6379')", nr: "c.sendCommand(['CLIENT', 'KILL', '10.0.0.1:6379'])", expect: ["CLIENT KILL keys=[] args=['10.0.0.1:6379']"] },
  { name: 'SELECT 3', py: 'r.select(3)', io: 'r.select(3)', nr: 'c.select(3)', expect: ['SELECT keys=[] args=[3]'] },
  { name: 'LRANGE k 0 -1', py: "r.lrange('k', 0, -1)", io: "r.lrange('k', 0, -1)", nr: "c.lRange('k', 0, -1)", expect: ["LRANGE keys=[k] args=['k' 0 -1]"] },
  { name: 'HSET with a mapping', py: "r.hset('h', mapping={'a': '1', 'b': '2'})", io: "r.hset('h', { a: '1', b: '2' })", nr: "c.hSet('h', { a: '1', b: '2' })", expect: ["HSET keys=[h] args=['h' 'a' '1' 'b' '2'] ttl=none"] },
  { name: 'HSET field and value', py: "r.hset('h', 'f', 'v')", io: "r.hset('h', 'f', 'v')", nr: "c.hSet('h', 'f', 'v')", expect: ["HSET keys=[h] args=['h' 'f' 'v'] ttl=none"] },
  // Hash field expiry (Redis 7.4, Valkey 9): redis-py takes `*fields`, node-redis the fields before the time.
  { name: 'HEXPIRE one field', py: "r.hexpire('h', 60, 'f')", io: "r.hexpire('h', 60, 'FIELDS', 1, 'f')", nr: "c.hExpire('h', 'f', 60)", expect: ["HEXPIRE keys=[h] args=['h' 60 'FIELDS' 1 'f']"] },
  { name: 'HPEXPIRE two fields', py: "r.hpexpire('h', 1500, 'a', 'b')", io: "r.hpexpire('h', 1500, 'FIELDS', 2, 'a', 'b')", nr: "c.hpExpire('h', ['a', 'b'], 1500)", expect: ["HPEXPIRE keys=[h] args=['h' 1500 'FIELDS' 2 'a' 'b']"] },
  { name: 'HTTL', py: "r.httl('h', 'a', 'b')", io: "r.httl('h', 'FIELDS', 2, 'a', 'b')", nr: "c.hTTL('h', ['a', 'b'])", expect: ["HTTL keys=[h] args=['h' 'FIELDS' 2 'a' 'b']"] },
  { name: 'HPERSIST', py: "r.hpersist('h', 'f')", io: "r.hpersist('h', 'FIELDS', 1, 'f')", nr: "c.hPersist('h', 'f')", expect: ["HPERSIST keys=[h] args=['h' 'FIELDS' 1 'f']"] },
  { name: 'HGETDEL (Redis 8)', py: "r.hgetdel('h', 'f')", io: "r.hgetdel('h', 'FIELDS', 1, 'f')", nr: "c.hGetDel('h', 'f')", expect: ["HGETDEL keys=[h] args=['h' 'FIELDS' 1 'f']"] },
  { name: 'FLUSHALL ASYNC', py: 'r.flushall(asynchronous=True)', io: "r.flushall('ASYNC')", nr: "c.flushAll('ASYNC')", expect: ['FLUSHALL keys=[] args=[ASYNC]'] },
  { name: 'KEYS', py: "r.keys('user:*')", io: "r.keys('user:*')", nr: "c.keys('user:*')", expect: ["KEYS keys=[] args=['user:*']"] },
  { name: 'SCAN iterator with MATCH and COUNT', py: "r.scan_iter(match='user:*', count=100)", io: "r.scanStream({ match: 'user:*', count: 100 })", nr: "c.scanIterator({ MATCH: 'user:*', COUNT: 100 })", expect: ["SCAN keys=[] args=[0 MATCH 'user:*' COUNT 100]"] },
  { name: 'a key built at run time', py: "r.get(f'user:{uid}:cart')", io: 'r.get(`user:${uid}:cart`)', nr: 'c.get(`user:${uid}:cart`)', expect: ['GET keys=[tpl:user:] args=[`user:{}:cart`]'] },
  { name: 'a literal hash tag', py: "r.incr(f'{{user:42}}:{x}')", io: 'r.incr(`{user:42}:${x}`)', nr: 'c.incr(`{user:42}:${x}`)', expect: ['INCR keys=[tpl:{user:42}:#user:42] args=[`{user:42}:{}`] ttl=none'] },
  { name: 'SET, raw', py: "r.execute_command('SET', 'k', 'v', 'EX', '10')", io: "r.call('SET', 'k', 'v', 'EX', '10')", nr: "c.sendCommand(['SET', 'k', 'v', 'EX', '10'])", expect: ["SET keys=[k] args=['k' 'v' EX '10'] ttl=set"] },
  {
    name: 'a transaction',
    py: "p = r.pipeline(transaction=True)\np.set('a', '1')\np.expire('a', 10)\np.execute()",
    io: "r.multi().set('a', '1').expire('a', 10).exec();",
    nr: "c.multi().set('a', '1').expire('a', 10).exec();",
    expect: ["SET keys=[a] args=['a' '1'] ttl=none batch=tx", "EXPIRE keys=[a] args=['a' 10] batch=tx"],
  },
  {
    name: 'a pipeline that is not a transaction',
    py: "p = r.pipeline(transaction=False)\np.incr('n')\np.execute()",
    io: "const p = r.pipeline();\np.incr('n');\np.exec();",
    nr: "c.multi().incr('n').execAsPipeline();",
    expect: ["INCR keys=[n] args=['n'] ttl=none batch=pipe"],
  },
];

async function summaries(c: Case): Promise<Record<'py' | 'io' | 'nr', string[]>> {
  const py = (await parsePython(PY + c.py + '\n', 'app/conformance.py')).model.calls.map(summary);
  const io = (await parse('io.ts', IOREDIS + c.io + '\n')).model.calls.map(summary);
  const nr = (await parse('nr.ts', NODE_REDIS + c.nr + '\n')).model.calls.map(summary);
  return { py, io, nr };
}

test('conformance table: at least 25 cases', () => assert.ok(CASES.length >= 25, `${CASES.length} cases`));

for (const c of CASES) {
  test(`conformance: ${c.name}`, async () => {
    const got = await summaries(c);
    if (c.expect[0] === '*') {
      // Run-time expiry: every form must say it cannot tell.
      for (const [lib, s] of Object.entries(got)) assert.match(s.join('\n'), /^SET keys=\[k\] .* ttl=unknown$/, lib);
      return;
    }
    assert.deepEqual(got, { py: c.expect, io: c.expect, nr: c.expect });
  });
}

/**
 * Client constructions: the same connection written with redis-py, ioredis and node-redis gives the same neutral
 * options (with provenance), lifetime and connection-rule findings.
 */
function setting(name: string, s: ConnectionSetting<unknown> | undefined): string[] {
  if (!s) return [];
  const p = s.provenance;
  if (p.kind === 'literal') return [`${name}=${s.value === undefined ? '?' : JSON.stringify(s.value)}`];
  return [`${name}=${p.kind}${p.kind === 'environment' && p.name ? `:${p.name}` : ''}`];
}

function construction(c: ClientConstruction): string {
  const o = c.options;
  const life = c.lifetime.kind === 'per-call' ? `per-call:${c.lifetime.reason}` : c.lifetime.kind;
  return [
    ...setting('url', o.url), ...setting('host', o.host), ...setting('tls', o.tls), ...setting('verifyCertificate', o.verifyCertificate),
    ...setting('verifyHostname', o.verifyHostname), ...setting('password', o.password), ...(c.opaque ? ['opaque'] : []), `lifetime=${life}`,
  ].join(' ');
}

const CONNECTION_RULES = new Set(['plaintext-connection', 'tls-verification-disabled', 'hardcoded-credentials', 'client-per-call']);

interface ConnCase { name: string; py: string; io: string; nr: string; expect: string; findings: string[] }

const H = 'cache.prod.example.com';
const CONN_CASES: ConnCase[] = [
  {
    name: 'a plaintext URL', findings: ['plaintext-connection'], expect: `url="redis://${H}:6379" lifetime=shared`,
    py: `r = redis.from_url("redis://${H}:6379")`, io: `const r = new Redis('redis://${H}:6379');`, nr: `const c = createClient({ url: 'redis://${H}:6379' });`,
  },
  {
    name: 'a password inside a TLS URL', findings: ['hardcoded-credentials'], expect: `url="rediss://:s3cr3tPass@${H}:6379" lifetime=shared`,
    py: `r = redis.from_url("rediss://:s3cr3tPass@${H}:6379")`, io: `const r = new Redis('rediss://:s3cr3tPass@${H}:6379');`, nr: `const c = createClient({ url: 'rediss://:s3cr3tPass@${H}:6379' });`,
  },
  {
    name: 'TLS with certificate verification off', findings: ['tls-verification-disabled'], expect: `host="${H}" tls=true verifyCertificate=false lifetime=shared`,
    py: `r = redis.Redis(host="${H}", ssl=True, ssl_cert_reqs=None)`,
    io: `const r = new Redis({ host: '${H}', tls: { rejectUnauthorized: false } });`,
    nr: `const c = createClient({ socket: { host: '${H}', tls: true, rejectUnauthorized: false } });`,
  },
  {
    name: 'TLS turned off', findings: ['plaintext-connection'], expect: `host="${H}" tls=false lifetime=shared`,
    py: `r = redis.Redis(host="${H}", ssl=False)`, io: `const r = new Redis({ host: '${H}', tls: false });`, nr: `const c = createClient({ socket: { host: '${H}', tls: false } });`,
  },
  {
    name: 'host and password from the environment, TLS on', findings: [],
    expect: 'host=environment:CACHE_HOST tls=true password=environment:CACHE_PASSWORD lifetime=shared',
    py: 'r = redis.Redis(host=os.environ["CACHE_HOST"], password=os.environ["CACHE_PASSWORD"], ssl=True)',
    io: 'const r = new Redis({ host: process.env.CACHE_HOST, password: process.env.CACHE_PASSWORD, tls: {} });',
    nr: 'const c = createClient({ password: process.env.CACHE_PASSWORD, socket: { host: process.env.CACHE_HOST, tls: true } });',
  },
  {
    name: 'a literal password', findings: ['hardcoded-credentials'], expect: `host="${H}" tls=true password="Tr0ub4dor&3" lifetime=shared`,
    py: `r = redis.Redis(host="${H}", password="Tr0ub4dor&3", ssl=True)`,
    io: `const r = new Redis({ host: '${H}', password: 'Tr0ub4dor&3', tls: {} });`,
    nr: `const c = createClient({ password: 'Tr0ub4dor&3', socket: { host: '${H}', tls: true } });`,
  },
  {
    name: 'options hidden behind a spread', findings: [], expect: `host="${H}" opaque lifetime=shared`,
    py: `r = redis.Redis(host="${H}", **opts)`, io: `const r = new Redis({ host: '${H}', ...opts });`, nr: `const c = createClient({ ...opts, socket: { host: '${H}' } });`,
  },
  {
    name: 'a client per Lambda invocation', findings: ['client-per-call'], expect: `host="${H}" tls=true lifetime=per-call:lambda-handler`,
    py: `def handler(event, context):\n    r = redis.Redis(host="${H}", ssl=True)\n    return r.get("k")`,
    io: `export const handler = async (event: unknown) => {\n  const r = new Redis({ host: '${H}', tls: {} });\n  return r.get('k');\n};`,
    nr: `export const handler = async (event: unknown) => {\n  const c = createClient({ socket: { host: '${H}', tls: true } });\n  await c.connect();\n  return c.get('k');\n};`,
  },
];

const PY_CONN = 'import os\n\nimport redis\n\n';
const IO_CONN = "import Redis from 'ioredis';\n\n";
const NR_CONN = "import { createClient } from 'redis';\n\n";

test('conformance table: at least 8 construction cases', () => assert.ok(CONN_CASES.length >= 8, `${CONN_CASES.length} cases`));

for (const c of CONN_CASES) {
  test(`conformance, construction: ${c.name}`, async () => {
    const files = { py: ['app/conformance.py', PY_CONN + c.py + '\n'], io: ['src/io.ts', IO_CONN + c.io + '\n'], nr: ['src/nr.ts', NR_CONN + c.nr + '\n'] } as const;
    const got: Record<string, { model: string[]; findings: string[] }> = {};
    for (const [lib, [path, text]] of Object.entries(files)) {
      const model = lib === 'py' ? (await parsePython(text, path)).model : (await parse(path, text)).model;
      const r = await analyzeSource(path, text);
      got[lib] = { model: model.clients.map(construction), findings: r!.findings.map((f) => f.ruleId).filter((id) => CONNECTION_RULES.has(id)).sort() };
    }
    const want = { model: [c.expect], findings: c.findings };
    assert.deepEqual(got, { py: want, io: want, nr: want });
  });
}
