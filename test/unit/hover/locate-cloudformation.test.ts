/** The CloudFormation locator on YAML and JSON templates, written and half-written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateCloudFormation } from '../../../server/src/formats/cloudformation/locate';
import { lineCol, marked } from './support';

function at(src: string, json = false) {
  const { text, offset } = marked(src);
  const s = locateCloudFormation(text, offset, json);
  return s && { kind: s.kind, type: s.resource?.type, name: s.resource?.name, engine: s.resource?.engine, path: s.path, key: s.key, word: s.word.text, at: lineCol(text, s.word.start), quoted: s.word.quoted, siblings: s.siblings, item: s.item };
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      Engine: valkey
      CacheNodeType: cache.r7g.large  # sized for 20 GiB
      SecurityGroupIds:
        - !Ref CacheSg
        - sg-0123
  Sessions:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      Engine: valkey
      CacheUsageLimits:
        DataStorage:
          Maximum: 10
          Unit: GB
  CacheSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: cache
      SecurityGroupIngress:
      - IpProtocol: tcp
        CidrIp: 10.0.0.0/8
      - IpProtocol: tcp
        CidrIp: 0.0.0.0/0
`;
const mark = (find: string, d = 0, text = TEMPLATE) => { const i = text.indexOf(find) + d; return text.slice(0, i) + '|' + text.slice(i); };

test('YAML: the resource type, a key, a value without its comment, a list item', () => {
  assert.deepEqual(at(mark('ElastiCache::Repl', 3)), { kind: 'resourceType', type: 'AWS::ElastiCache::ReplicationGroup', name: 'Cache', engine: 'valkey', path: [], key: 'Type', word: 'AWS::ElastiCache::ReplicationGroup', at: '4:11', quoted: false, siblings: [], item: undefined });
  const key = at(mark('CacheNodeType', 5))!;
  assert.deepEqual([key.kind, key.key, key.at, key.path, key.siblings], ['key', 'CacheNodeType', '7:7', [], ['Engine', 'SecurityGroupIds']]);
  const value = at(mark('r7g.large', 4))!;
  assert.deepEqual([value.kind, value.key, value.word, value.at], ['value', 'CacheNodeType', 'cache.r7g.large', '7:22']);
  const item = at(mark('sg-0123', 3))!;
  assert.deepEqual([item.kind, item.key, item.word, item.item], ['value', 'SecurityGroupIds', 'sg-0123', 1]);
});

test('YAML: nested property paths and list items of objects', () => {
  const max = at(mark('Maximum', 2))!;
  assert.deepEqual([max.kind, max.name, max.path, max.key, max.siblings], ['key', 'Sessions', ['CacheUsageLimits', 'DataStorage'], 'Maximum', ['Unit']]);
  const v = at(mark('10\n', 1))!;
  assert.deepEqual([v.kind, v.key, v.word], ['value', 'Maximum', '10']);
  const cidr = at(mark('0.0.0.0/0', 2))!;
  assert.deepEqual([cidr.kind, cidr.path, cidr.key, cidr.word, cidr.siblings], ['value', ['SecurityGroupIngress', 1], 'CidrIp', '0.0.0.0/0', ['IpProtocol']]);
  const first = at(mark('CidrIp: 10', 3))!;
  assert.deepEqual([first.kind, first.path, first.key], ['key', ['SecurityGroupIngress', 0], 'CidrIp']);
});

test('YAML half-written: a value cut mid-word, a key without its colon, a blank line, a key with no value', () => {
  const head = `Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      Engine: valkey
`;
  const cut = at(`${head}      CacheNodeType: cache.r7g.|\n`)!;
  assert.deepEqual([cut.kind, cut.key, cut.word, cut.engine], ['value', 'CacheNodeType', 'cache.r7g.', 'valkey']);
  const noColon = at(`${head}      Trans|\n      Port: 6379\n`)!;
  assert.deepEqual([noColon.kind, noColon.key, noColon.word, noColon.siblings], ['key', 'Trans', 'Trans', ['Engine', 'Port']]);
  const blank = at(`${head}      |\n`)!;
  assert.deepEqual([blank.kind, blank.key, blank.word, blank.path, blank.siblings], ['key', '', '', [], ['Engine']]);
  const noValue = at(`${head}      TransitEncryptionMode: |\n`)!;
  assert.deepEqual([noValue.kind, noValue.key, noValue.word], ['value', 'TransitEncryptionMode', '']);
  // The type being typed (`::` at the end reads as a key to YAML): its text comes from the line.
  const type = at('Resources:\n  Cache:\n    Type: AWS::ElastiCache::|\n')!;
  assert.deepEqual([type.kind, type.word], ['resourceType', 'AWS::ElastiCache::']);
});

test('YAML: outside a resource\'s properties, nothing', () => {
  assert.equal(at(mark("'2010", 2)), undefined);
  assert.equal(at('Parameters:\n  Env:\n    Type: Str|ing\n'), undefined);
  assert.equal(at('kind: Deployment\nspec:\n  replicas: |1\n'), undefined);
});

test('JSON: written, and missing its closing braces', () => {
  const json = '{"Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"Engine": "redis", "CacheNodeType": "cache.r7g.large"}}}}';
  const v = at(mark('r7g.large', 4, json), true)!;
  assert.deepEqual([v.kind, v.key, v.word, v.quoted, v.engine, v.siblings], ['value', 'CacheNodeType', 'cache.r7g.large', true, 'redis', ['Engine']]);
  const type = at(mark('ElastiCache::R', 3, json), true)!;
  assert.deepEqual([type.kind, type.word], ['resourceType', 'AWS::ElastiCache::ReplicationGroup']);
  const open = at('{"Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"Engine": "valkey", "CacheNodeType": "cache.r7g.|', true)!;
  assert.deepEqual([open.kind, open.key, open.word, open.engine], ['value', 'CacheNodeType', 'cache.r7g.', 'valkey']);
  const key = at('{"Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"CacheNodeType": "cache.r7g.large",\n  "Eng|', true)!;
  assert.deepEqual([key.kind, key.key, key.siblings], ['key', 'Eng', ['CacheNodeType']]);
  const fresh = at('{"Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"CacheNodeType": "cache.r7g.large",\n  |', true)!;
  assert.deepEqual([fresh.kind, fresh.key], ['key', '']);
  const list = at('{"Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": [{"CidrIp": "1"}, {"CidrIp": "0.0|.0.0/0"}]}}}}', true)!;
  assert.deepEqual([list.kind, list.path, list.key, list.word], ['value', ['SecurityGroupIngress', 1], 'CidrIp', '0.0.0.0/0']);
});

test('YAML with CRLF line ends and a byte-order mark', () => {
  const crlf = at('\ufeffResources:\r\n  Cache:\r\n    Type: AWS::ElastiCache::ReplicationGroup\r\n    Properties:\r\n      Engine: valkey\r\n      CacheNodeType: cache.r7g.la|rge\r\n')!;
  assert.deepEqual([crlf.kind, crlf.key, crlf.word, crlf.engine, crlf.siblings], ['value', 'CacheNodeType', 'cache.r7g.large', 'valkey', ['Engine']]);
});
