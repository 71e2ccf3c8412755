/** knowledge/data/node-types.json against the reference table, row by row (issue 9's shape). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsv, toJsonRow } from '../../../scripts/node-types';
import { NODE_TYPES, familiesFor, maxmemoryBytes, nodeType } from '../../../server/src/sizing/nodeTypes';

const CSV = path.resolve(__dirname, '../../../knowledge/data/sources/node-types.csv');
// A verbatim copy of the team's reference table (shared/reference/node-types.csv), kept in the repository so that a
// clean clone can check the JSON against it.
const rows = parseCsv(fs.readFileSync(CSV, 'utf8'));

test('every CSV row is in the JSON with the same service, memory, vCPU and network, and nothing else is', () => {
  assert.equal(rows.length, 103);
  assert.equal(NODE_TYPES.length, rows.length);
  for (const r of rows) {
    const n = nodeType(r.node_type);
    assert.ok(n, `${r.node_type} missing from node-types.json`);
    assert.equal(n.service, r.service, r.node_type);
    assert.equal(n.memoryGiB, Number(r.memory_gib), r.node_type);
    assert.equal(n.vcpu, Number(r.vcpu), r.node_type);
    assert.equal(n.network, r.network, r.node_type);
    assert.ok(r.source.includes(n.source), `${r.node_type}: source ${n.source} is not the CSV's`);
  }
  assert.equal(new Set(NODE_TYPES.map((n) => n.nodeType)).size, NODE_TYPES.length, 'a node type is listed twice');
});

test('the repository copy is the team reference table itself, row for row (where the reference is at hand)', (t) => {
  const reference = path.resolve(__dirname, '../../../../../shared/reference/node-types.csv');
  const shared = ['/work/shared/reference/node-types.csv', reference].find((p) => fs.existsSync(p));
  if (!shared) { t.skip('the shared reference table is not beside this checkout'); return; }
  const referenceRows = parseCsv(fs.readFileSync(shared, 'utf8'));
  assert.deepEqual(referenceRows, rows);
  // Every reference row is a node type of the JSON, with the same figures.
  for (const r of referenceRows) {
    const n = nodeType(r.node_type);
    assert.ok(n, r.node_type);
    assert.deepEqual([n.service, n.vcpu, n.memoryGiB, n.network], [r.service, Number(r.vcpu), Number(r.memory_gib), r.network], r.node_type);
  }
});

test('the JSON is exactly what scripts/node-types.ts makes from the CSV (regenerate after a CSV change)', () => {
  assert.deepEqual(NODE_TYPES, rows.map(toJsonRow));
});

test('no node type that does not exist', () => {
  const names = NODE_TYPES.map((n) => n.nodeType);
  assert.deepEqual(names.filter((n) => /^cache\.r7gd\.|^db\.x2gd\.|^db\.r7gd\.|^cache\.x2gd\./.test(n)), []);
  // Data tiering exists on r6gd only (aws-facts.md §1), for both services.
  assert.deepEqual([...new Set(NODE_TYPES.filter((n) => n.dataTiering).map((n) => n.family))], ['r6gd']);
  for (const n of NODE_TYPES) assert.ok(['current', 'previous'].includes(n.generation) && n.engines.length > 0 && n.family === n.nodeType.split('.')[1], n.nodeType);
  for (const n of NODE_TYPES) {
    assert.match(n.nodeType, n.service === 'memorydb' ? /^db\./ : /^cache\./);
    assert.match(n.source, /^https:\/\/docs\.aws\.amazon\.com\//);
  }
});

test('shape: baseline/burst parsed from the network text, generation, engines, data tiering', () => {
  const r7g = nodeType('cache.r7g.large')!;
  assert.deepEqual([r7g.baselineGbps, r7g.burstGbps, r7g.family, r7g.generation], [0.937, 12.5, 'r7g', 'current']);
  assert.deepEqual(r7g.engines, ['valkey', 'redis', 'memcached']);
  const big = nodeType('cache.r7g.16xlarge')!;
  assert.deepEqual([big.memoryGiB, big.vcpu, big.baselineGbps, big.burstGbps], [419.09, 64, 30, undefined]);
  // 635.61 GiB is cache.r5.24xlarge, not r7g.16xlarge (aws-facts.md, claim check).
  assert.equal(nodeType('cache.r5.24xlarge')!.memoryGiB, 635.61);
  assert.equal(nodeType('cache.t2.micro')!.generation, 'previous');
  assert.deepEqual(NODE_TYPES.filter((n) => n.generation === 'previous').map((n) => n.family), ['t2', 't2', 't2']);
  assert.deepEqual(nodeType('cache.r6gd.xlarge')!.dataTiering, { ssdGiB: 99.33 });
  assert.deepEqual(nodeType('cache.r6gd.16xlarge')!.dataTiering, { ssdGiB: 1592.56 });
  assert.deepEqual(nodeType('cache.r6gd.xlarge')!.engines, ['valkey', 'redis']);
  assert.deepEqual(nodeType('cache.r8g.large')!.engines, ['valkey', 'memcached']);
  assert.equal(nodeType('db.r6gd.8xlarge')!.dataTiering!.ssdGiB, 796.28);
  assert.equal(NODE_TYPES.filter((n) => n.dataTiering).length, 6 + 4);
});

test('maxmemory bytes from GiB, and the families the planner considers', () => {
  // 419.09 × 2^30 = 449,897,824,256 + 0.09 × 2^30 (96,636,764.16) = 449,994,461,020.16 → 449,994,461,020 B.
  // The parameter table's maxmemory is 450,000,750,456 B (419.0959 GiB, shown truncated): 6,289,436 B (0.006 GiB) apart.
  assert.equal(maxmemoryBytes(nodeType('cache.r7g.16xlarge')!), 449_994_461_020);
  assert.equal(450_000_750_456 - 449_994_461_020, 6_289_436);
  const redis = familiesFor('elasticache', 'redis');
  assert.ok(!redis.has('r8g') && !redis.has('t2') && redis.has('r6gd'));
  assert.deepEqual(redis.get('r7g')!.map((n) => n.nodeType.split('.')[2]), ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge']);
  assert.deepEqual([...familiesFor('memorydb', 'valkey').keys()].sort(), ['r6g', 'r6gd', 'r7g', 't4g']);
  assert.ok(!familiesFor('elasticache', 'memcached').has('r6gd'));
});
