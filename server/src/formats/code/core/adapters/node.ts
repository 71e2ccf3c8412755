/**
 * The Node.js clients (shared/reference/redis-client-apis.md §2, §3): ioredis and iovalkey name methods after
 * commands in lower case and take protocol arguments as written (arrays flatten, objects spread into pairs, a
 * trailing callback is no argument); node-redis names them in camelCase or UPPERCASE and takes key arrays and
 * options objects (`{ EX: 10 }`, `{ keys, arguments }`). Both add suffixed conveniences over the same command
 * (`getBuffer`, `scanStream`, `hScanIterator`).
 */
import type { CallArg } from '../../../../model/code';
import { commandInfo } from '../commands';
import { applySignature, signature, type Signature } from './signature';
import type { Adapted, LibraryAdapter, MethodCommand, SourceCall } from './types';

/** Methods that queue or send a command given by name in their arguments. */
export const RAW_METHODS = new Set(['call', 'callBuffer', 'sendCommand']);
/** Methods on a client that return the same client (event registration, connection, typed views). */
export const CLIENT_PASSTHROUGH = new Set(['on', 'once', 'off', 'addListener', 'prependListener', 'connect', 'withTypeMapping', 'withCommandOptions', 'withAbortSignal']);
/** Methods on a client that build another connection of the same kind. */
export const CLIENT_COPIES = new Set(['duplicate']);
/** Methods that end a batch rather than queue a command on it. */
export const BATCH_TERMINALS = new Set(['exec', 'execAsPipeline', 'discard', 'execBuffer']);
/**
 * Command names that are client lifecycle in these libraries, not a command sent where the call is: `multi()`
 * opens a batch, `quit()`/`reset()` manage the connection, `monitor()` resolves to a monitor instance.
 */
const NOT_SENT = new Set(['MULTI', 'EXEC', 'DISCARD', 'QUIT', 'RESET']);

const SUFFIX = /(Buffer)?(Stream|Iterator)$|Buffer$/;

/** `hGetAll` → HGETALL, `configGet` → CONFIG GET, `xInfoStream` → XINFO STREAM, `getBuffer` → GET. */
function command(method: string): MethodCommand | undefined {
  const base = method.replace(SUFFIX, '');
  const upper = base.toUpperCase();
  if (NOT_SENT.has(upper)) return undefined;
  if (commandInfo(upper)) return { command: upper };
  const words = base.split(/(?=[A-Z])/);
  for (let n = 1; n < words.length; n++) {
    const head = words.slice(0, n).join('').toUpperCase();
    if (!commandInfo(head)?.subcommands) continue;
    const sub = words.slice(n).join('').toUpperCase();
    return commandInfo(head, sub)?.container ? { command: head, subcommand: sub } : { command: head };
  }
  return undefined;
}

const compile = (table: Record<string, [string, string?]>): Map<string, Signature> =>
  new Map(Object.entries(table).map(([k, [p, e]]) => [k, signature(p, e)]));

/** ioredis: protocol order already, but for the stream helpers whose options are an object. */
const IOREDIS = compile({
  SCANSTREAM: ['opts{}', '0 opts'],
  SSCANSTREAM: ['key opts{}', 'key 0 opts'], HSCANSTREAM: ['key opts{}', 'key 0 opts'], ZSCANSTREAM: ['key opts{}', 'key 0 opts'],
});

