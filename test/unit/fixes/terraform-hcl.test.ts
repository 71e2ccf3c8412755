/**
 * The new fix intents on HCL: nested blocks created or walked (the n-th of a repeated one), list items, parameter
 * blocks, `sensitive`, new variables and resources; the exact text, re-parsed without errors, `terraform fmt`-clean.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFmtClean } from '../../support/terraformFmt';
import type { InputRef } from '../../../server/src/model/iac';
import { applyEdits } from '../../support/analyze';
import { applyIntent, lines, parse, resource } from './support';

const PATH = 'main.tf';
const expr = (terraform: string) => ({ expression: { cloudformation: '!Ref X', terraform } });

const VARIABLE = lines('variable "token" {', '  type    = string', '  default = "abc" # old', '}', '');
const CACHE = lines('resource "aws_elasticache_serverless_cache" "c" {', '  name   = "c"', '  engine = "valkey" # the engine', '}', '');
const SG = lines(
  'resource "aws_security_group" "sg" {',
  '  name = "sg"',
  '',
  '  ingress {',
  '    protocol    = "tcp"',
  '    cidr_blocks = ["0.0.0.0/0", "10.0.0.0/8"]',
  '  }',
  '',
  '  ingress {',
  '    protocol    = "tcp"',
  '    cidr_blocks = ["0.0.0.0/0"]',
  '  }',
  '}',
  '',
);
const PARAMS = lines(
  'resource "aws_elasticache_parameter_group" "p" {',
  '  family = "valkey8"',
  '  name   = "p"',
  '',
  '  parameter {',
  '    name  = "maxmemory-policy"',
  '    value = "noeviction"',
  '  }',
  '}',
  '',
);
const RG = lines('resource "aws_elasticache_replication_group" "rg" {', '  description = "x"', '  auth_token  = var.token', '}');
const TEXT = VARIABLE + CACHE + SG + PARAMS + RG;

test('setAt creates nested blocks, two spaces a level', async (t) => {
  const out = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setAt', resource: resource(m, 'c'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(out, TEXT.replace('  engine = "valkey" # the engine\n', '  engine = "valkey" # the engine\n  cache_usage_limits {\n    data_storage {\n      maximum = 5\n    }\n  }\n'));
  assertFmtClean(out!, t);
  const max = await parse(PATH, out!);
  const limits = resource(max.model, 'c').properties.get('cacheUsageLimits')!.value;
  assert.ok(limits.kind === 'object' && limits.entries.get('dataStorage')?.value.kind === 'object');
  // Into the block that is now there, realigned with its sibling.
  const more = await applyIntent(PATH, out!.replace('      maximum = 5', '      maximum = 5\n      unit = "GB"').replace('unit = "GB"', 'unit    = "GB"'), (m) => ({ kind: 'setAt', resource: resource(m, 'c'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 10 }));
  assert.match(more!, /maximum = 10\n {6}unit {4}= "GB"/);
});

test('setAt into an existing nested block aligns with its attributes', async (t) => {
  const text = CACHE.replace('  engine = "valkey" # the engine\n', '  engine = "valkey" # the engine\n\n  cache_usage_limits {\n    data_storage {\n      unit = "GB"\n    }\n  }\n');
  const out = await applyIntent(PATH, text, (m) => ({ kind: 'setAt', resource: resource(m, 'c'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(out, text.replace('      unit = "GB"\n', '      unit    = "GB"\n      maximum = 5\n'));
  assertFmtClean(out!, t);
});

test('setAt on item 0 of a list attribute of the n-th repeated block; a missing index or a dynamic block gets none', async (t) => {
  const first = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setAt', resource: resource(m, 'sg'), path: ['ingress', 0, 'cidrIpv4', 0], value: expr('var.cidr') }));
  assert.equal(first, TEXT.replace('["0.0.0.0/0", "10.0.0.0/8"]', '[var.cidr, "10.0.0.0/8"]'));
  assertFmtClean(first!, t);
  const second = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setAt', resource: resource(m, 'sg'), path: ['ingress', 1, 'cidrIpv4', 0], value: '10.1.0.0/16' }));
  assert.equal(second, TEXT.replace('cidr_blocks = ["0.0.0.0/0"]', 'cidr_blocks = ["10.1.0.0/16"]'));
  for (const path of [['ingress', 2, 'cidrIpv4', 0], ['ingress', 0, 'cidrIpv4', 2], ['ingress', 'cidrIpv4', 0]]) {
    assert.equal(await applyIntent(PATH, TEXT, (m) => ({ kind: 'setAt', resource: resource(m, 'sg'), path, value: 'x' })), undefined, path.join('.'));
  }
  const dynamic = TEXT.replace('  ingress {\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n', '  dynamic "ingress" {\n    for_each = var.rules\n    content {\n      protocol = "tcp"\n    }\n  }\n');
  assert.equal(await applyIntent(PATH, dynamic, (m) => ({ kind: 'setAt', resource: resource(m, 'sg'), path: ['ingress', 0, 'cidrIpv4', 0], value: 'x' })), undefined);
});

test('setParameter replaces the matching block\'s value or adds a block after the last one', async (t) => {
  const replaced = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setParameter', resource: resource(m, 'p'), name: 'maxmemory-policy', value: 'allkeys-lru' }));
  assert.equal(replaced, TEXT.replace('"noeviction"', '"allkeys-lru"'));
  const added = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setParameter', resource: resource(m, 'p'), name: 'reserved-memory-percent', value: '25' }));
  assert.equal(added, TEXT.replace('    value = "noeviction"\n  }\n', '    value = "noeviction"\n  }\n  parameter {\n    name  = "reserved-memory-percent"\n    value = "25"\n  }\n'));
  assertFmtClean(added!, t);
  const none = lines('resource "aws_memorydb_parameter_group" "m" {', '  name   = "m"', '  family = "memorydb_valkey7"', '}');
  const first = await applyIntent(PATH, none, (m) => ({ kind: 'setParameter', resource: resource(m, 'm'), name: 'activedefrag', value: 'yes' }));
  assert.equal(first, lines('resource "aws_memorydb_parameter_group" "m" {', '  name   = "m"', '  family = "memorydb_valkey7"', '  parameter {', '    name  = "activedefrag"', '    value = "yes"', '  }', '}'));
  assertFmtClean(first!, t);
  const computed = TEXT.replace('name  = "maxmemory-policy"', 'name  = var.policy_name');
  assert.equal(await applyIntent(PATH, computed, (m) => ({ kind: 'setParameter', resource: resource(m, 'p'), name: 'x', value: '1' })), undefined, 'a computed name could be the one');
});

function tokenOf(model: Awaited<ReturnType<typeof parse>>['model']): InputRef {
  const v = resource(model, 'rg').properties.get('authToken')!.value;
  assert.ok(v.kind === 'input');
  return v.input;
}

test('markInputSecret: sensitive added aligned; with dropDefault it takes the default\'s line, comment and all', async (t) => {
  const kept = await applyIntent(PATH, TEXT, (m) => ({ kind: 'markInputSecret', input: tokenOf(m) }));
  assert.equal(kept, TEXT.replace(VARIABLE, lines('variable "token" {', '  type      = string', '  default   = "abc" # old', '  sensitive = true', '}', '')));
  assertFmtClean(kept!, t);
  const dropped = await applyIntent(PATH, TEXT, (m) => ({ kind: 'markInputSecret', input: tokenOf(m), dropDefault: true }));
  assert.equal(dropped, TEXT.replace(VARIABLE, lines('variable "token" {', '  type      = string', '  sensitive = true', '}', '')));
  assertFmtClean(dropped!, t);
  const after = await parse(PATH, dropped!);
  assert.equal(tokenOf(after.model).secret, true);
  assert.equal(await applyIntent(PATH, dropped!, (m) => ({ kind: 'markInputSecret', input: tokenOf(m) })), undefined, 'nothing left to do');
  assert.equal(await applyIntent(PATH, TEXT, (m) => ({ kind: 'markInputSecret', input: { ...tokenOf(m), path: 'variables.tf' } })), undefined, 'declared in another file');
});

test('addInput after the last variable, or before the first resource', async (t) => {
  const intent = { kind: 'addInput', name: 'cidr', type: { cloudformation: 'String', terraform: 'list(string)' }, description: 'Allowed ranges', secret: true } as const;
  const out = await applyIntent(PATH, TEXT, () => intent);
  assert.equal(out, TEXT.replace(VARIABLE, VARIABLE.replace('}\n', '}\n\nvariable "cidr" {\n  type        = list(string)\n  description = "Allowed ranges"\n  sensitive   = true\n}\n')));
  assertFmtClean(out!, t);
  const bare = '# the cache\n' + CACHE;
  const first = await applyIntent(PATH, bare, () => ({ ...intent, secret: false }));
  assert.equal(first, 'variable "cidr" {\n  type        = list(string)\n  description = "Allowed ranges"\n}\n\n' + bare);
  assertFmtClean(first!, t);
  assert.equal(await applyIntent(PATH, TEXT, () => ({ ...intent, name: 'token' })), undefined, 'declared already');
});

test('addResource after a resource, and all: the subnet group and the cache pointing at it', async (t) => {
  const out = await applyIntent(PATH, TEXT, (m) => ({ kind: 'all', intents: [
    { kind: 'addResource', after: resource(m, 'rg'), resourceKind: 'subnetGroup', name: 'cache', properties: [
      { property: 'name', value: 'cache-subnets' }, { property: 'subnetIds', value: expr('var.subnet_ids') },
    ] },
    { kind: 'setPropertyExpression', resource: resource(m, 'rg'), property: 'subnetGroupName', expression: { cloudformation: '', terraform: 'aws_elasticache_subnet_group.cache.name' } },
  ] }));
  assert.equal(out, TEXT.replace(RG, lines(
    'resource "aws_elasticache_replication_group" "rg" {',
    '  description       = "x"',
    '  auth_token        = var.token',
    '  subnet_group_name = aws_elasticache_subnet_group.cache.name',
    '}',
    '',
    'resource "aws_elasticache_subnet_group" "cache" {',
    '  name       = "cache-subnets"',
    '  subnet_ids = var.subnet_ids',
    '}',
  )));
  assertFmtClean(out!, t);
  assert.equal(await applyIntent(PATH, TEXT, (m) => ({ kind: 'addResource', after: resource(m, 'rg'), resourceKind: 'parameterGroup', name: 'p', properties: [] })), undefined, 'the address is taken');
});

test('a module-built resource: setAt writes the module\'s input name; deeper paths and parameters get none', async (t) => {
  // Built by hand: a resource block standing for a module block, with the module's spelling of nodeType.
  const text = lines('resource "aws_elasticache_replication_group" "rg" {', '  description = "x"', '}');
  const parsed = await parse(PATH, text);
  const rg = resource(parsed.model, 'rg');
  rg.module = { source: 'terraform-aws-modules/elasticache/aws', inputNames: new Map([['nodeType', 'instance_type']]) };
  const edits = parsed.buildEdits({ kind: 'setAt', resource: rg, path: ['nodeType'], value: 'cache.r7g.large' });
  assert.ok(edits);
  const out = applyEdits(text, edits);
  assert.equal(out, lines('resource "aws_elasticache_replication_group" "rg" {', '  description   = "x"', '  instance_type = "cache.r7g.large"', '}'));
  assertFmtClean(out, t);
  assert.equal(parsed.buildEdits({ kind: 'setAt', resource: rg, path: ['port'], value: 6380 }), undefined, 'no input for it');
  assert.equal(parsed.buildEdits({ kind: 'setAt', resource: rg, path: ['logDeliveryConfiguration', 0, 'logType'], value: 'slow-log' }), undefined);
  const group = await parse(PATH, PARAMS);
  const p = resource(group.model, 'p');
  p.module = { source: 'x', inputNames: new Map() };
  assert.equal(group.buildEdits({ kind: 'setParameter', resource: p, name: 'a', value: '1' }), undefined);
});
