/**
 * A burstable node type (t2, t3, t4g): network (and CPU) above a low baseline run on credits that sustained load
 * uses up, and the smaller sizes accept fewer clients. The node table (knowledge/data/node-types.json, from
 * aws-facts.md §1) says which types are burstable and their baseline; a type it does not know is
 * unknown-node-type's, not this rule's. No fix: the size to move to depends on the data; the message names the
 * smallest steady types.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { isBurstable, type NodeType } from '../../sizing/nodeTypes';
import { describeResource, engineOf } from './names';
import { eachResource, judge, ownsSettings } from './verdict';
import { serviceOf, tableEntry } from './node-catalog';

/**
 * `maxclients` where it is below the 65,000 of every other node type; not modifiable (ParameterGroups.Engine,
 * aws-facts.md §3 "maxclients"). t4g.small/medium are not listed as exceptions there.
 */
const MAXCLIENTS: Readonly<Record<string, number>> = {
  'cache.t2.micro': 20000, 'cache.t2.small': 20000, 'cache.t2.medium': 20000, 'cache.t4g.micro': 20000, 'cache.t3.micro': 20000,
  'cache.t3.small': 46000, 'cache.t3.medium': 46000,
};

function burstable(resource: IacResource, v: unknown): NodeType | undefined {
  const n = typeof v === 'string' ? tableEntry(v.trim().toLowerCase(), serviceOf(resource)) : undefined;
  return n && isBurstable(n) ? n : undefined;
}

/** The smallest general-purpose (m7g) and memory-optimised (r7g) types of the service that run the engine. */
function steady(resource: IacResource): string {
  const prefix = serviceOf(resource) === 'memorydb' ? 'db' : 'cache';
  const engine = engineOf(resource);
  const names = ['m7g', 'r7g']
    .map((f) => tableEntry(`${prefix}.${f}.large`, serviceOf(resource)))
    .filter((n): n is NodeType => !!n && (!engine || n.engines.includes(engine as never)))
    .map((n) => `${n.nodeType} (${n.memoryGiB} GiB)`);
  return names.length ? `; the smallest steady ${names.length > 1 ? 'types are' : 'type is'} ${names.join(' and ')}` : '';
}

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  const verdict = judge(resource, 'nodeType', (v) => burstable(resource, v) !== undefined);
  if (!verdict) return undefined;
  const n = burstable(resource, verdict.certain ? verdict.effective.value : verdict.branch.value)!;
  const network = n.burstGbps
    ? `its network sustains ${n.baselineGbps} Gbps and bursts to ${n.burstGbps} Gbps only on credits, so sustained load is throttled once they run out`
    : `its network sustains ${n.baselineGbps} Gbps`;
  const clients = MAXCLIENTS[n.nodeType] && engineOf(resource) !== 'memcached' ? `, and maxclients is ${MAXCLIENTS[n.nodeType].toLocaleString('en-US')} instead of 65,000` : '';
  const who = describeResource(resource);
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'hint', message: `${who} may run on the burstable ${n.nodeType}: ${verdict.why}, and on that branch ${network}${clients}${steady(resource)}.` };
  }
  const from = verdict.effective.origin === 'written' ? '' : ` (${verdict.why})`;
  return { range, related, message: `${who} runs on the burstable ${n.nodeType}${from}: ${network}${clients}${steady(resource)}.` };
}

export const burstableNodeType: IacRule = {
  target: 'iac',
  meta: {
    id: 'burstable-node-type',
    title: 'A burstable (t2/t3/t4g) node type: credits run out under sustained load',
    defaultSeverity: 'info',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster', 'memorydbCluster'], check, ownsSettings),
};
