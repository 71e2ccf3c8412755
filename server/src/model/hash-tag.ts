/**
 * Hash tags as Valkey/Redis cluster reads them: only the text between the first `{` and the first `}` after it is
 * hashed, when that text is not empty (valkey-io/valkey src/cluster.c keyHashSlot).
 */

/** The part of a key that is hashed. */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

/**
 * The tag of a key built from constant segments around interpolations, when it lies within one constant segment:
 * the first segment with a `{` decides. Assumes interpolated values bring no braces of their own.
 */
export function literalHashTag(constantSegments: string[]): string | undefined {
  for (const s of constantSegments) {
    const open = s.indexOf('{');
    if (open < 0) continue;
    const close = s.indexOf('}', open + 1);
    return close > open + 1 ? s.slice(open + 1, close) : undefined;
  }
  return undefined;
}
