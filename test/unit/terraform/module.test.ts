/**
 * A Terraform module is a directory: an input declared in variables.tf is known in main.tf (default, sensitive,
 * type), a variable file's value wins over the default in Terraform's loading order (terraform.tfvars, then
 * *.auto.tfvars in lexical order, the later winning; other .tfvars only with -var-file, so ignored), a local in
 * another file resolves, and an input declared nowhere is unknown (its secrecy too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { SourceFile } from '../../../server/src/engine/types';
import { analyzeWorkspaceWith } from '../../../server/src/engine/analyze';
import { resolveSettings } from '../../../server/src/engine/settings';
import { effectiveValue } from '../../../server/src/model/effective';
import { analyzer, summarize, onlyIacRules, scopedSettings } from '../../support/analyze';
import { parseInModule, readDir } from '../model/module-support';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const MAIN: SourceFile = {
  path: 'm/main.tf',
  text: [
    'resource "aws_elasticache_replication_group" "rg" {',
    '  description                = "x"',
    '  transit_encryption_enabled = var.tls',
    '  auth_token                 = var.token',
    '  at_rest_encryption_enabled = local.at_rest',
    '  engine                     = var.nowhere',
    '}',
    '',
  ].join('\n'),
};
const VARS: SourceFile = { path: 'm/variables.tf', text: 'variable "tls" {\n  type    = bool\n  default = true\n}\n\nvariable "token" {\n  type      = string\n  sensitive = true\n}\n\nlocals {\n  at_rest = false\n}\n' };
const file = (p: string, text: string): SourceFile => ({ path: `m/${p}`, text });

async function tls(files: SourceFile[]) {
  const { model } = await parseInModule(files, 'main.tf');
  return effectiveValue(model.resources[0], 'transitEncryptionEnabled');
}

test('variables, sensitive and locals declared in another file are known in main.tf', async () => {
  const { model } = await parseInModule([MAIN, VARS], 'main.tf');
  const p = model.resources[0].properties;
  const token = p.get('authToken')!.value;
  assert.ok(token.kind === 'input');
  assert.deepEqual({ secret: token.input.secret, path: token.input.path, type: token.input.type, declared: token.input.declared }, { secret: true, path: 'm/variables.tf', type: 'string', declared: undefined });
  assert.deepEqual(p.get('atRestEncryptionEnabled')!.value.kind === 'literal' && p.get('atRestEncryptionEnabled')!.value, { kind: 'literal', value: false, range: { start: { line: 4, character: 31 }, end: { line: 4, character: 44 } } });
  const e = await tls([MAIN, VARS]);
  assert.deepEqual([e.value, e.origin, e.why], [true, 'input-default', "transit_encryption_enabled comes from 'tls', whose default is true"]);
});

test('an input declared nowhere is unknown: neither secret nor not secret, and no value', async () => {
  const { model } = await parseInModule([MAIN, VARS], 'main.tf');
  const v = model.resources[0].properties.get('engine')!.value;
  assert.ok(v.kind === 'input');
  assert.deepEqual({ secret: v.input.secret, declared: v.input.declared }, { secret: undefined, declared: false });
  const e = effectiveValue(model.resources[0], 'engine');
  assert.deepEqual([e.value, e.origin, e.why], [undefined, 'unknown', "engine cannot be known: input 'nowhere' is not declared in any file of the module"]);
});

test('precedence: default < terraform.tfvars < a.auto.tfvars < b.auto.tfvars; prod.tfvars (only with -var-file) is ignored', async () => {
  const base = [MAIN, VARS];
  assert.deepEqual((await tls([...base, file('terraform.tfvars', 'tls = false\n')])).why, "transit_encryption_enabled comes from 'tls', set to false in terraform.tfvars");
  const e = await tls([...base, file('terraform.tfvars', 'tls = false\n'), file('b.auto.tfvars', 'tls = false\n'), file('a.auto.tfvars', 'tls = true\n')]);
  assert.deepEqual([e.value, e.why], [false, "transit_encryption_enabled comes from 'tls', set to false in b.auto.tfvars"]);
  const later = await tls([...base, file('a.auto.tfvars', 'tls = false\n'), file('terraform.tfvars', 'tls = false\n'), file('z.auto.tfvars', 'tls = true\n')]);
  assert.deepEqual([later.value, later.origin], [true, 'input-value']);
  assert.deepEqual((await tls([...base, file('prod.tfvars', 'tls = false\n')])).origin, 'input-default');
  // A computed value in a variable file decides nothing; a string that is one interpolation is its expression's value.
  const computed = await tls([...base, file('terraform.tfvars', 'tls = "x${true}"\n')]);
  assert.deepEqual([computed.value, computed.origin], [undefined, 'unknown']);
  const wrapped = await tls([...base, file('terraform.tfvars', 'tls = "${true}"\n')]);
  assert.deepEqual([wrapped.value, wrapped.origin], [true, 'input-value']);
});

test('the engine analyses a directory as one module; findings stay on main.tf with the tfvars line related', async () => {
  const dir = path.join(__dirname, '../../fixtures/terraform/module-tfvars');
  const { settings } = resolveSettings([{ source: 'test', value: scopedSettings() }]);
  const { results } = await analyzeWorkspaceWith(readDir(dir), settings, (f, s, c) => analyzer().analyzeFile(f, s, c));
  const by = Object.fromEntries(results.map((r) => [path.basename(r.path), summarize(r)]));
  // sessions (tls=false from terraform.tfvars) and flags (default false); typo (var.tsl declared nowhere) is unknown.
  assert.deepEqual(by, {
    'main.tf': ['transit-encryption-disabled@5:32', 'transit-encryption-disabled@13:32'],
    'network.tf': [], 'terraform.tfvars': [], 'variables.tf': [],
  });
  const main = results.find((r) => r.path.endsWith('main.tf'))!;
  assert.deepEqual(main.findings.map((f) => f.related), [
    [{ path: path.join(dir, 'terraform.tfvars'), range: { start: { line: 1, character: 6 }, end: { line: 1, character: 11 } }, message: "'tls' is set to false here" }],
    [{ path: path.join(dir, 'variables.tf'), range: { start: { line: 7, character: 12 }, end: { line: 7, character: 17 } }, message: "the default of 'flags_tls'" }],
  ]);
  // Alone, main.tf knows none of its inputs: no finding on sessions or flags.
  const alone = await analyzer().analyzeFile(readDir(dir).find((f) => f.path.endsWith('main.tf'))!, settings);
  assert.deepEqual(summarize(alone), []);
});
