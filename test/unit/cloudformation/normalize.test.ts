/** The CloudFormation normaliser on its own: value kinds, canonical names and exact ranges. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import type { IacResource, IacValue } from '../../../server/src/model/iac';
import type { Range } from '../../../server/src/engine/types';

const grammars = new Grammars(nodeGrammarSource());

function parse(text: string, path = 'template.yaml') {
  const parsed = cloudformation.parse({ path, text }, new LineIndex(text), grammars);
  assert.ok(parsed, 'not recognised as a template');
  return parsed;
}

/** The text a range covers, so range assertions read as source. */
function textAt(text: string, r: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}

function prop(resource: IacResource, name: string): IacValue {
  const p = resource.properties.get(name);
  assert.ok(p, `no property ${name}`);
  return p.value;
}

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Token:
    Type: String
    NoEcho: true
  Tls:
    Type: String
    Default: "false"
  NodeType:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Group:
    Type: AWS::ElastiCache::ReplicationGroup
    Condition: IsProd
    Properties:
      ReplicationGroupDescription: !Sub "\${AWS::StackName} cache"
      TransitEncryptionEnabled: !Ref Tls
      AuthToken: !Ref Token
      CacheNodeType: !Ref NodeType
      CacheSubnetGroupName: !Ref Subnets
      SecurityGroupIds:
        - !GetAtt Sg.GroupId
        - Fn::GetAtt: [Sg, GroupId]
        - !ImportValue shared-sg
      NumCacheClusters: 2
      EngineVersion: 7.0
      AtRestEncryptionEnabled: "true"
      AutomaticFailoverEnabled: true
      MultiAZEnabled: !If [IsProd, true, !Ref AWS::NoValue]
      KmsKeyId: '{{resolve:ssm:/kms/key}}'
      Port:
      LogDeliveryConfigurations:
        - DestinationType: cloudwatch-logs
          LogFormat: json
      CustomThing: !Join ["", [a, b]]
  Subnets:
    Type: AWS::ElastiCache::SubnetGroup
    Properties:
      Description: subnets
      SubnetIds: !Split [",", !ImportValue subnet-ids]
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: sg
  Bucket:
    Type: AWS::S3::Bucket
