/**
 * TLS in `preferred` mode: the group accepts TLS and plaintext alike, the first step of the online migration
 * (Valkey 7.2+ / Redis OSS 7+). Left there, any client may still connect in the clear. No default applies: an
 * absent mode is not `preferred`.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { effectiveValue } from '../../model/effective';
import { describeResource } from './names';
import { eachResource, judge, ownsSettings, setFixes } from './verdict';

const PATH = 'transitEncryptionMode';

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  // With TLS off the group is reported by transit-encryption-disabled, whose fix comes first.
  if (effectiveValue(resource, 'transitEncryptionEnabled').value === false) return undefined;
  const verdict = judge(resource, PATH, (v) => typeof v === 'string' && v.trim().toLowerCase() === 'preferred');
  if (!verdict) return undefined;
  const who = describeResource(resource);
  const consequence = 'clients may still connect without TLS and send data and AUTH secrets in plaintext';
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'info', message: `${who} may accept plaintext connections: ${verdict.why}, so on that branch ${consequence}.` };
  }
  const fixes = setFixes(resource, verdict, PATH, 'required', ' (once every client connects with TLS)');
  return { range, related, message: `${who} accepts plaintext connections: ${verdict.why}, so ${consequence}.`, fixes };
}

export const transitEncryptionPreferred: IacRule = {
  target: 'iac',
  meta: {
    id: 'transit-encryption-preferred',
    title: 'In-transit encryption is in preferred mode: plaintext connections are still accepted',
    defaultSeverity: 'warning',
  },
  check: (model) => eachResource(model, ['replicationGroup'], check, ownsSettings),
};
