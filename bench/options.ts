/** Command-line flags and BENCH_RUNS: how much of the benchmark runs, and how many times. */

const SECTIONS = ['parse', 'latency', 'memory', 'peer'] as const;
export type SectionName = (typeof SECTIONS)[number];

interface Options {
  json: boolean;
  sections: SectionName[];
  /** Warm runs per input in the parse section (the median is reported). */
  runs: number;
  /** One-character edits per document in the latency section... */
  edits: number;
  /** ...or as many as fit in this time: a slow server must not stretch the whole run past a few minutes. */
  editBudgetMs: number;
  /** Whole-command runs of each tool in the peer section. */
  peerRuns: number;
}

export const USAGE = `usage: npm run bench [-- [--json] [--quick] [--only parse|latency|memory|peer]]
  --json    print the parse section's rows as a JSON array (only that section runs)
  --quick   fewer runs and edits: a rough figure in about a minute
  --only S  run one section (repeatable)
  BENCH_RUNS=N  warm runs per input in the parse section (default 15, 5 with --quick)`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  let json = false, quick = false;
  const only: SectionName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--quick') quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!SECTIONS.includes(v as SectionName)) throw new Error(`--only takes one of ${SECTIONS.join(', ')}, not "${v}"`);
      only.push(v as SectionName);
    } else throw new Error(`unknown argument "${a}"`);
  }
  if (json && only.some((s) => s !== 'parse')) throw new Error('--json prints the parse section only; drop --only or use --only parse');
  const runs = env.BENCH_RUNS === undefined ? (quick ? 5 : 15) : Number(env.BENCH_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, not "${env.BENCH_RUNS}"`);
  return {
    json,
    sections: json ? ['parse'] : only.length ? SECTIONS.filter((s) => only.includes(s)) : [...SECTIONS],
    runs,
    edits: quick ? 40 : 200,
    editBudgetMs: quick ? 15_000 : 55_000,
    peerRuns: quick ? 1 : 3,
  };
}
