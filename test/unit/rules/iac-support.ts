/**
 * Helpers for the infrastructure rule suites: one-resource templates in the three formats, the `line:column` of a
 * marker in a text (1-based, as `summarize` prints), a file analysed inside its Terraform module, and a fix applied
 * and re-analysed.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { SourceFile } from '../../../server/src/engine/types';
import type { FileAnalysis } from '../../../server/src/engine/analyze';
import { resolveSettings } from '../../../server/src/engine/settings';
import { analyzer, analyzeSource, applyEdits, summarize } from '../../support/analyze';
import { summaries } from '../model/module-support';

/** A YAML template with one resource `Cache`; `props` are the lines under Properties; `head` goes before Resources. */
export function yaml(type: string, props: string[], head = ''): string {
  return `AWSTemplateFormatVersion: "2010-09-09"\n${head}Resources:\n  Cache:\n    Type: ${type}\n    Properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
}

/** A pretty-printed JSON template with one resource `Cache`. */
export function json(type: string, props: Record<string, unknown>, head: Record<string, unknown> = {}): string {
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', ...head, Resources: { Cache: { Type: type, Properties: props } } }, null, 2) + '\n';
}

/** A Terraform resource block `type.cache` with `lines` (already `name = value`), and more text after it. */
export function tf(type: string, lines: string[], after = ''): string {
  return `resource "${type}" "cache" {\n${lines.map((l) => `  ${l}`).join('\n')}\n}\n${after}`;
}

/** `rule@line:column` of the n-th (0-based) occurrence of `marker`, plus `shift` characters. */
export function at(rule: string, code: string, marker: string, shift = 0, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = code.indexOf(marker, i + 1);
    assert.ok(i >= 0, `marker ${JSON.stringify(marker)} #${nth} not in the code`);
  }
  i += shift;
  const before = code.slice(0, i);
  const line = before.split('\n').length;
  const column = i - (before.lastIndexOf('\n') + 1) + 1;
  return `${rule}@${line}:${column}`;
}

/** `main` analysed with the summaries of the module's other files; only `rule`'s findings. */
export async function inModule(files: Record<string, string>, main: string, rule: string): Promise<FileAnalysis> {
  const all: SourceFile[] = Object.entries(files).map(([p, text]) => ({ path: path.join('mod', p), text }));
  const file = all.find((f) => path.basename(f.path) === main)!;
  const module = await summaries(all.filter((f) => f !== file));
  const r = await analyzer().analyzeFile({ ...file, module }, resolveSettings([]).settings);
  assert.ok(r);
  assert.deepEqual(r.errors, []);
  return { ...r, findings: r.findings.filter((f) => f.ruleId === rule) };
}

/** Only `rule`'s findings of one file. */
export async function findings(file: string, code: string, rule: string): Promise<FileAnalysis> {
  const r = await analyzeSource(file, code);
  assert.ok(r, `${file} was not analysed`);
  assert.deepEqual(r.errors, []);
  return { ...r, findings: r.findings.filter((f) => f.ruleId === rule) };
}

/**
 * Applies the fix titled `title` of `rule`'s only finding; asserts the text matches `expect`, re-parses without
 * errors and has no `rule` finding left. Returns the fixed text.
 */
export async function roundTrip(file: string, code: string, rule: string, title: string, expect: RegExp): Promise<string> {
  const before = await findings(file, code, rule);
  assert.equal(before.findings.length, 1, `one ${rule} finding expected: ${summarize(before)}`);
  const titles = before.findings[0].fixes.map((f) => f.title);
  const fix = before.findings[0].fixes.find((f) => f.title === title);
  assert.ok(fix, `no fix "${title}" among ${JSON.stringify(titles)}`);
  const fixed = applyEdits(code, fix.edits);
  assert.match(fixed, expect);
  const after = await findings(file, fixed, rule);
  assert.deepEqual(summarize(after), [], `still reported after the fix:\n${fixed}`);
  return fixed;
}
