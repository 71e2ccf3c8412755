/**
 * Generates knowledge/data/redis-commands.json, the protocol-level command table, from the server itself:
 *   node --import tsx scripts/redis-commands.ts [OUT]            start redis-server, read COMMAND INFO / DOCS, write OUT
 *   node --import tsx scripts/redis-commands.ts --record FILE     record the replies for FIXTURE_COMMANDS (the test's fixture)
 * Debian's redis-server (7.0.15 here) runs as a child on 127.0.0.1 and a free port with no persistence, and is
 * stopped by PID (test/servers/support/servers.ts). The server knows arity, flags, ACL categories, key specs,
 * arguments, complexity and `since`; the AWS restrictions come from shared/reference/aws-facts.md §3, transcribed
 * below word for word, because the facts are prose and a clean clone has no shared/.
 * `buildTable` is the pure part: test/unit/code-core/commands.test.ts re-runs it on the recorded fixture and checks
 * the bundled JSON against its output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CommandEntry, CommandTable, Expiry, ExpiryUnit, KeySpec, Service } from '../server/src/formats/code/core/commandTypes';
import { startRedis } from '../test/servers/support/servers';
import { RedisWire, type Resp } from '../test/servers/support/wire';

export const SOURCES: Record<Service, string> = {
  elasticache: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SupportedCommands.html',
  serverless: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SupportedCommands.html',
  memorydb: 'https://docs.aws.amazon.com/memorydb/latest/devguide/restrictedcommands.html',
};

/**
 * aws-facts.md §3 "Restricted commands", as written there. A bare container name (`config`, `memory`) is the
 * container and every subcommand; a `container (+a/b)` form names the subcommands the page lists, which must all
 * exist. Serverless lists only what is "additionally unavailable", so its restrictions are the node-based ones too.
 */
export const RESTRICTED_AS_WRITTEN: Record<Service, string> = {
  elasticache: `acl setuser, acl load, acl save, acl deluser, bgrewriteaof, bgsave, cluster addslot, cluster addslotsrange,
    cluster bumpepoch, cluster delslot, cluster delslotsrange, cluster failover, cluster flushslots, cluster forget,
    cluster links, cluster meet, cluster setslot, config, debug, migrate, psync, replicaof, save, slaveof, shutdown, sync`,
  serverless: `acl log; client caching|getredir|id|info|kill|list|no-evict|pause|tracking|trackinginfo|unblock|unpause;
    cluster count-failure-reports; commandlog (+get/help/len/reset); fcall, fcall_ro, function
    (+delete/dump/flush/help/kill/list/load/restore/stats); keys; lastsave; latency
    (+doctor/graph/help/histogram/history/latest/reset); memory (+doctor/help/malloc-stats/purge/stats/usage); monitor;
    move; object (+encoding/freq/help/idletime/refcount); pfdebug; pfselftest; psubscribe; pubsub numpat; punsubscribe;
    script kill; slowlog (+get/help/len/reset); swapdb; wait`,
  memorydb: `acl deluser, acl load, acl save, acl setuser, bgrewriteaof, bgsave, cluster addslot, cluster delslot,
    cluster setslot, config, debug, migrate, module, psync, replicaof, save, shutdown, slaveof, sync`,
};

/** Names the AWS pages spell otherwise than the server: there is no CLUSTER ADDSLOT or DELSLOT command. [inferred] */
const AWS_SPELLING: Record<string, { name: string; note: string }> = {
  'CLUSTER ADDSLOT': { name: 'CLUSTER ADDSLOTS', note: 'the AWS restricted-command lists spell it "cluster addslot" [inferred: no such command]' },
  'CLUSTER DELSLOT': { name: 'CLUSTER DELSLOTS', note: 'the AWS restricted-command lists spell it "cluster delslot" [inferred: no such command]' },
};

