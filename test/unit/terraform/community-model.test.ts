/**
 * How a community module call becomes model resources: which sources are known, the properties under canonical
 * names with the input's own spelling and ranges, the module's defaults and forced values as effectiveValue reads
 * them, what the module wires in itself (unknown to rules), count/for_each, Terraform JSON, a module spread over
 * main.tf / variables.tf / terraform.tfvars, and fixes that edit the module block.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTerraform, at as span } from './parse';
import { at, findings, inModule, roundTrip } from '../rules/iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';
import { communityModule } from '../../../server/src/model/community';
import type { IacResource } from '../../../server/src/model/iac';
import { effectiveValue } from '../../../server/src/model/effective';
import { propertyName } from '../../../server/src/rules/iac/names';
import { parametersOf } from '../../../server/src/model/views/parameters';
import { resolveProperty } from '../../../server/src/model/resolve';
import { CP, TAM, TAM_MDB, mod } from './community-support';

/** The cache among what a call builds (a parameter group may come first). */
const cacheOf = (resources: IacResource[]) => resources.find((r) => r.kind !== 'parameterGroup' && r.kind !== 'memorydbParameterGroup')!;

const FIXTURES = path.join(__dirname, '../../fixtures/terraform/community');
const read = (p: string) => fs.readFileSync(path.join(FIXTURES, p), 'utf8');

test('known sources: registry addresses with or without the host, and the GitHub repositories', () => {
  const known = (s: string) => communityModule(s)?.registry;
  assert.equal(known('terraform-aws-modules/elasticache/aws'), TAM);
  assert.equal(known('registry.terraform.io/terraform-aws-modules/elasticache/aws'), TAM);
  assert.equal(known('Terraform-AWS-Modules/ElastiCache/AWS'), TAM);
  assert.equal(known('terraform-aws-modules/memory-db/aws'), TAM_MDB);
  assert.equal(known('cloudposse/memorydb/aws'), 'cloudposse/memorydb/aws');
  assert.equal(known('git::https://github.com/cloudposse/terraform-aws-elasticache-redis.git?ref=tags/1.2.0'), CP);
  assert.equal(known('github.com/terraform-aws-modules/terraform-aws-elasticache'), TAM);
  assert.equal(known('git@github.com:cloudposse/terraform-aws-memorydb.git'), 'cloudposse/memorydb/aws');
  for (const other of ['terraform-aws-modules/elasticache/aws//modules/serverless-cache', './modules/elasticache', '../elasticache-redis',
    'cloudposse/elasticache-memcached/aws', 'terraform-aws-modules/rds/aws', 'git::https://github.com/cloudposse/terraform-aws-elasticache-redis.git//modules/x',
    'github.com/acme/terraform-aws-elasticache']) {
    assert.equal(known(other), undefined, other);
  }
});

test('a terraform-aws-modules call: a replication group with the inputs, its own subnet and security groups, TLS and at-rest on by default', async () => {
  const code = mod(TAM, ['replication_group_id = "orders"', 'node_type = "cache.r7g.large"', 'kms_key_arn = aws_kms_key.cache.arn']);
  const { model } = await parseTerraform('main.tf', code);
  assert.equal(model.resources.length, 1);
  const [rg] = model.resources;
  assert.equal(rg.type, 'aws_elasticache_replication_group');
  assert.equal(rg.name, 'module.cache');
  assert.equal(rg.module?.source, TAM);
  assert.equal(span(rg.anchorRange), '1:8-1:15');
  const node = rg.properties.get('nodeType')!;
  assert.equal(node.writtenName, 'node_type');
  assert.equal(span(node.keyRange), '6:3-6:12');
  assert.equal(rg.properties.get('kmsKeyId')?.writtenName, 'kms_key_arn');
  assert.equal(propertyName(rg, 'kmsKeyId'), 'kms_key_arn');
  assert.equal(rg.properties.get('subnetGroupName')?.value.kind, 'unknown');
  assert.equal(rg.properties.get('securityGroupIds')?.value.kind, 'unknown');
  assert.equal(rg.properties.has('parameterGroupName'), false);
  assert.deepEqual([effectiveValue(rg, 'transitEncryptionEnabled').value, effectiveValue(rg, 'transitEncryptionEnabled').origin], [true, 'module-default']);
  assert.equal(effectiveValue(rg, 'atRestEncryptionEnabled').value, true);
  assert.equal(effectiveValue(rg, 'engine').value, 'redis');
  // A null default leaves the provider's in place.
  assert.deepEqual([effectiveValue(rg, 'snapshotRetentionLimit').value, effectiveValue(rg, 'snapshotRetentionLimit').origin], [0, 'schema-default']);
  assert.equal(effectiveValue(rg, 'automaticFailoverEnabled').value, false);
});

