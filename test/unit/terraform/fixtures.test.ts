/** Realistic Terraform files: the exact findings, so both what must be found and what must not be are pinned. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const FIXTURES = path.join(__dirname, '../../fixtures/terraform');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

test('main.tf: the variable default false, the unset standalone cluster and MemoryDB tls_enabled = false', async () => {
  const result = await analyzeSource('main.tf', read('main.tf'));
  assert.deepEqual(result?.errors, []);
  // Not found, on purpose: sessions (local.tls = true), catalog_replica (joined to a group), queue
  // (variable without default), search (serverless), and the security group / subnet group (not caches).
  assert.deepEqual(summarize(result), [
    'transit-encryption-disabled@85:32', // catalog: var.tls_enabled defaults to false
    'transit-encryption-disabled@89:10', // rate_limits: not set
    'transit-encryption-disabled@115:17', // ledger: tls_enabled = false
  ]);
  const catalog = result!.findings[0];
  assert.match(catalog.message, /comes from 'tls_enabled', whose default is false/);
});

test('main.tf.json: the same findings as HCL, at the JSON values and names', async () => {
  const result = await analyzeSource('main.tf.json', read('main.tf.json'));
  assert.deepEqual(result?.errors, []);
  assert.equal(result?.format, 'terraform');
  assert.deepEqual(summarize(result), [
    'transit-encryption-disabled@17:39', // catalog: "${var.tls_enabled}" defaults to false
    'transit-encryption-disabled@21:9', // rate_limits: not set
    'transit-encryption-disabled@25:79', // ledger: false
  ]);
});

test('terraform.tfvars: parsed, no resources, no errors', async () => {
  const result = await analyzeSource('terraform.tfvars', read('terraform.tfvars'));
  assert.ok(result);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.findings, []);
});

test('broken.tf: syntax errors with ranges, no throw, resources still read', async () => {
  const result = await analyzeSource('broken.tf', read('broken.tf'));
  assert.ok(result);
  assert.ok(result.errors.length >= 1);
  for (const e of result.errors) {
    assert.match(e.message, /^HCL syntax error/);
    assert.ok(e.range, 'every syntax error has a range');
  }
  assert.equal(result.errors[0].range!.start.line, 2, 'the first error is on the line with the missing value');
  assert.ok(!result.errors.some((e) => /internal error/.test(e.message)));
});
