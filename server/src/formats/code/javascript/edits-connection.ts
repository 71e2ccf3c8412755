/**
 * Edits for the connection rules' fixes in JavaScript/TypeScript: a URL's scheme, a removed verification override,
 * TLS turned on in the library's own spelling, a password read from `process.env`, a client hoisted to module scope
 * (planned while the tree exists, in hoist.ts). Each checks that the source still reads as the model says, and
 * gives up otherwise.
 */
import type { TextEdit } from '../../../engine/types';
import type { LineIndex } from '../../../engine/text';
import type { ClientConstruction, ConnectionSetting } from '../../../model/code';
import type { ConnectionFixIntent } from '../../../fixes/intents';
import { addEntryAfter, removeEntry } from '../core/entries';
import { hoistEdits, replaceSpan as replace, settingSpan as spanOf } from '../core/setting-span';
import type { HoistPlan } from './hoist';


/** A string literal without escapes or substitutions: its quote and where its content is. */
function plainString(text: string): { quote: string; open: number; close: number } | undefined {
  const q = text[0];
  if ((q !== "'" && q !== '"' && q !== '`') || text.length < 2 || text[text.length - 1] !== q) return undefined;
  const content = text.slice(1, -1);
  if (content.includes(q) || content.includes('\\') || (q === '`' && content.includes('${'))) return undefined;
  return { quote: q, open: 1, close: text.length - 1 };
}

function rewriteString(s: ConnectionSetting<string>, value: string, lines: LineIndex): TextEdit[] | undefined {
  const span = spanOf(s, lines);
  const lit = span && plainString(lines.text.slice(span[0], span[1]));
  if (!span || !lit || lines.text.slice(span[0] + 1, span[1] - 1) !== s.value) return undefined;
  if (value.includes(lit.quote) || /[\\\n\r]/.test(value) || (lit.quote === '`' && value.includes('${'))) return undefined;
  return [replace(lines, span[0] + 1, span[1] - 1, value)];
}

function readFromEnvironment(s: ConnectionSetting<string>, variable: string, lines: LineIndex): TextEdit[] | undefined {
  const span = spanOf(s, lines);
  if (!span || !plainString(lines.text.slice(span[0], span[1])) || !/^[A-Z_][A-Z0-9_]*$/.test(variable)) return undefined;
  return [replace(lines, span[0], span[1], `process.env.${variable}`)];
}

/** A `key: value` property (or a method) of an object literal, not a positional argument. */
const PROPERTY = /^(?:(['"])[\w$-]+\1|[\w$]+)\s*(?::|\()/;

function removeOption(s: ConnectionSetting<unknown>, lines: LineIndex): TextEdit[] | undefined {
  const entry = spanOf(s, lines, 'entryRange');
  if (!entry || !PROPERTY.test(lines.text.slice(entry[0], entry[1]))) return undefined;
  return removeEntry(lines, entry[0], entry[1], '//');
}

/** The offset of the `{` that opens the object holding `at`, skipping balanced brackets on the way; -1 if none. */
function openingBrace(text: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '}' || ch === ')' || ch === ']') depth++;
    else if (ch === '{' || ch === '(' || ch === '[') {
      if (depth === 0) return ch === '{' ? i : -1;
      depth--;
    }
  }
  return -1;
}

function enableTls(c: ClientConstruction, lines: LineIndex): TextEdit[] | undefined {
  const { tls, host } = c.options;
  const nodeRedis = c.client.library === 'node-redis';
  if (tls) {
    const span = spanOf(tls, lines);
    if (!span || tls.value !== false || lines.text.slice(span[0], span[1]) !== 'false') return undefined;
    // ioredis hands `tls` to tls.connect as its options; node-redis's `socket.tls` is a flag.
    return [replace(lines, span[0], span[1], nodeRedis ? 'true' : '{}')];
  }
  const entry = host && spanOf(host, lines, 'entryRange');
  if (!entry || !/^(['"]?)host\1\s*:/.test(lines.text.slice(entry[0], entry[1]))) return undefined;
  const brace = openingBrace(lines.text, entry[0]);
  if (brace < 0) return undefined;
  const before = lines.text.slice(Math.max(0, brace - 40), brace);
  // node-redis reads the host and TLS in `socket`; ioredis in the options object passed to the constructor (a
  // cluster's startup nodes take no TLS of their own).
  if (nodeRedis ? !/\bsocket\s*:\s*$/.test(before) : !/\(\s*$/.test(before)) return undefined;
  return addEntryAfter(lines, entry[0], entry[1], nodeRedis ? 'tls: true' : 'tls: {}', '//');
}

export function buildConnectionEdits(intent: ConnectionFixIntent, lines: LineIndex, hoists: ReadonlyMap<number, HoistPlan>): TextEdit[] | undefined {
  switch (intent.kind) {
    case 'rewriteString': return rewriteString(intent.setting, intent.value, lines);
    case 'removeOption': return removeOption(intent.setting, lines);
    case 'enableTls': return enableTls(intent.construction, lines);
    case 'readFromEnvironment': return readFromEnvironment(intent.setting, intent.variable, lines);
    case 'hoistConstruction': return hoistEdits(hoists.get(lines.offsetAt(intent.construction.range.start)), lines);
  }
}
