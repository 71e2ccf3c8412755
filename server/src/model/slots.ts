/**
 * Cluster hash slots: slot = CRC16/XMODEM(key or its {hash tag}) mod 16384 (valkey-io/valkey src/crc16.c and
 * src/cluster.h; ../shared/reference/aws-facts.md §3 "Key/value sizes, hashing"). Shared by the code rules and hover.
 */
import { hashedPart } from './hash-tag';

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

export const SLOT_COUNT = 16384;

export function keySlot(key: string): number {
  return crc16(hashedPart(key)) & (SLOT_COUNT - 1);
}
