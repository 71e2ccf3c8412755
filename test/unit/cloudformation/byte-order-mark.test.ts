/**
 * A template saved with a byte-order mark (as some Windows tools write JSON): the mark is no column, so findings,
 * syntax errors and fix edits on the first line sit where an editor shows them, as for the same text without it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = 'AWS::ElastiCache::ReplicationGroup';
const BOM = '\uFEFF';

const positions = async (path: string, text: string) => {
  const result = await analyzeSource(path, text);
  return {
    findings: result?.findings.map((f) => [f.ruleId, f.range, f.fixes.map((x) => x.edits)]),
    errors: result?.errors,
  };
};

describe('CloudFormation: a byte-order mark is not a column', () => {
  for (const [name, path, text] of [
    ['one-line JSON', 't.json', `{"Resources": {"C": {"Type": "${RG}", "Properties": {"TransitEncryptionEnabled": false}}}}`],
    ['pretty JSON', 't.json', `{"Resources": {\n  "C": {"Type": "${RG}",\n    "Properties": {"TransitEncryptionEnabled": false}}}}\n`],
    ['YAML', 't.yaml', `Resources: {C: {Type: ${RG}, Properties: {TransitEncryptionEnabled: false}}}\n`],
  ] as const) {
    it(`${name}: findings and fix edits as without the mark`, async () => {
      const plain = await positions(path, text);
      assert.equal(plain.findings?.length, 1);
      assert.deepEqual(await positions(path, BOM + text), plain);
    });
  }

  it('one-line JSON: the finding starts at `false`, counted from the `{`', async () => {
    const before = `{"Resources": {"C": {"Type": "${RG}", "Properties": {"TransitEncryptionEnabled": `;
    const result = await analyzeSource('t.json', `${BOM}${before}false}}}}`);
    assert.deepEqual(result?.findings.map((f) => f.range), [{ start: { line: 0, character: before.length }, end: { line: 0, character: before.length + 5 } }]);
  });

  it('a syntax error on the first line: the column an editor shows', async () => {
    const result = await analyzeSource('t.json', `${BOM}{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"C" "x"}}`);
    const plain = await analyzeSource('t.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"C" "x"}}`);
    assert.ok(plain?.errors.length);
    assert.deepEqual(result?.errors, plain?.errors);
  });
});
