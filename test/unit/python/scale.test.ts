/**
 * Many of one thing: top-level functions, bindings of one name, methods of one class, links of a factory chain.
 * Each shape used to cost a scan per use (or a fresh resolution per call past the depth limit); the result is
 * asserted, and the time bounds are loose on purpose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython, summarizeCall } from './support';

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

async function timed(text: string) {
  await parsePython(''); // grammar loading is not what is measured
  const started = Date.now();
  const { model, errors } = await parsePython(text);
  return { calls: model.calls, errors, elapsed: Date.now() - started };
}

test('5,000 top-level functions that each call a helper declared last', { timeout: 120_000 }, async () => {
  const { calls, errors, elapsed } = await timed(`import redis\nr = redis.Redis()\n${lines(5000, (i) => `def f${i}(k):\n    log(k)\n    return r.set("k${i}", k)`)}\ndef log(x):\n    return x\n`);
  assert.deepEqual(errors, []);
  assert.equal(calls.length, 5000);
  assert.deepEqual([calls[0], calls[4999]].map(summarizeCall), ['5 SET [lit:k0] ttl=none', '15002 SET [lit:k4999] ttl=none']);
  assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
});

test('one module-level name rebound 5,000 times, each binding used once', { timeout: 120_000 }, async () => {
  // Every use looked through every binding of the name, and a key name was checked against every name of the module.
  const { calls, errors, elapsed } = await timed(`import redis\nr = redis.Redis()\n${lines(5000, (i) => `key = "k${i}"\nr.set(key, 1)\nc${i} = r if ok else redis.Redis()\nc${i}.expire(key, 5)`)}\n`);
  assert.deepEqual(errors, []);
  assert.equal(calls.length, 10_000);
  // Bound more than once, `key` is no constant; each `c` is the client both ways.
  assert.deepEqual(calls.slice(0, 2).map(summarizeCall), ['4 SET [?:key] ttl=none', '6 EXPIRE [?:key]']);
  assert.deepEqual(summarizeCall(calls[9999]), '20002 EXPIRE [?:key]');
  assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
});

test('a class whose 3,000 methods each assign and use self.r', { timeout: 120_000 }, async () => {
  // Every `self.r` agreed all 3,000 assignments afresh.
  const { calls, errors, elapsed } = await timed(`import redis\nclass Cache:\n${lines(3000, (i) => `    def m${i}(self, k):\n        self.r = redis.Redis()\n        return self.r.set(k, ${i})`)}\n`);
  assert.deepEqual(errors, []);
  assert.equal(calls.length, 3000);
  assert.deepEqual([calls[0], calls[2999]].map(summarizeCall), ['5 SET [?:k] ttl=none', '9002 SET [?:k] ttl=none']);
  assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
});

test('a chain of 3,000 factories, each returning the next one', { timeout: 120_000 }, async () => {
  // Past the depth limit each call was resolved anew from the top, and only the last 300 or so resolved at all.
  const text = `import redis\n${lines(3000, (i) => `def f${i}():\n    return f${i + 1}()\nf${i}().set("k${i}", 1)`)}\ndef f3000():\n    return redis.Redis()\n`;
  const { calls, errors, elapsed } = await timed(text);
  assert.deepEqual(errors, []);
  assert.equal(calls.length, 3000);
  assert.ok(calls.every((c, i) => c.keys[0].text === `"k${i}"` && c.client.receiverText === `f${i}()`));
  assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
});
