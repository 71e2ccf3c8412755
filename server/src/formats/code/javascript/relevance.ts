/**
 * Whether a file can hold call sites at all: receivers are seeded only from imports of a client module, so a file
 * that imports none needs no parse. One pattern decides both the cheap look at the raw text and which import
 * statements the extractor seeds from, so the look can never skip a file the extractor would have read.
 */
import type { ClientLibrary } from '../../../model/code';

/** Client modules by import specifier. */
export const CLIENT_MODULES: Readonly<Record<string, ClientLibrary>> = {
  ioredis: 'ioredis', iovalkey: 'iovalkey', redis: 'node-redis', '@redis/client': 'node-redis',
};

const specifiers = Object.keys(CLIENT_MODULES).map((m) => m.replace(/[/.]/g, '\\$&')).join('|');

/**
 * `from 'ioredis'`, `import 'redis'`, `import("redis")`, `require(\`iovalkey\`)`: the specifier written plainly,
 * right after the keyword. No leading word boundary, so that a match inside a statement's text is one in the file's.
 * `\s*(?:\(\s*)?` rather than `\s*\(?\s*`: two adjacent `\s*` would backtrack quadratically over a long blank run.
 */
const CLIENT_IMPORT = new RegExp(`(?:from|import|require)\\s*(?:\\(\\s*)?(['"\`])(?:${specifiers})\\1`);

/** The text imports or requires a client module somewhere (comments and strings included: a superset is safe). */
export function importsClient(text: string): boolean {
  return CLIENT_IMPORT.test(text);
}
