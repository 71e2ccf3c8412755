/**
 * The application-code model: every language's extractor normalises Redis/Valkey calls into call sites, so that a
 * code rule is written once for all languages.
 */
import type { Range } from '../engine/types';

export type ClientLibrary =
  | 'redis-py' | 'valkey-py' | 'ioredis' | 'iovalkey' | 'node-redis'
  | 'go-redis' | 'jedis' | 'lettuce' | 'spring-data-redis' | 'stackexchange-redis' | 'redis-rb' | 'phpredis' | 'predis'
  | 'valkey-glide';

export interface ClientInfo {
  library: ClientLibrary;
  /** The client was built with a cluster class (RedisCluster, Redis.Cluster, createCluster …). */
  cluster: boolean;
  /**
   * One node of a cluster (ioredis `cluster.nodes()` elements, node-redis `nodeClient`): keyless commands see that
   * node only, but multi-key commands still need one slot.
   */
  clusterNode?: boolean;
  /** How the receiver reads in source (`r`, `self.redis`, `this.client`), used to write fixes. */
  receiverText: string;
  /**
   * The construction this client came from: its index in this file's `CodeModel.clients`, or in another file's
   * when `path` (workspace-relative or absolute, as the host gave it) is set. Absent when not traced.
   */
  origin?: { path?: string; index: number };
}

/**
 * A key argument. `template` is a string with interpolations (f-string, template literal, concatenation):
 * `text` is its source, `literalPrefix` the constant text before the first interpolation, and `hashTag` the
 * literal `{…}` part when one is written out in full.
 */
export type KeyArg =
  | { kind: 'literal'; value: string; text: string; range: Range }
  | {
      kind: 'template'; text: string; literalPrefix: string; hashTag?: string;
      /**
       * Source text of a hash tag that contains an interpolation (`{user:${id}}` → `user:${id}`). Two keys with
       * the same dynamic tag text provably share a slot even though the slot itself is unknown.
       */
      hashTagText?: string;
      range: Range;
    }
  | { kind: 'unknown'; text: string; range: Range };

/**
 * One piece of a string argument: constant text, or an interpolated value (f-string `{uid}`, template `${id}`,
 * `+ id`, a `%s` placeholder). `range` covers the piece's source where it is one contiguous span. `text` of an
 * interpolation is its source when the expression is written inside the string (f-string, template literal),
 * so that two strings with the same text interpolate the same expression; absent for placeholders and operands.
 */
export type StringSegment =
  | { kind: 'literal'; value: string; range?: Range }
  | { kind: 'interpolated'; text?: string; range?: Range };

/**
 * A call argument in protocol order, language-neutral: what a rule reads instead of source text. Adapters map a
 * library's signature onto it (redis-py `ex=10`, ioredis `'EX', 10` and node-redis `{ EX: 10 }` all become the
 * keyword `EX` followed by the number 10). `list` and `map` keep a literal collection the library spreads into
 * protocol arguments (a keys array, a field/value mapping: each entry is key then value); `spread` is `*args`,
 * `...xs` or `**kw`: any number of arguments. An argument an adapter made up (redis-py's default `timeout=0`) is
 * `implicit` and ranges over the argument list. `text` is the source as written.
 */
export type CallArg = { text: string; range: Range; implicit?: true } & (
  | { kind: 'string'; segments: StringSegment[]; /** Set when every segment is literal. */ value?: string }
  | { kind: 'number'; value: number }
  | { kind: 'list'; items: CallArg[] }
  | { kind: 'map'; entries: (readonly [CallArg, CallArg] | CallArg)[] }
  | { kind: 'spread' }
  /** A protocol option word (`EX`, `NX`, `STREAMS`); `conditional` when a run-time value decides whether it is sent (`nx=flag`). */
  | { kind: 'keyword'; name: string; conditional?: true }
  /** `constant`: a boolean or null/None literal; `callable`: a function value (a callback). */
  | { kind: 'unknown'; constant?: boolean | null; callable?: true }
);

/** Expiry as the call states it. `none` = the call writes without an expiry; `set` = the call itself sets one. */
export type ExpiryState = 'none' | 'set' | 'keep' | 'unknown';

