/**
 * A key written without an expiry lives until it is deleted. With ElastiCache's default maxmemory-policy,
 * volatile-lru (../shared/reference/aws-facts.md §3 "Memory reservation"), only keys that have a TTL can be evicted,
 * so keys without one accumulate until writes fail with OOM.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import { EXPIRY_COMMANDS, WRITE_COMMANDS, type CallSite } from '../../model/code';

const SET_LIKE = new Set(['SET', 'SETNX', 'MSET', 'MSETNX']);

function shortKey(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** An expiry on the same key expression in the same function. SET discards an earlier TTL, so for SET it must come after. */
function hasLaterOrAnyExpiry(write: CallSite, keyText: string, calls: CallSite[]): boolean {
  const resetsTtl = SET_LIKE.has(write.command);
  return calls.some((c) => {
    if (c === write || c.scopeId !== write.scopeId) return false;
    const givesExpiry = EXPIRY_COMMANDS.has(c.command) || (WRITE_COMMANDS.has(c.command) && c.options.expiry === 'set');
    if (!givesExpiry || c.keys[0]?.text !== keyText) return false;
    if (!resetsTtl) return true;
    const a = c.range.start, b = write.range.start;
    return a.line > b.line || (a.line === b.line && a.character > b.character);
  });
}

export const missingTtl: CodeRule = {
  target: 'code',
  meta: { id: 'missing-ttl', title: 'A key is written without an expiry (TTL)', defaultSeverity: 'warning' },
  check(model, ctx) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    const byScope = new Map<string, CallSite[]>();
    for (const c of model.calls) byScope.set(c.scopeId, [...(byScope.get(c.scopeId) ?? []), c]);
    for (const call of model.calls) {
      if (!WRITE_COMMANDS.has(call.command) || call.options.expiry !== 'none') continue;
      const keys = call.command === 'MSET' || call.command === 'MSETNX' ? call.keys : call.keys.slice(0, 1);
      const bare = keys.filter((k) => !hasLaterOrAnyExpiry(call, k.text, byScope.get(call.scopeId)!));
      if (!bare.length) continue;
      const seconds = ctx.settings.defaultTtlSeconds;
      const what = bare.length === 1 ? `key ${shortKey(bare[0].text)}` : `${bare.length} keys`;
      out.push({
        range: call.calleeRange,
        message: `${call.command} writes ${what} with no expiry, and no EXPIRE follows in this function. ` +
          'Under the default volatile-lru eviction policy only keys with a TTL can be evicted, so keys like this pile up until writes fail with OOM.',
        fixes: bare.length === 1 && call.command !== 'MSET' && call.command !== 'MSETNX'
          ? [{ title: `Give the key a ${seconds}-second TTL`, isPreferred: true, intent: { kind: 'addExpiry', call, seconds } }]
          : [],
      });
    }
    return out;
  },
};
