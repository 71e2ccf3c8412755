/**
 * Case generation: for a run seed, a format and a case number, always the same input. Cases are drawn in chunks
 * from fast-check with a seed derived from all three, so a reported case is replayed without the cases before it.
 */
import fc from 'fast-check';
import { allSeeds, FORMATS, seedsOf, type FuzzFormat } from './formats';
import { applyMutation, mutation, type Mutation } from './mutate';

export interface FuzzCase {
  format: string;
  index: number;
  text: string;
  /** How the input was made, to read next to a failure. */
  origin: string;
  /** `.cachelint.json`-shaped settings: the context the code rules see. */
  settings: Record<string, unknown>;
}

export const CHUNK = 50;

/** Contexts that change what the code rules report (cross-slot certainty, KEYS on serverless). */
const CONTEXTS: Record<string, unknown>[] = [{}, { clusterMode: 'enabled' }, { serverless: true }, { clusterMode: 'disabled', tls: true, memorydb: true }];

type Recipe = { base: 'seed' | 'generated' | 'foreign' | 'noise'; pick: number; generated: string; noise: string; mutations: Mutation[]; context: number };

function recipe(format: FuzzFormat, donors: number): fc.Arbitrary<Recipe> {
  const mutations = (min: number, max: number) => fc.array(mutation(format.syntax, donors), { minLength: min, maxLength: max });
  const common = { pick: fc.nat(), context: fc.nat(CONTEXTS.length - 1) };
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ ...common, base: fc.constant('seed' as const), generated: fc.constant<string>(''), noise: fc.constant<string>(''), mutations: mutations(1, 5) }) },
    { weight: 3, arbitrary: fc.record({ ...common, base: fc.constant('generated' as const), generated: format.generated, noise: fc.constant(''), mutations: fc.constant<Mutation[]>([]) }) },
    { weight: 3, arbitrary: fc.record({ ...common, base: fc.constant('generated' as const), generated: format.generated, noise: fc.constant(''), mutations: mutations(1, 3) }) },
    { weight: 1, arbitrary: fc.record({ ...common, base: fc.constant('foreign' as const), generated: fc.constant<string>(''), noise: fc.constant<string>(''), mutations: mutations(0, 2) }) },
    { weight: 1, arbitrary: fc.record({ ...common, base: fc.constant('noise' as const), generated: fc.constant(''), noise: fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), fc.string({ unit: 'binary-ascii', maxLength: 2000 })), mutations: fc.constant<Mutation[]>([]) }) },
  );
}

/** A 32-bit mix of the run seed, the format and the chunk (FNV-1a over their text). */
function chunkSeed(runSeed: number, format: string, chunk: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${runSeed}/${format}/${chunk}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h | 0;
}

const shortly = (m: Mutation) => JSON.stringify(m, (_k, v) => (typeof v === 'string' && v.length > 24 ? `${v.slice(0, 24)}…(${v.length})` : v));

function build(format: FuzzFormat, r: Recipe, index: number): FuzzCase {
  const own = seedsOf(format);
  const donors = allSeeds().map((s) => s.text);
  let text: string, origin: string;
  switch (r.base) {
    case 'seed': text = own[r.pick % own.length]; origin = `seed ${allSeeds().filter((s) => format.seedPattern.test(s.path))[r.pick % own.length].path}`; break;
    case 'generated': text = r.generated; origin = 'generated'; break;
    case 'foreign': text = donors[r.pick % donors.length]; origin = `foreign seed ${allSeeds()[r.pick % donors.length].path}`; break;
    case 'noise': text = r.noise; origin = 'noise'; break;
  }
  for (const m of r.mutations) text = applyMutation(text, m, format.syntax, donors);
  if (r.mutations.length) origin += ` + ${r.mutations.map(shortly).join(' + ')}`;
  return { format: format.id, index, text, origin, settings: { context: CONTEXTS[r.context] } };
}

/** Cases `chunk * CHUNK` … `chunk * CHUNK + CHUNK - 1` of a format. */
export function generateChunk(runSeed: number, formatId: string, chunk: number): FuzzCase[] {
  const format = FORMATS.find((f) => f.id === formatId)!;
  const recipes = fc.sample(recipe(format, allSeeds().length), { seed: chunkSeed(runSeed, formatId, chunk), numRuns: CHUNK });
  return recipes.map((r, i) => build(format, r, chunk * CHUNK + i));
}

export function generateCase(runSeed: number, formatId: string, index: number): FuzzCase {
  return generateChunk(runSeed, formatId, Math.floor(index / CHUNK))[index % CHUNK];
}

/** The once-per-run large input of a format: about 10 MB of realistic text. */
export const BIG_INDEX = -1;
export const BIG_BYTES = 10 * 1024 * 1024;

export function bigCase(formatId: string): FuzzCase {
  const format = FORMATS.find((f) => f.id === formatId)!;
  return { format: formatId, index: BIG_INDEX, text: format.big(BIG_BYTES), origin: `${BIG_BYTES} byte generated file`, settings: {} };
}
