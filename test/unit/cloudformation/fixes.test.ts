/**
 * Fix edits on CloudFormation: applying the preferred fix must leave a file that re-parses cleanly without the
 * finding, in the file's own layout. Exact text is asserted for the representative layouts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize, onlyIacRules } from '../../support/analyze';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import type { IacFixIntent } from '../../../server/src/fixes/intents';
import type { IacResource } from '../../../server/src/model/iac';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

/** Applies fix `index` of the only finding, checks the result is clean, and returns the new text. */
async function fix(path: string, text: string, index = 0): Promise<string> {
  const before = await analyzeSource(path, text);
  assert.equal(before?.findings.length, 1, `expected one finding, got ${summarize(before)}`);
  const f = before!.findings[0].fixes[index];
  assert.ok(f, 'no fix offered');
  const after = applyEdits(text, f.edits);
  const result = await analyzeSource(path, after);
  assert.deepEqual(result?.errors, [], `fixed text does not parse:\n${after}`);
  assert.deepEqual(summarize(result), [], `finding still there:\n${after}`);
  return after;
}

const RG = 'AWS::ElastiCache::ReplicationGroup';

describe('CloudFormation fixes: YAML', () => {
  it('fills an empty flow mapping after its brace, not inside a tag or anchor written before it', async () => {
    for (const props of ['!Custom {}', '&props {}', '&props !Custom {}', '{}']) {
      const text = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties: ${props}\n`;
      assert.equal(await fix('t.yaml', text), text.replace('{}', '{TransitEncryptionEnabled: true}'), props);
    }
  });

  it('appends under Properties with 2-space indentation', async () => {
    const text = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      Engine: valkey\n      Tags:\n        - Key: a\n          Value: b\n  Other:\n    Type: AWS::S3::Bucket\n`;
    assert.equal(await fix('t.yaml', text), text.replace('          Value: b\n', '          Value: b\n      TransitEncryptionEnabled: true\n'));
  });

  it('appends under Properties with 4-space indentation and a trailing comment', async () => {
    const text = `Resources:\n    Cache:\n        Type: ${RG}\n        Properties:\n            Engine: redis # pinned\n\n# end\n`;
    assert.equal(await fix('t.yaml', text), `Resources:\n    Cache:\n        Type: ${RG}\n        Properties:\n            Engine: redis # pinned\n            TransitEncryptionEnabled: true\n\n# end\n`);
  });

  it('adds Properties when the resource has none', async () => {
    const text = `Resources:\n    Cache:\n        Type: ${RG}\n        DeletionPolicy: Retain\nOutputs: {}\n`;
    assert.equal(await fix('t.yaml', text), `Resources:\n    Cache:\n        Type: ${RG}\n        DeletionPolicy: Retain\n        Properties:\n            TransitEncryptionEnabled: true\nOutputs: {}\n`);
  });

  it('replaces false in place, keeping the comment', async () => {
    const text = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: "false"  # TODO\n      Engine: redis\n`;
    assert.equal(await fix('t.yaml', text), text.replace('"false"', 'true'));
  });

  it('replaces a !Ref to a parameter defaulting to false, tag included', async () => {
    const text = `Parameters:\n  Tls: {Type: String, Default: "false"}\nResources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: !Ref Tls\n`;
    assert.equal(await fix('t.yaml', text), text.replace('!Ref Tls', 'true'));
  });

  it('sets the migration pair, adding the mode with the neighbours\' quoting', async () => {
    const text = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      Engine: 'valkey'\n      TransitEncryptionEnabled: false\n`;
    const after = await fix('t.yaml', text, 1);
    assert.equal(after, `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      Engine: 'valkey'\n      TransitEncryptionEnabled: true\n      TransitEncryptionMode: 'preferred'\n`);
  });

  it('writes into a flow-style Properties mapping', async () => {
    const text = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties: {Engine: redis, NumCacheClusters: 2}\n`;
    assert.equal(await fix('t.yaml', text), text.replace('2}', '2, TransitEncryptionEnabled: true}'));
  });

  it('writes into an empty flow mapping and into an empty Properties', async () => {
    const empty = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties: {}\n`;
    assert.equal(await fix('t.yaml', empty), empty.replace('{}', '{TransitEncryptionEnabled: true}'));
    const blank = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n`;
    assert.equal(await fix('t.yaml', blank), blank.replace('Properties:', 'Properties: {TransitEncryptionEnabled: true}'));
  });

  it('replaces a block value (!If over several lines) after the colon', async () => {
    const text = `Parameters:\n  P: {Type: String, Default: "false"}\nResources:\n  Cache:\n    Type: AWS::MemoryDB::Cluster\n    Properties:\n      TLSEnabled: !Ref P\n`;
    assert.equal(await fix('t.yaml', text), text.replace('!Ref P', 'true'));
  });

  it('keeps CRLF line endings', async () => {
    const text = `Resources:\r\n  Cache:\r\n    Type: AWS::ElastiCache::CacheCluster\r\n    Properties:\r\n      Engine: memcached\r\n`;
    assert.equal(await fix('t.yaml', text), `${text}      TransitEncryptionEnabled: true\r\n`);
  });

  it('handles a last line without a newline', async () => {
    const text = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      Engine: redis`;
    assert.equal(await fix('t.yaml', text), `${text}\n      TransitEncryptionEnabled: true`);
  });
});

describe('CloudFormation fixes: JSON', () => {
  it('appends after the last property with a comma on the previous line', async () => {
    const text = `{\n  "Resources": {\n    "Cache": {\n      "Type": "${RG}",\n      "Properties": {\n        "Engine": "redis",\n        "NumCacheClusters": 2\n      }\n    }\n  }\n}\n`;
    assert.equal(await fix('t.json', text), text.replace('"NumCacheClusters": 2\n', '"NumCacheClusters": 2,\n        "TransitEncryptionEnabled": true\n'));
  });

  it('replaces false in place', async () => {
    const text = `{"Resources": {"Cache": {"Type": "${RG}", "Properties": {"TransitEncryptionEnabled": false, "Engine": "redis"}}}}`;
    assert.equal(await fix('t.json', text), text.replace('false', 'true'));
  });

  it('replaces {"Ref": …} and writes the mode as a JSON string', async () => {
    const text = `{"Parameters": {"T": {"Type": "String", "Default": "false"}},\n "Resources": {"Cache": {"Type": "${RG}", "Properties": {"TransitEncryptionEnabled": {"Ref": "T"}}}}}`;
    assert.equal(await fix('t.json', text, 2), text.replace('{"Ref": "T"}}', 'true, "TransitEncryptionMode": "preferred"}'));
  });

  it('adds Properties with tab indentation', async () => {
    const text = `{\n\t"Resources": {\n\t\t"Cache": {\n\t\t\t"Type": "${RG}"\n\t\t}\n\t}\n}`;
    assert.equal(await fix('t.json', text), `{\n\t"Resources": {\n\t\t"Cache": {\n\t\t\t"Type": "${RG}",\n\t\t\t"Properties": {\n\t\t\t\t"TransitEncryptionEnabled": true\n\t\t\t}\n\t\t}\n\t}\n}`);
  });

  it('adds Properties to a one-line resource', async () => {
    const text = `{"Resources": {"Cache": {"Type": "AWS::MemoryDB::Cluster", "Properties": {"TLSEnabled": "false"}}, "C2": {"Type": "AWS::ElastiCache::CacheCluster"}}}`;
    const result = await analyzeSource('t.json', text);
    assert.equal(result?.findings.length, 2);
    const after = applyEdits(text, result!.findings[1].fixes[0].edits);
    assert.equal(after, text.replace('"AWS::ElastiCache::CacheCluster"}', '"AWS::ElastiCache::CacheCluster", "Properties": {"TransitEncryptionEnabled": true}}'));
  });

  it('keeps CRLF line endings', async () => {
    const text = `{\r\n  "Resources": {\r\n    "Cache": {\r\n      "Type": "${RG}",\r\n      "Properties": {\r\n        "Engine": "redis"\r\n      }\r\n    }\r\n  }\r\n}\r\n`;
    assert.equal(await fix('t.json', text), text.replace('"Engine": "redis"\r\n', '"Engine": "redis",\r\n        "TransitEncryptionEnabled": true\r\n'));
  });
});

describe('CloudFormation edit builder: other intents', () => {
  const grammars = new Grammars(nodeGrammarSource());
  function edit(path: string, text: string, make: (r: IacResource) => IacFixIntent): string | undefined {
    const parsed = cloudformation.parse({ path, text }, new LineIndex(text), grammars)!;
    const edits = parsed.buildEdits(make(parsed.model.resources[0]));
    if (!edits) return undefined;
    const after = applyEdits(text, edits);
    const reparsed = cloudformation.parse({ path, text: after }, new LineIndex(after), grammars);
    assert.deepEqual(reparsed?.errors, [], after);
    return after;
  }
  const yaml = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      AuthToken: hunter2hunter2hunter2\n      Engine: redis\n`;
  const json = `{\n  "Resources": {\n    "Cache": {\n      "Type": "${RG}",\n      "Properties": {\n        "Engine": "redis",\n        "AuthToken": "hunter2hunter2hunter2"\n      }\n    }\n  }\n}`;
  const secret = { cloudformation: "'{{resolve:secretsmanager:cache-auth}}'", terraform: 'unused' };

  it('setPropertyExpression replaces the value in YAML and JSON', () => {
    assert.equal(edit('t.yaml', yaml, (resource) => ({ kind: 'setPropertyExpression', resource, property: 'authToken', expression: secret })),
      yaml.replace('hunter2hunter2hunter2', "'{{resolve:secretsmanager:cache-auth}}'"));
    assert.equal(edit('t.json', json, (resource) => ({ kind: 'setPropertyExpression', resource, property: 'authToken', expression: secret })),
      json.replace('"hunter2hunter2hunter2"', '"{{resolve:secretsmanager:cache-auth}}"'));
  });

  it('setPropertyExpression turns a short-form tag into the JSON long form', () => {
    const expression = { cloudformation: '!GetAtt Secret.Arn', terraform: 'unused' };
    assert.equal(edit('t.json', json, (resource) => ({ kind: 'setPropertyExpression', resource, property: 'userGroupIds', expression })),
      json.replace('"hunter2hunter2hunter2"\n', '"hunter2hunter2hunter2",\n        "UserGroupIds": {"Fn::GetAtt": ["Secret", "Arn"]}\n'));
  });

  it('setPropertyExpression refuses an expression that is not one inline YAML value', () => {
    const expression = { cloudformation: 'a: [', terraform: 'unused' };
    assert.equal(edit('t.yaml', yaml, (resource) => ({ kind: 'setPropertyExpression', resource, property: 'authToken', expression })), undefined);
  });

  it('removeProperty deletes the line in YAML and the comma in JSON', () => {
    assert.equal(edit('t.yaml', yaml, (resource) => ({ kind: 'removeProperty', resource, property: 'authToken' })),
      yaml.replace('      AuthToken: hunter2hunter2hunter2\n', ''));
    assert.equal(edit('t.json', json, (resource) => ({ kind: 'removeProperty', resource, property: 'authToken' })),
      json.replace(',\n        "AuthToken": "hunter2hunter2hunter2"', ''));
    assert.equal(edit('t.json', json, (resource) => ({ kind: 'removeProperty', resource, property: 'engine' })),
      json.replace('"Engine": "redis",\n        ', ''));
  });

  it('removeProperty of the only property leaves an empty mapping', () => {
    const only = `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      AuthToken: x\n`;
    assert.equal(edit('t.yaml', only, (resource) => ({ kind: 'removeProperty', resource, property: 'authToken' })),
      `Resources:\n  Cache:\n    Type: ${RG}\n    Properties: {}\n`);
  });

  it('removeProperty of an absent property offers no edit', () => {
    assert.equal(edit('t.yaml', yaml, (resource) => ({ kind: 'removeProperty', resource, property: 'kmsKeyId' })), undefined);
  });
});
