/**
 * The shape of knowledge/data/redis-commands.json: one Redis command table at the protocol level, generated from
 * redis-server's own COMMAND INFO and COMMAND DOCS by scripts/redis-commands.ts, with the AWS restrictions of
 * shared/reference/aws-facts.md §3 ("Restricted commands") merged in. Every language and client library maps onto
 * it; none keeps its own copy.
 */

/** Where a command can be restricted: ElastiCache node-based, ElastiCache Serverless, MemoryDB. */
export type Service = 'elasticache' | 'serverless' | 'memorydb';
export const SERVICES: readonly Service[] = ['elasticache', 'serverless', 'memorydb'];

/**
 * A key specification reduced to what a linter needs (redis 7.0 `src/commands/*.json` "key_specs", served by
 * COMMAND INFO). Positions are argv indexes as the server counts them: argv[0] is the command name, and for a
 * subcommand argv[1] is the subcommand word (so OBJECT ENCODING's key is at index 2).
 *
 * Where the search begins — exactly one of:
 * - `index`: a fixed argv index;
 * - `keyword` + `from`: the argument after the first `keyword` found searching from argv index `from` (negative:
 *   from the end, backwards — MIGRATE … KEYS);
 * - `unknown`: the server cannot say without running the command (SORT's BY/GET/STORE).
 * How the keys are found from there — exactly one of:
 * - `last` + `step` (+ `limit`): a range; `last` ≥ 0 is relative to the beginning, < 0 counts from the end of argv;
 *   `limit` > 1 (with `last` -1) takes 1/limit of the remaining arguments (XREAD STREAMS k1 k2 id1 id2: limit 2);
 * - `numkeys` + `first` + `step`: the argument at beginning + `numkeys` holds the count, the keys start at
 *   beginning + `first` (EVAL, ZUNIONSTORE, LMPOP, FCALL).
 * `flags` are the spec's own: RO/RW/OW/RM (read-only, read-write, overwrite, remove), access/update/insert/delete,
 * not_key (a shard channel, SSUBSCRIBE), incomplete (MIGRATE's KEYS form may not be all of them), variable_flags.
 */
export interface KeySpec {
  index?: number;
  keyword?: string;
  from?: number;
  last?: number;
  step?: number;
  limit?: number;
  numkeys?: number;
  first?: number;
  unknown?: true;
  flags: string[];
}

/**
 * How a write states an expiry, from the arguments in COMMAND DOCS. `tokens`: option words and what their value is
 * (`EX` seconds, `PX` ms, `EXAT`/`PXAT` a Unix time, `KEEPTTL` keeps the current one, `PERSIST` removes it).
 * `arg`: a positional argument that is the expiry (SETEX's seconds, RESTORE's ttl, EXPIRE's seconds), as an argv
 * index like KeySpec's.
 */
export type ExpiryUnit = 's' | 'ms' | 'unix-s' | 'unix-ms' | 'keep' | 'persist';
export interface Expiry {
  tokens?: Record<string, ExpiryUnit>;
  arg?: { index: number; unit: ExpiryUnit };
}

export interface CommandEntry {
  /** COMMAND INFO arity: n > 0 exactly n argv words, n < 0 at least -n (both count the name, and the subcommand). */
  arity?: number;
  /** COMMAND INFO flags (write, readonly, denyoom, admin, pubsub, noscript, blocking, fast, movablekeys …), less the server-state ones (loading, stale …). */
  flags?: string[];
  /** ACL categories without the `@`: write, read, keyspace, string, dangerous, slow, blocking … */
  acl?: string[];
  /** Command tips: request_policy:all_shards, nondeterministic_output … (how a cluster client should route it). */
  tips?: string[];
  keys?: KeySpec[];
  /** Legacy first/last/step of COMMAND INFO, kept only where a key spec is `unknown` (SORT). */
  legacyKeys?: [number, number, number];
  expiry?: Expiry;
  /**
   * How a `blocking` command bounds its wait: `arg`, the argv index of its timeout (negative: from the end, -1 for
   * BLPOP key [key …] timeout), whose 0 blocks forever; or `token`, the option word (XREAD BLOCK ms) without which
   * it does not block.
   */
  timeout?: { arg?: number; token?: string };
  /** COMMAND DOCS: */
  group?: string;
  summary?: string;
  complexity?: string;
  since?: string;
  deprecatedSince?: string;
  replacedBy?: string;
  /** Container commands (CONFIG, CLIENT, OBJECT, XINFO …): their subcommand words, each an entry of its own. */
  subcommands?: string[];
  /** The services of the AWS facts sheet where this command is unavailable. Absent: available on all three. */
  restricted?: Service[];
  /** Why an entry is not the server's own (added by hand from the facts sheet, a name the AWS page spells otherwise). */
  note?: string;
}

export interface CommandTable {
  /** Which server the table was read from, and when the restrictions were last transcribed. */
  generatedFrom: string;
  /** The AWS page behind each service's restriction list. */
  sources: Record<Service, string>;
  /** Keyed by upper-case name, a subcommand as `CONTAINER SUB` (`CONFIG SET`, `OBJECT ENCODING`). */
  commands: Record<string, CommandEntry>;
}
