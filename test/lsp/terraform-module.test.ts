/**
 * A Terraform module over the protocol: `transit_encryption_enabled = var.tls` in main.tf, `default = true` in
 * variables.tf, `tls = false` in terraform.tfvars (both on disk, not open). The finding appears on main.tf, naming
 * the tfvars value, with the tfvars line as related information; editing terraform.tfvars over LSP re-analyses
 * main.tf, and so does editing the default in variables.tf once the tfvars no longer sets it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, type Diag } from './client';

const MAIN = [
  'resource "aws_elasticache_replication_group" "sessions" {',
  '  description                = "Sessions"',
  '  transit_encryption_enabled = var.tls',
  '  engine                     = "valkey"',
  '  snapshot_retention_limit   = 1',
  '  user_group_ids             = ["users"]',
  '  num_cache_clusters         = 2',
  '  automatic_failover_enabled = true',
  '  multi_az_enabled           = true',
  '  subnet_group_name          = "private"',
  '}',
  '',
].join('\n');
const VARIABLES = 'variable "tls" {\n  type    = bool\n  default = true\n}\n';
const TFVARS = '# production\ntls = false\n';

let dir: string;
let client: TestClient;
const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
const codes = (ds: Diag[]) => ds.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-lsp-module-'));
  fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
  fs.writeFileSync(path.join(dir, 'variables.tf'), VARIABLES);
  fs.writeFileSync(path.join(dir, 'terraform.tfvars'), TFVARS);
  client = new TestClient();
  await client.initialize(dir);
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a variable set in terraform.tfvars (files on disk) makes the finding in main.tf, naming the tfvars value', async () => {
  await client.open(uri('main.tf'), 'terraform', MAIN, 1);
  const diags = await client.diagnosticsFor(uri('main.tf'), (d) => d.length > 0, 1);
  assert.deepEqual(codes(diags), ['transit-encryption-disabled@3:32']);
  const d = diags[0] as Diag & { relatedInformation?: { location: { uri: string; range: Diag['range'] }; message: string }[] };
  assert.match(d.message, /^Replication group 'sessions' does not encrypt traffic in transit: transit_encryption_enabled comes from 'tls', set to false in terraform\.tfvars, so /);
  // tfvars line 2 `tls = false`: the value spans columns 7-12 (1-based), i.e. characters 6-11.
  assert.deepEqual(d.relatedInformation, [{
    location: { uri: uri('terraform.tfvars'), range: { start: { line: 1, character: 6 }, end: { line: 1, character: 11 } } },
    message: "'tls' is set to false here",
  }]);
  // The default lives in variables.tf, not here: no fix edits this file's (absent) declaration.
  assert.deepEqual(d.data!.fixes.map((f) => f.title), [
    'Set transit_encryption_enabled to true',
    'Set transit_encryption_enabled to true with transit_encryption_mode "preferred" (online migration of a live group)',
  ]);
});

test('editing terraform.tfvars over LSP updates main.tf; then the default in variables.tf decides', async () => {
  await client.open(uri('terraform.tfvars'), 'terraform', TFVARS, 1);
  await client.diagnosticsFor(uri('terraform.tfvars'), () => true, 1);
  await client.change(uri('terraform.tfvars'), 2, '# production\ntls = true\n');
  await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 0);

  // With the value gone from the tfvars, variables.tf's default (open, edited to false) is what applies.
  await client.change(uri('terraform.tfvars'), 3, '# production\n');
  await client.open(uri('variables.tf'), 'terraform', VARIABLES, 1);
  await client.diagnosticsFor(uri('variables.tf'), () => true, 1);
  await client.change(uri('variables.tf'), 2, VARIABLES.replace('default = true', 'default = false'));
  const diags = await client.diagnosticsFor(uri('main.tf'), (d) => d.length === 1);
  assert.deepEqual(codes(diags), ['transit-encryption-disabled@3:32']);
  assert.match(diags[0].message, /comes from 'tls', whose default is false/);
});
