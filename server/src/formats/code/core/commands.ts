/**
 * The one Redis command table at the protocol level (knowledge/data/redis-commands.json, generated from
 * redis-server 7.0.15 by scripts/redis-commands.ts, restrictions from aws-facts.md §3), bundled into the engine: no fs.
 * Client libraries map their methods onto protocol commands and argument order; everything below speaks protocol.
 *
 * Every function answers `undefined` for a command the table does not know, and for one it cannot answer without
 * a value the caller does not know (a container without its subcommand, a numkeys that is a variable).
 */
import data from '../../../../../knowledge/data/redis-commands.json';
import type { CommandEntry, CommandTable, Expiry, Service } from './commandTypes';
import { sortPositions, specIsChannel, specPositions, specWrites } from './keySpecs';

export type { CommandEntry, CommandTable, Expiry, ExpiryUnit, KeySpec, Service } from './commandTypes';
export { SERVICES } from './commandTypes';

export const COMMAND_TABLE: CommandTable = data as unknown as CommandTable;

export interface CommandInfo extends CommandEntry {
  /** `SET`, `CONFIG SET`. */
  name: string;
  /** `CONFIG` for `CONFIG SET`. */
  container?: string;
}

const cache = new Map<string, CommandInfo>();

function lookup(name: string): CommandInfo | undefined {
  const hit = cache.get(name);
  if (hit) return hit;
  const entry = COMMAND_TABLE.commands[name];
  if (!entry) return undefined;
  const space = name.indexOf(' ');
  // Frozen: every caller shares the one object.
  const info: CommandInfo = Object.freeze({ ...entry, name, ...(space > 0 ? { container: name.slice(0, space) } : {}) });
  cache.set(name, info);
  return info;
}

const normalise = (s: string): string => s.trim().toUpperCase().replace(/[\s|]+/g, ' ');

/** Spellings as written (method names, literal first arguments): bounded, since literals come from user code. */
const MAX_ANSWERS = 4096;
const answers = new Map<string, CommandInfo | undefined>();

/**
 * `commandInfo('set')`, `commandInfo('CONFIG', 'set')`, `commandInfo('config set')`, `commandInfo('OBJECT|ENCODING')`.
 * `subcommand` is read only when `name` is a container (CONFIG, CLIENT, OBJECT, XINFO …), so an extractor may pass
 * the first literal argument of any call; an unknown subcommand of a container is undefined.
 */
export function commandInfo(name: string, subcommand?: string): CommandInfo | undefined {
  // Asked several times for every call an extractor reads (adapter, then core): answered from the spelling.
  const asked = subcommand === undefined ? name : `${name}\u0000${subcommand}`;
  if (answers.has(asked)) return answers.get(asked);
  const info = answer(name, subcommand);
  if (answers.size < MAX_ANSWERS) answers.set(asked, info);
  return info;
}

function answer(name: string, subcommand: string | undefined): CommandInfo | undefined {
  const full = normalise(name);
  const info = lookup(full);
  if (!info || info.container || !info.subcommands || subcommand === undefined) return info;
  return lookup(`${full} ${normalise(subcommand)}`);
}

const resolve = (command: string | CommandInfo): CommandInfo | undefined =>
  typeof command === 'string' ? commandInfo(command) : command;

/** A container named without its subcommand, or an entry added by hand with nothing but its name: no answer. */
const undecided = (info: CommandInfo): boolean => info.subcommands !== undefined || info.arity === undefined;

interface Positions { keys: number[]; written: number[] }

const WORDS = new WeakMap<CommandInfo, string[]>();

/** argv's leading words (`SET`, `CONFIG`, `SET`), split once per command. */
function nameWords(info: CommandInfo): string[] {
  let words = WORDS.get(info);
  if (!words) WORDS.set(info, (words = info.name.split(' ')));
  return words;
}

