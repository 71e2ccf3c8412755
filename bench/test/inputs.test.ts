import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { INTRINSIC_TAGS, longFormOf } from '../../server/src/formats/cloudformation/tags';
import { analyzer, assertAnalysed } from '../engine';
import { resolveSettings } from '../../server/src/engine/settings';
import { onlyIacRules, scopedSettings } from '../../test/support/analyze';
import { lineCount } from '../measure';
import type { Generated } from '../inputs/generated';
import { cacheStack, cloudFormation, cloudFormationOfLines } from '../inputs/cloudformation';
import { terraform, terraformOfLines } from '../inputs/terraform';
import { python, pythonOfLines, pythonWithoutCacheOfLines } from '../inputs/python';
import { typescript, typescriptOfLines } from '../inputs/typescript';
import { templateRepository } from '../inputs/repository';

/** A YAML template as the JSON one would spell it: short tags become their long forms. */
function longForm(node: Node | null): unknown {
  if (isMap(node)) {
    const obj = Object.fromEntries(node.items.map((p) => [String((p.key as { value: unknown }).value), longForm(p.value as Node)]));
    return wrap(node.tag, obj);
  }
  if (isSeq(node)) return wrap(node.tag, node.items.map((n) => longForm(n as Node)));
  if (isScalar(node)) {
    if (node.tag === '!GetAtt') {
      const s = String(node.value), dot = s.indexOf('.');
      return { 'Fn::GetAtt': [s.slice(0, dot), s.slice(dot + 1)] };
    }
    return wrap(node.tag, node.value);
  }
  throw new Error('unexpected node');
}

function wrap(tag: string | undefined, value: unknown): unknown {
  const long = tag ? longFormOf(tag) : undefined;
  return long ? { [long]: value } : value;
}

test('the YAML and JSON templates are one template: same values once short tags are spelt long', () => {
  for (const n of [1, 9]) {
    const doc = parseDocument(cloudFormation(n, 'yaml').text, { customTags: INTRINSIC_TAGS });
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.warnings, []);
    assert.deepEqual(longForm(doc.contents), JSON.parse(cloudFormation(n, 'json').text));
  }
});

test('scalars that YAML would read as something else are quoted; block scalars keep their lines', () => {
  const yaml = cloudFormation(4, 'yaml').text;
  assert.match(yaml, /^AWSTemplateFormatVersion: '2010-09-09'$/m);
  assert.match(yaml, /AllowedValues: \['true', 'false'\]/);
  assert.match(yaml, /Default: 'false'/);
  assert.match(yaml, /Type: AWS::ElastiCache::ReplicationGroup$/m);
  assert.match(yaml, /Action: \['elasticache:Connect', 'elasticache:DescribeReplicationGroups'\]/);
  assert.match(yaml, /ZipFile: \|\n {10}import json\n {10}import os\n\n {10}def handler/);
});

const generators: [string, (n: number) => Generated][] = [
  ['cloudformation yaml', (n) => cloudFormationOfLines(n, 'yaml')],
  ['cloudformation json', (n) => cloudFormationOfLines(n, 'json')],
  ['terraform', terraformOfLines],
  ['python', pythonOfLines],
  ['python without a client', pythonWithoutCacheOfLines],
  ['typescript', typescriptOfLines],
];

test('generators are deterministic and reach their line count within one unit', () => {
  for (const [name, make] of generators) {
    const a = make(1000), b = make(1000);
    assert.equal(a.text, b.text, name);
    assert.ok(lineCount(a.text) >= 1000 && lineCount(a.text) < 1300, `${name}: ${lineCount(a.text)} lines`);
  }
});

test('findings grow with size, and every block kind carries its share', () => {
  assert.deepEqual(cloudFormation(8, 'yaml').expected, { 'transit-encryption-disabled': 6 });
  assert.deepEqual(cloudFormation(16, 'json').expected, { 'transit-encryption-disabled': 12 });
  assert.deepEqual(terraform(8).expected, { 'transit-encryption-disabled': 5 });
  assert.deepEqual(python(12).expected, { 'missing-ttl': 2, 'missing-hash-tag': 2, 'cross-slot-keys': 1, 'keys-command': 1 });
  assert.deepEqual(typescript(12).expected, { 'missing-ttl': 2, 'missing-hash-tag': 1, 'cross-slot-keys': 1, 'keys-command': 1 });
  assert.deepEqual(pythonWithoutCacheOfLines(500).expected, {});
});

test('a shifted numbering changes the text, not the mix of findings', () => {
  assert.notEqual(cloudFormation(8, 'yaml', 64).text, cloudFormation(8, 'yaml').text);
  assert.deepEqual(cloudFormation(8, 'yaml', 64).expected, cloudFormation(8, 'yaml').expected);
  assert.notEqual(python(24, 48).text, python(24).text);
  assert.deepEqual(python(24, 48).expected, python(24).expected);
});

test('the engine finds in each generated input exactly what the generator declares, with no errors', async () => {
  // The generators declare transit-encryption-disabled findings only (written when it was the only infrastructure rule).
  onlyIacRules('transit-encryption-disabled');
  const { settings } = resolveSettings([{ source: 'bench', value: scopedSettings({ maxFileSizeKb: 1_000_000 }) }]);
  const cases: [string, string, Generated][] = [
    ['cloudformation yaml', 'g.yaml', cloudFormation(16, 'yaml')],
    ['cloudformation json', 'g.json', cloudFormation(16, 'json')],
    ['terraform', 'g.tf', terraform(16)],
    ['python', 'src/g.py', python(24)],
    ['python without a client', 'src/plain.py', pythonWithoutCacheOfLines(300)],
    ['typescript', 'src/g.ts', typescript(24)],
    ...Array.from({ length: 8 }, (_, i): [string, string, Generated] => [`cache stack ${i}`, `s${i}.${i % 2 ? 'json' : 'yaml'}`, cacheStack(i, i % 2 ? 'json' : 'yaml')]),
  ];
  for (const [name, path, g] of cases) assertAnalysed(name, await analyzer.analyzeFile({ path, text: g.text }, settings), g.expected);
});

test('the peer set: 4 project templates and 40 generated from 50 to 2,000 lines, a quarter of them JSON', () => {
  const files = templateRepository(`${__dirname}/../..`);
  assert.equal(files.length, 44);
  assert.deepEqual(files.slice(0, 4).map((f) => f.rel), ['test/cache-stack.json', 'test/cache-stack.yaml', 'examples/leaderboard.json', 'examples/sessions.yaml']);
  const generated = files.filter((f) => f.expected);
  assert.equal(generated.length, 40);
  assert.equal(generated.filter((f) => f.rel.endsWith('.json')).length, 10);
  const lines = generated.map((f) => lineCount(f.text));
  assert.ok(Math.min(...lines) >= 45 && Math.min(...lines) <= 60, `smallest ${Math.min(...lines)}`);
  assert.ok(Math.max(...lines) >= 2000 && Math.max(...lines) < 2300, `largest ${Math.max(...lines)}`);
  assert.equal(new Set(files.map((f) => f.text)).size, 44);
});