/**
 * Commands redis-server 7.0 does not have: what the facts name (COMMANDLOG) and the hash-field-expiry commands of
 * Redis 7.4/8.0 and Valkey 9, which clients expose as methods (`hexpire`, `hExpire`) and which are call sites only
 * when the table knows them. Entries by hand, with nothing their cited page does not say: arity counted from the
 * page's syntax line (the key, its fixed arguments, FIELDS numfields and one field), flags and the key spec's access
 * from its ACL categories (@write → write/RW, @read → readonly/RO) unless the docs source gives the spec.
 * No `expiry`: the times they take are the fields', not the key's, so the key itself still never expires.
 */
type HandEntry = { subcommands?: string[]; note: string; entry?: CommandEntry };
const key1 = (flags: string[]): KeySpec[] => [{ index: 1, last: 0, step: 1, flags }];
/** `since` only where the cited page is redis.io's (valkey.io's pages give Valkey's own 9.0.0). */
const fieldExpiry = (where: string, write: boolean, url: string, arity: number, since?: string, keyFlags?: string[]): HandEntry => ({
  note: `${where}, not in redis-server 7.0: added by hand from ${url}`,
  entry: {
    arity, flags: [write ? 'write' : 'readonly', 'fast'], acl: [write ? 'write' : 'read', 'hash', 'fast'],
    keys: key1(keyFlags ?? [write ? 'RW' : 'RO']), group: 'hash', ...(since ? { since } : {}),
  },
});
const R74 = 'Redis 7.4 and Valkey 9.0';
const R8 = 'Redis 8.0 and Valkey 9.0';
const BY_HAND: Record<string, HandEntry> = {
  COMMANDLOG: {
    subcommands: ['GET', 'HELP', 'LEN', 'RESET'],
    note: 'Valkey only, not in redis-server 7.0: added by hand from aws-facts.md §3 (restricted on Serverless); arity, flags and keys not recorded',
  },
  // HEXPIRE key seconds [NX|XX|GT|LT] FIELDS numfields field [field …]
  HEXPIRE: fieldExpiry(R74, true, 'https://redis.io/docs/latest/commands/hexpire/', -6, '7.4.0'),
  HPEXPIRE: fieldExpiry(R74, true, 'https://redis.io/docs/latest/commands/hpexpire/', -6, '7.4.0'),
  HEXPIREAT: fieldExpiry(R74, true, 'https://redis.io/docs/latest/commands/hexpireat/', -6, '7.4.0'),
  HPEXPIREAT: fieldExpiry(R74, true, 'https://www.aidoczh.com/redis/commands/hpexpireat/index.html (a mirror of the redis.io page)', -6, '7.4.0'),
  // HTTL key FIELDS numfields field [field …]
  HTTL: fieldExpiry(R74, false, 'https://redis.io/docs/latest/commands/httl/', -5, '7.4.0'),
  HPTTL: fieldExpiry(R74, false, 'https://valkey.io/commands/hpttl', -5),
  HEXPIRETIME: fieldExpiry(R74, false, 'https://valkey.io/commands/hexpireat (its HEXPIRETIME example; HPEXPIRETIME: https://valkey.io/commands/hpexpiretime)', -5),
  HPEXPIRETIME: fieldExpiry(R74, false, 'https://valkey.io/commands/hpexpiretime', -5),
  // The docs source (raw.githubusercontent.com/redis/docs/main/content/commands/hpersist.md) gives arity -5 and RW update.
  HPERSIST: fieldExpiry(R74, true, 'https://redis.io/commands/hpersist/', -5, '7.4.0', ['RW', 'update']),
  // HGETEX key [EX s|PX ms|EXAT t|PXAT t|PERSIST] FIELDS numfields field [field …]
  HGETEX: fieldExpiry(R8, true, 'https://redis.io/commands/hgetex', -5, '8.0.0'),
  // HSETEX key [FNX|FXX] [EX s|PX ms|EXAT t|PXAT t|KEEPTTL] FIELDS numfields field value [field value …]
  HSETEX: fieldExpiry(R8, true, 'https://valkey.io/commands/hsetex', -6),
  // The docs source (github.com/redis/docs/pull/1204) gives arity -5 and RW access delete.
  HGETDEL: fieldExpiry('Redis 8.0', true, 'https://redis.io/commands/HGETDEL', -5, '8.0.0', ['RW', 'access', 'delete']),
};

