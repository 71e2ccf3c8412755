import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combinePreferredFixes } from '../../server/src/engine/fixAll';
import { analyzeSource, applyEdits, summarize } from '../support/analyze';

const CODE = `import redis
r = redis.Redis()


def a(k):
    r.set(k, 1)


def b(k):
    r.set(k, 2)
    return r.keys("x:*")
`;

test('all preferred fixes of a file apply together and clear their findings', async () => {
  const before = await analyzeSource('src/app.py', CODE);
  assert.deepEqual(summarize(before), ['keys-command@11:14', 'missing-ttl@6:7', 'missing-ttl@10:7']);
  const all = combinePreferredFixes(before!.findings);
  assert.equal(all.fixed, 3);
  const after = await analyzeSource('src/app.py', applyEdits(CODE, all.edits));
  assert.deepEqual(summarize(after), []);
});

test('unattended (fix-on-save) takes only fixes that keep behaviour: SCAN yes; TTLs and hash tags need a person', async () => {
  const code = CODE + '\n\ndef c(u):\n    return r.mget(f"u:{u}:a", f"u:{u}:b")\n';
  const before = await analyzeSource('src/app.py', code, { settings: { context: { clusterMode: 'enabled' } } });
  assert.deepEqual(summarize(before), ['keys-command@11:14', 'missing-hash-tag@15:14', 'missing-ttl@6:7', 'missing-ttl@10:7']);
  const safe = combinePreferredFixes(before!.findings, { unattendedOnly: true });
  assert.equal(safe.fixed, 1);
  assert.deepEqual(summarize(await analyzeSource('src/app.py', applyEdits(code, safe.edits), { settings: { context: { clusterMode: 'enabled' } } })),
    ['missing-hash-tag@15:14', 'missing-ttl@6:7', 'missing-ttl@10:7']);
});

test('per rule, and overlapping fixes are left for a later run', async () => {
  const before = await analyzeSource('src/app.py', CODE);
  const ttl = combinePreferredFixes(before!.findings, { ruleId: 'missing-ttl' });
  assert.equal(ttl.fixed, 2);
  assert.deepEqual(summarize(await analyzeSource('src/app.py', applyEdits(CODE, ttl.edits))), ['keys-command@11:14']);
  const twice = combinePreferredFixes([...before!.findings, ...before!.findings]);
  assert.equal(twice.fixed, 3, 'the same edits twice overlap: each fix is taken once');
});