export interface CallSite {
  client: ClientInfo;
  /** The Redis command in upper case (`SET`, `KEYS`, `MGET`, `EXPIRE` …), after aliases such as setEx → SETEX. */
  command: string;
  /** A container command's subcommand in upper case (`GET` of `CONFIG GET`, `ENCODING` of `OBJECT ENCODING`). */
  subcommand?: string;
  /** Every argument after the command (and subcommand) name, in protocol order. */
  args: CallArg[];
  /** The method name as written. */
  method: string;
  /** The whole call expression. */
  range: Range;
  /** The method name. */
  calleeRange: Range;
  /** The argument list including its parentheses, for fixes that add arguments. */
  argsRange: Range;
  /** Key arguments in order. */
  keys: KeyArg[];
  /** Options the extractor understood. `expiry` is only meaningful for writes. */
  options: {
    expiry?: ExpiryState; nx?: boolean;
    /** The client method sends the command once per hash slot of its keys (redis-py's `mget_nonatomic`), so it cannot raise CROSSSLOT. */
    splitBySlot?: true;
  };
  /** An identifier of the enclosing function (or `<module>`), for rules that reason within one function. */
  scopeId: string;
  /** The call sits inside a loop body. */
  inLoop: boolean;
  /**
   * The arms of the if/else and `?:` conditionals around the call inside its function, outermost first, each
   * `<conditional id>:<arm>`. Absent where the extractor does not record them (then no two calls are alternatives).
   */
  branch?: readonly string[];
  /** Set when the call is queued on a pipeline or a MULTI transaction. */
  batch?: { id: string; transactional: boolean };
  /** The statement that holds the call, for fixes that insert a line after it. */
  statementRange: Range;
  /** The call is awaited (JS/TS), so an inserted follow-up call should be awaited too. */
  awaited?: boolean;
}

export interface CodeModel {
  language: 'python' | 'javascript' | 'typescript' | 'java' | 'go' | 'csharp' | 'ruby' | 'php';
  calls: CallSite[];
  /** Clients constructed in this file, for rules about connections (TLS, credentials, client-per-call). */
  clients: ClientConstruction[];
  /** The file looks like a test (path or framework imports): some rules stay quiet there. */
  isTest: boolean;
  /** Calls from one function of this file to another it defines; absent when the extractor records none. */
  localCalls?: LocalCall[];
}

/**
 * `self.touch()` or `refresh(key)` inside a function, naming a function of the same file: a rule looking for a
 * follow-up (an EXPIRE after a write) follows it one level, since real code moves the follow-up into a helper.
 */
export interface LocalCall {
  /** The function the call is in (a `CallSite.scopeId`). */
  scopeId: string;
  /** The function called, by the same id. */
  callee: string;
  range: Range;
}

/**
 * Where a connection setting's value comes from. `literal`: written in the source (or a constant it names);
 * `environment`: read from the process environment (`os.environ["X"]`, `os.getenv("X")`, `process.env.X`), `name`
 * being the variable when it is written out; `secret`: fetched from a secret store (Secrets Manager, SSM
 * Parameter Store, Vault, a `get_secret()`-style helper whose name says so); `unknown`: a parameter, a call or
 * an expression the extractor cannot follow.
 */
export type Provenance =
  | { kind: 'literal' }
  | { kind: 'environment'; name?: string }
  | { kind: 'secret' }
  | { kind: 'unknown' };

/**
 * One connection setting as written. `value` is set only when `provenance` is literal and the value is a
 * constant (`ssl=False`, `rejectUnauthorized: false`, `"rediss://…"`). `range` is the value's source;
 * `entryRange` the whole option (`ssl_cert_reqs="none"`, `rejectUnauthorized: false`) for fixes that remove it,
 * absent when the setting is part of a larger value (the scheme inside a URL).
 */
export interface ConnectionSetting<T> {
  value?: T;
  provenance: Provenance;
  text: string;
  range: Range;
  entryRange?: Range;
}

/**
 * The connection options a construction states, language- and library-neutral. A setting is absent when the
 * construction does not state it (the library default applies: no TLS, verification on, no password, db 0);
 * `opaque` says an options value the extractor cannot see into is passed (`**kwargs`, `...opts`, an options
 * variable built elsewhere, a connection pool), so an absent setting may still be set there and rules that
 * depend on absence stay silent.
 */