/** Commands whose replies the unit test's fixture holds: every key-spec and expiry form, containers, a restricted one. */
export const FIXTURE_COMMANDS = ['set', 'get', 'getex', 'setex', 'restore', 'expire', 'mset', 'lcs', 'eval', 'xread', 'xreadgroup',
  'migrate', 'sort', 'georadius', 'blpop', 'blmove', 'bzmpop', 'ssubscribe', 'object', 'config', 'acl', 'keys', 'xclaim'];

type RespMap = Map<string, Resp>;

/** RESP2 serves a map as a flat [key, value, …] array. */
function asMap(r: Resp): RespMap {
  if (!Array.isArray(r) || r.length % 2) throw new Error(`expected a flat map, got ${JSON.stringify(r)?.slice(0, 200)}`);
  const m: RespMap = new Map();
  for (let i = 0; i < r.length; i += 2) m.set(String(r[i]), r[i + 1]!);
  return m;
}
const strings = (r: Resp | undefined): string[] => (Array.isArray(r) ? r.map(String) : []);
const upperName = (redisName: string): string => redisName.toUpperCase().replace('|', ' ');

/** COMMAND INFO key spec → KeySpec (redis 7.0 src/commands.h keySpec; the reply is built in src/server.c addReplyCommandKeySpecs). */
function keySpec(raw: Resp): KeySpec {
  const m = asMap(raw);
  const begin = asMap(m.get('begin_search')!);
  const find = asMap(m.get('find_keys')!);
  const b = asMap(begin.get('spec')!);
  const f = asMap(find.get('spec')!);
  const out = {} as KeySpec;
  if (begin.get('type') === 'index') out.index = Number(b.get('index'));
  else if (begin.get('type') === 'keyword') { out.keyword = String(b.get('keyword')); out.from = Number(b.get('startfrom')); }
  else out.unknown = true;
  if (find.get('type') === 'range') {
    out.last = Number(f.get('lastkey'));
    out.step = Number(f.get('keystep'));
    const limit = Number(f.get('limit'));
    if (limit > 1) out.limit = limit;
  } else if (find.get('type') === 'keynum') {
    out.numkeys = Number(f.get('keynumidx'));
    out.first = Number(f.get('firstkey'));
    out.step = Number(f.get('keystep'));
  } else {
    out.unknown = true;
  }
  if (out.unknown) { for (const k of ['index', 'keyword', 'from', 'last', 'step', 'limit', 'numkeys', 'first'] as const) delete out[k]; }
  out.flags = strings(m.get('flags'));
  return out;
}

const EXPIRY_TOKENS: Record<string, ExpiryUnit> = { EX: 's', PX: 'ms', EXAT: 'unix-s', PXAT: 'unix-ms', KEEPTTL: 'keep', PERSIST: 'persist' };
/**
 * Positional (token-less) arguments that are an expiry, by their DOCS name. `ttl` is RESTORE's, in milliseconds
 * (redis 7.0 src/cluster.c restoreCommand adds mstime() to it unless ABSTTL), which its name does not say.
 */
const EXPIRY_ARGS: Record<string, ExpiryUnit> = { seconds: 's', milliseconds: 'ms', 'unix-time-seconds': 'unix-s', 'unix-time-milliseconds': 'unix-ms', ttl: 'ms' };

/** One argv word, whatever the call: a required token-less argument, or a required choice between option words (BLMOVE's LEFT|RIGHT). */
function oneWord(m: RespMap): boolean {
  if (m.get('token') !== undefined || strings(m.get('flags')).length) return false;
  const type = String(m.get('type'));
  if (type === 'oneof') return (m.get('arguments') as Resp[]).every((a) => asMap(a).get('type') === 'pure-token');
  return type !== 'block' && type !== 'pure-token';
}

