/**
 * Quoted scalars whose continuation lines are indented less than YAML asks, as AWS's own samples write them
 * (FindInMap_Inside_Sub.yaml ends with one). CloudFormation and cfn-lint (PyYAML) read them; `yaml` reported two
 * syntax errors. Valid templates now parse with none, the value and its range as CloudFormation reads them; a
 * quote that is really missing keeps `yaml`'s own message.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileAnalysis } from '../../../server/src/engine/analyze';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = 'AWS::ElastiCache::ReplicationGroup';

/** A replication group whose description is `description` as written, on lines 5 onwards. */
const template = (description: string) =>
  `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      ReplicationGroupDescription: ${description}\n      TransitEncryptionEnabled: false\n`;

/** Written property name → its value in the model. */
const byWrittenName = (result: FileAnalysis | undefined) =>
  new Map([...result!.iac!.resources[0].properties.values()].map((p) => [p.writtenName, p.value]));

/**
 * The description read from the template with `written` as its value; the template must parse cleanly, with the
 * TLS finding on the line after the value.
 */
async function description(written: string) {
  const result = await analyzeSource('t.yaml', template(written));
  assert.deepEqual(result?.errors, []);
  assert.deepEqual(summarize(result), [`transit-encryption-disabled@${6 + written.split('\n').length - 1}:33`]);
  const value = byWrittenName(result).get('ReplicationGroupDescription')!;
  assert.equal(value.kind, 'literal');
  return value;
}

describe('CloudFormation: quoted scalars with under-indented continuation lines', () => {
  it("a single-quoted value continued at the key's own indentation", async () => {
    const value = await description("'Log in to the console, then\n      choose your instance.'");
    assert.equal(value.kind === 'literal' && value.value, 'Log in to the console, then choose your instance.');
    assert.deepEqual(value.range, { start: { line: 4, character: 35 }, end: { line: 5, character: 28 } });
  });

  it('continued at column 0, over a blank line, with an escaped quote: folded as PyYAML folds it', async () => {
    const value = await description("'it''s\nnot\n\n  indented'");
    assert.equal(value.kind === 'literal' && value.value, "it's not\nindented");
    assert.deepEqual(value.range, { start: { line: 4, character: 35 }, end: { line: 7, character: 11 } });
  });

  it('double quotes with an escaped quote inside, and three such values in one template', async () => {
    const text = `Description: "first \\" quote\n ok"\n${template('"second\n    line"').replace('Properties:\n', 'Properties:\n      CacheNodeType: \'third\n     line\'\n')}`;
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors, []);
    const props = byWrittenName(result);
    assert.deepEqual([props.get('CacheNodeType'), props.get('ReplicationGroupDescription')].map((v) => v?.kind === 'literal' && v.value), ['third line', 'second line']);
    assert.deepEqual(summarize(result), ['transit-encryption-disabled@11:33']);
  });

  it('the FindInMap-inside-Sub shapes: a multi-line flow mapping with comments and short-form tags', async () => {
    const text = [
      'Resources:', '  Cache:', `    Type: ${RG}`, '    Properties:', '      ReplicationGroupDescription:', '        Fn::Sub:',
      '          - "${Owner} in ${AWS::Region}"', '          - {', '            # the values substituted above',
      '            Owner:    !FindInMap [ Owners,   !Ref Env,   Name ],', "            Other:    !If        [ IsProd, 'prod', 'dev' ]", '            }',
      '      CacheNodeType: !Sub', '        - "${Size}"', '        - Size: !FindInMap [Sizes, !Ref "AWS::Region", Node]',
      "      TransitEncryptionEnabled: false", 'Outputs:', '  Help:', "    Value: 'Open the console and choose", "    your cache.'", '',
    ].join('\n');
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), ['transit-encryption-disabled@16:33']);
  });

  for (const [name, text, message] of [
    ['a quote never closed before another key', `Description: 'abc\n${template("'redis'")}`, "Missing closing 'quote at line 1, column 18"],
    ['a document marker inside the quotes', template("'one\n---\n  two'"), "Missing closing 'quote at line 5, column 40"],
  ] as const) {
    it(`${name}: yaml's own error, unchanged`, async () => {
      const result = await analyzeSource('t.yaml', text);
      assert.deepEqual(result?.errors.map((e) => e.message)[0], `YAML syntax error: ${message}`);
    });
  }
});
