/**
 * Sizes of the Redis OSS 7.0 building blocks on 64-bit (struct layouts from the files in ./sources.ts).
 * Each function returns the bytes the allocator hands out (its jemalloc class) unless it says "raw".
 */
import { jemallocClass } from './jemalloc';

/** dictEntry {key, v, next} (src/dict.h). */
export const DICT_ENTRY = 24;
/** dict {type, ht_table[2], ht_used[2], rehashidx, pauserehash, ht_size_exp[2]} = 52 → 56 with padding (src/dict.h). */
export const DICT_STRUCT = 56;
/** robj {type:4, encoding:4, lru:24, refcount, ptr} (src/server.h). */
export const ROBJ = 16;
/** OBJ_ENCODING_EMBSTR_SIZE_LIMIT (src/object.c): strings up to 44 bytes live in one allocation with their robj. */
export const EMBSTR_LIMIT = 44;
/** DICT_HT_INITIAL_SIZE (src/dict.h). */
export const DICT_MIN_BUCKETS = 4;

/** sdsReqType (src/sds.c): the header type the string's length needs; its header size in bytes. */
export function sdsHeader(len: number): { type: string; bytes: number } {
  if (len < 1 << 5) return { type: 'sdshdr5', bytes: 1 };
  if (len < 1 << 8) return { type: 'sdshdr8', bytes: 3 };
  if (len < 1 << 16) return { type: 'sdshdr16', bytes: 5 };
  if (len < 2 ** 32) return { type: 'sdshdr32', bytes: 9 };
  return { type: 'sdshdr64', bytes: 17 };
}

/** An sds created for a string of `len` bytes: header + bytes + NUL terminator, at its jemalloc class. */
export function sdsAlloc(len: number): number {
  return jemallocClass(sdsHeader(len).bytes + len + 1);
}

/** An embstr: robj and an sdshdr8 in one allocation (createEmbeddedStringObject, src/object.c). */
export function embstrAlloc(len: number): number {
  return jemallocClass(ROBJ + 3 + len + 1);
}

/**
 * Buckets of a dict holding `n` entries that grew by inserts: _dictExpandIfNeeded doubles when used ≥ size, so the
 * table is the next power of two ≥ n (min 4); 8 B per bucket pointer.
 */
export function dictBuckets(n: number): number {
  if (n <= 0) return 0;
  let size = DICT_MIN_BUCKETS;
  while (size < n) size *= 2;
  return size;
}

/**
 * Whether a dict filled by `n` inserts and not touched since still holds its previous table. Incremental rehash
 * moves one non-empty bucket per operation (_dictRehashStep, src/dict.c); the old table of size S/2 had S/2
 * entries, ≈ (1 − 1/e)·S/2 ≈ 0.632·S/2 of its buckets non-empty. `stepsPerInsert` is how many dict calls the
 * command makes per new element (a lookup plus an add = 2). `presized` is a size the dict was created at.
 * Only the keyspace dicts get background rehashing (activerehashing); dicts inside hashes/sets/zsets do not.
 */
export function rehashPending(n: number, stepsPerInsert: number, presized = 0): boolean {
  const size = dictBuckets(n);
  const old = size / 2;
  if (size <= DICT_MIN_BUCKETS || size <= presized || n <= old) return false;
  // The insert that triggers the expansion rehashes before expanding, so it moves nothing.
  const steps = (n - old - 1) * stepsPerInsert;
  return steps < Math.ceil(old * (1 - Math.exp(-1)));
}

/** listpack header: total bytes (4) + element count (2); end marker 1 (src/listpack.c). */
export const LISTPACK_EMPTY = 7;

/** lpEncodeBacklen: bytes needed to store an entry's length (encoding + data) backwards. */
function backlen(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

/** One listpack entry holding a string of `len` bytes (LP_ENCODING_6BIT_STR / 12BIT_STR / 32BIT_STR). */
export function lpStringEntry(len: number): number {
  const head = len <= 63 ? 1 : len <= 4095 ? 2 : 5;
  return head + len + backlen(head + len);
}

/** One listpack entry holding an integer (7-bit uint, 13/16/24/32/64-bit int encodings). */
export function lpIntEntry(v: number): number {
  const head =
    v >= 0 && v <= 127 ? 1
    : v >= -4096 && v <= 4095 ? 2
    : v >= -32768 && v <= 32767 ? 3
    : v >= -8388608 && v <= 8388607 ? 4
    : v >= -2147483648 && v <= 2147483647 ? 5
    : 9;
  return head + backlen(head);
}

/** The largest integer of `digits` decimal digits: the model's conservative stand-in for "an integer this long". */
export function largestOfDigits(digits: number): number {
  return 10 ** Math.max(1, digits) - 1;
}

/** Whether a string of `digits` digits can be stored as a long (string2l: ≤ 20 chars, within int64; 19 digits safe). */
export function integerEncodable(digits: number): boolean {
  return digits >= 1 && digits <= 18;
}

/** intset {encoding:4, length:4, contents[]} (src/intset.h): element width by the largest value. */
export function intsetAlloc(n: number, digits: number): { bytes: number; width: number } {
  const max = largestOfDigits(digits);
  const width = max <= 32767 ? 2 : max <= 2147483647 ? 4 : 8;
  return { bytes: jemallocClass(8 + n * width), width };
}
