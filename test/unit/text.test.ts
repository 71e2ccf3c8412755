import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';
import { analyzeSource, summarize, onlyIacRules } from '../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

test('a byte-order mark is no column on the first line, in both directions', () => {
  const lines = new LineIndex('\uFEFFab\ncd');
  assert.deepEqual(lines.positionAt(1), { line: 0, character: 0 });
  assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
  assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
  assert.equal(lines.offsetAt({ line: 0, character: 0 }), 1);
  assert.equal(lines.offsetAt({ line: 0, character: 2 }), 3);
  assert.equal(lines.lineText(0), 'ab');
  // Without a BOM nothing moves.
  assert.deepEqual(new LineIndex('ab\ncd').positionAt(1), { line: 0, character: 1 });
});

test('an offset between the \\r and \\n of a CRLF is the end of its line', () => {
  const lines = new LineIndex('ab\r\ncd\r\n');
  assert.deepEqual(lines.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
  assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
  assert.equal(lines.eol, '\r\n');
});

test('findings after a BOM are where the editor shows them (where they are without it), in every format', async () => {
  const cases: [string, string, string][] = [
    ['app.py', 'import redis\nr = redis.Redis()\nr.keys("*")\n', 'keys-command@3:3'],
    ['main.tf', 'resource "aws_elasticache_replication_group" "r" { transit_encryption_enabled = false }\n', 'transit-encryption-disabled@1:81'],
    ['t.json', '{"Resources": {"C": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"ReplicationGroupDescription": "c"}}}}', 'transit-encryption-disabled@1:16'],
    ['t.yaml', 'Resources: {C: {Type: AWS::ElastiCache::ReplicationGroup, Properties: {ReplicationGroupDescription: c}}}\n', 'transit-encryption-disabled@1:13'],
  ];
  for (const [path, text, expected] of cases) {
    assert.deepEqual(summarize(await analyzeSource(path, text)), [expected], path);
    assert.deepEqual(summarize(await analyzeSource(path, '\uFEFF' + text)), [expected], `${path} with a BOM`);
  }
});

test('a lone \\r ends a line for the newline of inserted text, as for positions', () => {
  assert.equal(new LineIndex('ab\rcd\r\n').eol, '\r');
  assert.equal(new LineIndex('ab\ncd\r\n').eol, '\n');
  assert.equal(new LineIndex('ab').eol, '\n');
});

test('code and Terraform with classic-Mac line breaks are read line by line, as the editor shows them', async () => {
  const cases: [string, string, string[]][] = [
    ['app.py', 'import redis\nr = redis.Redis()\nr.keys("*")\nr.set(key, 1)\n', ['keys-command@3:3', 'missing-ttl@4:3']],
    ['app.ts', 'import Redis from "ioredis";\nconst r = new Redis();\nr.keys("*");\nr.set(key, "1");\n', ['keys-command@3:3', 'missing-ttl@4:3']],
    ['main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  transit_encryption_enabled = false\n}\n', ['transit-encryption-disabled@2:32']],
  ];
  for (const [path, unix, expected] of cases) {
    assert.deepEqual(summarize(await analyzeSource(path, unix)), expected, path);
    const mac = unix.replaceAll('\n', '\r');
    const analysis = await analyzeSource(path, mac);
    assert.deepEqual(summarize(analysis), expected, `${path} with lone \\r`);
    // Inserted lines keep the file's line break.
    for (const f of analysis!.findings) for (const fix of f.fixes) for (const e of fix.edits) assert.ok(!e.newText.includes('\n'), `${path}: ${JSON.stringify(e.newText)}`);
  }
});
