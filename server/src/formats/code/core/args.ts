/**
 * What a call's neutral arguments (model/code.ts `CallArg`, in protocol order) mean to the command table: which are
 * keys, what each key is, and the expiry and NX the call states. One answer for every language and library.
 */
import type { CallArg, CallSite, ExpiryState, KeyArg, StringSegment } from '../../../model/code';
import { WRITE_COMMANDS } from '../../../model/code';
import { literalHashTag } from '../../../model/hash-tag';
import { commandInfo, expiryForm, keyArgs, type CommandInfo } from './commands';

/** Writes whose expiry is an argument of their own (SETEX key seconds value): the call always sets one. */
const EXPIRY_SETTING_WRITES = new Set(['SETEX', 'PSETEX']);

/** The arguments as the server receives them: lists and mappings spread, a mapping entry as key then value. */
export function flatArgs(args: readonly CallArg[]): CallArg[] {
  // Most calls pass no literal collection: nothing to spread.
  if (!args.some((a) => a.kind === 'list' || a.kind === 'map')) return args.slice();
  const out: CallArg[] = [];
  const stack: CallArg[] = [];
  for (let i = args.length - 1; i >= 0; i--) stack.push(args[i]);
  while (stack.length) {
    const a = stack.pop()!;
    if (a.kind === 'list') {
      for (let i = a.items.length - 1; i >= 0; i--) stack.push(a.items[i]);
    } else if (a.kind === 'map') {
      for (let i = a.entries.length - 1; i >= 0; i--) {
        const e = a.entries[i];
        if (Array.isArray(e)) stack.push(e[1] as CallArg, e[0] as CallArg);
        else stack.push(e as CallArg);
      }
    } else out.push(a);
  }
  return out;
}

const UNKNOWN = Symbol('unknown');

/** A protocol value as keySpecs reads it: a literal string or number, or a value not known. */
function protocolValue(a: CallArg): unknown {
  if (a.kind === 'string') return a.value ?? UNKNOWN;
  if (a.kind === 'number') return a.value;
  if (a.kind === 'keyword') return a.conditional ? UNKNOWN : a.name;
  return UNKNOWN;
}

/** The literal text of an argument (a string, a number, an unconditional keyword), else undefined. */
export function literalOf(a: CallArg | undefined): string | undefined {
  if (!a) return undefined;
  const v = protocolValue(a);
  return v === UNKNOWN ? undefined : String(v);
}

/**
 * The text of a `{…}` tag that spans an interpolation (`{user:${id}}` → `user:${id}`): keys with the same such
 * text share a slot. Only interpolations written inside the string count (they carry `text`); like
 * literalHashTag, it assumes interpolated values bring no braces of their own.
 */
export function dynamicHashTag(segments: readonly StringSegment[]): string | undefined {
  let open = -1;
  let tag = '';
  let crossed = false;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.kind === 'interpolated') {
      if (open < 0) continue;
      if (s.text === undefined) return undefined;
      tag += s.text;
      crossed = true;
      continue;
    }
    let from = 0;
    if (open < 0) {
      const at = s.value.indexOf('{');
      if (at < 0) continue;
      open = i;
      from = at + 1;
    }
    const close = s.value.indexOf('}', from);
    if (close < 0) { tag += s.value.slice(from); continue; }
    tag += s.value.slice(from, close);
    return crossed && tag !== '' ? tag : undefined;
  }
  return undefined;
}

/** A key argument as the rules read it. */
export function keyArgOf(a: CallArg): KeyArg {
  const { text, range } = a;
  if (a.kind === 'number') return { kind: 'literal', value: a.text, text, range };
  if (a.kind !== 'string') return { kind: 'unknown', text, range };
  if (a.value !== undefined) return { kind: 'literal', value: a.value, text, range };
  const firstHole = a.segments.findIndex((s) => s.kind === 'interpolated');
  const literalPrefix = a.segments.slice(0, firstHole).map((s) => (s.kind === 'literal' ? s.value : '')).join('');
  const hashTag = literalHashTag(a.segments.flatMap((s) => (s.kind === 'literal' ? [s.value] : [])));
  if (hashTag !== undefined) return { kind: 'template', text, literalPrefix, hashTag, range };
  const hashTagText = dynamicHashTag(a.segments);
  return hashTagText === undefined
    ? { kind: 'template', text, literalPrefix, range }
    : { kind: 'template', text, literalPrefix, hashTagText, range };
}