/** node-redis v4–v6 signatures where they differ from protocol order (packages/client/lib/commands/*.ts). */
const NODE_REDIS = compile({
  SET: ['key value opts{}'],
  GETEX: ['key opts{}'],
  EVAL: ['script opts{}', 'script #opts@keys opts@keys opts@arguments'],
  EVALSHA: ['sha opts{}', 'sha #opts@keys opts@keys opts@arguments'],
  EVAL_RO: ['script opts{}', 'script #opts@keys opts@keys opts@arguments'],
  EVALSHA_RO: ['sha opts{}', 'sha #opts@keys opts@keys opts@arguments'],
  FCALL: ['fn opts{}', 'fn #opts@keys opts@keys opts@arguments'],
  FCALL_RO: ['fn opts{}', 'fn #opts@keys opts@keys opts@arguments'],
  ZUNIONSTORE: ['dest keys opts{}', 'dest #keys keys opts'], ZINTERSTORE: ['dest keys opts{}', 'dest #keys keys opts'],
  ZDIFFSTORE: ['dest keys', 'dest #keys keys'],
  ZUNION: ['keys opts{}', '#keys keys opts'], ZINTER: ['keys opts{}', '#keys keys opts'], ZDIFF: ['keys', '#keys keys'],
  SINTERCARD: ['keys opts{}', '#keys keys opts'], ZINTERCARD: ['keys opts{}', '#keys keys opts'],
  LMPOP: ['keys side opts{}', '#keys keys side opts'], BLMPOP: ['timeout keys side opts{}', 'timeout #keys keys side opts'],
  ZMPOP: ['keys side opts{}', '#keys keys side opts'], BZMPOP: ['timeout keys side opts{}', 'timeout #keys keys side opts'],
  XREAD: ['streams opts{}', 'opts STREAMS streams@key streams@id'],
  XREADGROUP: ['group consumer streams opts{}', 'GROUP group consumer opts STREAMS streams@key streams@id'],
  SCAN: ['cursor opts{}'], SCANITERATOR: ['opts{}', '0 opts'],
  SSCAN: ['key cursor opts{}'], HSCAN: ['key cursor opts{}'], ZSCAN: ['key cursor opts{}'],
  SSCANITERATOR: ['key opts{}', 'key 0 opts'], HSCANITERATOR: ['key opts{}', 'key 0 opts'], ZSCANITERATOR: ['key opts{}', 'key 0 opts'],
  LRANGE: ['key start stop'],
  // Hash field expiry (node-redis v5, https://redis.io/commands/hpexpire lists `HPEXPIRE(key, fields, ms, mode?)`):
  // the fields come before the time. `fields_word` (no parameter of node-redis) sends FIELDS as ioredis code writes it.
  HEXPIRE: ['key fields seconds mode fields_word=FIELDS', 'key seconds mode fields_word #fields fields'],
  HPEXPIRE: ['key fields ms mode fields_word=FIELDS', 'key ms mode fields_word #fields fields'],
  HEXPIREAT: ['key fields timestamp mode fields_word=FIELDS', 'key timestamp mode fields_word #fields fields'],
  HPEXPIREAT: ['key fields timestamp mode fields_word=FIELDS', 'key timestamp mode fields_word #fields fields'],
  HPERSIST: ['key fields fields_word=FIELDS', 'key fields_word #fields fields'], HTTL: ['key fields fields_word=FIELDS', 'key fields_word #fields fields'],
  HPTTL: ['key fields fields_word=FIELDS', 'key fields_word #fields fields'], HEXPIRETIME: ['key fields fields_word=FIELDS', 'key fields_word #fields fields'],
  HPEXPIRETIME: ['key fields fields_word=FIELDS', 'key fields_word #fields fields'], HGETDEL: ['key fields fields_word=FIELDS', 'key fields_word #fields fields'],
});

/** ioredis and node-redis v3 accept a trailing callback; it is no protocol argument. */
function withoutCallback(call: SourceCall): SourceCall {
  const p = call.positional;
  let end = p.length;
  while (end > 0 && p[end - 1].kind === 'unknown' && (p[end - 1] as { callable?: true }).callable) end--;
  return end === p.length ? call : { ...call, positional: p.slice(0, end) };
}

/** `call('SET', k, v)`; node-redis `sendCommand(['KEYS', '*'])`, cluster `sendCommand(key, readOnly, [...])`. */
function raw(call: SourceCall): Adapted | undefined {
  const p = call.positional;
  const list = [p[0], p[2]].find((a) => a?.kind === 'list');
  const parts: CallArg[] = list?.kind === 'list' ? list.items : p;
  const first = parts[0];
  const name = first?.kind === 'string' ? first.value : undefined;
  if (name === undefined) return undefined;
  const [head] = name.trim().split(/\s+/);
  return { command: head.toUpperCase(), args: parts.slice(1), raw: true };
}

