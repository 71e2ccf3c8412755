/**
 * Commands that return a whole collection in one reply are O(N) in its size (redis.io: SMEMBERS, HGETALL, LRANGE
 * "O(S+N)", ZRANGE "O(log(N)+M)"): the engine runs one command at a time, so while it builds a large reply every
 * other client waits, and the reply itself has to fit in the client output buffer and the application's memory
 * (ElastiCache "Overall best practices": avoid SMEMBERS, use SSCAN; "Storing large composite items": HGETALL).
 * Fine for a set of ten; a latency spike once the collection has grown. This is advice (info), also for a fixed
 * key name: a fixed key can hold an ever-growing collection.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import type { CallArg, CallSite } from '../../model/code';
import { keyId, shortKey } from './key-facts';

/** Reads of a whole collection, whatever the arguments. */
const WHOLE: Record<string, { what: string; instead: string }> = {
  SMEMBERS: { what: 'every member of the set', instead: 'iterate with SSCAN' },
  HGETALL: { what: 'every field and value of the hash', instead: 'iterate with HSCAN (or HMGET the fields you need)' },
  HKEYS: { what: 'every field name of the hash', instead: 'iterate with HSCAN' },
  HVALS: { what: 'every value of the hash', instead: 'iterate with HSCAN (or HMGET the fields you need)' },
  SUNION: { what: 'the whole union of the sets', instead: 'SSCAN the sets and combine them as you go' },
  SINTER: { what: 'the whole intersection of the sets', instead: 'SSCAN the smallest set and test membership with SMISMEMBER, or use SINTERCARD … LIMIT when only the count matters' },
};

type Mode = 'index' | 'score' | 'lex';

/** Range reads and how their two bounds are read unless an option says otherwise. */
const RANGES: Record<string, Mode> = {
  LRANGE: 'index', ZRANGE: 'index', ZREVRANGE: 'index',
  ZRANGEBYSCORE: 'score', ZREVRANGEBYSCORE: 'score', ZRANGEBYLEX: 'lex', ZREVRANGEBYLEX: 'lex',
};

/** The arguments as sent: a literal list or mapping (node-redis `{ BY: 'SCORE', LIMIT: {…} }`) spread out. */
function flat(args: readonly CallArg[]): CallArg[] {
  return args.flatMap((a) =>
    a.kind === 'list' ? flat(a.items)
      : a.kind === 'map' ? flat(a.entries.flatMap((e) => (Array.isArray(e) ? [...(e as readonly [CallArg, CallArg])] : [e as CallArg])))
        : [a]);
}

/** A literal argument as the server reads it: `0` and `'0'` are the same bytes on the wire. */
function literal(a: CallArg | undefined): string | undefined {
  if (!a) return undefined;
  if (a.kind === 'number') return String(a.value);
  if (a.kind === 'string') return a.value;
  return undefined;
}

const word = (a: CallArg): string | undefined =>
  a.kind === 'keyword' ? (a.conditional ? undefined : a.name) : a.kind === 'string' ? a.value?.toUpperCase() : undefined;

/**
 * How the options after the bounds make the range read: its mode, or undefined when a LIMIT bounds it or an
 * argument that is not known could (a variable, a spread, a conditional BYSCORE).
 */
function optionMode(options: CallArg[], mode: Mode): Mode | undefined {
  for (let i = 0; i < options.length; i++) {
    const a = options[i];
    const w = word(a);
    if (w === 'LIMIT') return undefined;
    if (w === 'BYSCORE' || w === 'BYLEX') { mode = w === 'BYSCORE' ? 'score' : 'lex'; continue; }
    // node-redis spells BYSCORE as `BY: 'SCORE'`.
    if (w === 'BY') {
      const next = options[i + 1] && word(options[i + 1]);
      if (next !== 'SCORE' && next !== 'LEX') return undefined;
      mode = next === 'SCORE' ? 'score' : 'lex';
      i++;
      continue;
    }
    if (w === 'WITHSCORES' || w === 'REV') continue;
    if (a.kind === 'unknown' && a.constant !== undefined) continue;
    if (a.kind === 'keyword' && a.conditional && a.name !== 'BYSCORE' && a.name !== 'BYLEX' && a.name !== 'LIMIT') continue;
    return undefined;
  }
  return mode;
}

