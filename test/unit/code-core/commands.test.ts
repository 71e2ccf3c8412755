import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  blockingTimeout, COMMAND_TABLE, commandInfo, commandNames, expiryForm, keyArgs, restriction, takesExpiry, writes, writtenKeyArgs,
  type Service,
} from '../../../server/src/formats/code/core/commands';
import { buildTable, FIXTURE_COMMANDS, serialize } from '../../../scripts/redis-commands';

/** A value a static analysis does not know (a variable): anything that is not a string or a number. */
const X = Symbol('not known');

const ELASTICACHE = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SupportedCommands.html';
const MEMORYDB = 'https://docs.aws.amazon.com/memorydb/latest/devguide/restrictedcommands.html';

const restrictedOn = (command: string): Service[] =>
  (['elasticache', 'serverless', 'memorydb'] as const).filter((s) => restriction(command, s)!.restricted);

describe('command table: exact answers', () => {
  // [command, protocol args after the name, keyArgs, writtenKeyArgs, writes, takesExpiry, restricted on]
  const cases: [string, unknown[], number[], number[], boolean, boolean, Service[]][] = [
    ['SET', ['k', 'v', 'EX', 60], [0], [0], true, true, []],
    ['GET', ['k'], [0], [], false, false, []],
    ['MGET', ['a', 'b', 'c'], [0, 1, 2], [], false, false, []],
    // MSET k v k v: keys every 2nd argument from argv[1] to the last (range, keystep 2).
    ['MSET', ['a', '1', 'b', '2'], [0, 2], [0, 2], true, false, []],
    ['DEL', ['a', 'b'], [0, 1], [0, 1], true, false, []],
    // EVAL script numkeys k1 k2 arg: numkeys at argv[2] = 2, keys argv[3..4] → args 2, 3.
    ['EVAL', ['return 1', 2, 'k1', 'k2', 'arg'], [2, 3], [2, 3], false, false, []],
    ['EVALSHA', ['0123abcd', '1', 'k1', 'arg'], [2], [2], false, false, []],
    // FCALL is not a write by its flags (the function may be read-only), but its keys spec is RW.
    ['FCALL', ['myfunc', 2, 'k1', 'k2', 'arg'], [2, 3], [2, 3], false, false, ['serverless']],
    // ZUNIONSTORE dest numkeys k1 k2 WEIGHTS 1 2: dest argv[1] (OW), numkeys argv[2] = 2, keys argv[3..4].
    ['ZUNIONSTORE', ['dest', 2, 'a', 'b', 'WEIGHTS', 1, 2], [0, 2, 3], [0], true, false, []],
    // XREAD COUNT n STREAMS a b 0 0: STREAMS at argv[3], first key argv[4]; argc 8, last = 4 + ((8-4)/2 - 1) = 5.
    ['XREAD', ['COUNT', X, 'STREAMS', 'a', 'b', '0', '0'], [3, 4], [], false, false, []],
    // BLPOP a b timeout: keys argv[1] to argc-2; popping modifies them.
    ['BLPOP', ['a', 'b', 0], [0, 1], [0, 1], true, false, []],
    ['SUNIONSTORE', ['dest', 'a', 'b'], [0, 1, 2], [0], true, false, []],
    ['RENAME', ['a', 'b'], [0, 1], [0, 1], true, false, []],
    ['LMOVE', ['src', 'dst', 'LEFT', 'RIGHT'], [0, 1], [0, 1], true, false, []],
    ['OBJECT ENCODING', ['k'], [0], [], false, false, ['serverless']],
    ['CONFIG SET', ['maxmemory-policy', 'allkeys-lru'], [], [], false, false, ['elasticache', 'serverless', 'memorydb']],
    ['CLIENT KILL', ['ID', 7], [], [], false, false, ['serverless']],
    ['KEYS', ['user:*'], [], [], false, false, ['serverless']],
    ['MONITOR', [], [], [], false, false, ['serverless']],
    ['FLUSHALL', ['ASYNC'], [], [], true, false, []],
    ['SELECT', [3], [], [], false, false, []],
  ];
  for (const [command, args, keys, written, write, expiry, services] of cases) {
    it(`${command} ${args.map((a) => (typeof a === 'symbol' ? '<var>' : String(a))).join(' ')}`, () => {
      assert.deepEqual(keyArgs(command, args), keys, 'keyArgs');
      assert.deepEqual(writtenKeyArgs(command, args), written, 'writtenKeyArgs');
      assert.equal(writes(command), write, 'writes');
      assert.equal(takesExpiry(command), expiry, 'takesExpiry');
      assert.deepEqual(restrictedOn(command), services, 'restricted on');
    });
  }

  it('names are read the same in every spelling', () => {
    for (const spelling of [commandInfo('config set'), commandInfo('CONFIG|SET'), commandInfo('Config', 'Set'), commandInfo(' CONFIG  SET ')]) {
      assert.equal(spelling?.name, 'CONFIG SET');
      assert.equal(spelling?.container, 'CONFIG');
    }
    // The subcommand is read only for containers, so an extractor may pass any call's first literal argument.
    assert.equal(commandInfo('SET', 'mykey')?.name, 'SET');
    assert.equal(commandInfo('CONFIG', 'NOSUCH'), undefined);
  });

  it('a container with its subcommand as the first argument: indexes into the same args', () => {
    assert.deepEqual(keyArgs('OBJECT', ['ENCODING', 'k']), [1]);
    assert.deepEqual(keyArgs('XINFO', ['STREAM', 's']), [1]);
    assert.deepEqual(keyArgs('MEMORY', ['USAGE', 'k', 'SAMPLES', 5]), [1]);
    assert.equal(keyArgs('OBJECT', [X, 'k']), undefined);
    assert.equal(keyArgs('OBJECT', []), undefined);
  });

  it('undefined for a command the table does not know, and for a container without its subcommand', () => {
    for (const name of ['NOSUCHCOMMAND', 'HFIELDTTL', '']) {
      assert.equal(commandInfo(name), undefined);
      assert.equal(keyArgs(name, ['k']), undefined);
      assert.equal(writtenKeyArgs(name, ['k']), undefined);
      assert.equal(writes(name), undefined);
      assert.equal(takesExpiry(name), undefined);
      assert.equal(expiryForm(name), undefined);
      assert.equal(restriction(name, 'elasticache'), undefined);
    }
    assert.equal(writes('CONFIG'), undefined);
    assert.equal(writes('XGROUP'), undefined);
    assert.equal(writes('XGROUP CREATE'), true);
    assert.equal(takesExpiry('OBJECT'), undefined);
  });

  it('undefined where the positions hang on a value not known', () => {
    assert.equal(keyArgs('EVAL', ['return 1', X, 'k']), undefined); // numkeys a variable
    assert.equal(keyArgs('ZUNIONSTORE', ['d', '2x', 'a', 'b']), undefined); // numkeys not an integer
    assert.equal(keyArgs('XREAD', ['COUNT', 2, X, 'a', '0']), undefined); // the variable may be STREAMS
    // All literal and no STREAMS: a call the server rejects; no keys to report.
    assert.deepEqual(keyArgs('XREAD', ['COUNT', 2]), []);
  });

  it('optional key keywords: GEORADIUS STORE, SORT STORE, MIGRATE KEYS, XREADGROUP STREAMS', () => {
    assert.deepEqual(keyArgs('GEORADIUS', ['k', 1, 2, 3, 'km']), [0]);
    assert.deepEqual(keyArgs('GEORADIUS', ['k', 1, 2, 3, 'km', 'STORE', 'd']), [0, 6]);
    assert.deepEqual(writtenKeyArgs('GEORADIUS', ['k', 1, 2, 3, 'km', 'STORE', 'd']), [6]);
    // SORT k BY <pattern> LIMIT 0 10 STORE d: BY skips 1, LIMIT skips 2, STORE's argument is argv[8] → args 7.
    assert.deepEqual(keyArgs('SORT', ['k', 'BY', X, 'LIMIT', 0, 10, 'STORE', 'd']), [0, 7]);
    assert.deepEqual(writtenKeyArgs('SORT', ['k', 'BY', X, 'LIMIT', 0, 10, 'STORE', 'd']), [7]);
    assert.deepEqual(keyArgs('SORT', ['k', 'ALPHA']), [0]);
    assert.equal(keyArgs('SORT', ['k', X]), undefined); // the variable may be STORE
    // MIGRATE host port "" db timeout KEYS a b: the empty key is the KEYS form's placeholder.
    assert.deepEqual(keyArgs('MIGRATE', ['h', 6379, '', 0, 5000, 'KEYS', 'a', 'b']), [6, 7]);
    assert.deepEqual(keyArgs('MIGRATE', ['h', 6379, 'k', 0, 5000]), [2]);
    // XREADGROUP GROUP g c COUNT 1 STREAMS a b > >: keys are half of what follows STREAMS.
    assert.deepEqual(keyArgs('XREADGROUP', ['GROUP', 'g', 'c', 'COUNT', 1, 'STREAMS', 'a', 'b', '>', '>']), [6, 7]);
  });

  it('shard channels are not keys; too few arguments give no key past the end', () => {
    assert.deepEqual(keyArgs('SSUBSCRIBE', ['orders']), []);
    assert.deepEqual(keyArgs('SPUBLISH', ['orders', 'hello']), []);
    assert.deepEqual(keyArgs('RENAME', ['a']), [0]);
  });

  it('expiry: option words, positional arguments, and waits that are not expiries', () => {
    assert.deepEqual(expiryForm('SET'), { tokens: { EX: 's', PX: 'ms', EXAT: 'unix-s', PXAT: 'unix-ms', KEEPTTL: 'keep' } });
    assert.deepEqual(expiryForm('GETEX'), { tokens: { EX: 's', PX: 'ms', EXAT: 'unix-s', PXAT: 'unix-ms', PERSIST: 'persist' } });
    // SETEX key seconds value: seconds is args[1].
    assert.deepEqual(expiryForm('SETEX'), { arg: { index: 1, unit: 's' } });
    assert.deepEqual(expiryForm('PSETEX'), { arg: { index: 1, unit: 'ms' } });
    assert.deepEqual(expiryForm('RESTORE'), { arg: { index: 1, unit: 'ms' } });
    assert.deepEqual(expiryForm('EXPIRE'), { arg: { index: 1, unit: 's' } });
    assert.deepEqual(expiryForm('PEXPIREAT'), { arg: { index: 1, unit: 'unix-ms' } });
    for (const wait of ['XREAD', 'XREADGROUP', 'BLPOP', 'BLMOVE', 'WAIT', 'CLIENT PAUSE', 'XCLAIM', 'MIGRATE']) {
      assert.equal(takesExpiry(wait), false, wait);
    }
    const withExpiry = commandNames().filter((n) => takesExpiry(n));
    assert.deepEqual(withExpiry, ['EXPIRE', 'EXPIREAT', 'GETEX', 'PEXPIRE', 'PEXPIREAT', 'PSETEX', 'RESTORE', 'RESTORE-ASKING', 'SET', 'SETEX']);
  });

  it('blocking commands: where the timeout is, or the option word that makes them block', () => {
    // BLPOP key [key …] timeout: the last argument. BLMOVE src dst LEFT|RIGHT LEFT|RIGHT timeout: args[4].
    assert.deepEqual(blockingTimeout('BLPOP'), { arg: -1 });
    assert.deepEqual(blockingTimeout('BZPOPMIN'), { arg: -1 });
    assert.deepEqual(blockingTimeout('BLMOVE'), { arg: 4 });
    assert.deepEqual(blockingTimeout('BRPOPLPUSH'), { arg: 2 });
    // BLMPOP timeout numkeys key …: args[0].
    assert.deepEqual(blockingTimeout('BLMPOP'), { arg: 0 });
    assert.deepEqual(blockingTimeout('XREAD'), { token: 'BLOCK' });
    assert.deepEqual(blockingTimeout('XREADGROUP'), { token: 'BLOCK' });
    const blocking = commandNames().filter((n) => blockingTimeout(n));
    assert.deepEqual(blocking, commandNames().filter((n) => commandInfo(n)!.flags?.includes('blocking')));
    assert.equal(blocking.length, 10);
    assert.equal(blockingTimeout('GET'), undefined);
    assert.equal(blockingTimeout('WAIT'), undefined);
  });
});

