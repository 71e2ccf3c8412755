/** Seeded mangling of source text for robustness tests: spans deleted, duplicated, or replaced by stray tokens. */

/** mulberry32: small, seeded, good enough to pick spans. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One to four edits: delete a span, duplicate it, replace it by a token, or insert a token repeated. */
export function mutate(text: string, rnd: () => number, tokens: string[]): string {
  let out = text;
  for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
    const a = Math.floor(rnd() * out.length);
    const b = Math.min(out.length, a + Math.floor(rnd() * 40));
    const token = tokens[Math.floor(rnd() * tokens.length)];
    const pick = rnd();
    if (pick < 0.3) out = out.slice(0, a) + out.slice(b);
    else if (pick < 0.5) out = out.slice(0, b) + out.slice(a, b) + out.slice(b);
    else if (pick < 0.8) out = out.slice(0, a) + token + out.slice(b);
    else out = out.slice(0, a) + token.repeat(1 + Math.floor(rnd() * 50)) + out.slice(a);
  }
  return out;
}