`;

describe('CloudFormation normaliser', () => {
  const parsed = parse(YAML);
  const [group, subnets, sg] = parsed.model.resources;

  it('parses every short tag without errors and keeps only modelled resource types', () => {
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.model.format, 'cloudformation');
    assert.deepEqual(parsed.model.resources.map((r) => [r.kind, r.name]), [
      ['replicationGroup', 'Group'], ['subnetGroup', 'Subnets'], ['securityGroup', 'Sg'],
    ]);
    assert.equal(group.type, 'AWS::ElastiCache::ReplicationGroup');
    assert.equal(group.conditional, true);
    assert.equal(subnets.conditional, undefined);
    assert.equal(textAt(YAML, group.anchorRange), 'Group');
    assert.equal(sg.properties.get('GroupDescription')?.writtenName, 'GroupDescription');
  });

  it('maps written names to canonical ones and keeps unknown names as written', () => {
    const p = group.properties.get('transitEncryptionEnabled')!;
    assert.equal(p.writtenName, 'TransitEncryptionEnabled');
    assert.equal(textAt(YAML, p.keyRange), 'TransitEncryptionEnabled');
    assert.equal(group.properties.get('CustomThing')?.name, 'CustomThing');
  });

  it('resolves !Ref to parameters with their default and NoEcho', () => {
    const tls = prop(group, 'transitEncryptionEnabled');
    assert.equal(tls.kind, 'input');
    assert.ok(tls.kind === 'input');
    assert.equal(tls.input.name, 'Tls');
    assert.equal(tls.input.secret, false);
    assert.equal(tls.input.defaultValue?.kind, 'literal');
    assert.equal(tls.input.defaultValue?.kind === 'literal' && tls.input.defaultValue.value, 'false');
    assert.equal(textAt(YAML, tls.input.defaultValue!.range), '"false"');
    assert.equal(textAt(YAML, tls.range), '!Ref Tls');
    const token = prop(group, 'authToken');
    assert.ok(token.kind === 'input' && token.input.secret && token.input.defaultValue === undefined);
    const node = prop(group, 'nodeType');
    assert.ok(node.kind === 'input' && !node.input.secret && node.input.defaultValue === undefined);
  });

  it('resolves !Ref and !GetAtt (short and long) to resources', () => {
    assert.deepEqual(strip(prop(group, 'subnetGroupName')), { kind: 'resource', target: 'Subnets' });
    const sgs = prop(group, 'securityGroupIds');
    assert.ok(sgs.kind === 'list');
    assert.deepEqual(sgs.items.map(strip), [
      { kind: 'resource', target: 'Sg', attribute: 'GroupId' },
      { kind: 'resource', target: 'Sg', attribute: 'GroupId' },
      { kind: 'unknown', text: '!ImportValue shared-sg' },
    ]);
    assert.equal(textAt(YAML, sgs.items[0].range), '!GetAtt Sg.GroupId');
    assert.equal(textAt(YAML, sgs.items[1].range), 'Fn::GetAtt: [Sg, GroupId]');
  });

  it('types literals and keeps non-canonical number text', () => {
    assert.deepEqual(strip(prop(group, 'numCacheClusters')), { kind: 'literal', value: 2 });
    assert.deepEqual(strip(prop(group, 'engineVersion')), { kind: 'literal', value: '7.0' });
    assert.deepEqual(strip(prop(group, 'atRestEncryptionEnabled')), { kind: 'literal', value: 'true' });
    assert.deepEqual(strip(prop(group, 'automaticFailoverEnabled')), { kind: 'literal', value: true });
    assert.deepEqual(strip(prop(group, 'port')), { kind: 'literal', value: null });
  });

  it('keeps intrinsics and dynamic references as unknown with their source text; Fn::If is a choice (issue 7)', () => {
    assert.deepEqual(strip(prop(group, 'description')), { kind: 'unknown', text: '!Sub "${AWS::StackName} cache"' });
    const az = prop(group, 'multiAzEnabled');
    assert.ok(az.kind === 'choice');
    assert.deepEqual([az.condition.name, az.text, az.then && strip(az.then), az.else], ['IsProd', '!If [IsProd, true, !Ref AWS::NoValue]', { kind: 'literal', value: true }, undefined]);
    // ssm (plain String parameter) is a dynamic reference, not a secret one.
    assert.deepEqual(strip(prop(group, 'kmsKeyId')), { kind: 'unknown', text: "'{{resolve:ssm:/kms/key}}'", dynamic: { service: 'ssm', secret: false } });
    assert.deepEqual(strip(prop(group, 'CustomThing')), { kind: 'unknown', text: '!Join ["", [a, b]]' });
    assert.equal(prop(subnets, 'subnetIds').kind, 'unknown');
  });

  it('reads nested mappings as objects keyed by written name', () => {
    const logs = prop(group, 'LogDeliveryConfigurations');
    assert.ok(logs.kind === 'list' && logs.items[0].kind === 'object');
    const entry = logs.items[0].entries.get('DestinationType')!;
    assert.deepEqual(strip(entry.value), { kind: 'literal', value: 'cloudwatch-logs' });
    assert.equal(textAt(YAML, logs.items[0].range), 'DestinationType: cloudwatch-logs\n          LogFormat: json');
  });

  it('reads JSON long forms with exact ranges', () => {
    const json = JSON.stringify({
      Parameters: { Tls: { Type: 'String', Default: false }, Pw: { Type: 'String', NoEcho: 'true' } },
      Resources: {
        G: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: {
          TransitEncryptionEnabled: { Ref: 'Tls' }, AuthToken: { Ref: 'Pw' }, CacheSubnetGroupName: { Ref: 'S' },
          SecurityGroupIds: [{ 'Fn::GetAtt': 'Sg.GroupId' }], Engine: { 'Fn::If': ['C', 'valkey', 'redis'] }, Port: 6379,
        } },
        S: { Type: 'AWS::ElastiCache::SubnetGroup' }, Sg: { Type: 'AWS::EC2::SecurityGroup' },
      },
    }, null, 2);
    const g = parse(json, 'template.json').model.resources[0];
    const tls = prop(g, 'transitEncryptionEnabled');
    assert.ok(tls.kind === 'input' && tls.input.defaultValue?.kind === 'literal' && tls.input.defaultValue.value === false);
    assert.equal(textAt(json, tls.range), '{\n          "Ref": "Tls"\n        }');
    const pw = prop(g, 'authToken');
    assert.ok(pw.kind === 'input' && pw.input.secret);
    assert.deepEqual(strip(prop(g, 'subnetGroupName')), { kind: 'resource', target: 'S' });
    const sgs = prop(g, 'securityGroupIds');
    assert.ok(sgs.kind === 'list');
    assert.deepEqual(strip(sgs.items[0]), { kind: 'resource', target: 'Sg', attribute: 'GroupId' });
    assert.equal(prop(g, 'engine').kind, 'choice');
    assert.deepEqual(strip(prop(g, 'port')), { kind: 'literal', value: 6379 });
    assert.equal(textAt(json, prop(g, 'port').range), '6379');
  });

  it('treats Ref to pseudo parameters and unknown names as unknown', () => {
    const text = 'Resources:\n  G:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      A: !Ref AWS::Region\n      B: !Ref Missing\n      C: !GetAtt Missing.Attr\n';
    const g = parse(text).model.resources[0];
    assert.deepEqual(['A', 'B', 'C'].map((n) => prop(g, n).kind), ['unknown', 'unknown', 'unknown']);
  });
});

/** A value without its range(s), for compact comparisons. */
function strip(v: IacValue): object {
  const { range: _range, ...rest } = v;
  return rest;
}
