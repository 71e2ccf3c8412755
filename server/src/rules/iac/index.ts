import type { IacRule } from '../rule';
import { transitEncryptionDisabled } from './transit-encryption-disabled';

export const IAC_RULES: IacRule[] = [transitEncryptionDisabled];
