/** The Python edit builder: each fix intent applied to real source, compared as text, and re-parsed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../support/analyze';
import type { CodeFixIntent } from '../../../server/src/fixes/intents';
import type { CallSite } from '../../../server/src/model/code';
import { parsePython, parsesCleanly } from './support';

type IntentOf = (call: CallSite) => CodeFixIntent;

/** Applies the intent built for the `nth` call site sending `command`; undefined when no edit is offered. */
async function fix(text: string, command: string, intentOf: IntentOf, nth = 0): Promise<string | undefined> {
  const parsed = await parsePython(text);
  const call = parsed.model.calls.filter((c) => c.command === command)[nth];
  assert.ok(call, `no ${command} call site`);
  const edits = parsed.buildEdits(intentOf(call));
  if (!edits) return undefined;
  const out = applyEdits(text, edits);
  assert.ok(await parsesCleanly(out), `the fixed text does not parse:\n${out}`);
  return out;
}

const scan: IntentOf = (call) => ({ kind: 'keysToScan', call });
const expiry = (seconds: number): IntentOf => (call) => ({ kind: 'addExpiry', call, seconds });
const tag = (t: string, lead?: string): IntentOf => (call) => ({ kind: 'wrapHashTag', call, keys: call.keys, tag: t, ...(lead ? { lead } : {}) });

const SYNC = 'import redis\nr = redis.Redis()\n';
const ASYNC = 'import redis.asyncio as aioredis\nr = aioredis.Redis()\n';

test('keysToScan rewrites KEYS to the SCAN iterator', async () => {
  const cases: [string, string | undefined][] = [
    [`${SYNC}names = r.keys("user:*")\n`, `${SYNC}names = list(r.scan_iter(match="user:*"))\n`],
    [`${SYNC}names = r.keys()\n`, `${SYNC}names = list(r.scan_iter())\n`],
    [`${SYNC}n = len(r.keys(pattern='a:*'))\n`, `${SYNC}n = len(list(r.scan_iter(match='a:*')))\n`],
    [`${SYNC}x = r.execute_command("KEYS", prefix + "*")\n`, `${SYNC}x = list(r.scan_iter(match=prefix + "*"))\n`],
    [`${ASYNC}async def f():\n    ks = await r.keys("p*")\n`, `${ASYNC}async def f():\n    ks = [k async for k in r.scan_iter(match="p*")]\n`],
    [`${ASYNC}async def f():\n    ks = await (r.keys())\n`, `${ASYNC}async def f():\n    ks = [k async for k in r.scan_iter()]\n`],
    [`${ASYNC}async def f():\n    await gather(r.keys("p*"))\n`, undefined],
    [`${SYNC}p = r.pipeline()\np.keys("x")\n`, undefined],
    [`${SYNC}r.keys("x", target_nodes=r.PRIMARIES)\n`, undefined],
  ];
  for (const [before, after] of cases) assert.equal(await fix(before, 'KEYS', scan), after, before);
});

test('keysToScan keeps an attribute receiver', async () => {
  const src = 'import redis\nclass C:\n    def __init__(self):\n        self.redis = redis.Redis()\n    def all(self):\n        return self.redis.keys("s:*")\n';
  assert.equal(await fix(src, 'KEYS', scan), src.replace('self.redis.keys("s:*")', 'list(self.redis.scan_iter(match="s:*"))'));
});