test('values the module forces: automatic failover with multi_az_enabled or cluster mode', async () => {
  const forced = async (lines: string[]) => {
    const { model } = await parseTerraform('main.tf', mod(TAM, lines));
    return effectiveValue(cacheOf(model.resources), 'automaticFailoverEnabled');
  };
  const multiAz = await forced(['multi_az_enabled = true', 'automatic_failover_enabled = false']);
  assert.deepEqual([multiAz.value, multiAz.why], [true, 'automatic_failover_enabled is true: the module turns it on because multi_az_enabled is true']);
  assert.equal((await forced(['cluster_mode_enabled = true'])).value, true);
  assert.equal((await forced(['automatic_failover_enabled = true'])).value, true);
  const { model } = await parseTerraform('main.tf', mod(CP, ['vpc_id = "v"', 'cluster_mode_enabled = true', 'cluster_mode_num_node_groups = 3', 'cluster_size = 2']));
  const rg = cacheOf(model.resources);
  assert.equal(effectiveValue(rg, 'automaticFailoverEnabled').value, true);
  assert.equal(rg.properties.get('numNodeGroups')?.writtenName, 'cluster_mode_num_node_groups');
  assert.equal(rg.properties.has('numCacheClusters'), false, 'cluster_size is ignored in cluster mode');
});

test('cloudposse: the module\'s defaults, its subnet group only when subnets are given, a serverless cache when asked', async () => {
  const { model } = await parseTerraform('main.tf', mod(CP, ['vpc_id = "v"']));
  const rg = cacheOf(model.resources);
  assert.deepEqual(model.resources.map((r) => r.type), ['aws_elasticache_parameter_group', 'aws_elasticache_replication_group']);
  assert.deepEqual(['nodeType', 'engineVersion', 'atRestEncryptionEnabled', 'transitEncryptionEnabled', 'snapshotRetentionLimit', 'numCacheClusters'].map((p) => effectiveValue(rg, p).value),
    ['cache.t2.micro', '4.0.10', false, true, 0, 1]);
  assert.equal(propertyName(rg, 'nodeType'), 'instance_type');
  // No subnets, no subnet group name: the module passes "", so the account's default subnet group is used.
  assert.equal(rg.properties.has('subnetGroupName'), false);
  const withSubnets = cacheOf((await parseTerraform('main.tf', mod(CP, ['vpc_id = "v"', 'subnets = ["a"]']))).model.resources);
  assert.equal(withSubnets.properties.get('subnetGroupName')?.value.kind, 'unknown');
  const serverless = (await parseTerraform('main.tf', mod(CP, ['vpc_id = "v"', 'serverless_enabled = true', 'create_parameter_group = false', 'subnets = ["a"]']))).model.resources;
  assert.deepEqual(serverless.map((r) => r.type), ['aws_elasticache_serverless_cache']);
  assert.equal(serverless[0].properties.get('subnetIds')?.writtenName, 'subnets');
  assert.equal(effectiveValue(serverless[0], 'majorEngineVersion').value, '7');
});

