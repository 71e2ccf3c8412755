/**
 * reserved-memory-too-low in CloudFormation YAML, JSON and Terraform: `reserved-memory-percent` below 25 in a
 * Valkey/Redis OSS family (string values in CloudFormation), `reserved-memory` 0 alone (info), never Memcached,
 * never a percent beside a byte reservation; parameter and variable defaults, a tfvars value, conditions, and the
 * caches that use the group named in the message and as related locations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, roundTrip, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';
import { assertFmtClean } from '../../support/terraformFmt';

const RULE = 'reserved-memory-too-low';
const PG = 'AWS::ElastiCache::ParameterGroup';
const TF_PG = 'aws_elasticache_parameter_group';
const y = (family: string, entries: string[], head = '') => yaml(PG, [`CacheParameterGroupFamily: ${family}`, 'Description: x', 'Properties:', ...entries.map((e) => `  ${e}`)], head);
const j = (family: string, entries: Record<string, unknown>, head: Record<string, unknown> = {}) => json(PG, { CacheParameterGroupFamily: family, Description: 'x', Properties: entries }, head);
const block = (name: string, value: string) => [`parameter {`, `  name  = "${name}"`, `  value = ${value}`, `}`];
// Blank lines without indentation, as `terraform fmt` writes them.
const t = (family: string, blocks: string[][], after = '') => tf(TF_PG, [`name   = "p"`, `family = "${family}"`, ...blocks.flatMap((b) => ['', ...b])], after).replace(/^ +$/gm, '');
const PARAM = (type: string, def: string) => `Parameters:\n  Pct:\n    Type: ${type}\n${def ? `    Default: ${def}\n` : ''}`;
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';

const c = {
  y10: y('redis7', ['reserved-memory-percent: "10"']),
  yNum: y('valkey8', ['reserved-memory-percent: 5']),
  yZero: y('redis6.x', ['reserved-memory-percent: "0"']),
  yParam: y('redis7', ['reserved-memory-percent: !Ref Pct'], PARAM('String', '"10"')),
  yNumParam: y('redis7', ['reserved-memory-percent: !Ref Pct'], PARAM('Number', '20')),
  yIf: y('redis7', ['reserved-memory-percent: !If [IsProd, "25", "10"]'], COND),
  yIfSame: y('redis7', ['reserved-memory-percent: !If [IsProd, "10", "10"]'], COND),
  yIfLow: y('redis7', ['reserved-memory-percent: !If [IsProd, "20", "10"]'], COND),
  yBytes0: y('redis7', ['reserved-memory: "0"']),
  yBytes0Low: y('redis7', ['reserved-memory: "0"', 'reserved-memory-percent: "15"']),
  yUnknownFamily: y('!Ref Family', ['reserved-memory-percent: "10"'], 'Parameters:\n  Family:\n    Type: String\n'),
  j10: j('valkey7', { 'reserved-memory-percent': '10' }),
  jParam: j('redis7', { 'reserved-memory-percent': { Ref: 'Pct' } }, { Parameters: { Pct: { Type: 'String', Default: '12' } } }),
  jIf: j('redis7', { 'reserved-memory-percent': { 'Fn::If': ['IsProd', '30', '20'] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  jBytes0: j('redis7', { 'reserved-memory': '0' }),
  t10: t('redis7', [block('reserved-memory-percent', '"10"')]),
  tNum: t('valkey8', [block('reserved-memory-percent', '24')]),
  tVar: t('redis7', [block('reserved-memory-percent', 'var.pct')], 'variable "pct" {\n  type    = number\n  default = 10\n}\n'),
  tCondOpen: t('redis7', [block('reserved-memory-percent', 'var.prod ? 25 : 10')], 'variable "prod" {\n  type = bool\n}\n'),
  tCondDecided: t('redis7', [block('reserved-memory-percent', 'var.prod ? 25 : 10')], 'variable "prod" {\n  type    = bool\n  default = false\n}\n'),
  tBytes0: t('redis7', [block('reserved-memory', '0')]),
  tForEach: tf(TF_PG, ['for_each = toset(["a", "b"])', 'name     = "p-${each.key}"', 'family   = "redis7"', '', ...block('reserved-memory-percent', '"10"')]),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: exactly 25', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: "25"']) },
    { name: 'yaml: 30', path: 't.yaml', code: y('valkey8', ['reserved-memory-percent: 30']) },
    { name: 'yaml: 25.0 as a string', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: "25.0"']) },
    { name: 'yaml: a memcached family is not this rule\'s', path: 't.yaml', code: y('memcached1.6', ['reserved-memory-percent: "10"']) },
    { name: 'yaml: only maxmemory-policy set: the default 25 applies', path: 't.yaml', code: y('redis7', ['maxmemory-policy: allkeys-lru']) },
    { name: 'yaml: a group with no Properties at all', path: 't.yaml', code: yaml(PG, ['CacheParameterGroupFamily: redis7', 'Description: x']) },
    { name: 'yaml: a low percent beside a byte reservation: the bytes are in charge', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: "0"', 'reserved-memory: "1073741824"']) },
    { name: 'yaml: reserved-memory 0 with the percent written at 25', path: 't.yaml', code: y('redis7', ['reserved-memory: "0"', 'reserved-memory-percent: "25"']) },
    { name: 'yaml: reserved-memory above 0 alone', path: 't.yaml', code: y('redis7', ['reserved-memory: "536870912"']) },
    { name: 'yaml: from a parameter without default: unknown, silent', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: !Ref Pct'], PARAM('String', '')) },
    { name: 'yaml: from a parameter defaulting to 25', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: !Ref Pct'], PARAM('String', '"25"')) },
    { name: 'yaml: !If with both branches at 25 or more', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: !If [IsProd, "50", "25"]'], COND) },
    { name: 'yaml: !If with a branch leaving it unset (the default 25)', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: !If [IsProd, "30", !Ref AWS::NoValue]'], COND) },
    { name: 'yaml: a MemoryDB parameter group is not judged (the facts give no such parameter)', path: 't.yaml', code: yaml('AWS::MemoryDB::ParameterGroup', ['ParameterGroupName: m', 'Family: memorydb_redis7', 'Parameters:', '  reserved-memory-percent: "10"']) },
    { name: 'yaml: the entry on a resource type cachelint does not model', path: 't.yaml', code: yaml('AWS::RDS::DBParameterGroup', ['Family: postgres16', 'Description: x', 'Parameters:', '  reserved-memory-percent: "10"']) },
    { name: 'json: 25 exactly', path: 't.json', code: j('redis7', { 'reserved-memory-percent': '25' }) },
    { name: 'json: memcached family', path: 't.json', code: j('memcached1.6', { 'reserved-memory-percent': '5' }) },
    { name: 'tf: 25 exactly', path: 'main.tf', code: t('redis7', [block('reserved-memory-percent', '25')]) },
    { name: 'tf: 30 as a string', path: 'main.tf', code: t('valkey8', [block('reserved-memory-percent', '"30"')]) },
    { name: 'tf: memcached family', path: 'main.tf', code: t('memcached1.6', [block('reserved-memory-percent', '"10"')]) },
    { name: 'tf: volatile-lru only', path: 'main.tf', code: t('redis7', [block('maxmemory-policy', '"volatile-lru"')]) },
    { name: 'tf: a variable without default', path: 'main.tf', code: t('redis7', [block('reserved-memory-percent', 'var.pct')], 'variable "pct" {\n  type = number\n}\n') },
    { name: 'tf: reserved-memory 0 beside a dynamic block: the percent may be set there', path: 'main.tf', code: tf(TF_PG, ['name   = "p"', 'family = "redis7"', '', ...block('reserved-memory', '0'), '', 'dynamic "parameter" {', '  for_each = var.extra', '  content {', '    name  = parameter.key', '    value = parameter.value', '  }', '}']) },
  ],
  invalid: [
    { name: 'yaml: "10" as a string: at the value', path: 't.yaml', code: c.y10, errors: [at(RULE, c.y10, '"10"')], severities: ['warning'] },
    { name: 'yaml: 5 as a number on valkey8', path: 't.yaml', code: c.yNum, errors: [at(RULE, c.yNum, '5\n')] },
    { name: 'yaml: "0"', path: 't.yaml', code: c.yZero, errors: [at(RULE, c.yZero, '"0"')] },
    { name: 'yaml: a String parameter defaulting to "10"', path: 't.yaml', code: c.yParam, errors: [at(RULE, c.yParam, '!Ref Pct')], severities: ['warning'] },
    { name: 'yaml: a Number parameter defaulting to 20', path: 't.yaml', code: c.yNumParam, errors: [at(RULE, c.yNumParam, '!Ref Pct')] },
    { name: 'yaml: !If with a "10" branch: info at it', path: 't.yaml', code: c.yIf, errors: [at(RULE, c.yIf, '"10"')], severities: ['info'] },
    { name: 'yaml: !If with "10" both ways: certain, at the !If', path: 't.yaml', code: c.yIfSame, errors: [at(RULE, c.yIfSame, '!If')], severities: ['warning'] },
    { name: 'yaml: !If with "10" and "20": low either way, certain', path: 't.yaml', code: c.yIfLow, errors: [at(RULE, c.yIfLow, '!If')], severities: ['warning'] },
    { name: 'yaml: reserved-memory "0" alone: info (which parameter is in charge depends on the account)', path: 't.yaml', code: c.yBytes0, errors: [at(RULE, c.yBytes0, '"0"')], severities: ['info'] },
    { name: 'yaml: reserved-memory "0" and the percent at 15: at the percent', path: 't.yaml', code: c.yBytes0Low, errors: [at(RULE, c.yBytes0Low, '"15"')], severities: ['warning'] },
    { name: 'yaml: a family that cannot be read (only Valkey/Redis OSS have the parameter)', path: 't.yaml', code: c.yUnknownFamily, errors: [at(RULE, c.yUnknownFamily, '"10"')] },
    { name: 'json: "10" on valkey7', path: 't.json', code: c.j10, errors: [at(RULE, c.j10, '"10"')] },
    { name: 'json: {"Ref"} to a parameter defaulting to "12"', path: 't.json', code: c.jParam, errors: [at(RULE, c.jParam, '"reserved-memory-percent": ', 27)] },
    { name: 'json: Fn::If with a "20" branch: info', path: 't.json', code: c.jIf, errors: [at(RULE, c.jIf, '"20"')], severities: ['info'] },
    { name: 'json: reserved-memory "0" alone: info', path: 't.json', code: c.jBytes0, errors: [at(RULE, c.jBytes0, '"0"')], severities: ['info'] },
    { name: 'tf: "10"', path: 'main.tf', code: c.t10, errors: [at(RULE, c.t10, '"10"')], severities: ['warning'] },
    { name: 'tf: 24 on valkey8', path: 'main.tf', code: c.tNum, errors: [at(RULE, c.tNum, '24')] },
    { name: 'tf: a variable defaulting to 10', path: 'main.tf', code: c.tVar, errors: [at(RULE, c.tVar, 'var.pct')] },
    { name: 'tf: a conditional on a variable without default: info at the 10', path: 'main.tf', code: c.tCondOpen, errors: [at(RULE, c.tCondOpen, '10\n')], severities: ['info'] },
    { name: 'tf: a conditional decided by the variable\'s default', path: 'main.tf', code: c.tCondDecided, errors: [at(RULE, c.tCondDecided, 'var.prod ?')], severities: ['warning'] },
    { name: 'tf: reserved-memory 0 alone: info', path: 'main.tf', code: c.tBytes0, errors: [at(RULE, c.tBytes0, '0\n')], severities: ['info'] },
    { name: 'tf: for_each: one resource, reported once', path: 'main.tf', code: c.tForEach, errors: [at(RULE, c.tForEach, '"10"')] },
  ],
});

const TWO_CACHES = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Params:
    Type: AWS::ElastiCache::ParameterGroup
    Properties:
      CacheParameterGroupFamily: valkey8
      Description: x
      Properties:
        reserved-memory-percent: "10"
  Sessions:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: s
      CacheParameterGroupName: !Ref Params
  Queue:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: valkey
      CacheNodeType: cache.t4g.small
      NumCacheNodes: 1
      CacheParameterGroupName: !Ref Params
`;

test('messages name the group, the value as written, the default, the consequence and the caches using it', async () => {
  const [one] = (await findings('t.yaml', c.y10, RULE)).findings;
  assert.equal(one.message, "Parameter group 'Cache' reserves only 10% of each node's memory for non-data use: reserved-memory-percent is \"10\", below the default of 25, so backups, replica syncs and failovers can run out of memory under write load, then fail or swap.");
  const r = await findings('t.yaml', TWO_CACHES, RULE);
  assert.deepEqual(summarize(r), [at(RULE, TWO_CACHES, '"10"')]);
  const [two] = r.findings;
  assert.match(two.message, /^Parameter group 'Params' reserves only 10% of each node's memory for non-data use \(used by replication group 'Sessions' and cache cluster 'Queue'\): /);
  assert.deepEqual(two.related?.map((x) => [x.path, x.range.start.line + 1, x.range.start.character + 1, x.message]), [
    ['t.yaml', 14, 32, "Replication group 'Sessions' uses this parameter group"],
    ['t.yaml', 21, 32, "Cache cluster 'Queue' uses this parameter group"],
  ]);
  const [b] = (await findings('t.yaml', c.yIf, RULE)).findings;
  assert.equal(b.message, "Parameter group 'Cache' may reserve only 10% of each node's memory for non-data use: reserved-memory-percent is \"10\" when IsProd is false, so on that branch backups, replica syncs and failovers can run out of memory under write load, then fail or swap.");
  assert.deepEqual(b.fixes, []);
  const [bytes] = (await findings('main.tf', c.tBytes0, RULE)).findings;
  assert.match(bytes.message, /^Parameter group 'cache' may reserve no memory for non-data use: reserved-memory is "0" and reserved-memory-percent is not set, which reserves nothing on accounts that started before 2017-03-16/);
  const [low] = (await findings('t.yaml', c.yIfLow, RULE)).findings;
  assert.match(low.message, /^Parameter group 'Cache' reserves less than 25% of each node's memory for non-data use: reserved-memory-percent is "20" when IsProd is true and "10" when it is false, below the default of 25/);
  const [p] = (await findings('t.yaml', c.yParam, RULE)).findings;
  assert.match(p.message, /reserved-memory-percent comes from 'Pct', whose default is "10"/);
});

test('a Terraform module: the caches in main.tf, the group in params.tf, the value from terraform.tfvars', async () => {
  const files = {
    'params.tf': t('redis7', [block('reserved-memory-percent', 'var.pct')]),
    'variables.tf': 'variable "pct" {\n  type    = number\n  default = 25\n}\n',
    'main.tf': 'resource "aws_elasticache_replication_group" "a" {\n  replication_group_id = "a"\n  description          = "a"\n  parameter_group_name = aws_elasticache_parameter_group.cache.name\n}\n\nresource "aws_elasticache_replication_group" "b" {\n  replication_group_id = "b"\n  description          = "b"\n  parameter_group_name = "p"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'params.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'pct = 10\n' }, 'params.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['params.tf'], 'var.pct')]);
  const [f] = r.findings;
  assert.match(f.message, /\(used by replication group 'a' and replication group 'b'\): reserved-memory-percent comes from 'pct', set to "10" in terraform\.tfvars/);
  assert.deepEqual(f.related?.map((x) => [x.path, x.range.start.line + 1, x.range.start.character + 1]), [
    ['mod/terraform.tfvars', 1, 7], ['mod/main.tf', 4, 26], ['mod/main.tf', 10, 26],
  ]);
  // The other way round: a low default that terraform.tfvars raises.
  const raised = { ...files, 'variables.tf': files['variables.tf'].replace('default = 25', 'default = 10'), 'terraform.tfvars': 'pct = 25\n' };
  assert.deepEqual(summarize(await inModule(raised, 'params.tf', RULE)), []);
});

test('fixes: the parameter or variable default to 25, each applied, re-parsed, the finding gone', async () => {
  await roundTrip('t.yaml', c.yParam, RULE, "Change the default of parameter 'Pct' to \"25\"", /    Default: "25"\n/);
  await roundTrip('t.yaml', c.yNumParam, RULE, "Change the default of parameter 'Pct' to \"25\"", /    Default: 25\n/);
  await roundTrip('t.json', c.jParam, RULE, "Change the default of parameter 'Pct' to \"25\"", /"Default": "25"/);
  await roundTrip('main.tf', c.tVar, RULE, "Change the default of variable 'pct' to \"25\"", /  default = 25\n/);
});

test('every fix offered applies cleanly (a builder that cannot place an entry offers none)', async () => {
  for (const [file, code] of [['t.yaml', c.y10], ['t.yaml', c.yBytes0], ['t.yaml', c.yBytes0Low], ['t.json', c.j10], ['t.json', c.jBytes0], ['main.tf', c.t10], ['main.tf', c.tBytes0], ['main.tf', c.tCondDecided]] as const) {
    const [f] = (await findings(file, code, RULE)).findings;
    for (const fix of f.fixes) await roundTrip(file, code, RULE, fix.title, /reserved-memory/);
  }
});

test('flow-style YAML and Terraform JSON', async () => {
  const flow = 'Resources:\n  Params:\n    Type: AWS::ElastiCache::ParameterGroup\n    Properties: {CacheParameterGroupFamily: redis7, Description: x, Properties: {reserved-memory-percent: "10", maxmemory-policy: allkeys-lru}}\n';
  assert.deepEqual(summarize(await findings('t.yaml', flow, RULE)), [at(RULE, flow, '"10"')]);
  const tfJson = JSON.stringify({ resource: { aws_elasticache_parameter_group: { p: { name: 'p', family: 'valkey8', parameter: [{ name: 'reserved-memory-percent', value: '10' }, { name: 'maxmemory-policy', value: 'volatile-lru' }] } } } }, null, 2) + '\n';
  assert.deepEqual(summarize(await findings('main.tf.json', tfJson, RULE)), [at(RULE, tfJson, '"10"')]);
  const ok = tfJson.replace('"10"', '"25"');
  assert.deepEqual(summarize(await findings('main.tf.json', ok, RULE)), []);
});

test('fixes: reserved-memory-percent set to "25" in each format, applied, re-parsed, the finding gone', async (t) => {
  const title = 'Set reserved-memory-percent to "25"';
  await roundTrip('t.yaml', c.y10, RULE, title, /        reserved-memory-percent: "25"\n/);
  await roundTrip('t.yaml', c.yNum, RULE, title, /        reserved-memory-percent: "?25"?\n/);
  await roundTrip('t.yaml', c.yParam, RULE, title, /        reserved-memory-percent: "25"\n/);
  // reserved-memory 0 alone: the percent is added beside it, which settles which parameter is in charge.
  await roundTrip('t.yaml', c.yBytes0, RULE, title, /        reserved-memory: "0"\n        reserved-memory-percent: "25"\n/);
  await roundTrip('t.json', c.j10, RULE, title, /"reserved-memory-percent": "25"/);
  await roundTrip('t.json', c.jBytes0, RULE, title, /"reserved-memory": "0",\n\s+"reserved-memory-percent": "25"/);
  for (const code of [c.t10, c.tNum, c.tVar, c.tBytes0, c.tCondDecided]) {
    const fixed = await roundTrip('main.tf', code, RULE, title, /name  = "reserved-memory-percent"\n\s+value = "?25"?\n/);
    assertFmtClean(fixed, t);
  }
  const tfJson = JSON.stringify({ resource: { aws_elasticache_parameter_group: { p: { name: 'p', family: 'valkey8', parameter: [{ name: 'reserved-memory-percent', value: '10' }] } } } }, null, 2) + '\n';
  await roundTrip('main.tf.json', tfJson, RULE, title, /"value": "25"/);
  const flow = 'Resources:\n  Params:\n    Type: AWS::ElastiCache::ParameterGroup\n    Properties: {CacheParameterGroupFamily: redis7, Description: x, Properties: {reserved-memory-percent: "10"}}  # tuned\n';
  await roundTrip('t.yaml', flow, RULE, title, /reserved-memory-percent: "25"\}\}  # tuned\n$/);
});

test('the fixes offered: the entry, plus the default of an input declared in the file; none on a branch', async () => {
  const titles = async (file: string, code: string) => (await findings(file, code, RULE)).findings[0].fixes.map((f) => f.title);
  assert.deepEqual(await titles('t.yaml', c.y10), ['Set reserved-memory-percent to "25"']);
  assert.deepEqual(await titles('t.yaml', c.yParam), ['Set reserved-memory-percent to "25"', "Change the default of parameter 'Pct' to \"25\""]);
  assert.deepEqual(await titles('main.tf', c.tVar), ['Set reserved-memory-percent to "25"', "Change the default of variable 'pct' to \"25\""]);
  assert.deepEqual(await titles('main.tf', c.tBytes0), ['Set reserved-memory-percent to "25"']);
  assert.deepEqual(await titles('t.yaml', c.yIf), []);
  assert.deepEqual(await titles('main.tf', c.tCondOpen), []);
});
