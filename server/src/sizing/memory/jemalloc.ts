/**
 * jemalloc 5 size classes on 64-bit Linux (16-byte quantum): 8, then multiples of 16 up to 128, then four classes
 * per doubling (160, 192, 224, 256, 320, …). Redis's used_memory adds `malloc_usable_size()` of each allocation
 * (src/zmalloc.c, HAVE_MALLOC_SIZE), so every allocation counts at its class, not at the size asked for.
 */
export const JEMALLOC_SOURCE = 'https://jemalloc.net/jemalloc.3.html#size_classes';

export function jemallocClass(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`allocation size ${bytes}`);
  if (bytes <= 8) return 8;
  if (bytes <= 128) return Math.ceil(bytes / 16) * 16;
  // In (p/2, p] the classes are p/2 + k·p/8 for k = 1…4.
  let p = 256;
  while (p < bytes) p *= 2;
  const spacing = p / 8;
  return Math.ceil(bytes / spacing) * spacing;
}
