/**
 * A replication group that cannot fail over: automatic failover off (false, or absent: the API default is false),
 * or a single node per shard, which leaves no replica to promote. Cluster mode requires failover (aws-facts.md §2b;
 * cfn-lint E3026), so off there is an error. MemoryDB is not judged: the facts say nothing of its failover with
 * NumReplicasPerShard 0. A Global Datastore secondary follows its primary.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { clusterModeEnabled } from '../../model/cacheShape';
import { effectiveValue, relatedOf } from '../../model/effective';
import { describeResource, propertyName } from './names';
import { replicasPerShard, type Replicas } from './availability';
import { eachResource, judge, ownsSettings, replacementNote, setFixes, type Verdict } from './verdict';

const PATH = 'automaticFailoverEnabled';
const DOWN = 'when the primary fails no replica is promoted, and writes fail until the node is recovered or replaced';

/** One node per shard: add a replica (and turn failover on when it is certainly off), in one edit. */
function singleNode(r: IacResource, replicas: Replicas, failover: Verdict | undefined, cluster: boolean): RuleFinding<IacFixIntent> {
  const who = describeResource(r);
  const off = failover?.certain ? `; ${failover.why}` : '';
  const range = replicas.property?.value.range ?? failover?.range ?? r.anchorRange;
  const related = [...relatedOf(effectiveValue(r, replicas.path)), ...(failover?.certain ? failover.related : [])];
  const message = `${who} has a single node per shard (${replicas.why}${off}), so when the primary fails there is no replica to promote, and the cache is down until the node is recovered or replaced.`;
  // A cluster-mode group, or one sized by ReplicasPerNodeGroup, takes its replicas per shard; the others count nodes.
  const byShard = replicas.path === 'replicasPerNodeGroup' || cluster;
  const count = byShard ? { property: 'replicasPerNodeGroup', value: 1 } : { property: 'numCacheClusters', value: 2 };
  const values: { property: string; value: number | boolean }[] = [count];
  if (failover?.certain) values.unshift({ property: PATH, value: true });
  const note = byShard ? replacementNote(r, 'replicasPerNodeGroup', 'replication group') : '';
  const added = `${propertyName(r, count.property)} to ${count.value}`;
  const title = failover?.certain ? `Set ${propertyName(r, PATH)} to true and ${added}${note}` : `Set ${added}${note}`;
  // Failover on one branch of a condition is the author's to decide: a replica alone would leave that finding.
  const fixes: ProposedFix<IacFixIntent>[] = failover && !failover.certain ? [] : [{ title, isPreferred: true, intent: { kind: 'setProperties', resource: r, values } }];
  return { range, related, severity: cluster && failover?.certain ? 'error' : 'warning', message, fixes };
}

function check(model: IacModel, r: IacResource): RuleFinding<IacFixIntent> | undefined {
  const failover = judge(r, PATH, (v) => v === false);
  const cluster = clusterModeEnabled(r);
  const replicas = replicasPerShard(model, r, failover?.certain === true);
  if (replicas?.count === 0) return singleNode(r, replicas, failover, cluster);
  if (!failover) return undefined;
  const who = describeResource(r);
  const { range, related } = failover;
  if (!failover.certain) {
    return { range, related, severity: 'info', message: `${who} may have automatic failover off: ${failover.why}, so on that branch ${DOWN}.` };
  }
  const fixes = setFixes(r, failover, PATH, true);
  if (cluster) {
    return { range, related, severity: 'error', fixes, message: `${who} runs in cluster mode, which requires automatic failover, but ${failover.why}: AWS rejects the group as written.` };
  }
  return { range, related, fixes, message: `${who} has automatic failover off: ${failover.why}, so ${DOWN}.` };
}

export const automaticFailoverDisabled: IacRule = {
  target: 'iac',
  meta: {
    id: 'automatic-failover-disabled',
    title: 'A replication group cannot fail over: automatic failover is off, or no shard has a replica',
    defaultSeverity: 'warning',
  },
  check: (model) => eachResource(model, ['replicationGroup'], (r) => check(model, r), ownsSettings),
};