function positions(command: string | CommandInfo, args: readonly unknown[]): Positions | undefined {
  let info = resolve(command);
  if (!info) return undefined;
  let shift = 0;
  if (info.subcommands && !info.container) {
    // `keyArgs('OBJECT', ['ENCODING', k])`: the subcommand is the first argument.
    const sub = typeof args[0] === 'string' ? lookup(`${info.name} ${normalise(args[0])}`) : undefined;
    if (!sub) return undefined;
    info = sub;
    args = args.slice(1);
    shift = 1;
  }
  if (undecided(info)) return undefined;
  const words = info.container ? 2 : 1;
  const argv: unknown[] = (nameWords(info) as unknown[]).concat(args);
  const keys = new Set<number>();
  const written = new Set<number>();
  for (const spec of info.keys ?? []) {
    if (specIsChannel(spec)) continue;
    if (spec.unknown) continue; // SORT's BY/GET/STORE: handled below; no other command has one
    const at = specPositions(spec, argv);
    if (!at) return undefined;
    for (const i of at) {
      // MIGRATE's key is "" when its KEYS form names them (src/cluster.c migrateGetKeys).
      if (info.name === 'MIGRATE' && argv[i] === '') continue;
      keys.add(i);
      if (specWrites(spec)) written.add(i);
    }
  }
  if (info.keys?.some((s) => s.unknown)) {
    if (info.name !== 'SORT' && info.name !== 'SORT_RO') return undefined;
    const sort = sortPositions(argv);
    if (!sort) return undefined;
    for (const i of [...sort.read, ...sort.written]) keys.add(i);
    for (const i of sort.written) written.add(i);
  }
  const toArgs = (s: Set<number>) => [...s].filter((i) => i >= words).sort((a, b) => a - b).map((i) => i - words + shift);
  return { keys: toArgs(keys), written: toArgs(written) };
}

/**
 * Which of `args` are keys, as indexes into `args`: the protocol arguments after the command name (and after the
 * subcommand when `command` names it: `keyArgs('OBJECT ENCODING', [k])` → [0]; `keyArgs('OBJECT', ['ENCODING', k])`
 * → [1]). Pass every argument, in protocol order: a literal as a string or number, anything else for a value not
 * known. `[]` for a keyless command; undefined when the positions hang on a value not known (EVAL's numkeys).
 */
export function keyArgs(command: string | CommandInfo, args: readonly unknown[]): number[] | undefined {
  return positions(command, args)?.keys;
}

/** The subset of keyArgs that the command modifies (read-write, overwritten or removed: RENAME's both, LMOVE's both, SUNIONSTORE's destination). */
export function writtenKeyArgs(command: string | CommandInfo, args: readonly unknown[]): number[] | undefined {
  return positions(command, args)?.written;
}

/** The command may modify data (COMMAND INFO's `write` flag). */
export function writes(command: string | CommandInfo): boolean | undefined {
  const info = resolve(command);
  if (!info || undecided(info)) return undefined;
  return info.flags?.includes('write') ?? false;
}

/** The command can set an expiry as it writes (SET EX/PX/EXAT/PXAT/KEEPTTL, GETEX, SETEX, RESTORE, EXPIRE …). */
export function takesExpiry(command: string | CommandInfo): boolean | undefined {
  const info = resolve(command);
  if (!info || undecided(info)) return undefined;
  return info.expiry !== undefined;
}

/** How the command takes its expiry: option words, or a positional argument (an index into the args of keyArgs). */
export function expiryForm(command: string | CommandInfo): Expiry | undefined {
  const info = resolve(command);
  if (!info?.expiry) return undefined;
  const words = info.container ? 2 : 1;
  const { tokens, arg } = info.expiry;
  return { ...(tokens ? { tokens } : {}), ...(arg ? { arg: { index: arg.index - words, unit: arg.unit } } : {}) };
}

/**
 * How a blocking command bounds its wait: `arg`, the index into the args of keyArgs of its timeout (negative: from
 * the end; 0 there blocks forever), or `token`, the option word without which it does not block (XREAD BLOCK).
 * Undefined for a command that does not block.
 */
export function blockingTimeout(command: string | CommandInfo): { arg?: number; token?: string } | undefined {
  const info = resolve(command);
  const t = info?.timeout;
  if (!t) return undefined;
  if (t.arg === undefined) return { ...t };
  return { arg: t.arg < 0 ? t.arg : t.arg - (info.container ? 2 : 1) };
}

export interface Restriction {
  restricted: boolean;
  /** The AWS page the answer comes from. */
  source: string;
  /** For a container that is not restricted whole (ACL, CLIENT, CLUSTER): the subcommands that are. */
  restrictedSubcommands?: string[];
}

/** Whether `service` makes the command unavailable (aws-facts.md §3). */
export function restriction(command: string | CommandInfo, service: Service): Restriction | undefined {
  const info = resolve(command);
  if (!info) return undefined;
  const restricted = info.restricted?.includes(service) ?? false;
  const out: Restriction = { restricted, source: COMMAND_TABLE.sources[service] };
  if (!restricted && info.subcommands && !info.container) {
    const subs = info.subcommands.filter((s) => lookup(`${info.name} ${s}`)?.restricted?.includes(service));
    if (subs.length) out.restrictedSubcommands = subs;
  }
  return out;
}

/** Every name in the table, containers and `CONTAINER SUB` alike, sorted. */
export function commandNames(): string[] {
  return Object.keys(COMMAND_TABLE.commands);
}
