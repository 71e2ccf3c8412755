import type { IacRule } from '../rule';
import { transitEncryptionDisabled } from './transit-encryption-disabled';
import { transitEncryptionPreferred } from './transit-encryption-preferred';
import { atRestEncryptionDisabled } from './at-rest-encryption-disabled';
import { backupsDisabled } from './backups-disabled';
import { minorVersionUpgradeDisabled } from './minor-version-upgrade-disabled';
import { previousGenerationNodeType } from './previous-generation-node-type';
import { reservedMemoryTooLow } from './reserved-memory-too-low';
import { evictionPolicyRisky } from './eviction-policy-risky';
import { unknownNodeType } from './unknown-node-type';
import { burstableNodeType } from './burstable-node-type';
import { engineVersionOutdated } from './engine-version-outdated';
import { serviceLimitExceeded } from './service-limit-exceeded';
import { publicIngress } from './public-ingress';
import { kmsCustomerKeyMissing } from './kms-customer-key-missing';
import { authDisabled } from './auth-disabled';
import { authTokenExposed } from './auth-token-exposed';
import { passwordNotRequired } from './password-not-required';
import { automaticFailoverDisabled } from './automatic-failover-disabled';
import { multiAzDisabled } from './multi-az-disabled';
import { defaultSubnetGroup } from './default-subnet-group';

export const IAC_RULES: IacRule[] = [
  transitEncryptionDisabled,
  transitEncryptionPreferred,
  atRestEncryptionDisabled,
  backupsDisabled,
  minorVersionUpgradeDisabled,
  previousGenerationNodeType,
  reservedMemoryTooLow,
  evictionPolicyRisky,
  unknownNodeType,
  burstableNodeType,
  engineVersionOutdated,
  serviceLimitExceeded,
  publicIngress,
  kmsCustomerKeyMissing,
  authDisabled,
  authTokenExposed,
  passwordNotRequired,
  automaticFailoverDisabled,
  multiAzDisabled,
  defaultSubnetGroup,
];
