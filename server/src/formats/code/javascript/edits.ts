/** Turns code fix intents into text edits for a JavaScript/TypeScript file, in the file's own style. */
import type { TextEdit } from '../../../engine/types';
import type { LineIndex } from '../../../engine/text';
import type { CallArg, CallSite, KeyArg } from '../../../model/code';
import { isConnectionIntent, type CodeFixIntent } from '../../../fixes/intents';
import type { CallFacts } from './calls';
import { buildConnectionEdits } from './edits-connection';
import type { HoistPlan } from './hoist';

export interface EditContext {
  lines: LineIndex;
  typescript: boolean;
  /** The file's usual string quote. */
  quote: string;
  facts(call: CallSite): CallFacts | undefined;
  /** Plans for moving per-call constructions to module scope, by the construction's start offset. */
  hoists?: ReadonlyMap<number, HoistPlan>;
}

export function buildEdits(intent: CodeFixIntent, ctx: EditContext): TextEdit[] | undefined {
  if (isConnectionIntent(intent)) return buildConnectionEdits(intent, ctx.lines, ctx.hoists ?? new Map());
  const facts = ctx.facts(intent.call);
  if (!facts || facts.raw || facts.broken) return undefined;
  switch (intent.kind) {
    case 'keysToScan': return keysToScan(intent.call, facts, ctx);
    case 'addExpiry': return addExpiry(intent.call, intent.seconds, facts, ctx);
    case 'wrapHashTag': return wrapHashTag(intent.keys, intent.tag, intent.lead ?? '', ctx);
    case 'replaceArgument': return replaceArgument(intent.arg, intent.text, ctx);
  }
}

/** Only an argument written in the call, still as the model read it: an implicit default has no text to replace. */
function replaceArgument(arg: CallArg, text: string, ctx: EditContext): TextEdit[] | undefined {
  if (arg.implicit) return undefined;
  const start = ctx.lines.offsetAt(arg.range.start);
  const end = ctx.lines.offsetAt(arg.range.end);
  if (ctx.lines.text.slice(start, end) !== arg.text) return undefined;
  return [{ range: ctx.lines.range(start, end), newText: text }];
}

const insertAt = (ctx: EditContext, offset: number, newText: string): TextEdit => ({ range: ctx.lines.range(offset, offset), newText });

/** A name not already used in the given source texts, so the inserted loop variables shadow nothing they read. */
function freshName(base: string, used: string): string {
  for (let i = 0; ; i++) {
    const name = i ? `${base}${i + 1}` : base;
    if (!new RegExp(`\\b${name}\\b`).test(used)) return name;
  }
}

/**
 * `redis.keys(p)` → an async IIFE that collects the SCAN iterator into the same array, so the expression keeps
 * its `Promise<string[]>` type and `await redis.keys(p)` stays valid. A cluster client scans every master,
 * which KEYS on a cluster never did (it reaches one random node).
 */
function keysToScan(call: CallSite, facts: CallFacts, ctx: EditContext): TextEdit[] | undefined {
  if (call.command !== 'KEYS' || call.batch || facts.args.length !== 1 || facts.args[0].type === 'spread_element') return undefined;
  const text = ctx.lines.text;
  const pattern = text.slice(facts.args[0].start, facts.args[0].end);
  const recv = call.client.receiverText;
  // Against the whole statement too: the statement form may keep a name it declares (`const found = await …`).
  const used = `${pattern} ${recv} ${facts.own ? text.slice(facts.own.start, facts.own.end) : ''}`;
  const [found, batch, node] = ['found', 'batch', 'node'].map((n) => freshName(n, used));
  const buffer = /Buffer$/.test(call.method);
  const q = ctx.quote;
  let loop: string;
  let collect: string;
  if (call.client.library === 'node-redis') {
    // The cluster form reads the receiver twice: only when that has no side effects.
    if (call.client.cluster && /[()]/.test(recv)) return undefined;
    // v4 iterators yield single keys and v5+ yield arrays: `[batch].flat()` accepts both.
    collect = `${found}.push(...[${batch}].flat())`;
    loop = call.client.cluster
      ? `for (const ${node} of ${recv}.masters) for await (const ${batch} of (await ${recv}.nodeClient(${node})).scanIterator({ MATCH: ${pattern} }))`
      : `for await (const ${batch} of ${recv}.scanIterator({ MATCH: ${pattern} }))`;
  } else {
    const stream = buffer ? 'scanBufferStream' : 'scanStream';
    collect = `${found}.push(...${batch})`;
    loop = call.client.cluster
      ? `for (const ${node} of ${recv}.nodes(${q}master${q})) for await (const ${batch} of ${node}.${stream}({ match: ${pattern} }))`
      : `for await (const ${batch} of ${recv}.${stream}({ match: ${pattern} }))`;
  }
  const annotation = ctx.typescript ? `: ${buffer ? 'Buffer' : 'string'}[]` : '';
  const own = call.awaited && facts.own ? asStatements(call, facts.own, ctx, found, annotation, loop, collect) : undefined;
  if (own) return own;
  const newText = `(async () => { const ${found}${annotation} = []; ${loop} ${collect}; return ${found}; })()`;
  return [{ range: call.range, newText }];
}

