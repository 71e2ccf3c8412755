/**
 * What the CLI analyses of the paths it is given: a named path is analysed even when ignored, and a run that
 * analyses nothing says so and fails (the real case: `cachelint .scratch/real/` in a repository whose .gitignore
 * lists `.scratch/` analysed 0 files and exited 0).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
let repo: string;

function run(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const json = (args: string[], cwd = repo) => {
  const r = run(['--format', 'json', ...args], cwd);
  return { ...r, json: JSON.parse(r.out) as { files: { path: string }[]; findings: { ruleId: string; path: string; line: number; column: number }[]; errors: unknown[]; notices: unknown[] } };
};
const at = (out: ReturnType<typeof json>['json']) => out.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}:${f.column}`);

// Transit encryption off on line 3, everything else in order: one finding, transit-encryption-disabled at 3:32.
const TF = 'resource "aws_elasticache_replication_group" "r" {\n  description = "r"\n  transit_encryption_enabled = false\n  engine = "valkey"\n  snapshot_retention_limit = 1\n  user_group_ids = ["users"]\n  num_cache_clusters = 2\n  automatic_failover_enabled = true\n  multi_az_enabled = true\n  subnet_group_name = "private"\n}\n';
const K8S = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

before(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-cli-inputs-'));
  const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true }); fs.writeFileSync(path.join(repo, rel), text); };
  fs.mkdirSync(path.join(repo, '.git', 'info'), { recursive: true });
  write('.git/info/exclude', 'local/\n');
  write('.gitignore', '.scratch/\ndist/\n*.gen.tf\nbuild/**\n');
  write('build/cfn/main.tf', TF);
  write('build/cfn/x.gen.tf', TF);
  write('.scratch/real/main.tf', TF);
  write('.scratch/real/dist/main.tf', TF); // dist/ still applies below the named folder
  write('.scratch/real/out.gen.tf', TF);
  write('.scratch/real/nested/.gitignore', 'skip.tf\n');
  write('.scratch/real/nested/skip.tf', TF);
  write('.scratch/real/nested/keep.tf', TF);
  write('.scratch/other.tf', TF); // beside the named folder, not below it
  write('local/main.tf', TF);
  write('vendor/main.tf', TF);
  write('vendor/copy.gen2.tf', TF);
  write('.cachelint.json', JSON.stringify({ ignore: ['vendor/**', '**/*.gen2.tf'] }));
  write('infra/main.tf', TF);
  write('k8s/configmap.yaml', K8S);
  write('ignored-only/.gitignore', '*.tf\n');
  write('ignored-only/a.tf', TF);
  fs.mkdirSync(path.join(repo, 'empty'));
});
after(() => fs.rmSync(repo, { recursive: true, force: true }));

test('a git-ignored folder named on the command line is analysed; rules that do not exclude it still apply below it', () => {
  const r = json(['.scratch/real/']);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(r.json.files.map((f) => f.path), ['.scratch/real/main.tf', '.scratch/real/nested/keep.tf']);
  assert.deepEqual(at(r.json), [
    'transit-encryption-disabled@.scratch/real/main.tf:3:32',
    'transit-encryption-disabled@.scratch/real/nested/keep.tf:3:32',
  ]);
  assert.deepEqual(r.json.errors, []);
  assert.deepEqual(r.json.notices, []);
  assert.deepEqual(json(['.scratch']).json.files.map((f) => f.path), ['.scratch/other.tf', '.scratch/real/main.tf', '.scratch/real/nested/keep.tf'],
    'naming the ignored parent works the same way');
  assert.deepEqual(at(json(['build/cfn']).json), ['transit-encryption-disabled@build/cfn/main.tf:3:32'],
    'build/** excludes the named folder itself, so it is set aside below it; *.gen.tf still applies');
});

test('walking the repository still leaves ignored folders out; a named ignored file is read', () => {
  const r = json(['--fail-on', 'none', '.']);
  assert.deepEqual(r.json.files.map((f) => f.path), ['infra/main.tf'], '.scratch/ (gitignore), local/ (info/exclude), vendor/** (globs) stay out');
  assert.deepEqual(json(['.scratch/real/out.gen.tf']).json.files.map((f) => f.path), ['.scratch/real/out.gen.tf']);
});

test('.git/info/exclude and the config ignore globs give way to a named folder the same way', () => {
  assert.deepEqual(at(json(['local']).json), ['transit-encryption-disabled@local/main.tf:3:32']);
  const vendor = json(['vendor']);
  assert.deepEqual(vendor.json.files.map((f) => f.path), ['vendor/main.tf'], 'vendor/** is set aside; **/*.gen2.tf still picks copy.gen2.tf out');
  assert.deepEqual(at(vendor.json), ['transit-encryption-disabled@vendor/main.tf:3:32']);
});

test('a run that analyses nothing says so and exits 2, in every format; --allow-errors reports it without failing', () => {
  const text = run(['ignored-only']);
  assert.equal(text.code, 2);
  assert.match(text.out, /^ignored-only  problem  nothing to analyse below this folder: no CloudFormation template, Terraform file or application source; 1 entry below it ignored by \.gitignore or the "ignore" globs$/m);
  assert.match(text.err, /^cachelint: nothing was analysed; exit 2\./m);

  const r = json(['k8s', 'empty']);
  assert.equal(r.code, 2);
  assert.deepEqual(r.json.errors, [
    { path: 'k8s', message: 'nothing to analyse below this folder: 1 file read, none a CloudFormation template, Terraform file or application source' },
    { path: 'empty', message: 'nothing to analyse below this folder: no CloudFormation template, Terraform file or application source' },
  ]);
  assert.match(r.err, /^cachelint: k8s: nothing to analyse below this folder/m);

  const single = json(['k8s/configmap.yaml']);
  assert.equal(single.code, 2, 'a lone irrelevant file is a run with nothing analysed');
  assert.deepEqual(single.json.errors, [{ path: 'k8s/configmap.yaml', message: 'nothing to analyse: not a CloudFormation template, Terraform file or application source' }]);

  const sarif = run(['--format', 'sarif', 'empty']);
  assert.equal(sarif.code, 2);
  assert.equal(JSON.parse(sarif.out).runs[0].invocations[0].executionSuccessful, false);

  const allowed = json(['--allow-errors', 'empty']);
  assert.equal(allowed.code, 0, allowed.err);
  assert.equal(allowed.json.errors.length, 1);
});

test('beside a path that was analysed, an empty folder is a notice and an irrelevant file stays silent', () => {
  const r = json(['--fail-on', 'none', 'infra', 'empty', 'k8s/configmap.yaml']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(at(r.json), ['transit-encryption-disabled@infra/main.tf:3:32']);
  assert.deepEqual(r.json.errors, []);
  assert.deepEqual(r.json.notices, [{ path: 'empty', message: 'nothing to analyse below this folder: no CloudFormation template, Terraform file or application source' }]);
  const overlapping = json(['--fail-on', 'none', 'infra', 'infra/main.tf']);
  assert.deepEqual(overlapping.json.notices, [], 'a file reached through an earlier path is not nothing');
});
