/**
 * Terraform 0.11 wrote references as strings that are one interpolation (`"${aws_security_group.sg.id}"`). Terraform
 * yields such a template's value unconverted, so it must read as the bare expression: a resource reference, an
 * input, a choice. Text around the interpolation keeps it a string we cannot know. Built from a memcached example
 * whose open security group was attached by `["${aws_security_group.default.id}"]` and went unreported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IacResource, IacValue } from '../../../server/src/model/iac';
import { at as rangeAt, parseTerraform } from './parse';
import { at, findings } from '../rules/iac-support';
import { summarize } from '../../support/analyze';

const VALUES = `variable "nodes" {
  default = 2
}
resource "aws_elasticache_cluster" "c" {
  security_group_ids   = ["\${aws_security_group.default.id}", "sg-\${var.suffix}"]
  subnet_group_name    = "\${aws_elasticache_subnet_group.default.name}"
  num_cache_nodes      = "\${var.nodes}"
  cluster_id           = "\${ var.nodes }-x"
  parameter_group_name = "\${aws_elasticache_parameter_group.p.0.name}"
  engine_version       = "\${var.old ? "1.6.22" : "1.6.17"}"
  node_type            = "\${var.nodes} "
}
`;

function prop(r: IacResource, name: string): IacValue {
  const p = r.properties.get(name);
  assert.ok(p, `property ${name}`);
  return p.value;
}

test('HCL: a string that is one interpolation reads as the expression inside, placed at the whole string', async () => {
  const parsed = await parseTerraform('main.tf', VALUES);
  assert.deepEqual(parsed.errors, []);
  const [c] = parsed.model.resources;
  const groups = prop(c, 'security_group_ids');
  assert.equal(groups.kind, 'list');
  const [sg, templated] = groups.kind === 'list' ? groups.items : [];
  assert.deepEqual(sg, { kind: 'resource', target: 'aws_security_group.default', attribute: 'id', range: sg.range });
  assert.equal(rangeAt(sg.range), '5:27-5:61');
  assert.equal(templated.kind, 'unknown', 'text around the interpolation keeps it a string');

  const subnet = prop(c, 'subnet_group_name');
  assert.deepEqual([subnet.kind, subnet.kind === 'resource' && subnet.target, subnet.kind === 'resource' && subnet.attribute, rangeAt(subnet.range)],
    ['resource', 'aws_elasticache_subnet_group.default', 'name', '6:26-6:72']);

  const nodes = prop(c, 'num_cache_nodes');
  assert.equal(nodes.kind, 'input');
  assert.equal(nodes.kind === 'input' && nodes.input.name, 'nodes');
  assert.equal(nodes.kind === 'input' && nodes.input.defaultValue?.kind, 'literal');

  assert.equal(prop(c, 'cluster_id').kind, 'unknown');
  // The legacy `.0` index is left to the tree, which reads it as the bare traversal does.
  const pg = prop(c, 'parameter_group_name');
  assert.deepEqual([pg.kind, pg.kind === 'resource' && pg.target], ['resource', 'aws_elasticache_parameter_group.p']);
  const version = prop(c, 'engine_version');
  assert.equal(version.kind, 'choice');
  assert.equal(version.kind === 'choice' && version.text, '"${var.old ? "1.6.22" : "1.6.17"}"');
  // The grammar drops a literal of only spaces; the string is still a string.
  assert.equal(prop(c, 'node_type').kind, 'unknown');
});

/** A memcached cluster behind a group open on every protocol, attached the 0.11 way. */
function memcache(attach: string, subnet = '"${aws_elasticache_subnet_group.default.name}"'): string {
  return [
    'resource "aws_security_group" "default" {',
    '  name_prefix = "${var.namespace}"',
    '  ingress {',
    '    from_port   = 0',
    '    to_port     = 0',
    '    protocol    = "-1"',
    '    cidr_blocks = ["0.0.0.0/0"]',
    '  }',
    '}',
    'resource "aws_security_group" "closed" {',
    '  ingress {',
    '    from_port   = 11211',
    '    to_port     = 11211',
    '    protocol    = "tcp"',
    '    cidr_blocks = ["10.0.0.0/16"]',
    '  }',
    '}',
    'resource "aws_elasticache_subnet_group" "default" {',
    '  name       = "${var.namespace}-cache"',
    '  subnet_ids = ["${aws_subnet.default.*.id}"]',
    '}',
    'resource "aws_elasticache_cluster" "default" {',
    '  cluster_id         = "${var.cluster_id}"',
    '  engine             = "memcached"',
    '  node_type          = "cache.m5.large"',
    '  num_cache_nodes    = 2',
    `  subnet_group_name  = ${subnet}`,
    `  security_group_ids = ${attach}`,
    '}',
    '',
  ].join('\n');
}

test('public-ingress: a group attached by ["${aws_security_group.x.id}"] has the cache behind it', async () => {
  const code = memcache('["${aws_security_group.default.id}"]');
  assert.deepEqual(summarize(await findings('main.tf', code, 'public-ingress')), [at('public-ingress', code, '"0.0.0.0/0"')]);
  const single = memcache('"${aws_security_group.default.id}"');
  assert.deepEqual(summarize(await findings('main.tf', single, 'public-ingress')), [at('public-ingress', single, '"0.0.0.0/0"')]);
});

test('public-ingress: look-alikes stay silent (another group, a templated id)', async () => {
  for (const attach of ['["${aws_security_group.closed.id}"]', '["sg-${aws_security_group.default.id}"]']) {
    const code = memcache(attach);
    assert.deepEqual(summarize(await findings('main.tf', code, 'public-ingress')), [], attach);
  }
});

test('default-subnet-group: "${var.group}" reads the variable; "${aws_…subnet_group.x.name}" is a subnet group', async () => {
  const open = memcache('["${aws_security_group.closed.id}"]', '"${var.group}"') + 'variable "group" {\n  default = "default"\n}\n';
  assert.deepEqual(summarize(await findings('main.tf', open, 'default-subnet-group')), [at('default-subnet-group', open, '"${var.group}"')]);
  for (const subnet of ['"${aws_elasticache_subnet_group.default.name}"', '"${var.group}-x"']) {
    const code = memcache('["${aws_security_group.closed.id}"]', subnet) + 'variable "group" {\n  default = "default"\n}\n';
    assert.deepEqual(summarize(await findings('main.tf', code, 'default-subnet-group')), [], subnet);
  }
});
