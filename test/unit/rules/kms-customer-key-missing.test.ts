/**
 * kms-customer-key-missing: opt-in (off unless settings give it a severity, asserted), then every cache encrypted
 * at rest without a customer managed key, in CloudFormation YAML, JSON and Terraform; a declared KMS key is named.
 * Look-alikes: a key written (literal ARN, reference, parameter), at-rest encryption off or unknown, a cache
 * cluster (no KMS setting), a Global Datastore member.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, inModule, json, tf, yaml } from './iac-support';
import { analyzeSource, analyzer, summarize } from '../../support/analyze';
import { summaries } from '../model/module-support';
import { resolveSettings } from '../../../server/src/engine/settings';

const RULE = 'kms-customer-key-missing';
const ON = { rules: { [RULE]: 'hint' } };
const RG = 'AWS::ElastiCache::ReplicationGroup';
const SL = 'AWS::ElastiCache::ServerlessCache';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const KEY = '  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: {}\n';
const withKey = (code: string) => code.replace('Resources:\n', `Resources:\n${KEY}`);

const c = {
  valkey: yaml(RG, [D, 'Engine: valkey']),
  redisOn: yaml(RG, [D, 'Engine: redis', 'AtRestEncryptionEnabled: "true"']),
  serverless: yaml(SL, ['ServerlessCacheName: s', 'Engine: valkey']),
  memorydb: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access']),
  json: json(RG, { ReplicationGroupDescription: 'x', Engine: 'valkey', AtRestEncryptionEnabled: true }),
  tfRg: tf(TF_RG, ['description                = "x"', 'at_rest_encryption_enabled = true']),
  tfServerless: tf('aws_elasticache_serverless_cache', ['name   = "s"', 'engine = "redis"']),
  tfMemorydb: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = "open-access"', 'node_type = "db.r7g.large"']),
  tfWithKey: tf(TF_RG, ['description = "x"', 'engine      = "valkey"'], 'resource "aws_kms_key" "cache" {\n  description = "cache"\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'off by default: a Valkey group without a key', path: 't.yaml', code: c.valkey },
    { name: 'off by default: even with a KMS key declared beside it', path: 't.yaml', code: withKey(c.valkey) },
    { name: 'off by default: Terraform with a key declared', path: 'main.tf', code: c.tfWithKey },
    { name: 'on: KmsKeyId a reference to the declared key', path: 't.yaml', settings: ON, code: withKey(yaml(RG, [D, 'Engine: valkey', 'KmsKeyId: !Ref Key'])) },
    { name: 'on: KmsKeyId a literal ARN', path: 't.yaml', settings: ON, code: yaml(SL, ['ServerlessCacheName: s', 'Engine: valkey', 'KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']) },
    { name: 'on: KmsKeyId from a parameter without default (may be a CMK)', path: 't.yaml', settings: ON, code: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: a', 'KmsKeyId: !Ref Key'], 'Parameters:\n  Key:\n    Type: String\n') },
    { name: 'on: Redis OSS without at-rest encryption (the default is off): at-rest-encryption-disabled\'s business', path: 't.yaml', settings: ON, code: yaml(RG, [D, 'Engine: redis']) },
    { name: 'on: at-rest encryption from a condition', path: 't.yaml', settings: ON, code: yaml(RG, [D, 'AtRestEncryptionEnabled: !If [Prod, true, false]'], 'Conditions:\n  Prod: !Equals [!Ref AWS::StackName, prod]\n') },
    { name: 'on: a cache cluster has no at-rest setting', path: 't.yaml', settings: ON, code: yaml('AWS::ElastiCache::CacheCluster', ['Engine: redis', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 1']) },
    { name: 'on: a Global Datastore member follows its primary', path: 't.yaml', settings: ON, code: yaml(RG, [D, 'Engine: valkey', 'GlobalReplicationGroupId: ldgnf-global']) },
    { name: 'on: json with KmsKeyId', path: 't.json', settings: ON, code: json(RG, { ReplicationGroupDescription: 'x', AtRestEncryptionEnabled: true, KmsKeyId: 'alias/cache' }) },
    { name: 'on: tf kms_key_id from the declared key', path: 'main.tf', settings: ON, code: c.tfWithKey.replace('engine      = "valkey"', 'engine      = "valkey"\n  kms_key_id  = aws_kms_key.cache.arn') },
    { name: 'on: tf MemoryDB kms_key_arn', path: 'main.tf', settings: ON, code: tf('aws_memorydb_cluster', ['name        = "m"', 'acl_name    = "a"', 'kms_key_arn = var.key']) },
    { name: 'on: tf at_rest_encryption_enabled false', path: 'main.tf', settings: ON, code: tf(TF_RG, ['description                = "x"', 'at_rest_encryption_enabled = false']) },
  ],
  invalid: [
    { name: 'on: Valkey group, at-rest on by default: at the logical id', path: 't.yaml', settings: ON, code: c.valkey, errors: [at(RULE, c.valkey, 'Cache:')], severities: ['hint'] },
    { name: 'on: Redis OSS with AtRestEncryptionEnabled "true"', path: 't.yaml', settings: ON, code: c.redisOn, errors: [at(RULE, c.redisOn, 'Cache:')] },
    { name: 'on: a serverless cache', path: 't.yaml', settings: ON, code: c.serverless, errors: [at(RULE, c.serverless, 'Cache:')] },
    { name: 'on: a MemoryDB cluster', path: 't.yaml', settings: ON, code: c.memorydb, errors: [at(RULE, c.memorydb, 'Cache:')] },
    { name: 'on with a KMS key declared', path: 't.yaml', settings: ON, code: withKey(c.valkey), errors: [at(RULE, withKey(c.valkey), 'Cache:')] },
    { name: 'on at warning: the user\'s severity wins', path: 't.yaml', settings: { rules: { [RULE]: 'warning' } }, code: c.serverless, errors: [at(RULE, c.serverless, 'Cache:')], severities: ['warning'] },
    { name: 'json: at-rest true', path: 't.json', settings: ON, code: c.json, errors: [at(RULE, c.json, '"Cache"')] },
    { name: 'tf: at_rest_encryption_enabled = true', path: 'main.tf', settings: ON, code: c.tfRg, errors: [at(RULE, c.tfRg, '"aws_elasticache')] },
    { name: 'tf: a serverless cache', path: 'main.tf', settings: ON, code: c.tfServerless, errors: [at(RULE, c.tfServerless, '"aws_elasticache')] },
    { name: 'tf: a MemoryDB cluster', path: 'main.tf', settings: ON, code: c.tfMemorydb, errors: [at(RULE, c.tfMemorydb, '"aws_memorydb')] },
    { name: 'tf: a Valkey group with a key declared beside it', path: 'main.tf', settings: ON, code: c.tfWithKey, errors: [at(RULE, c.tfWithKey, '"aws_elasticache')] },
  ],
});

test('messages: the resource, why it is encrypted, the property as written, and the declared key', async () => {
  const one = async (path: string, code: string) => (await analyzeSource(path, code, { settings: ON }))!.findings.filter((f) => f.ruleId === RULE)[0];
  assert.equal((await one('t.yaml', c.valkey)).message,
    "Replication group 'Cache' is encrypted at rest with the AWS-owned key (AtRestEncryptionEnabled is not set, and it defaults to true for Valkey; KmsKeyId is not set), so the key's policy, rotation and audit trail are not yours to control.");
  assert.match((await one('t.yaml', withKey(c.valkey))).message, /KmsKeyId is not set\), though the template declares KMS key 'Key', so/);
  assert.match((await one('main.tf', c.tfMemorydb)).message, /^MemoryDB cluster 'cache' is encrypted at rest with the AWS-owned key \(MemoryDB always encrypts data at rest; kms_key_arn is not set\)/);
  assert.match((await one('main.tf', c.tfWithKey)).message, /though the template declares KMS key 'aws_kms_key\.cache'/);
  assert.deepEqual((await one('main.tf', c.tfWithKey)).fixes, []);
});

test('a key declared in another file of the module is named', async () => {
  const files = { 'main.tf': c.tfRg, 'kms.tf': 'resource "aws_kms_key" "data" {\n  description = "data"\n}\n' };
  // inModule analyses with default settings: the opt-in rule is off there.
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const module = await summaries([{ path: 'mod/kms.tf', text: files['kms.tf'] }]);
  const r = await analyzer().analyzeFile({ path: 'mod/main.tf', text: files['main.tf'], module }, resolveSettings([{ source: 'test', value: ON }]).settings);
  const found = r!.findings.filter((f) => f.ruleId === RULE);
  assert.deepEqual(found.map((f) => f.range.start.line), [0]);
  assert.match(found[0].message, /though the template declares KMS key 'aws_kms_key\.data'/);
});

test('opt-in: off in the default settings, on once a severity is given, off again when set off', async () => {
  const count = async (settings: unknown) => (await analyzeSource('t.yaml', c.serverless, { settings }))!.findings.filter((f) => f.ruleId === RULE).length;
  assert.equal(await count(undefined), 0);
  assert.equal(await count({ rules: { [RULE]: 'info' } }), 1);
  assert.equal(await count({ rules: { [RULE]: 'off' } }), 0);
  // Layers: the repository turns it on, the editor off; the later layer wins.
  const { settings } = resolveSettings([{ source: 'repo', value: ON }, { source: 'editor', value: { rules: { [RULE]: 'off' } } }]);
  assert.equal(settings.rules[RULE], 'off');
});
