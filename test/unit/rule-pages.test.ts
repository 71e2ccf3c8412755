/**
 * Every rule in the registry has its page, knowledge/rules/<id>.md, and the page's front matter agrees with the
 * rule's metadata: id, title, default severity, opt-in, formats (infrastructure rules) or languages (code rules),
 * the services it applies to, and at least one AWS reference. Pages without a rule are caught too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/rules';
import { splitFrontMatter } from '../../server/src/host/knowledge';

const PAGES = path.join(__dirname, '../../knowledge/rules');
const SERVICES = new Set(['elasticache', 'elasticache-serverless', 'memorydb']);
/** The languages an extractor reads (formats/code/python, formats/code/javascript). */
const LANGUAGES = new Set(['python', 'javascript', 'typescript']);
const AWS = /^https:\/\/(docs\.)?aws\.amazon\.com\/\S+$/;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');

for (const rule of ALL_RULES) {
  const { id, title, defaultSeverity, optIn } = rule.meta;
  test(`${id}: its page's front matter agrees with the rule`, () => {
    const file = path.join(PAGES, `${id}.md`);
    assert.ok(fs.existsSync(file), `no page ${path.relative(process.cwd(), file)}`);
    const { meta, body } = splitFrontMatter(fs.readFileSync(file, 'utf8'));
    assert.ok(meta, 'no front matter (---\\nid: …\\n---) at the top of the page');
    assert.equal(meta.id, id, 'id');
    assert.equal(meta.title, title, 'title (the rule\'s meta.title)');
    assert.equal(meta.severity, defaultSeverity, 'severity (the rule\'s default)');
    assert.equal(meta['opt-in'] ?? false, optIn ?? false, 'opt-in');
    if (rule.target === 'iac') {
      assert.deepEqual(meta.formats, ['cloudformation', 'terraform'], 'formats: an infrastructure rule reads both');
      assert.equal(meta.languages, undefined, 'languages on an infrastructure rule');
    } else {
      assert.ok(isStringList(meta.languages) && meta.languages.every((l) => LANGUAGES.has(l)), `languages must list some of ${[...LANGUAGES].join(', ')}, got ${JSON.stringify(meta.languages)}`);
      assert.equal(meta.formats, undefined, 'formats on a code rule');
    }
    assert.ok(isStringList(meta.services) && meta.services.every((s) => SERVICES.has(s)), `services must list some of ${[...SERVICES].join(', ')}, got ${JSON.stringify(meta.services)}`);
    assert.ok(isStringList(meta.references) && meta.references.every((r) => AWS.test(r)), `references must be AWS documentation URLs, got ${JSON.stringify(meta.references)}`);
    assert.match(body, new RegExp(`^# ${id}\\n`), 'the page starts with "# <id>" after its front matter');
  });
}

test('every page belongs to a rule in the registry', () => {
  const ids = new Set(ALL_RULES.map((r) => r.meta.id));
  const orphans = fs.readdirSync(PAGES).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).filter((id) => !ids.has(id));
  assert.deepEqual(orphans, []);
});

test('the check catches a page that disagrees', () => {
  const { meta } = splitFrontMatter('---\nid: x\nseverity: [warning\n---\n# x\n');
  assert.equal(meta, undefined, 'front matter that is not YAML reads as none');
  const ok = splitFrontMatter('---\nid: x\nservices: [memorydb]\n---\n# x\n');
  assert.deepEqual(ok.meta, { id: 'x', services: ['memorydb'] });
  assert.equal(ok.body, '# x\n');
});
