/**
 * Long and deep input: the extractor's cost must grow with the size of the input, and depth must not overflow the
 * stack (which used to lose the whole file). Time bounds are loose on purpose; the regressions they catch were
 * exponential or fatal, not a few percent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython, sites, summarizeCall } from './support';

const HEADER = 'import redis\nr = redis.Redis()\n';
const chain = (links: number) => `${HEADER}def f():\n    r.pipeline()${'.set("a", 1)'.repeat(links)}.execute()\n`;

test('a pipeline chain resolves each link once', { timeout: 30_000 }, async () => {
  await parsePython(''); // grammar loading is not what is measured
  const started = performance.now();
  const { model, errors } = await parsePython(chain(300));
  const elapsed = performance.now() - started;
  assert.deepEqual(errors, []);
  assert.equal(model.calls.length, 300);
  assert.ok(model.calls.every((c) => c.command === 'SET' && c.batch?.id === 'pipeline@4:5' && c.batch.transactional));
  // Resolving the receiver twice per link took 2^n steps: 20 links took seconds, 300 would never end.
  assert.ok(elapsed < 5_000, `300 links took ${elapsed.toFixed(0)} ms`);
});

test('thousands of links deep still yield their call sites', { timeout: 60_000 }, async () => {
  const { model, errors } = await parsePython(chain(5_000));
  assert.deepEqual(errors, []);
  assert.equal(model.calls.length, 5_000);
  // The model is in source order: the first link first.
  assert.equal(model.calls[0].calleeRange.start.character, 17);
  assert.ok(model.calls.every((c, i) => i === 0 || c.calleeRange.start.character > model.calls[i - 1].calleeRange.start.character));
});

test('deeply nested expressions do not lose the file', { timeout: 60_000 }, async () => {
  const n = 3_000;
  // [name, body after HEADER, how many call sites, the first one]
  const cases: [string, string, number, string?][] = [
    ['parentheses around a receiver', `${'('.repeat(n)}r${')'.repeat(n)}.set("a", 1, ex=5)\n`, 1, '3 SET [lit:a] ttl=set'],
    ['nested calls', `x = ${'r.get('.repeat(n)}"k"${')'.repeat(n)}\n`, n, '3 GET [?:r.get('],
    ['a long key concatenation', `r.set("k:" ${'+ x '.repeat(n)}, 1, ex=5)\n`, 1, '3 SET [tpl:k:] ttl=set'],
    ['nested lists as a value', `r.set("a", ${'['.repeat(n)}1${']'.repeat(n)}, ex=5)\n`, 1, '3 SET [lit:a] ttl=set'],
    ['a long attribute path', `r${'.x'.repeat(n)}.set("a", 1)\n`, 0],
    ['nested lambdas', `f = ${'lambda: '.repeat(n)}r\n`, 0],
    // Past the depth limit, resolution restarts from where it stopped rather than overflow or give up.
    ['nested conditionals', `c = ${'r if x else '.repeat(n)}r\nc.set("a", 1)\n`, 1, '4 SET [lit:a] ttl=none'],
    ['a long chain of aliases', `a0 = r\n${Array.from({ length: n }, (_, i) => `a${i + 1} = a${i}`).join('\n')}\na${n}.set("a", 1)\n`, 1, `${n + 4} SET [lit:a] ttl=none`],
    // These took the stack (and the file) with them: annotations, right-nested concatenations, class chains.
    ['a long union annotation', `def f(x: ${'A | '.repeat(n)}redis.Redis):\n    x.set("a", 1)\n`, 0],
    ['nested Optional annotations', `def f(x: ${'Optional['.repeat(n)}redis.Redis${']'.repeat(n)}):\n    x.set("a", 1)\n`, 0],
    ['a right-nested key concatenation', `r.set("a" + ${'("b" + '.repeat(n)}"c"${')'.repeat(n)}, 1)\n`, 1, '3 SET [tpl:ab'],
    ['a chain of client subclasses', `class C0(redis.Redis):\n    pass\n${Array.from({ length: n }, (_, i) => `class C${i + 1}(C${i}):\n    pass`).join('\n')}\nC${n}().set("a", 1)\nC3().set("b", 1)\n`, 1, `${2 * n + 6} SET [lit:b] ttl=none`],
    ['a chain of overriding subclasses', `class C0(redis.Redis):\n    pass\n${Array.from({ length: n }, (_, i) => `class C${i + 1}(C${i}):\n    def set(self, k, v):\n        return super().set(k, v)`).join('\n')}\n`, 1, '7 SET [?:k] ttl=none'],
  ];
  for (const [name, body, count, first] of cases) {
    const { model, errors } = await parsePython(HEADER + body);
    assert.deepEqual(errors, [], name);
    assert.equal(model.calls.length, count, name);
    if (first) assert.ok(summarizeCall(model.calls[0]).startsWith(first), name);
  }
});

test('moderate depth still resolves', async () => {
  const aliases = `${HEADER}a0 = r\n${Array.from({ length: 50 }, (_, i) => `a${i + 1} = a${i}`).join('\n')}\na50.set("a", 1)\n`;
  assert.deepEqual(await sites(aliases), ['54 SET [lit:a] ttl=none']);
  const conditional = `${HEADER}c = ${'r if x else '.repeat(50)}r\nc.set("a", 1)\n`;
  assert.deepEqual(await sites(conditional), ['4 SET [lit:a] ttl=none']);
  const annotated = `${HEADER}def f(x: ${'Optional['.repeat(20)}redis.Redis${']'.repeat(20)}, y: "redis.Redis" | None):\n    x.set("a", 1)\n    y.set("b", 1)\n`;
  assert.deepEqual(await sites(annotated), ['4 SET [lit:a] ttl=none', '5 SET [lit:b] ttl=none']);
  const subclasses = `${HEADER}class C0(redis.Redis):\n    pass\n${Array.from({ length: 50 }, (_, i) => `class C${i + 1}(C${i}):\n    pass`).join('\n')}\nC50().set("a", 1)\n`;
  assert.deepEqual(await sites(subclasses), ['105 SET [lit:a] ttl=none']);
  const parens = `${HEADER}${'('.repeat(50)}r.pipeline()${')'.repeat(50)}.set("a", 1).execute()\n`;
  assert.deepEqual(await sites(parens), ['3 SET [lit:a] ttl=none batch=tx']);
});
