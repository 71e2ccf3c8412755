/**
 * redis-py and valkey-py (identical method shapes; shared/reference/redis-client-apis.md §1): method names onto
 * protocol commands, and the signatures whose order or options differ from the protocol's. A method named after
 * a command (`get`, `hset`, `lrange`) sends it; `<container>_<sub>` sends a container's subcommand (`config_get`).
 * Signatures from redis/commands/core.py at the commit the reference names.
 */
import type { CallArg } from '../../../../model/code';
import { commandInfo } from '../commands';
import { applySignature, signature, type Signature } from './signature';
import type { Adapted, LibraryAdapter, MethodCommand, SourceCall } from './types';

/** Methods whose name is not the command they send. */
const ALIASES: Record<string, string> = {
  delete: 'DEL', scan_iter: 'SCAN', sscan_iter: 'SSCAN', hscan_iter: 'HSCAN', zscan_iter: 'ZSCAN',
  xpending_range: 'XPENDING',
  // RedisCluster's slot-splitting helpers: MGET/MSET sent once per slot (SPLIT_BY_SLOT).
  mget_nonatomic: 'MGET', mset_nonatomic: 'MSET',
  // DEBUG is no container in the table (7.0 serves no subcommands for it): OBJECT is its first argument.
  debug_object: 'DEBUG',
};

const SPLIT_BY_SLOT = new Set(['mget_nonatomic', 'mset_nonatomic']);

const SIGS: Record<string, [string, string?]> = {
  set: ['name value ex:EX px:PX nx!NX xx!XX keepttl!KEEPTTL get!GET exat:EXAT pxat:PXAT'],
  getex: ['name ex:EX px:PX exat:EXAT pxat:PXAT persist!PERSIST'],
  expire: ['name time nx!NX xx!XX gt!GT lt!LT'], pexpire: ['name time nx!NX xx!XX gt!GT lt!LT'],
  expireat: ['name when nx!NX xx!XX gt!GT lt!LT'], pexpireat: ['name when nx!NX xx!XX gt!GT lt!LT'],
  mget: ['keys *args'], mget_nonatomic: ['keys *args'],
  mset: ['mapping'], msetnx: ['mapping'], mset_nonatomic: ['mapping'],
  blpop: ['keys timeout=0'], brpop: ['keys timeout=0'], bzpopmin: ['keys timeout=0'], bzpopmax: ['keys timeout=0'],
  brpoplpush: ['src dst timeout=0'],
  lmove: ['first_list second_list src=LEFT dest=RIGHT'],
  blmove: ['first_list second_list timeout src=LEFT dest=RIGHT', 'first_list second_list src dest timeout'],
  sunion: ['keys *args'], sinter: ['keys *args'], sdiff: ['keys *args'],
  sunionstore: ['dest keys *args'], sinterstore: ['dest keys *args'], sdiffstore: ['dest keys *args'],
  zunionstore: ['dest keys aggregate:AGGREGATE', 'dest #keys keys.k aggregate'],
  zinterstore: ['dest keys aggregate:AGGREGATE', 'dest #keys keys.k aggregate'],
  zdiffstore: ['dest keys', 'dest #keys keys'],
  zunion: ['keys aggregate:AGGREGATE withscores!WITHSCORES', '#keys keys.k aggregate withscores'],
  zinter: ['keys aggregate:AGGREGATE withscores!WITHSCORES', '#keys keys.k aggregate withscores'],
  zdiff: ['keys withscores!WITHSCORES', '#keys keys withscores'],
  // Paging and score/lex modes are keywords (`start=0, num=10`, `byscore=True`): without them a bounded read looks whole.
  zrange: ['name start end desc!REV withscores!WITHSCORES score_cast_func byscore!BYSCORE bylex!BYLEX offset:LIMIT num', 'name start end desc withscores byscore bylex offset num'],
  zrevrange: ['name start end withscores!WITHSCORES score_cast_func', 'name start end withscores'],
  zrangebyscore: ['name min max start:LIMIT num withscores!WITHSCORES score_cast_func', 'name min max start num withscores'],
  zrevrangebyscore: ['name max min start:LIMIT num withscores!WITHSCORES score_cast_func', 'name max min start num withscores'],
  zrangebylex: ['name min max start:LIMIT num'], zrevrangebylex: ['name max min start:LIMIT num'],
  sintercard: ['numkeys keys limit:LIMIT'], zintercard: ['numkeys keys limit:LIMIT'],
  lmpop: ['num_keys *args direction count:COUNT'], blmpop: ['timeout numkeys *args direction count:COUNT'],
  zmpop: ['num_keys keys min!MIN max!MAX count:COUNT'], bzmpop: ['timeout numkeys keys min!MIN max!MAX count:COUNT'],
  xread: ['streams count:COUNT block:BLOCK', 'count block STREAMS streams.k streams.v'],
  xreadgroup: ['groupname consumername streams count:COUNT block:BLOCK noack!NOACK', 'GROUP groupname consumername count block noack STREAMS streams.k streams.v'],
  hset: ['name key value mapping items'], hmset: ['name mapping'],
  zadd: ['name mapping nx!NX xx!XX ch!CH incr!INCR gt!GT lt!LT', 'name nx xx gt lt ch incr mapping'],
  scan: ['cursor=0 match:MATCH count:COUNT _type:TYPE'],
  scan_iter: ['match:MATCH count:COUNT _type:TYPE', '0 match count _type'],
  sscan: ['name cursor=0 match:MATCH count:COUNT'], hscan: ['name cursor=0 match:MATCH count:COUNT'], zscan: ['name cursor=0 match:MATCH count:COUNT'],
  sscan_iter: ['name match:MATCH count:COUNT', 'name 0 match count'], hscan_iter: ['name match:MATCH count:COUNT', 'name 0 match count'],
  zscan_iter: ['name match:MATCH count:COUNT', 'name 0 match count'],
  keys: ['pattern=*'], config_get: ['pattern=*'],
  flushall: ['asynchronous!ASYNC'], flushdb: ['asynchronous!ASYNC'],
  object: ['infotype key'],
  debug_object: ['key', 'OBJECT key'],
  // Hash field expiry (redis-py 5.1+, https://redis.io/commands/hpexpire lists the signature): fields are `*fields`.
  // `fields_word` is no parameter of redis-py: a default sends the FIELDS word as ioredis code writes it, a string.
  hexpire: ['name seconds *fields nx!NX xx!XX gt!GT lt!LT fields_word=FIELDS', 'name seconds nx xx gt lt fields_word #fields fields'],
  hpexpire: ['name milliseconds *fields nx!NX xx!XX gt!GT lt!LT fields_word=FIELDS', 'name milliseconds nx xx gt lt fields_word #fields fields'],
  hexpireat: ['name unix_time_seconds *fields nx!NX xx!XX gt!GT lt!LT fields_word=FIELDS', 'name unix_time_seconds nx xx gt lt fields_word #fields fields'],
  hpexpireat: ['name unix_time_milliseconds *fields nx!NX xx!XX gt!GT lt!LT fields_word=FIELDS', 'name unix_time_milliseconds nx xx gt lt fields_word #fields fields'],
  hpersist: ['name *fields fields_word=FIELDS', 'name fields_word #fields fields'], httl: ['name *fields fields_word=FIELDS', 'name fields_word #fields fields'],
  hpttl: ['name *fields fields_word=FIELDS', 'name fields_word #fields fields'], hexpiretime: ['name *fields fields_word=FIELDS', 'name fields_word #fields fields'],
  hpexpiretime: ['name *fields fields_word=FIELDS', 'name fields_word #fields fields'],
  hgetdel: ['name *keys fields_word=FIELDS', 'name fields_word #keys keys'],
  hgetex: ['name *keys ex:EX px:PX exat:EXAT pxat:PXAT persist!PERSIST fields_word=FIELDS', 'name ex px exat pxat persist fields_word #keys keys'],
};

