/** The engine as the benchmark drives it in-process, and the check that a generated input is what it claims. */
import { Analyzer, type FileAnalysis } from '../server/src/engine/analyze';
import { resolveSettings } from '../server/src/engine/settings';
import { nodeGrammarSource } from '../server/src/host/nodeGrammars';
import type { Expected } from './inputs/generated';
import { PLANTED_RULES } from './planted';

export const analyzer = new Analyzer(nodeGrammarSource());
/** The size limit is lifted: the largest inputs exceed the default on purpose. */
export const settings = resolveSettings([{ source: 'bench', value: { maxFileSizeKb: 1_000_000 } }]).settings;

export function countByRule(ruleIds: Iterable<string>): Expected {
  const by: Expected = {};
  for (const id of ruleIds) if (PLANTED_RULES.has(id)) by[id] = (by[id] ?? 0) + 1;
  return by;
}

/** The same counts per rule, whatever the key order. */
export function sameCounts(a: Expected, b: Expected): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

/** A broken generator would time the wrong thing: every input must analyse cleanly with the findings it declares. */
export function assertAnalysed(name: string, result: FileAnalysis | undefined, expected: Expected): void {
  if (!result) throw new Error(`${name}: the engine did not recognise the input`);
  if (result.errors.length) throw new Error(`${name}: the input did not analyse cleanly: ${JSON.stringify(result.errors)}`);
  const got = countByRule(result.findings.map((f) => f.ruleId));
  if (!sameCounts(got, expected)) throw new Error(`${name}: expected findings ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
}
