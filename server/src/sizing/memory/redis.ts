/**
 * Redis OSS 7.0 / Valkey 7.2 memory for an item-described dataset: keyspace overhead, then each data type's
 * encoding at the default thresholds (redis.conf). Figures are per allocation at its jemalloc class.
 */
import type { DataShape, MemoryEstimate, SizingStep } from '../types';
import { JEMALLOC_SOURCE, jemallocClass } from './jemalloc';
import {
  DICT_ENTRY, DICT_STRUCT, EMBSTR_LIMIT, LISTPACK_EMPTY, ROBJ, dictBuckets, embstrAlloc, integerEncodable,
  intsetAlloc, largestOfDigits, lpIntEntry, lpStringEntry, rehashPending, sdsAlloc, sdsHeader,
} from './redisStructs';
import { SRC } from './sources';

/** '7.0': Redis OSS 7.0 (ElastiCache Redis OSS 7.0/7.1). '7.2': Valkey 7.2 = Redis 7.2 encodings. */
export type RedisFlavour = '7.0' | '7.2';

/**
 * The defaults the encodings switch on (src/config.c; what `CONFIG GET *-max-*` answers on a server started without
 * a config file). hash-max-listpack-entries is 512, not 128 like the zset one.
 */
export const THRESHOLDS = {
  hashEntries: 512, hashValue: 64,
  setIntsetEntries: 512, setListpackEntries: 128, setListpackValue: 64,
  zsetEntries: 128, zsetValue: 64,
  /** list-max-listpack-size -2: a quicklist node's listpack holds at most 8 KB. */
  listNodeBytes: 8192,
} as const;

/** clusterDictEntryMetadata {prev, next} (src/cluster.h): in cluster mode every keyspace entry is in a per-slot list. */
const CLUSTER_ENTRY_METADATA = 16;

/** ZSKIPLIST_MAXLEVEL 32, ZSKIPLIST_P 0.25 (src/server.h). */
const ZSL_MAXLEVEL = 32;
const ZSL_P = 0.25;
/** Sorted-set scores assumed integral below 2^31 (Unix seconds, counters): d2string gives digits, stored as int32. */
const SCORE_SAMPLE = 1_700_000_000;

type Items = Extract<DataShape, { kind: 'items' }>;

const n0 = (x: number) => x.toLocaleString('en-US');

export const MODEL_70 =
  'Redis OSS 7.0 (ElastiCache for Redis OSS 7.0/7.1), 64-bit, jemalloc 5; checked against redis-server 7.0.15. ' +
  'With cluster mode enabled each keyspace dictEntry carries 16 B of slot-list links (48 B class).';
export const MODEL_72 =
  'Valkey 7.2 (Redis OSS 7.2 encodings: small sets and lists as listpacks), 64-bit, jemalloc 5. Valkey 8.0 ' +
  'embeds keys in their objects and 8.1 replaces the dict with a denser hashtable; both use less memory than this, ' +
  'so the model is conservative there.';

export function estimateRedis(data: Items, withTtl: boolean, flavour: RedisFlavour, clusterMode = false): MemoryEstimate {
  const steps: SizingStep[] = [];
  const encodings: string[] = [];
  const N = data.keys;
  const add = (label: string, bytes: number, note: string, source: string) => {
    steps.push({ label, bytes, note, source });
  };
  const entry = jemallocClass(DICT_ENTRY);
  const keyEntry = jemallocClass(DICT_ENTRY + (clusterMode ? CLUSTER_ENTRY_METADATA : 0));

  if (clusterMode) {
    add(`${n0(N)} keys × dictEntry + slot links (${DICT_ENTRY} + ${CLUSTER_ENTRY_METADATA} → ${keyEntry} B jemalloc class)`, N * keyEntry,
      'One entry per key in the keyspace dict; in cluster mode it also links the key into its slot\'s key list (clusterDictEntryMetadata).',
      SRC.cluster);
  } else {
    add(`${n0(N)} keys × dictEntry (${DICT_ENTRY} → ${entry} B jemalloc class)`, N * entry,
      'One entry per key in the keyspace dict: key pointer, value pointer, chain pointer.', SRC.dict);
  }
  const buckets = dictBuckets(N);
  add(`keyspace bucket array: ${n0(buckets)} buckets × 8 B`, buckets * 8,
    `The dict doubles when it holds as many keys as buckets: the next power of two ≥ ${n0(N)}. While it rehashes ` +
    `after a doubling the old array (half the size) exists too; activerehashing finishes that within ~1 s.`, SRC.dictC);
  const hdr = sdsHeader(data.keyBytes);
  const keyAlloc = sdsAlloc(data.keyBytes);
  add(`${n0(N)} key names × sds (${hdr.type} ${hdr.bytes} + ${data.keyBytes} + 1 → ${keyAlloc} B)`, N * keyAlloc,
    'The keyspace keeps each key as its own sds string (dbAdd copies it).', SRC.db);

  const value = valueSteps(data, flavour);
  for (const s of value.steps) add(s.label, Math.round(N * s.perKey), s.note, s.source);
  encodings.push(value.encoding);

  if (withTtl) {
    add(`${n0(N)} TTLs × dictEntry in the expires dict (${DICT_ENTRY} → ${entry} B)`, N * entry,
      'The expires dict shares the key sds and stores the expiry time in the entry itself.', SRC.expire);
    add(`expires bucket array: ${n0(buckets)} buckets × 8 B`, buckets * 8,
      'Same growth rule as the keyspace dict.', SRC.dictC);
  }

  const datasetBytes = steps.reduce((s, x) => s + x.bytes, 0);
  return { datasetBytes, steps, model: flavour === '7.0' ? MODEL_70 : MODEL_72, encodings };
}

