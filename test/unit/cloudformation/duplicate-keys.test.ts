/**
 * Duplicate keys are found by our own linear check (the composer's is quadratic per mapping): the same message at
 * the same place as `yaml`'s own check, in order among the other errors, and nothing where keys only look alike.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Composer, Parser } from 'yaml';
import { parseBounded } from '../../../server/src/formats/yaml-bounded';
import { INTRINSIC_TAGS } from '../../../server/src/formats/cloudformation/tags';
import { analyzeSource } from '../../support/analyze';

const RG = 'AWS::ElastiCache::ReplicationGroup';

/** What `yaml`'s own duplicate check reports, composing the same tokens. */
function yamlOwn(text: string): [string, number, string][] {
  const docs = Array.from(new Composer({ customTags: INTRINSIC_TAGS }).compose(new Parser().parse(text), true, text.length));
  return docs[0].errors.map((e) => [e.code, e.pos[0], e.message]);
}

function ours(text: string): [string, number, string][] {
  return parseBounded(text, { customTags: INTRINSIC_TAGS }).doc.errors.map((e) => [e.code, e.pos[0], e.message]);
}

describe('CloudFormation: duplicate keys', () => {
  it('a logical id written twice is a syntax error at the second key', async () => {
    const text = `Resources:\n  A:\n    Type: ${RG}\n  B:\n    Type: ${RG}\n  A:\n    Type: ${RG}\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors.map((e) => e.message), ['YAML syntax error: Map keys must be unique at line 6, column 3']);
    assert.deepEqual(result?.errors[0].range, { start: { line: 5, character: 2 }, end: { line: 5, character: 3 } });
  });

  it('JSON: the second "A" in a flow mapping, at its opening quote', async () => {
    const text = `{"Resources": {"A": {"Type": "${RG}"},\n  "A": {"Type": "${RG}"}}}`;
    const result = await analyzeSource('t.json', text);
    assert.deepEqual(result?.errors.map((e) => e.message), ['JSON syntax error: Map keys must be unique at line 2, column 3']);
  });

  for (const [name, text] of [
    ['block, plain then tagged', 'a: 1\n# c\n\nb: 2\n!Ref a: 3\n'],
    ['nested under another key', 'x:\n  a: 1\n  b:\n    - 1\n  a: 2\n'],
    ['flow inside block', 'a: [1, {b: 1, b: 2}]\n'],
    ['explicit key', 'a: 1\n? a\n: 2\n'],
    ['empty keys', ': a\n: b\n'],
    ['anchored keys', '&x a: 1\n&y a: 2\n'],
    ['quoted and plain spell the same string', 'a: 1\n"a": 2\n\'a\': 3\n'],
    ['in a sequence item', '- a: 1\n  a: 2\n- a: 3\n'],
    ['three times, two errors', 'a: 1\na: 2\na: 3\n'],
    ['among other errors, in document order', 'a: [1\nb: 1\nb: 2\nc: "x\n'],
    ['inside the duplicate key\'s own value', 'a: 1\na: {b: 1, b: 2}\n'],
  ] as const) {
    it(`${name}: exactly what yaml's own check reports`, () => {
      const expected = yamlOwn(text);
      assert.ok(expected.some(([code]) => code === 'DUPLICATE_KEY'), 'the case has a duplicate');
      assert.deepEqual(ours(text), expected);
    });
  }

  for (const [name, text] of [
    ['a number and a string', '1: x\n"1": y\n'],
    ['a boolean and a string', 'true: x\n"true": y\n'],
    ['NaN keys', '.nan: 1\n.nan: 2\n'],
    ['the same key in sibling mappings', 'a:\n  k: 1\nb:\n  k: 2\n'],
    ['flow sequence pairs', '[a: 1, a: 2]\n'],
  ] as const) {
    it(`${name}: not duplicates`, () => {
      assert.deepEqual(yamlOwn(text), []);
      assert.deepEqual(ours(text), []);
    });
  }

  it('uniqueKeys: false (Terraform JSON) still reports none', () => {
    assert.deepEqual(parseBounded('{"a": 1, "a": 2}', { uniqueKeys: false }).doc.errors, []);
  });
});
