/** The CLI contract from ARCHITECTURE.md, against the built dist/cli.js. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
let ws: string;

function run(args: string[], cwd = ws) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: c
      SnapshotRetentionLimit: 1
      UserGroupIds: [users]
      NumCacheClusters: 2
      AutomaticFailoverEnabled: true
      MultiAZEnabled: true
      CacheSubnetGroupName: private
`;

before(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-'));
  const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true }); fs.writeFileSync(path.join(ws, rel), text); };
  write('infra/template.yaml', TEMPLATE);
  write('infra/k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  write('infra/package.json', '{"name": "x"}');
  write('generated/template.yaml', TEMPLATE);
  write('vendor/template.yaml', TEMPLATE);
  write('.gitignore', 'generated/\n');
  write('tf/main.tf', 'resource "aws_elasticache_replication_group" "r" {\n  description = "r"\n  transit_encryption_enabled = false\n  engine = "valkey"\n  snapshot_retention_limit = 1\n  user_group_ids = ["users"]\n  num_cache_clusters = 2\n  automatic_failover_enabled = true\n  multi_az_enabled = true\n  subnet_group_name = "private"\n}\n');
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

test('json output follows the contract; .gitignore and non-templates are skipped', () => {
  const r = run(['--format', 'json', '.']);
  assert.equal(r.code, 1, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual(Object.keys(out), ['tool', 'version', 'files', 'findings', 'errors', 'notices']);
  assert.equal(out.tool, 'cachelint');
  assert.match(out.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(out.files, [
    { path: 'infra/template.yaml', format: 'cloudformation' },
    { path: 'tf/main.tf', format: 'terraform' },
    { path: 'vendor/template.yaml', format: 'cloudformation' },
  ]);
  assert.deepEqual(out.findings.map((f: { ruleId: string; path: string; line: number; column: number }) => `${f.ruleId}@${f.path}:${f.line}:${f.column}`), [
    'transit-encryption-disabled@infra/template.yaml:3:3',
    'transit-encryption-disabled@tf/main.tf:3:32',
    'transit-encryption-disabled@vendor/template.yaml:3:3',
  ]);
  const f = out.findings[1];
  assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'path', 'line', 'column', 'endLine', 'endColumn', 'message', 'docs', 'fixes']);
  assert.deepEqual([f.severity, f.endLine, f.endColumn], ['error', 3, 37]);
  assert.deepEqual(f.fixes.map((x: { title: string }) => x.title)[0], 'Set transit_encryption_enabled to true');
  assert.deepEqual(out.errors, []);
});

test('paths print as given on the command line joined with the relative path', () => {
  const out = JSON.parse(run(['--format', 'json', '--fail-on', 'none', path.join(ws, 'tf') + '/', 'infra/template.yaml']).out);
  assert.deepEqual(out.files.map((f: { path: string }) => f.path), [path.join(ws, 'tf', 'main.tf'), 'infra/template.yaml']);
});

test('config: ignore globs, rule severities, and --rule on top', () => {
  fs.writeFileSync(path.join(ws, '.cachelint.json'), JSON.stringify({ ignore: ['vendor/**'], rules: { 'transit-encryption-disabled': 'warning' } }));
  try {
    const r = run(['--format', 'json', '.']);
    assert.equal(r.code, 0, 'warnings are below the default --fail-on error');
    const out = JSON.parse(r.out);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['infra/template.yaml', 'tf/main.tf']);
    assert.deepEqual(out.findings.map((f: { severity: string }) => f.severity), ['warning', 'warning']);
    assert.equal(run(['--fail-on', 'warning', '.']).code, 1);
    assert.equal(run(['--rule', 'transit-encryption-disabled=off', '--fail-on', 'hint', '.']).code, 0);
  } finally {
    fs.rmSync(path.join(ws, '.cachelint.json'));
  }
});

test('exit 2 on usage and configuration errors, with a message', () => {
  const cases: [string[], RegExp][] = [
    [[], /no PATH given/],
    [['--format', 'xml', '.'], /--format must be text, json or sarif/],
    [['--fail-on', 'sometimes', '.'], /--fail-on must be/],
    [['--rule', 'no-such-rule=off', '.'], /unknown rule "no-such-rule"/],
    [['--rule', 'missing-ttl', '.'], /--rule takes ID=SEVERITY/],
    [['--bogus', '.'], /unknown option --bogus/],
    [['--config', 'nope.json', '.'], /config file nope.json does not exist/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
    assert.match(r.err, message);
  }
  fs.writeFileSync(path.join(ws, 'bad.json'), '{ "rules": ');
  fs.writeFileSync(path.join(ws, 'bad-values.json'), '{ "rules": { "missing-ttl": "loud" } }');
  try {
    assert.match(run(['--config', 'bad.json', '.']).err, /bad\.json is not valid JSON/);
    const r = run(['--config', 'bad-values.json', '.']);
    assert.equal(r.code, 2);
    assert.match(r.err, /rule "missing-ttl" has severity "loud"/);
  } finally {
    fs.rmSync(path.join(ws, 'bad.json'));
    fs.rmSync(path.join(ws, 'bad-values.json'));
  }
});

test('text output lists findings with fix titles and a summary; sarif is 2.1.0 with rules and fixes', () => {
  const text = run(['tf']);
  assert.match(text.out, /^tf\/main\.tf:3:32  error  Replication group 'r' does not encrypt traffic in transit.*\[transit-encryption-disabled\]\n    fix: Set transit_encryption_enabled to true\n/m);
  assert.match(text.out, /\n1 file analysed, 1 finding \(1 error, 0 warning, 0 info, 0 hint\)\n$/);
  const shown = run(['--show-fixes', 'tf']);
  assert.match(shown.out, /    fix: Set transit_encryption_enabled to true\n        @@ -1,5 \+1,5 @@\n          resource "aws_elasticache_replication_group" "r" \{\n            description = "r"\n        -   transit_encryption_enabled = false\n        \+   transit_encryption_enabled = true\n            engine = "valkey"\n            snapshot_retention_limit = 1\n    /);
  assert.equal(fs.readFileSync(path.join(ws, 'tf/main.tf'), 'utf8').includes('= false'), true, '--show-fixes writes nothing');
  const sarif = JSON.parse(run(['--format', 'sarif', 'tf']).out);
  assert.equal(sarif.version, '2.1.0');
  const driver = sarif.runs[0].tool.driver;
  assert.ok(driver.rules.some((r: { id: string; helpUri: string }) => r.id === 'transit-encryption-disabled' && r.helpUri.endsWith('transit-encryption-disabled.md')));
  // An opt-in rule is listed as off by default, SARIF's way; the others carry only their level.
  const config = (id: string) => driver.rules.find((r: { id: string }) => r.id === id).defaultConfiguration;
  assert.deepEqual(config('kms-customer-key-missing'), { level: 'note', enabled: false });
  assert.deepEqual(config('public-ingress'), { level: 'error' });
  const [result] = sarif.runs[0].results;
  assert.equal(result.ruleId, 'transit-encryption-disabled');
  assert.equal(result.level, 'error');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 3, startColumn: 32, endLine: 3, endColumn: 37 });
  assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'true');
});

test('--show-fixes prints a fix that edits two places as two hunks, not the lines between them', () => {
  // Trimmed from a real template: the auth fix adds a NoEcho parameter at the top and AuthToken in the resource.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-hunks-'));
  try {
    fs.writeFileSync(path.join(dir, 't.yaml'), `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  NodeType:
    Type: String
    Default: cache.r7g.large
Resources:
  Subnets:
    Type: AWS::ElastiCache::SubnetGroup
    Properties:
      Description: private subnets for the cache
      SubnetIds:
        - subnet-0a
        - subnet-0b
        - subnet-0c
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      Engine: valkey
      CacheNodeType: !Ref NodeType
      SnapshotRetentionLimit: 1
      NumCacheClusters: 2
      AutomaticFailoverEnabled: true
      MultiAZEnabled: true
      CacheSubnetGroupName: !Ref Subnets
      TransitEncryptionEnabled: true
`);
    const r = run(['--show-fixes', 't.yaml'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^t\.yaml:15:3  warning  .*\[auth-disabled\]$/m);
    const preview = r.out.split('\n').filter((l) => l.startsWith('        ')).map((l) => l.slice(8));
    assert.deepEqual(preview.filter((l) => l.startsWith('@@')), ['@@ -4,4 +4,8 @@', '@@ -25,3 +29,4 @@']);
    assert.ok(preview.includes('+   CacheAuthToken:') && preview.includes('+       AuthToken: !Ref CacheAuthToken'), r.out);
    assert.ok(!preview.some((l) => /subnet-0b|Engine: valkey|MultiAZEnabled/.test(l)), 'the lines between the two edits are not reprinted');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('oversized inputs are reported with the rest and make the run exit 2, unless --allow-errors', () => {
  fs.writeFileSync(path.join(ws, 'big.tf'), '# pad\n'.repeat(300_000));
  try {
    const r = run(['--format', 'json', '--fail-on', 'none', 'big.tf', 'tf']);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.out);
    assert.deepEqual(out.errors, [{ path: 'big.tf', message: 'skipped: 1758 KB is over the 1024 KB limit (setting maxFileSizeKb)' }]);
    assert.equal(out.findings.length, 1, 'the other path was still analysed');
    assert.match(r.err, /1 path could not be analysed/);
    assert.equal(run(['--format', 'json', '--fail-on', 'none', '--allow-errors', 'big.tf', 'tf']).code, 0);
  } finally {
    fs.rmSync(path.join(ws, 'big.tf'));
  }
});

test('a vendored bundle over the size limit is a notice: its head says it is generated', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-bundle-'));
  try {
    const body = Array.from({ length: 30_000 }, (_, i) => `var m${i} = __commonJS({ "m${i}"(exports) { exports.v = ${i}; } });`).join('\n');
    fs.writeFileSync(path.join(dir, 'vendor.js'), `var __commonJS = (cb, mod) => function __require() { return mod; };\n${body}\n`);
    fs.writeFileSync(path.join(dir, 'app.js'), '// hand-written\n' + 'const x = 1;\n'.repeat(100_000));
    const r = run(['--format', 'json', '.'], dir);
    assert.equal(r.code, 2, 'the hand-written file over the limit is still unread input');
    const out = JSON.parse(r.out);
    assert.deepEqual(out.errors, [{ path: 'app.js', message: 'skipped: 1270 KB is over the 1024 KB limit (setting maxFileSizeKb)' }]);
    assert.deepEqual(out.notices, [{ path: 'vendor.js', message: `skipped: generated: esbuild output (${Math.round(fs.statSync(path.join(dir, 'vendor.js')).size / 1024)} KB)` }]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('input that was never analysed cannot pass: YAML errors, missing paths, links to nothing; in every format', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-unread-'));
  try {
    // Tab indentation is a YAML error: the disabled encryption below it is never seen.
    fs.writeFileSync(path.join(dir, 'tabs.yaml'), "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  C:\n\tType: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      TransitEncryptionEnabled: false\n");
    fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'dangling.yaml'));
    fs.writeFileSync(path.join(dir, 'ok.tf'), 'resource "aws_elasticache_replication_group" "r" {\n  description = "r"\n  transit_encryption_enabled = true\n  engine = "valkey"\n  snapshot_retention_limit = 1\n  user_group_ids = ["users"]\n  num_cache_clusters = 2\n  automatic_failover_enabled = true\n  multi_az_enabled = true\n  subnet_group_name = "private"\n}\n');
    const json = run(['--format', 'json', '.', 'typo.tf'], dir);
    assert.equal(json.code, 2, json.err);
    assert.match(json.err, /3 paths could not be analysed/);
    const out = JSON.parse(json.out);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['ok.tf', 'tabs.yaml'], 'the good file was analysed with the rest');
    assert.deepEqual(out.errors, [
      { path: 'typo.tf', message: 'no such file or directory' },
      { path: 'dangling.yaml', message: 'a symbolic link to nothing: it was not analysed' },
      { path: 'tabs.yaml', message: '4:1: YAML syntax error: Tabs are not allowed as indentation at line 4, column 1' },
      { path: 'tabs.yaml', message: '4:8: YAML syntax error: Nested mappings are not allowed in compact mappings at line 4, column 8' },
      { path: 'tabs.yaml', message: '4:8: YAML syntax error: Implicit keys need to be on a single line at line 4, column 8' },
    ]);
    const text = run(['.', 'typo.tf'], dir);
    assert.equal(text.code, 2);
    assert.match(text.out, /^typo\.tf  problem  no such file or directory$/m);
    assert.match(text.out, /^tabs\.yaml:4:1  problem  YAML syntax error: Tabs are not allowed/m);
    assert.match(text.out, /\n2 files analysed, 0 findings \(0 error, 0 warning, 0 info, 0 hint\); 3 files could not be analysed\n$/);
    const sarif = run(['--format', 'sarif', '.', 'typo.tf'], dir);
    assert.equal(sarif.code, 2);
    const invocation = JSON.parse(sarif.out).runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications.map((n: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }) =>
      `${n.level} ${n.locations[0].physicalLocation.artifactLocation.uri}${n.locations[0].physicalLocation.region ? ':' + n.locations[0].physicalLocation.region.startLine : ''}`),
    ['error typo.tf', 'error dangling.yaml', 'error tabs.yaml:4', 'error tabs.yaml:4', 'error tabs.yaml:4']);
    // --allow-errors: still reported, the exit code is the findings' alone.
    const allowed = run(['--format', 'json', '--allow-errors', '.', 'typo.tf'], dir);
    assert.equal(allowed.code, 0, allowed.err);
    assert.equal(JSON.parse(allowed.out).errors.length, 5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('binary and minified files are notices, not errors: encrypted files and bundles do not fail the run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-notice-'));
  try {
    fs.writeFileSync(path.join(dir, 'secrets.yaml'), Buffer.from([0x00, 0x47, 0x49, 0x54, 0x43, 0x52, 0x59, 0x50, 0x54, 0x00, 0xff]));
    fs.writeFileSync(path.join(dir, 'vendor.min.js'), 'import Redis from"ioredis";new Redis().keys("*");\n');
    const r = run(['--format', 'json', '.'], dir);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.deepEqual(out.errors, []);
    assert.deepEqual(out.findings, []);
    assert.deepEqual(out.notices, [
      { path: 'secrets.yaml', message: 'skipped: the file looks binary (it contains NUL bytes)' },
      { path: 'vendor.min.js', message: 'skipped: minified: the file name says so (vendor.min.js)' },
    ]);
    const sarif = JSON.parse(run(['--format', 'sarif', '.'], dir).out).runs[0].invocations[0];
    assert.equal(sarif.executionSuccessful, true);
    assert.deepEqual(sarif.toolExecutionNotifications.map((n: { level: string }) => n.level), ['note', 'note']);
    assert.match(run(['.'], dir).out, /^vendor\.min\.js  notice  skipped: minified/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the nearest .cachelint.json applies per file; .gitignore above the path applies; files are listed once', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-repo-'));
  try {
    const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true }); fs.writeFileSync(path.join(repo, rel), text); };
    fs.mkdirSync(path.join(repo, '.git'));
    write('.gitignore', 'svc/gen/\n');
    write('svc/.cachelint.json', JSON.stringify({ rules: { 'transit-encryption-disabled': 'off' } }));
    write('svc/src/t.yaml', TEMPLATE);
    write('svc/gen/t.yaml', TEMPLATE);
    write('other/t.yaml', TEMPLATE);
    const findings = (args: string[], cwd = repo) => JSON.parse(run(['--format', 'json', '--fail-on', 'none', ...args], cwd).out).findings.map((f: { path: string }) => f.path);
    assert.deepEqual(findings(['.']), ['other/t.yaml'], 'svc/ has its own config turning the rule off');
    assert.deepEqual(findings(['other/t.yaml', 'svc/src/t.yaml']), ['other/t.yaml'], 'the same answer whatever the first path is');
    assert.deepEqual(findings(['svc']), [], 'svc/gen is ignored by the root .gitignore even when walking svc');
    assert.deepEqual(findings(['.', 'other', 'other/t.yaml']), ['other/t.yaml'], 'overlapping paths list a file once');
    const out = JSON.parse(run(['--format', 'json', '--fail-on', 'none', '.'], path.join(repo, 'svc')).out);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['src/t.yaml'], 'run from inside svc/: gen/ still ignored');
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});

test('SARIF URIs are encoded', () => {
  fs.mkdirSync(path.join(ws, 'my dir'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'my dir', 'a#1.tf'), 'resource "aws_elasticache_replication_group" "r" {\n  description = "r"\n}\n');
  try {
    const sarif = JSON.parse(run(['--format', 'sarif', 'my dir']).out);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20dir/a%231.tf');
  } finally {
    fs.rmSync(path.join(ws, 'my dir'), { recursive: true, force: true });
  }
});

test('a project that lives under a folder named tests is not a test file', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-tests-'));
  try {
    const proj = path.join(root, 'tests', 'proj');
    fs.mkdirSync(proj, { recursive: true });
    fs.writeFileSync(path.join(proj, 'app.py'), 'import redis\nr = redis.Redis()\nr.keys("*")\n');
    fs.mkdirSync(path.join(proj, 'tests'));
    fs.writeFileSync(path.join(proj, 'tests', 'test_app.py'), 'import redis\nr = redis.Redis()\nr.keys("*")\n');
    const rules = (cwd: string, arg: string) => JSON.parse(run(['--format', 'json', '--fail-on', 'none', arg], cwd).out).findings.map((f: { ruleId: string; path: string }) => `${f.ruleId}@${path.basename(f.path)}`);
    assert.deepEqual(rules(proj, '.'), ['keys-command@app.py'], 'inside the project: its own tests/ folder is skipped');
    assert.deepEqual(rules(os.tmpdir(), proj), ['keys-command@app.py'], 'from outside, no repository: the path below the argument decides');
    fs.mkdirSync(path.join(proj, '.git'));
    assert.deepEqual(rules(os.tmpdir(), path.join(proj, 'tests')), [], 'in a repository: the path below its root decides, whatever the argument');
    assert.deepEqual(rules(os.tmpdir(), path.join(proj, 'app.py')), ['keys-command@app.py']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a BOM in .cachelint.json, a nested !negation in .gitignore, and symlinks to files', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-edge-'));
  try {
    const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true }); fs.writeFileSync(path.join(repo, rel), text); };
    fs.mkdirSync(path.join(repo, '.git'));
    write('.cachelint.json', '\uFEFF{ "rules": { "transit-encryption-disabled": "warning" } }');
    write('.gitignore', '*.yaml\n');
    write('sub/.gitignore', '!keep.yaml\n');
    write('sub/keep.yaml', TEMPLATE);
    write('sub/drop.yaml', TEMPLATE);
    fs.symlinkSync(path.join(repo, 'sub', 'keep.yaml'), path.join(repo, 'link.json'));
    const r = run(['--format', 'json', '.'], repo);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['link.json'], 'the symlink is listed once, as the first path reaching the file; keep.yaml is the same file');
    assert.deepEqual(out.findings.map((f: { severity: string }) => f.severity), ['warning'], 'the BOM-prefixed config applied');
    const direct = JSON.parse(run(['--format', 'json', 'sub'], repo).out);
    assert.deepEqual(direct.files.map((f: { path: string }) => f.path), ['sub/keep.yaml'], 'a nested !pattern re-includes what the root ignores');
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
