/**
 * burstable-node-type in CloudFormation YAML, JSON and Terraform: t2/t3/t4g node types from the node table, written
 * or from an input's value; hint on one branch of a condition; no fix; the message names the smallest steady types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'burstable-node-type';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';

const c = {
  t3: yaml(RG, [D, 'Engine: valkey', 'CacheNodeType: cache.t3.micro']),
  t4gSmall: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.t4g.small', 'NumCacheNodes: 1']),
  memcached: yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.t3.micro', 'NumCacheNodes: 2']),
  mdb: yaml('AWS::MemoryDB::Cluster', ['ClusterName: m', 'ACLName: open-access', 'NodeType: db.t4g.small']),
  ifYaml: yaml(RG, [D, 'CacheNodeType: !If [IsProd, cache.r7g.large, cache.t4g.micro]'], COND),
  json: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.t2.medium' }),
  tf: tf(TF_RG, ['description = "x"', 'node_type   = "cache.t4g.medium"']),
  tfVar: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = "open-access"', 'node_type = var.node_type'], 'variable "node_type" {\n  default = "db.t4g.medium"\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: cache.r7g.large', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.r7g.large']) },
    { name: 'yaml: cache.m7g.large', path: 't.yaml', code: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 1']) },
    { name: 'yaml: a type the table does not know (unknown-node-type\'s)', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.t9g.micro']) },
    { name: 'yaml: from a parameter without default', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: !Ref N'], 'Parameters:\n  N:\n    Type: String\n') },
    { name: 'json: cache.r6g.xlarge', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.r6g.xlarge' }) },
    { name: 'tf: db.r7g.large', path: 'main.tf', code: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = "open-access"', 'node_type = "db.r7g.large"']) },
    { name: 'tf: a replica joining a group follows the group', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id           = "r"', 'replication_group_id = "g"', 'node_type            = "cache.t4g.small"']) },
    { name: 'tf: a t-type written for the other service is unknown-node-type\'s', path: 'main.tf', code: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = "open-access"', 'node_type = "cache.t4g.small"']) },
    { name: 'yaml: !If between two steady types', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: !If [IsProd, cache.r7g.large, cache.m7g.large]'], COND) },
  ],
  invalid: [
    { name: 'yaml: cache.t3.micro (maxclients 20,000)', path: 't.yaml', code: c.t3, errors: [at(RULE, c.t3, 'cache.t3')], severities: ['info'] },
    { name: 'yaml: cache.t4g.small (maxclients not lowered)', path: 't.yaml', code: c.t4gSmall, errors: [at(RULE, c.t4gSmall, 'cache.t4g')] },
    { name: 'yaml: Memcached on cache.t3.micro', path: 't.yaml', code: c.memcached, errors: [at(RULE, c.memcached, 'cache.t3')] },
    { name: 'yaml: MemoryDB on db.t4g.small', path: 't.yaml', code: c.mdb, errors: [at(RULE, c.mdb, 'db.t4g')] },
    { name: 'yaml: !If with a burstable branch: hint', path: 't.yaml', code: c.ifYaml, errors: [at(RULE, c.ifYaml, 'cache.t4g')], severities: ['hint'] },
    { name: 'json: cache.t2.medium', path: 't.json', code: c.json, errors: [at(RULE, c.json, '"cache.t2')] },
    { name: 'tf: cache.t4g.medium', path: 'main.tf', code: c.tf, errors: [at(RULE, c.tf, '"cache.t4g')] },
    { name: 'tf: a variable whose default is db.t4g.medium', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.node_type')] },
  ],
});

test('messages: baseline and burst from the node table, maxclients only where AWS lowers it and only for Valkey/Redis OSS', async () => {
  const [t3] = (await findings('t.yaml', c.t3, RULE)).findings;
  assert.equal(t3.message, "Replication group 'Cache' runs on the burstable cache.t3.micro: its network sustains 0.064 Gbps and bursts to 5 Gbps only on credits, so sustained load is throttled once they run out, and maxclients is 20,000 instead of 65,000; the smallest steady types are cache.m7g.large (6.38 GiB) and cache.r7g.large (13.07 GiB).");
  assert.deepEqual(t3.fixes, []);
  const [m] = (await findings('t.yaml', c.memcached, RULE)).findings;
  assert.doesNotMatch(m.message, /maxclients/);
  const [s] = (await findings('t.yaml', c.t4gSmall, RULE)).findings;
  assert.doesNotMatch(s.message, /maxclients/);
  const [d] = (await findings('t.yaml', c.mdb, RULE)).findings;
  assert.match(d.message, /; the smallest steady type is db\.r7g\.large \(13\.07 GiB\)\.$/);
  const [j] = (await findings('t.json', c.json, RULE)).findings;
  assert.equal(j.severity, 'info');
  assert.deepEqual(j.fixes, []);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description = "x"', 'node_type   = var.node_type']),
    'variables.tf': 'variable "node_type" {\n  default = "cache.r7g.large"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'node_type = "cache.t4g.micro"\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.node_type')]);
});
