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
  // OrdersGroup (false), ReportsGroup (!Ref EnableTls, default "false"), PageCache (memcached, absent),
  // Ledger (TLSEnabled false). Not: SessionsGroup, PipelineGroup, FeatureFlags, Serverless, LedgerReplica.
  'cache-stack.yaml': [
    'transit-encryption-disabled@76:33',
    'transit-encryption-disabled@85:33',
    'transit-encryption-disabled@102:3',
    'transit-encryption-disabled@123:19',
  ],
  // OrdersGroup ("false"), ReportsGroup ({"Ref": "EnableTls"}), RedisNode (absent), Ledger (TLSEnabled false).
  // Not: SessionsGroup, PipelineGroup, FeatureFlags, Serverless, LedgerDefault.
  'cache-stack.json': [
    'transit-encryption-disabled@49:37',
    'transit-encryption-disabled@56:37',
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
      let current = text;
      for (let i = 0; i < expected.length; i++) {
        const result = await analyzeSource(name, current);
        assert.deepEqual(result?.errors, []);
        assert.equal(result?.findings.length, expected.length - i);
        const preferred = result!.findings[0].fixes.find((f) => f.isPreferred);
        assert.ok(preferred, `no preferred fix for ${summarize(result)[0]}`);
        current = applyEdits(current, preferred.edits);
      }
      const final = await analyzeSource(name, current);
      assert.deepEqual(final?.errors, []);
      assert.deepEqual(summarize(final), []);
    });
  }
});
