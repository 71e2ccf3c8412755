/**
 * What a file's calls say about its keys beyond one call: the interpolations a key name is built from, and the
 * key prefixes a search index (FT.CREATE … PREFIX n p…) turns into documents.
 */
import type { CallArg, CallSite, KeyArg } from '../../model/code';

/** What identifies a key across calls: a literal's value (quoting may differ), else its source text. */
export const keyId = (k: KeyArg): string => (k.kind === 'literal' ? `literal:${k.value}` : `text:${k.text}`);

/** A key's source, cut for a message. */
export const shortKey = (text: string): string => (text.length > 40 ? `${text.slice(0, 37)}...` : text);

/** Hash writes: the documents an FT.CREATE `ON HASH` index (the default) reads. */
const HASH_WRITES = new Set(['HSET', 'HMSET', 'HSETNX', 'HINCRBY', 'HINCRBYFLOAT']);

const sameStart = (a: CallArg, k: KeyArg) =>
  a.range.start.line === k.range.start.line && a.range.start.character === k.range.start.character;

function argAt(args: CallArg[], k: KeyArg): CallArg | undefined {
  for (const a of args) {
    if (sameStart(a, k) && a.kind === 'string') return a;
    if (a.kind === 'list') {
      const inner = argAt(a.items, k);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The interpolated expressions of a template key as written (`{user_id}`, `${id}`); empty when none are written inside the string. */
export function interpolations(call: CallSite, k: KeyArg): string[] {
  const arg = argAt(call.args, k);
  if (arg?.kind !== 'string') return [];
  return arg.segments.flatMap((s) => (s.kind === 'interpolated' && s.text ? [s.text] : []));
}

/**
 * The hash-key prefixes search indexes declared in this file cover: `''` for an index without PREFIX (it reads
 * every hash), `undefined` for one whose prefix is not a literal (it may cover any). JSON indexes are left out:
 * JSON.SET is not among the writes missing-ttl reads.
 */
export type IndexedPrefixes = (string | undefined)[];

const wordOf = (a: CallArg | undefined): string | undefined =>
  a?.kind === 'keyword' ? a.name : a?.kind === 'string' && a.value !== undefined ? a.value.toUpperCase() : undefined;

function countOf(a: CallArg | undefined): number | undefined {
  if (a?.kind === 'number') return a.value;
  if (a?.kind === 'string' && a.value !== undefined && /^\d+$/.test(a.value)) return Number(a.value);
  return undefined;
}

/** One FT.CREATE's prefixes, or none when it does not index hashes. Its arguments: index, then ON, PREFIX … before SCHEMA. */
function prefixesOf(call: CallSite): IndexedPrefixes {
  const args = call.args;
  const schema = args.findIndex((a, i) => i > 0 && wordOf(a) === 'SCHEMA');
  const options = schema < 0 ? args.slice(1) : args.slice(1, schema);
  const on = options.findIndex((a) => wordOf(a) === 'ON');
  if (on >= 0 && wordOf(options[on + 1]) !== 'HASH') return [];
  const at = options.findIndex((a) => wordOf(a) === 'PREFIX');
  if (at < 0) return [''];
  const n = countOf(options[at + 1]);
  if (n === undefined) return [undefined];
  return options.slice(at + 2, at + 2 + n).map((a) => (a.kind === 'string' ? a.value : undefined));
}

export function indexedPrefixes(calls: CallSite[]): IndexedPrefixes {
  return calls.filter((c) => c.command === 'FT.CREATE').flatMap(prefixesOf);
}

/**
 * The write stores a document of a search index: a hash whose name starts with an indexed prefix. A hash key
 * whose name is not known here, in a file that declares an index, is taken to be one: unknown is silent.
 */
export function underPrefix(call: CallSite, k: KeyArg, prefixes: IndexedPrefixes): boolean {
  if (!prefixes.length || !HASH_WRITES.has(call.command)) return false;
  if (k.kind === 'unknown') return true;
  const name = k.kind === 'literal' ? k.value : k.literalPrefix;
  return prefixes.some((p) => p === undefined || name.startsWith(p));
}
