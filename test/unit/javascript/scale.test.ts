/** Input size and shape: long chains stay linear, deep nesting never overflows the stack, path conventions, `using`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls, describeCall, describeClient, parse } from './helpers';

const IOREDIS = `import Redis from 'ioredis';\nconst r = new Redis();\n`;

test('a 1,000-link pipeline chain is extracted in linear time', async () => {
  const code = IOREDIS + `async function f() {\n  await r.pipeline()${'.set("a", 1)'.repeat(1000)}.exec();\n}\n`;
  const started = Date.now();
  const parsed = await parse('a.ts', code);
  const elapsed = Date.now() - started;
  assert.equal(parsed.model.calls.length, 1000);
  // Every link keeps the facts an upward walk used to give: same batch, the client as receiver, awaited, in f.
  const ids = new Set(parsed.model.calls.map((c) => c.batch?.id));
  assert.deepEqual([...ids], ['batch@4:9']);
  assert.ok(parsed.model.calls.every((c) => c.client.receiverText === 'r' && c.awaited && c.scopeId === 'a.ts:f:3'));
  // Was 145 s before the pass went top-down; the bound is loose on purpose.
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
});

const DEEP: [string, string, number][] = [
  ['a 5,000-link chain', `r.pipeline()${'.set("a", 1)'.repeat(5000)}.exec();`, 5000],
  ['3,000 nested parentheses around a key', `r.get(${'('.repeat(3000)}'k'${')'.repeat(3000)});`, 1],
  ['3,000 nested parentheses around the receiver', `${'('.repeat(3000)}r${')'.repeat(3000)}.get('k');`, 1],
  ['3,000 nested arrays as a key list', `r.del(${'['.repeat(3000)}'a'${']'.repeat(3000)});`, 1],
  ['3,000 nested objects as a value', `r.set('k', ${'{ a: '.repeat(3000)}1${' }'.repeat(3000)});`, 1],
  ['a 5,000-term key concatenation', `r.get('a'${' + x'.repeat(5000)});`, 1],
  ['3,000 right-nested concatenations', `r.get('a' + ${"('b' + ".repeat(3000)}'c'${')'.repeat(3000)});`, 1],
  ['3,000 nested arrow functions', `${'(() => '.repeat(3000)}r.get('k')${')'.repeat(3000)};`, 1],
  ['3,000 nested blocks', `${'{ '.repeat(3000)}r.get('k');${' }'.repeat(3000)}`, 1],
  ['3,000 nested awaits', `async function f() { ${'await '.repeat(3000)}r.get('k'); }`, 1],
  ['3,000 nested template literals', 'r.get(' + '`${'.repeat(3000) + 'x' + '}`'.repeat(3000) + ');', 1],
];

for (const [name, body, expected] of DEEP) {
  test(`deep input does not overflow the stack: ${name}`, async () => {
    const parsed = await parse('a.ts', `${IOREDIS}${body}\n`);
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.model.calls.length, expected);
  });
}

test('deeply nested receiver expressions resolve past the depth limit rather than throw', async () => {
  // 3,000 nested conditionals around the client: where resolution reaches its depth limit it restarts from there.
  assert.deepEqual(await calls('a.ts', `${IOREDIS}const c = ${'x ? a : '.repeat(3000)}r;\nc.get('k');\nr.get('j');\n`), [
    "4:3 GET(get) ioredis on c keys[lit:k] in <module>",
    "5:3 GET(get) ioredis on r keys[lit:j] in <module>",
  ]);
});

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

// Each of these took minutes or never finished (see the bounds): a per-call rescan of the module, a per-name
// search from the root, or resolution that stopped remembering past its depth limit. The bounds are loose on
// purpose; the result is what is asserted.
test('5,000 top-level functions that each call a helper declared last', { timeout: 120_000 }, async () => {
  const code = `${IOREDIS}${lines(5000, (i) => `export function f${i}(k: string) { log(k); return r.set('k${i}', k); }`)}\nfunction log(x: string) { return x; }\n`;
  const started = Date.now();
  const found = (await parse('a.ts', code)).model.calls;
  const elapsed = Date.now() - started;
  assert.equal(found.length, 5000);
  assert.deepEqual([found[0], found[4999]].map((c) => describeCall(c, 'a.ts')), [
    "3:50 SET(set) ioredis on r keys[lit:k0] expiry=none in f0:3",
    "5002:53 SET(set) ioredis on r keys[lit:k4999] expiry=none in f4999:5002",
  ]);
  // Was 28 s at 4,000 functions and 170 s at 8,000.
  assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
});

test('4,000 named imports, each used once', { timeout: 120_000 }, async () => {
  const code = `${IOREDIS}${lines(4000, (i) => `import { x${i} } from './m${i}';`)}\n${lines(4000, (i) => `export const v${i} = x${i}(r.set('k${i}', 1));`)}\n`;
  const started = Date.now();
  const found = (await parse('a.ts', code)).model.calls;
  const elapsed = Date.now() - started;
  assert.equal(found.length, 4000);
  assert.ok(found.every((c, i) => c.keys[0].text === `'k${i}'` && c.client.receiverText === 'r'));
  assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
});

test('a chain of 2,000 factories, each returning the one before', { timeout: 120_000 }, async () => {
  const code = `import Redis from 'ioredis';\nfunction f0() { return new Redis(); }\n${lines(2000, (i) => `function f${i + 1}() { return f${i}(); }\nf${i + 1}().set('k${i}', 1);`)}\n`;
  const started = Date.now();
  const found = (await parse('a.ts', code)).model.calls;
  const elapsed = Date.now() - started;
  // Past the depth limit each factory used to be resolved anew from the top: 500 of them took 78 s.
  assert.equal(found.length, 2000);
  assert.deepEqual(describeCall(found[1999], 'a.ts'), "4002:9 SET(set) ioredis on f2000() keys[lit:k1999] expiry=none in <module>");
  assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
});

test('20,000 nested functions whose parameters name outer ones', { timeout: 120_000 }, async () => {
  // Every name climbed the whole nesting to its declaration: quadratic in depth (58 s at this size).
  const n = 20_000;
  const code = `${IOREDIS}function f(${'a = (b = a, c = '.repeat(n)}r.get('k')${') => 0'.repeat(n)}) {}\n`;
  const started = Date.now();
  const parsed = await parse('a.ts', code);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.model.calls.map((c) => describeCall(c, 'a.ts')), [`3:${16 * n + 14} GET(get) ioredis on r keys[lit:k] in a:3`]);
  assert.ok(Date.now() - started < 30_000);
});

test('a lattice of shared references 3,000 deep', { timeout: 120_000 }, async () => {
  // Every level reads the one below twice: past the depth limit nothing was remembered and each path was walked
  // again, 2^n of them (300 levels never finished).
  const code = `${IOREDIS}const x3000 = r;\n${lines(3000, (i) => `const x${2999 - i} = x${3000 - i} ?? x${3000 - i};`)}\nx0.set('k', 1);\n`;
  const started = Date.now();
  assert.deepEqual(await calls('a.ts', code), ["3004:4 SET(set) ioredis on x0 keys[lit:k] expiry=none in <module>"]);
  assert.ok(Date.now() - started < 30_000);
});

test('test-file conventions read the path below the project root', async () => {
  const body = IOREDIS;
  for (const [path, projectPath, expected] of [
    ['/home/me/test/proj/src/cache.ts', 'src/cache.ts', false],
    ['/home/me/tests/proj/lib/cache.js', 'lib/cache.js', false],
    ['/home/me/__tests__/proj/cache.ts', 'cache.ts', false],
    ['C:\\Users\\me\\test\\proj\\src\\cache.ts', 'src\\cache.ts', false],
    ['/home/me/proj/test/cache.ts', 'test/cache.ts', true],
    ['/home/me/proj/src/__tests__/cache.ts', 'src/__tests__/cache.ts', true],
    ['/home/me/test/proj/src/cache.spec.ts', 'src/cache.spec.ts', true],
    // Without a project path, the file's own path is all there is.
    ['/home/me/test/proj/src/cache.ts', undefined, true],
    ['/home/me/proj/src/cache.ts', undefined, false],
  ] as [string, string | undefined, boolean][]) {
    assert.equal((await parse(path, body, projectPath)).model.isTest, expected, `${path} (${projectPath})`);
  }
});

test('`using` and `await using` declarations bind a client', async () => {
  const code = `import Redis from 'ioredis';
async function f() {
  await using r = new Redis();
  await r.get('k');
}
function g() {
  using c = new Redis();
  c.keys('*');
}
`;
  for (const path of ['a.ts', 'a.js']) {
    assert.deepEqual(await calls(path, code), [
      "4:11 GET(get) ioredis on r keys[lit:k] in f:2 awaited",
      '8:5 KEYS(keys) ioredis on c keys[] in g:6',
    ], path);
    assert.deepEqual((await parse(path, code)).model.clients.map((c) => describeClient(c, path)), ['3:19 ioredis as r in f:2', '7:13 ioredis as c in g:6'], path);
  }
});

test('a `using` name stays block-scoped: the same name outside is not the client', async () => {
  const code = `import Redis from 'ioredis';
const c = new Map();
function g() {
  { using c = new Redis(); c.get('a'); }
  c.get('b');
}
`;
  assert.deepEqual(await calls('a.ts', code), ["4:30 GET(get) ioredis on c keys[lit:a] in g:3"]);
});
