/** The HCL and JSON normalisers on their own: value kinds, names, ranges, conditionals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IacResource, IacValue } from '../../../server/src/model/iac';
import { at, parseTerraform } from './parse';

const HCL = `variable "tls" {
  default   = false
  sensitive = true
}
variable "nodefault" {}
locals {
  on    = true
  loopa = local.loopb
  loopb = local.loopa
  kms   = aws_kms_key.cache.arn
}
resource "aws_elasticache_replication_group" "rg" {
  for_each                   = toset(["a"])
  description                = "plain \\"quoted\\" $\${not} text"
  num_cache_clusters         = 2
  port                       = -1
  engine                     = null
  transit_encryption_enabled = var.tls
  at_rest_encryption_enabled = local.on
  kms_key_id                 = local.kms
  auth_token                 = var.nodefault
  snapshot_window            = local.loopa
  security_group_ids         = [aws_security_group.a.id, data.aws_security_group.b.id]
  user_group_ids             = aws_elasticache_user_group.g[0].user_group_id
  engine_version             = var.on ? "7.1" : "8.0"
  replication_group_id       = "rg-\${var.env}"
  parameter_group_name       = lower("X")
  maintenance_window         = <<-EOT
    sun:05:00-sun:06:00
  EOT
  unknown_argument           = { a = 1, "b c" = [true] }
  log_delivery_configuration {
    log_type = "slow-log"
  }
  log_delivery_configuration {
    log_type = "engine-log"
  }
}
resource "aws_instance" "ignored" {}
resource "aws_elasticache_cluster" "c" {}
`;

function prop(r: IacResource, name: string): IacValue {
  const p = r.properties.get(name);
  assert.ok(p, `property ${name}`);
  return p.value;
}

test('HCL: one resource per modelled block, labels as the anchor, for_each marks it conditional', async () => {
  const parsed = await parseTerraform('main.tf', HCL);
  assert.deepEqual(parsed.errors, []);
  const [rg, c] = parsed.model.resources;
  assert.equal(parsed.model.resources.length, 2);
  assert.deepEqual([rg.kind, rg.type, rg.name, at(rg.anchorRange), rg.conditional], ['replicationGroup', 'aws_elasticache_replication_group', 'rg', '12:10-12:50', true]);
  assert.deepEqual([c.kind, c.name, c.conditional, c.properties.size], ['cacheCluster', 'c', undefined, 0]);
  assert.ok(!rg.properties.has('for_each'), 'meta-arguments are not properties');
});

test('HCL: literals, with escapes decoded and ranges on the whole value', async () => {
  const [rg] = (await parseTerraform('main.tf', HCL)).model.resources;
  assert.deepEqual(prop(rg, 'description'), { kind: 'literal', value: 'plain "quoted" ${not} text', range: prop(rg, 'description').range });
  assert.equal(at(prop(rg, 'description').range), '14:32-14:63');
  assert.equal(at(rg.properties.get('description')!.keyRange), '14:3-14:14');
  assert.equal(rg.properties.get('description')!.writtenName, 'description');
  assert.deepEqual([prop(rg, 'numCacheClusters').kind, (prop(rg, 'numCacheClusters') as { value: unknown }).value], ['literal', 2]);
  assert.equal((prop(rg, 'port') as { value: unknown }).value, -1);
  assert.equal((prop(rg, 'engine') as { value: unknown }).value, null);
  assert.equal((prop(rg, 'maintenanceWindow') as { value: unknown }).value, 'sun:05:00-sun:06:00\n');
});

test('HCL: var.x is an input with its default and sensitivity; undeclared or default-less inputs have none', async () => {
  const [rg] = (await parseTerraform('main.tf', HCL)).model.resources;
  const tls = prop(rg, 'transitEncryptionEnabled');
  assert.equal(tls.kind, 'input');
  if (tls.kind !== 'input') return;
  assert.equal(tls.input.name, 'tls');
  assert.equal(tls.input.secret, true);
  assert.equal(tls.input.defaultValue?.kind === 'literal' && tls.input.defaultValue.value, false);
  assert.equal(at(tls.input.range), '1:10-1:15');
  assert.equal(at(tls.range), '18:32-18:39');
  const token = prop(rg, 'authToken');
  assert.ok(token.kind === 'input' && token.input.defaultValue === undefined && !token.input.secret);
});

test('HCL: locals resolve to literals and references; cycles and computed values stay unknown', async () => {
  const [rg] = (await parseTerraform('main.tf', HCL)).model.resources;
  const atRest = prop(rg, 'atRestEncryptionEnabled');
  assert.deepEqual([atRest.kind, atRest.kind === 'literal' && atRest.value, at(atRest.range)], ['literal', true, '19:32-19:40']);
  assert.deepEqual(prop(rg, 'kmsKeyId').kind === 'resource' && [prop(rg, 'kmsKeyId')], [{ kind: 'resource', target: 'aws_kms_key.cache', attribute: 'arn', range: prop(rg, 'kmsKeyId').range }]);
  assert.deepEqual(prop(rg, 'snapshotWindow').kind, 'unknown');
});

test('HCL: references, lists, objects, and computed expressions', async () => {
  const [rg] = (await parseTerraform('main.tf', HCL)).model.resources;
  const sgs = prop(rg, 'securityGroupIds');
  assert.ok(sgs.kind === 'list');
  assert.deepEqual(sgs.items.map((i) => i.kind), ['resource', 'unknown']);
  assert.ok(sgs.items[0].kind === 'resource' && sgs.items[0].target === 'aws_security_group.a' && sgs.items[0].attribute === 'id');
  const ug = prop(rg, 'userGroupIds');
  assert.ok(ug.kind === 'resource' && ug.target === 'aws_elasticache_user_group.g' && ug.attribute === 'user_group_id');
  for (const name of ['replicationGroupId', 'parameterGroupName']) {
    assert.equal(prop(rg, name).kind, 'unknown', name);
  }
  // A condition with literal branches is a choice (issue 7), named by its condition's text.
  const ev = prop(rg, 'engineVersion');
  assert.ok(ev.kind === 'choice');
  assert.deepEqual([ev.text, ev.condition.name, ev.then?.kind === 'literal' && ev.then.value, ev.else?.kind === 'literal' && ev.else.value], ['var.on ? "7.1" : "8.0"', 'var.on', '7.1', '8.0']);
  const obj = prop(rg, 'unknown_argument');
  assert.ok(obj.kind === 'object');
  assert.deepEqual([...obj.entries.keys()], ['a', 'b c']);
  assert.equal(obj.entries.get('b c')!.value.kind, 'list');
});

test('HCL: nested blocks are objects, repeated blocks a list of objects', async () => {
  const [rg] = (await parseTerraform('main.tf', HCL)).model.resources;
  const logs = rg.properties.get('log_delivery_configuration')!;
  assert.equal(at(logs.keyRange), '32:3-32:29');
  assert.ok(logs.value.kind === 'list');
  assert.equal(at(logs.value.range), '32:3-37:4');
  const types = logs.value.items.map((i) => (i.kind === 'object' ? (i.entries.get('log_type')!.value as { value: unknown }).value : undefined));
  assert.deepEqual(types, ['slow-log', 'engine-log']);
});

test('HCL: a single nested block is an object; an empty one an empty object', async () => {
  const text = 'resource "aws_elasticache_user" "u" {\n  authentication_mode {}\n}\nresource "aws_elasticache_serverless_cache" "s" {\n  cache_usage_limits {\n    data_storage {\n      maximum = 10\n    }\n  }\n}\n';
  const [u, s] = (await parseTerraform('users.tf', text)).model.resources;
  const auth = prop(u, 'authenticationMode');
  assert.ok(auth.kind === 'object' && auth.entries.size === 0);
  const limits = prop(s, 'cacheUsageLimits');
  assert.ok(limits.kind === 'object');
  const storage = limits.entries.get('data_storage')!.value;
  assert.ok(storage.kind === 'object' && (storage.entries.get('maximum')!.value as { value: unknown }).value === 10);
});

test('HCL: count marks a resource conditional', async () => {
  const [r] = (await parseTerraform('a.tf', 'resource "aws_memorydb_cluster" "m" {\n  count = 1\n}\n')).model.resources;
  assert.equal(r.conditional, true);
});

test('comment syntax: # (inserted) and // and /* */ (honoured) for HCL, none for JSON', async () => {
  const { terraform } = await import('../../../server/src/formats/terraform');
  assert.deepEqual(terraform.comments({ path: 'a.tf', text: '' }), { line: '#', otherLines: ['//'], block: ['/*', '*/'] });
  assert.deepEqual(terraform.comments({ path: 'a.tf.json', text: '' }), {});
  assert.deepEqual(terraform.grammars({ path: 'a.tf.json', text: '' }), []);
  assert.deepEqual(terraform.grammars({ path: 'a.tfvars', text: '' }), ['terraform']);
});

