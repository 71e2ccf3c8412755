/**
 * A key written without an expiry lives until it is deleted. With ElastiCache's maxmemory-policy, volatile-lru
 * (the node-based default and fixed on serverless: ../shared/reference/aws-facts.md §3), only keys that have a TTL
 * can be evicted, so keys without one accumulate until writes fail with OOM.
 *
 * That is a leak only where keys can pile up: a name built from a run-time value makes one more key per value.
 * A fixed literal name is overwritten in place; a list that is popped is a work queue that empties itself; keys
 * under a search index's prefix, or in MemoryDB, are the database's records, which are meant to stay.
 */
import type { CodeRule, RuleContext, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import { EXPIRY_COMMANDS, WRITE_COMMANDS, alternativeArms, type CallSite, type CodeModel, type KeyArg, type LocalCall } from '../../model/code';
import { explainContext, sourcesText } from '../../engine/context';
import type { RelatedLocation } from '../../engine/types';
import { indexedPrefixes, interpolations, underPrefix, keyId, shortKey } from './key-facts';
import { isBareLock } from './lock-without-expiry';

const SET_LIKE = new Set(['SET', 'SETNX', 'MSET', 'MSETNX']);
const MULTI_SET = new Set(['MSET', 'MSETNX']);
const LIST_PUSH = new Set(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']);
/**
 * Commands that consume a list: a list pushed and popped in one module is a work queue, which empties itself.
 * Only this file is read: a queue pushed here and popped in another module needs the workspace index (issue 8).
 */
const LIST_POP = new Set(['LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'LMPOP', 'BLMPOP']);

/** Keys whose text is a splat (`*data`, `...keys`) or, for MSET, a whole mapping variable: we cannot name them. */
function nameable(call: CallSite) {
  return (k: KeyArg) => !/^(\*|\.\.\.)/.test(k.text) && !(MULTI_SET.has(call.command) && k.kind === 'unknown');
}

const after = (a: { range: CallSite['range'] }, b: CallSite) =>
  a.range.start.line > b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character > b.range.start.character);

/**
 * A write that states its own expiry (SETEX, `set(k, v, ex=ttl)`, even when `ttl` is a parameter): in the function
 * that also writes the key without one, that is the branch for "no TTL given" of a cache wrapper
 * (`if ttl: setex(…) else: set(…)`), a choice left to the callers.
 */
function carriesTtl(c: CallSite): boolean {
  return c.command === 'SETEX' || c.command === 'PSETEX' || (WRITE_COMMANDS.has(c.command) && c.options.expiry !== 'none');
}

/** Calls that give a key an expiry, indexed by function and key, so each write is one lookup. */
function expiriesByScopeAndKey(calls: CallSite[]): Map<string, CallSite[]> {
  const index = new Map<string, CallSite[]>();
  for (const c of calls) {
    const givesExpiry = EXPIRY_COMMANDS.has(c.command) || carriesTtl(c);
    const key = c.keys[0] && keyId(c.keys[0]);
    if (!givesExpiry || key === undefined) continue;
    const k = `${c.scopeId}\u0000${key}`;
    const list = index.get(k);
    if (list) list.push(c); else index.set(k, [c]);
  }
  return index;
}

/**
 * An expiry on the same key expression in the same function, or in a function of this file it calls
 * (`self.touch()`), one level down. SET discards an earlier TTL, so for SET the expiry must come after, or sit in
 * the other arm of a conditional (`if ttl: set(k, v, ex=ttl) else: set(k, v)`): there the author weighed an expiry
 * and left it to the caller, and only one of the two writes runs.
 */
function hasExpiry(write: CallSite, key: string, index: Map<string, CallSite[]>, helpers: Map<string, LocalCall[]>): boolean {
  const resetsTtl = SET_LIKE.has(write.command);
  const candidates = index.get(`${write.scopeId}\u0000${key}`) ?? [];
  if (candidates.some((c) => c !== write && (!resetsTtl || after(c, write) || alternativeArms(c, write)))) return true;
  return (helpers.get(write.scopeId) ?? []).some((h) => (!resetsTtl || after(h, write)) && index.has(`${h.callee}\u0000${key}`));
}

function localCallsByScope(model: CodeModel): Map<string, LocalCall[]> {
  const byScope = new Map<string, LocalCall[]>();
  for (const c of model.localCalls ?? []) {
    const list = byScope.get(c.scopeId);
    if (list) list.push(c); else byScope.set(c.scopeId, [c]);
  }
  return byScope;
}

/** Why this key's name can take many values: the reason the message gives for keys piling up. */
function whyMany(call: CallSite, k: KeyArg): string {
  if (k.kind === 'template') {
    const parts = interpolations(call, k);
    const from = parts.length ? parts.slice(0, 2).map((p) => `\`${p}\``).join(' and ') : 'a run-time value';
    return `The name is built from ${from}, so every new value leaves one more key behind`;
  }
  return `The name comes from \`${shortKey(k.text)}\`, not a fixed string, so if it differs between calls every value leaves one more key behind`;
}

/** What happens to keys that never expire against the caches this code runs on, and which templates say so. */
function consequence(ctx: RuleContext): { text: string; related: RelatedLocation[] } {
  const ws = ctx.workspace;
  if (ws.serverless === 'yes') {
    const why = explainContext(ws, { serverless: true });
    return {
      text: 'ElastiCache Serverless evicts only keys with a TTL (its maxmemory-policy is volatile-lru, fixed) and bills stored data per GB-hour, ' +
        `so keys like this grow the bill until the cache's data-storage limit, then writes fail${why.sources.length ? ` (${sourcesText(why.sources)})` : ''}.`,
      related: why.related,
    };
  }
  if (ws.serverless === 'no' && ws.memorydb === 'no') {
    const why = explainContext(ws, { serverless: false, memorydb: false });
    return {
      text: `The workspace's caches are node-based ElastiCache${why.sources.length ? ` (${sourcesText(why.sources)})` : ''}, whose default maxmemory-policy, volatile-lru, ` +
        'evicts only keys with a TTL, so keys like this pile up until writes fail with OOM.',
      related: why.related,
    };
  }
  return {
    text: 'Under ElastiCache\'s volatile-lru policy (the node-based default, fixed on serverless) only keys with a TTL can be evicted, so keys like this pile up until writes fail with OOM.',
    related: [],
  };
}

export const missingTtl: CodeRule = {
  target: 'code',
  meta: { id: 'missing-ttl', title: 'A key is written without an expiry (TTL)', defaultSeverity: 'warning' },
  check(model, ctx) {
    if (model.isTest) return [];
    // MemoryDB is a durable primary database: records without a TTL are the point, and nothing is evicted.
    if (ctx.workspace.memorydb === 'yes') return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    const expiries = expiriesByScopeAndKey(model.calls);
    const helpers = localCallsByScope(model);
    const queues = new Set(model.calls.filter((c) => LIST_POP.has(c.command)).flatMap((c) => c.keys.map(keyId)));
    const indexed = indexedPrefixes(model.calls);
    // One finding per key expression per function: three pushes to one list are one missing TTL.
    const reported = new Set<string>();
    let why: ReturnType<typeof consequence> | undefined;
    for (const call of model.calls) {
      if (!WRITE_COMMANDS.has(call.command) || call.options.expiry !== 'none') continue;
      // A SET NX without expiry is a lock that never expires: lock-without-expiry's finding, with a lock's lifetime.
      if (isBareLock(call)) continue;
      const keys = (MULTI_SET.has(call.command) ? call.keys : call.keys.slice(0, 1)).filter(nameable(call));
      const bare = keys.filter((k) => k.kind !== 'literal' // a fixed name is overwritten in place: one key, however often
        && !hasExpiry(call, keyId(k), expiries, helpers)
        && !(LIST_PUSH.has(call.command) && queues.has(keyId(k)))
        && !underPrefix(call, k, indexed)
        && !reported.has(`${call.scopeId}\u0000${keyId(k)}`));
      if (!bare.length) continue;
      for (const k of bare) reported.add(`${call.scopeId}\u0000${keyId(k)}`);
      why ??= consequence(ctx);
      const seconds = ctx.settings.defaultTtlSeconds;
      const what = bare.length === 1 ? `key ${shortKey(bare[0].text)}` : `${bare.length} keys`;
      out.push({
        range: call.calleeRange,
        message: `${call.command} writes ${what} with no expiry, and no EXPIRE follows in this function. ${whyMany(call, bare[0])}. ${why.text}`,
        fixes: bare.length === 1 && !MULTI_SET.has(call.command)
          ? [{ title: `Give the key a ${seconds}-second TTL`, isPreferred: true, intent: { kind: 'addExpiry', call, seconds } }]
          : [],
        ...(why.related.length ? { related: why.related } : {}),
      });
    }
    return out;
  },
};