test('addExpiry on SET adds ex= in the call\'s own layout', async () => {
  const cases: [string, string | undefined][] = [
    ['r.set("a", 1)\n', 'r.set("a", 1, ex=300)\n'],
    ['r.set("a", 1,)\n', 'r.set("a", 1, ex=300)\n'],
    ['r.set(\n    "a",\n    json.dumps(v),\n)\n', 'r.set(\n    "a",\n    json.dumps(v),\n    ex=300,\n)\n'],
    ['r.set(\n    "a",\n    1\n)\n', 'r.set(\n    "a",\n    1,\n    ex=300\n)\n'],
    ['r.set("a",\n      1)\n', 'r.set("a",\n      1, ex=300)\n'],
    ['r.set("a", 1, nx=True)\n', 'r.set("a", 1, nx=True, ex=300)\n'],
    ['r.setnx("lock", 1)\n', 'r.set("lock", 1, nx=True, ex=300)\n'],
    // An expiry written as None is filled in where it stands.
    ['r.set("a", 1, None)\n', 'r.set("a", 1, 300)\n'],
    ['r.set("a", 1, ex=None)\n', 'r.set("a", 1, ex=300)\n'],
    ['r.set("a", 1, ex=None, px=None, nx=True)\n', 'r.set("a", 1, ex=300, px=None, nx=True)\n'],
    ['r.set("a", 1, ex=(None))\n', 'r.set("a", 1, ex=300)\n'],
    ['r.set("a", 1, ex=None, keepttl=flag)\n', undefined],
    ['r.set("a", 1, ex=None, **kw)\n', undefined],
    ['r.set("a", 1, **kw)\n', undefined],
  ];
  for (const [body, after] of cases) {
    const command = body.includes('setnx') ? 'SETNX' : 'SET';
    assert.equal(await fix(SYNC + body, command, expiry(300)), after === undefined ? undefined : SYNC + after, body);
  }
});

test('addExpiry on other writes inserts an EXPIRE after the statement', async () => {
  const cases: [string, string, string | undefined][] = [
    ['HSET', 'def f(uid):\n    r.hset(f"user:{uid}", "name", "x")  # profile\n    return 1\n',
      'def f(uid):\n    r.hset(f"user:{uid}", "name", "x")  # profile\n    r.expire(f"user:{uid}", 60)\n    return 1\n'],
    ['INCR', 'def f(key):\n    n = r.incr(\n        key,\n    )\n', 'def f(key):\n    n = r.incr(\n        key,\n    )\n    r.expire(key, 60)\n'],
    ['MSET', 'r.mset({"a": 1, "b": 2})\n', 'r.mset({"a": 1, "b": 2})\nr.expire("a", 60)\nr.expire("b", 60)\n'],
    ['SADD', 'p = r.pipeline()\np.sadd("s", 1)\np.execute()\n', 'p = r.pipeline()\np.sadd("s", 1)\np.expire("s", 60)\np.execute()\n'],
    ['SADD', 'r.pipeline().sadd("s", 1).execute()\n', 'r.pipeline().sadd("s", 1).expire("s", 60).execute()\n'],
    ['HSET', 'if x: r.hset("h", "f", 1)\n', undefined],
    ['INCR', 'r.incr(next_key())\n', undefined],
    ['DEL', 'r.delete(*keys)\n', undefined],
    ['LPUSH', 'return_value = [r.lpush("l", 1)]\n', 'return_value = [r.lpush("l", 1)]\nr.expire("l", 60)\n'],
  ];
  for (const [command, body, after] of cases) {
    const out = await fix(SYNC + body, command, expiry(60));
    assert.equal(out, after === undefined ? undefined : SYNC + after, body);
  }
  const awaited = `${ASYNC}async def f():\n    await r.hset("h", mapping=m)\n`;
  assert.equal(await fix(awaited, 'HSET', expiry(60)), `${awaited}    await r.expire("h", 60)\n`);
});

test('addExpiry keeps CRLF newlines and tab indentation', async () => {
  const src = 'import redis\r\nr = redis.Redis()\r\ndef f():\r\n\tr.sadd("s", 1)\r\n\treturn 1\r\n';
  assert.equal(await fix(src, 'SADD', expiry(5)), 'import redis\r\nr = redis.Redis()\r\ndef f():\r\n\tr.sadd("s", 1)\r\n\tr.expire("s", 5)\r\n\treturn 1\r\n');
});

