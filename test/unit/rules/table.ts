/** eslint-style rule tables: `valid` must produce none of the rule's findings, `invalid` exactly the listed ones. */
import { test } from 'node:test';
import * as fs from 'node:fs';
import assert from 'node:assert/strict';
import { analyzeSource, summarize } from '../../support/analyze';
import type { WorkspaceContext } from '../../../server/src/engine/context';

export interface Case { name: string; path: string; code: string; context?: Partial<WorkspaceContext>; settings?: unknown }
export interface Invalid extends Case { errors: string[]; severities?: string[] }

const BASE: WorkspaceContext = { clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', tls: 'unknown', evidence: [] };

async function findingsOf(ruleId: string, c: Case) {
  const r = await analyzeSource(c.path, c.code, { context: { ...BASE, ...c.context }, settings: c.settings });
  assert.ok(r, `${c.path} was not analysed`);
  assert.deepEqual(r.errors, [], 'unexpected parse errors');
  return { ...r, findings: r.findings.filter((f) => f.ruleId === ruleId) };
}

/**
 * `CACHELINT_CASES=<file>` appends one line per case (rule, path, valid/invalid) to the file, so that the case counts
 * per rule and language in a closing note come from the tables themselves.
 */
function record(ruleId: string, table: { valid: Case[]; invalid: Invalid[] }): void {
  const out = process.env.CACHELINT_CASES;
  if (!out) return;
  const lines = [...table.valid.map((c) => [ruleId, c.path, 'valid']), ...table.invalid.map((c) => [ruleId, c.path, 'invalid'])];
  fs.appendFileSync(out, lines.map((l) => l.join('\t') + '\n').join(''));
}

export function ruleTable(ruleId: string, table: { valid: Case[]; invalid: Invalid[] }) {
  record(ruleId, table);
  for (const c of table.valid) {
    test(`${ruleId} valid: ${c.name}`, async () => {
      assert.deepEqual(summarize(await findingsOf(ruleId, c)), []);
    });
  }
  for (const c of table.invalid) {
    test(`${ruleId} invalid: ${c.name}`, async () => {
      const r = await findingsOf(ruleId, c);
      assert.deepEqual(summarize(r), [...c.errors].sort());
      if (c.severities) assert.deepEqual(r.findings.map((f) => f.severity), c.severities);
    });
  }
}
