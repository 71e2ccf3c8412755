/**
 * A Valkey/Redis OSS parameter group that reserves less than a quarter of maxmemory for non-data use. ElastiCache
 * needs that memory to record writes while a backup or a replica sync forks the data to an .rdb file; AWS's rule
 * of thumb and the default is `reserved-memory-percent` 25 (aws-facts.md, "Memory reservation and monitoring").
 *
 * `reserved-memory` (bytes) and `reserved-memory-percent` are mutually exclusive: a group that sets the bytes to
 * something other than 0 manages its reservation in bytes, which cannot be judged without the node's maxmemory, so
 * a low percent beside it is not reported. `reserved-memory` 0 alone is only an info: which of the two parameters
 * is in charge then depends on when the account started (before 2017-03-16: the bytes, so nothing is reserved;
 * since then: the percent, 25 by default). MemoryDB is not judged: the facts give no such parameter for it.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { familyEngineOf, parametersOf } from '../../model/views';
import { describeGroup, entryFixes, judgeEntry, usersOfGroup } from './parameter-entry';

const PERCENT = 'reserved-memory-percent';
const BYTES = 'reserved-memory';
/** The default and AWS's recommendation for Redis OSS 2.8.22+ and Valkey. */
const MINIMUM = 25;

function numeric(v: string): number | undefined {
  return /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : undefined;
}

const CONSEQUENCE = 'backups, replica syncs and failovers can run out of memory under write load, then fail or swap';

function check(model: IacModel, group: IacResource, path: string): RuleFinding<IacFixIntent> | undefined {
  // The parameters exist only in Valkey and Redis OSS families, so a family that cannot be read still is one of them.
  if (familyEngineOf(group) === 'memcached') return undefined;
  const params = parametersOf(group);
  if (!params) return undefined;
  const percent = params.byName.get(PERCENT);
  const bytes = params.byName.get(BYTES);
  const bytesZero = bytes ? judgeEntry(bytes, (v) => numeric(v) === 0) : undefined;
  const who = describeGroup(group);
  if (percent) {
    const verdict = judgeEntry(percent, (v) => { const n = numeric(v); return n !== undefined && n < MINIMUM; });
    // Bytes set (or not provably 0) take the reservation over: the percent beside them is not what applies.
    if (!verdict || (bytes && !bytesZero?.certain)) return undefined;
    const n = numeric(verdict.value)!;
    const several = verdict.certain && verdict.values;
    const amount = several ? `less than ${MINIMUM}% of each node's memory` : n === 0 ? 'no memory' : `only ${verdict.value}% of each node's memory`;
    const users = usersOfGroup(model, group, path);
    const related = [...verdict.related, ...users.related];
    if (!verdict.certain) {
      return { range: verdict.range, related, severity: 'info', message: `${who} may reserve ${amount} for non-data use${users.clause}: ${verdict.why}, so on that branch ${CONSEQUENCE}.` };
    }
    return {
      range: verdict.range, related,
      message: `${who} reserves ${amount} for non-data use${users.clause}: ${verdict.why}, below the default of ${MINIMUM}, so ${CONSEQUENCE}.`,
      fixes: entryFixes(group, PERCENT, verdict, String(MINIMUM)),
    };
  }
  // Without the percent written, whether `reserved-memory` 0 is in charge cannot be told from the files.
  if (!bytesZero || !params.complete) return undefined;
  const users = usersOfGroup(model, group, path);
  return {
    range: bytesZero.range, related: [...bytesZero.related, ...users.related], severity: 'info',
    message: `${who} may reserve no memory for non-data use${users.clause}: ${bytesZero.why} and ${PERCENT} is not set, which reserves nothing on accounts that started before 2017-03-16 (later ones reserve the default ${MINIMUM}%), and then ${CONSEQUENCE}.`,
    fixes: bytesZero.certain
      ? [{ title: `Set ${PERCENT} to "${MINIMUM}"`, isPreferred: true, intent: { kind: 'setParameter', resource: group, name: PERCENT, value: String(MINIMUM) } }]
      : [],
  };
}

export const reservedMemoryTooLow: IacRule = {
  target: 'iac',
  meta: {
    id: 'reserved-memory-too-low',
    title: 'A Valkey or Redis OSS parameter group reserves less than 25% of memory for backups and replication',
    defaultSeverity: 'warning',
  },
  check: (model, ctx) => {
    const out: RuleFinding<IacFixIntent>[] = [];
    for (const r of model.resources) {
      if (r.kind !== 'parameterGroup') continue;
      const f = check(model, r, ctx.path);
      if (f) out.push(f);
    }
    return out;
  },
};
