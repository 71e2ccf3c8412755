/** Peak traffic in bytes: what one read and one write move, from the workload or, by default, from the item shape. */
import type { Workload } from './types';

export interface Traffic {
  readsPerSec: number;
  writesPerSec: number;
  readBytes: number;
  writeBytes: number;
  readBytesPerSec: number;
  writeBytesPerSec: number;
  /** How the per-operation sizes were chosen, for the report. */
  note: string;
}

/**
 * The size of one item's value as a command moves it whole: a string's value; a hash's fields × (name + value);
 * a set/zset/list's members × member size. Reading a whole collection per request is the pessimistic case — give
 * readBytes/writeBytes when requests touch one field or member.
 */
export function itemValueBytes(w: Workload): number | undefined {
  const d = w.data;
  if (d.kind === 'total') return undefined;
  const fields = d.fields ?? 1;
  if (d.type === 'string') return d.valueBytes;
  if (d.type === 'hash') return fields * ((d.fieldBytes ?? 0) + d.valueBytes);
  return fields * d.valueBytes;
}

export function trafficOf(w: Workload): Traffic {
  const item = itemValueBytes(w);
  // validateWorkload requires readBytes/writeBytes for a total with traffic, so `?? 0` only meets zero rates.
  const readBytes = w.readBytes ?? item ?? 0;
  const writeBytes = w.writeBytes ?? item ?? 0;
  const defaulted = [w.readBytes === undefined && w.readsPerSec > 0 ? 'reads' : '', w.writeBytes === undefined && w.writesPerSec > 0 ? 'writes' : ''].filter(Boolean);
  return {
    readsPerSec: w.readsPerSec, writesPerSec: w.writesPerSec, readBytes, writeBytes,
    readBytesPerSec: w.readsPerSec * readBytes, writeBytesPerSec: w.writesPerSec * writeBytes,
    note: defaulted.length ? `${defaulted.join(' and ')} move the whole value (${item} B) per request; give --read-bytes/--write-bytes if they touch less` : 'per-request sizes as given',
  };
}