/**
 * The argv index of the first top-level argument that `wanted` picks, while every argument before it is one word;
 * or, when it is the last argument and required, its index from the end (-1: BLPOP key [key …] timeout).
 */
function positionalIndex(args: Resp[], wanted: (m: RespMap) => boolean, baseIndex: number): number | undefined {
  const maps = args.map(asMap);
  for (let i = 0; i < maps.length; i++) {
    if (wanted(maps[i]!)) return baseIndex + i;
    if (!oneWord(maps[i]!)) break;
  }
  const last = maps[maps.length - 1];
  if (last && wanted(last) && strings(last.get('flags')).length === 0) return -1;
  return undefined;
}

/**
 * How a blocking command bounds its wait, from COMMAND DOCS: a `timeout` argument (BLPOP, BLMOVE, BZMPOP: seconds,
 * 0 = forever) or an option word (XREAD BLOCK milliseconds: absent = no wait). Other waits (WAIT, CLIENT PAUSE) are
 * not `blocking` commands and are not kept.
 */
function timeoutOf(args: Resp | undefined, isBlocking: boolean, baseIndex: number): CommandEntry['timeout'] {
  if (!isBlocking || !Array.isArray(args)) return undefined;
  const token = args.map(asMap).find((m) => m.get('token') === 'BLOCK')?.get('token');
  if (typeof token === 'string') return { token };
  const at = positionalIndex(args, (m) => m.get('name') === 'timeout' && m.get('token') === undefined, baseIndex);
  return at === undefined ? undefined : { arg: at };
}

/**
 * The expiry a write takes, from its COMMAND DOCS arguments. Only writes: XREAD's BLOCK milliseconds and BLPOP's
 * timeout are waits, and tokened times on writes that are not expiries (XCLAIM TIME, RESTORE IDLETIME) have a token
 * outside EXPIRY_TOKENS.
 */
function expiryOf(args: Resp | undefined, isWrite: boolean, baseIndex: number): Expiry | undefined {
  if (!isWrite || !Array.isArray(args)) return undefined;
  const tokens: Record<string, ExpiryUnit> = {};
  const walk = (list: Resp[]) => {
    for (const a of list) {
      const m = asMap(a);
      const token = m.get('token');
      if (typeof token === 'string' && EXPIRY_TOKENS[token]) tokens[token] = EXPIRY_TOKENS[token];
      if (Array.isArray(m.get('arguments'))) walk(m.get('arguments') as Resp[]);
    }
  };
  walk(args);
  let arg: Expiry['arg'];
  const at = positionalIndex(args, (m) => EXPIRY_ARGS[String(m.get('name'))] !== undefined && m.get('token') === undefined, baseIndex);
  if (at !== undefined && at > 0) arg = { index: at, unit: EXPIRY_ARGS[String(asMap(args[at - baseIndex]!).get('name'))]! };
  if (!arg && Object.keys(tokens).length === 0) return undefined;
  return { ...(Object.keys(tokens).length ? { tokens } : {}), ...(arg ? { arg } : {}) };
}

/**
 * Flags about the server's own states (serving while loading or stale, during async loading, while busy, after
 * ASKING) or its slow log: nothing a linter or a hover reads, so they are not kept.
 */
const SERVER_STATE_FLAGS = new Set(['loading', 'stale', 'no_async_loading', 'allow_busy', 'asking', 'skip_slowlog']);

