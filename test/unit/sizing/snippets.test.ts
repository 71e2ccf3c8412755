/**
 * Snippets the report inserts: for every service × engine × format, cachelint's own engine reports no finding and
 * no parse error on them — except exactly one burstable-node-type info on a T-family option, the trade-off the
 * wizard offers for small caches and the user should see — the YAML parses as a CloudFormation template, the HCL through the repo's Terraform parser,
 * and the security settings the issue asks for are there with the option's topology.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { SnippetUnavailable, snippetFor, snippetLanguage, snippetUnavailable, type SnippetFormat } from '../../../server/src/sizing/snippets';
import { OVER_LIMIT_UNAVAILABLE } from '../../../server/src/sizing/snippets/shared';
import { planSizing } from '../../../server/src/sizing';
import { validateWorkload } from '../../../server/src/sizing/validate';
import type { SizingOption, Workload } from '../../../server/src/sizing/types';
import { INTRINSIC_TAGS } from '../../../server/src/formats/cloudformation/tags';
import { analyzeSource, summarize } from '../../support/analyze';
import { parseTerraform } from '../terraform/parse';
import { literalOf, type IacResource, type IacValue } from '../../../server/src/model/iac';
import type { FileResult } from '../../../server/src/engine/types';

const BURSTABLE = 'burstable-node-type';
const isBurstableType = (nodeType: string | null | undefined): nodeType is string => !!nodeType && /^(cache|db)\.t\d/.test(nodeType);


/**
 * What a snippet of this option may be reported for: nothing, or, on a T-family node type, exactly one
 * burstable-node-type info at the node type (no fix: it is advice, not a mistake the snippet made).
 */
function assertSnippetFindings(result: FileResult | undefined, o: Pick<SizingOption, 'nodeType' | 'notes'>, what: string): void {
  const nodeType = o.nodeType;
  const others = (result?.findings ?? []).filter((f) => f.ruleId !== BURSTABLE);
  assert.deepEqual(summarize({ ...result!, findings: others }), [], what);
  const burstable = (result?.findings ?? []).filter((f) => f.ruleId === BURSTABLE);
  if (!isBurstableType(nodeType)) {
    assert.deepEqual(burstable, [], `${what}: no ${BURSTABLE} on ${nodeType ?? 'a node-less option'}`);
    return;
  }
  assert.equal(burstable.length, 1, `${what}: one ${BURSTABLE} on ${nodeType}`);
  assert.equal(burstable[0].severity, 'info');
  assert.match(burstable[0].message, new RegExp(`burstable ${nodeType.replace(/\./g, '\\.')}`));
  assert.deepEqual(burstable[0].fixes, []);
}

const workload = (engine: Workload['engine'], extra: Partial<Workload> = {}): Workload => ({
  engine, role: 'cache', data: { kind: 'total', bytes: 2 * 2 ** 30 }, growthPercent: 20, readsPerSec: 10_000, writesPerSec: 1_000,
  connections: 100, replicas: 1, multiAz: true, multiRegion: false, traffic: 'steady', ...extra,
});
const option = (o: Partial<SizingOption> & Pick<SizingOption, 'service'>): SizingOption => ({ usableGiB: 9.8, utilization: 0.3, rank: 1, notes: [], ...o });

