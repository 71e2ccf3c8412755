/**
 * AWS provider v3's `cluster_mode { replicas_per_node_group, num_node_groups }` block on a replication group (v4
 * deprecated it for the flat arguments, v5 reused the name for a string) reads as the flat arguments, so the
 * availability rules see its replicas; a fix that changes them edits them inside the block, where they are written.
 * Built from an example whose two-shard group with a replica each got no multi-az-disabled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheShape } from '../../../server/src/model/cacheShape';
import { at as rangeAt, parseTerraform } from './parse';
import { at, findings, roundTrip } from '../rules/iac-support';
import { summarize } from '../../support/analyze';

function group(lines: string[], after = ''): string {
  return [
    'resource "aws_elasticache_replication_group" "default" {',
    '  replication_group_id          = "sessions"',
    '  replication_group_description = "sessions"',
    '  node_type                     = "cache.r7g.large"',
    '  parameter_group_name          = "default.redis7.cluster.on"',
    ...lines.map((l) => `  ${l}`),
    '}',
    after,
  ].join('\n');
}

const BLOCK = (replicas: string, shards = '"${var.node_groups}"') => ['cluster_mode {', `  replicas_per_node_group = ${replicas}`, `  num_node_groups         = ${shards}`, '}'];
const SHARDS = 'variable "node_groups" {\n  default = 2\n}\n';

test('HCL and JSON: the block\'s arguments are the flat ones, placed inside the block; a flat one written too wins', async () => {
  const code = group(['automatic_failover_enabled    = true', ...BLOCK('1')], SHARDS);
  const [r] = (await parseTerraform('main.tf', code)).model.resources;
  const replicas = r.properties.get('replicasPerNodeGroup')!;
  assert.deepEqual([replicas.value.kind === 'literal' && replicas.value.value, rangeAt(replicas.keyRange), rangeAt(replicas.value.range)], [1, '8:5-8:28', '8:31-8:32']);
  assert.equal(r.properties.get('numNodeGroups')!.value.kind, 'input');
  assert.equal(r.properties.get('clusterMode')!.value.kind, 'object', 'the block itself stays');

  const flat = group(['replicas_per_node_group       = 2', ...BLOCK('1', '3')]);
  const [f] = (await parseTerraform('main.tf', flat)).model.resources;
  const v = f.properties.get('replicasPerNodeGroup')!.value;
  assert.deepEqual([v.kind === 'literal' && v.value, rangeAt(v.range)], [2, '6:35-6:36']);

  // v5: the string, nothing to lift.
  const [s] = (await parseTerraform('main.tf', group(['cluster_mode                  = "enabled"']))).model.resources;
  assert.equal(s.properties.has('replicasPerNodeGroup'), false);

  const json = JSON.stringify({ resource: { aws_elasticache_replication_group: { default: { replication_group_description: 'x', cluster_mode: [{ replicas_per_node_group: 1, num_node_groups: 2 }] } } } }, null, 2);
  const parsed = await parseTerraform('main.tf.json', json);
  const [j] = parsed.model.resources;
  assert.deepEqual(cacheShape(parsed.model, j).shards, 2);
  assert.deepEqual(cacheShape(parsed.model, j).replicasPerShard, 1);
});

test('multi-az-disabled: a replica per shard written in cluster_mode { } is found; none is silent', async () => {
  const code = group(['automatic_failover_enabled    = true', ...BLOCK('1')], SHARDS);
  assert.deepEqual(summarize(await findings('main.tf', code, 'multi-az-disabled')), [at('multi-az-disabled', code, '"aws_elasticache_replication_group" "default"')]);
  const none = group(['automatic_failover_enabled    = true', ...BLOCK('0')], SHARDS);
  assert.deepEqual(summarize(await findings('main.tf', none, 'multi-az-disabled')), []);
  const json = JSON.stringify({
    resource: { aws_elasticache_replication_group: { default: { replication_group_description: 'x', automatic_failover_enabled: true, cluster_mode: [{ replicas_per_node_group: 1, num_node_groups: 2 }] } } },
  }, null, 2);
  assert.deepEqual(summarize(await findings('main.tf.json', json, 'multi-az-disabled')), [at('multi-az-disabled', json, '"default"')]);
});

test('automatic-failover-disabled: no replica in cluster_mode { }: the fix sets it inside the block, never beside it', async () => {
  const code = group(['automatic_failover_enabled    = false', ...BLOCK('0', '2')]);
  const r = await findings('main.tf', code, 'automatic-failover-disabled');
  assert.deepEqual(summarize(r), [at('automatic-failover-disabled', code, '= 0', 2)]);
  assert.match(r.findings[0].message, /replicas_per_node_group is 0/);
  const fixed = await roundTrip('main.tf', code, 'automatic-failover-disabled', 'Set automatic_failover_enabled to true and replicas_per_node_group to 1',
    /automatic_failover_enabled    = true\n  cluster_mode \{\n    replicas_per_node_group = 1\n/);
  assert.equal(fixed.match(/replicas_per_node_group/g)!.length, 1);

  const json = JSON.stringify({
    resource: { aws_elasticache_replication_group: { default: { replication_group_description: 'x', automatic_failover_enabled: false, cluster_mode: [{ replicas_per_node_group: 0, num_node_groups: 2 }] } } },
  }, null, 2);
  const fixedJson = await roundTrip('main.tf.json', json, 'automatic-failover-disabled', 'Set automatic_failover_enabled to true and replicas_per_node_group to 1', /"replicas_per_node_group": 1/);
  assert.equal(fixedJson.match(/replicas_per_node_group/g)!.length, 1);
  assert.equal(JSON.parse(fixedJson).resource.aws_elasticache_replication_group.default.automatic_failover_enabled, true);
});
