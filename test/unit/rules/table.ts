/** eslint-style rule tables: `valid` must produce none of the rule's findings, `invalid` exactly the listed ones. */
import { test } from 'node:test';
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

export function ruleTable(ruleId: string, table: { valid: Case[]; invalid: Invalid[] }) {
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
