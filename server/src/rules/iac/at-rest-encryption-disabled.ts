/**
 * At-rest encryption off on a replication group. The default is the table's: on for Valkey, off for Redis OSS
 * (CreateReplicationGroup), so an absent property is reported only where the engine in effect is Redis OSS. The
 * property is fixed at creation, so the fix says it replaces the group.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { describeResource } from './names';
import { eachResource, judge, ownsSettings, replacementNote, setFixes } from './verdict';

const PATH = 'atRestEncryptionEnabled';

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  const verdict = judge(resource, PATH, (v) => v === false);
  if (!verdict) return undefined;
  const consequence = 'its data written to disk and its backups are stored unencrypted';
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'info', message: `${describeResource(resource)} may not encrypt data at rest: ${verdict.why}, so on that branch ${consequence}.` };
  }
  const fixes = setFixes(resource, verdict, PATH, true, replacementNote(resource, PATH, 'replication group'));
  return { range, related, message: `${describeResource(resource)} does not encrypt data at rest: ${verdict.why}, so ${consequence}.`, fixes };
}

export const atRestEncryptionDisabled: IacRule = {
  target: 'iac',
  meta: {
    id: 'at-rest-encryption-disabled',
    title: 'At-rest encryption is off for an ElastiCache replication group',
    defaultSeverity: 'warning',
  },
  check: (model) => eachResource(model, ['replicationGroup'], check, ownsSettings),
};
