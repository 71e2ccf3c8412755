/**
 * A key written without an expiry lives until it is deleted. With ElastiCache's default maxmemory-policy,
 * volatile-lru (../shared/reference/aws-facts.md §3 "Memory reservation"), only keys that have a TTL can be evicted,
 * so keys without one accumulate until writes fail with OOM.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import { EXPIRY_COMMANDS, WRITE_COMMANDS, type CallSite } from '../../model/code';

const SET_LIKE = new Set(['SET', 'SETNX', 'MSET', 'MSETNX']);
const MULTI_SET = new Set(['MSET', 'MSETNX']);
const LIST_PUSH = new Set(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']);
/** Commands that consume a list: a list pushed and popped in one module is a work queue, which empties itself. */
const LIST_POP = new Set(['LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'LMPOP', 'BLMPOP']);

/** Keys whose text is a splat (`*data`, `...keys`) or, for MSET, a whole mapping variable: we cannot name them. */
function nameable(call: CallSite) {
  return (k: CallSite['keys'][number]) => !/^(\*|\.\.\.)/.test(k.text) && !(MULTI_SET.has(call.command) && k.kind === 'unknown');
}

function shortKey(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const after = (a: CallSite, b: CallSite) =>
  a.range.start.line > b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character > b.range.start.character);

/** What identifies a key across calls: a literal's value (quoting may differ), else its source text. */
function keyId(k: CallSite['keys'][number]): string {
  return k.kind === 'literal' ? `literal:${k.value}` : `text:${k.text}`;
}

/** Calls that give a key an expiry, indexed by function and key, so each write is one lookup. */
function expiriesByScopeAndKey(calls: CallSite[]): Map<string, CallSite[]> {
  const index = new Map<string, CallSite[]>();
  for (const c of calls) {
    const givesExpiry = EXPIRY_COMMANDS.has(c.command) || (WRITE_COMMANDS.has(c.command) && c.options.expiry === 'set');
    const key = c.keys[0] && keyId(c.keys[0]);
    if (!givesExpiry || key === undefined) continue;
    const k = `${c.scopeId}\u0000${key}`;
    const list = index.get(k);
    if (list) list.push(c); else index.set(k, [c]);
  }
  return index;
}

/** An expiry on the same key expression in the same function. SET discards an earlier TTL, so for SET it must come after. */
function hasExpiry(write: CallSite, key: string, index: Map<string, CallSite[]>): boolean {
  const candidates = index.get(`${write.scopeId}\u0000${key}`) ?? [];
  const resetsTtl = SET_LIKE.has(write.command);
  return candidates.some((c) => c !== write && (!resetsTtl || after(c, write)));
}

export const missingTtl: CodeRule = {
  target: 'code',
  meta: { id: 'missing-ttl', title: 'A key is written without an expiry (TTL)', defaultSeverity: 'warning' },
  check(model, ctx) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    const expiries = expiriesByScopeAndKey(model.calls);
    const queues = new Set(model.calls.filter((c) => LIST_POP.has(c.command)).flatMap((c) => c.keys.map(keyId)));
    // One finding per key expression per function: three pushes to one list are one missing TTL.
    const reported = new Set<string>();
    for (const call of model.calls) {
      if (!WRITE_COMMANDS.has(call.command) || call.options.expiry !== 'none') continue;
      const keys = (MULTI_SET.has(call.command) ? call.keys : call.keys.slice(0, 1)).filter(nameable(call));
      const bare = keys.filter((k) => !hasExpiry(call, keyId(k), expiries)
        && !(LIST_PUSH.has(call.command) && queues.has(keyId(k)))
        && !reported.has(`${call.scopeId}\u0000${keyId(k)}`));
      if (!bare.length) continue;
      for (const k of bare) reported.add(`${call.scopeId}\u0000${keyId(k)}`);
      const seconds = ctx.settings.defaultTtlSeconds;
      const what = bare.length === 1 ? `key ${shortKey(bare[0].text)}` : `${bare.length} keys`;
      out.push({
        range: call.calleeRange,
        message: `${call.command} writes ${what} with no expiry, and no EXPIRE follows in this function. ` +
          'Under the default volatile-lru eviction policy only keys with a TTL can be evicted, so keys like this pile up until writes fail with OOM.',
        fixes: bare.length === 1 && !MULTI_SET.has(call.command)
          ? [{ title: `Give the key a ${seconds}-second TTL`, isPreferred: true, intent: { kind: 'addExpiry', call, seconds } }]
          : [],
      });
    }
    return out;
  },
};
