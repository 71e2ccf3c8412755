/**
 * The pieces of the templates parsed last, so that the next parse of the same file re-reads only what changed.
 * Keyed by path and then by the piece's exact text, so nodes never cross into another file or other text; only
 * the last parse of each file is kept, for the most recently parsed files, within a total text size.
 */
import type { Pair, Schema, YAMLMap } from 'yaml';
import { moveRanges } from './ranges';

export interface Piece {
  readonly text: string;
  /** The piece parsed on its own: a mapping of one pair, its offsets those of the file at `base`. */
  readonly root: YAMLMap;
  readonly schema: Schema;
  /** Whether it holds an alias, which reads text outside the piece. */
  readonly aliases: boolean;
  base: number;
}

export const pairOf = (piece: Piece): Pair => piece.root.items[0];

/** Moves a piece's nodes to where its text now starts. */
export function placeAt(piece: Piece, base: number): void {
  const delta = base - piece.base;
  if (delta) moveRanges(piece.root, (o) => o + delta);
  piece.base = base;
}

export type Pieces = Map<string, Piece[]>;

interface FileEntry {
  pieces: Pieces;
  chars: number;
  /** The parse that last moved nodes of this file's pieces: results of earlier parses may hold them. */
  movedAt: number;
}

export class PieceMemo {
  private readonly files = new Map<string, FileEntry>();
  /** Paths parsed whole, most recent last: just names, so many more of them than of files with pieces. */
  private readonly seen = new Set<string>();
  private chars = 0;
  private parses = 0;

  constructor(private readonly maxFiles: number, private readonly maxChars: number) {}

  /** Whether `path` was parsed before, whole or in pieces: a file being edited rather than scanned once. */
  parsedBefore(path: string): boolean {
    return this.files.has(path) || this.seen.has(path);
  }

  /** Notes that `path` was parsed whole. */
  parsedWhole(path: string): void {
    this.seen.delete(path);
    this.seen.add(path);
    for (const oldest of this.seen) {
      if (this.seen.size <= this.maxFiles * 8) break;
      this.seen.delete(oldest);
    }
  }

  /** The pieces of the last parse of `path`, without marking it as used. */
  pieces(path: string): Pieces | undefined {
    return this.files.get(path)?.pieces;
  }

  /**
   * Whether the nodes of parse `version` of `path` are where it left them. Pieces forgotten are never reused, so
   * only a later parse that moved kept pieces makes an earlier result stale.
   */
  isCurrent(path: string, version: number): boolean {
    return (this.files.get(path)?.movedAt ?? 0) <= version;
  }

  /**
   * Keeps the pieces of the newest parse of `path`, replacing the previous one, and returns the parse's version;
   * `moved` says whether it moved pieces an earlier parse handed out.
   */
  keep(path: string, pieces: Pieces, chars: number, moved: boolean): number {
    const version = ++this.parses;
    const movedAt = moved ? version : this.files.get(path)?.movedAt ?? 0;
    this.forget(path);
    if (chars > this.maxChars) return version;
    this.files.set(path, { pieces, chars, movedAt });
    this.chars += chars;
    // Map iteration order is insertion order: the first entries are the least recently parsed.
    for (const [oldest] of this.files) {
      if (this.files.size <= this.maxFiles && this.chars <= this.maxChars) break;
      this.forget(oldest);
    }
    return version;
  }

  private forget(path: string): void {
    const entry = this.files.get(path);
    if (!entry) return;
    this.chars -= entry.chars;
    this.files.delete(path);
  }
}
