/**
 * Cluster hash slots: slot = CRC16/XMODEM(key or its {hash tag}) mod 16384 (valkey-io/valkey src/crc16.c and
 * src/cluster.h; ../shared/reference/aws-facts.md §3 "Key/value sizes, hashing").
 */
import type { KeyArg } from '../../model/code';
import { hashedPart } from '../../model/hash-tag';

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  return t;
})();

/** CRC16/XMODEM over the UTF-8 bytes of `s` (poly 0x1021, init 0, no reflection). "123456789" → 0x31C3. */
export function crc16(s: string): number {
  let crc = 0;
  for (const byte of new TextEncoder().encode(s)) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

export function keySlot(key: string): number {
  return crc16(hashedPart(key)) & 0x3fff;
}

/**
 * What is known about where a key argument hashes: a concrete slot, a dynamic tag shared by text, or nothing.
 */
export type SlotInfo = { kind: 'slot'; slot: number } | { kind: 'dynamicTag'; text: string } | { kind: 'unknown' };

export function slotOf(key: KeyArg): SlotInfo {
  if (key.kind === 'literal') return { kind: 'slot', slot: keySlot(key.value) };
  if (key.kind === 'template') {
    if (key.hashTag !== undefined && key.hashTag.length > 0) return { kind: 'slot', slot: keySlot(`{${key.hashTag}}`) };
    if (key.hashTagText) return { kind: 'dynamicTag', text: key.hashTagText };
  }
  return { kind: 'unknown' };
}
