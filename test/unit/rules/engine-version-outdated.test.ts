/**
 * engine-version-outdated in CloudFormation YAML, JSON and Terraform, judged on a "today" the test sets: Redis OSS 4
 * and 5 past standard support, 6 only after 2027-01-31, retired and unoffered versions; Valkey and Memcached listed
 * versions fine; parameter and variable values, conditions, a tfvars override; the upgrade fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, json, tf, yaml } from './iac-support';
import { analyzer, applyEdits, summarize } from '../../support/analyze';
import { resolveSettings } from '../../../server/src/engine/settings';
import { summaries } from '../model/module-support';
import * as path from 'node:path';
import { assertFmtClean } from '../../support/terraformFmt';
import { ENGINE_VERSIONS, readVersion } from '../../../server/src/model/engineVersions';

const RULE = 'engine-version-outdated';
const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const TF_RG = 'aws_elasticache_replication_group';
const D = 'ReplicationGroupDescription: x';
const COND = 'Conditions:\n  IsProd: !Equals [!Ref AWS::StackName, prod]\n';
const BEFORE_6_EOS = '2026-12-01';
const AFTER_6_EOS = '2027-02-01';

async function run(file: string, code: string, today = BEFORE_6_EOS, module?: Record<string, string>) {
  const settings = { ...resolveSettings([]).settings, today };
  let source = { path: file, text: code } as { path: string; text: string; module?: unknown };
  if (module) {
    const all = Object.entries(module).map(([p, text]) => ({ path: path.join('mod', p), text }));
    const main = all.find((f) => path.basename(f.path) === file)!;
    source = { ...main, module: await summaries(all.filter((f) => f !== main)) };
  }
  const r = await analyzer().analyzeFile(source as never, settings);
  assert.ok(r);
  assert.deepEqual(r.errors, []);
  return { ...r, findings: r.findings.filter((f) => f.ruleId === RULE) };
}

const rg = (engine: string, version: string) => yaml(RG, [D, `Engine: ${engine}`, `EngineVersion: ${version}`]);
const c = {
  redis5: rg('redis', '"5.0.6"'),
  redis4: yaml(CC, ['Engine: redis', 'EngineVersion: 4.0.10', 'CacheNodeType: cache.r7g.large', 'NumCacheNodes: 1']),
  redis6: rg('redis', '"6.2"'),
  redis6x: rg('redis', '6.x'),
  redis72: rg('redis', '"7.2"'),
  redis505: rg('redis', '5.0.5'),
  redis32: rg('redis', '3.2.10'),
  valkey70: rg('valkey', '"7.0"'),
  noEngine5: yaml(RG, [D, 'EngineVersion: "5.0.6"']),
  memcachedOdd: yaml(CC, ['Engine: memcached', 'EngineVersion: 1.6.19', 'CacheNodeType: cache.r7g.large', 'NumCacheNodes: 2']),
  memcachedBad: yaml(CC, ['Engine: memcached', 'EngineVersion: "2.0"', 'CacheNodeType: cache.r7g.large', 'NumCacheNodes: 2']),
  param: yaml(RG, [D, 'Engine: redis', 'EngineVersion: !Ref Version'], 'Parameters:\n  Version:\n    Type: String\n    Default: "5.0.6"\n'),
  ifYaml: yaml(RG, [D, 'Engine: redis', 'EngineVersion: !If [IsProd, "7.1", "5.0.6"]'], COND),
  jsonIf: json(RG, { ReplicationGroupDescription: 'x', Engine: 'redis', EngineVersion: { 'Fn::If': ['IsProd', '7.1', '4.0.10'] } }, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } }),
  json: json(RG, { ReplicationGroupDescription: 'x', Engine: 'redis', EngineVersion: '4.0.10' }),
  jsonValkey: json(RG, { ReplicationGroupDescription: 'x', Engine: 'valkey', EngineVersion: '8.3' }),
  tf: tf(TF_RG, ['description    = "x"', 'engine         = "redis"', 'engine_version = "5.0.6"']),
  tfDefaultEngine: tf(TF_RG, ['description          = "x"', 'engine_version       = "6.x"', 'parameter_group_name = "default.redis6.x"']),
  tfVar: tf(TF_RG, ['description    = "x"', 'engine         = "redis"', 'engine_version = var.v'], 'variable "v" {\n  default = "4.0.10"\n}\n'),
};

interface Row { name: string; file: string; code: string; today?: string; expect: string[]; severities?: string[] }
const rows: Row[] = [
  // Valid look-alikes.
  { name: 'yaml: Valkey 8.0', file: 't.yaml', code: rg('valkey', '"8.0"'), expect: [] },
  { name: 'yaml: Valkey 9.1.0, a patch of a listed line', file: 't.yaml', code: rg('valkey', '9.1.0'), expect: [] },
  { name: 'yaml: Redis OSS 7.1', file: 't.yaml', code: rg('redis', '"7.1"'), expect: [] },
  { name: 'yaml: Redis OSS 7.0.7', file: 't.yaml', code: rg('redis', '7.0.7'), expect: [] },
  { name: 'yaml: Redis OSS 6.2 before its end of standard support', file: 't.yaml', code: c.redis6, expect: [] },
  { name: 'yaml: Redis OSS 6.x before its end of standard support', file: 't.yaml', code: c.redis6x, expect: [] },
  { name: 'yaml: Memcached 1.6.22', file: 't.yaml', code: yaml(CC, ['Engine: memcached', 'EngineVersion: 1.6.22', 'CacheNodeType: cache.r7g.large', 'NumCacheNodes: 2']), expect: [] },
  { name: 'yaml: no engine and 7.2: Valkey or Redis OSS, not guessed', file: 't.yaml', code: yaml(RG, [D, 'EngineVersion: "7.2"']), expect: [] },
  { name: 'yaml: a parameter without default', file: 't.yaml', code: yaml(RG, [D, 'Engine: redis', 'EngineVersion: !Ref V'], 'Parameters:\n  V:\n    Type: String\n'), expect: [] },
  { name: 'yaml: MemoryDB is not judged', file: 't.yaml', code: yaml('AWS::MemoryDB::Cluster', ['ClusterName: m', 'ACLName: open-access', 'NodeType: db.r7g.large', 'Engine: redis', 'EngineVersion: "6.2"']), today: AFTER_6_EOS, expect: [] },
  { name: 'tf: Valkey 7.2', file: 'main.tf', code: tf(TF_RG, ['description    = "x"', 'engine         = "valkey"', 'engine_version = "7.2"']), expect: [] },
  { name: 'tf: a replica joining a group follows the group', file: 'main.tf', code: tf('aws_elasticache_cluster', ['cluster_id           = "r"', 'replication_group_id = "g"', 'engine_version       = "5.0.6"']), expect: [] },
  // Invalid.
  { name: 'yaml: Redis OSS 5.0.6 past standard support', file: 't.yaml', code: c.redis5, expect: [at(RULE, c.redis5, '"5.0.6"')], severities: ['warning'] },
  { name: 'yaml: a Redis OSS 4.0.10 cache cluster', file: 't.yaml', code: c.redis4, expect: [at(RULE, c.redis4, '4.0.10')] },
  { name: 'yaml: Redis OSS 6.2 after 2027-01-31', file: 't.yaml', code: c.redis6, today: AFTER_6_EOS, expect: [at(RULE, c.redis6, '"6.2"')] },
  { name: 'yaml: Redis OSS 6.x after 2027-01-31', file: 't.yaml', code: c.redis6x, today: AFTER_6_EOS, expect: [at(RULE, c.redis6x, '6.x')] },
  { name: 'yaml: Redis OSS 6.2 on 2027-01-31 is still in standard support', file: 't.yaml', code: c.redis6, today: '2027-01-31', expect: [] },
  { name: 'yaml: Redis OSS 7.2 does not exist', file: 't.yaml', code: c.redis72, expect: [at(RULE, c.redis72, '"7.2"')] },
  { name: 'yaml: Redis OSS 5.0.5 is deprecated', file: 't.yaml', code: c.redis505, expect: [at(RULE, c.redis505, '5.0.5')] },
  { name: 'yaml: Redis OSS 3.2.10 is past end of life', file: 't.yaml', code: c.redis32, expect: [at(RULE, c.redis32, '3.2.10')] },
  { name: 'yaml: Valkey 7.0 does not exist', file: 't.yaml', code: c.valkey70, expect: [at(RULE, c.valkey70, '"7.0"')] },
  { name: 'yaml: no engine, 5.0.6: only Redis OSS has it', file: 't.yaml', code: c.noEngine5, expect: [at(RULE, c.noEngine5, '"5.0.6"')] },
  { name: 'yaml: Memcached 1.6.19, a patch cachelint does not list: info', file: 't.yaml', code: c.memcachedOdd, expect: [at(RULE, c.memcachedOdd, '1.6.19')], severities: ['info'] },
  { name: 'yaml: Memcached 2.0 does not exist', file: 't.yaml', code: c.memcachedBad, expect: [at(RULE, c.memcachedBad, '"2.0"')], severities: ['warning'] },
  { name: 'yaml: a parameter defaulting to 5.0.6', file: 't.yaml', code: c.param, expect: [at(RULE, c.param, '!Ref Version')] },
  { name: 'yaml: !If with an outdated branch: info', file: 't.yaml', code: c.ifYaml, expect: [at(RULE, c.ifYaml, '"5.0.6"')], severities: ['info'] },
  { name: 'json: Redis OSS 4.0.10', file: 't.json', code: c.json, expect: [at(RULE, c.json, '"4.0.10"')] },
  { name: 'json: Fn::If with a 4.0.10 branch: info', file: 't.json', code: c.jsonIf, expect: [at(RULE, c.jsonIf, '"4.0.10"')], severities: ['info'] },
  { name: 'json: Valkey 8.3 does not exist', file: 't.json', code: c.jsonValkey, expect: [at(RULE, c.jsonValkey, '"8.3"')] },
  { name: 'tf: Redis OSS 5.0.6', file: 'main.tf', code: c.tf, expect: [at(RULE, c.tf, '"5.0.6"')] },
  { name: 'tf: 6.x with the provider\'s default engine (redis) after 2027-01-31', file: 'main.tf', code: c.tfDefaultEngine, today: AFTER_6_EOS, expect: [at(RULE, c.tfDefaultEngine, '"6.x"')] },
  { name: 'tf: a variable defaulting to 4.0.10', file: 'main.tf', code: c.tfVar, expect: [at(RULE, c.tfVar, 'var.v')] },
];

for (const row of rows) {
  test(`${RULE}: ${row.name}`, async () => {
    const r = await run(row.file, row.code, row.today);
    assert.deepEqual(summarize(r), row.expect);
    if (row.severities) assert.deepEqual(r.findings.map((f) => f.severity), row.severities);
  });
}

test('messages: the support dates, the upgrade, Valkey as the move', async () => {
  const [five] = (await run('t.yaml', c.redis5)).findings;
  assert.equal(five.message, "Replication group 'Cache' runs an outdated engine version: Redis OSS 5.0.6 is past the end of standard support (2026-01-31), so it is billed for Extended Support from 2026-02-01 until its end of life on 2029-01-31; upgrade to Redis OSS 7.1 or, better, move to Valkey (7.2 and later), the Redis OSS-compatible engine ElastiCache keeps developing.");
  const [valkey] = (await run('t.yaml', c.valkey70)).findings;
  assert.equal(valkey.message, "Replication group 'Cache' names an engine version ElastiCache does not offer: Valkey 7.0 is not a version ElastiCache offers (Valkey: 9.1, 9.0, 8.2, 8.1, 8.0, 7.2), so creating the cache fails; upgrade to Valkey 7.2.");
  const [tfv] = (await run('main.tf', c.tfVar)).findings;
  assert.match(tfv.message, /runs an outdated engine version \(engine_version comes from 'v', whose default is "4\.0\.10"\)/);
  const [branch] = (await run('t.yaml', c.ifYaml)).findings;
  assert.match(branch.message, /EngineVersion is "5\.0\.6" when IsProd is false/);
  assert.deepEqual(branch.fixes, []);
  const [odd] = (await run('t.yaml', c.memcachedOdd)).findings;
  assert.deepEqual(odd.fixes, []);
});

async function fix(file: string, code: string, title: string, expect: RegExp, today = BEFORE_6_EOS, t?: { skip(message: string): void }) {
  const before = await run(file, code, today);
  assert.equal(before.findings.length, 1);
  const f = before.findings[0].fixes.find((x) => x.title === title);
  assert.ok(f, `no "${title}" among ${JSON.stringify(before.findings[0].fixes.map((x) => x.title))}`);
  const fixed = applyEdits(code, f.edits);
  assert.match(fixed, expect);
  assert.deepEqual(summarize(await run(file, fixed, today)), [], fixed);
  if (t && file.endsWith('.tf')) assertFmtClean(fixed, t);
}

test('fixes: the newest version, a major upgrade said so with the parameter group, the input default', async (t) => {
  await fix('t.yaml', c.redis5, 'Set EngineVersion to "7.1" (a major version upgrade)', /EngineVersion: "?7\.1"?\n/);
  await fix('t.yaml', c.redis72, 'Set EngineVersion to "7.1"', /EngineVersion: "7\.1"\n/);
  await fix('t.yaml', c.valkey70, 'Set EngineVersion to "7.2"', /EngineVersion: "7\.2"\n/);
  await fix('t.yaml', c.param, "Change the default of parameter 'Version' to \"7.1\" (a major version upgrade)", /Default: "7\.1"\n/);
  await fix('t.json', c.json, 'Set EngineVersion to "7.1" (a major version upgrade)', /"EngineVersion": "7\.1"/);
  await fix('t.json', c.jsonValkey, 'Set EngineVersion to "8.2"', /"EngineVersion": "8\.2"/);
  await fix('main.tf', c.tf, 'Set engine_version to "7.1" (a major version upgrade)', /  engine_version = "7\.1"\n/, BEFORE_6_EOS, t);
  await fix('main.tf', c.tfDefaultEngine, 'Set engine_version to "7.1" (a major version upgrade; parameter_group_name must then name a group of the Redis OSS 7 family)', /  engine_version       = "7\.1"\n/, AFTER_6_EOS, t);
  await fix('main.tf', c.tfVar, "Change the default of variable 'v' to \"7.1\" (a major version upgrade)", /  default = "7\.1"\n/, BEFORE_6_EOS, t);
});

test('a terraform.tfvars value overrides the default in variables.tf', async () => {
  const files = {
    'main.tf': tf(TF_RG, ['description    = "x"', 'engine         = "redis"', 'engine_version = var.v']),
    'variables.tf': 'variable "v" {\n  default = "7.1"\n}\n',
  };
  assert.deepEqual(summarize(await run('main.tf', '', BEFORE_6_EOS, files)), []);
  const r = await run('main.tf', '', BEFORE_6_EOS, { ...files, 'terraform.tfvars': 'v = "5.0.6"\n' });
  assert.deepEqual(summarize(r), [at(RULE, files['main.tf'], 'var.v')]);
  assert.deepEqual(r.findings[0].related?.map((x) => x.path), ['mod/terraform.tfvars']);
});

test('the version table: every date has its AWS source, lists are newest first', () => {
  for (const [engine, line] of Object.entries(ENGINE_VERSIONS)) {
    assert.match(line.source, /^https:\/\//, engine);
    for (const w of Object.values(line.support)) assert.match(w.source, /^https:\/\/docs\.aws\.amazon\.com\//);
    for (const r of line.retired) assert.match(r.source, /^https:\/\/docs\.aws\.amazon\.com\//);
  }
  assert.equal(readVersion('redis', '6.x')?.listed, '6.2');
  assert.equal(readVersion('redis', '5.0.6')?.listed, '5.0.6');
  assert.equal(readVersion('redis', '4.0.9')?.listed, undefined);
  assert.equal(readVersion('memcached', '1.6.19')?.sameLine, true);
});
