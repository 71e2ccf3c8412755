/**
 * eviction-policy-risky in CloudFormation YAML, JSON and Terraform: `noeviction` on an ElastiCache parameter group,
 * `allkeys-*` on a MemoryDB one; never the default volatile-lru, a volatile-* policy, noeviction on MemoryDB or
 * allkeys-* on ElastiCache (a cache evicting any key is what a cache does), never Memcached. Always an info: the
 * files do not say whether the group backs a cache or a store of record. No fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from './table';
import { at, findings, inModule, json, tf, yaml } from './iac-support';
import { summarize } from '../../support/analyze';

const RULE = 'eviction-policy-risky';
const PG = 'AWS::ElastiCache::ParameterGroup';
const MPG = 'AWS::MemoryDB::ParameterGroup';
const y = (family: string, entries: string[], head = '') => yaml(PG, [`CacheParameterGroupFamily: ${family}`, 'Description: x', 'Properties:', ...entries.map((e) => `  ${e}`)], head);
const ym = (family: string, entries: string[], head = '') => yaml(MPG, ['ParameterGroupName: m', `Family: ${family}`, 'Parameters:', ...entries.map((e) => `  ${e}`)], head);
const j = (family: string, entries: Record<string, unknown>, head: Record<string, unknown> = {}) => json(PG, { CacheParameterGroupFamily: family, Description: 'x', Properties: entries }, head);
const jm = (family: string, entries: Record<string, unknown>) => json(MPG, { ParameterGroupName: 'm', Family: family, Parameters: entries });
const block = (value: string) => ['', 'parameter {', '  name  = "maxmemory-policy"', `  value = ${value}`, '}'];
const t = (family: string, value: string, after = '') => tf('aws_elasticache_parameter_group', ['name   = "p"', `family = "${family}"`, ...block(value)], after);
const tm = (family: string, value: string, after = '') => tf('aws_memorydb_parameter_group', ['name   = "m"', `family = "${family}"`, ...block(value)], after);
const COND = 'Conditions:\n  IsCache: !Equals [!Ref AWS::StackName, cache]\n';

const c = {
  yNo: y('redis7', ['maxmemory-policy: noeviction']),
  yNoQuoted: y('valkey8', ['maxmemory-policy: "noeviction"']),
  yParam: y('redis7', ['maxmemory-policy: !Ref Policy'], 'Parameters:\n  Policy:\n    Type: String\n    Default: noeviction\n'),
  yIf: y('redis7', ['maxmemory-policy: !If [IsCache, volatile-lru, noeviction]'], COND),
  ymAll: ym('memorydb_redis7', ['maxmemory-policy: allkeys-lru']),
  ymLfu: ym('memorydb_valkey7', ['maxmemory-policy: allkeys-lfu']),
  jNo: j('redis6.x', { 'maxmemory-policy': 'noeviction' }),
  jmRandom: jm('memorydb_redis6', { 'maxmemory-policy': 'allkeys-random' }),
  jIf: j('redis7', { 'maxmemory-policy': { 'Fn::If': ['IsCache', 'allkeys-lru', 'noeviction'] } }, { Conditions: { IsCache: { 'Fn::Equals': ['a', 'b'] } } }),
  tNo: t('redis7', '"noeviction"'),
  tVar: t('valkey8', 'var.policy', 'variable "policy" {\n  type    = string\n  default = "noeviction"\n}\n'),
  tCond: t('redis7', 'var.durable ? "noeviction" : "allkeys-lru"', 'variable "durable" {\n  type = bool\n}\n'),
  tmAll: tm('memorydb_redis7', '"allkeys-lru"'),
  tmUpper: tm('memorydb_valkey7', '"ALLKEYS-LFU"'),
};

ruleTable(RULE, {
  valid: [
    { name: 'yaml: volatile-lru (the default) on ElastiCache', path: 't.yaml', code: y('redis7', ['maxmemory-policy: volatile-lru']) },
    { name: 'yaml: allkeys-lru on ElastiCache: what a cache does', path: 't.yaml', code: y('redis7', ['maxmemory-policy: allkeys-lru']) },
    { name: 'yaml: volatile-ttl on ElastiCache', path: 't.yaml', code: y('valkey8', ['maxmemory-policy: volatile-ttl']) },
    { name: 'yaml: noeviction on MemoryDB is not the allkeys case', path: 't.yaml', code: ym('memorydb_redis7', ['maxmemory-policy: noeviction']) },
    { name: 'yaml: volatile-lru on MemoryDB', path: 't.yaml', code: ym('memorydb_redis7', ['maxmemory-policy: volatile-lru']) },
    { name: 'yaml: a memcached family', path: 't.yaml', code: y('memcached1.6', ['maxmemory-policy: noeviction']) },
    { name: 'yaml: a policy from a parameter without default', path: 't.yaml', code: y('redis7', ['maxmemory-policy: !Ref Policy'], 'Parameters:\n  Policy:\n    Type: String\n') },
    { name: 'yaml: no maxmemory-policy at all', path: 't.yaml', code: y('redis7', ['reserved-memory-percent: "25"']) },
    { name: 'yaml: !If with a branch leaving it unset (the default volatile-lru)', path: 't.yaml', code: y('redis7', ['maxmemory-policy: !If [IsCache, allkeys-lru, !Ref AWS::NoValue]'], COND) },
    { name: 'json: allkeys-lfu on ElastiCache', path: 't.json', code: j('redis7', { 'maxmemory-policy': 'allkeys-lfu' }) },
    { name: 'json: noeviction on MemoryDB', path: 't.json', code: jm('memorydb_redis7', { 'maxmemory-policy': 'noeviction' }) },
    { name: 'tf: volatile-lru', path: 'main.tf', code: t('redis7', '"volatile-lru"') },
    { name: 'tf: noeviction on MemoryDB', path: 'main.tf', code: tm('memorydb_redis7', '"noeviction"') },
    { name: 'tf: volatile-random on MemoryDB', path: 'main.tf', code: tm('memorydb_redis7', '"volatile-random"') },
    { name: 'tf: memcached family', path: 'main.tf', code: t('memcached1.6', '"noeviction"') },
    { name: 'tf: a variable without default', path: 'main.tf', code: t('redis7', 'var.policy', 'variable "policy" {\n  type = string\n}\n') },
  ],
  invalid: [
    { name: 'yaml: noeviction on ElastiCache: info at the value', path: 't.yaml', code: c.yNo, errors: [at(RULE, c.yNo, 'noeviction')], severities: ['info'] },
    { name: 'yaml: "noeviction" quoted on valkey8', path: 't.yaml', code: c.yNoQuoted, errors: [at(RULE, c.yNoQuoted, '"noeviction"')] },
    { name: 'yaml: a parameter defaulting to noeviction', path: 't.yaml', code: c.yParam, errors: [at(RULE, c.yParam, '!Ref Policy')] },
    { name: 'yaml: !If with a noeviction branch: at that branch', path: 't.yaml', code: c.yIf, errors: [at(RULE, c.yIf, 'noeviction]')], severities: ['info'] },
    { name: 'yaml: allkeys-lru on MemoryDB', path: 't.yaml', code: c.ymAll, errors: [at(RULE, c.ymAll, 'allkeys-lru')], severities: ['info'] },
    { name: 'yaml: allkeys-lfu on MemoryDB Valkey', path: 't.yaml', code: c.ymLfu, errors: [at(RULE, c.ymLfu, 'allkeys-lfu')] },
    { name: 'json: noeviction on ElastiCache', path: 't.json', code: c.jNo, errors: [at(RULE, c.jNo, '"noeviction"')] },
    { name: 'json: allkeys-random on MemoryDB', path: 't.json', code: c.jmRandom, errors: [at(RULE, c.jmRandom, '"allkeys-random"')] },
    { name: 'json: Fn::If with a noeviction branch', path: 't.json', code: c.jIf, errors: [at(RULE, c.jIf, '"noeviction"')] },
    { name: 'tf: noeviction', path: 'main.tf', code: c.tNo, errors: [at(RULE, c.tNo, '"noeviction"')], severities: ['info'] },
    { name: 'tf: a variable defaulting to noeviction', path: 'main.tf', code: c.tVar, errors: [at(RULE, c.tVar, 'var.policy')] },
    { name: 'tf: a conditional with a noeviction branch', path: 'main.tf', code: c.tCond, errors: [at(RULE, c.tCond, '"noeviction"')] },
    { name: 'tf: allkeys-lru on MemoryDB', path: 'main.tf', code: c.tmAll, errors: [at(RULE, c.tmAll, '"allkeys-lru"')] },
    { name: 'tf: ALLKEYS-LFU in capitals on MemoryDB', path: 'main.tf', code: c.tmUpper, errors: [at(RULE, c.tmUpper, '"ALLKEYS-LFU"')] },
  ],
});

test('messages say what the policy does, what the alternative does, and name the caches using the group', async () => {
  const [e] = (await findings('t.yaml', c.yNo, RULE)).findings;
  assert.equal(e.message, "Parameter group 'Cache' evicts by \"noeviction\": maxmemory-policy is \"noeviction\", and when memory is full every write fails with an OOM error instead of evicting keys, which suits a primary data store but not a cache (the default, volatile-lru, evicts the least recently used keys that have a TTL).");
  assert.deepEqual(e.fixes, []);
  const [m] = (await findings('main.tf', c.tmAll, RULE)).findings;
  assert.equal(m.message, "MemoryDB parameter group 'cache' evicts by \"allkeys-lru\": maxmemory-policy is \"allkeys-lru\", and when memory is full MemoryDB deletes keys whether or not they have a TTL, so data written to this durable database is lost without an error (noeviction rejects writes instead; volatile-* evicts only keys with a TTL).");
  const [b] = (await findings('t.yaml', c.yIf, RULE)).findings;
  assert.match(b.message, /^Parameter group 'Cache' may evict by "noeviction": maxmemory-policy is "noeviction" when IsCache is false, and on that branch when memory is full/);
});

test('a group used by two MemoryDB clusters, one in another file of the module, the policy from terraform.tfvars', async () => {
  const files = {
    'params.tf': tm('memorydb_redis7', 'var.policy') + '\nresource "aws_memorydb_cluster" "a" {\n  name                 = "a"\n  acl_name             = "open-access"\n  node_type            = "db.r7g.large"\n  parameter_group_name = aws_memorydb_parameter_group.cache.name\n}\n',
    'variables.tf': 'variable "policy" {\n  type    = string\n  default = "noeviction"\n}\n',
    'main.tf': 'resource "aws_memorydb_cluster" "b" {\n  name                 = "b"\n  acl_name             = "open-access"\n  node_type            = "db.r7g.large"\n  parameter_group_name = "m"\n}\n',
  };
  assert.deepEqual(summarize(await inModule(files, 'params.tf', RULE)), []);
  const r = await inModule({ ...files, 'terraform.tfvars': 'policy = "allkeys-lru"\n' }, 'params.tf', RULE);
  assert.deepEqual(summarize(r), [at(RULE, files['params.tf'], 'var.policy')]);
  const [f] = r.findings;
  assert.match(f.message, /\(used by MemoryDB cluster 'a' and MemoryDB cluster 'b'\): maxmemory-policy comes from 'policy', set to "allkeys-lru" in terraform\.tfvars/);
  assert.deepEqual(f.related?.map((x) => x.path), ['mod/terraform.tfvars', 'mod/params.tf', 'mod/main.tf']);
});