function entryOf(info: Resp[], docs: RespMap | undefined, isSub: boolean): CommandEntry {
  const [, arity, flags, first, last, step, acl, tips, specs] = info;
  const f = strings(flags).filter((x) => !SERVER_STATE_FLAGS.has(x));
  const keys = Array.isArray(specs) ? specs.map(keySpec) : [];
  const e: CommandEntry = { arity: Number(arity), flags: f, acl: strings(acl).map((c) => c.replace(/^@/, '')) };
  if (strings(tips).length) e.tips = strings(tips);
  if (keys.length) e.keys = keys;
  if (keys.some((k) => k.unknown)) e.legacyKeys = [Number(first), Number(last), Number(step)];
  const expiry = expiryOf(docs?.get('arguments'), f.includes('write'), isSub ? 2 : 1);
  if (expiry) e.expiry = expiry;
  const timeout = timeoutOf(docs?.get('arguments'), f.includes('blocking'), isSub ? 2 : 1);
  if (timeout) e.timeout = timeout;
  if (docs) {
    for (const [field, key] of [['group', 'group'], ['summary', 'summary'], ['complexity', 'complexity'], ['since', 'since'],
      ['deprecatedSince', 'deprecated_since'], ['replacedBy', 'replaced_by']] as const) {
      const v = docs.get(key);
      if (typeof v === 'string') e[field] = v;
    }
  }
  return e;
}

/** Which services restrict each command, after expanding containers; names that matched nothing are returned. */
function restrictions(table: Record<string, CommandEntry>): { byName: Map<string, Set<Service>>; unmatched: string[] } {
  const byName = new Map<string, Set<Service>>();
  const unmatched: string[] = [];
  const mark = (name: string, service: Service) => {
    if (!byName.has(name)) byName.set(name, new Set());
    byName.get(name)!.add(service);
  };
  const lists: [Service, string][] = [
    ['elasticache', RESTRICTED_AS_WRITTEN.elasticache],
    ['serverless', RESTRICTED_AS_WRITTEN.elasticache],
    ['serverless', RESTRICTED_AS_WRITTEN.serverless],
    ['memorydb', RESTRICTED_AS_WRITTEN.memorydb],
  ];
  for (const [service, text] of lists) {
    for (const item of text.replace(/\s+/g, ' ').split(/[,;] /)) {
      // `client caching|getredir|…`: one container, several subcommands; `memory (+doctor/help)`: the container whole.
      const m = /^([a-z_-]+)(?: ([a-z_|-]+))?(?: \(\+([a-z/_-]+)\))?$/.exec(item.trim());
      if (!m) throw new Error(`restricted-command list: cannot read "${item}"`);
      const [, head, subs, listed] = m;
      const container = head!.toUpperCase();
      if (subs) {
        for (const sub of subs.split('|')) {
          const asWritten = `${container} ${sub.toUpperCase()}`;
          const name = AWS_SPELLING[asWritten]?.name ?? asWritten;
          if (table[name]) mark(name, service); else unmatched.push(`${service}: ${asWritten}`);
        }
        continue;
      }
      const entry = table[container];
      if (!entry) { unmatched.push(`${service}: ${container}`); continue; }
      mark(container, service);
      for (const sub of entry.subcommands ?? []) mark(`${container} ${sub}`, service);
      for (const sub of listed?.split('/') ?? []) {
        if (!entry.subcommands?.includes(sub.toUpperCase())) unmatched.push(`${service}: ${container} ${sub.toUpperCase()}`);
      }
    }
  }
  return { byName, unmatched };
}

