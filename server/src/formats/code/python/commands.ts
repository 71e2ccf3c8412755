/**
 * redis-py / valkey-py method names → Redis commands, and where each command's keys sit in the method's
 * arguments. The two clients share method shapes, so one table serves both.
 */

/**
 * Where the keys are, for the method form and for the raw `execute_command` form.
 * - first: the first argument; firstTwo: the first two (src, dst);
 * - all: every positional argument (`*names`); list: a keys list or varargs (`mget(keys, *args)`);
 * - destList: a destination, then a keys list (`sunionstore(dest, keys, *args)`, `zunionstore(dest, keys)`);
 * - listOnly: a keys list followed by non-key arguments (`blpop(keys, timeout)`);
 * - mapping: the keys of a dict (`mset({k: v})`, `xread({stream: id})`);
 * - eval: `(script, numkeys, *keys_and_args)`; skipN: keys after N leading non-key arguments.
 */
export type KeySpec =
  | { kind: 'none' } | { kind: 'first' } | { kind: 'firstTwo' } | { kind: 'all' } | { kind: 'list' }
  | { kind: 'destList' } | { kind: 'listOnly' } | { kind: 'mapping' } | { kind: 'eval' } | { kind: 'second' }
  | { kind: 'skipN'; n: number } | { kind: 'listAt'; index: number };

const NONE: KeySpec = { kind: 'none' };
const FIRST: KeySpec = { kind: 'first' };

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Keyless commands: server, connection, scripting-management and pub/sub commands whose arguments are not keys. */
const KEYLESS = new Set(words(`
  keys scan randomkey dbsize flushall flushdb info ping echo time select swapdb save bgsave bgrewriteaof lastsave
  shutdown slaveof replicaof sync psync migrate monitor wait waitaof failover lolwut auth quit reset multi exec
  discard unwatch publish spublish readonly readwrite role hello scan_iter
`));

const SPECS: Record<string, KeySpec> = {
  rename: { kind: 'firstTwo' }, renamenx: { kind: 'firstTwo' }, smove: { kind: 'firstTwo' }, lmove: { kind: 'firstTwo' },
  blmove: { kind: 'firstTwo' }, rpoplpush: { kind: 'firstTwo' }, brpoplpush: { kind: 'firstTwo' },
  copy: { kind: 'firstTwo' }, zrangestore: { kind: 'firstTwo' }, geosearchstore: { kind: 'firstTwo' },
  delete: { kind: 'all' }, unlink: { kind: 'all' }, exists: { kind: 'all' }, touch: { kind: 'all' },
  watch: { kind: 'all' }, pfcount: { kind: 'all' }, pfmerge: { kind: 'all' },
  mget: { kind: 'list' }, sunion: { kind: 'list' }, sinter: { kind: 'list' }, sdiff: { kind: 'list' },
  zunion: { kind: 'list' }, zinter: { kind: 'list' }, zdiff: { kind: 'list' },
  sunionstore: { kind: 'destList' }, sinterstore: { kind: 'destList' }, sdiffstore: { kind: 'destList' },
  zunionstore: { kind: 'destList' }, zinterstore: { kind: 'destList' }, zdiffstore: { kind: 'destList' },
  blpop: { kind: 'listOnly' }, brpop: { kind: 'listOnly' }, bzpopmin: { kind: 'listOnly' }, bzpopmax: { kind: 'listOnly' },
  mset: { kind: 'mapping' }, msetnx: { kind: 'mapping' }, xread: { kind: 'mapping' },
  mget_nonatomic: { kind: 'list' }, mset_nonatomic: { kind: 'mapping' },
  xreadgroup: { kind: 'listAt', index: 2 },
  eval: { kind: 'eval' }, evalsha: { kind: 'eval' }, eval_ro: { kind: 'eval' }, evalsha_ro: { kind: 'eval' },
  fcall: { kind: 'eval' }, fcall_ro: { kind: 'eval' },
  sintercard: { kind: 'listAt', index: 1 }, zintercard: { kind: 'listAt', index: 1 },
  zmpop: { kind: 'listAt', index: 1 }, bzmpop: { kind: 'listAt', index: 2 },
  lmpop: { kind: 'skipN', n: 1 }, blmpop: { kind: 'skipN', n: 2 }, bitop: { kind: 'skipN', n: 1 },
  object: { kind: 'second' },
};

/** Raw protocol order differs from the method signatures for a few commands (`MSET k v k v`, `BLPOP k… timeout`). */
const RAW_SPECS: Record<string, KeySpec> = {
  MGET: { kind: 'all' }, SUNION: { kind: 'all' }, SINTER: { kind: 'all' }, SDIFF: { kind: 'all' },
  SUNIONSTORE: { kind: 'all' }, SINTERSTORE: { kind: 'all' }, SDIFFSTORE: { kind: 'all' },
  BLPOP: { kind: 'listOnly' }, BRPOP: { kind: 'listOnly' }, BZPOPMIN: { kind: 'listOnly' }, BZPOPMAX: { kind: 'listOnly' },
  MSET: { kind: 'mapping' }, MSETNX: { kind: 'mapping' }, BITOP: { kind: 'skipN', n: 1 }, OBJECT: { kind: 'second' },
};

