/** Source details of string keys, kept for the hash-tag edit after the syntax tree is gone. */
import type { LeadingLiteral } from './strings';

/** Source details of string arguments, by start offset. */
export type KeySources = Map<number, LeadingLiteral>;
