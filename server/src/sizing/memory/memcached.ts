/**
 * Memcached 1.6 memory for an item-described dataset: each item's size picks a slab class; classes take memory in
 * 1 MB pages; the hash table grows beside the slabs.
 */
import type { DataShape, MemoryEstimate, SizingStep } from '../types';
import { SRC } from './sources';

type Items = Extract<DataShape, { kind: 'items' }>;

/** sizeof(item) on 64-bit: three pointers, time, exptime, nbytes, refcount, it_flags, slabs_clsid, nkey → 48 (memcached.h). */
export const ITEM_HEADER = 48;
/** The CAS value each item carries unless memcached runs with -C (ElastiCache does not offer -C). */
export const CAS_BYTES = 8;
/** Client flags are stored only when non-zero (item_make_header, items.c); most clients set them to tag the type. */
export const FLAGS_BYTES = 4;
/** -n 48 default: the smallest chunk is sizeof(item) + 48 = 96 (slabs_init). */
export const CHUNK_SIZE = 48;
export const GROWTH_FACTOR = 1.25;
export const PAGE_BYTES = 1024 * 1024;
/** slab_chunk_max = page size / 2; larger items are chained from chunks of this size. */
export const CHUNK_MAX = PAGE_BYTES / 2;
const CHUNK_ALIGN = 8;
/** sizeof(item_chunk) (memcached.h): the header of each chunk in a chained item. */
const ITEM_CHUNK_HEADER = 48;
/** hashpower 16 at start: 65,536 buckets × 8 B; doubles when items exceed 1.5 × buckets (assoc.c). */
const HASHPOWER_START = 16;

export const MODEL_MEMCACHED =
  'Memcached 1.6 (64-bit, CAS on, default -n 48 -f 1.25, 1 MB pages, slab_chunk_max 512 KB); checked against memcached 1.6.18.';

export interface SlabClass { id: number; size: number; perSlab: number }

/** slabs_init: sizes from 96 growing ×1.25 (8-byte aligned) until the next would pass 512 KB / 1.25; last = 512 KB. */
export function slabClasses(): SlabClass[] {
  const out: SlabClass[] = [];
  let size = ITEM_HEADER + CHUNK_SIZE;
  let id = 1;
  while (size < CHUNK_MAX / GROWTH_FACTOR) {
    if (size % CHUNK_ALIGN) size += CHUNK_ALIGN - (size % CHUNK_ALIGN);
    out.push({ id: id++, size, perSlab: Math.floor(PAGE_BYTES / size) });
    size = Math.floor(size * GROWTH_FACTOR);
  }
  out.push({ id, size: CHUNK_MAX, perSlab: Math.floor(PAGE_BYTES / CHUNK_MAX) });
  return out;
}

const CLASSES = slabClasses();

/** The smallest class whose chunk holds `bytes` (slabs_clsid). */
export function slabClassFor(bytes: number): SlabClass {
  const c = CLASSES.find((k) => k.size >= bytes);
  if (!c) throw new RangeError(`${bytes} B needs a chained item`);
  return c;
}

/** ITEM_ntotal: header + CAS + key + NUL + flags suffix + value + "\r\n". */
export function itemBytes(keyBytes: number, valueBytes: number, flags = true): number {
  return ITEM_HEADER + CAS_BYTES + keyBytes + 1 + (flags ? FLAGS_BYTES : 0) + valueBytes + 2;
}

const n0 = (x: number) => x.toLocaleString('en-US');