test('count, for_each and an undecided create flag: one resource, conditional, flagged once', async () => {
  const counted = (await parseTerraform('main.tf', mod(TAM, ['count = var.n', 'node_type = "cache.r7g.large"']))).model.resources;
  assert.deepEqual(counted.map((r) => [r.conditional, r.condition]), [[true, 'var.n']]);
  const flagged = (await parseTerraform('main.tf', mod(TAM, ['create_replication_group = var.rg']))).model.resources;
  assert.deepEqual(flagged.map((r) => [r.type, r.conditional, r.condition]), [['aws_elasticache_replication_group', true, 'create_replication_group']]);
  const neither = (await parseTerraform('main.tf', mod(TAM, ['create_replication_group = false']))).model.resources;
  assert.deepEqual(neither, []);
  const mdb = (await parseTerraform('main.tf', mod(TAM_MDB, ['for_each = var.clusters', 'name = each.key']))).model.resources;
  assert.deepEqual(mdb.map((r) => [r.type, r.conditional]), [['aws_memorydb_parameter_group', true], ['aws_memorydb_cluster', true]]);
});

test('a local module, an unknown module and a module block without a source build nothing', async () => {
  for (const code of [mod('./modules/redis', ['transit_encryption_enabled = false'], '', 'c', undefined), mod('acme/elasticache/aws', ['engine = "redis"']),
    'module "x" {\n  transit_encryption_enabled = false\n}\n', 'module "x" {\n  source = var.source\n}\n', 'module {\n  source = "cloudposse/memorydb/aws"\n}\n']) {
    const { model } = await parseTerraform('main.tf', code);
    assert.deepEqual(model.resources, [], code);
  }
});

test('a module spread over main.tf, variables.tf and terraform.tfvars: the tfvars value decides the input', async () => {
  const files = { 'main.tf': read('spread/main.tf'), 'variables.tf': read('spread/variables.tf'), 'terraform.tfvars': read('spread/terraform.tfvars') };
  const tls = await inModule(files, 'main.tf', 'transit-encryption-disabled');
  assert.deepEqual(summarize(tls), [at('transit-encryption-disabled', files['main.tf'], 'var.tls')]);
  assert.match(tls.findings[0].message, /transit_encryption_enabled comes from 'tls', set to false in terraform\.tfvars/);
  assert.deepEqual(tls.findings[0].related?.map((r) => [path.basename(r.path), r.range.start.line]), [['terraform.tfvars', 0]]);
  const backups = await inModule(files, 'main.tf', 'backups-disabled');
  assert.deepEqual(summarize(backups), [at('backups-disabled', files['main.tf'], 'var.retention')]);
  // Without the tfvars file the defaults in variables.tf hold: TLS on, 7 days, a current node type.
  const { 'terraform.tfvars': _, ...defaults } = files;
  for (const rule of ['transit-encryption-disabled', 'backups-disabled', 'previous-generation-node-type', 'at-rest-encryption-disabled']) {
    assert.deepEqual(summarize(await inModule(defaults, 'main.tf', rule)), [], rule);
  }
});

test('Terraform JSON: a module object reads as in HCL, findings on the JSON value and name; a local module is opaque', async () => {
  const code = read('json/main.tf.json');
  const tls = await findings('main.tf.json', code, 'transit-encryption-disabled');
  assert.deepEqual(summarize(tls), [at('transit-encryption-disabled', code, 'false')]);
  assert.match(tls.findings[0].message, /^Replication group 'module\.orders' .*transit_encryption_enabled is false/);
  const backups = await findings('main.tf.json', code, 'backups-disabled');
  assert.deepEqual(summarize(backups), [at('backups-disabled', code, '"orders"')]);
  const fixed = await roundTrip('main.tf.json', code, 'transit-encryption-disabled', 'Set transit_encryption_enabled to true', /"transit_encryption_enabled": true\n    \},\n    "local"/);
  assert.doesNotThrow(() => JSON.parse(fixed));
});

