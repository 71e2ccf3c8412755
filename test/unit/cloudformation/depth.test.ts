/**
 * Input built to exhaust the reader: nesting past the parser cap, anchors that repeat each other ("billion
 * laughs"), merge cycles. Each file is analysed without a crash, in bounded time.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = 'AWS::ElastiCache::ReplicationGroup';
const ID = 'transit-encryption-disabled';

describe('CloudFormation: hostile depth', () => {
  it('flow nesting past the parser cap is cut and reported, twice in one process', async () => {
    // The second deep parse used to abort the process from inside the `yaml` composer, past any catch.
    for (const [path, text, at] of [
      ['t.yaml', `Resources:\n  C:\n    Type: ${RG}\n    Properties:\n      Tags: ${'['.repeat(3000)}${']'.repeat(3000)}\n`, 'line 5, column 265'],
      ['t.json', `{"Resources": {"C": {"Type": "${RG}", "Properties": {"Tags": ${'{"a": '.repeat(3000)}1${'}'.repeat(3000)}}}}}`, 'line 1, column 1603'],
      ['t.yaml', `Resources:\n  C:\n    Type: ${RG}\n    Properties:\n      Tags: ${'['.repeat(3000)}${']'.repeat(3000)}\n`, 'line 5, column 265'],
    ]) {
      const result = await analyzeSource(path, text);
      assert.deepEqual(result?.errors.map((e) => e.message), [`${path.endsWith('json') ? 'JSON' : 'YAML'} nested too deeply to analyse at ${at}`]);
      assert.deepEqual(summarize(result), [path.endsWith('json') ? `${ID}@1:16` : `${ID}@2:3`]);
    }
  });

  it('anchors that each repeat the previous one twice are read in bounded time', async () => {
    const anchors = ['      L0: &l0 [false]'];
    for (let i = 1; i < 60; i++) anchors.push(`      L${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    const text = `Resources:\n  C:\n    Type: ${RG}\n    Metadata:\n${anchors.join('\n')}\n    Properties:\n      Tags: *l59\n      SecurityGroupIds: {<<: [*l59]}\n`;
    const started = Date.now();
    const result = await analyzeSource('t.yaml', text);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), [`${ID}@2:3`]);
  });

  it('a merge that includes itself ends as unresolved, not in a loop', async () => {
    const text = `Resources:\n  C:\n    Type: ${RG}\n    Properties: &p\n      <<: *p\n      Port: 6379\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.ok(result);
    assert.deepEqual(summarize(result), []);
  });
});