describe('the four commands the two extractors read differently (issue 8) have one answer each', () => {
  it('LCS reads two keys', () => {
    assert.deepEqual(keyArgs('LCS', ['a', 'b', 'LEN']), [0, 1]);
    assert.equal(writes('LCS'), false);
  });
  it('OBJECT ENCODING is a subcommand whose key follows it', () => {
    assert.equal(commandInfo('OBJECT', 'ENCODING')?.name, 'OBJECT ENCODING');
    assert.deepEqual(keyArgs('OBJECT ENCODING', ['k']), [0]);
    assert.deepEqual(keyArgs('OBJECT', ['encoding', 'k']), [1]);
    assert.deepEqual(restrictedOn('OBJECT ENCODING'), ['serverless']);
  });
  it('XREAD reads the keys after STREAMS', () => {
    assert.deepEqual(keyArgs('XREAD', ['BLOCK', 0, 'STREAMS', 's1', 's2', 's3', '$', '$', '$']), [3, 4, 5]);
    assert.equal(writes('XREAD'), false);
    assert.deepEqual(commandInfo('XREAD')?.flags, ['readonly', 'blocking', 'movablekeys']);
  });
  it('CONFIG SET is the CONFIG container\'s subcommand, keyless, restricted on all three services', () => {
    const info = commandInfo('CONFIG', 'SET')!;
    assert.equal(info.name, 'CONFIG SET');
    assert.equal(info.container, 'CONFIG');
    assert.deepEqual(keyArgs(info, ['maxmemory', '1gb']), []);
    assert.deepEqual(keyArgs('CONFIG', ['SET', 'maxmemory', '1gb']), []);
    assert.deepEqual(restrictedOn('CONFIG SET'), ['elasticache', 'serverless', 'memorydb']);
    assert.deepEqual(restrictedOn('CONFIG'), ['elasticache', 'serverless', 'memorydb']);
  });
});

