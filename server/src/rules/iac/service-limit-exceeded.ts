/**
 * Values past the hard limits of the service, which the API rejects when the cache is created or changed
 * (aws-facts.md §3): a serverless cache's CacheUsageLimits (1–5,000 GB of data, 1,000–15,000,000 ECPU/s), more than
 * 5 replicas per shard, NumCacheClusters above 6, more than 500 nodes in a cluster (shards × (1 + replicas)), and
 * a Memcached cluster beyond its node quota (40 by default; the user guide's 60 is the most there is). The fix
 * clamps the value to the limit.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource, IacValue } from '../../model/iac';
import { numberOf } from '../../model/iac';
import { effectiveValue, relatedOf } from '../../model/effective';
import { describeResource, engineOf, propertyName } from './names';
import { judge, ownsSettings, setFixes } from './verdict';

type Finding = RuleFinding<IacFixIntent>;

interface Bound {
  path: string;
  min?: number;
  max?: number;
  /** "data storage of a serverless cache", for the message. */
  what: string;
  unit?: string;
}

const n = (v: number) => v.toLocaleString('en-US');

/** A value outside [min, max], with a fix that sets the nearest bound. */
function outOfBounds(resource: IacResource, b: Bound): Finding | undefined {
  const bad = (v: unknown) => typeof v === 'number' && ((b.max !== undefined && v > b.max) || (b.min !== undefined && v < b.min));
  const verdict = judge(resource, b.path, bad);
  if (!verdict) return undefined;
  const v = (verdict.certain ? verdict.effective.value : verdict.branch.value) as number;
  const high = b.max !== undefined && v > b.max;
  const bound = high ? b.max! : b.min!;
  const unit = b.unit ? ` ${b.unit}` : '';
  const limit = `${high ? 'above the most' : 'below the least'} ${b.what} can have (${n(bound)}${unit})`;
  const who = describeResource(resource);
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'warning', message: `${who} may exceed a service limit: ${verdict.why}, ${limit}, so on that branch creating or updating it fails.` };
  }
  const message = `${who} exceeds a service limit: ${verdict.why}, ${limit}, so creating or updating it fails.`;
  return { range, related, message, fixes: clamp(resource, verdict, b.path, bound) };
}

function clamp(resource: IacResource, verdict: Parameters<typeof setFixes>[1], path: string, value: number): ProposedFix<IacFixIntent>[] {
  if (!path.includes('.')) return setFixes(resource, verdict, path, value);
  return [{ title: `Set ${propertyName(resource, path)} to ${value}`, isPreferred: true, intent: { kind: 'setAt', resource, path: path.split('.'), value } }];
}

/** Replicas per shard written per node group (NodeGroupConfiguration[i].ReplicaCount). */
function nodeGroupReplicas(resource: IacResource): Finding[] {
  const groups = resource.properties.get('nodeGroupConfiguration')?.value;
  if (groups?.kind !== 'list') return [];
  const out: Finding[] = [];
  groups.items.forEach((item, i) => {
    const count = item.kind === 'object' ? item.entries.get('replicaCount')?.value : undefined;
    const v = numberOf(count);
    if (!count || v === undefined || v <= 5) return;
    const written = propertyName(resource, 'nodeGroupConfiguration.replicaCount');
    out.push({
      range: count.range,
      message: `${describeResource(resource)} exceeds a service limit: ${written} of node group ${i + 1} is ${v}, above the most replicas a shard can have (5), so creating or updating it fails.`,
      fixes: [{ title: `Set ${written} to 5`, isPreferred: true, intent: { kind: 'setAt', resource, path: ['nodeGroupConfiguration', i, 'replicaCount'], value: 5 } }],
    });
  });
  return out;
}

