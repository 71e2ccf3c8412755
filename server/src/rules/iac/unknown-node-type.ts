/**
 * A node type no one can deploy: not in the service's catalogue (`cache.r7gd.xlarge`, `cache.m7g.larg`), the other
 * service's (`db.r7g.large` on ElastiCache), or not for the engine (Memcached on data-tiering r6gd). The catalogue
 * is node-catalog.ts. The fix is the nearest real type, offered only when exactly one is nearest; a type from an
 * input without a value is not guessed at, and one branch of a condition gives a warning that names it.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { describeResource, engineOf } from './names';
import { eachResource, judge, setFixes } from './verdict';
import { familiesOf, judgeNodeType, serviceLabel, serviceOf, sizesOf, type Verdict as NodeVerdict } from './node-catalog';

function problem(resource: IacResource, v: unknown): NodeVerdict | undefined {
  if (typeof v !== 'string') return undefined;
  const verdict = judgeNodeType(v, serviceOf(resource), engineOf(resource));
  return verdict.kind === 'exists' ? undefined : verdict;
}

/** Why the type cannot be deployed, and the suggestion when there is exactly one. */
function explain(resource: IacResource, written: string, p: NodeVerdict): { text: string; suggestion?: string } {
  const service = serviceOf(resource);
  const label = serviceLabel(service);
  const name = written.trim();
  switch (p.kind) {
    case 'otherService':
      return p.counterpart
        ? { text: `${name} is a ${serviceLabel(p.owner)} node type, not an ${label} one; the ${label} type of that size is ${p.counterpart}`, suggestion: p.counterpart }
        : { text: `${name} is a ${serviceLabel(p.owner)} node type, and ${label} has no such size` };
    case 'wrongEngine':
      return { text: `${name} runs ${p.engines} only (data tiering), not Memcached` };
    case 'unknown': {
      const [, family] = name.toLowerCase().split('.');
      const sizes = family ? sizesOf(service, family) : [];
      if (p.nearest.length === 1) return { text: `${label} has no node type ${name} (the nearest real one is ${p.nearest[0]})`, suggestion: p.nearest[0] };
      if (p.nearest.length > 1) return { text: `${label} has no node type ${name} (the nearest real ones are ${p.nearest.slice(0, -1).join(', ')} and ${p.nearest[p.nearest.length - 1]})` };
      if (sizes.length) return { text: `${label} has no node type ${name}: the ${family} family comes in ${sizes.join(', ')}` };
      return { text: `${label} has no node type ${name} (its families are ${familiesOf(service).join(', ')})` };
    }
    default:
      return { text: name };
  }
}

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  const verdict = judge(resource, 'nodeType', (v) => problem(resource, v) !== undefined);
  if (!verdict) return undefined;
  const value = String(verdict.certain ? verdict.effective.value : verdict.branch.value);
  const { text, suggestion } = explain(resource, value, problem(resource, value)!);
  const who = describeResource(resource);
  const { range, related } = verdict;
  const consequence = 'creating it fails';
  if (!verdict.certain) {
    return { range, related, severity: 'warning', message: `${who} may name a node type that does not exist: ${verdict.why}, and ${text}, so on that branch ${consequence}.` };
  }
  const from = verdict.effective.origin === 'written' ? '' : ` (${verdict.why})`;
  const fixes = suggestion ? setFixes(resource, verdict, 'nodeType', suggestion) : [];
  return { range, related, message: `${who} names a node type that does not exist${from}: ${text}, so ${consequence}.`, fixes };
}

export const unknownNodeType: IacRule = {
  target: 'iac',
  meta: {
    id: 'unknown-node-type',
    title: 'A node type that does not exist for the service or engine',
    defaultSeverity: 'error',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster', 'memorydbCluster', 'globalReplicationGroup'], check),
};