interface Case { name: string; option: SizingOption; workload: Workload }
const CASES: Case[] = [
  { name: 'Valkey, cluster mode enabled, 3 shards × 2 replicas', option: option({ service: 'elasticache-node', nodeType: 'cache.r7g.large', shards: 3, replicasPerShard: 2, clusterMode: 'enabled' }), workload: workload('valkey', { multiRegion: true }) },
  { name: 'Redis OSS, cluster mode disabled, no replica', option: option({ service: 'elasticache-node', nodeType: 'cache.m7g.large', shards: 1, replicasPerShard: 0, clusterMode: 'disabled' }), workload: workload('redis', { replicas: 0, multiAz: false }) },
  { name: 'Valkey, data tiering on r6gd', option: option({ service: 'elasticache-node', nodeType: 'cache.r6gd.xlarge', shards: 2, replicasPerShard: 1, dataTiering: true }), workload: workload('valkey') },
  { name: 'Memcached, 3 nodes', option: option({ service: 'elasticache-node', nodeType: 'cache.r7g.large', shards: 3, replicasPerShard: 0 }), workload: workload('memcached', { replicas: 0 }) },
  { name: 'Valkey serverless', option: option({ service: 'elasticache-serverless', usableGiB: 12, serverless: { storageGB: 12, ecpuPerSecond: 25_000 } }), workload: workload('valkey', { traffic: 'spiky' }) },
  { name: 'Memcached serverless', option: option({ service: 'elasticache-serverless', usableGiB: 3, serverless: { storageGB: 3, ecpuPerSecond: 400 } }), workload: workload('memcached') },
  { name: 'MemoryDB (Valkey), 2 shards × 1 replica', option: option({ service: 'memorydb', nodeType: 'db.r7g.xlarge', shards: 2, replicasPerShard: 1 }), workload: workload('valkey', { role: 'database' }) },
  { name: 'Valkey on a burstable cache.t4g.small, 1 replica', option: option({ service: 'elasticache-node', nodeType: 'cache.t4g.small', shards: 1, replicasPerShard: 1, clusterMode: 'disabled' }), workload: workload('valkey') },
  { name: 'MemoryDB on a burstable db.t4g.medium', option: option({ service: 'memorydb', nodeType: 'db.t4g.medium', shards: 1, replicasPerShard: 1 }), workload: workload('valkey', { role: 'database' }) },
];

const FORMATS: SnippetFormat[] = ['cloudformation', 'terraform'];
const pathFor = (format: SnippetFormat) => (format === 'cloudformation' ? 'sized.yaml' : 'sized.tf');

for (const c of CASES) {
  for (const format of FORMATS) {
    test(`${c.name} as ${format}: cachelint finds nothing (one burstable info on a T type) and it parses`, async () => {
      const text = snippetFor(c.option, c.workload, format);
      const result = await analyzeSource(pathFor(format), text);
      assert.ok(result, `cachelint did not read the ${format} snippet as ${format}:\n${text}`);
      assert.equal(result.format, format);
      assert.deepEqual(result.errors, [], `parse errors:\n${text}`);
      assertSnippetFindings(result, c.option, `findings:\n${text}`);
      assert.ok(result.iac!.resources.some((r) => r.kind === 'securityGroup'), 'the model sees the security group');
    });
  }
}

/** The resources of a snippet through the repo's own parsers, with a reader for literal properties. */
async function modelOf(c: Case, format: SnippetFormat) {
  const text = snippetFor(c.option, c.workload, format);
  let resources: IacResource[];
  if (format === 'cloudformation') {
    // Plain `yaml` with the intrinsic tags: what CloudFormation itself would accept as a template document.
    const doc = parseDocument(text, { customTags: INTRINSIC_TAGS });
    assert.deepEqual(doc.errors.map((e) => e.message), []);
    assert.deepEqual(doc.warnings.map((e) => e.message), []);
    const json = doc.toJSON() as { Resources: Record<string, { Type: string }> };
    assert.ok(json.Resources.Cache, 'the cache is the resource named Cache');
    resources = (await analyzeSource('sized.yaml', text))!.iac!.resources;
  } else {
    const parsed = await parseTerraform('sized.tf', text);
    assert.deepEqual(parsed.errors, []);
    resources = parsed.model.resources;
  }
  const kinds = resources.map((r) => r.kind).sort();
  const get = (kind: IacResource['kind'], prop: string): unknown => {
    const r = resources.find((x) => x.kind === kind);
    assert.ok(r, `no ${kind} in ${kinds.join(', ')}`);
    const v: IacValue | undefined = r.properties.get(prop)?.value;
    if (!v) return undefined;
    const lit = literalOf(v);
    if (lit === undefined) return v.kind;
    return typeof lit === 'string' && /^(true|false)$/.test(lit) ? lit === 'true' : typeof lit === 'string' && /^\d+$/.test(lit) ? Number(lit) : lit;
  };
  return { text, kinds, get };
}