/**
 * node-redis v4 `client.brPop(commandOptions({ isolated: true }), 'jobs', 0)`: a leading options marker built by
 * the library's `commandOptions()`, which the client strips before the command (v5 moved it to `withCommandOptions`).
 */
function withoutCommandOptions(call: SourceCall): SourceCall {
  const first = call.positional[0];
  return first?.kind === 'unknown' && /^commandOptions\s*\(/.test(first.text) ? { ...call, positional: call.positional.slice(1) } : call;
}

function adapter(table: Map<string, Signature>, callbacks: boolean, strip: (call: SourceCall) => SourceCall = (c) => c): LibraryAdapter {
  return {
    command,
    adapt(method, source) {
      const call = strip(callbacks ? withoutCallback(source) : source);
      if (RAW_METHODS.has(method)) return raw(call);
      const named = command(method);
      if (!named) return undefined;
      const sig = table.get(method.toUpperCase()) ?? table.get(named.command);
      const args = sig ? applySignature(sig, call) : call.positional;
      return { ...named, args, raw: false };
    },
  };
}

export const ioredis = adapter(IOREDIS, true);
/** node-redis v4+ takes no callbacks, but `legacyMode` / `.legacy()` and v3 code do. */
export const nodeRedis = adapter(NODE_REDIS, true, withoutCommandOptions);

/** The command a method sends, for receiver resolution (a batch method that is a command returns the batch). */
export const commandForMethod = (method: string): MethodCommand | undefined => command(method);

const SEARCH_METHODS: Record<string, string> = {
  create: 'FT.CREATE', search: 'FT.SEARCH', aggregate: 'FT.AGGREGATE', info: 'FT.INFO', dropIndex: 'FT.DROPINDEX', alter: 'FT.ALTER',
};

/**
 * node-redis's search module (`client.ft.create(index, schema, { ON: 'HASH', PREFIX: ['doc:'] })`, packages/search):
 * FT.CREATE in protocol order, index, ON, PREFIX n p…, SCHEMA. An options value the reader cannot see into leaves
 * the prefixes unknown, so any hash may be a document. Other methods: the index, then their arguments.
 */
const isPair = (e: readonly [CallArg, CallArg] | CallArg): e is readonly [CallArg, CallArg] => Array.isArray(e);

export function nodeRedisSearch(method: string, source: SourceCall): Adapted | undefined {
  const command = SEARCH_METHODS[method];
  if (!command) return undefined;
  const [index, schema, options] = source.positional;
  if (!index) return undefined;
  if (command !== 'FT.CREATE') return { command, args: source.positional, raw: false };
  const made = (name: string, at: CallArg): CallArg => ({ kind: 'keyword', name, text: name, range: at.range, implicit: true });
  const out: CallArg[] = [index];
  if (options?.kind === 'map') {
    for (const e of options.entries) {
      if (!isPair(e)) { out.push(made('PREFIX', e), { kind: 'unknown', text: e.text, range: e.range }); continue; }
      const [k, v] = e;
      const key = k.kind === 'string' ? k.value : undefined;
      if (key === 'ON') out.push(made('ON', k), v.kind === 'string' && v.value !== undefined ? made(v.value.toUpperCase(), v) : v);
      else if (key === 'PREFIX') {
        const items = v.kind === 'list' ? v.items : [v];
        out.push(made('PREFIX', k));
        if (items.some((i) => i.kind === 'spread') || v.kind === 'spread') out.push({ kind: 'unknown', text: v.text, range: v.range });
        else out.push({ kind: 'number', value: items.length, text: String(items.length), range: v.range, implicit: true }, ...items);
      }
    }
  } else if (options) out.push(made('PREFIX', options), { kind: 'unknown', text: options.text, range: options.range });
  out.push(made('SCHEMA', schema ?? index));
  if (schema) out.push(schema);
  return { command, args: out, raw: false };
}