/** Lower-case Redis command names that redis-py exposes as same-named methods taking a key first. */
const KEYED = new Set(words(`
  get set setnx setex psetex getset getex getdel incr incrby incrbyfloat decr decrby append strlen setrange getrange
  setbit getbit bitcount bitpos bitfield bitfield_ro lcs substr expire pexpire expireat pexpireat expiretime
  pexpiretime ttl pttl persist type dump restore move sort sort_ro
  hset hget hmset hmget hgetall hdel hexists hincrby hincrbyfloat hkeys hvals hlen hsetnx hstrlen hscan hscan_iter
  hrandfield hexpire hpexpire hexpireat hpexpireat httl hpttl hpersist hgetdel hgetex hsetex
  lpush rpush lpushx rpushx lpop rpop llen lrange lindex lset lrem ltrim linsert lpos
  sadd srem smembers sismember smismember scard spop srandmember sscan sscan_iter
  zadd zincrby zrem zscore zmscore zrank zrevrank zcard zcount zlexcount zrange zrevrange zrangebyscore
  zrevrangebyscore zrangebylex zrevrangebylex zremrangebyrank zremrangebyscore zremrangebylex zpopmin zpopmax
  zrandmember zscan zscan_iter
  pfadd geoadd geodist geohash geopos georadius georadiusbymember geosearch
  xadd xrange xrevrange xlen xdel xtrim xack xpending xpending_range xclaim xautoclaim
`));

/** Container commands whose redis-py methods are `<container>_<subcommand>` (`config_get` → CONFIG GET). */
const CONTAINERS = new Set(words('config client acl cluster memory script function slowlog latency module command xinfo xgroup debug pubsub'));
/** Container subcommands that take a key first. */
const KEYED_CONTAINERS = new Set(['MEMORY USAGE', 'DEBUG OBJECT', 'XINFO STREAM', 'XINFO GROUPS', 'XINFO CONSUMERS', 'XGROUP CREATE',
  'XGROUP DESTROY', 'XGROUP SETID', 'XGROUP CREATECONSUMER', 'XGROUP DELCONSUMER']);

/** redis-py method names that differ from the command they send. */
const ALIASES: Record<string, string> = {
  delete: 'DEL', scan_iter: 'SCAN', sscan_iter: 'SSCAN', hscan_iter: 'HSCAN', zscan_iter: 'ZSCAN',
  xpending_range: 'XPENDING',
  // RedisCluster's slot-splitting helpers: still MGET/MSET per slot (rules exempt them from cross-slot by method name).
  mget_nonatomic: 'MGET', mset_nonatomic: 'MSET',
};

export interface MethodCommand { command: string; keys: KeySpec }

/** The command a client method sends, or undefined when the method is not a command (`pipeline`, `execute`, `lock` …). */
export function commandForMethod(method: string): MethodCommand | undefined {
  const special = SPECS[method];
  if (special) return { command: ALIASES[method] ?? method.toUpperCase(), keys: special };
  if (KEYED.has(method)) return { command: ALIASES[method] ?? method.toUpperCase(), keys: FIRST };
  if (KEYLESS.has(method)) return { command: ALIASES[method] ?? method.toUpperCase(), keys: NONE };
  const underscore = method.indexOf('_');
  if (underscore > 0) {
    const container = method.slice(0, underscore);
    if (CONTAINERS.has(container)) {
      const sub = method.slice(underscore + 1).split('_')[0];
      const command = `${container.toUpperCase()} ${sub.toUpperCase()}`;
      return { command, keys: KEYED_CONTAINERS.has(command) ? FIRST : NONE };
    }
  }
  return undefined;
}

/** `execute_command("CONFIG", "SET", …)`: the command named by literal leading arguments, and its raw key layout. */
export function commandForRaw(name: string, sub: string | undefined): { command: string; keys: KeySpec; consumed: number } {
  const upper = name.toUpperCase();
  if (CONTAINERS.has(upper.toLowerCase()) && sub !== undefined) {
    const command = `${upper} ${sub.toUpperCase()}`;
    return { command, keys: KEYED_CONTAINERS.has(command) ? FIRST : NONE, consumed: 2 };
  }
  const lower = upper.toLowerCase();
  const keys = RAW_SPECS[upper] ?? SPECS[lower === 'del' ? 'delete' : lower]
    ?? (KEYED.has(lower) ? FIRST : NONE);
  return { command: upper, keys, consumed: 1 };
}
