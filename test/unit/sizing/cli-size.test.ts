/** `cachelint size` against the built dist/cli.js: the JSON contract (ARCHITECTURE.md), text output, and every error path. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Of the bundle users run: `npm test` builds it first, as for test/unit/cli.test.ts. Rebuilding here would rewrite
// dist/ under the other test files, which run at the same time.

const ITEMS = ['--engine', 'valkey', '--type', 'string', '--keys', '200k', '--key-bytes', '20', '--value-bytes', '100'];

test('--json prints the contract: input, estimate {datasetBytes, steps}, options', () => {
  const r = run(['size', ...ITEMS, '--reads-per-sec', '10k', '--writes-per-sec', '1k', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const j = JSON.parse(r.out);
  assert.deepEqual(j.input, {
    engine: 'valkey', role: 'cache', data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 20, valueBytes: 100, withTtl: true },
    growthPercent: 20, readsPerSec: 10_000, writesPerSec: 1000, connections: 100, replicas: 1, multiAz: true, multiRegion: false, traffic: 'steady',
  });
  assert.equal(typeof j.estimate.datasetBytes, 'number');
  assert.ok(j.estimate.datasetBytes > 200_000 * 120);
  assert.equal(j.estimate.totalWithGrowthBytes, Math.ceil(j.estimate.datasetBytes * 1.2));
  for (const s of j.estimate.steps) {
    assert.equal(typeof s.label, 'string');
    assert.equal(typeof s.bytes, 'number');
    assert.equal(typeof s.note, 'string');
  }
  assert.ok(j.options.length >= 3);
  j.options.forEach((o: Record<string, unknown>, i: number) => {
    assert.equal(o.rank, i + 1);
    assert.ok(['elasticache-node', 'elasticache-serverless', 'memorydb'].includes(o.service as string));
    assert.equal(typeof o.usableGiB, 'number');
    assert.equal(typeof o.utilization, 'number');
    assert.ok(Array.isArray(o.notes) && (o.notes as unknown[]).length > 0);
    if (o.service !== 'elasticache-serverless') {
      assert.match(o.nodeType as string, /^(cache|db)\./);
      assert.equal(typeof o.shards, 'number');
      assert.equal(o.replicasPerShard, 1);
    }
  });
  assert.ok(j.options.some((o: { service: string }) => o.service === 'elasticache-serverless'));
  assert.ok(Array.isArray(j.warnings));
});

test('--total with the other Workload flags; --role database puts MemoryDB first', () => {
  const r = run(['size', '--engine', 'redis', '--total', '50GiB', '--role', 'database', '--replicas', '2', '--growth', '0',
    '--reads-per-sec', '1000', '--read-bytes', '1KB', '--connections', '500', '--spiky', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.input.data, { kind: 'total', bytes: 50 * 2 ** 30 });
  assert.deepEqual([j.input.role, j.input.replicas, j.input.growthPercent, j.input.readBytes, j.input.connections, j.input.traffic], ['database', 2, 0, 1000, 500, 'spiky']);
  assert.equal(j.estimate.datasetBytes, 50 * 2 ** 30);
  assert.equal(j.options[0].service, 'memorydb');
  assert.equal(j.options[0].replicasPerShard, 2);
});

test('text output: the step table, the options side by side, the reasons', () => {
  const r = run(['size', ...ITEMS]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Memory model: /);
  assert.match(r.out, /\nStep by step:\n/);
  assert.match(r.out, /growth headroom \(20 %\)/);
  assert.match(r.out, /\nOptions \(1 = best\):\n  1\. ElastiCache cache\.\S+ +2\. /);
  assert.match(r.out, /\nWhy:\n  1\. /);
  // No dollars anywhere (no dated price in the facts sheet): serverless shows what it meters, nodes compare by size.
  assert.doesNotMatch(r.out, /\$\d/);
  assert.match(r.out, /GB-h \+ ≤ 0 M ECPU a month/);
  assert.match(r.out, /provisions \d+ nodes?: compare sizes, not dollars/);
  assert.match(r.out, /\nPrices: none shown \(no dated price in our sources\); apply https:\/\/aws\.amazon\.com\/elasticache\/pricing\/ to the metered quantities\.\n/);
});

test('--help, and cachelint --help points at it', () => {
  const h = run(['size', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /^usage: cachelint size --engine valkey\|redis\|memcached/);
  assert.match(h.out, /KB\/MB\/GB\/TB are decimal/);
  const top = run(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.out, /cachelint size --help/);
});

test('bad input: one line on stderr naming the flag, exit 2, nothing on stdout', () => {
  const cases: [string[], string][] = [
    [['--engine', 'valkey', '--type', 'string', '--keys', '-1', '--key-bytes', '10', '--value-bytes', '10'], '--keys must not be negative (got "-1")'],
    [['--engine', 'valkey', '--type', 'string', '--keys', 'many', '--key-bytes', '10', '--value-bytes', '10'], '--keys must be a number, not "many"'],
    [['--engine', 'valkey', '--type', 'string', '--keys', '10', '--key-bytes', '10', '--value-bytes', '1.5'], '--value-bytes must be a whole number of bytes, or carry a unit (got 1.5)'],
    [['--engine', 'valkey', '--type', 'string', '--keys', '10', '--key-bytes', '10', '--value-bytes', '10 KBs'], '--value-bytes: unknown unit "kbs" (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)'],
    [['--engine', 'foo', '--total', '1GB'], '--engine must be valkey, redis or memcached, not "foo"'],
    [['--total', '1GB'], '--engine is required (valkey, redis or memcached)'],
    [['--engine', 'valkey', '--type', 'blob', '--keys', '1', '--key-bytes', '1', '--value-bytes', '1'], '--type must be string, hash, set, zset or list, not "blob"'],
    [['--engine', 'valkey', '--type', 'string', '--keys', '10', '--value-bytes', '10'], '--key-bytes is required'],
    [['--engine', 'valkey', '--keys'], '--keys needs a value'],
    [['--engine', 'valkey', '--keys', '--key-bytes', '5'], '--keys needs a value'],
    [['--engine', 'valkey', '--total', '2GB', '--keys', '5'], '--total cannot be combined with --keys: give a measured total or the items, not both'],
    [['--engine', 'valkey', '--type', 'string', '--keys', '5', '--key-bytes', '10', '--value-bytes', '10', '--fields', '3'], '--fields applies to --type hash, --type set, --type zset or --type list, not --type string'],
    [['--engine', 'valkey', '--type', 'hash', '--keys', '5', '--key-bytes', '10', '--value-bytes', '10'], '--fields is required for --type hash (entries per key)'],
    [['--engine', 'valkey', '--type', 'set', '--keys', '5', '--key-bytes', '10', '--value-bytes', '10', '--fields', '3', '--field-bytes', '4'], '--field-bytes applies to --type hash only, not --type set'],
    [['--engine', 'memcached', '--type', 'hash', '--keys', '5', '--key-bytes', '10', '--value-bytes', '10', '--fields', '3', '--field-bytes', '2'], '--type hash needs Valkey or Redis OSS: Memcached stores only strings'],
    [['--engine', 'memcached', '--role', 'database', '--total', '1GB'], '--role database needs Valkey or Redis OSS: Memcached keeps no copy of the data (no replication, no persistence)'],
    [['--engine', 'memcached', '--total', '1GB', '--replicas', '1'], '--replicas must be 0 for Memcached: it has no replication, each node holds its own share of the keys (use Valkey or Redis OSS for replicas)'],
    [['--engine', 'redis', '--role', 'durable-cache', '--total', '1GB'], '--role durable-cache needs --engine valkey (it is ElastiCache for Valkey\'s durability option); for Redis OSS use --role database (MemoryDB)'],
    [['--engine', 'valkey', '--role', 'primary', '--total', '1GB'], '--role must be cache, database or durable-cache, not "primary"'],
    [['--engine', 'valkey', '--total', '1GB', '--replicas', '6'], '--replicas must be at most 5 per shard (got 6)'],
    [['--engine', 'valkey', '--total', '1GB', '--replicas', '0', '--multi-az'], '--multi-az needs at least 1 replica to fail over to (--replicas is 0)'],
    [['--engine', 'valkey', '--total', '1GB', '--multi-az', '--no-multi-az'], '--multi-az and --no-multi-az contradict each other'],
    [['--engine', 'valkey', '--total', '1GB', '--reads-per-sec', '100'], '--read-bytes is required with --total and --reads-per-sec (the value size is not known from a total)'],
    [['--engine', 'valkey', '--total', '0'], '--total must be at least 1 byte'],
    [['--engine', 'valkey', '--total', '1GB', '--growth', '-5'], '--growth must not be negative (got "-5")'],
    [['--engine', 'valkey', '--total', '1GB', '--connections', '1.5'], '--connections must be a whole number (got 1.5)'],
    [['--engine', 'memcached', '--total', '1GB', '--multi-region'], '--multi-region needs Valkey or Redis OSS: Global Datastore is not for Memcached'],
    [['--engine', 'memcached', '--type', 'string', '--keys', '5', '--key-bytes', '300', '--value-bytes', '10'], '--key-bytes must be at most 250 bytes for Memcached (the protocol\'s key length limit; got 300)'],
    [['--engine', 'redis', '--type', 'string', '--keys', '5', '--key-bytes', '10', '--value-bytes', '600MiB'], '--value-bytes must be at most 512 MiB (proto-max-bulk-len, 536870912 B, the most it can be set to; got 629145600)'],
    [['--engine', 'memcached', '--type', 'string', '--keys', '5', '--key-bytes', '10', '--value-bytes', '10', '--integer-values'], '--integer-values applies to Valkey and Redis OSS: Memcached stores every value as bytes'],
    [['--engine', 'valkey', '--total', '1GB', '--secondary-regions', '2'], '--secondary-regions applies only with --multi-region'],
    [['--engine', 'valkey', '--total', '1GB', '--multi-region', '--secondary-regions', '3'], '--secondary-regions must be 1 or 2 (Global Datastore replicates to up to two other Regions; got 3)'],
    [['--engine', 'valkey', '--engine', 'redis'], '--engine is given twice'],
    [['--engine', 'valkey', '--total', '1GB', '--bogus'], 'unknown option --bogus (cachelint size --help lists them)'],
    [['--engine', 'valkey', '--total', '1GB', 'extra'], 'unexpected argument "extra" (cachelint size takes flags only)'],
    [['--engine', 'valkey', '--total', '1GB', '--spiky=yes'], '--spiky takes no value'],
  ];
  for (const [args, message] of cases) {
    const r = run(['size', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.out, '', args.join(' '));
    assert.equal(r.err, `cachelint size: ${message}\n`, args.join(' '));
  }
});

test('flags also take --flag=value; a path named like a file still goes to the linter', () => {
  const r = run(['size', '--engine=valkey', '--total=1GB', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).input.data.bytes, 1e9);
  const lint = run(['--format', 'json', 'no-such-dir']);
  assert.equal(lint.code, 2);
  assert.equal(JSON.parse(lint.out).errors[0].message, 'no such file or directory');
});

test('--integer-values and --secondary-regions reach the workload; Memcached over max_item_size is a warning, exit 0', () => {
  const ints = run(['size', '--engine', 'valkey', '--type', 'set', '--keys', '1000', '--key-bytes', '16', '--value-bytes', '6', '--fields', '100', '--integer-values', '--multi-region', '--secondary-regions', '2', '--json']);
  assert.equal(ints.code, 0, ints.err);
  const j = JSON.parse(ints.out);
  assert.equal(j.input.data.integerValues, true);
  assert.equal(j.input.secondaryRegions, 2);
  assert.ok(j.estimate.encodings.some((e: string) => /intset/.test(e)), j.estimate.encodings.join('; '));
  const big = run(['size', '--engine', 'memcached', '--type', 'string', '--keys', '100', '--key-bytes', '20', '--value-bytes', '2MiB', '--json']);
  assert.equal(big.code, 0, big.err);
  assert.match(JSON.parse(big.out).warnings[0], /^Memcached items of 2097235 B \(key, value and item header\) are over max_item_size 1048576 B/);
});
