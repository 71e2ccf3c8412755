/**
 * `SET key value NX` succeeds for one caller only, which is why it is the usual way to take a lock; without an
 * expiry the key outlives a holder that crashes, is killed or loses its connection before it deletes it, and
 * nobody acquires the lock again. The expiry has to travel in the same command (`SET … NX PX ms`, redis.io SET
 * "Patterns"): SETNX takes no expiry, and SETNX followed by EXPIRE leaves a window in which the holder can die
 * with the key set and no TTL (redis.io SETNX: deprecated in favour of `SET … NX`).
 *
 * Every `SET … NX` without expiry counts, whatever the key is called: a key name is no evidence either way.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent, ProposedFix } from '../../fixes/intents';
import type { CallArg, CallSite } from '../../model/code';
import { keyId, shortKey } from './key-facts';

/** A lock is held for one critical section: a short lifetime, not the cache TTL of `defaultTtlSeconds`. */
export const LOCK_TTL_SECONDS = 30;

const LATER_EXPIRY = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);

/** By method name: the calls of one chain (`multi().setnx(…).expire(…)`) all start where the chain does. */
const after = (a: CallSite, b: CallSite): boolean => {
  const [x, y] = [a.calleeRange.start, b.calleeRange.start];
  return x.line > y.line || (x.line === y.line && x.character > y.character);
};

/**
 * A lock-style write whose expiry is provably absent: SETNX, or SET with an unconditional NX and no expiry option.
 * Exported so that a rule about expiries in general can leave these to this one.
 */
export function isBareLock(call: CallSite): boolean {
  if (call.command !== 'SET' && call.command !== 'SETNX') return false;
  if (call.options.nx !== true || call.options.expiry !== 'none' || call.keys.length !== 1) return false;
  // A splatted key (`*args`, `...args`) is not one key expression we can name.
  return !/^(\*|\.\.\.)/.test(call.keys[0].text);
}

/** EXPIRE-family calls by function and key, so that each lock is one lookup. */
function expiriesByScopeAndKey(calls: CallSite[]): Map<string, CallSite[]> {
  const index = new Map<string, CallSite[]>();
  for (const c of calls) {
    if (!LATER_EXPIRY.has(c.command) || !c.keys[0]) continue;
    const k = `${c.scopeId}\u0000${keyId(c.keys[0])}`;
    const list = index.get(k);
    if (list) list.push(c); else index.set(k, [c]);
  }
  return index;
}

/**
 * The EXPIRE on the same key expression after the lock in the same function, if any. One queued in the same
 * MULTI transaction runs atomically with the SET: no crash window, so that lock is not reported at all.
 */
function laterExpiry(lock: CallSite, index: Map<string, CallSite[]>): CallSite | 'atomic' | undefined {
  let found: CallSite | undefined;
  for (const c of index.get(`${lock.scopeId}\u0000${keyId(lock.keys[0])}`) ?? []) {
    if (!after(c, lock)) continue;
    if (lock.batch?.transactional && c.batch?.id === lock.batch.id) return 'atomic';
    found ??= c;
  }
  return found;
}

/** EXPIRE's seconds when written as a literal whole number: the lifetime the author already chose. */
function literalSeconds(expire: CallSite): number | undefined {
  if (expire.command !== 'EXPIRE') return undefined;
  const t: CallArg | undefined = expire.args[1];
  return t?.kind === 'number' && Number.isInteger(t.value) && t.value > 0 ? t.value : undefined;
}

function lockFix(call: CallSite, seconds: number, redundant?: CallSite): ProposedFix<CodeFixIntent> {
  const title = call.command === 'SETNX'
    ? `Take the lock with SET … NX EX ${seconds}: one atomic command (its reply is OK or nil, not 1 or 0)`
    : `Let the lock expire after ${seconds} seconds (SET … NX EX ${seconds})`;
  return { title: redundant ? `${title}; the ${redundant.command} after it is then redundant` : title, isPreferred: true, intent: { kind: 'addExpiry', call, seconds } };
}

export const lockWithoutExpiry: CodeRule = {
  target: 'code',
  meta: { id: 'lock-without-expiry', title: 'A lock taken with SET NX or SETNX has no expiry: a crashed holder keeps it forever', defaultSeverity: 'error' },
  check(model, ctx) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    let expiries: Map<string, CallSite[]> | undefined;
    for (const call of model.calls) {
      if (!isBareLock(call)) continue;
      expiries ??= expiriesByScopeAndKey(model.calls);
      const key = shortKey(call.keys[0].text);
      const form = call.command === 'SETNX' ? 'SETNX' : 'SET … NX';
      const expire = laterExpiry(call, expiries);
      if (expire === 'atomic') continue;
      if (expire) {
        const seconds = literalSeconds(expire);
        out.push({
          range: call.calleeRange,
          severity: 'warning',
          message: `${form} takes the lock ${key} and the ${expire.command} on line ${expire.calleeRange.start.line + 1} gives it an expiry, ` +
            'but in a second command: a holder that crashes or loses its connection between the two leaves the lock with no expiry, held forever. ' +
            'Set both atomically with SET key value NX EX seconds (or PX milliseconds).',
          related: [{ path: ctx.path, range: expire.calleeRange, message: `the separate ${expire.command}` }],
          fixes: seconds === undefined ? [] : [lockFix(call, seconds, expire)],
        });
        continue;
      }
      const taken = call.command === 'SETNX'
        ? `SETNX takes the lock ${key} and cannot give it an expiry`
        : `SET … NX takes the lock ${key} with no EX/PX/EXAT/PXAT`;
      out.push({
        range: call.calleeRange,
        message: `${taken}: if the holder crashes, is killed or loses its connection before deleting it, the key stays forever ` +
          'and nobody acquires the lock again. Give it an expiry in the same command: SET key value NX PX milliseconds (or EX seconds).',
        fixes: [lockFix(call, LOCK_TTL_SECONDS)],
      });
    }
    return out;
  },
};
