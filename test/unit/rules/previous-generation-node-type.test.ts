/**
 * previous-generation-node-type in CloudFormation YAML, JSON and Terraform: t2 (previous in the node table), m4/r4,
 * and m5/r5 where a same-size Graviton successor is proven by the table; a fix only when the successor holds at
 * least the same memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'previous-generation-node-type';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const PARAM = (def: string) => `Parameters:\n  NodeType:\n    Type: String\n${def ? `    Default: ${def}\n` : ''}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';

const c = {
  r5: yaml(RG, [D, 'CacheNodeType: cache.r5.large']),
  m5: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.m5.xlarge', 'NumCacheNodes: 1']),
  t2: yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.t2.micro', 'NumCacheNodes: 2']),
  r4: yaml(RG, [D, 'CacheNodeType: cache.r4.large']),
  param: yaml(RG, [D, 'CacheNodeType: !Ref NodeType'], PARAM('cache.r5.large')),
  ifYaml: yaml(RG, [D, 'CacheNodeType: !If [IsProd, cache.r7g.large, cache.r5.large]'], COND),
  jsonR5: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.r5.large' }),
  jsonParam: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: { Ref: 'NodeType' } }, { Parameters: { NodeType: { Type: 'String', Default: 'cache.m5.large' } } }),
  tfR5: tf(TF_RG, ['description = "x"', 'node_type   = "cache.r5.large"']),
  tfCluster: tf('aws_elasticache_cluster', ['cluster_id = "c"', 'engine     = "memcached"', 'node_type  = "cache.m5.large"']),
  tfVar: tf(TF_RG, ['description = "x"', 'node_type   = var.node_type'], 'variable "node_type" {\n  type    = string\n  default = "cache.r5.xlarge"\n}\n'),
  tfCondOpen: tf(TF_RG, ['description = "x"', 'node_type   = var.prod ? "cache.r7g.large" : "cache.t2.small"'], 'variable "prod" {\n  type = bool\n}\n'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: cache.r7g.large', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.r7g.large']) },
    { name: 'yaml: cache.r6g.large (Graviton)', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.r6g.large']) },
    { name: 'yaml: cache.t4g.micro', path: 't.yaml', code: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']) },
    { name: 'yaml: cache.r5.24xlarge has no same-size successor (r7g stops at 16xlarge)', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.r5.24xlarge']) },
    { name: 'yaml: cache.r7gd.xlarge does not exist: unknown-node-type\'s, not this rule\'s', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: cache.r7gd.xlarge']) },
    { name: 'yaml: from a parameter without default', path: 't.yaml', code: yaml(RG, [D, 'CacheNodeType: !Ref NodeType'], PARAM('')) },
    { name: 'yaml: a MemoryDB node type', path: 't.yaml', code: yaml('AWS::MemoryDB::Cluster', ['ClusterName: m', 'ACLName: open-access', 'NodeType: db.r6g.large']) },
    { name: 'json: cache.m7g.large', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.m7g.large' }) },
    { name: 'tf: cache.r7g.xlarge', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'node_type   = "cache.r7g.xlarge"']) },
    { name: 'tf: a look-alike string in another argument', path: 'main.tf', code: tf(TF_RG, ['description = "cache.r5.large"', 'node_type   = "cache.r7g.large"']) },
  ],
  invalid: [
    { name: 'yaml: cache.r5.large (cache.r7g.large has the same memory)', path: 't.yaml', code: c.r5, errors: [at(RULE, c.r5, 'cache.r5')], severities: ['info'] },
    { name: 'yaml: a Redis OSS cache cluster on cache.m5.xlarge', path: 't.yaml', code: c.m5, errors: [at(RULE, c.m5, 'cache.m5')] },
    { name: 'yaml: a Memcached cluster on cache.t2.micro (previous generation)', path: 't.yaml', code: c.t2, errors: [at(RULE, c.t2, 'cache.t2')] },
    { name: 'yaml: cache.r4.large (no figures: no fix)', path: 't.yaml', code: c.r4, errors: [at(RULE, c.r4, 'cache.r4')] },
    { name: 'yaml: a parameter whose default is cache.r5.large', path: 't.yaml', code: c.param, errors: [at(RULE, c.param, '!Ref NodeType')] },
    { name: 'yaml: !If with an older branch: hint at it', path: 't.yaml', code: c.ifYaml, errors: [at(RULE, c.ifYaml, 'cache.r5')], severities: ['hint'] },
    { name: 'json: cache.r5.large', path: 't.json', code: c.jsonR5, errors: [at(RULE, c.jsonR5, '"cache.r5')] },
    { name: 'json: {"Ref"} to a parameter defaulting to cache.m5.large', path: 't.json', code: c.jsonParam, errors: [at(RULE, c.jsonParam, '"CacheNodeType": ', 17)] },
    { name: 'tf: cache.r5.large', path: 'main.tf', code: c.tfR5, errors: [at(RULE, c.tfR5, '"cache.r5')] },
    { name: 'tf: a Memcached cluster on cache.m5.large', path: 'main.tf', code: c.tfCluster, errors: [at(RULE, c.tfCluster, '"cache.m5')] },
    { name: 'tf: a variable whose default is cache.r5.xlarge', path: 'main.tf', code: c.tfVar, errors: [at(RULE, c.tfVar, 'var.node_type')] },
    { name: 'tf: a conditional with a t2 branch: hint', path: 'main.tf', code: c.tfCondOpen, errors: [at(RULE, c.tfCondOpen, '"cache.t2')], severities: ['hint'] },
  ],
});

test('messages: the type, why it is older, the successor and its memory from the node table', async () => {
  const [r5] = (await findings('t.yaml', c.r5, RULE)).findings;
  assert.equal(r5.message, "Replication group 'Cache' runs on an older node type: cache.r5.large is an older generation than r7g, and cache.r7g.large has the same 13.07 GiB on Graviton.");
  assert.deepEqual(r5.fixes.map((f) => f.title), ['Set CacheNodeType to "cache.r7g.large"']);
  const [t2] = (await findings('t.yaml', c.t2, RULE)).findings;
  // 0.5 GiB (t4g.micro) < 0.555 GiB (t2.micro): no one-click replacement.
  assert.equal(t2.message, "Cache cluster 'Cache' runs on an older node type: cache.t2.micro is a previous-generation type on which new clusters can no longer be created; the nearest current type, cache.t4g.micro, has 0.5 GiB against 0.555 GiB, so check the data fits before moving.");
  assert.deepEqual(t2.fixes, []);
  const [r4] = (await findings('t.yaml', c.r4, RULE)).findings;
  assert.match(r4.message, /cache\.r4\.large is an older generation than r7g; the nearest current type, cache\.r7g\.large, has 13\.07 GiB, so check the data fits before moving\.$/);
  assert.deepEqual(r4.fixes, []);
  const [v] = (await findings('main.tf', c.tfVar, RULE)).findings;
  assert.match(v.message, /runs on an older node type \(node_type comes from 'node_type', whose default is "cache\.r5\.xlarge"\): cache\.r5\.xlarge is an older generation than r7g, and cache\.r7g\.xlarge has the same 26\.32 GiB on Graviton\./);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description = "x"', 'node_type   = var.node_type']),
    'variables.tf': 'variable "node_type" {\n  type    = string\n  default = "cache.r7g.large"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'node_type = "cache.m5.large"\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.node_type')]);
  assert.deepEqual(r.findings[0].related?.map((x) => [x.path, x.range.start.line, x.range.start.character]), [['mod/terraform.tfvars', 0, 12]]);
});

test('fixes: the same-size successor in each format, and the parameter or variable default', async () => {
  await roundTrip('t.yaml', c.r5, RULE, 'Set CacheNodeType to "cache.r7g.large"', /      CacheNodeType: "?cache\.r7g\.large"?\n/);
  await roundTrip('t.yaml', c.m5, RULE, 'Set CacheNodeType to "cache.m7g.xlarge"', /      CacheNodeType: "?cache\.m7g\.xlarge"?\n/);
  await roundTrip('t.yaml', c.param, RULE, "Change the default of parameter 'NodeType' to \"cache.r7g.large\"", /    Default: "?cache\.r7g\.large"?\n/);
  await roundTrip('t.json', c.jsonR5, RULE, 'Set CacheNodeType to "cache.r7g.large"', /"CacheNodeType": "cache\.r7g\.large"\n/);
  await roundTrip('t.json', c.jsonParam, RULE, 'Set CacheNodeType to "cache.m7g.large"', /"CacheNodeType": "cache\.m7g\.large"\n/);
  await roundTrip('main.tf', c.tfR5, RULE, 'Set node_type to "cache.r7g.large"', /  node_type   = "cache\.r7g\.large"\n/);
  // Terraform replaces a Memcached cluster whose node type changes (the table's conditional mark).
  await roundTrip('main.tf', c.tfCluster, RULE, 'Set node_type to "cache.m7g.large" (may replace the cache cluster)', /  node_type  = "cache\.m7g\.large"\n/);
  await roundTrip('main.tf', c.tfVar, RULE, "Change the default of variable 'node_type' to \"cache.r7g.xlarge\"", /  default = "cache\.r7g\.xlarge"\n/);
});

test('the families AWS lists as previous generation (t1, m1, m2, m3, c1, r3): reported, no fix without memory figures', async () => {
  // As in an old Terraform example: a Redis OSS cluster on cache.m1.small, which m7g has no size for.
  const m1 = tf('aws_elasticache_cluster', ['cluster_id      = "c"', 'engine          = "redis"', 'node_type       = "cache.m1.small"', 'num_cache_nodes = 1']);
  const [f] = (await findings('main.tf', m1, RULE)).findings;
  assert.equal(`${RULE}@${f.range.start.line + 1}:${f.range.start.character + 1}`, at(RULE, m1, '"cache.m1'));
  assert.equal(f.message, "Cache cluster 'cache' runs on an older node type: cache.m1.small is a previous-generation type on which new clusters can no longer be created; the current family is m7g, which has no small size.");
  assert.deepEqual(f.fixes, []);
  const m3 = yaml(RG, [D, 'CacheNodeType: cache.m3.large']);
  const [y] = (await findings('t.yaml', m3, RULE)).findings;
  assert.equal(`${RULE}@${y.range.start.line + 1}:${y.range.start.character + 1}`, at(RULE, m3, 'cache.m3'));
  assert.match(y.message, /cache\.m3\.large is a previous-generation type on which new clusters can no longer be created; the same size now is cache\.m7g\.large \(6\.38 GiB\), but cachelint's node table has no memory figure for cache\.m3\.large, so check the data fits before moving\.$/);
  assert.deepEqual(y.fixes, []);
  const r3 = json(RG, { ReplicationGroupDescription: 'x', CacheNodeType: 'cache.r3.large' });
  assert.deepEqual(summarize(await findings('t.json', r3, RULE)), [at(RULE, r3, '"cache.r3')]);
  for (const type of ['cache.t1.micro', 'cache.c1.xlarge', 'cache.m2.xlarge']) {
    const code = yaml(CC, ['Engine: memcached', `CacheNodeType: ${type}`, 'NumCacheNodes: 1']);
    const [x] = (await findings('t.yaml', code, RULE)).findings;
    assert.ok(x, type);
    assert.match(x.message, /is a previous-generation type/, type);
    assert.deepEqual(x.fixes, [], type);
  }
  // Look-alike: the old name in another argument, a current type in node_type.
  assert.deepEqual(summarize(await findings('main.tf', tf(TF_RG, ['description = "was cache.m1.small"', 'node_type   = "cache.m7g.large"']), RULE)), []);
});
