/**
 * Template text → `yaml` nodes, with parse problems as file errors. JSON templates go through the same parser
 * (JSON is YAML 1.2 flow syntax), so both share one node model, one normaliser and exact ranges.
 */
import type { FileError } from '../../engine/types';
import type { Source } from './source';
import { composeText, type Composed } from './compose';

export interface ParsedText {
  root?: unknown;
  errors: FileError[];
}

/** Enough to locate a problem; a file with hundreds of errors is not helped by listing them all. */
const MAX_ERRORS = 20;

export function parseText(src: Source): ParsedText {
  const kind = src.json ? 'JSON' : 'YAML';
  let composed: Composed;
  try {
    composed = composeText(src.text);
  } catch (e) {
    // The composer recurses per nesting level: absurd nesting overflows the stack instead of producing an error.
    const why = e instanceof RangeError ? 'it is nested too deeply' : (e as Error).message;
    return { errors: [{ message: `${kind} could not be parsed: ${why}` }] };
  }
  const errors: FileError[] = [];
  const { cut } = composed;
  if (cut !== undefined) {
    const range = src.lines.range(cut, cut + 1);
    errors.push({ message: `${kind} nested too deeply to analyse at line ${range.start.line + 1}, column ${range.start.character + 1}`, range });
  }
  // Only the first document of a multi-document stream is a template candidate; later ones are not our business.
  for (const err of composed.errors.filter((e) => e.code !== 'MULTIPLE_DOCS').slice(0, MAX_ERRORS)) {
    const range = src.lines.range(err.pos[0], err.pos[1]);
    // `yaml` turns a stack overflow from absurd nesting into an error at the spot; say what it means.
    const message = /call stack/i.test(err.message) ? 'nested too deeply to analyse' : err.message.split('\n')[0];
    errors.push({ message: `${kind} syntax error: ${message} at line ${range.start.line + 1}, column ${range.start.character + 1}`, range });
  }
  return { root: composed.contents, errors };
}
