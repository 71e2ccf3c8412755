/**
 * The protocol-level Redis command table, as rules see it. The table is language-neutral knowledge
 * (knowledge/data/redis-commands.json) that the extractors under formats/code/core also read; rules must not import
 * formats/ (test/unit/rules-architecture.test.ts), so they reach the same table through the model.
 */
export {
  commandInfo, restriction, blockingTimeout, writes, takesExpiry, expiryForm, keyArgs, writtenKeyArgs, SERVICES,
} from '../formats/code/core/commands';
export type { CommandInfo, Restriction, Service } from '../formats/code/core/commands';
