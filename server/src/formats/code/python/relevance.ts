/**
 * Whether a module can hold call sites at all: receivers are seeded only from imports of the client packages, so
 * a module that imports none needs no parse. One pattern decides both the cheap look at the raw text and which
 * import statements bind a client package, so the look can never skip a module the extractor would have read.
 */
import { ROOTS } from './library';

const root = `(?:${[...ROOTS].join('|')})`;
/** Whitespace and backslash line continuations. */
const gap = '[\\s\\\\]';
/** A dotted module name or an alias, as far as the next separator (non-ASCII identifiers included). */
const name = '[^\\s\\\\,;#()]+';

/**
 * `from redis… import`, and `import redis…` anywhere in an import list (`import os, redis.asyncio as aioredis`).
 * No leading word boundary, so that a match inside a statement's text is one in the module's.
 */
const CLIENT_IMPORT = new RegExp(`from${gap}+${root}\\b|import${gap}+(?:${name}(?:${gap}+as${gap}+${name})?${gap}*,${gap}*)*${root}\\b`);

/** The text imports a client package somewhere (comments and strings included: a superset is safe). */
export function importsClient(text: string): boolean {
  return CLIENT_IMPORT.test(text);
}