const JSON_TF = `{
  "variable": { "tls": [{ "default": false, "sensitive": true }] },
  "locals": { "on": true },
  "resource": [{
    "aws_elasticache_replication_group": {
      "rg": {
        "count": 2,
        "//": "comment",
        "description": "cost $\${not} interpolated",
        "transit_encryption_enabled": "\${var.tls}",
        "at_rest_encryption_enabled": "\${local.on}",
        "kms_key_id": "\${aws_kms_key.k.arn}",
        "engine_version": "\${var.v == 1 ? 7 : 8}",
        "replication_group_id": "rg-\${var.env}",
        "num_cache_clusters": 2,
        "log_delivery_configuration": [{ "log_type": "slow-log" }]
      }
    }
  }]
}`;

test('JSON: the same value kinds and exact ranges as HCL', async () => {
  const parsed = await parseTerraform('main.tf.json', JSON_TF);
  assert.deepEqual(parsed.errors, []);
  const [rg] = parsed.model.resources;
  assert.deepEqual([rg.name, at(rg.anchorRange), rg.conditional], ['rg', '6:7-6:11', true]);
  assert.ok(!rg.properties.has('//') && !rg.properties.has('count'));
  const d = prop(rg, 'description');
  assert.deepEqual([d.kind, d.kind === 'literal' && d.value, at(d.range)], ['literal', 'cost ${not} interpolated', '9:24-9:51']);
  const tls = prop(rg, 'transitEncryptionEnabled');
  assert.ok(tls.kind === 'input' && tls.input.secret && tls.input.defaultValue?.kind === 'literal' && tls.input.defaultValue.value === false);
  assert.equal(at(tls.range), '10:39-10:51');
  const atRest = prop(rg, 'atRestEncryptionEnabled');
  assert.ok(atRest.kind === 'literal' && atRest.value === true);
  const kms = prop(rg, 'kmsKeyId');
  assert.ok(kms.kind === 'resource' && kms.target === 'aws_kms_key.k' && kms.attribute === 'arn');
  // A condition with literal branches is a choice, as in HCL (issue 7).
  const ev = prop(rg, 'engineVersion');
  assert.deepEqual(ev.kind === 'choice' && [ev.condition.name, ev.then?.kind === 'literal' && ev.then.value, ev.else?.kind === 'literal' && ev.else.value], ['var.v == 1', 7, 8]);
  assert.equal(prop(rg, 'replicationGroupId').kind, 'unknown');
  assert.ok(prop(rg, 'numCacheClusters').kind === 'literal');
  assert.equal(prop(rg, 'log_delivery_configuration').kind, 'list');
});

test('JSON: invalid JSON is an error with a range, not a throw', async () => {
  const parsed = await parseTerraform('bad.tf.json', '{\n  "resource": {,}\n}\n');
  assert.equal(parsed.errors.length, 1);
  assert.match(parsed.errors[0].message, /^JSON syntax error/);
  assert.equal(at(parsed.errors[0].range), '2:16-2:17');
});

test('HCL: malformed input yields errors and whatever resources could be read', async () => {
  const text = 'resource "aws_elasticache_cluster" "ok" {\n  engine = "redis"\n}\nresource "aws_elasticache_cluster" "bad" {\n  engine = "unterminated\n}\n';
  const parsed = await parseTerraform('bad.tf', text);
  assert.ok(parsed.errors.length > 0);
  assert.match(parsed.errors[0].message, /HCL syntax error/);
  assert.equal(parsed.model.resources[0].name, 'ok');
});
