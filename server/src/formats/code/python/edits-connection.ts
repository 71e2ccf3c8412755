/**
 * Edits for the connection rules' fixes in Python: a URL's scheme, a removed verification override, TLS turned on,
 * a password read from the environment, a client hoisted to module scope (planned while the tree exists, in
 * hoist.ts). Each checks that the source still reads as the model says, and gives up otherwise.
 */
import type { TextEdit } from '../../../engine/types';
import type { LineIndex } from '../../../engine/text';
import type { ConnectionSetting } from '../../../model/code';
import type { ConnectionFixIntent } from '../../../fixes/intents';
import { addEntryAfter, removeEntry } from '../core/entries';
import { hoistEdits, replaceSpan as replace, settingSpan as spanOf } from '../core/setting-span';
import type { HoistPlan } from './hoist';


/** A plain (not f-, not byte) one-line string literal: its quote and where its content is. */
function plainString(text: string): { quote: string; open: number; close: number } | undefined {
  const m = /^([rRuU]?)('|")/.exec(text);
  if (!m || text.startsWith(m[0] + m[2] + m[2])) return undefined;
  const open = m[0].length;
  const close = text.length - 1;
  if (close < open || text[close] !== m[2]) return undefined;
  const content = text.slice(open, close);
  if (content.includes(m[2]) || content.includes('\\') || content.includes('\n')) return undefined;
  return { quote: m[2], open, close };
}

function rewriteString(s: ConnectionSetting<string>, value: string, lines: LineIndex): TextEdit[] | undefined {
  const span = spanOf(s, lines);
  const lit = span && plainString(lines.text.slice(span[0], span[1]));
  if (!span || !lit || lines.text.slice(span[0] + lit.open, span[0] + lit.close) !== s.value) return undefined;
  if (value.includes(lit.quote) || /[\\\n\r]/.test(value)) return undefined;
  return [replace(lines, span[0] + lit.open, span[0] + lit.close, value)];
}

/** `import os` written at the top level (alone or in a list), so `os.environ` is at hand. */
function importsOs(text: string): boolean {
  return /^import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*os(?:\.[\w.]+)?(?:[ \t]*(?:,|#|$))/m.test(text);
}

/** `from os import environ` (in a list or parentheses, not renamed): the file's own spelling of the environment. */
function importsEnviron(text: string): boolean {
  for (const m of text.matchAll(/^from[ \t]+os[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm)) {
    if (m[1].replace(/[()]/g, '').split(',').some((name) => name.trim() === 'environ')) return true;
  }
  return false;
}

const STDLIB = new Set(['abc', 'argparse', 'asyncio', 'base64', 'collections', 'contextlib', 'dataclasses', 'datetime', 'enum', 'functools', 'hashlib', 'io', 'itertools', 'json', 'logging', 'math', 'os', 'pathlib', 're', 'ssl', 'sys', 'time', 'typing', 'uuid']);

/**
 * `import os` among the file's first block of imports, in order, when that block is the standard library's (isort's
 * first section); otherwise as a block of its own above it. After `from __future__` imports and the docstring.
 */
function addImportOs(lines: LineIndex): TextEdit | undefined {
  const eol = lines.eol;
  let first = -1;
  for (let i = 0; i < lines.lineCount; i++) {
    const t = lines.lineText(i);
    if (/^(import|from)[ \t]/.test(t) && !/^from[ \t]+__future__\b/.test(t)) { first = i; break; }
  }
  if (first < 0) return undefined;
  const moduleOf = (t: string) => /^(?:import|from)[ \t]+([\w.]+)/.exec(t)?.[1].split('.')[0];
  const block: number[] = [];
  for (let i = first; i < lines.lineCount && /^(import|from)[ \t]/.test(lines.lineText(i)); i++) block.push(i);
  const at = (line: number) => ({ range: lines.range(lines.lineStart(line), lines.lineStart(line)), newText: `import os${eol}` });
  if (!STDLIB.has(moduleOf(lines.lineText(first)) ?? '')) return { ...at(first), newText: `import os${eol}${eol}` };
  const after = block.find((i) => (moduleOf(lines.lineText(i)) ?? '') > 'os');
  if (after !== undefined) return at(after);
  const last = block[block.length - 1];
  return { range: lines.range(lines.lineEnd(last), lines.lineEnd(last)), newText: `${eol}import os` };
}

function readFromEnvironment(s: ConnectionSetting<string>, variable: string, lines: LineIndex): TextEdit[] | undefined {
  const span = spanOf(s, lines);
  const lit = span && plainString(lines.text.slice(span[0], span[1]));
  if (!span || !lit || !/^[A-Z_][A-Z0-9_]*$/.test(variable)) return undefined;
  const os = importsOs(lines.text);
  const environ = !os && importsEnviron(lines.text) ? 'environ' : 'os.environ';
  const edits = [replace(lines, span[0], span[1], `${environ}[${lit.quote}${variable}${lit.quote}]`)];
  if (!os && environ === 'os.environ') {
    const imp = addImportOs(lines);
    if (!imp) return undefined;
    edits.unshift(imp);
  }
  return edits;
}

function removeOption(s: ConnectionSetting<unknown>, lines: LineIndex): TextEdit[] | undefined {
  const entry = spanOf(s, lines, 'entryRange');
  // A keyword argument or an entry of an options dict: removing a positional one would shift the others.
  if (!entry || !/^(\w+\s*=|(['"])\w+\2\s*:)/.test(lines.text.slice(entry[0], entry[1]))) return undefined;
  return removeEntry(lines, entry[0], entry[1], '#');
}

function enableTls(intent: Extract<ConnectionFixIntent, { kind: 'enableTls' }>, lines: LineIndex): TextEdit[] | undefined {
  const { tls, host } = intent.construction.options;
  if (tls) {
    const span = spanOf(tls, lines);
    return span && tls.value === false && lines.text.slice(span[0], span[1]) === 'False' ? [replace(lines, span[0], span[1], 'True')] : undefined;
  }
  const entry = host && spanOf(host, lines, 'entryRange');
  if (!entry || !/^host\s*=/.test(lines.text.slice(entry[0], entry[1]))) return undefined;
  return addEntryAfter(lines, entry[0], entry[1], 'ssl=True', '#');
}

export function buildConnectionEdits(intent: ConnectionFixIntent, lines: LineIndex, hoists: ReadonlyMap<number, HoistPlan>): TextEdit[] | undefined {
  switch (intent.kind) {
    case 'rewriteString': return rewriteString(intent.setting, intent.value, lines);
    case 'removeOption': return removeOption(intent.setting, lines);
    case 'enableTls': return enableTls(intent, lines);
    case 'readFromEnvironment': return readFromEnvironment(intent.setting, intent.variable, lines);
    case 'hoistConstruction': return hoistEdits(hoists.get(lines.offsetAt(intent.construction.range.start)), lines);
  }
}
