import type { IacRule } from '../rule';
import { transitEncryptionDisabled } from './transit-encryption-disabled';
import { atRestEncryptionDisabled } from './at-rest-encryption-disabled';
import { backupsDisabled } from './backups-disabled';

export const IAC_RULES: IacRule[] = [transitEncryptionDisabled, atRestEncryptionDisabled, backupsDisabled];
