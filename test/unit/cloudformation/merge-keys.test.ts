/**
 * YAML merge keys (`<<: *anchor`), which SAM and `aws cloudformation package` expand: merged values count, explicit
 * keys win, a merge that cannot be resolved leaves absent properties unknown, and no fix adds a merged key again.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize, onlyIacRules } from '../../support/analyze';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import type { Range } from '../../../server/src/engine/types';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = 'AWS::ElastiCache::ReplicationGroup';
const ID = 'transit-encryption-disabled';

/** A template whose first resource anchors its properties as `&props`, with TransitEncryptionEnabled `tls`. */
function template(tls: string, rest: string): string {
  return `Resources:\n  Base:\n    Type: ${RG}\n    Properties: &props\n      ReplicationGroupDescription: base\n      TransitEncryptionEnabled: ${tls}\n  Cache:\n    Type: ${RG}\n${rest}`;
}

const grammars = new Grammars(nodeGrammarSource());

function parse(text: string) {
  const parsed = cloudformation.parse({ path: 't.yaml', text }, new LineIndex(text), grammars);
  assert.ok(parsed);
  return parsed;
}

function textAt(text: string, r: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}

describe('CloudFormation: YAML merge keys', () => {
  it('reads a merged value, located at the anchored source', async () => {
    const text = template('true', '    Properties: { <<: *props, ReplicationGroupDescription: x }\n');
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), []);
    const cache = parse(text).model.resources[1];
    const tls = cache.properties.get('transitEncryptionEnabled')!;
    assert.deepEqual(tls.value.kind === 'literal' && tls.value.value, true);
    assert.equal(tls.value.range.start.line, 5, 'the value is where the anchor defines it');
    assert.equal(textAt(text, tls.keyRange), 'TransitEncryptionEnabled');
    const description = cache.properties.get('description')!;
    assert.equal(description.value.kind === 'literal' && description.value.value, 'x', 'explicit keys win over merged ones');
    assert.equal(description.value.range.start.line, 8);
  });

  it('reports a merged false at the anchored value, with no fix that would add the key beside the merge', async () => {
    const text = template('false', '    Properties:\n      <<: *props\n      Port: 6379\n');
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), [`${ID}@6:33`, `${ID}@6:33`]);
    const [base, cache] = result!.findings;
    assert.match(base.message, /'Base'/);
    assert.equal(base.fixes.length, 2, 'the anchored resource itself is fixed in place');
    assert.equal(applyEdits(text, base.fixes[0].edits), text.replace('Enabled: false', 'Enabled: true'));
    assert.match(cache.message, /'Cache'.*TransitEncryptionEnabled is false/);
    assert.deepEqual(cache.fixes, []);
  });

  it('an explicit key overrides the merge and is fixed in place', async () => {
    const text = template('true', '    Properties: { <<: *props, TransitEncryptionEnabled: false }\n');
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(summarize(result), [`${ID}@9:57`]);
    assert.equal(applyEdits(text, result!.findings[0].fixes[0].edits), text.replace('TransitEncryptionEnabled: false }', 'TransitEncryptionEnabled: true }'));
  });

  it('of several merged mappings the first wins', async () => {
    const first = await analyzeSource('t.yaml', template('true', '    Properties:\n      <<: [{TransitEncryptionEnabled: false}, *props]\n'));
    assert.deepEqual(summarize(first), [`${ID}@10:39`]);
    assert.deepEqual(first!.findings[0].fixes, []);
    const second = await analyzeSource('t.yaml', template('true', '    Properties:\n      <<: [*props, {TransitEncryptionEnabled: false}]\n'));
    assert.deepEqual(summarize(second), []);
  });

  it('follows a merge inside the merged mapping', async () => {
    const text = `Resources:\n  Cache:\n    Type: ${RG}\n    Metadata:\n      Tls: &tls {TransitEncryptionEnabled: true}\n      Base: &base {<<: *tls, Port: 6379}\n    Properties: {<<: *base, ReplicationGroupDescription: x}\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), []);
  });

  it('an unresolved merge leaves absent properties unknown: no "not set" finding, no fix adding them', async () => {
    for (const merge of ['*missing', '!Ref Shared', '[*props, *missing]', 'plain', '[]']) {
      const text = template('true', `    Properties:\n      <<: ${merge}\n      Port: 6379\n`);
      const result = await analyzeSource('t.yaml', text);
      assert.deepEqual(summarize(result), [], merge);
      const parsed = parse(text);
      const cache = parsed.model.resources[1];
      assert.equal(cache.properties.get('transitEncryptionEnabled')?.value.kind, merge.startsWith('[*props') ? 'literal' : 'unknown', merge);
      assert.equal(cache.properties.get('port')?.value.kind, 'literal', `${merge}: explicit values are still read`);
      const fix = parsed.buildEdits({ kind: 'setProperties', resource: cache, values: [{ property: 'atRestEncryptionEnabled', value: true }] });
      assert.equal(fix, undefined, `${merge}: the key may already be set through the merge`);
    }
  });

  it('an unresolved merge still reads explicit keys, and they are edited in place', async () => {
    const text = template('true', '    Properties:\n      <<: *missing\n      TransitEncryptionEnabled: false\n');
    const parsed = parse(text);
    const cache = parsed.model.resources[1];
    const tls = cache.properties.get('transitEncryptionEnabled')!;
    assert.deepEqual(tls.value.kind === 'literal' && tls.value.value, false);
    const unknown = cache.properties.get('globalReplicationGroupId')!;
    assert.equal(unknown.value.kind, 'unknown');
    assert.equal(textAt(text, unknown.value.range), '<<: *missing', 'an absent property names the merge as its source');
    // The merge may make the group a Global Datastore secondary, which inherits TLS: the rule stays quiet.
    assert.deepEqual(summarize(await analyzeSource('t.yaml', text)), []);
    const edits = parsed.buildEdits({ kind: 'setProperties', resource: cache, values: [{ property: 'transitEncryptionEnabled', value: true }] });
    assert.equal(applyEdits(text, edits!), text.replace('Enabled: false', 'Enabled: true'));
  });

  it('`Properties: *props` reads the anchored mapping and is never edited', async () => {
    assert.deepEqual(summarize(await analyzeSource('t.yaml', template('true', '    Properties: *props\n'))), []);
    const result = await analyzeSource('t.yaml', template('false', '    Properties: *props\n'));
    assert.deepEqual(summarize(result), [`${ID}@6:33`, `${ID}@6:33`]);
    assert.deepEqual(result!.findings[1].fixes, []);
    assert.deepEqual(summarize(await analyzeSource('t.yaml', template('false', '    Properties: *missing\n'))), [`${ID}@6:33`], 'an unresolved alias is not "no properties"');
  });

  it('a plain alias value reads as the anchored value; a quoted "<<" key is an ordinary key', async () => {
    const alias = await analyzeSource('t.yaml', `Resources:\n  Cache:\n    Type: ${RG}\n    Metadata: {Off: &off false}\n    Properties:\n      TransitEncryptionEnabled: *off\n`);
    assert.deepEqual(summarize(alias), [`${ID}@4:26`]);
    const quoted = await analyzeSource('t.yaml', template('true', `    Properties: {"<<": *props}\n`));
    assert.deepEqual(summarize(quoted), [`${ID}@7:3`]);
  });
});