/**
 * aws-facts.md §3 "Restricted commands", written out again here (not imported from the generator): a bare name is
 * the command with all its subcommands; serverless is the node-based list plus its "additionally unavailable" one.
 * The facts' "cluster addslot" / "cluster delslot" are CLUSTER ADDSLOTS / DELSLOTS (no command has the shorter name).
 */
const FACTS_NODE_BASED = [
  'ACL SETUSER', 'ACL LOAD', 'ACL SAVE', 'ACL DELUSER', 'BGREWRITEAOF', 'BGSAVE', 'CLUSTER ADDSLOTS', 'CLUSTER ADDSLOTSRANGE',
  'CLUSTER BUMPEPOCH', 'CLUSTER DELSLOTS', 'CLUSTER DELSLOTSRANGE', 'CLUSTER FAILOVER', 'CLUSTER FLUSHSLOTS', 'CLUSTER FORGET',
  'CLUSTER LINKS', 'CLUSTER MEET', 'CLUSTER SETSLOT', 'CONFIG', 'DEBUG', 'MIGRATE', 'PSYNC', 'REPLICAOF', 'SAVE', 'SLAVEOF',
  'SHUTDOWN', 'SYNC',
];
const FACTS_SERVERLESS_ALSO = [
  'ACL LOG', 'CLIENT CACHING', 'CLIENT GETREDIR', 'CLIENT ID', 'CLIENT INFO', 'CLIENT KILL', 'CLIENT LIST', 'CLIENT NO-EVICT',
  'CLIENT PAUSE', 'CLIENT TRACKING', 'CLIENT TRACKINGINFO', 'CLIENT UNBLOCK', 'CLIENT UNPAUSE', 'CLUSTER COUNT-FAILURE-REPORTS',
  'COMMANDLOG', 'FCALL', 'FCALL_RO', 'FUNCTION', 'KEYS', 'LASTSAVE', 'LATENCY', 'MEMORY', 'MONITOR', 'MOVE', 'OBJECT', 'PFDEBUG',
  'PFSELFTEST', 'PSUBSCRIBE', 'PUBSUB NUMPAT', 'PUNSUBSCRIBE', 'SCRIPT KILL', 'SLOWLOG', 'SWAPDB', 'WAIT',
];
const FACTS_MEMORYDB = [
  'ACL DELUSER', 'ACL LOAD', 'ACL SAVE', 'ACL SETUSER', 'BGREWRITEAOF', 'BGSAVE', 'CLUSTER ADDSLOTS', 'CLUSTER DELSLOTS',
  'CLUSTER SETSLOT', 'CONFIG', 'DEBUG', 'MIGRATE', 'MODULE', 'PSYNC', 'REPLICAOF', 'SAVE', 'SHUTDOWN', 'SLAVEOF', 'SYNC',
];
/** The subcommands the facts list for containers they name whole: the table must have each. */
const FACTS_LISTED_SUBCOMMANDS: Record<string, string[]> = {
  COMMANDLOG: ['GET', 'HELP', 'LEN', 'RESET'],
  FUNCTION: ['DELETE', 'DUMP', 'FLUSH', 'HELP', 'KILL', 'LIST', 'LOAD', 'RESTORE', 'STATS'],
  LATENCY: ['DOCTOR', 'GRAPH', 'HELP', 'HISTOGRAM', 'HISTORY', 'LATEST', 'RESET'],
  MEMORY: ['DOCTOR', 'HELP', 'MALLOC-STATS', 'PURGE', 'STATS', 'USAGE'],
  OBJECT: ['ENCODING', 'FREQ', 'HELP', 'IDLETIME', 'REFCOUNT'],
  SLOWLOG: ['GET', 'HELP', 'LEN', 'RESET'],
};

