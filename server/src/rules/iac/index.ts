import type { IacRule } from '../rule';
import { transitEncryptionDisabled } from './transit-encryption-disabled';
import { transitEncryptionPreferred } from './transit-encryption-preferred';
import { atRestEncryptionDisabled } from './at-rest-encryption-disabled';
import { backupsDisabled } from './backups-disabled';
import { minorVersionUpgradeDisabled } from './minor-version-upgrade-disabled';
import { previousGenerationNodeType } from './previous-generation-node-type';
import { authDisabled } from './auth-disabled';
import { authTokenExposed } from './auth-token-exposed';
import { passwordNotRequired } from './password-not-required';

export const IAC_RULES: IacRule[] = [transitEncryptionDisabled, transitEncryptionPreferred, atRestEncryptionDisabled, backupsDisabled, minorVersionUpgradeDisabled, previousGenerationNodeType, authDisabled, authTokenExposed, passwordNotRequired];
