/**
 * Data at rest encrypted with the service's own key instead of a customer managed one. A policy, not a mistake
 * (the service key is encryption all the same), so the rule is opt-in: off unless the user gives it a severity.
 * Turned on, it reports every cache encrypted at rest without `KmsKeyId` / `kms_key_id` / `kms_key_arn`: a
 * replication group whose at-rest encryption is on in effect (written, or the Valkey default), and serverless
 * caches and MemoryDB clusters, which are always encrypted at rest. A template that declares a KMS key is named
 * in the message: the key the cache could use is already there. No fix: which key, and a replacement of the
 * cache (the key is fixed at creation), are the owner's call.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { effectiveValue } from '../../model/effective';
import { describeResource, propertyName } from './names';
import { eachResource, ownsSettings } from './verdict';

const KEY_TYPES = new Set(['AWS::KMS::Key', 'aws_kms_key']);

/** The KMS keys the template or its module declares, by logical id / address. */
function declaredKeys(model: IacModel): string[] {
  return [...(model.declared ?? [])].filter(([, d]) => KEY_TYPES.has(d.type)).map(([address]) => address);
}

/** Why the resource is encrypted at rest, or undefined when it is not or that cannot be known. */
function encryptedAtRest(r: IacResource): string | undefined {
  if (r.kind === 'serverlessCache') return 'serverless caches are always encrypted at rest';
  if (r.kind === 'memorydbCluster') return 'MemoryDB always encrypts data at rest';
  const e = effectiveValue(r, 'atRestEncryptionEnabled');
  return e.value === true ? e.why : undefined;
}

function check(model: IacModel, r: IacResource): RuleFinding<IacFixIntent> | undefined {
  // A key that is written, whatever it resolves to, is the owner's choice; one that cannot be known may be a CMK.
  if (r.properties.has('kmsKeyId')) return undefined;
  const why = encryptedAtRest(r);
  if (!why) return undefined;
  const keys = declaredKeys(model);
  const available = keys.length ? `, though the template declares KMS key ${keys.map((k) => `'${k}'`).join(', ')}` : '';
  return {
    range: r.anchorRange,
    message: `${describeResource(r)} is encrypted at rest with the AWS-owned key (${why}; ${propertyName(r, 'kmsKeyId')} is not set)${available}, so the key's policy, rotation and audit trail are not yours to control.`,
  };
}

export const kmsCustomerKeyMissing: IacRule = {
  target: 'iac',
  meta: {
    id: 'kms-customer-key-missing',
    title: 'A cache is encrypted at rest with the AWS-owned key, not a customer managed KMS key',
    defaultSeverity: 'hint',
    optIn: true,
  },
  check: (model) => eachResource(model, ['replicationGroup', 'serverlessCache', 'memorydbCluster'], (r) => check(model, r), ownsSettings),
};