const INFINITE = new Set(['-INF', '+INF', 'INF']);

/** Whether the two bounds cover the whole collection in `mode` (either order: the REV forms swap them). */
function unboundedBounds(mode: Mode, lo: string, hi: string): boolean {
  if (mode === 'index') return /^\d+$/.test(lo) && hi === '-1';
  if (mode === 'score') {
    const [a, b] = [lo.toUpperCase(), hi.toUpperCase()];
    return INFINITE.has(a) && INFINITE.has(b) && (a.startsWith('-') !== b.startsWith('-'));
  }
  return (lo === '-' && hi === '+') || (lo === '+' && hi === '-');
}


const COST = 'in one reply, O(N) in its size: as it grows, so do the reply, the memory it takes and the time every other client waits while the engine builds it.';

function rangeMessage(call: CallSite, mode: Mode, lo: string, hi: string): string {
  const key = shortKey(call.keys[0].text);
  if (mode === 'index') {
    const what = call.command === 'LRANGE' ? 'list' : 'sorted set';
    const instead = call.command === 'LRANGE'
      ? 'read it in bounded pages (LRANGE key 0 99, then 100 199 …), or cap it with LTRIM when only the newest entries matter'
      : 'read it in bounded pages (ZRANGE key 0 99 …) or iterate with ZSCAN';
    return `${call.command} ${key} ${lo} ${hi} reads the ${what} to its end ${COST} If it can grow, ${instead}.`;
  }
  const span = mode === 'score' ? 'every score' : 'every member';
  return `${call.command} ${key} ${lo} ${hi} without LIMIT covers ${span}, so it returns the whole sorted set ${COST} ` +
    'If it can grow, add LIMIT offset count and page through it, or iterate with ZSCAN.';
}

function rangeFinding(call: CallSite): RuleFinding<CodeFixIntent> | undefined {
  const base = RANGES[call.command];
  if (!base || !call.keys.length) return undefined;
  const lo = literal(call.args[1]);
  const hi = literal(call.args[2]);
  if (lo === undefined || hi === undefined) return undefined;
  const mode = optionMode(flat(call.args.slice(3)), base);
  if (!mode || !unboundedBounds(mode, lo, hi)) return undefined;
  return { range: call.calleeRange, message: rangeMessage(call, mode, lo, hi) };
}

function wholeFinding(call: CallSite): RuleFinding<CodeFixIntent> | undefined {
  const whole = WHOLE[call.command];
  if (!whole || !call.keys.length) return undefined;
  const subject = call.keys.length === 1 ? `${call.command} ${shortKey(call.keys[0].text)}` : call.command;
  return { range: call.calleeRange, message: `${subject} returns ${whole.what} ${COST} If it can grow, ${whole.instead}.` };
}

/**
 * Commands that cap a collection at a length: a list kept to its newest 100 with LTRIM, or a leaderboard trimmed
 * with ZREMRANGEBYRANK, cannot grow, so reading it whole is reading at most that many.
 */
const CAPPED_BY: Record<string, string> = { LRANGE: 'LTRIM', ZRANGE: 'ZREMRANGEBYRANK', ZREVRANGE: 'ZREMRANGEBYRANK' };

/** What identifies a key across calls: a literal's value (quoting may differ), else its source text. */

/** The keys this file caps, by capping command. */
function cappedKeys(calls: readonly CallSite[]): Set<string> {
  const capping = new Set(Object.values(CAPPED_BY));
  return new Set(calls.filter((c) => capping.has(c.command) && c.keys.length).map((c) => `${c.command}\u0000${keyId(c.keys[0])}`));
}

export const unboundedRead: CodeRule = {
  target: 'code',
  meta: { id: 'unbounded-read', title: 'A read returns a whole collection in one reply (SMEMBERS, HGETALL, LRANGE 0 -1 …)', defaultSeverity: 'info' },
  check(model) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    const capped = cappedKeys(model.calls);
    for (const call of model.calls) {
      const cap = CAPPED_BY[call.command];
      if (cap && call.keys.length && capped.has(`${cap}\u0000${keyId(call.keys[0])}`)) continue;
      const finding = wholeFinding(call) ?? rangeFinding(call);
      if (finding) out.push(finding);
    }
    return out;
  },
};
