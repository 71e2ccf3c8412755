/**
 * Nodes kept in one Availability Zone: a replication group with replicas and Multi-AZ off (a group without replicas
 * is automatic-failover-disabled's business), or a Memcached cluster of several nodes in single-az mode. Defaults
 * are the table's: multi_az_enabled false and az_mode single-az are Terraform's; CloudFormation's are not in our
 * sources, so an absent property there is not reported. A cluster whose PreferredAvailabilityZones name several
 * zones has placed its nodes itself.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { stringOf } from '../../model/iac';
import { cacheShape } from '../../model/cacheShape';
import { effectiveValue } from '../../model/effective';
import { describeResource, engineOf, propertyName } from './names';
import { replicasPerShard } from './availability';
import { eachResource, judge, ownsSettings, replacementNote, setFixes } from './verdict';

const MULTI_AZ = 'multiAzEnabled';
const FAILOVER = 'automaticFailoverEnabled';
const AZ_MODE = 'azMode';

function replicationGroup(model: IacModel, r: IacResource): RuleFinding<IacFixIntent> | undefined {
  const failover = effectiveValue(r, FAILOVER);
  const replicas = replicasPerShard(model, r, failover.value === false);
  if (!replicas || replicas.count < 1) return undefined;
  const verdict = judge(r, MULTI_AZ, (v) => v === false);
  if (!verdict) return undefined;
  const who = describeResource(r);
  const consequence = 'ElastiCache does not keep its replicas in other Availability Zones to fail over to, and an outage of one zone can take the whole group down';
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'info', message: `${who} may run without Multi-AZ: ${verdict.why}, so on that branch ${consequence}.` };
  }
  const message = `${who} has replicas but Multi-AZ off: ${verdict.why}, so ${consequence}.`;
  // Multi-AZ requires automatic failover (aws-facts.md §2b): turn both on when failover is off, none when it is unknown.
  let fixes: ProposedFix<IacFixIntent>[] = [];
  if (failover.value === true) fixes = setFixes(r, verdict, MULTI_AZ, true);
  else if (failover.value === false) {
    fixes = [{
      title: `Set ${propertyName(r, MULTI_AZ)} and ${propertyName(r, FAILOVER)} to true`, isPreferred: true,
      intent: { kind: 'setProperties', resource: r, values: [{ property: FAILOVER, value: true }, { property: MULTI_AZ, value: true }] },
    }];
  }
  return { range, related, message, fixes };
}

/** Whether PreferredAvailabilityZones names at least two different zones. */
function placedAcrossZones(r: IacResource): boolean {
  const zones = r.properties.get('preferredAvailabilityZones')?.value;
  if (zones?.kind !== 'list') return false;
  return new Set(zones.items.map((z) => stringOf(z)).filter((z) => z !== undefined)).size > 1;
}

function memcachedCluster(model: IacModel, r: IacResource): RuleFinding<IacFixIntent> | undefined {
  const nodes = cacheShape(model, r).shards;
  if (nodes === undefined || nodes < 2 || placedAcrossZones(r)) return undefined;
  const verdict = judge(r, AZ_MODE, (v) => v === 'single-az');
  if (!verdict) return undefined;
  const who = describeResource(r);
  const consequence = 'an outage of that zone takes every node, and the whole cache, down';
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'info', message: `${who} may keep its ${nodes} nodes in one Availability Zone: ${verdict.why}, so on that branch ${consequence}.` };
  }
  // ModifyCacheCluster places only nodes added later across zones; existing nodes stay where they are.
  const note = replacementNote(r, AZ_MODE, 'cache cluster') || ' (a running cluster places only nodes added later in other zones)';
  return { range, related, message: `${who} keeps its ${nodes} nodes in one Availability Zone: ${verdict.why}, so ${consequence}.`, fixes: setFixes(r, verdict, AZ_MODE, 'cross-az', note) };
}

function check(model: IacModel, r: IacResource): RuleFinding<IacFixIntent> | undefined {
  if (r.kind === 'replicationGroup') return replicationGroup(model, r);
  return engineOf(r) === 'memcached' ? memcachedCluster(model, r) : undefined;
}

export const multiAzDisabled: IacRule = {
  target: 'iac',
  meta: {
    id: 'multi-az-disabled',
    title: 'A replicated or multi-node cache keeps its nodes in one Availability Zone',
    defaultSeverity: 'warning',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster'], (r) => check(model, r), ownsSettings),
};