interface PerKey { label: string; perKey: number; note: string; source: string }

function valueSteps(data: Items, flavour: RedisFlavour): { encoding: string; steps: PerKey[] } {
  const F = Math.max(1, data.fields ?? 1);
  const V = data.valueBytes;
  const ints = data.integerValues === true && integerEncodable(V);
  const nk = n0(data.keys);
  const robj: PerKey = { label: `${nk} × robj (${ROBJ} B)`, perKey: ROBJ, note: 'The value object header.', source: SRC.server };
  const valueEntry = ints ? lpIntEntry(largestOfDigits(V)) : lpStringEntry(V);
  const valueEntryText = ints ? `int ${valueEntry} B` : `${V} B string ${valueEntry} B`;

  switch (data.type) {
    case 'string': {
      if (ints) {
        return {
          encoding: `string: int (value of ${V} digits fits a long; shared 0–9999 objects are not used when maxmemory is set with an LRU/LFU policy)`,
          steps: [{ ...robj, note: 'The integer lives in the robj pointer field: no separate allocation.', source: SRC.object }],
        };
      }
      if (V <= EMBSTR_LIMIT) {
        const a = embstrAlloc(V);
        return {
          encoding: `string: embstr (${V} B ≤ ${EMBSTR_LIMIT} B embstr limit; values assumed not numeric)`,
          steps: [{ label: `${nk} values × embstr (robj 16 + sdshdr8 3 + ${V} + 1 → ${a} B)`, perKey: a,
            note: 'Object and string in one allocation.', source: SRC.object }],
        };
      }
      const h = sdsHeader(V);
      const a = sdsAlloc(V);
      return {
        encoding: `string: raw (${V} B > ${EMBSTR_LIMIT} B embstr limit; values assumed not numeric)`,
        steps: [robj, { label: `${nk} values × sds (${h.type} ${h.bytes} + ${V} + 1 → ${n0(a)} B)`, perKey: a,
          note: 'A separate sds allocation for the value.', source: SRC.sds }],
      };
    }
    case 'hash': {
      const FB = data.fieldBytes ?? V;
      if (F <= THRESHOLDS.hashEntries && FB <= THRESHOLDS.hashValue && V <= THRESHOLDS.hashValue) {
        const fe = lpStringEntry(FB);
        const raw = LISTPACK_EMPTY + F * (fe + valueEntry);
        const a = jemallocClass(raw);
        return {
          encoding: `hash: listpack (${F} fields ≤ hash-max-listpack-entries ${THRESHOLDS.hashEntries}, fields ${FB} B and values ${V} B ≤ hash-max-listpack-value ${THRESHOLDS.hashValue})`,
          steps: [robj, { label: `${nk} × listpack (7 + ${F} × (${fe} + ${valueEntry}) = ${n0(raw)} → ${n0(a)} B)`, perKey: a,
            note: `Each field and value is one listpack entry: encoding byte(s) + data + back-length (value: ${valueEntryText}).`, source: SRC.listpack }],
        };
      }
      const why = F > THRESHOLDS.hashEntries
        ? `${F} fields > hash-max-listpack-entries ${THRESHOLDS.hashEntries}`
        : `a field or value over hash-max-listpack-value ${THRESHOLDS.hashValue} B`;
      // Converting at the 513th field presizes the dict for 513 (dictExpand in hashTypeConvertListpack).
      const presized = F > THRESHOLDS.hashEntries && FB <= THRESHOLDS.hashValue && V <= THRESHOLDS.hashValue
        ? dictBuckets(THRESHOLDS.hashEntries + 1) : 0;
      const perField = jemallocClass(DICT_ENTRY) + sdsAlloc(FB) + sdsAlloc(V);
      return {
        encoding: `hash: hashtable (${why})`,
        steps: [robj, ...dictSteps(nk, F, 2, presized, 'field'),
          { label: `${nk} × ${n0(F)} fields × (dictEntry 32 + field sds ${sdsAlloc(FB)} + value sds ${sdsAlloc(V)} B)`,
            perKey: F * perField, note: 'Field and value are separate sds strings.', source: SRC.tHash }],
      };
    }
    case 'set': {
      if (data.integerValues === true && integerEncodable(V) && F <= THRESHOLDS.setIntsetEntries) {
        const is = intsetAlloc(F, V);
        return {
          encoding: `set: intset (${F} integer members ≤ set-max-intset-entries ${THRESHOLDS.setIntsetEntries}, ${is.width}-byte elements)`,
          steps: [robj, { label: `${nk} × intset (8 + ${F} × ${is.width} → ${n0(is.bytes)} B)`, perKey: is.bytes,
            note: 'A sorted array of integers; width set by the largest member.', source: SRC.intset }],
        };
      }
      if (flavour === '7.2' && F <= THRESHOLDS.setListpackEntries && V <= THRESHOLDS.setListpackValue) {
        const raw = LISTPACK_EMPTY + F * valueEntry;
        const a = jemallocClass(raw);
        return {
          encoding: `set: listpack (${F} members ≤ set-max-listpack-entries ${THRESHOLDS.setListpackEntries}, ${V} B ≤ set-max-listpack-value ${THRESHOLDS.setListpackValue}; Valkey/Redis 7.2+, Redis 7.0 has no set listpack)`,
          steps: [robj, { label: `${nk} × listpack (7 + ${F} × ${valueEntry} = ${n0(raw)} → ${n0(a)} B)`, perKey: a,
            note: 'Each member is one listpack entry.', source: SRC.tSet72 }],
        };
      }
      const why = flavour === '7.0'
        ? (data.integerValues === true && integerEncodable(V) ? `${F} members > set-max-intset-entries ${THRESHOLDS.setIntsetEntries}` : 'string members; Redis 7.0 has no set listpack')
        : (F > THRESHOLDS.setListpackEntries ? `${F} members > set-max-listpack-entries ${THRESHOLDS.setListpackEntries}` : `members over set-max-listpack-value ${THRESHOLDS.setListpackValue} B`);
      // Converting an intset presizes the dict for its length; a set of strings grows from 4 buckets.
      const presized = flavour === '7.2' ? dictBuckets(F)
        : data.integerValues === true && integerEncodable(V) ? dictBuckets(THRESHOLDS.setIntsetEntries) : 0;
      const perMember = jemallocClass(DICT_ENTRY) + sdsAlloc(V);
      return {
        encoding: `set: hashtable (${why})`,
        steps: [robj, ...dictSteps(nk, F, 1, presized, 'member'),
          { label: `${nk} × ${n0(F)} members × (dictEntry 32 + sds ${sdsAlloc(V)} B)`, perKey: F * perMember,
            note: 'Members are dict keys with no value.', source: SRC.tSet }],
      };
    }
    case 'zset': {
      if (F <= THRESHOLDS.zsetEntries && V <= THRESHOLDS.zsetValue) {
        const se = lpIntEntry(SCORE_SAMPLE);
        const raw = LISTPACK_EMPTY + F * (valueEntry + se);
        const a = jemallocClass(raw);
        return {
          encoding: `zset: listpack (${F} members ≤ zset-max-listpack-entries ${THRESHOLDS.zsetEntries}, ${V} B ≤ zset-max-listpack-value ${THRESHOLDS.zsetValue}; scores assumed integers < 2^31)`,
          steps: [robj, { label: `${nk} × listpack (7 + ${F} × (member ${valueEntry} + score ${se}) = ${n0(raw)} → ${n0(a)} B)`, perKey: a,
            note: 'Member and score are adjacent listpack entries; an integral score is stored as an integer.', source: SRC.tZset }],
        };
      }
      const why = F > THRESHOLDS.zsetEntries ? `${F} members > zset-max-listpack-entries ${THRESHOLDS.zsetEntries}` : `members over zset-max-listpack-value ${THRESHOLDS.zsetValue} B`;
      const node = expectedSkiplistNode();
      const fixed = 16 + jemallocClass(32) + jemallocClass(24 + ZSL_MAXLEVEL * 16);
      const perMember = jemallocClass(DICT_ENTRY) + sdsAlloc(V) + node;
      return {
        encoding: `zset: skiplist (${why})`,
        steps: [robj,
          { label: `${nk} × zset + zskiplist structs + 32-level header node (16 + 32 + ${jemallocClass(24 + ZSL_MAXLEVEL * 16)} B)`, perKey: fixed,
            note: 'A zset is a dict (member → score) plus a skiplist (score order).', source: SRC.server },
          ...dictSteps(nk, F, 2, 0, 'member'),
          { label: `${nk} × ${n0(F)} members × (dictEntry 32 + sds ${sdsAlloc(V)} + skiplist node ${node.toFixed(1)} B expected)`,
            perKey: F * perMember,
            note: 'Node = 24 B + 16 B per level; levels are geometric with p = 0.25 (expected size over the jemalloc classes). The dict and the node share the member sds.',
            source: SRC.tZset }],
      };
    }
    case 'list': {
      // _quicklistNodeAllowInsert: a node takes another entry while sz + len + ziplist-style overhead ≤ 8192.
      const ovh = (V < 254 ? 1 : 5) + (V < 64 ? 1 : V < 16384 ? 2 : 5);
      const perNode = Math.max(1, Math.floor((THRESHOLDS.listNodeBytes - LISTPACK_EMPTY - V - ovh) / valueEntry) + 1);
      const nodes = Math.ceil(F / perNode);
      const last = F - (nodes - 1) * perNode;
      const full = jemallocClass(LISTPACK_EMPTY + perNode * valueEntry);
      const lastAlloc = jemallocClass(LISTPACK_EMPTY + last * valueEntry);
      const lpBytes = (nodes - 1) * full + lastAlloc;
      if (flavour === '7.2' && nodes === 1) {
        return {
          encoding: `list: listpack (${F} entries fit one 8 KB listpack, list-max-listpack-size -2; Valkey/Redis 7.2+)`,
          steps: [robj, { label: `${nk} × listpack (7 + ${F} × ${valueEntry} → ${n0(lastAlloc)} B)`, perKey: lastAlloc,
            note: 'Small lists are one listpack without a quicklist.', source: SRC.tList72 }],
        };
      }
      const node = jemallocClass(40);
      return {
        encoding: `list: quicklist (${nodes} node(s) of up to ${perNode} entries: list-max-listpack-size -2 = 8 KB listpacks)`,
        steps: [robj,
          { label: `${nk} × quicklist struct (40 → ${jemallocClass(40)} B)`, perKey: jemallocClass(40), note: 'head, tail, counts, fill.', source: SRC.quicklist },
          { label: `${nk} × ${nodes} quicklist node(s) × (40 → ${node} B)`, perKey: nodes * node, note: 'One node per listpack.', source: SRC.quicklist },
          { label: `${nk} × listpacks (${nodes - 1} × ${n0(full)} + ${n0(lastAlloc)} B)`, perKey: lpBytes,
            note: `Entries of ${valueEntry} B each (${valueEntryText}).`, source: SRC.quicklistC }],
      };
    }
  }
}

