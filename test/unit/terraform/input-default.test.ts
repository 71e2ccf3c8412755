/**
 * The `setInputDefault` fix on Terraform: when transit_encryption_enabled reads a variable declared in the file,
 * the variable's `default` is changed (or added) instead — in HCL aligned as `terraform fmt` aligns it, typed by
 * the variable's `type` — and in Terraform JSON as `variable.<name>.default`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFmtClean } from '../../support/terraformFmt';
import { analyzeSource, applyEdits, summarize, applyFirstFixClean, onlyIacRules } from '../../support/analyze';
import { parseTerraform } from './parse';
import type { InputRef } from '../../../server/src/model/iac';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const TITLE = /^Change the default of variable /;


const fixDefault = (path: string, text: string) => applyFirstFixClean(path, text, TITLE);

/**
 * Builds `setInputDefault` directly for the input the first resource's transit_encryption_enabled reads: a
 * variable without a default raises no finding, so adding one is reached through the builder only.
 */
async function build(path: string, text: string, input: (declared: InputRef) => InputRef = (d) => d, value: string | number | boolean = true): Promise<string | undefined> {
  const parsed = await parseTerraform(path, text);
  const tls = parsed.model.resources[0].properties.get('transitEncryptionEnabled')!.value;
  assert.ok(tls.kind === 'input');
  const edits = parsed.buildEdits({ kind: 'setInputDefault', input: input(tls.input), value });
  if (!edits) return undefined;
  const after = applyEdits(text, edits);
  const reparsed = await parseTerraform(path, after);
  assert.deepEqual(reparsed.errors, [], after);
  const fixed = reparsed.model.resources[0].properties.get('transitEncryptionEnabled')!.value;
  assert.ok(fixed.kind === 'input' && fixed.input.defaultValue?.kind === 'literal', after);
  return after;
}

const RESOURCE = [
  'resource "aws_elasticache_replication_group" "rg" {',
  '  description                = "Feature flags"',
  '  transit_encryption_enabled = var.cache_tls',
  '}',
  '',
].join('\n');

test('HCL: offered between the preferred fix and the migration, titled with the variable', async () => {
  const text = `variable "cache_tls" {\n  type    = bool\n  default = false\n}\n\n${RESOURCE}`;
  const result = await analyzeSource('main.tf', text);
  assert.deepEqual(result?.findings[0].fixes.map((f) => f.title), [
    'Set transit_encryption_enabled to true',
    "Change the default of variable 'cache_tls' to true",
    'Set transit_encryption_enabled to true with transit_encryption_mode "preferred" (online migration of a live group)',
  ]);
});

test('HCL: replaces a bool default in place, keeping its comment', async (t) => {
  const text = `variable "cache_tls" {\n  description = "TLS for the cache"\n  type        = bool\n  default     = false # until clients have TLS\n}\n\n${RESOURCE}`;
  const out = await fixDefault('main.tf', text);
  assert.equal(out, text.replace('= false #', '= true #'));
  assertFmtClean(out, t);
});

test('HCL: a string-typed variable gets "true", an untyped one true', async (t) => {
  const typed = `variable "cache_tls" {\n  type    = string\n  default = "false"\n}\n\n${RESOURCE}`;
  const out = await fixDefault('main.tf', typed);
  assert.equal(out, typed.replace('"false"', '"true"'));
  assertFmtClean(out, t);
  const untyped = `variable "cache_tls" {\n  default = "false"\n}\n\n${RESOURCE}`;
  assert.equal(await fixDefault('main.tf', untyped), untyped.replace('"false"', 'true'));
});

test('HCL: a validation block does not stop the fix', async (t) => {
  const text = [
    'variable "cache_tls" {',
    '  type    = bool',
    '  default = false',
    '',
    '  validation {',
    '    condition     = var.cache_tls || terraform.workspace != "prod"',
    '    error_message = "TLS is required in prod."',
    '  }',
    '}',
    '',
    RESOURCE,
  ].join('\n');
  const out = await fixDefault('main.tf', text);
  assert.equal(out, text.replace('default = false', 'default = true'));
  assertFmtClean(out, t);
});

test('HCL: adds default after the aligned group and realigns it, before nested blocks', async (t) => {
  const text = [
    'variable "cache_tls" {',
    '  description = "TLS for the cache"',
    '  type        = bool',
    '',
    '  validation {',
    '    condition     = var.cache_tls',
    '    error_message = "TLS is required."',
    '  }',
    '}',
    '',
    RESOURCE,
  ].join('\n');
  const out = await build('main.tf', text);
  assert.equal(out, text.replace('  type        = bool\n', '  type        = bool\n  default     = true\n'));
  assertFmtClean(out!, t);
  const short = `variable "cache_tls" {\n  type = bool\n}\n\n${RESOURCE}`;
  const widened = await build('main.tf', short);
  assert.equal(widened, short.replace('  type = bool\n', '  type    = bool\n  default = true\n'));
  assertFmtClean(widened!, t);
});

