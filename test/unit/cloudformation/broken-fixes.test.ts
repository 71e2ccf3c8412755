/**
 * A template cut short (a truncated JSON file, a YAML flow mapping never closed) or with a syntax error inside a
 * mapping: the parser recovers as it can, so a fix that adds an entry there would land in broken text. Findings
 * stay; fixes into such a mapping are not offered, while the same template mended, and other mappings, keep them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = 'AWS::ElastiCache::ReplicationGroup';

describe('CloudFormation: fixes in a template cut short', () => {
  for (const [name, path, cut, whole] of [
    ['JSON truncated inside Properties', 't.json', `{"Resources": {"C": {"Type": "${RG}", "Properties": {"Engine": "redis"`, '}}}}'],
    ['JSON truncated after the type', 't.json', `{"Resources": {"C": {"Type": "${RG}"`, '}}}'],
    ['YAML flow mapping never closed', 't.yaml', `Resources:\n  C: {Type: ${RG}, Properties: {Engine: redis`, '}}\n'],
  ] as const) {
    it(`${name}: the finding, without a fix that inserts`, async () => {
      const broken = await analyzeSource(path, cut);
      assert.ok(broken?.errors.length, 'the cut text has syntax errors');
      assert.deepEqual(broken?.findings.map((f) => [f.ruleId, f.fixes.length]), [['transit-encryption-disabled', 0]]);
      const fixed = await analyzeSource(path, cut + whole);
      assert.deepEqual(fixed?.errors, []);
      assert.ok(fixed?.findings[0].fixes.length, 'closed, the fix is offered');
    });
  }

  it('an unclosed mapping elsewhere does not cost a closed one its fix', async () => {
    const text = `{"Resources": {"A": {"Type": "${RG}", "Properties": {"TransitEncryptionEnabled": false}}, "B": {"Type": "${RG}"`;
    const result = await analyzeSource('t.json', text);
    assert.deepEqual(result?.findings.map((f) => [f.range.start.character, f.fixes.map((x) => x.edits.map((e) => e.newText))[0]]), [
      [text.indexOf('false'), ['true']],
      [text.indexOf('"B"'), undefined],
    ]);
  });

  it('a syntax error inside one resource\'s properties: no fix there, the other resource keeps its own', async () => {
    const text = `Resources:\n  A:\n    Type: ${RG}\n    Properties:\n      Engine: redis: valkey\n      Port: 6379\n  B:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: false\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors.map((e) => e.message), ['YAML syntax error: Nested mappings are not allowed in compact mappings at line 5, column 15']);
    assert.deepEqual(result?.findings.map((f) => [f.range.start.line, f.fixes[0]?.edits.map((e) => e.newText)]), [[1, undefined], [9, ['true']]]);
  });
});

describe('CloudFormation: fixes where the parser resumed at the next resource', () => {
  it('a flow mapping left open is reported at the next key: the resource before it gets no fix, the next one keeps its own', async () => {
    const text = `Resources:\n  A: {Type: ${RG}, Properties: {Engine: redis, Tags: [{Key: a}\n  B:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: false\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.ok(result?.errors.length, 'the text has syntax errors');
    assert.deepEqual(result?.findings.map((f) => [f.range.start.line, f.fixes[0]?.edits.map((e) => e.newText)]), [[1, undefined], [5, ['true']]]);
  });

  it('a lone \\r is a line break to YAML too: the fix lands on the line the editor shows', async () => {
    const text = `Resources:\r  A:\r    Type: ${RG}\r    Properties:\r      Engine: redis\r`;
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(result?.findings.map((f) => [f.ruleId, f.range.start.line, f.fixes[0]?.edits.map((e) => [e.range.start.line, e.newText])]), [
      ['transit-encryption-disabled', 1, [[4, '\r      TransitEncryptionEnabled: true']]],
    ]);
  });
});