export interface ConnectionOptions {
  /** The connection URL (`redis://`, `rediss://`, `valkey://`, `valkeys://`, `unix://`). */
  url?: ConnectionSetting<string>;
  /** TLS requested by an option (`ssl=True`, `tls: {}`, `socket: { tls: true }`), apart from the URL scheme. */
  tls?: ConnectionSetting<boolean>;
  /**
   * Server certificate verification; false when switched off (`ssl_cert_reqs=None`/`"none"`/`ssl.CERT_NONE`,
   * `rejectUnauthorized: false`).
   */
  verifyCertificate?: ConnectionSetting<boolean>;
  /** Hostname verification; false when switched off (`ssl_check_hostname=False`, `checkServerIdentity: () => undefined`). */
  verifyHostname?: ConnectionSetting<boolean>;
  password?: ConnectionSetting<string>;
  username?: ConnectionSetting<string>;
  db?: ConnectionSetting<number>;
  host?: ConnectionSetting<string>;
}

/**
 * Whether one client serves many requests. `shared`: built at module level, as a class field or a singleton
 * getter's cached value, or by a dependency-injection provider; `per-call`: built afresh each time a request
 * handler, a Lambda handler or a loop body runs; `unknown`: in a function whose callers are not known.
 */
export type ClientLifetime =
  | { kind: 'shared' }
  | { kind: 'per-call'; reason: 'loop' | 'request-handler' | 'lambda-handler'; /** The handler or loop, for the message. */ where: Range }
  | { kind: 'unknown' };

export interface ClientConstruction {
  client: ClientInfo;
  /** The whole construction expression (`redis.Redis(...)`, `new Redis({...})`, `createClient({...})`). */
  range: Range;
  /** The argument list including its parentheses (absent for `new Redis` without arguments). */
  argsRange?: Range;
  scopeId: string;
  inLoop: boolean;
  /** The name it is bound to (`redis_connection`, `this.cache`, `client`), when assigned. */
  boundTo?: string;
  /** The binding is exported from the module (`export const`, `module.exports`, a Python module-level name). */
  exported?: boolean;
  lifetime: ClientLifetime;
  options: ConnectionOptions;
  opaque: boolean;
  /** Legacy alias of `options.url` while the extractors move over; read `options.url`. */
  url?: { value: string; range: Range };
}

/** Commands that write a key and leave it without an expiry unless the call or a later EXPIRE sets one. */
export const WRITE_COMMANDS = new Set([
  'SET', 'SETNX', 'MSET', 'MSETNX', 'HSET', 'HMSET', 'HSETNX', 'SADD', 'ZADD', 'LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX',
  'XADD', 'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'HINCRBY', 'HINCRBYFLOAT', 'APPEND', 'SETRANGE',
  'PFADD', 'GEOADD', 'ZINCRBY', 'SETBIT',
]);

/** Commands that give a key an expiry. */
export const EXPIRY_COMMANDS = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'SETEX', 'PSETEX', 'GETEX']);

/** Multi-key commands whose keys must share one hash slot in cluster mode. */
export const MULTI_KEY_COMMANDS = new Set([
  'MGET', 'MSET', 'MSETNX', 'DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'SUNION', 'SUNIONSTORE', 'SINTER', 'SINTERSTORE',
  'SINTERCARD', 'SDIFF', 'SDIFFSTORE', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZUNION', 'ZINTER', 'ZDIFF',
  'RENAME', 'RENAMENX', 'SMOVE', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'PFMERGE', 'PFCOUNT', 'BLPOP', 'BRPOP',
  'BZPOPMIN', 'BZPOPMAX', 'LMPOP', 'BLMPOP', 'ZMPOP', 'BZMPOP', 'EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL',
  'FCALL_RO', 'COPY', 'SORT', 'WATCH', 'GEORADIUSBYMEMBER', 'BITOP',
]);

/** The two calls sit in different arms of one conditional: one pass through it runs one of them, not both. */
export function alternativeArms(a: CallSite, b: CallSite): boolean {
  if (!a.branch || !b.branch || a.scopeId !== b.scopeId) return false;
  const n = Math.min(a.branch.length, b.branch.length);
  for (let i = 0; i < n; i++) {
    if (a.branch[i] === b.branch[i]) continue;
    // The first arm they differ in: the same conditional (id before the colon), taken two ways.
    return a.branch[i].slice(0, a.branch[i].lastIndexOf(':')) === b.branch[i].slice(0, b.branch[i].lastIndexOf(':'));
  }
  return false;
}
