/**
 * Template text → `yaml` nodes, with parse problems as file errors. JSON templates go through the same parser
 * (JSON is YAML 1.2 flow syntax), so both share one node model, one normaliser and exact ranges. Block-style YAML
 * is parsed piece by piece with the pieces of the file's last parse reused (incremental.ts), which is what keeps
 * re-analysis on each keystroke cheap; everything else, and any piece that does not parse cleanly, goes through
 * one whole parse, so errors are always the whole parse's.
 */
import type { FileError, Range } from '../../engine/types';
import type { Source } from './source';
import { splitTemplate, type Section } from './chunks';
import { composeText, type Composed } from './compose';
import { composePieces, type Assembled } from './incremental';
import { PieceMemo } from './memo';

export interface ParsedText {
  root?: unknown;
  errors: FileError[];
  /** False once a later parse of the same file may have moved the nodes under `root`. */
  isCurrent: () => boolean;
  /** Whether `root` was assembled from pieces without aliases, so that what was read from them may be reused. */
  reusable: boolean;
  /** Offsets of every syntax problem, in increasing order (errors lists only the first few). */
  problems: number[];
}

/** Enough to locate a problem; a file with hundreds of errors is not helped by listing them all. */
const MAX_ERRORS = 20;

/**
 * The files edited last: an editor has a handful open. Bounded by text size too: nodes take about 16 bytes of
 * memory per character of text, so at most some 64 MB.
 */
const memo = new PieceMemo(32, 4 * 1024 * 1024);

const always = () => true;

/**
 * Past this size a template is parsed in pieces from the first parse on: one whole parse holds the token tree of
 * the entire file next to its nodes, and at 20 MB peaked at twice the memory.
 */
const ALWAYS_IN_PIECES = 1024 * 1024;

export function parseText(src: Source, path: string): ParsedText {
  // Piece by piece with nothing to reuse costs a sixth more than one whole parse of a small file: such a file is
  // parsed whole the first time, so a workspace scan does not pay that, and in pieces from its second parse (an
  // edit) on.
  const inPieces = memo.parsedBefore(path) || src.text.length > ALWAYS_IN_PIECES;
  const sections = !src.json && inPieces ? splitTemplate(src.text) : undefined;
  const assembled = sections && piecewise(src.text, sections, path);
  if (assembled) {
    const version = memo.keep(path, assembled.pieces, src.text.length, assembled.moved);
    return { root: assembled.root, errors: [], isCurrent: () => memo.isCurrent(path, version), reusable: !assembled.aliases, problems: [] };
  }
  // A file with pieces keeps them: they are still where its last parse left them, and an edit that broke the text
  // is usually followed by one that mends it.
  if (!memo.parsedBefore(path)) memo.parsedWhole(path);
  return { ...wholeText(src), isCurrent: always, reusable: false };
}

function piecewise(text: string, sections: Section[], path: string): Assembled | undefined {
  try {
    return composePieces(text, sections, memo.pieces(path));
  } catch {
    return undefined; // whatever went wrong, the whole parse says it properly
  }
}

function wholeText(src: Source): { root?: unknown; errors: FileError[]; problems: number[] } {
  const kind = src.json ? 'JSON' : 'YAML';
  let composed: Composed;
  try {
    composed = composeText(src.text);
  } catch (e) {
    // The composer recurses per nesting level: absurd nesting overflows the stack instead of producing an error.
    const why = e instanceof RangeError ? 'it is nested too deeply' : (e as Error).message;
    return { errors: [{ message: `${kind} could not be parsed: ${why}` }], problems: [] };
  }
  const errors: FileError[] = [];
  const { cut } = composed;
  if (cut !== undefined) {
    const range = spot(src, cut, cut + 1);
    errors.push({ message: `${kind} nested too deeply to analyse at line ${range.start.line + 1}, column ${range.start.character + 1}`, range });
  }
  // Only the first document of a multi-document stream is a template candidate; later ones are not our business.
  const own = composed.errors.filter((e) => e.code !== 'MULTIPLE_DOCS');
  const problems = own.map((e) => e.pos[0]).sort((a, b) => a - b);
  for (const err of own.slice(0, MAX_ERRORS)) {
    const range = spot(src, err.pos[0], err.pos[1]);
    // `yaml` turns a stack overflow from absurd nesting into an error at the spot; say what it means.
    const message = /call stack/i.test(err.message) ? 'nested too deeply to analyse' : err.message.split('\n')[0];
    errors.push({ message: `${kind} syntax error: ${message} at line ${range.start.line + 1}, column ${range.start.character + 1}`, range });
  }
  return { root: composed.contents, errors, problems };
}

/** The range of a problem at [start, end) (`yaml` may point between the `\r` and `\n` of a CRLF: LineIndex clamps it). */
function spot(src: Source, start: number, end: number): Range {
  return src.lines.range(start, end);
}
