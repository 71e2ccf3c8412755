/**
 * Turns code fix intents into text edits for Python sources, from the facts the extractor kept (the syntax tree is
 * gone by then). Every edit keeps the file's quotes, indentation and newline; when a rewrite cannot be made
 * safely the answer is undefined and the finding simply has no fix.
 */
import type { TextEdit } from '../../../engine/types';
import type { LineIndex } from '../../../engine/text';
import type { CallArg, CallSite, KeyArg } from '../../../model/code';
import { isConnectionIntent, type CodeFixIntent } from '../../../fixes/intents';
import type { CallSource, Extraction } from './calls';
import { buildConnectionEdits } from './edits-connection';
import type { HoistPlan } from './hoist';

const insert = (lines: LineIndex, at: number, newText: string): TextEdit => ({ range: lines.range(at, at), newText });
const replace = (lines: LineIndex, start: number, end: number, newText: string): TextEdit => ({ range: lines.range(start, end), newText });

function keysToScan(call: CallSite, src: CallSource, lines: LineIndex): TextEdit[] | undefined {
  // A pipeline queues KEYS for its EXEC reply; there is no pipelined SCAN iteration to swap in.
  if (call.batch || src.keysPattern === undefined) return undefined;
  const scan = `${call.client.receiverText}.scan_iter(${src.keysPattern === null ? '' : `match=${src.keysPattern}`})`;
  if (src.awaitSpan) return [replace(lines, src.awaitSpan[0], src.awaitSpan[1], `[k async for k in ${scan}]`)];
  // An asyncio call awaited further out (`gather(r.keys())`) needs a coroutine, which a list is not.
  if (src.async || call.awaited) return undefined;
  return [replace(lines, src.callStart, src.callEnd, `list(${scan})`)];
}

/** Adds keyword arguments before the closing parenthesis, in the call's own layout (one per line, trailing comma). */
function addKeywords(src: CallSource, words: string[], lines: LineIndex): TextEdit[] | undefined {
  const { open, close, lastEnd, trailingComma } = src.args;
  if (lastEnd === undefined) return undefined;
  const openLine = lines.positionAt(open).line;
  const lastLine = lines.positionAt(lastEnd).line;
  const onOwnLines = lastLine !== openLine && lines.positionAt(close).line !== lastLine;
  const indent = lines.indentOf(lastLine);
  if (onOwnLines) {
    const block = words.map((w) => `${lines.eol}${indent}${w},`).join('');
    return trailingComma !== undefined
      ? [insert(lines, trailingComma + 1, block)]
      : [insert(lines, lastEnd, `,${block.slice(0, -1)}`)];
  }
  return trailingComma !== undefined
    ? [insert(lines, trailingComma + 1, ` ${words.join(', ')}`)]
    : [insert(lines, lastEnd, `, ${words.join(', ')}`)];
}

/** A key expression that can be written a second time without running anything twice. */
function repeatable(key: KeyArg): boolean {
  if (key.kind === 'literal') return true;
  return !/^\*|\(|\bawait\b|\byield\b|:=|\blambda\b/.test(key.text) && !key.text.includes('\n');
}

function addExpiry(call: CallSite, seconds: number, src: CallSource, lines: LineIndex): TextEdit[] | undefined {
  if (!Number.isInteger(seconds) || seconds <= 0) return undefined;
  if (call.command === 'SET' && src.noneExpiry && call.options.expiry === 'none') {
    return [replace(lines, src.noneExpiry[0], src.noneExpiry[1], String(seconds))];
  }
  if (call.command === 'SET' || call.command === 'SETNX') {
    // `ex=` next to a positional ex, or a second `ex=`, would not run.
    if (call.options.expiry !== 'none' || src.args.positional > 2 || src.args.keywords.some((k) => ['ex', 'px', 'exat', 'pxat', 'keepttl'].includes(k))) return undefined;
    if (call.command === 'SET') return addKeywords(src, [`ex=${seconds}`], lines);
    // SETNX has no expiry option: SET NX EX sets value and expiry atomically, which a follow-up EXPIRE would not.
    const options = addKeywords(src, ['nx=True', `ex=${seconds}`], lines);
    return options && [replace(lines, src.calleeStart, src.calleeEnd, 'set'), ...options];
  }
  if (!call.keys.length || !call.keys.every(repeatable)) return undefined;
  if (call.batch && src.chained) {
    return [insert(lines, src.callEnd, call.keys.map((k) => `.expire(${k.text}, ${seconds})`).join(''))];
  }
  if (!src.statement) return undefined;
  const indent = lines.indentOf(src.statement.indentLine);
  const awaitPrefix = call.awaited ? 'await ' : '';
  const text = call.keys
    .map((k) => `${lines.eol}${indent}${awaitPrefix}${call.client.receiverText}.expire(${k.text}, ${seconds})`)
    .join('');
  return [insert(lines, lines.lineEnd(src.statement.endLine), text)];
}

function wrapHashTag(keys: KeyArg[], tag: string, lead: string, ex: Extraction, lines: LineIndex): TextEdit[] | undefined {
  if (!tag || !keys.length) return undefined;
  const edits: TextEdit[] = [];
  const done = new Set<number>();
  for (const key of keys) {
    if (key.kind === 'unknown') return undefined;
    const src = ex.keySources.get(lines.offsetAt(key.range.start));
    if (!src) return undefined;
    if (done.has(src.contentStart)) continue;
    done.add(src.contentStart);
    const tagStart = src.contentStart + lead.length;
    const tagEnd = tagStart + tag.length;
    if (tagEnd > src.contentEnd || lines.text.slice(src.contentStart, tagEnd) !== lead + tag) return undefined;
    // Starting or ending inside `{uid}`, `%s` or an escape would split it.
    if (src.atomic.some(([a, b]) => (a < tagEnd && tagEnd < b) || (a < tagStart && tagStart < b))) return undefined;
    const [open, close] = src.doubleBraces ? ['{{', '}}'] : ['{', '}'];
    edits.push(insert(lines, tagStart, open), insert(lines, tagEnd, close));
  }
  return edits;
}

/** Only an argument written in the call, still as the model read it: an implicit default has no text to replace. */
function replaceArgument(arg: CallArg, text: string, lines: LineIndex): TextEdit[] | undefined {
  if (arg.implicit) return undefined;
  const start = lines.offsetAt(arg.range.start);
  const end = lines.offsetAt(arg.range.end);
  if (lines.text.slice(start, end) !== arg.text) return undefined;
  return [replace(lines, start, end, text)];
}

export function buildEdits(intent: CodeFixIntent, ex: Extraction, lines: LineIndex, hoists: ReadonlyMap<number, HoistPlan> = new Map()): TextEdit[] | undefined {
  if (isConnectionIntent(intent)) return buildConnectionEdits(intent, lines, hoists);
  const src = ex.sources.get(lines.offsetAt(intent.call.calleeRange.start));
  if (!src || src.broken) return undefined;
  switch (intent.kind) {
    case 'keysToScan': return keysToScan(intent.call, src, lines);
    case 'addExpiry': return addExpiry(intent.call, intent.seconds, src, lines);
    case 'wrapHashTag': return wrapHashTag(intent.keys, intent.tag, intent.lead ?? '', ex, lines);
    case 'replaceArgument': return replaceArgument(intent.arg, intent.text, lines);
  }
}
