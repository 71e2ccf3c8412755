/**
 * The rules the generators plant findings for. Rules added since fire on generated inputs as they may: they are
 * timed with the rest, but only these are counted against what an input declares.
 */
export const PLANTED_RULES: ReadonlySet<string> = new Set(['transit-encryption-disabled', 'keys-command', 'missing-ttl', 'cross-slot-keys', 'missing-hash-tag']);