/** A count in effect when it is a known whole number; undefined otherwise. */
function known(resource: IacResource, path: string): number | undefined {
  const v = effectiveValue(resource, path).value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/**
 * More than 500 nodes: shards × (1 + replicas). Shards are NumNodeGroups (or one per NodeGroupConfiguration entry);
 * replicas unknown count as none, so the total is a lower bound and never overstated.
 */
function tooManyNodes(resource: IacResource, shardsPath: string, replicasPath: string): Finding | undefined {
  const list = resource.properties.get('nodeGroupConfiguration')?.value;
  const fromList = list?.kind === 'list' ? list.items.length : undefined;
  const written = resource.properties.has(shardsPath);
  const shards = written ? known(resource, shardsPath) : fromList ?? known(resource, shardsPath);
  if (shards === undefined) return undefined;
  const replicas = known(resource, replicasPath);
  const nodes = shards * (1 + (replicas ?? 0));
  if (nodes <= 500) return undefined;
  const shardsEffective = effectiveValue(resource, shardsPath);
  const where: IacValue | undefined = written ? shardsEffective.property?.value : list;
  const who = describeResource(resource);
  const s = propertyName(resource, shardsPath), r = propertyName(resource, replicasPath);
  const count = replicas === undefined ? `${n(shards)} shards of at least one node each` : `${n(shards)} shards × (1 primary + ${replicas} replicas) = ${n(nodes)} nodes`;
  const message = `${who} exceeds a service limit: ${count}, above the 500 nodes a cluster can have (and above the default quota of 90 unless raised), so creating or updating it fails.`;
  const fixes: ProposedFix<IacFixIntent>[] = [];
  const fitting = Math.floor(500 / (1 + (replicas ?? 0)));
  if (written && replicas !== undefined && shardsEffective.origin === 'written' && fitting >= 1) {
    fixes.push({ title: `Set ${s} to ${fitting} (at most 500 nodes with ${r} ${replicas})`, isPreferred: true, intent: { kind: 'setProperties', resource, values: [{ property: shardsPath, value: fitting }] } });
  }
  return { range: where?.range ?? resource.anchorRange, related: relatedOf(shardsEffective), message, fixes };
}

/** Memcached nodes: 40 without a quota increase (CreateCacheCluster), 60 at most (the user guide). */
function memcachedNodes(resource: IacResource): Finding | undefined {
  const verdict = judge(resource, 'numCacheNodes', (v) => typeof v === 'number' && v > 40);
  if (!verdict || !verdict.certain) return undefined;
  const v = verdict.effective.value as number;
  const who = describeResource(resource);
  const fixes = setFixes(resource, verdict, 'numCacheNodes', 40, ' (the default quota)');
  const { range, related } = verdict;
  if (v > 60) {
    return { range, related, message: `${who} exceeds a service limit: ${verdict.why}, above the 60 nodes a Memcached cluster can have, so creating or updating it fails.`, fixes };
  }
  return {
    range, related, severity: 'warning', fixes,
    message: `${who} may exceed its account's quota: ${verdict.why}, above the default quota of 40 nodes per Memcached cluster, so creating it fails unless the quota was raised (60 at most).`,
  };
}

function checkResource(resource: IacResource): Finding[] {
  const out: (Finding | undefined)[] = [];
  switch (resource.kind) {
    case 'serverlessCache':
      for (const end of ['maximum', 'minimum']) {
        out.push(outOfBounds(resource, { path: `cacheUsageLimits.dataStorage.${end}`, min: 1, max: 5000, what: 'a serverless cache', unit: 'GB' }));
        out.push(outOfBounds(resource, { path: `cacheUsageLimits.ecpuPerSecond.${end}`, min: 1000, max: 15_000_000, what: 'a serverless cache', unit: 'ECPU/s' }));
      }
      break;
    case 'replicationGroup':
      if (!ownsSettings(resource)) break;
      out.push(outOfBounds(resource, { path: 'replicasPerNodeGroup', max: 5, what: 'a shard', unit: 'replicas' }));
      out.push(outOfBounds(resource, { path: 'numCacheClusters', max: 6, what: 'a group without shards', unit: 'nodes: 1 primary + 5 replicas' }));
      out.push(...nodeGroupReplicas(resource));
      out.push(tooManyNodes(resource, 'numNodeGroups', 'replicasPerNodeGroup'));
      break;
    case 'memorydbCluster':
      out.push(outOfBounds(resource, { path: 'numReplicasPerShard', max: 5, what: 'a shard', unit: 'replicas' }));
      out.push(tooManyNodes(resource, 'numShards', 'numReplicasPerShard'));
      break;
    case 'cacheCluster':
      if (engineOf(resource) === 'memcached') out.push(memcachedNodes(resource));
      break;
  }
  return out.filter((f): f is Finding => !!f);
}

export const serviceLimitExceeded: IacRule = {
  target: 'iac',
  meta: {
    id: 'service-limit-exceeded',
    title: 'A value beyond a hard ElastiCache or MemoryDB limit',
    defaultSeverity: 'error',
  },
  check: (model: IacModel) => model.resources.flatMap(checkResource),
};
