/**
 * No automatic backups: snapshot retention 0, or absent where the table's default is 0 (replication groups; Valkey
 * and Redis OSS cache clusters and serverless caches; MemoryDB in Terraform). Memcached keeps no snapshots, so it
 * is never judged; where the default is not known (a CloudFormation MemoryDB cluster, an engine that cannot be
 * told) an absent property is not reported.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { describeResource, engineOf, propertyName } from './names';
import { eachResource, judge, setFixes } from './verdict';

const PATH = 'snapshotRetentionLimit';
/** A week of daily backups: RULES.md's suggestion ("set a retention (e.g. 7)"). */
const RETENTION_DAYS = 7;

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  const verdict = judge(resource, PATH, (v) => v === 0);
  if (!verdict) return undefined;
  const who = describeResource(resource);
  const consequence = 'no automatic backup is kept to restore from when data is lost or corrupted';
  const { range, related } = verdict;
  // The table scopes the 0 to Valkey and Redis OSS only because Memcached is never judged here; on a serverless
  // cache "for Redis OSS" reads as if the engine chose it, when it is every serverless cache's default.
  const why = verdict.certain && verdict.effective.origin === 'schema-default' && resource.kind === 'serverlessCache'
    ? `${propertyName(resource, PATH)} is not set, and it defaults to 0`
    : verdict.why;
  if (!verdict.certain) {
    return { range, related, severity: 'info', message: `${who} may have no automatic backups: ${verdict.why}, so on that branch ${consequence}.` };
  }
  const window = propertyName(resource, resource.kind === 'serverlessCache' ? 'dailySnapshotTime' : 'snapshotWindow');
  const fixes = setFixes(resource, verdict, PATH, RETENTION_DAYS, ` (days; ${window} picks when they run)`);
  return { range, related, message: `${who} has no automatic backups: ${why}, so ${consequence}.`, fixes };
}

export const backupsDisabled: IacRule = {
  target: 'iac',
  meta: {
    id: 'backups-disabled',
    title: 'Automatic backups are off for a Valkey, Redis OSS or MemoryDB cache',
    defaultSeverity: 'warning',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster', 'serverlessCache', 'memorydbCluster'], check,
    // Memcached has no snapshots at all; a cluster that joins a replication group follows the group's retention.
    (r) => engineOf(r) !== 'memcached' && !(r.kind === 'cacheCluster' && r.properties.has('replicationGroupId'))),
};