/**
 * `return await c.keys(p);` and `const ks = await c.keys(p);` on a line of their own: the collecting loop as
 * statements in their place, as a person would write it, rather than an IIFE on one line. The names of `loop` and
 * `collect` are fresh against the statement's text (see `keysToScan`), so a declared name can take `found`'s place.
 */
function asStatements(call: CallSite, own: { start: number; end: number }, ctx: EditContext, found: string, annotation: string, loop: string, collect: string): TextEdit[] | undefined {
  const text = ctx.lines.text;
  const stmt = text.slice(own.start, own.end);
  const callText = text.slice(ctx.lines.offsetAt(call.range.start), ctx.lines.offsetAt(call.range.end));
  const line = ctx.lines.positionAt(own.start).line;
  const indent = ctx.lines.indentOf(line);
  if (text.slice(ctx.lines.offsetAt({ line, character: 0 }), own.start) !== indent) return undefined;
  const semi = stmt.trimEnd().endsWith(';') ? ';' : '';
  const body = stmt.trimEnd().replace(/;$/, '');
  const eol = ctx.lines.eol;
  const returned = /^return\s+await\s+([^]*)$/.exec(body);
  if (returned && returned[1] === callText) {
    return [{ range: ctx.lines.range(own.start, own.end), newText: [`const ${found}${annotation} = []${semi}`, `${loop} ${collect}${semi}`, `return ${found}${semi}`].join(eol + indent) }];
  }
  const declared = /^(const|let|var)\s+([A-Za-z_$][\w$]*)(\s*:[^=]+?)?\s*=\s*await\s+([^]*)$/.exec(body);
  if (!declared || declared[4] !== callText) return undefined;
  const [, kind, name, typed] = declared;
  const push = collect.replace(new RegExp(`^${found}\\.`), `${name}.`);
  return [{ range: ctx.lines.range(own.start, own.end), newText: [`${kind} ${name}${typed ? typed.trim().replace(/^:\s*/, ': ') : annotation} = []${semi}`, `${loop} ${push}${semi}`].join(eol + indent) }];
}

function rewritableKeys(call: CallSite, facts: CallFacts): KeyArg[] | undefined {
  if (!call.keys.length) return undefined;
  const ok = call.keys.every((k, i) => facts.pureKeys[i] && !k.text.startsWith('...'));
  return ok ? call.keys : undefined;
}

function addExpiry(call: CallSite, seconds: number, facts: CallFacts, ctx: EditContext): TextEdit[] | undefined {
  if (call.command === 'SET') return setExpiry(call, seconds, facts, ctx);
  if (call.command === 'SETNX') return setnxWithExpiry(call, seconds, facts, ctx);
  const keys = rewritableKeys(call, facts);
  if (!keys) return undefined;
  const expire = call.method === call.method.toUpperCase() ? 'EXPIRE' : 'expire';
  const end = ctx.lines.offsetAt(call.range.end);
  if (call.batch && facts.chained) {
    return [insertAt(ctx, end, keys.map((k) => `.${expire}(${k.text}, ${seconds})`).join(''))];
  }
  const stmt = facts.statement;
  if (!stmt) return undefined;
  const eol = ctx.lines.eol;
  const indent = ctx.lines.indentOf(stmt.line);
  const lines = keys.map((k) => `${eol}${indent}${call.awaited ? 'await ' : ''}${call.client.receiverText}.${expire}(${k.text}, ${seconds})${stmt.semicolon ? ';' : ''}`);
  // A trailing line comment stays with the statement it explains.
  const lineEnd = ctx.lines.lineEnd(ctx.lines.positionAt(stmt.end).line);
  const at = /^\s*(\/\/.*)?$/.test(ctx.lines.text.slice(stmt.end, lineEnd)) ? lineEnd : stmt.end;
  return [insertAt(ctx, at, lines.join(''))];
}

