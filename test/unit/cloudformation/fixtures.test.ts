/**
 * Realistic templates with a mix of compliant and non-compliant resources: the findings are listed exactly, so a
 * missed one and an extra one both fail. Every preferred fix is then applied, one after another.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource, applyEdits, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const FIXTURES = join(__dirname, '../../fixtures/cloudformation');

const EXPECTED: Record<string, string[]> = {
  // OrdersGroup (false), ReportsGroup (!Ref EnableTls, default "false"), FeatureFlags (info: unset when IsProd is
  // false), PageCache (memcached, absent), Ledger (TLSEnabled false). Not: SessionsGroup, PipelineGroup,
  // Serverless, LedgerReplica.
  'cache-stack.yaml': [
    'transit-encryption-disabled@76:33',
    'transit-encryption-disabled@85:33',
    'transit-encryption-disabled@99:33',
    'transit-encryption-disabled@102:3',
    'transit-encryption-disabled@123:19',
  ],
  // OrdersGroup ("false"), ReportsGroup ({"Ref": "EnableTls"}), FeatureFlags (info: unset when IsProd is false),
  // RedisNode (absent), Ledger (TLSEnabled false). Not: SessionsGroup, PipelineGroup, Serverless, LedgerDefault.
  'cache-stack.json': [
    'transit-encryption-disabled@49:37',
    'transit-encryption-disabled@56:37',
    'transit-encryption-disabled@74:37',
    'transit-encryption-disabled@85:5',
    'transit-encryption-disabled@106:23',
  ],
};

describe('CloudFormation fixtures', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const text = readFileSync(join(FIXTURES, name), 'utf8');

    it(`${name}: exactly the expected findings, no parse errors`, async () => {
      const result = await analyzeSource(name, text);
      assert.equal(result?.format, 'cloudformation');
      assert.deepEqual(result?.errors, []);
      assert.deepEqual(summarize(result), expected);
    });

    it(`${name}: applying every preferred fix leaves a clean template`, async () => {
      // A finding on one branch of a condition has no fix (the condition is its author's): it alone stays.
      const branchOnly = 1;
      let current = text;
      for (let i = 0; i < expected.length - branchOnly; i++) {
        const result = await analyzeSource(name, current);
        assert.deepEqual(result?.errors, []);
        assert.equal(result?.findings.length, expected.length - i);
        const fixable = result!.findings.find((f) => f.fixes.some((x) => x.isPreferred))!;
        assert.ok(fixable, `no preferred fix among ${summarize(result)}`);
        current = applyEdits(current, fixable.fixes.find((f) => f.isPreferred)!.edits);
      }
      const final = await analyzeSource(name, current);
      assert.deepEqual(final?.errors, []);
      assert.deepEqual(final?.findings.map((f) => [f.severity, f.fixes.length]), [['info', 0]]);
    });
  }
});