test('HCL: one-line variable blocks are opened up', async (t) => {
  const empty = `variable "cache_tls" {}\n\n${RESOURCE}`;
  const out = await build('main.tf', empty);
  assert.equal(out, empty.replace('{}', '{\n  default = true\n}'));
  assertFmtClean(out!, t);
  const typed = `variable "cache_tls" { type = string }\n\n${RESOURCE}`;
  const opened = await build('main.tf', typed);
  assert.equal(opened, typed.replace('{ type = string }', '{\n  type    = string\n  default = "true"\n}'));
  assertFmtClean(opened!, t);
});

test('HCL: CRLF line endings are kept', async () => {
  const text = `variable "cache_tls" {\r\n  type = bool\r\n}\r\n\r\n${RESOURCE.replace(/\n/g, '\r\n')}`;
  assert.equal(await build('main.tf', text), text.replace('  type = bool\r\n', '  type    = bool\r\n  default = true\r\n'));
});

test('HCL: nothing for a variable declared elsewhere, or a type true does not convert to', async () => {
  const undeclared = await analyzeSource('main.tf', RESOURCE);
  assert.deepEqual(summarize(undeclared), [], 'no default known: the rule stays quiet');
  const declared = `variable "cache_tls" {\n  type = bool\n}\n\n${RESOURCE}`;
  assert.equal(await build('main.tf', declared, () => ({ name: 'cache_tls', secret: false })), undefined, 'no declaration range');
  assert.equal(await build('main.tf', declared, (d) => ({ ...d, name: 'other' })), undefined, 'not declared in this file');
  for (const type of ['number', 'list(bool)', 'object({ tls = bool })', '"bool"']) {
    const text = `variable "cache_tls" {\n  type = ${type}\n}\n\n${RESOURCE}`;
    assert.equal(await build('main.tf', text), undefined, type);
  }
});

test('HCL: every resource reading the variable is fixed at once', async () => {
  const text = `variable "cache_tls" {\n  type    = bool\n  default = false\n}\n\n${RESOURCE}\n${RESOURCE.replace('"rg"', '"other"')}`;
  assert.equal((await analyzeSource('main.tf', text))?.findings.length, 2);
  assert.equal(await fixDefault('main.tf', text), text.replace('default = false', 'default = true'));
});

const JSON_RESOURCE = '"resource": {"aws_elasticache_replication_group": {"rg": {"description": "x", "transit_encryption_enabled": "${var.cache_tls}"}}}';

test('Terraform JSON: replaces variable.<name>.default in place', async () => {
  const text = `{\n  "variable": {\n    "cache_tls": {\n      "type": "bool",\n      "default": false\n    }\n  },\n  ${JSON_RESOURCE}\n}\n`;
  const result = await analyzeSource('main.tf.json', text);
  assert.deepEqual(result?.findings[0].fixes.map((f) => f.title), [
    'Set transit_encryption_enabled to true',
    "Change the default of variable 'cache_tls' to true",
    'Set transit_encryption_enabled to true with transit_encryption_mode "preferred" (online migration of a live group)',
  ]);
  assert.equal(await fixDefault('main.tf.json', text), text.replace('"default": false', '"default": true'));
  const typed = `{"variable": {"cache_tls": {"type": "string", "default": "false"}}, ${JSON_RESOURCE}}`;
  assert.equal(await fixDefault('main.tf.json', typed), typed.replace('"default": "false"', '"default": "true"'));
});

test('Terraform JSON: adds default after the last member, or inside a one-line object', async () => {
  const text = `{\n  "variable": {\n    "cache_tls": {\n      "type": "bool"\n    }\n  },\n  ${JSON_RESOURCE}\n}\n`;
  assert.equal(await build('main.tf.json', text), text.replace('"type": "bool"\n', '"type": "bool",\n      "default": true\n'));
  const inline = `{"variable": {"cache_tls": {}}, ${JSON_RESOURCE}}`;
  assert.equal(await build('main.tf.json', inline), inline.replace('"cache_tls": {}', '"cache_tls": { "default": true }'));
  const listed = `{"variable": [{"cache_tls": {"type": "string"}}], ${JSON_RESOURCE}}`;
  assert.equal(await build('main.tf.json', listed), listed.replace('{"type": "string"}', '{"type": "string", "default": "true"}'));
});

test('Terraform JSON: nothing for an undeclared variable or an unconvertible type', async () => {
  const text = `{"variable": {"cache_tls": {"type": "number"}}, ${JSON_RESOURCE}}`;
  assert.equal(await build('main.tf.json', text), undefined);
  const declared = `{"variable": {"cache_tls": {}}, ${JSON_RESOURCE}}`;
  assert.equal(await build('main.tf.json', declared, (d) => ({ ...d, name: 'other' })), undefined);
});
