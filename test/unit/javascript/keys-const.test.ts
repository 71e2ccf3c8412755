/** Key arguments named by a `const` bound to a string literal read as that literal; anything else stays unknown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls, parse } from './helpers';

const IOREDIS = `import Redis from 'ioredis';\nconst r = new Redis();\n`;

const CASES: { name: string; path: string; code: string; calls: string[] }[] = [
  {
    name: 'module and function const literals and substitution-free templates are literal keys',
    path: 'stats.ts',
    code: IOREDIS + `const TOTAL = 'stats:total';
export const DAILY = \`stats:daily\` as const;
export async function record(n: number) {
  const LOCAL = "stats:local";
  await r.incrby(TOTAL, n);
  await r.incrby(DAILY, n);
  await r.incrby(LOCAL, n);
}
`,
    calls: [
      '7:11 INCRBY(incrby) ioredis on r keys[lit:stats:total] expiry=none in record:5 awaited',
      '8:11 INCRBY(incrby) ioredis on r keys[lit:stats:daily] expiry=none in record:5 awaited',
      '9:11 INCRBY(incrby) ioredis on r keys[lit:stats:local] expiry=none in record:5 awaited',
    ],
  },
  {
    name: 'let, var, reassigned, computed, template with substitutions, shadowed: unknown',
    path: 'stats.js',
    code: IOREDIS + `let A = 'a'; A = 'b';
var B = 'b';
const C = makeKey();
const D = \`d:\${id}\`;
const E = 'e:' + id;
const F = 'f';
function h(F) { return r.get(F); }
r.get(A); r.get(B); r.get(C); r.get(D); r.get(E);
`,
    calls: [
      '9:26 GET(get) ioredis on r keys[?:F] in h:9',
      '10:3 GET(get) ioredis on r keys[?:A] in <module>',
      '10:13 GET(get) ioredis on r keys[?:B] in <module>',
      '10:23 GET(get) ioredis on r keys[?:C] in <module>',
      '10:33 GET(get) ioredis on r keys[?:D] in <module>',
      '10:43 GET(get) ioredis on r keys[?:E] in <module>',
    ],
  },
  {
    name: 'members of an `as const` object are literal keys; a plain object, a spread or a missing member are not',
    path: 'keys.ts',
    code: IOREDIS + `const KEYS = { total: 'stats:total', 'daily': \`stats:daily\` } as const;
const OPEN = { total: 'stats:total' };
const MIXED = { ...base, total: 'stats:total' } as const;
r.get(KEYS.total); r.get(KEYS.daily); r.get(OPEN.total); r.get(MIXED.total); r.get(KEYS.nope); r.get(KEYS);
`,
    calls: [
      '6:3 GET(get) ioredis on r keys[lit:stats:total] in <module>',
      '6:22 GET(get) ioredis on r keys[lit:stats:daily] in <module>',
      '6:41 GET(get) ioredis on r keys[?:OPEN.total] in <module>',
      '6:60 GET(get) ioredis on r keys[?:MIXED.total] in <module>',
      '6:80 GET(get) ioredis on r keys[?:KEYS.nope] in <module>',
      '6:98 GET(get) ioredis on r keys[?:KEYS] in <module>',
    ],
  },
];

for (const c of CASES) {
  test(c.name, async () => {
    assert.deepEqual(await calls(c.path, c.code), c.calls);
  });
}

test('the key keeps the argument range and text, so fixes edit the call', async () => {
  const parsed = await parse('a.ts', IOREDIS + `const TOTAL = 'stats:total';\nr.incr(TOTAL);\n`);
  const [site] = (parsed.model as { calls: { keys: { kind: string; text: string; range: unknown }[] }[] }).calls;
  assert.equal(site.keys[0].kind, 'literal');
  assert.equal(site.keys[0].text, 'TOTAL');
  assert.deepEqual(site.keys[0].range, { start: { line: 3, character: 7 }, end: { line: 3, character: 12 } });
});
