/**
 * What is under a position in a template, for hover and completion: one locator per format
 * (cloudformation/locate.ts, terraform/locate.ts) answers in this shape. Locators read the text as it is being
 * typed: a key with no value yet, a value cut mid-word, a block or object not closed yet. They name what is
 * written (spellings as in the file); the engine maps those to canonical names through the schema table.
 */
import type { Side } from '../model/iac-schema';

export type SpotKind =
  /** The resource type: CloudFormation `Type:` value, Terraform `resource "…"` label. */
  | 'resourceType'
  /** A property or argument name, written or being written. */
  | 'key'
  /** A property or argument value, written or being written. */
  | 'value'
  /** A Terraform `module` block's `source` value. */
  | 'moduleSource';

export interface Word {
  /** The word's text, without quotes. */
  text: string;
  /** Offsets of the word, inside any quotes: the range a completion replaces and a hover highlights. */
  start: number;
  end: number;
  /** Whether the word sits inside quotes already (a completion must not add another pair). */
  quoted: boolean;
}

export interface IacSpot {
  side: Side;
  /** How a value is spelt here: YAML plain scalars need no quotes, HCL and JSON strings do. */
  syntax: 'yaml' | 'json' | 'hcl';
  kind: SpotKind;
  /** The resource (or module block) the position is in. */
  resource?: {
    /** The written type; undefined while it is not written yet. */
    type?: string;
    /** The logical id or the Terraform block's name label. */
    name?: string;
    /** The literal `Engine` / `engine` value, when written as a plain string. */
    engine?: string;
    /** Terraform: a `module` block rather than a `resource`, and its `source` when a plain string. */
    module?: boolean;
    source?: string;
  };
  /** Written keys from the resource's property level down to the level of the position; list items as numbers. */
  path: (string | number)[];
  /** The key under the position (kind key), or whose value is under it (kind value); '' while no key is typed. */
  key: string;
  word: Word;
  /** The position's offset. */
  offset: number;
  /** Keys written at the position's level (for completion: not offered again). */
  siblings: string[];
  /** A value written as a list item (`- x`): its index, so a list of objects can read it as a key being typed. */
  item?: number;
}

const WORD = /[A-Za-z0-9_.:\-/]/;

/** The word around an offset on one line (`[lineStart, lineEnd)`), stopped by anything that is not a name or value character. */
export function wordAt(text: string, offset: number, lineStart: number, lineEnd: number, allowed: RegExp = WORD): { start: number; end: number } {
  let start = offset, end = offset;
  while (start > lineStart && allowed.test(text[start - 1])) start--;
  while (end < lineEnd && allowed.test(text[end])) end++;
  return { start, end };
}

/** Start and end offsets of the line holding `offset` (end before the line break). */
export function lineAround(text: string, offset: number): { start: number; end: number } {
  let start = offset, end = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}
