/**
 * `transit-encryption-disabled` through the real engine on CloudFormation, eslint-rule-tester style: `valid`
 * templates produce no finding, `invalid` ones exactly the listed `ruleId@line:column` (1-based).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RULE = 'transit-encryption-disabled';

/** A one-resource YAML template; `props` are the lines under Properties (without indentation), or null for none. */
function yaml(type: string, props: string[] | null, extra = ''): string {
  const body = props === null ? '' : `    Properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
  return `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n  Cache:\n    Type: ${type}\n${body}`;
}

const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const MDB = 'AWS::MemoryDB::Cluster';
const PARAMS_FALSE = 'Parameters:\n  Tls:\n    Type: String\n    AllowedValues: ["true", "false"]\n    Default: "false"\n';
const PARAMS_NO_DEFAULT = 'Parameters:\n  Tls:\n    Type: String\n';
const PARAMS_TRUE = 'Parameters:\n  Tls:\n    Type: String\n    Default: true\n';

interface Case { name: string; path?: string; code: string; findings?: string[] }

const valid: Case[] = [
  { name: 'replication group with TLS true', code: yaml(RG, ['TransitEncryptionEnabled: true']) },
  { name: 'TLS as the string "true"', code: yaml(RG, ['TransitEncryptionEnabled: "true"']) },
  { name: 'TLS from a parameter defaulting to true', code: yaml(RG, ['TransitEncryptionEnabled: !Ref Tls'], PARAMS_TRUE) },
  { name: 'TLS from a parameter without default (unknown: silent)', code: yaml(RG, ['TransitEncryptionEnabled: !Ref Tls'], PARAMS_NO_DEFAULT) },
  { name: 'TLS from a dynamic reference', code: yaml(RG, ["TransitEncryptionEnabled: '{{resolve:ssm:/cache/tls}}'"]) },
  { name: 'TLS from !FindInMap', code: yaml(RG, ['TransitEncryptionEnabled: !FindInMap [Env, !Ref AWS::Region, Tls]']) },
  { name: 'TLS from !ImportValue', code: yaml(RG, ['TransitEncryptionEnabled: !ImportValue shared-tls']) },
  { name: 'Properties chosen by !If are not judged', code: `Resources:\n  Cache:\n    Type: ${RG}\n    Properties: !If [C, {TransitEncryptionEnabled: true}, {TransitEncryptionEnabled: true}]\n` },
  { name: 'cache cluster with TLS', code: yaml(CC, ['Engine: redis', 'TransitEncryptionEnabled: true']) },
  { name: 'memcached cluster with TLS', code: yaml(CC, ['Engine: memcached', 'TransitEncryptionEnabled: true']) },
  { name: 'MemoryDB with TLSEnabled absent (defaults to true)', code: yaml(MDB, ['ClusterName: mem', 'ACLName: open-access']) },
  { name: 'MemoryDB with TLSEnabled true', code: yaml(MDB, ['TLSEnabled: true']) },
  { name: 'serverless cache (always TLS)', code: yaml('AWS::ElastiCache::ServerlessCache', ['Engine: valkey', 'ServerlessCacheName: s']) },
  { name: 'unrelated resources only', code: yaml('AWS::S3::Bucket', ['BucketName: b']) },
  {
    name: 'JSON with TLS true', path: 'template.json',
    code: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Cache: { Type: RG, Properties: { TransitEncryptionEnabled: true } } } }, null, 2),
  },
  {
    name: 'JSON with {"Ref": param} without default', path: 'template.json',
    code: JSON.stringify({ Parameters: { Tls: { Type: 'String' } }, Resources: { Cache: { Type: RG, Properties: { TransitEncryptionEnabled: { Ref: 'Tls' } } } } }, null, 2),
  },
];

const invalid: Case[] = [
  // One branch off: an info at that branch (test/unit/rules/transit-encryption-model.test.ts has the severities).
  { name: 'TLS from !If with a false branch', code: yaml(RG, ['TransitEncryptionEnabled: !If [IsProd, true, false]']), findings: [`${RULE}@6:52`] },
  { name: 'TLS from Fn::If long form with a false branch', code: yaml(RG, ['TransitEncryptionEnabled:', '  Fn::If: [IsProd, true, false]']), findings: [`${RULE}@7:32`] },
  { name: 'replication group without TLS', code: yaml(RG, ['Engine: redis']), findings: [`${RULE}@3:3`] },
  { name: 'replication group without Properties', code: yaml(RG, null), findings: [`${RULE}@3:3`] },
  { name: 'replication group with TLS false', code: yaml(RG, ['TransitEncryptionEnabled: false']), findings: [`${RULE}@6:33`] },
  { name: 'TLS as the string "false"', code: yaml(RG, ['TransitEncryptionEnabled: "false"']), findings: [`${RULE}@6:33`] },
  { name: 'TLS as False (case-insensitive string)', code: yaml(RG, ["TransitEncryptionEnabled: 'False'"]), findings: [`${RULE}@6:33`] },
  { name: 'TLS from a parameter defaulting to "false"', code: yaml(RG, ['TransitEncryptionEnabled: !Ref Tls'], PARAMS_FALSE), findings: [`${RULE}@11:33`] },
  { name: 'TLS from {Ref: param} long form', code: yaml(RG, ['TransitEncryptionEnabled: {Ref: Tls}'], PARAMS_FALSE), findings: [`${RULE}@11:33`] },
  { name: 'conditional resource still reported', code: yaml(RG, ['TransitEncryptionEnabled: false']).replace('    Type:', '    Condition: IsProd\n    Type:'), findings: [`${RULE}@7:33`] },
  { name: 'redis cache cluster without TLS', code: yaml(CC, ['Engine: redis', 'NumCacheNodes: 1']), findings: [`${RULE}@3:3`] },
  { name: 'memcached cluster without TLS', code: yaml(CC, ['Engine: memcached', 'NumCacheNodes: 2']), findings: [`${RULE}@3:3`] },
  { name: 'MemoryDB with TLSEnabled false', code: yaml(MDB, ['ClusterName: mem', 'TLSEnabled: false']), findings: [`${RULE}@7:19`] },
  {
    name: 'template detected by Resources alone (no version)',
    code: `Resources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: false\n`,
    findings: [`${RULE}@5:33`],
  },
  {
    name: 'JSON with TLS false', path: 'template.json',
    code: '{\n  "Resources": {\n    "Cache": {\n      "Type": "AWS::ElastiCache::ReplicationGroup",\n      "Properties": {\n        "TransitEncryptionEnabled": false\n      }\n    }\n  }\n}\n',
    findings: [`${RULE}@6:37`],
  },
  {
    name: 'JSON with {"Ref": param} defaulting to false', path: 'template.json',
    code: '{"Parameters": {"Tls": {"Type": "String", "Default": "false"}},\n "Resources": {"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup",\n   "Properties": {"TransitEncryptionEnabled": {"Ref": "Tls"}}}}}',
    findings: [`${RULE}@3:47`],
  },
  {
    name: 'JSON with TLS absent, tab-indented', path: 'template.template',
    code: '{\n\t"AWSTemplateFormatVersion": "2010-09-09",\n\t"Resources": {\n\t\t"Cache": {\n\t\t\t"Type": "AWS::ElastiCache::CacheCluster",\n\t\t\t"Properties": {"Engine": "redis"}\n\t\t}\n\t}\n}',
    findings: [`${RULE}@4:3`],
  },
  {
    name: 'CRLF line endings', code: yaml(RG, ['TransitEncryptionEnabled: false']).replace(/\n/g, '\r\n'),
    findings: [`${RULE}@6:33`],
  },
];

describe(`${RULE} on CloudFormation`, () => {
  describe('valid', () => {
    for (const c of valid) {
      it(c.name, async () => {
        const result = await analyzeSource(c.path ?? 'template.yaml', c.code);
        assert.ok(result, 'the template was skipped');
        assert.deepEqual(result.errors, []);
        assert.deepEqual(summarize(result), []);
      });
    }
  });
  describe('invalid', () => {
    for (const c of invalid) {
      it(c.name, async () => {
        const result = await analyzeSource(c.path ?? 'template.yaml', c.code);
        assert.ok(result, 'the template was skipped');
        assert.deepEqual(result.errors, []);
        assert.deepEqual(summarize(result), c.findings);
      });
    }
  });
});
