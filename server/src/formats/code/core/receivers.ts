/**
 * The one precision policy receiver resolution follows in every language: a value is a client only when every
 * binding that can reach the use agrees on it. Placeholders (`None`, `null`, `undefined` of a lazily built client)
 * do not count against it; anything unresolved makes the whole unknown, and unknown is silent. Reassignment is the
 * language's business (which bindings can reach a use); imported bindings are bindings like any other.
 */

/**
 * `agreed`: every candidate that counts gave the same value; `none`: no candidate counted (all placeholders, or
 * none at all), so the language may look elsewhere (a declared type); `unknown`: one was unresolved or disagreed.
 */
export type Agreement<T> = { kind: 'agreed'; value: T } | { kind: 'none' } | { kind: 'unknown' };

/**
 * Whether `candidates` agree. Values are computed lazily and the walk stops at the first one that is unknown or
 * disagrees, so a name bound a thousand times costs nothing past the first stranger.
 */
export function agreement<C, T>(
  candidates: Iterable<C>,
  valueOf: (c: C) => T | undefined,
  same: (a: T, b: T) => boolean,
  isPlaceholder: (c: C) => boolean = () => false,
): Agreement<T> {
  let agreed: T | undefined;
  for (const c of candidates) {
    if (isPlaceholder(c)) continue;
    const v = valueOf(c);
    if (v === undefined || (agreed !== undefined && !same(agreed, v))) return { kind: 'unknown' };
    agreed ??= v;
  }
  return agreed === undefined ? { kind: 'none' } : { kind: 'agreed', value: agreed };
}

/** The agreed value, or undefined when the candidates disagree, one is unknown, or none counts. */
export function agreeOn<C, T>(
  candidates: Iterable<C>, valueOf: (c: C) => T | undefined, same: (a: T, b: T) => boolean, isPlaceholder?: (c: C) => boolean,
): T | undefined {
  const a = agreement(candidates, valueOf, same, isPlaceholder);
  return a.kind === 'agreed' ? a.value : undefined;
}

/** `agreeOn` over values already computed (an unknown one is `undefined`). */
export function agree<T>(values: readonly (T | undefined)[], same: (a: T, b: T) => boolean): T | undefined {
  return agreeOn(values, (v) => v, same);
}