describe('restrictions: every command aws-facts.md lists, per service', () => {
  const expected: Record<Service, string[]> = {
    elasticache: FACTS_NODE_BASED,
    serverless: [...FACTS_NODE_BASED, ...FACTS_SERVERLESS_ALSO],
    memorydb: FACTS_MEMORYDB,
  };
  const expand = (names: string[]): string[] =>
    names.flatMap((n) => [n, ...(commandInfo(n)?.container ? [] : (commandInfo(n)?.subcommands ?? []).map((s) => `${n} ${s}`))]);

  for (const service of ['elasticache', 'serverless', 'memorydb'] as const) {
    it(`${service}: exactly the listed commands (and the subcommands of a container listed whole) are restricted`, () => {
      const listed = new Set(expand(expected[service]));
      for (const name of listed) {
        const r = restriction(name, service);
        assert.ok(r, `${name} is not in the table`);
        assert.equal(r.restricted, true, `${name} on ${service}`);
        assert.equal(r.source, service === 'memorydb' ? MEMORYDB : ELASTICACHE);
      }
      const restricted = commandNames().filter((n) => restriction(n, service)!.restricted);
      assert.deepEqual(restricted, [...listed].sort(), `restricted on ${service} but not in the facts' list`);
    });
  }

  it('what the facts single out: MONITOR and KEYS run on node-based clusters and MemoryDB; MODULE only MemoryDB restricts', () => {
    assert.deepEqual(restrictedOn('MONITOR'), ['serverless']);
    assert.deepEqual(restrictedOn('KEYS'), ['serverless']);
    assert.deepEqual(restrictedOn('MODULE LOAD'), ['memorydb']);
    assert.deepEqual(restrictedOn('SCRIPT LOAD'), []);
    assert.deepEqual(restriction('ACL', 'serverless')?.restrictedSubcommands, ['DELUSER', 'LOAD', 'LOG', 'SAVE', 'SETUSER']);
    assert.deepEqual(restriction('ACL', 'memorydb')?.restrictedSubcommands, ['DELUSER', 'LOAD', 'SAVE', 'SETUSER']);
    assert.equal(restriction('CLIENT', 'elasticache')?.restrictedSubcommands, undefined);
  });

  it('containers the facts name with their subcommands: the table has each of them', () => {
    for (const [container, subs] of Object.entries(FACTS_LISTED_SUBCOMMANDS)) {
      for (const sub of subs) assert.ok(commandInfo(container, sub), `${container} ${sub}`);
    }
  });

  it('COMMANDLOG (Valkey only) is a hand entry that says so and answers nothing it does not know', () => {
    assert.match(commandInfo('COMMANDLOG')!.note!, /Valkey only.*by hand.*aws-facts/);
    assert.equal(commandInfo('COMMANDLOG GET')?.arity, undefined);
    assert.equal(keyArgs('COMMANDLOG GET', [10]), undefined);
    assert.equal(writes('COMMANDLOG GET'), undefined);
  });

  it('hash-field-expiry commands (Redis 7.4/8.0, Valkey 9) are hand entries: key first, write or read, no key expiry', () => {
    // [command, protocol args after the name, writes]
    const cases: [string, unknown[], boolean][] = [
      ['HEXPIRE', ['h', 60, 'FIELDS', 1, 'f'], true], ['HPEXPIRE', ['h', 60000, 'NX', 'FIELDS', 1, 'f'], true],
      ['HEXPIREAT', ['h', X, 'FIELDS', 1, 'f'], true], ['HPEXPIREAT', ['h', X, 'FIELDS', 1, 'f'], true],
      ['HPERSIST', ['h', 'FIELDS', 1, 'f'], true], ['HGETEX', ['h', 'EX', 60, 'FIELDS', 1, 'f'], true],
      ['HSETEX', ['h', 'EX', 60, 'FIELDS', 1, 'f', 'v'], true], ['HGETDEL', ['h', 'FIELDS', 1, 'f'], true],
      ['HTTL', ['h', 'FIELDS', 1, 'f'], false], ['HPTTL', ['h', 'FIELDS', 1, 'f'], false],
      ['HEXPIRETIME', ['h', 'FIELDS', 1, 'f'], false], ['HPEXPIRETIME', ['h', 'FIELDS', 1, 'f'], false],
    ];
    for (const [command, args, write] of cases) {
      assert.match(commandInfo(command)!.note!, /not in redis-server 7\.0: added by hand from https:\/\//, command);
      assert.deepEqual(keyArgs(command, args), [0], command);
      assert.deepEqual(writtenKeyArgs(command, args), write ? [0] : [], command);
      assert.equal(writes(command), write, command);
      // The times they take are the fields': the key itself keeps no TTL.
      assert.equal(takesExpiry(command), false, command);
      assert.deepEqual(restrictedOn(command), [], command);
    }
  });
});

describe('the bundled JSON is what the generator writes', () => {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/redis-7.0.15-command-replies.json'), 'utf8'));

  it('the fixture holds the replies for the generator\'s fixture commands', () => {
    assert.deepEqual(fixture.commands, FIXTURE_COMMANDS);
    assert.equal(fixture.version, '7.0.15');
  });

  it('buildTable on the recorded replies gives the bundled entries, field for field', () => {
    const { table } = buildTable(fixture.info, fixture.docs, fixture.version);
    assert.equal(table.generatedFrom, COMMAND_TABLE.generatedFrom);
    assert.deepEqual(table.sources, COMMAND_TABLE.sources);
    const names = Object.keys(table.commands);
    // 23 commands, the subcommands of OBJECT (5), CONFIG (5), ACL (13), COMMANDLOG by hand (1 + 4), and the 12
    // hash-field-expiry commands by hand.
    assert.equal(names.length, 23 + 5 + 5 + 13 + 5 + 12);
    for (const name of names) assert.deepEqual(table.commands[name], COMMAND_TABLE.commands[name], name);
  });

  it('serialize writes one command a line and reads back as the same table', () => {
    const { table } = buildTable(fixture.info, fixture.docs, fixture.version);
    const text = serialize(table);
    assert.deepEqual(JSON.parse(text), table);
    // `{`, generatedFrom, sources, `"commands": {`; a line per command; `}}` and the end after the last newline.
    assert.equal(text.split('\n').length, 4 + Object.keys(table.commands).length + 2);
  });

  it('the file on disk is serialize() of the table it holds (not edited by hand)', () => {
    const file = readFileSync(path.join(__dirname, '../../../knowledge/data/redis-commands.json'), 'utf8');
    assert.equal(file, serialize(COMMAND_TABLE));
  });
});