test('wrapHashTag wraps the shared prefix of each key, escaping braces where the string formats', async () => {
  const cases: [string, string, string | undefined][] = [
    ['r.mget("user:42:profile", \'user:42:cart\')\n', 'user:42', 'r.mget("{user:42}:profile", \'{user:42}:cart\')\n'],
    ['r.mget(f"user:{uid}:profile", f"user:{uid}:cart")\n', 'user:{uid}', 'r.mget(f"{{user:{uid}}}:profile", f"{{user:{uid}}}:cart")\n'],
    ['r.mget("user:{}:a".format(u), "user:{}:b".format(u))\n', 'user:{}', 'r.mget("{{user:{}}}:a".format(u), "{{user:{}}}:b".format(u))\n'],
    ['r.mget("user:%s:a" % u, "user:%s:b" % u)\n', 'user:%s', 'r.mget("{user:%s}:a" % u, "{user:%s}:b" % u)\n'],
    ['r.mget("user:" + u + ":a", "user:" + u + ":b")\n', 'user:', 'r.mget("{user:}" + u + ":a", "{user:}" + u + ":b")\n'],
    ['r.mget(f"user:{uid}:a", f"user:{uid}:b")\n', 'user:{ui', undefined],
    ['r.mget("user:42:a", "order:42:b")\n', 'user:42', undefined],
    ['r.mget("user:42:a", key)\n', 'user:42', undefined],
    ['r.mget(prefix + "a", prefix + "b")\n', 'prefix', undefined],
  ];
  for (const [body, t, after] of cases) {
    assert.equal(await fix(SYNC + body, 'MGET', tag(t)), after === undefined ? undefined : SYNC + after, body);
  }
});

test('wrapHashTag after a lead wraps only the entity id', async () => {
  const cases: [string, string, string, string | undefined][] = [
    ['r.mget("user:42:profile", "user:42:cart")\n', 'user:', '42', 'r.mget("user:{42}:profile", "user:{42}:cart")\n'],
    ['r.mget(f"user:{uid}:a", f"user:{uid}:b")\n', 'user:', '{uid}', 'r.mget(f"user:{{{uid}}}:a", f"user:{{{uid}}}:b")\n'],
    ['r.mget("user:{}:a".format(u), "user:{}:b".format(u))\n', 'user:', '{}', 'r.mget("user:{{{}}}:a".format(u), "user:{{{}}}:b".format(u))\n'],
    ['r.mget("user:%s:a" % u, "user:%s:b" % u)\n', 'user:', '%s', 'r.mget("user:{%s}:a" % u, "user:{%s}:b" % u)\n'],
    ['r.mget(f"u:{a.b}:x", f"u:{a.b}:y")\n', 'u:{a', '.b}', undefined],
    ['r.mget("user:42:a", "order:42:b")\n', 'user:', '42', undefined],
  ];
  for (const [body, lead, t, after] of cases) {
    assert.equal(await fix(SYNC + body, 'MGET', tag(t, lead)), after === undefined ? undefined : SYNC + after, body);
  }
});

test('edits for a call site the extractor did not produce are refused', async () => {
  const parsed = await parsePython(`${SYNC}r.set("a", 1)\n`);
  const call = { ...parsed.model.calls[0], calleeRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  assert.equal(parsed.buildEdits({ kind: 'addExpiry', call, seconds: 60 }), undefined);
});

test('no edit for a call in a function (or module) with a syntax error; one where the error is in another function', async () => {
  for (const text of [`${SYNC}r.hset("h", "f", 1) $$\n`, `${SYNC}x = [r.hset("h", "f", 1), \n`, `${SYNC}def f():\n    r.hset("h", "f", 1)\n    x = (\n`]) {
    const parsed = await parsePython(text);
    const call = parsed.model.calls.find((c) => c.command === 'HSET');
    assert.ok(call, text);
    assert.equal(parsed.buildEdits({ kind: 'addExpiry', call, seconds: 60 }), undefined, text);
  }
  const text = `${SYNC}def g():\n    r.hset("h", "f", 1)\n\ndef f(:\n    pass\n`;
  const parsed = await parsePython(text);
  const edits = parsed.buildEdits({ kind: 'addExpiry', call: parsed.model.calls.find((c) => c.command === 'HSET')!, seconds: 60 });
  assert.ok(edits);
  assert.equal(applyEdits(text, edits), `${SYNC}def g():\n    r.hset("h", "f", 1)\n    r.expire("h", 60)\n\ndef f(:\n    pass\n`);
});
