/**
 * Key positions from key specs, as the server finds them (redis 7.0 src/db.c getKeysUsingKeySpecs, and
 * sortGetKeys for SORT, whose specs are "unknown"). Works on argv with the values a static analysis knows: a
 * string or a number is a literal, anything else is a value not known.
 */
import type { KeySpec } from './commandTypes';

const isLiteral = (v: unknown): v is string | number | bigint => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint';
const sameWord = (v: unknown, word: string): boolean => isLiteral(v) && String(v).toUpperCase() === word;

function integer(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : undefined;
  if (typeof v === 'bigint') return v >= 0n ? Number(v) : undefined;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/**
 * The argv index where a keyword search lands, or null when the keyword is absent (an optional STORE).
 * A value not known is taken not to be the keyword: real code writes option words out and passes values through
 * variables. With no literal match but values not known, the answer is undefined: one of them might be it.
 */
function keywordStart(spec: KeySpec, argv: readonly unknown[]): number | null | undefined {
  const argc = argv.length;
  const from = spec.from!;
  const start = from > 0 ? from : argc + from;
  const end = from > 0 ? argc - 1 : 0; // exclusive, as in the server: a keyword in the last place has no key after it
  let unknownSeen = false;
  for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
    if (i >= argc || i < 1) break;
    if (sameWord(argv[i], spec.keyword!)) return i + 1;
    if (!isLiteral(argv[i])) unknownSeen = true;
  }
  return unknownSeen ? undefined : null;
}

/** argv indexes of one spec's keys; undefined when they depend on a value not known. */
export function specPositions(spec: KeySpec, argv: readonly unknown[]): number[] | undefined {
  if (spec.unknown) return undefined;
  const argc = argv.length;
  let first: number;
  if (spec.index !== undefined) first = spec.index;
  else {
    const at = keywordStart(spec, argv);
    if (at === undefined) return undefined;
    if (at === null) return [];
    first = at;
  }
  let last: number;
  const step = spec.step!;
  if (spec.numkeys !== undefined) {
    if (first + spec.numkeys >= argc) return [];
    const n = integer(argv[first + spec.numkeys]);
    if (n === undefined) return undefined;
    first += spec.first!;
    last = first + n - 1;
  } else if (spec.last! >= 0) {
    last = first + spec.last!;
  } else if (!spec.limit) {
    last = argc + spec.last!;
  } else {
    last = first + (Math.floor((argc - first) / spec.limit) + spec.last!);
  }
  const out: number[] = [];
  // Past argc is a call with too few arguments: the server answers an arity error, so there are no keys to report.
  for (let i = first; i <= last && i < argc; i += step) out.push(i);
  return out;
}

/**
 * SORT key [BY pattern] [LIMIT offset count] [GET pattern …] [ASC|DESC] [ALPHA] [STORE destination]: the sorted
 * key is argv[1] and STORE's argument is written (src/db.c sortGetKeys: LIMIT skips 2, GET and BY skip 1).
 * A value not known where an option word may stand leaves STORE undecided: undefined.
 */
export function sortPositions(argv: readonly unknown[]): { read: number[]; written: number[] } | undefined {
  if (argv.length < 2) return { read: [], written: [] };
  const skip: Record<string, number> = { LIMIT: 2, GET: 1, BY: 1 };
  let store: number | undefined;
  for (let i = 2; i < argv.length; i++) {
    const v = argv[i];
    if (!isLiteral(v)) return undefined;
    const word = String(v).toUpperCase();
    if (skip[word] !== undefined) i += skip[word];
    else if (word === 'STORE' && i + 1 < argv.length) { store = i + 1; i++; }
  }
  return { read: [1], written: store === undefined ? [] : [store] };
}

/** A spec's keys are modified: read-write, overwritten or removed. */
export const specWrites = (spec: KeySpec): boolean => spec.flags.some((f) => f === 'RW' || f === 'OW' || f === 'RM');
/** Shard channels (SSUBSCRIBE, SPUBLISH) hash like keys but are not keys. */
export const specIsChannel = (spec: KeySpec): boolean => spec.flags.includes('not_key');