/** The pure part: COMMAND INFO and COMMAND DOCS replies (RESP2) → the table, and the facts' names that matched nothing. */
export function buildTable(info: Resp, docs: Resp, serverVersion: string): { table: CommandTable; unmatched: string[] } {
  if (!Array.isArray(info)) throw new Error('COMMAND INFO: expected an array');
  const docsByName = asMap(docs);
  const commands: Record<string, CommandEntry> = {};
  for (const raw of info) {
    if (!Array.isArray(raw)) continue; // COMMAND INFO answers nil for a name it does not know
    const name = String(raw[0]);
    const doc = docsByName.has(name) ? asMap(docsByName.get(name)!) : undefined;
    const entry = entryOf(raw, doc, false);
    const subs = Array.isArray(raw[9]) ? raw[9] : [];
    const subDocs = doc?.get('subcommands') ? asMap(doc.get('subcommands')!) : new Map<string, Resp>();
    if (subs.length) entry.subcommands = subs.map((s) => upperName(String((s as Resp[])[0])).split(' ')[1]!).sort();
    commands[upperName(name)] = entry;
    for (const s of subs as Resp[][]) {
      const subName = String(s[0]);
      commands[upperName(subName)] = entryOf(s, subDocs.has(subName) ? asMap(subDocs.get(subName)!) : undefined, true);
    }
  }
  for (const [name, hand] of Object.entries(BY_HAND)) {
    if (commands[name]) throw new Error(`${name} is now served by the server: drop its hand entry`);
    commands[name] = { ...hand.entry, ...(hand.subcommands ? { subcommands: hand.subcommands } : {}), note: hand.note };
    for (const sub of hand.subcommands ?? []) commands[`${name} ${sub}`] = { note: hand.note };
  }
  for (const [asWritten, { name, note }] of Object.entries(AWS_SPELLING)) {
    if (commands[name]) commands[name]!.note = note;
    else if (commands[asWritten.split(' ')[0]!]) throw new Error(`${name} (AWS: ${asWritten}) is not a command of this server`);
  }
  const { byName, unmatched } = restrictions(commands);
  for (const [name, services] of byName) {
    const order: Service[] = ['elasticache', 'serverless', 'memorydb'];
    commands[name]!.restricted = order.filter((s) => services.has(s));
  }
  const sorted: Record<string, CommandEntry> = {};
  for (const name of Object.keys(commands).sort()) sorted[name] = commands[name]!;
  return {
    table: { generatedFrom: `redis-server ${serverVersion} COMMAND INFO and COMMAND DOCS; restrictions: aws-facts.md §3`, sources: SOURCES, commands: sorted },
    unmatched,
  };
}

/** One command a line: the file stays diffable and small. */
export function serialize(table: CommandTable): string {
  const names = Object.keys(table.commands);
  return '{\n' +
    `"generatedFrom": ${JSON.stringify(table.generatedFrom)},\n` +
    `"sources": ${JSON.stringify(table.sources)},\n` +
    '"commands": {\n' +
    names.map((n) => `${JSON.stringify(n)}: ${JSON.stringify(table.commands[n])}`).join(',\n') +
    '\n}}\n';
}

async function readServer(names: string[] = []): Promise<{ version: string; info: Resp; docs: Resp }> {
  const run = await startRedis();
  try {
    const c = await RedisWire.open(run.port);
    try {
      const server = String(await c.call('INFO', 'server'));
      const version = /redis_version:(\S+)/.exec(server)?.[1];
      if (!version) throw new Error('INFO server has no redis_version');
      return { version, info: await c.call('COMMAND', 'INFO', ...names), docs: await c.call('COMMAND', 'DOCS', ...names) };
    } finally {
      await c.close();
    }
  } finally {
    await run.stop();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--record') {
    const file = argv[1];
    if (!file) throw new Error('--record FILE');
    const { version, info, docs } = await readServer(FIXTURE_COMMANDS);
    fs.writeFileSync(file, JSON.stringify({ version, commands: FIXTURE_COMMANDS, info, docs }) + '\n');
    process.stdout.write(`recorded ${FIXTURE_COMMANDS.length} commands from redis-server ${version} → ${file}\n`);
    return;
  }
  const out = argv[0] ?? path.resolve(__dirname, '../knowledge/data/redis-commands.json');
  const { version, info, docs } = await readServer();
  const { table, unmatched } = buildTable(info, docs, version);
  if (unmatched.length) throw new Error(`restricted commands of the facts sheet that this server does not have:\n  ${unmatched.join('\n  ')}`);
  const text = serialize(table);
  fs.writeFileSync(out, text);
  process.stdout.write(`${Object.keys(table.commands).length} commands from redis-server ${version} → ${out} (${Buffer.byteLength(text)} bytes)\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => { process.stderr.write(`${e.stack ?? e.message}\n`); process.exit(1); });
}
