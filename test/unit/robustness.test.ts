/** Pathological input costs its own file only: the next file still analyses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, analyzer, summarize } from '../support/analyze';

test('a file that crashes the wasm parser is skipped with a message, and the parser recovers for the next file', async () => {
  const lines = ['import redis', 'r = redis.Redis()'];
  for (let i = 0; i < 600; i++) lines.push(`${' '.repeat(i)}if x:`);
  lines.push(`${' '.repeat(600)}r.set("a", 1)`);
  const deep = await analyzeSource('src/deep.py', lines.join('\n') + '\n');
  assert.ok(deep);
  assert.deepEqual(deep.findings, []);
  assert.equal(deep.errors.length, 1);
  assert.match(deep.errors[0].message, /the parser failed on this file .*it was skipped/);
  const next = await analyzeSource('src/ok.py', 'import redis\nr = redis.Redis()\nr.keys("*")\n');
  assert.deepEqual(summarize(next), ['keys-command@3:3']);
});

test('binary and oversized inputs are skipped with a reason', async () => {
  const bin = await analyzeSource('infra/t.yaml', 'AWSTemplateFormatVersion\u0000\u0001');
  assert.deepEqual(bin?.errors.map((e) => e.message), ['skipped: the file looks binary (it contains NUL bytes)']);
  const big = await analyzeSource('src/big.py', 'import redis\n' + '# x\n'.repeat(300_000), { settings: { maxFileSizeKb: 100 } });
  assert.deepEqual(big?.errors.map((e) => e.message), ['skipped: 1172 KB is over the 100 KB limit (setting maxFileSizeKb)']);
});

test('bulk scans ask the format whether a file head may be relevant', () => {
  const a = analyzer();
  assert.equal(a.mayBeRelevant('package.json', '{ "name": "shop", "dependencies": { "ioredis": "5" } }'), false);
  assert.equal(a.mayBeRelevant('stack.json', '{ "Resources": { "C": { "Type": "AWS::ElastiCache::ReplicationGroup" } } }'), true);
  assert.equal(a.mayBeRelevant('t.yaml', "AWSTemplateFormatVersion: '2010-09-09'\n"), true);
  assert.equal(a.mayBeRelevant('k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\n'), false);
  assert.equal(a.mayBeRelevant('main.tf', 'variable "x" {}\n'), true);
  assert.equal(a.mayBeRelevant('README.md', '# AWS::ElastiCache'), false);
});
