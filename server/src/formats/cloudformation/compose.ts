/**
 * One text → `yaml` nodes, as CloudFormation reads it: the nesting-capped parse, and when that fails on a quoted
 * scalar with under-indented continuation lines, the same text read again with those lines padded (see quoted.ts).
 */
import { Parser, Schema, type CST, type YAMLParseError } from 'yaml';
import { composeBounded, type BoundedOptions } from '../yaml-bounded';
import { INTRINSIC_TAGS } from './tags';
import { firstCutQuote, MAX_REPAIRS, padContinuation, unpad, type Padding } from './quoted';
import { moveRanges } from './ranges';

export interface Composed {
  contents: unknown;
  errors: YAMLParseError[];
  schema: Schema;
  /** Offset of the first value dropped for being nested too deeply. */
  cut?: number;
}

const WHOLE: BoundedOptions = { customTags: INTRINSIC_TAGS };

/**
 * The schema a YAML 1.2 document with our tags gets, built once: building it sorts the tag list, which cost
 * more than composing a small piece. Pieces never carry a `%YAML` directive that could ask for another.
 */
const PIECE: BoundedOptions = { schema: new Schema({ customTags: INTRINSIC_TAGS, resolveKnownTags: true, schema: 'core' }) };

const lex = (text: string): CST.Token[] => Array.from(new Parser().parse(text));

/** A whole file. */
export const composeText = (text: string): Composed => compose(text, WHOLE);

/** A piece of a file that has no directives (see chunks.ts). */
export const composePiece = (text: string): Composed => compose(text, PIECE);

function compose(text: string, options: BoundedOptions): Composed {
  const tokens = lex(text);
  const { doc, cut } = composeBounded(tokens, text.length, options);
  const strict: Composed = { contents: doc.contents, errors: doc.errors, schema: doc.schema, cut };
  return doc.errors.length ? (composePadded(text, tokens, options) ?? strict) : strict;
}

/**
 * The text read with every cut quoted scalar padded, one at a time (each repair changes how the rest is lexed);
 * undefined unless that reading is free of errors, so a quote that is really missing keeps `yaml`'s own message.
 */
function composePadded(text: string, tokens: CST.Token[], options: BoundedOptions): Composed | undefined {
  const pads: Padding[] = [];
  let current = text, repairs = 0;
  for (let scalar = firstCutQuote(tokens); scalar; scalar = firstCutQuote(tokens)) {
    const padded = ++repairs <= MAX_REPAIRS ? padContinuation(current, scalar) : undefined;
    if (!padded?.pads.length) return undefined;
    for (const p of padded.pads) pads.push(p);
    current = padded.text;
    tokens = lex(current);
  }
  if (!pads.length) return undefined;
  const { doc, cut } = composeBounded(tokens, current.length, options);
  if (doc.errors.some((e) => e.code !== 'MULTIPLE_DOCS')) return undefined;
  const back = unpad(pads);
  moveRanges(doc.contents, back);
  for (const e of doc.errors) e.pos = [back(e.pos[0]), back(e.pos[1])];
  return { contents: doc.contents, errors: doc.errors, schema: doc.schema, cut: cut === undefined ? undefined : back(cut) };
}
