/**
 * Validation: what no engine accepts is an error naming the field, in one wording ("<field> is required for …",
 * "<field> must be …"); what a parameter can raise is a warning that names the parameter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputWarnings, planSizing, validateWorkload, type WorkloadDraft } from '../../../server/src/sizing';

const fails = (d: WorkloadDraft) => {
  const v = validateWorkload(d);
  assert.ok(!v.ok, `accepted: ${JSON.stringify(d)}`);
  return [v.error.field, v.error.message];
};
const accepts = (d: WorkloadDraft) => {
  const v = validateWorkload(d);
  assert.ok(v.ok, v.ok ? '' : v.error.message);
  return v.workload;
};
const items = (o: Record<string, unknown>) => ({ kind: 'items', type: 'string', keys: 10, keyBytes: 20, valueBytes: 100, ...o });

test('Memcached keys: 250 bytes is the protocol limit (doc/protocol.txt); 251 is an error on --key-bytes', () => {
  accepts({ engine: 'memcached', data: items({ keyBytes: 250 }) });
  assert.deepEqual(fails({ engine: 'memcached', data: items({ keyBytes: 251 }) }),
    ['data.keyBytes', 'data.keyBytes must be at most 250 bytes for Memcached (the protocol\'s key length limit; got 251)']);
  // Valkey keys are bulk strings: 251 is fine there.
  accepts({ engine: 'valkey', data: items({ keyBytes: 251 }) });
});

test('Valkey/Redis OSS: no key, value or field name over proto-max-bulk-len 512 MiB (2^29 B)', () => {
  const max = 512 * 2 ** 20; // 536,870,912
  accepts({ engine: 'redis', data: items({ valueBytes: max }) });
  assert.deepEqual(fails({ engine: 'redis', data: items({ valueBytes: max + 1 }) }),
    ['data.valueBytes', 'data.valueBytes must be at most 512 MiB (proto-max-bulk-len, 536870912 B, the most it can be set to; got 536870913)']);
  assert.deepEqual(fails({ engine: 'valkey', data: items({ valueBytes: '513 MiB' }) })[0], 'data.valueBytes');
  assert.deepEqual(fails({ engine: 'valkey', data: items({ type: 'hash', fields: 2, fieldBytes: max + 1 }) })[0], 'data.fieldBytes');
});

test('Memcached values over max_item_size (1 MiB default) are a warning naming the parameter, not an error', () => {
  // A 1,048,576 B value: item = 48 header + 8 CAS + 20 key + 1 + 4 flags + 1,048,576 + 2 = 1,048,659 B > 1,048,576.
  const w = accepts({ engine: 'memcached', data: items({ valueBytes: '1 MiB' }) });
  assert.deepEqual(inputWarnings(w), ['Memcached items of 1048659 B (key, value and item header) are over max_item_size 1048576 B (1 MiB, the default): raise max_item_size in a custom parameter group (it takes effect after a restart), or split the values']);
  assert.equal(planSizing(w).warnings[0], inputWarnings(w)[0]);
  // 1,048,576 − 83 B of header and key = 1,048,493 B values fit exactly.
  assert.deepEqual(inputWarnings(accepts({ engine: 'memcached', data: items({ valueBytes: 1_048_493 }) })), []);
  assert.equal(inputWarnings(accepts({ engine: 'memcached', data: items({ valueBytes: 1_048_494 }) })).length, 1);
});

test('messages read "<field> <verb>": required, applies, needs, must', () => {
  const name = (f: string) => ({ 'data.type': '--type', 'data.fields': '--fields', 'data.fieldBytes': '--field-bytes', engine: '--engine', role: '--role' }[f] ?? f);
  const v = (d: WorkloadDraft) => { const r = validateWorkload(d, name as never); assert.ok(!r.ok); return r.error.message; };
  assert.equal(v({ engine: 'valkey', data: items({ type: 'hash' }) }), '--fields is required for --type hash (entries per key)');
  assert.equal(v({ engine: 'valkey', data: items({ type: 'hash', fields: 3 }) }), '--field-bytes is required for --type hash (the length of each field name)');
  assert.equal(v({ engine: 'valkey', data: items({ fields: 3 }) }), '--fields applies to --type hash, --type set, --type zset or --type list, not --type string');
  assert.equal(v({ engine: 'valkey', data: items({ type: 'set', fields: 3, fieldBytes: 4 }) }), '--field-bytes applies to --type hash only, not --type set');
  assert.equal(v({ engine: 'redis', role: 'durable-cache', data: items({}) }), '--role durable-cache needs --engine valkey (it is ElastiCache for Valkey\'s durability option); for Redis OSS use --role database (MemoryDB)');
  assert.equal(v({ data: items({}) }), '--engine is required (valkey, redis or memcached)');
});

test('integerValues reaches the memory model (Valkey/Redis OSS); Memcached has no integer encoding', () => {
  const w = accepts({ engine: 'valkey', data: items({ valueBytes: 8, integerValues: true }) });
  assert.deepEqual(w.data, { kind: 'items', type: 'string', keys: 10, keyBytes: 20, valueBytes: 8, withTtl: true, integerValues: true });
  const asInts = planSizing(w).estimate.datasetBytes;
  const asStrings = planSizing(accepts({ engine: 'valkey', data: items({ valueBytes: 8 }) })).estimate.datasetBytes;
  assert.ok(asInts < asStrings, `${asInts} < ${asStrings}: integers are stored in the object, not as strings`);
  assert.deepEqual(fails({ engine: 'memcached', data: items({ integerValues: true }) }),
    ['data.integerValues', 'data.integerValues applies to Valkey and Redis OSS: Memcached stores every value as bytes']);
});

test('secondaryRegions: 1 by default with multiRegion, at most 2, only with multiRegion', () => {
  assert.equal(accepts({ engine: 'valkey', data: { bytes: 1e9 }, multiRegion: true }).secondaryRegions, 1);
  assert.equal(accepts({ engine: 'valkey', data: { bytes: 1e9 }, multiRegion: true, secondaryRegions: 2 }).secondaryRegions, 2);
  assert.equal('secondaryRegions' in accepts({ engine: 'valkey', data: { bytes: 1e9 } }), false);
  assert.deepEqual(fails({ engine: 'valkey', data: { bytes: 1e9 }, multiRegion: true, secondaryRegions: 3 }),
    ['secondaryRegions', 'secondaryRegions must be 1 or 2 (Global Datastore replicates to up to two other Regions; got 3)']);
  assert.deepEqual(fails({ engine: 'valkey', data: { bytes: 1e9 }, secondaryRegions: 1 }),
    ['secondaryRegions', 'secondaryRegions applies only with multiRegion']);
});
