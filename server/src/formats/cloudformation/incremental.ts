/**
 * A block-style template composed piece by piece (see chunks.ts), each piece's nodes reused from the last parse of
 * the file when its text is unchanged, and assembled into the same root mapping a whole parse gives. Only clean
 * pieces are used: any error, any piece that is not exactly one `key: value`, and any key written twice across
 * pieces make it return undefined, and the caller parses the whole text, so that errors are always the whole
 * parse's own.
 */
import { isAlias, isMap, isScalar, isSeq, Pair, YAMLMap, type Node } from 'yaml';
import { composePiece } from './compose';
import type { Section, Span } from './chunks';
import { pairOf, placeAt, type Piece, type Pieces } from './memo';
import { moveRanges } from './ranges';

export interface Assembled {
  root: YAMLMap;
  /** The pieces this parse used, for the next one. */
  pieces: Pieces;
  /** Whether a reused piece was moved, which leaves the nodes of the parse that used it before at wrong offsets. */
  moved: boolean;
  /** Whether any piece holds an alias. */
  aliases: boolean;
}

export function composePieces(text: string, sections: Section[], previous: Pieces | undefined): Assembled | undefined {
  const pieces: Pieces = new Map();
  const used = new Set<Piece>();
  const placed: { piece: Piece; start: number }[] = [];
  const take = ({ start, end }: Span, header: boolean): boolean => {
    const chunk = text.slice(start, end);
    const piece = previous?.get(chunk)?.find((p) => !used.has(p)) ?? fresh(detached(chunk), start, header);
    if (!piece) return false;
    used.add(piece);
    const same = pieces.get(piece.text);
    if (same) same.push(piece); else pieces.set(piece.text, [piece]);
    placed.push({ piece, start });
    return true;
  };
  for (const s of sections) {
    if (!s.entries) { if (!take(s, false)) return undefined; continue; }
    if (!take({ start: s.start, end: s.entries[0].start }, true)) return undefined;
    for (const e of s.entries) if (!take(e, false)) return undefined;
  }
  const built = assemble(sections, placed.map((p) => p.piece));
  if (!built) return undefined;
  // Only once the pieces are known to fit together are reused ones moved: a failed attempt leaves them in place.
  let moved = false, aliases = false;
  for (const { piece, start } of placed) {
    moved ||= piece.base !== start;
    aliases ||= piece.aliases;
    placeAt(piece, start);
  }
  for (const [map, first, last] of built.spans) map.range = [first.root.range![0], last.root.range![1], last.root.range![2]];
  const lastValue = built.top.items[built.top.items.length - 1].value as Node;
  built.top.range = [placed[0].piece.root.range![0], lastValue.range![2], placed[placed.length - 1].piece.root.range![2]];
  return { root: built.top, pieces, moved, aliases };
}

/**
 * A copy of `slice` that shares no memory with the text it was cut from. V8 keeps a whole string alive for any
 * slice of it, and the values `yaml` reads are slices of what it parses: a piece kept for many edits would keep
 * every version of the file it was parsed from.
 */
const detached = (slice: string): string => JSON.parse(JSON.stringify(slice)) as string;

/** A piece parsed on its own, its offsets moved to `start`; undefined unless it is one clean `key: value`. */
function fresh(chunk: string, start: number, header: boolean): Piece | undefined {
  const c = composePiece(chunk);
  const root = c.contents;
  if (c.errors.length || c.cut !== undefined || !isMap(root) || root.flow || root.tag || root.anchor || root.items.length !== 1) return undefined;
  const pair = root.items[0];
  if (!isScalar(pair.key)) return undefined;
  // A section's own line stands alone: `Resources:` with nothing but comments after it.
  if (header && !(isScalar(pair.value) && pair.value.value === null && !pair.value.tag && !pair.value.anchor)) return undefined;
  moveRanges(root, (o) => o + start);
  return { text: chunk, root, schema: c.schema, aliases: hasAlias(root), base: start };
}

function hasAlias(root: unknown): boolean {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isAlias(n)) return true;
    if (isSeq(n)) for (const item of n.items) stack.push(item);
    else if (isMap(n)) for (const pair of n.items) stack.push(pair.key, pair.value);
  }
  return false;
}

/**
 * The root mapping: one pair per section, a section with entries getting a mapping of its entries' pairs. The
 * ranges of the new mappings are set once the pieces are in place.
 */
function assemble(sections: Section[], pieces: Piece[]): { top: YAMLMap; spans: [YAMLMap, Piece, Piece][] } | undefined {
  const schema = pieces[0].schema;
  const top = new YAMLMap(schema);
  const spans: [YAMLMap, Piece, Piece][] = [];
  let i = 0;
  for (const s of sections) {
    const head = pieces[i++];
    if (!s.entries) { top.items.push(pairOf(head)); continue; }
    const map = new YAMLMap(schema);
    const entries = pieces.slice(i, i + s.entries.length);
    i += s.entries.length;
    for (const e of entries) map.items.push(pairOf(e));
    if (!uniqueKeys(map)) return undefined;
    spans.push([map, entries[0], entries[entries.length - 1]]);
    top.items.push(new Pair(pairOf(head).key, map));
  }
  return uniqueKeys(top) ? { top, spans } : undefined;
}

/** As `yaml` compares keys: equal scalar values, NaN never. */
function uniqueKeys(map: YAMLMap): boolean {
  const seen = new Set<unknown>();
  for (const pair of map.items) {
    const v = (pair.key as Node & { value?: unknown }).value;
    if (Number.isNaN(v)) continue;
    if (seen.has(v)) return false;
    seen.add(v);
  }
  return true;
}
