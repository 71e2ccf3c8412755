/**
 * Method name → Redis command. ioredis names methods after commands in lower case; node-redis uses camelCase
 * (`setEx`, `hGetAll`) and UPPERCASE; both add suffixed variants (`getBuffer`, `scanStream`, `scanIterator`).
 * A method that maps to no known command is not a call site (`on`, `quit`-like lifecycle calls, our own helpers).
 */

const KNOWN = new Set(`
APPEND AUTH BITCOUNT BITFIELD BITFIELD_RO BITOP BITPOS BLMOVE BLMPOP BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX BZPOPMIN
CLIENT CLUSTER COMMAND CONFIG COPY DBSIZE DEBUG DECR DECRBY DEL DUMP ECHO EVAL EVALSHA EVAL_RO EVALSHA_RO EXISTS
EXPIRE EXPIREAT EXPIRETIME FCALL FCALL_RO FLUSHALL FLUSHDB FUNCTION GEOADD GEODIST GEOHASH GEOPOS GEORADIUS
GEORADIUSBYMEMBER GEOSEARCH GEOSEARCHSTORE GET GETBIT GETDEL GETEX GETRANGE GETSET HDEL HELLO HEXISTS HEXPIRE HGET
HGETALL HGETDEL HGETEX HINCRBY HINCRBYFLOAT HKEYS HLEN HMGET HMSET HPERSIST HPEXPIRE HRANDFIELD HSCAN HSET HSETEX
HSETNX HSTRLEN HTTL HVALS INCR INCRBY INCRBYFLOAT INFO KEYS LASTSAVE LATENCY LCS LINDEX LINSERT LLEN LMOVE LMPOP LPOP
LPOS LPUSH LPUSHX LRANGE LREM LSET LTRIM MEMORY MGET MIGRATE MONITOR MOVE MSET MSETNX OBJECT PERSIST PEXPIRE
PEXPIREAT PEXPIRETIME PFADD PFCOUNT PFMERGE PING PSETEX PSUBSCRIBE PTTL PUBLISH PUBSUB PUNSUBSCRIBE RANDOMKEY
READONLY RENAME RENAMENX REPLICAOF RESTORE ROLE RPOP RPOPLPUSH RPUSH RPUSHX SADD SAVE BGSAVE BGREWRITEAOF SCAN
SCARD SCRIPT SDIFF SDIFFSTORE SELECT SET SETBIT SETEX SETNX SETRANGE SHUTDOWN SINTER SINTERCARD SINTERSTORE
SISMEMBER SLAVEOF SLOWLOG SMEMBERS SMISMEMBER SMOVE SORT SORT_RO SPOP SPUBLISH SRANDMEMBER SREM SSCAN SSUBSCRIBE
STRLEN SUBSCRIBE SUNION SUNIONSTORE SWAPDB SYNC PSYNC TIME TOUCH TTL TYPE UNLINK UNSUBSCRIBE UNWATCH WAIT WATCH
XACK XADD XAUTOCLAIM XCLAIM XDEL XGROUP XINFO XLEN XPENDING XRANGE XREAD XREADGROUP XREVRANGE XTRIM ZADD ZCARD
ZCOUNT ZDIFF ZDIFFSTORE ZINCRBY ZINTER ZINTERCARD ZINTERSTORE ZLEXCOUNT ZMPOP ZMSCORE ZPOPMAX ZPOPMIN ZRANDMEMBER
ZRANGE ZRANGEBYLEX ZRANGEBYSCORE ZRANGESTORE ZRANK ZREM ZREMRANGEBYLEX ZREMRANGEBYRANK ZREMRANGEBYSCORE ZREVRANGE
ZREVRANGEBYLEX ZREVRANGEBYSCORE ZREVRANK ZSCAN ZSCORE ZUNION ZUNIONSTORE ACL MODULE
`.trim().split(/\s+/));

/** Methods that queue or send a command given by name in their arguments. */
export const RAW_METHODS = new Set(['call', 'callBuffer', 'sendCommand']);

/**
 * The command a method name sends, or undefined. Suffixes are client conveniences over the same command
 * (`keysBuffer`, `scanStream`, `hScanIterator`); a camelCase container method (`configGet`) maps to its
 * container command (`CONFIG`) because the subcommand is not a separate command.
 */
export function commandForMethod(method: string): string | undefined {
  const base = method.replace(/(Buffer)?(Stream|Iterator)$|Buffer$/, '');
  const upper = base.toUpperCase();
  if (KNOWN.has(upper)) return upper;
  const head = /^[a-z]+(?=[A-Z])/.exec(base)?.[0];
  return head && KNOWN.has(head.toUpperCase()) ? head.toUpperCase() : undefined;
}

/** Methods on a client that return the same client (event registration, connection, typed views). */
export const CLIENT_PASSTHROUGH = new Set(['on', 'once', 'off', 'addListener', 'prependListener', 'connect', 'withTypeMapping', 'withCommandOptions', 'withAbortSignal']);

/** Methods on a client that build another connection of the same kind. */
export const CLIENT_COPIES = new Set(['duplicate']);

/** Methods that end a batch rather than queue a command on it. */
export const BATCH_TERMINALS = new Set(['exec', 'execAsPipeline', 'discard', 'execBuffer']);
