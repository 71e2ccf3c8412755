import type { CodeRule } from '../rule';
import { keysCommand } from './keys-command';
import { missingTtl } from './missing-ttl';
import { crossSlotKeys } from './cross-slot-keys';
import { missingHashTag } from './missing-hash-tag';
import { flushCommand } from './flush-command';
import { restrictedCommand } from './restricted-command';
import { selectDatabase } from './select-database';
import { blockingWithoutTimeout } from './blocking-without-timeout';
import { lockWithoutExpiry } from './lock-without-expiry';
import { unboundedRead } from './unbounded-read';
import { plaintextConnection } from './plaintext-connection';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { hardcodedCredentials } from './hardcoded-credentials';
import { clientPerCall } from './client-per-call';

export const CODE_RULES: CodeRule[] = [
  keysCommand,
  missingTtl,
  crossSlotKeys,
  missingHashTag,
  flushCommand,
  restrictedCommand,
  selectDatabase,
  blockingWithoutTimeout,
  lockWithoutExpiry,
  unboundedRead,
  plaintextConnection,
  tlsVerificationDisabled,
  hardcodedCredentials,
  clientPerCall,
];