/** ioredis (and node-redis v3) take `'EX', n` tokens after the value; node-redis v4+ takes `{ EX: n }`. */
function setExpiry(call: CallSite, seconds: number, facts: CallFacts, ctx: EditContext): TextEdit[] | undefined {
  const [, value, third] = facts.args;
  if (!value || facts.args.some((a) => a.type === 'spread_element')) return undefined;
  const text = ctx.lines.text;
  const isFunction = (t?: string) => !!t && ['arrow_function', 'function_expression', 'function'].includes(t);
  const ownQuote = facts.args.map((a) => text[a.start]).find((c) => c === "'" || c === '"');
  const q = ownQuote ?? ctx.quote;
  const tokens = call.client.library !== 'node-redis' || third?.type === 'string' || isFunction(third?.type);
  if (tokens) return [insertAt(ctx, value.end, `, ${q}EX${q}, ${seconds}`)];
  if (!third) return [insertAt(ctx, value.end, `, { EX: ${seconds} }`)];
  if (third.type !== 'object') return undefined;
  const body = text.slice(third.start + 1, third.end - 1);
  if (!body.trim()) return [{ range: ctx.lines.range(third.start, third.end), newText: `{ EX: ${seconds} }` }];
  const firstProp = third.start + 1 + (body.length - body.trimStart().length);
  const open = ctx.lines.positionAt(third.start);
  const first = ctx.lines.positionAt(firstProp);
  // A multi-line object gets the new property on its own line, indented like the first one.
  const sep = first.line > open.line ? `,${ctx.lines.eol}${ctx.lines.indentOf(first.line)}` : ', ';
  return [insertAt(ctx, firstProp, `EX: ${seconds}${sep}`)];
}

/**
 * SETNX takes no expiry, and an EXPIRE after it is a second command a crash can miss: `SET k v NX` with the expiry
 * sets both at once (as redis-py's fix does). Its reply is OK/null instead of 1/0 (ioredis) or true/false
 * (node-redis): the same truthiness, so a reply compared right where it is read (`=== 1`) is left alone.
 */
function setnxWithExpiry(call: CallSite, seconds: number, facts: CallFacts, ctx: EditContext): TextEdit[] | undefined {
  const [, value] = facts.args;
  if (facts.args.length !== 2 || facts.args.some((a) => a.type === 'spread_element')) return undefined;
  const text = ctx.lines.text;
  const start = ctx.lines.offsetAt(call.range.start);
  const end = ctx.lines.offsetAt(call.range.end);
  const compared = /(?:[!=]==?|(?<!=)[<>]=?)\s*(?:await\s+)?\(*\s*$/.test(text.slice(Math.max(0, start - 40), start))
    || /^[\s)]*(?:[!=]==?|[<>]=?)/.test(text.slice(end, end + 40));
  if (compared) return undefined;
  const calleeStart = ctx.lines.offsetAt(call.calleeRange.start);
  const name = call.method === call.method.toUpperCase() ? 'SET' : 'set';
  const rename: TextEdit = { range: ctx.lines.range(calleeStart, ctx.lines.offsetAt(call.calleeRange.end)), newText: name };
  if (call.client.library === 'node-redis') return [rename, insertAt(ctx, value.end, `, { NX: true, EX: ${seconds} }`)];
  const q = facts.args.map((a) => text[a.start]).find((c) => c === "'" || c === '"') ?? ctx.quote;
  // ioredis's typings list the expiry before the condition: `set(k, v, 'EX', n, 'NX')`.
  return [rename, insertAt(ctx, value.end, `, ${q}EX${q}, ${seconds}, ${q}NX${q}`)];
}

/** Where a key's leading string content starts, and that content as written, for a quoted literal or template. */
function leadingContent(text: string, start: number, end: number): { open: number; raw: string } | undefined {
  const q = text[start];
  if (q !== "'" && q !== '"' && q !== '`') return undefined;
  let i = start + 1;
  while (i < end && text[i] !== q) i += text[i] === '\\' ? 2 : 1;
  return { open: start + 1, raw: text.slice(start + 1, Math.min(i, end)) };
}

/** The tag ends on a boundary of the written text: not inside an escape or (in a template) a `${…}` substitution. */
function endsCleanly(tag: string, template: boolean): boolean {
  let depth = 0;
  for (let i = 0; i < tag.length; i++) {
    if (tag[i] === '\\') { i++; if (i >= tag.length) return false; continue; }
    if (!template) continue;
    if (tag.startsWith('${', i)) { depth++; i++; } else if (tag[i] === '}' && depth > 0) depth--;
  }
  return depth === 0;
}

function wrapHashTag(keys: KeyArg[], tag: string, lead: string, ctx: EditContext): TextEdit[] | undefined {
  if (!tag) return undefined;
  const text = ctx.lines.text;
  const edits = new Map<number, TextEdit[]>();
  for (const k of keys) {
    if (k.kind === 'unknown') return undefined;
    const start = ctx.lines.offsetAt(k.range.start);
    const end = ctx.lines.offsetAt(k.range.end);
    if (text.slice(start, end) !== k.text) return undefined;
    const content = leadingContent(text, start, end);
    const template = text[start] === '`';
    if (!content || !content.raw.startsWith(lead + tag) || !endsCleanly(lead, template) || !endsCleanly(lead + tag, template)) return undefined;
    const at = content.open + lead.length;
    edits.set(content.open, [insertAt(ctx, at, '{'), insertAt(ctx, at + tag.length, '}')]);
  }
  return edits.size ? [...edits.values()].flat() : undefined;
}