test('fixes edit the module block: an input replaced in place, an input the call leaves out added beside the others', async (t) => {
  const off = mod(TAM, ['replication_group_id = "orders"', 'node_type = "cache.r7g.large"', 'snapshot_retention_limit = 7', 'transit_encryption_enabled = false']);
  const a = await roundTrip('main.tf', off, 'transit-encryption-disabled', 'Set transit_encryption_enabled to true', /  transit_encryption_enabled = true\n\}\n$/);
  assertFmtClean(a, t);
  const left = mod(CP, ['vpc_id = "vpc-1"', 'instance_type = "cache.r7g.large"', 'snapshot_retention_limit = 7']);
  const b = await roundTrip('main.tf', left, 'at-rest-encryption-disabled', 'Set at_rest_encryption_enabled to true (replaces the replication group)', /  snapshot_retention_limit   = 7\n  at_rest_encryption_enabled = true\n\}\n$/);
  assertFmtClean(b, t);
  const noBackups = mod(TAM_MDB, ['name = "orders"', 'node_type = "db.r7g.large"']);
  const c = await roundTrip('main.tf', noBackups, 'backups-disabled', 'Set snapshot_retention_limit to 7 (days; snapshot_window picks when they run)', /  snapshot_retention_limit = 7\n\}\n$/);
  assertFmtClean(c, t);
});

test('the parameter group a module builds: its parameters from the module input, the cache resolving to it', async () => {
  const code = mod(CP, ['vpc_id = "v"', 'family = "redis7"', 'parameter = [{ name = "maxmemory-policy", value = "noeviction" }]']);
  const { model } = await parseTerraform('main.tf', code);
  assert.deepEqual(model.resources.map((r) => r.type), ['aws_elasticache_parameter_group', 'aws_elasticache_replication_group']);
  const [group, rg] = model.resources;
  const params = parametersOf(group)!;
  assert.deepEqual([...params.byName.values()].map((p) => [p.name, p.value]), [['maxmemory-policy', 'noeviction']]);
  assert.equal(params.complete, true);
  const [resolution] = resolveProperty(model, rg, 'parameterGroupName')!;
  assert.equal(resolution.kind === 'resource' && resolution.resource, group);
  // terraform-aws-modules builds one only when asked; MemoryDB's module by default.
  const none = (await parseTerraform('main.tf', mod(TAM, ['node_type = "cache.r7g.large"']))).model.resources;
  assert.deepEqual(none.map((r) => r.type), ['aws_elasticache_replication_group']);
  const asked = (await parseTerraform('main.tf', mod(TAM, ['create_parameter_group = true', 'parameter_group_family = "valkey8"', 'parameters = [{ name = "maxmemory-policy", value = "allkeys-lru" }]']))).model;
  assert.deepEqual(asked.resources.map((r) => r.type), ['aws_elasticache_parameter_group', 'aws_elasticache_replication_group']);
  assert.equal(parametersOf(asked.resources[0])!.byName.get('maxmemory-policy')?.value, 'allkeys-lru');
  const mdb = (await parseTerraform('main.tf', mod(TAM_MDB, ['name = "m"']))).model;
  assert.deepEqual(mdb.resources.map((r) => r.type), ['aws_memorydb_parameter_group', 'aws_memorydb_cluster']);
  assert.equal((resolveProperty(mdb, mdb.resources[1], 'parameterGroupName')![0] as { resource?: unknown }).resource, mdb.resources[0]);
});

test('a fix spells the property as the module\'s input, and none is offered for a value the module forces', async (t) => {
  const code = mod(CP, ['vpc_id = "vpc-1"', 'instance_type = "cache.r5.large"', 'at_rest_encryption_enabled = true', 'snapshot_retention_limit = 7']);
  const fixed = await roundTrip('main.tf', code, 'previous-generation-node-type', 'Set instance_type to "cache.r7g.large"', /  instance_type              = "cache\.r7g\.large"\n/);
  assert.doesNotMatch(fixed, /node_type/);
  assertFmtClean(fixed, t);
  const redis = mod(TAM, ['create_replication_group = false', 'create_cluster = true', 'cluster_id = "c"', 'node_type = "cache.r7g.large"', 'snapshot_retention_limit = 1']);
  const [f] = (await findings('main.tf', redis, 'transit-encryption-disabled')).findings;
  assert.deepEqual(f.fixes, []);
});