export function estimateMemcached(data: Items): MemoryEstimate {
  const steps: SizingStep[] = [];
  const encodings: string[] = [];
  const F = Math.max(1, data.fields ?? 1);
  // Memcached stores one opaque value per key: a collection is whatever the client serialises it to.
  const V = data.type === 'string' ? data.valueBytes
    : data.type === 'hash' ? F * ((data.fieldBytes ?? data.valueBytes) + data.valueBytes)
    : F * data.valueBytes;
  if (data.type !== 'string') encodings.push(`memcached: ${data.type} stored as one serialised value of ${n0(V)} B (no per-field overhead counted)`);
  const N = data.keys;
  const total = itemBytes(data.keyBytes, V);
  const pageUse = new Map<number, number>(); // class id → chunks
  const use = (c: SlabClass, count: number) => pageUse.set(c.id, (pageUse.get(c.id) ?? 0) + count);

  if (total <= CHUNK_MAX) {
    const c = slabClassFor(total);
    use(c, N);
    encodings.push(`memcached: slab class ${c.id} (${n0(c.size)} B chunks, ${n0(c.perSlab)} per 1 MB page) for ${n0(total)} B items`);
    const pages = Math.ceil(N / c.perSlab);
    steps.push({
      label: `${n0(N)} items × ${n0(total)} B (header 48 + CAS 8 + key ${data.keyBytes} + 1 + flags 4 + value ${n0(V)} + 2) → class ${c.id} ${n0(c.size)} B chunks`,
      bytes: N * c.size,
      note: 'Each item takes a whole chunk of the smallest class that fits it.', source: SRC.mcItems,
    });
    steps.push({
      label: `slab pages: ⌈${n0(N)} / ${n0(c.perSlab)}⌉ = ${n0(pages)} × 1 MB − chunks above`,
      bytes: pages * PAGE_BYTES - N * c.size,
      note: 'A class takes memory a whole 1 MB page at a time (what stats slabs total_malloced counts); the rest of the last page and the page tail beyond the last whole chunk are unusable by other classes.',
      source: SRC.mcSlabs,
    });
  } else {
    // Chained item (items.c do_item_alloc): a header chunk, full 512 KB chunks, and a last chunk of the class that fits the rest.
    const header = slabClassFor(ITEM_HEADER + CAS_BYTES + data.keyBytes + 1 + FLAGS_BYTES + ITEM_CHUNK_HEADER);
    const per = CHUNK_MAX - ITEM_CHUNK_HEADER;
    const body = V + 2;
    const fullChunks = Math.floor(body / per);
    const rest = body - fullChunks * per;
    use(header, N);
    use(CLASSES[CLASSES.length - 1]!, N * fullChunks);
    if (rest > 0) use(slabClassFor(rest + ITEM_CHUNK_HEADER), N);
    encodings.push(`memcached: chained item (${n0(total)} B > slab_chunk_max 512 KB): header in class ${header.id}, ${fullChunks} × 512 KB chunks${rest > 0 ? ' + a tail chunk' : ''}`);
    let chunkBytes = 0;
    for (const [id, count] of pageUse) chunkBytes += count * CLASSES[id - 1]!.size;
    steps.push({ label: `${n0(N)} chained items: header + ${fullChunks} × 512 KB chunks${rest > 0 ? ' + tail' : ''}`, bytes: chunkBytes,
      note: 'Items over slab_chunk_max are split across chunks.', source: SRC.mcItems });
    let pageBytes = 0;
    for (const [id, count] of pageUse) pageBytes += Math.ceil(count / CLASSES[id - 1]!.perSlab) * PAGE_BYTES;
    steps.push({ label: 'slab pages (1 MB each) − chunks above', bytes: pageBytes - chunkBytes,
      note: 'Each class used takes whole pages.', source: SRC.mcSlabs });
  }

  let power = HASHPOWER_START;
  while (N > 1.5 * 2 ** power) power++;
  const grown = (2 ** power - 2 ** HASHPOWER_START) * 8;
  steps.push({
    label: `hash table growth: 2^${power} buckets × 8 B − the 2^${HASHPOWER_START} an empty server has`,
    bytes: grown,
    note: 'The item hash table lives outside the slab memory (-m / max_cache_memory does not cap it) and doubles when items exceed 1.5 × buckets.',
    source: SRC.mcAssoc,
  });
  const datasetBytes = steps.reduce((s, x) => s + x.bytes, 0);
  return { datasetBytes, steps, model: MODEL_MEMCACHED, encodings };
}
