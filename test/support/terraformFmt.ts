/**
 * `terraform fmt -check` on a text. Locally a machine without the binary skips the check (and says so); under
 * `CI=true` a missing binary fails the test, because the check is part of what CI promises (issue 7).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

export function assertFmtClean(text: string, t: { skip(message: string): void }): void {
  if (!hasTerraform) {
    assert.notEqual(process.env.CI, 'true', 'terraform is not installed: under CI=true the fmt check must run');
    t.skip('terraform is not installed: fmt-cleanliness not checked');
    return;
  }
  const r = spawnSync('terraform', ['fmt', '-check', '-'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `terraform fmt would change:\n${text}`);
}
