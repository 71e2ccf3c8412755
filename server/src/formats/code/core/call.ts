/**
 * From an adapted call (command and protocol-order arguments) to what the model carries: the subcommand of a
 * container named by its first argument, the keys, and the options. The same for every language and library.
 */
import type { CallArg, CallSite, KeyArg } from '../../../model/code';
import { flatArgs, keysOf, literalOf, optionsOf } from './args';
import { commandInfo, type CommandInfo } from './commands';
import type { Adapted } from './adapters/types';

export interface NeutralCall {
  command: string;
  subcommand?: string;
  info?: CommandInfo;
  args: CallArg[];
  keys: KeyArg[];
  options: CallSite['options'];
}

/** Option words every library writes the same way; a command's own expiry words are added to them. */
const OPTION_WORDS = new Set([
  'NX', 'XX', 'GT', 'LT', 'CH', 'INCR', 'GET', 'KEEPTTL', 'PERSIST', 'COUNT', 'MATCH', 'TYPE', 'BLOCK', 'STREAMS', 'GROUP',
  'NOACK', 'LIMIT', 'WITHSCORES', 'AGGREGATE', 'WEIGHTS', 'ASYNC', 'SYNC', 'REV', 'BYSCORE', 'BYLEX', 'IDLE', 'RETRYCOUNT',
]);

/**
 * A literal string where the protocol takes an option word (ioredis `set(k, v, 'EX', 10)`, `flushall('ASYNC')`)
 * is that keyword, as redis-py's `ex=` and node-redis's `{ EX }` are. Not at a key, and not among a key-first
 * command's fixed arguments (`set('mode', 'EX')` stores the word).
 */
function optionWords(info: CommandInfo | undefined, args: CallArg[]): CallArg[] {
  if (!info) return args;
  const tokens = info.expiry?.tokens;
  const firstKeyAtStart = info.keys?.some((k) => k.index === (info.container ? 2 : 1));
  const fixed = firstKeyAtStart ? Math.abs(info.arity ?? 1) - (info.container ? 2 : 1) : 0;
  let any = false;
  for (let i = fixed; i < args.length && !any; i++) any = optionWord(args[i], tokens) !== undefined;
  if (!any) return args;
  const keyed = new Set(keysOf(info, flatArgs(args)).map((k) => k.range.start.line * 1e7 + k.range.start.character));
  return args.map((a, i) => {
    const w = i < fixed ? undefined : optionWord(a, tokens);
    if (w === undefined || keyed.has(a.range.start.line * 1e7 + a.range.start.character)) return a;
    return { kind: 'keyword', name: w, text: a.text, range: a.range } as CallArg;
  });
}

/** The option word a literal string argument spells, if it spells one. */
function optionWord(a: CallArg, tokens: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (a.kind !== 'string' || a.value === undefined || a.implicit) return undefined;
  const w = a.value.toUpperCase();
  return OPTION_WORDS.has(w) || (tokens !== undefined && w in tokens) ? w : undefined;
}

export function neutralCall(adapted: Adapted): NeutralCall {
  let { command, subcommand, args } = adapted;
  let info = commandInfo(command, subcommand);
  // `config('GET', p)`, `execute_command('OBJECT', 'ENCODING', k)`: the first argument names the subcommand.
  if (info?.subcommands && !info.container && subcommand === undefined) {
    const first = args[0] && args[0].kind !== 'list' && args[0].kind !== 'map' ? literalOf(args[0]) : undefined;
    const sub = first !== undefined ? commandInfo(command, first) : undefined;
    if (sub) { info = sub; subcommand = sub.name.slice(command.length + 1); args = args.slice(1); }
  }
  if (info?.container) subcommand = info.name.slice(info.container.length + 1);
  args = optionWords(info, args);
  const flat = flatArgs(args);
  const keys = keysOf(info, flat);
  const out: NeutralCall = { command, args, keys, options: optionsOf(info, flat, keys.length) };
  if (adapted.splitBySlot) out.options.splitBySlot = true;
  if (subcommand !== undefined) out.subcommand = subcommand;
  if (info) out.info = info;
  return out;
}
