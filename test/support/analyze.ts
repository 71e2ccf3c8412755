import assert from 'node:assert/strict';

/** Test access to the real engine: the same `Analyzer` the CLI and the server use, with grammars from node_modules. */
import { Analyzer, type FileAnalysis } from '../../server/src/engine/analyze';
import { nodeGrammarSource } from '../../server/src/host/nodeGrammars';
import { resolveSettings } from '../../server/src/engine/settings';
import type { FileResult } from '../../server/src/engine/types';
import type { WorkspaceContext } from '../../server/src/engine/context';
import { IAC_RULES } from '../../server/src/rules/iac';

let shared: Analyzer | undefined;
export function analyzer(): Analyzer {
  shared ??= new Analyzer(nodeGrammarSource());
  return shared;
}

let iacScope: readonly string[] | undefined;

/**
 * Limits the infrastructure rules this test file sees to `ids` (code rules are untouched). For suites about one
 * rule's behaviour, its fixes or the edit builders, written when it was the only infrastructure rule: the catalogue's
 * other rules fire on the same templates, and those suites are not about them. `node --test` runs each file in its
 * own process, so the scope is per file.
 */
export function onlyIacRules(...ids: string[]): void {
  iacScope = ids;
}

/** Settings that turn off the infrastructure rules outside the file's scope, merged under the test's own. */
export function scopedSettings(value?: unknown): unknown {
  if (!iacScope) return value;
  const off = Object.fromEntries(IAC_RULES.filter((r) => !iacScope!.includes(r.meta.id)).map((r) => [r.meta.id, 'off']));
  const own = (value ?? {}) as { rules?: Record<string, unknown> };
  return { ...own, rules: { ...off, ...own.rules } };
}

/** Analyses one in-memory file. `settings` is a user settings object as in `.cachelint.json`. */
export async function analyzeSource(
  path: string, text: string, opts: { settings?: unknown; context?: WorkspaceContext } = {},
): Promise<FileAnalysis | undefined> {
  const { settings } = resolveSettings([{ source: 'test', value: scopedSettings(opts.settings) }]);
  return analyzer().analyzeFile({ path, text }, settings, opts.context);
}

/** `ruleId@line:column` (1-based) for each finding, sorted: the shape rule tables compare against. */
export function summarize(result: FileResult | undefined): string[] {
  if (!result) return [];
  return result.findings
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Applies text edits (non-overlapping) to a text, last first, as an editor would. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const off = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

/**
 * Applies the fix whose title matches, from the first finding of the file; asserts the result re-parses and has no
 * finding left, and returns the fixed text.
 */
export async function applyFirstFixClean(path: string, text: string, title: RegExp): Promise<string> {
  const before = await analyzeSource(path, text);
  assert.ok(before?.findings.length, 'a finding to fix');
  const f = before!.findings[0].fixes.find((x) => title.test(x.title));
  assert.ok(f, `no fix matching ${title} among ${before!.findings[0].fixes.map((x) => x.title).join(' | ')}`);
  const after = applyEdits(text, f.edits);
  const result = await analyzeSource(path, after);
  assert.deepEqual(result?.errors, [], `fixed text does not parse:\n${after}`);
  assert.deepEqual(summarize(result), [], `finding still there:\n${after}`);
  return after;
}