/** The dict struct and bucket array(s) inside a hashtable-encoded hash, set or zset. */
function dictSteps(nk: string, F: number, stepsPerInsert: number, presized: number, what: string): PerKey[] {
  const size = Math.max(dictBuckets(F), presized);
  const out: PerKey[] = [
    { label: `${nk} × dict struct (${DICT_STRUCT} → ${jemallocClass(DICT_STRUCT)} B)`, perKey: jemallocClass(DICT_STRUCT), note: 'The collection\'s own dict.', source: SRC.dict },
    { label: `${nk} × bucket array (${n0(size)} × 8 B)`, perKey: size * 8,
      note: `Next power of two ≥ ${n0(F)} ${what}s.`, source: SRC.dictC },
  ];
  if (rehashPending(F, stepsPerInsert, presized)) {
    out.push({ label: `${nk} × previous bucket array still rehashing (${n0(size / 2)} × 8 B)`, perKey: size * 4,
      note: `Filled by inserts, the dict doubled at ${n0(size / 2)} ${what}s and has had too few operations since to finish ` +
        'moving buckets (one per operation; only the keyspace rehashes in the background). Reads finish it.',
      source: SRC.dictC });
  }
  return out;
}

/** Expected skiplist node allocation: Σ P(level) × class(24 + 16·level). */
export function expectedSkiplistNode(): number {
  let e = 0;
  for (let level = 1; level <= ZSL_MAXLEVEL; level++) {
    const p = level < ZSL_MAXLEVEL ? (1 - ZSL_P) * ZSL_P ** (level - 1) : ZSL_P ** (ZSL_MAXLEVEL - 1);
    e += p * jemallocClass(24 + 16 * level);
  }
  return e;
}

export { JEMALLOC_SOURCE };