/** Any other method: its positional arguments in order, or the key given by name. */
const DEFAULT = signature('*args');
const BY_NAME = signature('name');
const compiled = new Map<string, Signature>();

function sigOf(method: string, call: SourceCall): Signature {
  const spec = SIGS[method];
  if (spec) {
    let s = compiled.get(method);
    if (!s) compiled.set(method, (s = signature(spec[0], spec[1])));
    return s;
  }
  return call.positional.length === 0 && (call.keywords.has('name') || call.keywords.has('key')) ? BY_NAME : DEFAULT;
}

function command(method: string): MethodCommand | undefined {
  const name = ALIASES[method] ?? method.toUpperCase();
  const info = commandInfo(name);
  // `object(infotype, key)` takes its subcommand as an argument; other containers are `<container>_<sub>` methods
  // (`pubsub()` builds a PubSub object and sends nothing).
  if (info && (!info.subcommands || method === 'object')) return { command: name };
  const underscore = method.indexOf('_');
  if (underscore <= 0) return undefined;
  const container = method.slice(0, underscore).toUpperCase();
  const sub = method.slice(underscore + 1).split('_')[0].toUpperCase();
  return commandInfo(container, sub)?.container ? { command: container, subcommand: sub } : undefined;
}

/** `execute_command("CONFIG", "SET", …)`: the command is its first argument. */
function raw(call: SourceCall): Adapted | undefined {
  const [first, ...rest] = call.positional;
  const name = first?.kind === 'string' ? first.value : undefined;
  if (name === undefined) return undefined;
  const [head, ...subs] = name.trim().split(/\s+/);
  const args: CallArg[] = [...rest, ...(call.kwSplat ? [call.kwSplat] : [])];
  return subs.length ? { command: head.toUpperCase(), subcommand: subs[0].toUpperCase(), args, raw: true } : { command: head.toUpperCase(), args, raw: true };
}

export const redisPy: LibraryAdapter = {
  command,
  adapt(method, call) {
    if (method === 'execute_command') return raw(call);
    const named = command(method);
    if (!named) return undefined;
    const adapted: Adapted = { ...named, args: applySignature(sigOf(method, call), call), raw: false };
    if (SPLIT_BY_SLOT.has(method)) adapted.splitBySlot = true;
    return adapted;
  },
};
