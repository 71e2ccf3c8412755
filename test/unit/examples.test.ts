/** What `npm run demo` shows: every deliberate mistake in examples/ found, every compliant resource left alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

test('the examples workspace yields exactly the deliberate findings, each with its fixes', () => {
  const root = path.resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, ['dist/cli.js', '--format', 'json', 'examples'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.files, [
    { path: 'examples/app/cart.ts', format: 'typescript' },
    { path: 'examples/app/sessions.py', format: 'python' },
    { path: 'examples/cloudformation/leaderboard.json', format: 'cloudformation' },
    { path: 'examples/cloudformation/sessions.yaml', format: 'cloudformation' },
    { path: 'examples/terraform/main.tf', format: 'terraform' },
  ]);
  const got = out.findings.map((f: { ruleId: string; severity: string; path: string; line: number; column: number; fixes: unknown[] }) =>
    `${f.path}:${f.line}:${f.column} ${f.severity} ${f.ruleId} fixes=${f.fixes.length}`);
  assert.deepEqual(got, [
    'examples/app/cart.ts:12:15 warning missing-ttl fixes=1',
    'examples/app/cart.ts:29:16 warning keys-command fixes=1',
    // `checkout:totals` and `checkout:taxes` share only a namespace: tagging it would put every checkout in one slot.
    'examples/app/cart.ts:34:16 error cross-slot-keys fixes=0',
    'examples/app/cart.ts:39:15 warning missing-hash-tag fixes=1',
    'examples/app/sessions.py:21:14 warning missing-ttl fixes=1',
    'examples/app/sessions.py:33:21 warning keys-command fixes=1',
    'examples/app/sessions.py:38:21 error cross-slot-keys fixes=1',
    'examples/app/sessions.py:43:21 warning missing-hash-tag fixes=0',
    // MemoryDB with TLS off must use the open-access ACL: no password either, and no fix short of replacing it.
    'examples/cloudformation/leaderboard.json:10:20 warning auth-disabled fixes=0',
    'examples/cloudformation/leaderboard.json:11:23 error transit-encryption-disabled fixes=1',
    'examples/cloudformation/leaderboard.json:16:5 error transit-encryption-disabled fixes=1',
    // Serverless without a user group: a user group needs users and secrets, which a fix cannot make up.
    'examples/cloudformation/leaderboard.json:26:5 warning auth-disabled fixes=0',
    // The groups without TLS have no AUTH either (it needs TLS): the fix declares a secret input and turns both on.
    'examples/cloudformation/sessions.yaml:29:3 warning auth-disabled fixes=1',
    'examples/cloudformation/sessions.yaml:29:3 error transit-encryption-disabled fixes=2',
    // Backups only in prod: one branch of a condition, so info and no fix (the condition is the user's to change).
    'examples/cloudformation/sessions.yaml:39:47 info backups-disabled fixes=0',
    'examples/cloudformation/sessions.yaml:42:3 warning auth-disabled fixes=1',
    'examples/cloudformation/sessions.yaml:52:33 error transit-encryption-disabled fixes=3',
    'examples/terraform/main.tf:31:10 warning auth-disabled fixes=1',
    'examples/terraform/main.tf:43:32 error transit-encryption-disabled fixes=2',
    'examples/terraform/main.tf:47:10 warning auth-disabled fixes=1',
    'examples/terraform/main.tf:57:32 error transit-encryption-disabled fixes=3',
  ]);
  assert.deepEqual(out.errors, []);
});
