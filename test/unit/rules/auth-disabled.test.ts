/**
 * auth-disabled in CloudFormation YAML, JSON and Terraform: replication groups without AUTH token or user group,
 * Valkey/Redis OSS cache clusters outside a group, serverless caches without a user group, MemoryDB on the
 * open-access ACL; conditions, inputs without values, Global Datastore secondaries, Memcached, a module over files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'auth-disabled';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const SL = 'AWS::ElastiCache::ServerlessCache';
const MDB = 'AWS::MemoryDB::Cluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const TOKEN = 'Parameters:\n  Tok:\n    Type: String\n    NoEcho: true\n';
const TLS = 'TransitEncryptionEnabled: true';

const c = {
  rgBare: yaml(RG, [D, 'Engine: valkey', TLS]),
  rgTlsOff: yaml(RG, [D, 'TransitEncryptionEnabled: false']),
  rgIfToken: yaml(RG, [D, TLS, 'AuthToken: !If [IsProd, !Ref Tok, !Ref AWS::NoValue]'], TOKEN + COND),
  rgEmptyGroups: yaml(RG, [D, TLS, 'UserGroupIds: []']),
  ccRedis: yaml(CC, ['Engine: redis', 'CacheNodeType: cache.t4g.micro', 'NumCacheNodes: 1']),
  slValkey: yaml(SL, ['ServerlessCacheName: s', 'Engine: valkey']),
  slIf: yaml(SL, ['ServerlessCacheName: s', 'Engine: redis', 'UserGroupId: !If [IsProd, users, !Ref AWS::NoValue]'], COND),
  mdbOpen: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: open-access']),
  mdbIf: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: !If [IsProd, app-acl, open-access]'], COND),
  mdbParam: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: !Ref Acl'], 'Parameters:\n  Acl:\n    Type: String\n    Default: open-access\n'),
  jsonBare: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: true }),
  jsonSl: json(SL, { ServerlessCacheName: 's', Engine: 'valkey' }),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: true, UserGroupIds: { 'Fn::If': ['IsProd', [{ Ref: 'Users' }], { Ref: 'AWS::NoValue' }] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  jsonMdb: json(MDB, { ClusterName: 'm', NodeType: 'db.r7g.large', ACLName: 'open-access' }),
  tfBare: tf(TF_RG, ['description                = "x"', 'transit_encryption_enabled = true']),
  tfNull: tf(TF_RG, ['description = "x"', 'auth_token  = null']),
  tfCond: tf('aws_elasticache_serverless_cache', ['name          = "s"', 'engine        = "valkey"', 'user_group_id = var.prod ? "app-users" : null'], 'variable "prod" {\n  type = bool\n}\n'),
  tfCluster: tf('aws_elasticache_cluster', ['cluster_id = "c"', 'engine     = "valkey"', 'node_type  = "cache.t4g.micro"']),
  tfServerless: tf('aws_elasticache_serverless_cache', ['name   = "s"', 'engine = "redis"']),
  tfMdb: tf('aws_memorydb_cluster', ['name        = "m"', 'acl_name    = "open-access"', 'node_type   = "db.r7g.large"', 'tls_enabled = false']),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: an AUTH token from a NoEcho parameter', path: 't.yaml', code: yaml(RG, [D, TLS, 'AuthToken: !Ref Tok'], TOKEN) },
    { name: 'yaml: an AUTH token as a Secrets Manager dynamic reference', path: 't.yaml', code: yaml(RG, [D, TLS, "AuthToken: '{{resolve:secretsmanager:cache:SecretString:token}}'"]) },
    { name: 'yaml: a user group (RBAC)', path: 't.yaml', code: yaml(RG, [D, TLS, 'UserGroupIds: [!Ref Users]']) },
    { name: 'yaml: user groups from a parameter without default: unknown, silent', path: 't.yaml', code: yaml(RG, [D, TLS, 'UserGroupIds: !Ref Groups'], 'Parameters:\n  Groups:\n    Type: CommaDelimitedList\n') },
    { name: 'yaml: !If with a token on both branches', path: 't.yaml', code: yaml(RG, [D, TLS, 'AuthToken: !If [IsProd, !Ref Tok, !Ref Tok]'], TOKEN + COND) },
    { name: 'yaml: a Global Datastore secondary follows its primary', path: 't.yaml', code: yaml(RG, [D, 'GlobalReplicationGroupId: ldgnf-global']) },
    { name: 'yaml: a Memcached cache cluster has no AUTH to turn on', path: 't.yaml', code: yaml(CC, ['Engine: memcached', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 2']) },
    { name: 'yaml: a cache cluster whose engine is a parameter without default', path: 't.yaml', code: yaml(CC, ['Engine: !Ref Eng', 'CacheNodeType: cache.m7g.large', 'NumCacheNodes: 1'], 'Parameters:\n  Eng:\n    Type: String\n') },
    { name: 'yaml: serverless with UserGroupId', path: 't.yaml', code: yaml(SL, ['ServerlessCacheName: s', 'Engine: valkey', 'UserGroupId: !Ref Users']) },
    { name: 'yaml: a Memcached serverless cache', path: 't.yaml', code: yaml(SL, ['ServerlessCacheName: s', 'Engine: memcached']) },
    { name: 'yaml: MemoryDB with a real ACL', path: 't.yaml', code: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: !Ref Acl']) },
    { name: 'yaml: MemoryDB with an ACL from a parameter without default', path: 't.yaml', code: yaml(MDB, ['ClusterName: m', 'NodeType: db.r7g.large', 'ACLName: !Ref Acl'], 'Parameters:\n  Acl:\n    Type: String\n') },
    { name: 'json: a user group by reference', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', UserGroupIds: [{ Ref: 'Users' }] }) },
    { name: 'json: a Global Datastore secondary', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', GlobalReplicationGroupId: { Ref: 'Global' } }) },
    { name: 'json: AuthToken as a dynamic reference', path: 't.json', code: json(RG, { ReplicationGroupDescription: 'x', TransitEncryptionEnabled: true, AuthToken: '{{resolve:secretsmanager:cache}}' }) },
    { name: 'json: MemoryDB with a named ACL', path: 't.json', code: json(MDB, { ClusterName: 'm', NodeType: 'db.r7g.large', ACLName: 'app-acl' }) },
    { name: 'tf: auth_token from a random_password', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = random_password.auth.result']) },
    { name: 'tf: user_group_ids', path: 'main.tf', code: tf(TF_RG, ['description    = "x"', 'user_group_ids = [aws_elasticache_user_group.app.id]']) },
    { name: 'tf: auth_token from a variable declared nowhere: unknown', path: 'main.tf', code: tf(TF_RG, ['description = "x"', 'auth_token  = var.token']) },
    { name: 'tf: a cache cluster joining a replication group', path: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id           = "r"', 'replication_group_id = aws_elasticache_replication_group.g.id']) },
    { name: 'tf: a Global Datastore secondary', path: 'main.tf', code: tf(TF_RG, ['description                 = "x"', 'global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id']) },
    { name: 'tf: serverless with user_group_id', path: 'main.tf', code: tf('aws_elasticache_serverless_cache', ['name          = "s"', 'engine        = "valkey"', 'user_group_id = aws_elasticache_user_group.app.user_group_id']) },
    { name: 'tf: MemoryDB with an ACL resource', path: 'main.tf', code: tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = aws_memorydb_acl.app.id', 'node_type = "db.r7g.large"']) },
    { name: 'tf: the same attributes on a resource cachelint does not model', path: 'main.tf', code: tf('aws_db_instance', ['identifier = "d"']) },
  ],
  invalid: [
    { name: 'yaml: neither AuthToken nor UserGroupIds: at the logical id', path: 't.yaml', code: c.rgBare, errors: [at(RULE, c.rgBare, 'Cache:')], severities: ['warning'] },
    { name: 'yaml: TLS off and no AUTH', path: 't.yaml', code: c.rgTlsOff, errors: [at(RULE, c.rgTlsOff, 'Cache:')] },
    { name: 'yaml: !If leaves the token unset on one branch: info at the !If', path: 't.yaml', code: c.rgIfToken, errors: [at(RULE, c.rgIfToken, '!If')], severities: ['info'] },
    { name: 'yaml: an empty UserGroupIds list', path: 't.yaml', code: c.rgEmptyGroups, errors: [at(RULE, c.rgEmptyGroups, 'Cache:')] },
    { name: 'yaml: a Redis OSS cache cluster cannot require AUTH', path: 't.yaml', code: c.ccRedis, errors: [at(RULE, c.ccRedis, 'Cache:')] },
    { name: 'yaml: a Valkey serverless cache without UserGroupId', path: 't.yaml', code: c.slValkey, errors: [at(RULE, c.slValkey, 'Cache:')] },
    { name: 'yaml: serverless with UserGroupId only on one branch: info', path: 't.yaml', code: c.slIf, errors: [at(RULE, c.slIf, '!If')], severities: ['info'] },
    { name: 'yaml: MemoryDB open-access: at the value', path: 't.yaml', code: c.mdbOpen, errors: [at(RULE, c.mdbOpen, 'open-access')] },
    { name: 'yaml: MemoryDB open-access on one branch: info at it', path: 't.yaml', code: c.mdbIf, errors: [at(RULE, c.mdbIf, 'open-access')], severities: ['info'] },
    { name: 'yaml: MemoryDB ACL from a parameter defaulting to open-access', path: 't.yaml', code: c.mdbParam, errors: [at(RULE, c.mdbParam, '!Ref Acl')], severities: ['warning'] },
    { name: 'json: no AUTH', path: 't.json', code: c.jsonBare, errors: [at(RULE, c.jsonBare, '"Cache"')] },
    { name: 'json: serverless without a user group', path: 't.json', code: c.jsonSl, errors: [at(RULE, c.jsonSl, '"Cache"')] },
    { name: 'json: Fn::If user groups with AWS::NoValue: info at the Fn::If', path: 't.json', code: c.jsonIf, errors: [at(RULE, c.jsonIf, '"UserGroupIds": ', 16)], severities: ['info'] },
    { name: 'json: MemoryDB open-access', path: 't.json', code: c.jsonMdb, errors: [at(RULE, c.jsonMdb, '"open-access"')] },
    { name: 'tf: no AUTH', path: 'main.tf', code: c.tfBare, errors: [at(RULE, c.tfBare, '"aws_elasticache')] },
    { name: 'tf: auth_token = null is no token', path: 'main.tf', code: c.tfNull, errors: [at(RULE, c.tfNull, '"aws_elasticache')] },
    { name: 'tf: a conditional user group that is null on one branch: info', path: 'main.tf', code: c.tfCond, errors: [at(RULE, c.tfCond, 'var.prod ?')], severities: ['info'] },
    { name: 'tf: a Valkey cache cluster', path: 'main.tf', code: c.tfCluster, errors: [at(RULE, c.tfCluster, '"aws_elasticache')] },
    { name: 'tf: a Redis OSS serverless cache without user_group_id', path: 'main.tf', code: c.tfServerless, errors: [at(RULE, c.tfServerless, '"aws_elasticache')] },
    { name: 'tf: MemoryDB open-access', path: 'main.tf', code: c.tfMdb, errors: [at(RULE, c.tfMdb, '"open-access"')] },
  ],
});

test('messages name the resource, the properties as written and the consequence', async () => {
  const [y] = (await findings('t.yaml', c.rgBare, RULE)).findings;
  assert.equal(y.message, "Replication group 'Cache' lets any client in without a password: neither AuthToken nor UserGroupIds is set, so anyone who can reach it on the network can read, change and delete every key.");
  const [t] = (await findings('main.tf', c.tfBare, RULE)).findings;
  assert.match(t.message, /neither auth_token nor user_group_ids is set/);
  const [i] = (await findings('t.yaml', c.rgIfToken, RULE)).findings;
  assert.equal(i.message, "Replication group 'Cache' may let any client in without a password: AuthToken is not set when IsProd is false and UserGroupIds is not set, so on that branch anyone who can reach it on the network can read, change and delete every key.");
  assert.deepEqual(i.fixes, []);
  const [cc] = (await findings('t.yaml', c.ccRedis, RULE)).findings;
  assert.match(cc.message, /AWS::ElastiCache::CacheCluster has no AUTH token or user group setting.*a replication group, even of one node, can require AUTH\.$/);
  assert.deepEqual(cc.fixes, []);
  const [m] = (await findings('main.tf', c.tfMdb, RULE)).findings;
  assert.equal(m.message, "MemoryDB cluster 'cache' lets any client in without a password: acl_name is \"open-access\", so anyone who can reach it on the network can read, change and delete every key; with tls_enabled false no other ACL is allowed, and turning TLS on replaces the cluster.");
  const [s] = (await findings('main.tf', c.tfServerless, RULE)).findings;
  assert.match(s.message, /^Serverless cache 'cache' lets any client in without a password: user_group_id is not set/);
});

test('a module spread over main.tf, variables.tf and terraform.tfvars', async () => {
  const files = {
    'main.tf': tf('aws_memorydb_cluster', ['name      = "m"', 'acl_name  = var.acl', 'node_type = "db.r7g.large"'])
      + tf('aws_elasticache_serverless_cache', ['name          = "s"', 'engine        = "valkey"', 'user_group_id = var.rbac ? "app-users" : null']).replace('"cache"', '"sessions"'),
    'variables.tf': 'variable "acl" {\n  type    = string\n  default = "app-acl"\n}\nvariable "rbac" {\n  type    = bool\n  default = true\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'main.tf', RULE)), []);
  // The tfvars file opens the ACL and turns RBAC off: the serverless cache's user group is then null, which is none.
  const r = await inModule({ ...files, 'terraform.tfvars': 'acl  = "open-access"\nrbac = false\n' }, 'main.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.acl'), at(RULE, files['main.tf'], 'var.rbac ?')]);
  const mdb = r.findings.find((f) => f.message.startsWith('MemoryDB'))!;
  assert.match(mdb.message, /acl_name comes from 'acl', set to "open-access" in terraform\.tfvars/);
  assert.deepEqual(mdb.related?.map((x) => x.path), ['mod/terraform.tfvars']);
  const sl = r.findings.find((f) => f.message.startsWith('Serverless'))!;
  assert.match(sl.message, /user_group_id is null because 'rbac' is false in terraform\.tfvars/);
  assert.deepEqual(sl.related?.map((x) => [x.path, x.range.start.line]), [['mod/terraform.tfvars', 1]]);
});

test('a Terraform resource with count is one resource, reported once', async () => {
  const code = tf(TF_RG, ['count       = 2', 'description = "x"']);
  assert.deepEqual(summarize(await findings('main.tf', code, RULE)), [at(RULE, code, '"aws_elasticache')]);
});

test('fixes: a new secret input for the AUTH token, and TLS on with it when it is off (CloudFormation)', async () => {
  // AuthToken is conditionally create-only in the CloudFormation schema.
  const title = "Require AUTH: set AuthToken to a new NoEcho parameter 'CacheAuthToken' (may replace the replication group)";
  const fixed = await roundTrip('t.yaml', c.rgBare, RULE, title, /\nParameters:\n  CacheAuthToken:\n    Type: String\n    Description: "AUTH token for Cache: 16-128 printable ASCII characters; [^"\n]*"\n    NoEcho: true\nResources:[\s\S]*      TransitEncryptionEnabled: true\n      AuthToken: !Ref CacheAuthToken\n/);
  // The new input is secret and has no default: nothing for auth-token-exposed either.
  assert.deepEqual(summarize(await findings('t.yaml', fixed, 'auth-token-exposed')), []);
  await roundTrip('t.yaml', c.rgTlsOff, RULE, "Require AUTH: set AuthToken to a new NoEcho parameter 'CacheAuthToken' and TransitEncryptionEnabled to true, which AUTH needs (may replace the replication group)",
    /      TransitEncryptionEnabled: true\n      AuthToken: !Ref CacheAuthToken\n/);
  const json = await roundTrip('t.json', c.jsonBare, RULE, title, /"Parameters": \{\n\s+"CacheAuthToken": \{\n\s+"Type": "String",[\s\S]*"NoEcho": true[\s\S]*"AuthToken": \{\s*"Ref": "CacheAuthToken"\s*\}/);
  assert.doesNotThrow(() => JSON.parse(json));
});

test('the new input does not take a name already in use', async () => {
  const code = yaml(RG, [D, TLS, 'CacheNodeType: !Ref CacheAuthToken'], 'Parameters:\n  CacheAuthToken:\n    Type: String\n');
  const [f] = (await findings('t.yaml', code, RULE)).findings;
  assert.deepEqual(f.fixes.map((x) => x.title), ["Require AUTH: set AuthToken to a new NoEcho parameter 'CacheAuthToken2' (may replace the replication group)"]);
});

test('fixes (Terraform): a new sensitive variable for auth_token, fmt-clean', async (t) => {
  const fixed = await roundTrip('main.tf', c.tfBare, RULE, "Require AUTH: set auth_token to a new sensitive variable 'cache_auth_token'",
    /^variable "cache_auth_token" \{\n  type        = string\n  description = "AUTH token for cache: [^"\n]*"\n  sensitive   = true\n\}\n\n[\s\S]*  transit_encryption_enabled = true\n  auth_token                 = var\.cache_auth_token\n\}\n$/);
  assertFmtClean(fixed, t);
  assert.deepEqual(summarize(await findings('main.tf', fixed, 'auth-token-exposed')), []);
  const tlsOff = tf(TF_RG, ['description                = "x"', 'transit_encryption_enabled = false']);
  const both = await roundTrip('main.tf', tlsOff, RULE, "Require AUTH: set auth_token to a new sensitive variable 'cache_auth_token' and transit_encryption_enabled to true, which AUTH needs (may replace the replication group)",
    /  transit_encryption_enabled = true\n/);
  assert.match(both, /auth_token\s+= var\.cache_auth_token\n/);
  assertFmtClean(both, t);
});

test('no fix on a group with nothing written (not deployable either way)', async () => {
  for (const [file, code] of [
    ['t.json', '{"Resources": {"C": {"Type": "AWS::ElastiCache::ReplicationGroup"}}}\n'],
    ['t.yaml', 'Resources: {C: {Type: "AWS::ElastiCache::ReplicationGroup", Properties: {}}}\n'],
    ['main.tf.json', '{"resource": {"aws_elasticache_replication_group": {"x": {}}}}\n'],
  ]) {
    const [f] = (await findings(file, code, RULE)).findings;
    assert.deepEqual(f.fixes, [], file);
  }
});

test('community module calls: judged by the auth_token and user_group_ids inputs the module passes on (default null)', async () => {
  // As in real cloudposse calls that turn TLS off for "easier integration" and give no token.
  const cp = (extra: string[]) => `module "redis" {\n  source  = "cloudposse/elasticache-redis/aws"\n  version = "~> 1.4"\n  subnets = ["subnet-a", "subnet-b"]\n${extra.map((l) => `  ${l}\n`).join('')}}\n`;
  const off = cp(['transit_encryption_enabled = false']);
  const [f] = (await findings('main.tf', off, RULE)).findings;
  assert.equal(`${RULE}@${f.range.start.line + 1}:${f.range.start.character + 1}`, at(RULE, off, '"redis"'));
  assert.equal(f.message, "Replication group 'module.redis' lets any client in without a password: neither auth_token nor user_group_ids is set, so anyone who can reach it on the network can read, change and delete every key.");
  const fixed = await roundTrip('main.tf', off, RULE, "Require AUTH: set auth_token to a new sensitive variable 'redis_auth_token' and transit_encryption_enabled to true, which AUTH needs (may replace the replication group)",
    /^variable "redis_auth_token" \{[\s\S]*  transit_encryption_enabled = true\n  auth_token = var\.redis_auth_token\n\}\n$/);
  assert.deepEqual(summarize(await findings('main.tf', fixed, 'auth-token-exposed')), []);
  const tam = 'module "cache" {\n  source               = "terraform-aws-modules/elasticache/aws"\n  replication_group_id = "app"\n}\n';
  assert.deepEqual(summarize(await findings('main.tf', tam, RULE)), [at(RULE, tam, '"cache"')]);
  // Look-alikes: a token or a user group given, a token from a variable without a value, a module we do not know.
  for (const code of [
    cp(['auth_token = var.token']) + 'variable "token" {\n  type      = string\n  sensitive = true\n}\n',
    cp(['user_group_ids = ["app-users"]']),
    tam.replace('  replication_group_id', '  user_group_ids       = ["app-users"]\n  replication_group_id'),
    'module "redis" {\n  source = "./modules/redis"\n  transit_encryption_enabled = false\n}\n',
  ]) assert.deepEqual(summarize(await findings('main.tf', code, RULE)), [], code);
});

test('fix: a label that starts with a digit still gives a Terraform name (fuzz: var.9cat_alog_auth_token)', async () => {
  const body = '"replication_group_id": "x", "description": "d", "node_type": "cache.m7g.large", "transit_encryption_enabled": true';
  const tfJson = `{"resource": {"${TF_RG}": {"9cat alog": {${body}}}}}\n`;
  const fixed = await roundTrip('main.tf.json', tfJson, RULE, "Require AUTH: set auth_token to a new sensitive variable 'cat_alog_auth_token'", /"auth_token": "\$\{var\.cat_alog_auth_token\}"/);
  assert.match(fixed, /"variable": \{"cat_alog_auth_token": \{/);
  const hcl = tf(TF_RG, ['description                = "x"', 'transit_encryption_enabled = true']).replace('"cache"', '"9cache"');
  await roundTrip('main.tf', hcl, RULE, "Require AUTH: set auth_token to a new sensitive variable 'cache_auth_token'", /auth_token\s+= var\.cache_auth_token\n/);
});
