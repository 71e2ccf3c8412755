/**
 * The new fix intents on CloudFormation, YAML (block and flow) and JSON: the exact text after the edit, re-parsed
 * without errors, comments and indentation kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputRef } from '../../../server/src/model/iac';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../support/analyze';
import { applyIntent, lines, parse, resource } from './support';

const REF_CIDR = { expression: { cloudformation: '!Ref Cidr', terraform: 'var.cidr' } };

const YAML = lines(
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Description: caches',
  'Resources:',
  '  Cache:',
  '    Type: AWS::ElastiCache::ServerlessCache',
  '    Properties:',
  '      Engine: valkey # the engine',
  '      ServerlessCacheName: c',
  '',
  '  SG:',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: x',
  '      SecurityGroupIngress:',
  '        - IpProtocol: tcp # first',
  '          CidrIp: 0.0.0.0/0',
  '        - {IpProtocol: tcp, CidrIp: 0.0.0.0/0}',
);

test('setAt creates the missing mappings of a nested path in block YAML, at the file\'s indentation', async () => {
  const out = await applyIntent('t.yaml', YAML, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(out, YAML.replace('      ServerlessCacheName: c\n', '      ServerlessCacheName: c\n      CacheUsageLimits:\n        DataStorage:\n          Maximum: 5\n'));
  const parsed = await parse('t.yaml', out!);
  const limits = resource(parsed.model, 'Cache').properties.get('cacheUsageLimits')!.value;
  assert.ok(limits.kind === 'object' && limits.entries.get('dataStorage')?.value.kind === 'object');
});

test('setAt adds under a mapping that exists, and replaces a value in place', async () => {
  const text = YAML.replace('      ServerlessCacheName: c\n', '      ServerlessCacheName: c\n      CacheUsageLimits:\n        DataStorage: {Unit: GB}\n');
  const added = await applyIntent('t.yaml', text, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(added, text.replace('{Unit: GB}', '{Unit: GB, Maximum: 5}'));
  const replaced = await applyIntent('t.yaml', added!, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 100 }));
  assert.equal(replaced, text.replace('{Unit: GB}', '{Unit: GB, Maximum: 100}'));
});

test('setAt on a list item: block and flow items, a literal and an expression; a missing index gets no edit', async () => {
  const first = await applyIntent('t.yaml', YAML, (m) => ({ kind: 'setAt', resource: resource(m, 'SG'), path: ['ingress', 0, 'cidrIpv4'], value: '10.0.0.0/8' }));
  assert.equal(first, YAML.replace('          CidrIp: 0.0.0.0/0', '          CidrIp: "10.0.0.0/8"'));
  const second = await applyIntent('t.yaml', YAML, (m) => ({ kind: 'setAt', resource: resource(m, 'SG'), path: ['ingress', 1, 'cidrIpv4'], value: REF_CIDR }));
  assert.equal(second, YAML.replace('{IpProtocol: tcp, CidrIp: 0.0.0.0/0}', '{IpProtocol: tcp, CidrIp: !Ref Cidr}'));
  assert.equal(await applyIntent('t.yaml', YAML, (m) => ({ kind: 'setAt', resource: resource(m, 'SG'), path: ['ingress', 2, 'cidrIpv4'], value: 'x' })), undefined);
  // `minimum` has no Terraform spelling but a CloudFormation one; a name the table does not know has neither.
  assert.equal(await applyIntent('t.yaml', YAML, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'nope'], value: 1 })), undefined);
});

test('setAt does not walk into a condition', async () => {
  const text = YAML.replace('      ServerlessCacheName: c\n', '      ServerlessCacheName: c\n      CacheUsageLimits: !If [Big, {DataStorage: {Maximum: 9}}, !Ref AWS::NoValue]\n');
  assert.equal(await applyIntent('t.yaml', text, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 })), undefined);
});

const JSON_TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    Cache: { Type: 'AWS::ElastiCache::ServerlessCache', Properties: { Engine: 'valkey' } },
    SG: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' }] } },
  },
}, null, 2) + '\n';

test('setAt in a JSON template: nested objects one member per line, a list item in place', async () => {
  const out = await applyIntent('t.json', JSON_TEMPLATE, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(out, JSON_TEMPLATE.replace('"Engine": "valkey"\n', '"Engine": "valkey",\n        "CacheUsageLimits": {\n          "DataStorage": {\n            "Maximum": 5\n          }\n        }\n'));
  const item = await applyIntent('t.json', JSON_TEMPLATE, (m) => ({ kind: 'setAt', resource: resource(m, 'SG'), path: ['ingress', 0, 'cidrIpv4'], value: REF_CIDR }));
  assert.equal(item, JSON_TEMPLATE.replace('"CidrIp": "0.0.0.0/0"', '"CidrIp": {"Ref": "Cidr"}'));
});

test('setAt on a resource without Properties writes them, the nested value in flow style', async () => {
  const text = lines('Resources:', '  Cache:', '    Type: AWS::ElastiCache::ServerlessCache');
  const out = await applyIntent('t.yaml', text, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(out, lines('Resources:', '  Cache:', '    Type: AWS::ElastiCache::ServerlessCache', '    Properties:', '      CacheUsageLimits: {DataStorage: {Maximum: 5}}'));
});

const PARAMS = lines(
  'Parameters:',
  '  Password: # the AUTH token',
  '    Type: String',
  '    Default: hunter2hunter2hunter2',
  '  Other: {Type: String, Default: x}',
  'Resources:',
  '  RG:',
  '    Type: AWS::ElastiCache::ReplicationGroup',
  '    Properties:',
  '      AuthToken: !Ref Password',
  '      ReplicationGroupDescription: !Ref Other',
);

function inputOf(parsed: Awaited<ReturnType<typeof parse>>, property: string): InputRef {
  const v = resource(parsed.model, 'RG').properties.get(property)!.value;
  assert.ok(v.kind === 'input');
  return v.input;
}

test('markInputSecret: NoEcho added; with dropDefault the Default line becomes the NoEcho line', async () => {
  const parsed = await parse('t.yaml', PARAMS);
  const input = inputOf(parsed, 'authToken');
  const kept = await applyIntent('t.yaml', PARAMS, () => ({ kind: 'markInputSecret', input }));
  assert.equal(kept, PARAMS.replace('    Default: hunter2hunter2hunter2\n', '    Default: hunter2hunter2hunter2\n    NoEcho: true\n'));
  const dropped = await applyIntent('t.yaml', PARAMS, () => ({ kind: 'markInputSecret', input, dropDefault: true }));
  assert.equal(dropped, PARAMS.replace('    Default: hunter2hunter2hunter2\n', '    NoEcho: true\n'));
  const again = await parse('t.yaml', dropped!);
  assert.equal(inputOf(again, 'authToken').secret, true);
  assert.equal(await applyIntent('t.yaml', dropped!, () => ({ kind: 'markInputSecret', input: inputOf(again, 'authToken') })), undefined, 'nothing left to do');
  const flow = await applyIntent('t.yaml', PARAMS, () => ({ kind: 'markInputSecret', input: inputOf(parsed, 'description'), dropDefault: true }));
  assert.equal(flow, PARAMS.replace('{Type: String, Default: x}', '{Type: String, NoEcho: true}'));
  assert.equal(await applyIntent('t.yaml', PARAMS, () => ({ kind: 'markInputSecret', input: { ...input, path: 'other.yaml' } })), undefined, 'declared in another file');
});

test('markInputSecret in JSON, with an existing NoEcho false', async () => {
  const text = JSON.stringify({ Parameters: { Password: { Type: 'String', NoEcho: false, Default: 'p' } }, Resources: { RG: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { AuthToken: { Ref: 'Password' } } } } }, null, 2) + '\n';
  const parsed = await parse('t.json', text);
  const out = await applyIntent('t.json', text, () => ({ kind: 'markInputSecret', input: inputOf(parsed, 'authToken'), dropDefault: true }));
  assert.equal(out, text.replace('"NoEcho": false,\n      "Default": "p"', '"NoEcho": true'));
});

test('setParameter on an ElastiCache parameter group: replaced in place, or added with its dashes', async () => {
  const text = lines(
    'Resources:',
    '  Params:',
    '    Type: AWS::ElastiCache::ParameterGroup',
    '    Properties:',
    '      CacheParameterGroupFamily: valkey8',
    '      Description: tuned',
    '      Properties:',
    '        maxmemory-policy: allkeys-lru # evict anything',
  );
  const added = await applyIntent('t.yaml', text, (m) => ({ kind: 'setParameter', resource: resource(m, 'Params'), name: 'reserved-memory-percent', value: '25' }));
  assert.equal(added, text + '        reserved-memory-percent: "25"\n');
  const replaced = await applyIntent('t.yaml', text, (m) => ({ kind: 'setParameter', resource: resource(m, 'Params'), name: 'maxmemory-policy', value: 'volatile-lru' }));
  assert.equal(replaced, text.replace('allkeys-lru', 'volatile-lru'));
  const none = lines('Resources:', '  Params:', '    Type: AWS::ElastiCache::ParameterGroup', '    Properties:', '      CacheParameterGroupFamily: valkey8', '      Description: tuned');
  assert.equal(
    await applyIntent('t.yaml', none, (m) => ({ kind: 'setParameter', resource: resource(m, 'Params'), name: 'reserved-memory-percent', value: '25' })),
    none + '      Properties:\n        reserved-memory-percent: "25"\n',
  );
  assert.equal(await applyIntent('t.yaml', YAML, (m) => ({ kind: 'setParameter', resource: resource(m, 'Cache'), name: 'x', value: '1' })), undefined, 'not a parameter group');
});

test('setParameter on a MemoryDB parameter group (JSON): its Parameters object', async () => {
  const text = JSON.stringify({ Resources: { Params: { Type: 'AWS::MemoryDB::ParameterGroup', Properties: { Family: 'memorydb_valkey7', ParameterGroupName: 'p', Parameters: { 'maxmemory-policy': 'noeviction' } } } } }, null, 2) + '\n';
  const out = await applyIntent('t.json', text, (m) => ({ kind: 'setParameter', resource: resource(m, 'Params'), name: 'maxmemory-policy', value: 'allkeys-lru' }));
  assert.equal(out, text.replace('"noeviction"', '"allkeys-lru"'));
  const added = await applyIntent('t.json', text, (m) => ({ kind: 'setParameter', resource: resource(m, 'Params'), name: 'activedefrag', value: 'yes' }));
  assert.equal(added, text.replace('"maxmemory-policy": "noeviction"\n', '"maxmemory-policy": "noeviction",\n          "activedefrag": "yes"\n'));
});

const ADD_INPUT = { kind: 'addInput', name: 'Cidr', type: { cloudformation: 'String', terraform: 'string' }, description: 'Allowed range', secret: true } as const;

test('addInput: a Parameters section after Description when absent, else an entry of it; JSON too', async () => {
  const out = await applyIntent('t.yaml', YAML, () => ADD_INPUT);
  assert.equal(out, YAML.replace('Description: caches\n', 'Description: caches\nParameters:\n  Cidr:\n    Type: String\n    Description: "Allowed range"\n    NoEcho: true\n'));
  assert.equal(await applyIntent('t.yaml', out!, () => ADD_INPUT), undefined, 'declared already');
  const more = await applyIntent('t.yaml', PARAMS, () => ({ ...ADD_INPUT, secret: false }));
  assert.equal(more, PARAMS.replace('  Other: {Type: String, Default: x}\n', '  Other: {Type: String, Default: x}\n  Cidr:\n    Type: String\n    Description: "Allowed range"\n'));
  const bare = lines('Resources:', '  Cache:', '    Type: AWS::ElastiCache::ServerlessCache');
  assert.equal(await applyIntent('t.yaml', bare, () => ADD_INPUT), 'Parameters:\n  Cidr:\n    Type: String\n    Description: "Allowed range"\n    NoEcho: true\n' + bare);
  const json = await applyIntent('t.json', JSON_TEMPLATE, () => ADD_INPUT);
  assert.equal(json, JSON_TEMPLATE.replace('"2010-09-09",\n', '"2010-09-09",\n  "Parameters": {\n    "Cidr": {\n      "Type": "String",\n      "Description": "Allowed range",\n      "NoEcho": true\n    }\n  },\n'));
});

test('addResource after a resource, and all: the new subnet group then the cache pointing at it', async () => {
  const rg = lines(
    'Resources:',
    '  RG:',
    '    Type: AWS::ElastiCache::ReplicationGroup',
    '    Properties:',
    '      ReplicationGroupDescription: sessions',
    '',
    '  Other:',
    '    Type: AWS::ElastiCache::ServerlessCache',
  );
  const out = await applyIntent('t.yaml', rg, (m) => ({
    kind: 'all',
    intents: [
      { kind: 'addResource', after: resource(m, 'RG'), resourceKind: 'subnetGroup', name: 'CacheSubnets', properties: [
        { property: 'description', value: 'private subnets' }, { property: 'subnetIds', value: { expression: { cloudformation: '!Ref SubnetIds', terraform: 'var.subnet_ids' } } },
      ] },
      { kind: 'setPropertyExpression', resource: resource(m, 'RG'), property: 'subnetGroupName', expression: { cloudformation: '!Ref CacheSubnets', terraform: '' } },
    ],
  }));
  assert.equal(out, rg.replace('sessions\n', 'sessions\n      CacheSubnetGroupName: !Ref CacheSubnets\n\n  CacheSubnets:\n    Type: AWS::ElastiCache::SubnetGroup\n    Properties:\n      Description: "private subnets"\n      SubnetIds: !Ref SubnetIds\n'));
  const json = await applyIntent('t.json', JSON_TEMPLATE, (m) => ({ kind: 'addResource', after: resource(m, 'SG'), resourceKind: 'subnetGroup', name: 'Subnets', properties: [{ property: 'description', value: 'd' }] }));
  assert.equal(json, JSON_TEMPLATE.replace(/\n    }\n  }\n}\n$/, '\n    },\n    "Subnets": {\n      "Type": "AWS::ElastiCache::SubnetGroup",\n      "Properties": {\n        "Description": "d"\n      }\n    }\n  }\n}\n'));
  assert.equal(await applyIntent('t.yaml', rg, (m) => ({ kind: 'all', intents: [
    { kind: 'setProperties', resource: resource(m, 'RG'), values: [{ property: 'port', value: 6380 }] },
    { kind: 'setAt', resource: resource(m, 'RG'), path: ['nope'], value: 1 },
  ] })), undefined, 'one part without edits: no fix');
});

test('setAt in flow-style YAML Properties, and with a CRLF template', async () => {
  const text = lines('Resources:', '  Cache:', '    Type: AWS::ElastiCache::ServerlessCache', "    Properties: {Engine: 'valkey', ServerlessCacheName: 'c'}");
  const out = await applyIntent('t.yaml', text, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'ecpuPerSecond', 'maximum'], value: 5000 }));
  assert.equal(out, text.replace("'c'}", "'c', CacheUsageLimits: {ECPUPerSecond: {Maximum: 5000}}}"));
  const crlf = YAML.replace(/\n/g, '\r\n');
  const both = await applyIntent('t.yaml', crlf, (m) => ({ kind: 'setAt', resource: resource(m, 'Cache'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(both, crlf.replace('      ServerlessCacheName: c\r\n', '      ServerlessCacheName: c\r\n      CacheUsageLimits:\r\n        DataStorage:\r\n          Maximum: 5\r\n'));
});

test('addInput and addResource decline a logical id the template uses for the other', async () => {
  assert.equal(await applyIntent('t.yaml', PARAMS, () => ({ ...ADD_INPUT, name: 'RG' })), undefined);
  assert.equal(await applyIntent('t.yaml', PARAMS, (m) => ({ kind: 'addResource', after: resource(m, 'RG'), resourceKind: 'subnetGroup', name: 'Password', properties: [] })), undefined);
});

test('addInput declines to create a Parameters section in a template with a syntax error (fuzz seed 777, cfn-yaml 1404)', async () => {
  // Tab indentation is a YAML error: the root's layout may be misread, so a new top-level section is not placed.
  const broken = lines('\t\tEnableTls: {Type: Number}', 'Resources:', '  Cache:', '    Type: AWS::ElastiCache::ServerlessCache');
  assert.equal(await applyIntent('t.yaml', broken, () => ADD_INPUT), undefined);
  const intact = lines('EnableTls: {Type: Number}', 'Resources:', '  Cache:', '    Type: AWS::ElastiCache::ServerlessCache');
  assert.match((await applyIntent('t.yaml', intact, () => ADD_INPUT))!, /^Parameters:\n {2}Cidr:\n/, 'the same template without the tabs gets the section');
});

test('no edit of `Properties: &shared` with no mapping: the anchor would be left on nothing (fuzz seed 865259766, cfn-yaml 177/736)', async () => {
  const text = lines(
    'Resources:',
    '  A:',
    '    Type: AWS::ElastiCache::ReplicationGroup',
    '    Properties: &shared',
    '  B:',
    '    Type: AWS::ElastiCache::ReplicationGroup',
    '    Properties:',
    '      <<: *shared',
    '      Port: 6380',
  );
  const set = (m: Parameters<Parameters<typeof applyIntent>[2]>[0]) => ({ kind: 'setProperties' as const, resource: resource(m, 'A'), values: [{ property: 'port', value: 6379 }] });
  assert.equal(await applyIntent('t.yaml', text, set), undefined);
  const plain = text.replace(' &shared', '').replace('      <<: *shared\n', '');
  assert.match((await applyIntent('t.yaml', plain, set))!, / {4}Properties: \{Port: 6379\}\n {2}B:/, 'without the anchor the mapping is created');
});

test('addInput declines a root whose keys do not share a column (a `?` key; fuzz seed 865259766, cfn-yaml 7207)', async () => {
  const text = "? # generated\nAWSTemplateFormatVersion: '2010-09-09'\nResources: {Cache: {Type: 'AWS::ElastiCache::ServerlessCache'}}\n";
  assert.equal(await applyIntent('t.yaml', text, () => ADD_INPUT), undefined);
});

test('no fix in a broken template whose flow root holds block text (a stray `{`; fuzz seed 866025894, cfn-yaml 715)', async () => {
  const text = readFileSync(join(__dirname, '../../fixtures/cloudformation/broken/stray-brace.yaml'), 'utf8');
  const result = await analyzeSource('stray-brace.yaml', text);
  assert.ok(result?.errors.length, 'the stray brace is a syntax error');
  assert.ok(result.findings.some((f) => f.ruleId === 'backups-disabled'), 'findings are still reported');
  assert.deepEqual(result.findings.flatMap((f) => f.fixes.map((x) => x.title)), [], 'but no fix is offered');
});

test('addInput and addResource decline a name CloudFormation would refuse: over 255 characters or not alphanumeric (fuzz seed 868095156, cfn-yaml 2885)', async () => {
  const long = 'A'.repeat(256);
  assert.equal(await applyIntent('t.yaml', YAML, () => ({ ...ADD_INPUT, name: long })), undefined);
  assert.equal(await applyIntent('t.yaml', YAML, () => ({ ...ADD_INPUT, name: 'cache-cidr' })), undefined);
  assert.equal(await applyIntent('t.yaml', YAML, (m) => ({ kind: 'addResource', after: resource(m, 'Cache'), resourceKind: 'subnetGroup', name: long, properties: [] })), undefined);
  assert.match((await applyIntent('t.yaml', YAML, () => ({ ...ADD_INPUT, name: 'A'.repeat(255) })))!, new RegExp(`\\n {2}${'A'.repeat(255)}:\\n`));
});
