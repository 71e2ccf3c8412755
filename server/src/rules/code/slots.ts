/** Where a key argument hashes, for the cross-slot rules; the CRC itself is model/slots.ts. */
import type { KeyArg } from '../../model/code';
import { keySlot } from '../../model/slots';

export { crc16, keySlot } from '../../model/slots';

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