/** Where the keys of a `numkeys` command begin, as an index into args (EVAL's: 2, ZUNIONSTORE's: 2). */
function numkeysStart(info: CommandInfo): number | undefined {
  const spec = info.keys?.find((k) => k.numkeys !== undefined && k.index !== undefined);
  return spec && spec.index! + spec.first! - (info.container ? 2 : 1);
}

/**
 * The keys among `args` (flat, protocol order). A spread stands for any number of arguments: a key there is
 * unknown, and nothing after it can be placed. When the positions hang on a value not known (EVAL's numkeys is a
 * variable), whatever follows the count is one unknown key.
 */
export function keysOf(info: CommandInfo | undefined, flat: readonly CallArg[]): KeyArg[] {
  if (!info) return [];
  const spreadAt = flat.findIndex((a) => a.kind === 'spread');
  const values = flat.map(protocolValue);
  const at = keyArgs(info, values);
  if (at === undefined) {
    const start = numkeysStart(info);
    if (start === undefined || start >= flat.length) return [];
    const rest = flat.slice(start);
    const range = { start: rest[0].range.start, end: rest[rest.length - 1].range.end };
    return [{ kind: 'unknown', text: rest.map((r) => r.text).join(', '), range }];
  }
  const out: KeyArg[] = [];
  for (const i of at) {
    if (spreadAt >= 0 && i >= spreadAt) { out.push(keyArgOf(flat[spreadAt])); break; }
    out.push(keyArgOf(flat[i]));
  }
  return out;
}

/**
 * The expiry and NX a write states. Expiry is given for writes only; it is `unknown` when an argument not known
 * (a variable, a spread) stands where an expiry option could.
 */
export function optionsOf(info: CommandInfo | undefined, flat: readonly CallArg[], keyCount: number): CallSite['options'] {
  const name = info?.name ?? '';
  if (EXPIRY_SETTING_WRITES.has(name)) return { expiry: 'set' };
  if (name === 'SETNX') return { expiry: 'none', nx: true };
  if (!WRITE_COMMANDS.has(name)) return {};
  const tokens = expiryForm(info!)?.tokens;
  if (!tokens) return { expiry: 'none' };
  // Option words follow the fixed arguments: SET key value [NX|XX] [GET] [EX s|…|KEEPTTL].
  const fixed = Math.max(keyCount, Math.abs(info!.arity ?? 1) - 1);
  let expiry: ExpiryState = 'none';
  let nx = false;
  let unreadable = false;
  for (let i = 0; i < flat.length; i++) {
    const a = flat[i];
    if (a.kind === 'spread') { unreadable = true; continue; }
    if (i < fixed) continue;
    const word = a.kind === 'keyword' ? a.name : a.kind === 'string' ? a.value?.toUpperCase() : undefined;
    const unit = word !== undefined ? tokens[word] : undefined;
    if (unit !== undefined) {
      if (a.kind === 'keyword' && a.conditional) { if (expiry === 'none') expiry = 'unknown'; continue; }
      expiry = unit === 'keep' ? 'keep' : unit === 'persist' ? 'none' : 'set';
      if (unit !== 'keep' && unit !== 'persist') i++;
      continue;
    }
    if (word === 'NX') { if (!(a.kind === 'keyword' && a.conditional)) nx = true; continue; }
    if (word !== undefined || a.kind === 'number' || (a.kind === 'unknown' && a.callable)) continue;
    unreadable = true;
  }
  const state: ExpiryState = expiry === 'none' && unreadable ? 'unknown' : expiry;
  return nx ? { expiry: state, nx } : { expiry: state };
}

/** The command entry a call names, with its subcommand when it is a container (`CONFIG` + `GET`). */
export function resolveCommand(command: string, subcommand: string | undefined): CommandInfo | undefined {
  return commandInfo(command, subcommand);
}
