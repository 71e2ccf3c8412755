/**
 * Rules are written once over the model: no rule imports a format module or asks which format it is reading
 * (ARCHITECTURE.md "Rules never parse text and never branch on format"). A rule that needs a format's spelling asks
 * the table (`writtenName`, `inputNoun`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const RULES = path.join(__dirname, '../../server/src/rules');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Source without comments, so a comment may still say "Terraform". */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const ruleFiles = files(RULES);

test('the rules directory holds the IaC rules this test guards', () => {
  assert.ok(ruleFiles.some((f) => f.endsWith(path.join('iac', 'transit-encryption-disabled.ts'))));
});

for (const file of ruleFiles) {
  const rel = path.relative(RULES, file);
  test(`${rel}: imports nothing from formats/ and never branches on the format`, () => {
    const src = code(file);
    const imports = [...src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    assert.deepEqual(imports.filter((i) => /(^|\/)formats(\/|$)/.test(i)), [], 'imports from formats/');
    assert.doesNotMatch(src, /\.format\b/, 'reads a model\'s format');
    assert.doesNotMatch(src, /['"`](cloudformation|terraform|cfn|tf)['"`]/, 'compares against a format name');
    assert.doesNotMatch(src, LANGUAGE_OR_LIBRARY, 'branches on a language or a client library (ask capabilitiesOf)');
  });
}

/** A code rule reads capabilities (model/client-libraries.ts), not which library or language produced the model. */
const LANGUAGE_OR_LIBRARY = /\.(library|language)\b|\.method\.(endsWith|startsWith)|['"`](redis-py|valkey-py|ioredis|iovalkey|node-redis|python|javascript|typescript)['"`]/;

test('the library guard catches what it is meant to catch', () => {
  const bad = [
    "call.client.library === 'ioredis'",
    "if (model.language === 'python') return [];",
    "if (call.method.endsWith('_nonatomic')) return true;",
    "const m = { 'redis-py': 'scan_iter()' };",
  ];
  assert.deepEqual(bad.map((src) => LANGUAGE_OR_LIBRARY.test(src)), [true, true, true, true]);
  assert.equal(LANGUAGE_OR_LIBRARY.test('capabilitiesOf(call.client).scanIteration'), false);
});

test('the guard catches what it is meant to catch', () => {
  const bad = [
    "import { parseTerraform } from '../../formats/terraform/index';",
    'if (model.format === "terraform") return [];',
    "const side = ctx.format;",
    "switch (f) { case 'cloudformation': }",
  ];
  const hits = bad.map((src) => /(?:from|import)\s*\(?\s*['"][^'"]*formats\//.test(src) || /\.format\b/.test(src) || /['"`](cloudformation|terraform|cfn|tf)['"`]/.test(src));
  assert.deepEqual(hits, [true, true, true, true]);
});
