/**
 * Automatic minor version upgrades turned off. Only an explicit false (written, or an input's value) is reported:
 * the provider default is true, and CloudFormation's is not in our sources. The flag applies to Valkey and to
 * Redis OSS 6 and later (aws-facts.md §2b), so Memcached and an older Redis OSS version are not judged.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { stringOf } from '../../model/iac';
import { describeResource, engineOf } from './names';
import { eachResource, judge, replacementNote, setFixes } from './verdict';

const PATH = 'autoMinorVersionUpgrade';

const NOUN: Partial<Record<IacResource['kind'], string>> = { replicationGroup: 'replication group', cacheCluster: 'cache cluster', memorydbCluster: 'MemoryDB cluster' };

/** A Redis OSS version written as a literal below 6, where the flag has no effect. */
function belowSix(resource: IacResource): boolean {
  if (engineOf(resource) !== 'redis') return false;
  const version = stringOf(resource.properties.get('engineVersion')?.value);
  const major = version && /^\d+/.exec(version.trim());
  return !!major && Number(major[0]) < 6;
}

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  const verdict = judge(resource, PATH, (v) => v === false);
  if (!verdict) return undefined;
  const who = describeResource(resource);
  const consequence = 'security and bug-fix releases of the engine reach it only when someone upgrades it by hand';
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'hint', message: `${who} may not take minor engine upgrades: ${verdict.why}, so on that branch ${consequence}.` };
  }
  const fixes = setFixes(resource, verdict, PATH, true, replacementNote(resource, PATH, NOUN[resource.kind] ?? 'resource'));
  return { range, related, message: `${who} does not take minor engine upgrades: ${verdict.why}, so ${consequence}.`, fixes };
}

export const minorVersionUpgradeDisabled: IacRule = {
  target: 'iac',
  meta: {
    id: 'minor-version-upgrade-disabled',
    title: 'Automatic minor engine upgrades are turned off',
    defaultSeverity: 'info',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster', 'memorydbCluster'], check,
    // A cluster that joins a replication group follows the group.
    (r) => engineOf(r) !== 'memcached' && !belowSix(r) && !(r.kind === 'cacheCluster' && r.properties.has('replicationGroupId'))),
};
