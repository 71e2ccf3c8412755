/**
 * A `maxmemory-policy` that misfits the service: `noeviction` on ElastiCache, whose point is a cache (when memory is
 * full every write fails instead of making room), and an `allkeys-*` policy on MemoryDB, a durable database (when
 * memory is full it deletes keys that were never meant to expire). Whether a given ElastiCache group backs a cache
 * or a primary store is not in the files, and the workspace context does not say either, so the finding stays an
 * info that says what the policy does and what the alternative would do. The default (volatile-lru) and the
 * volatile-* policies are never reported: they evict only keys that carry a TTL.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { familyEngineOf, parametersOf } from '../../model/views';
import { describeGroup, judgeEntry, usersOfGroup } from './parameter-entry';

const POLICY = 'maxmemory-policy';

const norm = (v: string) => v.trim().toLowerCase();

/** What the policy does to this service, or undefined when it fits it. */
function risk(group: IacResource, value: string): string | undefined {
  const v = norm(value);
  if (group.kind === 'parameterGroup' && v === 'noeviction') {
    return 'when memory is full every write fails with an OOM error instead of evicting keys, which suits a primary data store but not a cache (the default, volatile-lru, evicts the least recently used keys that have a TTL)';
  }
  if (group.kind === 'memorydbParameterGroup' && v.startsWith('allkeys-')) {
    return 'when memory is full MemoryDB deletes keys whether or not they have a TTL, so data written to this durable database is lost without an error (noeviction rejects writes instead; volatile-* evicts only keys with a TTL)';
  }
  return undefined;
}

function check(model: IacModel, group: IacResource, path: string): RuleFinding<IacFixIntent> | undefined {
  // Memcached has no maxmemory-policy.
  if (familyEngineOf(group) === 'memcached') return undefined;
  const entry = parametersOf(group)?.byName.get(POLICY);
  if (!entry) return undefined;
  const verdict = judgeEntry(entry, (v) => risk(group, v) !== undefined);
  if (!verdict) return undefined;
  const users = usersOfGroup(model, group, path);
  const what = risk(group, verdict.value)!;
  const related = [...verdict.related, ...users.related];
  if (!verdict.certain) {
    return { range: verdict.range, related, message: `${describeGroup(group)} may evict by "${norm(verdict.value)}"${users.clause}: ${verdict.why}, and on that branch ${what}.` };
  }
  return { range: verdict.range, related, message: `${describeGroup(group)} evicts by "${norm(verdict.value)}"${users.clause}: ${verdict.why}, and ${what}.` };
}

export const evictionPolicyRisky: IacRule = {
  target: 'iac',
  meta: {
    id: 'eviction-policy-risky',
    title: 'An eviction policy that fails writes on a cache, or deletes data on MemoryDB',
    defaultSeverity: 'info',
  },
  check: (model, ctx) => {
    const out: RuleFinding<IacFixIntent>[] = [];
    for (const r of model.resources) {
      if (r.kind !== 'parameterGroup' && r.kind !== 'memorydbParameterGroup') continue;
      const f = check(model, r, ctx.path);
      if (f) out.push(f);
    }
    return out;
  },
};