for (const format of FORMATS) {
  test(`${format}: cluster-mode-enabled Valkey group has the option's topology, TLS required, AUTH by user group, failover, backups`, async () => {
    const m = await modelOf(CASES[0], format);
    assert.equal(m.get('replicationGroup', 'nodeType'), 'cache.r7g.large');
    assert.equal(m.get('replicationGroup', 'numNodeGroups'), 3);
    assert.equal(m.get('replicationGroup', 'replicasPerNodeGroup'), 2);
    assert.equal(m.get('replicationGroup', 'clusterMode'), 'enabled');
    assert.equal(m.get('replicationGroup', 'parameterGroupName'), 'default.valkey8.cluster.on');
    assert.equal(m.get('replicationGroup', 'transitEncryptionEnabled'), true);
    assert.equal(m.get('replicationGroup', 'transitEncryptionMode'), 'required');
    assert.equal(m.get('replicationGroup', 'atRestEncryptionEnabled'), true);
    assert.equal(m.get('replicationGroup', 'automaticFailoverEnabled'), true);
    assert.equal(m.get('replicationGroup', 'multiAzEnabled'), true);
    assert.equal(m.get('replicationGroup', 'snapshotRetentionLimit'), 7);
    assert.equal(m.get('replicationGroup', 'userGroupIds'), 'list');
    assert.equal(m.get('replicationGroup', 'authToken'), undefined, 'AUTH goes through the user group, not a token');
    assert.equal(m.get('replicationGroup', 'subnetGroupName'), 'resource');
    assert.deepEqual(m.kinds.filter((k) => k.startsWith('elasticache')), ['elasticacheUser', 'elasticacheUser', 'elasticacheUserGroup']);
    assert.match(m.text, /Global Datastore/, 'a multi-region workload gets the Global Datastore note');
    // The only ingress source is the application's security group; nothing open to an address range.
    assert.doesNotMatch(m.text, /0\.0\.0\.0\/0|::\/0|CidrIp|cidr_blocks/);
    assert.match(m.text, format === 'cloudformation' ? /SourceSecurityGroupId: !Ref AppSecurityGroupId/ : /security_groups = \[var\.app_security_group_id\]/);
    // The password is never in the text: a Secrets Manager dynamic reference (CloudFormation), or the generated
    // password that the secret version also stores (Terraform).
    assert.match(m.text, format === 'cloudformation' ? /\{\{resolve:secretsmanager:\$\{CacheSecret\}:SecretString:password\}\}/ : /passwords += \[random_password\.cache\.result\]/);
    // The secret names the user it belongs to: the ElastiCache application user is "app".
    assert.match(m.text, format === 'cloudformation'
      ? /SecretStringTemplate: '\{"username": "app"\}'/
      : /secret_string = jsonencode\(\{ username = "app", password = random_password\.cache\.result \}\)/);
    // Global Datastore: secondaries are new groups created with GlobalReplicationGroupId, never existing clusters.
    assert.match(m.text, /GlobalReplicationGroupId \/ global_replication_group_id/);
    assert.match(m.text, /an existing cluster cannot be added as a secondary/);
    assert.doesNotMatch(m.text, /deploy this in each Region, then join them/);
  });

  test(`${format}: one shard without replicas is cluster mode disabled with one node, no failover, no Multi-AZ`, async () => {
    const m = await modelOf(CASES[1], format);
    assert.equal(m.get('replicationGroup', 'engine'), 'redis');
    assert.equal(m.get('replicationGroup', 'engineVersion'), '7.1');
    assert.equal(m.get('replicationGroup', 'numCacheClusters'), 1);
    assert.equal(m.get('replicationGroup', 'numNodeGroups'), undefined);
    assert.equal(m.get('replicationGroup', 'clusterMode'), 'disabled');
    assert.equal(m.get('replicationGroup', 'automaticFailoverEnabled'), false);
    assert.equal(m.get('replicationGroup', 'multiAzEnabled'), false);
    assert.equal(m.get('replicationGroup', 'transitEncryptionMode'), 'required');
  });

  test(`${format}: r6gd turns data tiering on`, async () => {
    const m = await modelOf(CASES[2], format);
    assert.equal(m.get('replicationGroup', 'dataTieringEnabled'), true);
    assert.equal(m.get('replicationGroup', 'nodeType'), 'cache.r6gd.xlarge');
  });

  test(`${format}: Memcached is a TLS cache cluster across AZs on port 11211, without users`, async () => {
    const m = await modelOf(CASES[3], format);
    assert.equal(m.get('cacheCluster', 'engine'), 'memcached');
    assert.equal(m.get('cacheCluster', 'numCacheNodes'), 3);
    assert.equal(m.get('cacheCluster', 'azMode'), 'cross-az');
    assert.equal(m.get('cacheCluster', 'transitEncryptionEnabled'), true);
    assert.equal(m.get('cacheCluster', 'port'), 11211);
    assert.ok(!m.kinds.includes('elasticacheUser'), 'Memcached has no RBAC users');
  });

  test(`${format}: serverless sets CacheUsageLimits from the option and uses the user group`, async () => {
    const m = await modelOf(CASES[4], format);
    assert.equal(m.get('serverlessCache', 'engine'), 'valkey');
    assert.equal(m.get('serverlessCache', 'majorEngineVersion'), 8);
    assert.equal(m.get('serverlessCache', 'snapshotRetentionLimit'), 7);
    assert.equal(m.get('serverlessCache', 'userGroupId'), 'resource');
    assert.match(m.text, format === 'cloudformation'
      ? /DataStorage:\n {10}Maximum: 12\n {10}Unit: GB\n {8}ECPUPerSecond:\n {10}Maximum: 25000\n/
      : /data_storage \{\n {6}maximum = 12\n {6}unit {4}= "GB"\n {4}\}\n {4}ecpu_per_second \{\n {6}maximum = 25000\n/);
  });

  test(`${format}: serverless ECPU/s is raised to the 1,000 minimum CacheUsageLimits accepts`, async () => {
    const m = await modelOf(CASES[5], format);
    assert.match(m.text, format === 'cloudformation' ? /ECPUPerSecond:\n {10}Maximum: 1000\n/ : /ecpu_per_second \{\n {6}maximum = 1000\n/);
    assert.ok(!m.kinds.includes('elasticacheUserGroup'), 'Memcached serverless has no user group');
  });

  test(`${format}: MemoryDB cluster with its ACL, TLS, the option's shards and replicas, backups`, async () => {
    const m = await modelOf(CASES[6], format);
    assert.equal(m.get('memorydbCluster', 'nodeType'), 'db.r7g.xlarge');
    assert.equal(m.get('memorydbCluster', 'numShards'), 2);
    assert.equal(m.get('memorydbCluster', 'numReplicasPerShard'), 1);
    assert.equal(m.get('memorydbCluster', 'tlsEnabled'), true);
    assert.equal(m.get('memorydbCluster', 'aclName'), 'resource');
    assert.equal(m.get('memorydbCluster', 'snapshotRetentionLimit'), 7);
    assert.ok(m.kinds.includes('memorydbAcl') && m.kinds.includes('memorydbUser') && m.kinds.includes('memorydbSubnetGroup'), m.kinds.join(', '));
  });
}

test('the editor language of each format', () => {
  assert.equal(snippetLanguage('cloudformation'), 'yaml');
  assert.equal(snippetLanguage('terraform'), 'terraform');
});

// Every option the real planner proposes, for workloads that reach each service (and data tiering, Memcached),
// gives a snippet cachelint reads clean.

const PLANNED: [string, Record<string, unknown>][] = [
  ['200k small Valkey strings', { engine: 'valkey', data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 20, valueBytes: 100 }, readsPerSec: 20_000, writesPerSec: 2_000 }],
  ['2m Redis OSS hashes, spiky', { engine: 'redis', data: { kind: 'items', type: 'hash', keys: 2_000_000, keyBytes: 30, valueBytes: 200, fields: 20, fieldBytes: 12 }, readsPerSec: 80_000, writesPerSec: 8_000, traffic: 'spiky' }],
  ['1.5 TB of Valkey, no replica', { engine: 'valkey', data: { kind: 'total', bytes: '1.5 TB' }, readsPerSec: 10_000, readBytes: 2000, writesPerSec: 1000, writeBytes: 2000, replicas: 0, multiAz: false }],
  ['Memcached sessions', { engine: 'memcached', data: { kind: 'items', type: 'string', keys: 5_000_000, keyBytes: 40, valueBytes: 500 }, readsPerSec: 50_000, writesPerSec: 5_000, replicas: 0, multiAz: false }],
  ['Valkey as the primary database, multi-region', { engine: 'valkey', role: 'database', data: { kind: 'total', bytes: '40 GB' }, readsPerSec: 5_000, readBytes: 1000, writesPerSec: 5_000, writeBytes: 1000, multiRegion: true }],
];

/** 1.5 TB on cache.t4g.medium needs 905 shards: over the 500-node limit, listed last, in both formats. */
const OVER_LIMIT_OPTIONS: Record<string, number> = { '1.5 TB of Valkey, no replica': 2 };

for (const [name, draft] of PLANNED) {
  test(`planned options for ${name}: every snippet, both formats, has no finding (one burstable info on a T type) and no parse error`, async () => {
    const checked = validateWorkload(draft);
    assert.ok(checked.ok, JSON.stringify(checked));
    const result = planSizing(checked.workload);
    assert.ok(result.options.length > 0, 'the planner proposes something');
    let overLimit = 0;
    for (const o of result.options) {
      for (const format of FORMATS) {
        // An option beyond a hard limit (the planner lists it, ranked last) gets no snippet: it would not deploy.
        if ((o.totalNodes ?? 0) > 500) {
          assert.throws(() => snippetFor(o, checked.workload, format), (e: unknown) => e instanceof SnippetUnavailable && e.reason === OVER_LIMIT_UNAVAILABLE);
          overLimit++;
          continue;
        }
        const text = snippetFor(o, checked.workload, format);
        const analysis = await analyzeSource(pathFor(format), text);
        const what = `${o.service} ${o.nodeType ?? ''} as ${format}`;
        assert.deepEqual(analysis?.errors, [], `${what}: parse errors\n${text}`);
        assertSnippetFindings(analysis, o, `${what}: findings\n${text}`);
        if (o.nodeType) assert.ok(text.includes(o.nodeType), `${what}: the node type is not in the snippet`);
      }
    }
    assert.equal(overLimit, OVER_LIMIT_OPTIONS[name] ?? 0, 'options beyond a limit, each refused in both formats');
  });
}

// Review fixes: durability, MemoryDB credentials, Multi-AZ, serverless limits.

test('durable-cache: an ElastiCache option gets no snippet, with the reason the client shows', () => {
  const w = workload('valkey', { role: 'durable-cache' });
  const node = option({ service: 'elasticache-node', nodeType: 'cache.r7g.large', shards: 1, replicasPerShard: 1, clusterMode: 'disabled' });
  const reason = 'durability is chosen at creation through the API (aws elasticache create-replication-group --durability sync|async …); '
    + 'CloudFormation/Terraform support is not verified — insert is not offered';
  assert.equal(snippetUnavailable(node, w), reason);
  for (const format of FORMATS) {
    assert.throws(() => snippetFor(node, w, format), (e: unknown) => e instanceof SnippetUnavailable && e.reason === reason);
  }
  // MemoryDB is durable on its own, so the durable-cache role's MemoryDB option still inserts.
  const mdb = option({ service: 'memorydb', nodeType: 'db.r7g.large', shards: 1, replicasPerShard: 1 });
  assert.equal(snippetUnavailable(mdb, w), undefined);
  assert.match(snippetFor(mdb, w, 'terraform'), /resource "aws_memorydb_cluster" "cache"/);
  // The same ElastiCache option for role cache is not durable by design and inserts.
  assert.equal(snippetUnavailable(node, workload('valkey')), undefined);
  // Serverless offered to a durable-cache workload says in the snippet that it is not durable.
  const sl = option({ service: 'elasticache-serverless', serverless: { storageGB: 3, ecpuPerSecond: 11_000 } });
  assert.match(snippetFor(sl, w, 'cloudformation'), /^# Not durable: ElastiCache Serverless has no durability option/m);
});

for (const format of FORMATS) {
  test(`${format}: the MemoryDB secret's username is the MemoryDB user's name; users may use pub/sub channels`, async () => {
    const m = await modelOf(CASES[6], format);
    if (format === 'cloudformation') {
      assert.match(m.text, /UserName: !Sub '\$\{CacheName\}-app'/);
      assert.match(m.text, /SecretStringTemplate: !Sub '\{"username": "\$\{CacheName\}-app"\}'/);
    } else {
      assert.match(m.text, /user_name += "\$\{var\.cache_name\}-app"/);
      assert.match(m.text, /jsonencode\(\{ username = "\$\{var\.cache_name\}-app", password = random_password\.cache\.result \}\)/);
    }
    assert.match(m.text, format === 'cloudformation' ? /AccessString: 'on ~\* &\* \+@all -@dangerous'/ : /access_string = "on ~\* &\* \+@all -@dangerous"/);
    const ec = await modelOf(CASES[0], format);
    assert.match(ec.text, format === 'cloudformation' ? /AccessString: 'on ~\* &\* \+@all -@dangerous'/ : /access_string += "on ~\* &\* \+@all -@dangerous"/);
  });

  test(`${format}: replicas without Multi-AZ asked for fail over automatically but stay in one AZ`, async () => {
    const c: Case = { name: 'no multi-AZ', option: option({ service: 'elasticache-node', nodeType: 'cache.r7g.large', shards: 1, replicasPerShard: 2, clusterMode: 'disabled' }), workload: workload('valkey', { replicas: 2, multiAz: false }) };
    const m = await modelOf(c, format);
    assert.equal(m.get('replicationGroup', 'numCacheClusters'), 3);
    assert.equal(m.get('replicationGroup', 'automaticFailoverEnabled'), true);
    assert.equal(m.get('replicationGroup', 'multiAzEnabled'), false);
    const result = await analyzeSource(pathFor(format), m.text);
    assert.deepEqual(summarize(result), []);
  });

  test(`${format}: serverless without any traffic sets no ECPU/s limit and says why`, async () => {
    const c: Case = { name: 'idle', option: option({ service: 'elasticache-serverless', serverless: { storageGB: 5, ecpuPerSecond: 1000 } }), workload: workload('valkey', { readsPerSec: 0, writesPerSec: 0 }) };
    const m = await modelOf(c, format);
    assert.doesNotMatch(m.text, /^ +(ECPUPerSecond:|ecpu_per_second \{)/m);
    assert.match(m.text, format === 'cloudformation' ? /DataStorage:\n {10}Maximum: 5\n {10}Unit: GB\n {6}UserGroupId/ : /data_storage \{\n {6}maximum = 5\n {6}unit {4}= "GB"\n {4}\}\n {2}\}\n/);
    assert.match(m.text, /^# No ECPU\/s limit: the workload gave no traffic/m);
    assert.deepEqual(summarize(await analyzeSource(pathFor(format), m.text)), []);
  });
}

test('multi-region notes fit the service: MemoryDB and serverless are not told to join a Global Datastore', () => {
  const w = workload('valkey', { multiRegion: true, role: 'database' });
  assert.match(snippetFor(CASES[6].option, w, 'cloudformation'), /^# Multi-region: Global Datastore is ElastiCache's; MemoryDB multi-Region clusters/m);
  assert.match(snippetFor(CASES[4].option, w, 'terraform'), /^# Multi-region: Global Datastore is for node-based clusters, not serverless caches/m);
});
