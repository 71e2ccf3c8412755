/** Heredocs read as Terraform reads them: whole lines, `<<-` indentation stripped, backslashes literal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTerraform } from './parse';

async function description(heredoc: string, eol = '\n'): Promise<unknown> {
  const text = `resource "aws_elasticache_replication_group" "rg" {\n  description = ${heredoc}\n}\n`;
  const parsed = await parseTerraform('main.tf', text.replace(/\n/g, eol));
  assert.deepEqual(parsed.errors, []);
  const value = parsed.model.resources[0].properties.get('description')?.value;
  return value?.kind === 'literal' ? value.value : value?.kind;
}

test('<<EOT keeps every line as written, the first line\'s indentation included', async () => {
  assert.equal(await description('<<EOT\n  two spaces\n    four\nEOT'), '  two spaces\n    four\n');
});

test('<<-EOT strips the indentation common to its non-blank lines, not the closing marker\'s', async () => {
  assert.equal(await description('<<-EOT\n    a\n\n      b\n  EOT'), 'a\n\n  b\n');
});

test('only the template escapes are decoded: backslash sequences stay as written', async () => {
  assert.equal(await description('<<EOT\nC:\\new \\"x\\" $${literal} %%{literal}\nEOT'), 'C:\\new \\"x\\" ${literal} %{literal}\n');
});

test('an empty heredoc is the empty string; CRLF lines read as LF; an interpolation is computed', async () => {
  assert.equal(await description('<<EOT\nEOT'), '');
  assert.equal(await description('<<EOT\n  a\nEOT', '\r\n'), '  a\n');
  assert.equal(await description('<<EOT\n${var.x}\nEOT'), 'unknown');
});
