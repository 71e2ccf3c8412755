/** Input size and shape: long chains stay linear, deep nesting never overflows the stack, path conventions, `using`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls, describeClient, parse } from './helpers';

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

test('deeply nested receiver expressions give up cleanly rather than throw', async () => {
  // 3,000 nested conditionals around the client: resolution stops at its depth limit; the file still parses.
  const parsed = await parse('a.ts', `${IOREDIS}const c = ${'x ? a : '.repeat(3000)}r;\nc.get('k');\nr.get('j');\n`);
  assert.deepEqual(parsed.errors, []);
  assert.ok(parsed.model.calls.some((c) => c.keys[0]?.text === "'j'"));
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
