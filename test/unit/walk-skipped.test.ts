/** What file watchers report from folders no walk enters is left out of the code index (host/walk inAlwaysSkipped). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inAlwaysSkipped } from '../../server/src/host/walk';

test('a path under node_modules, .git or .terraform is skipped; a name that merely contains one is not', () => {
  assert.equal(inAlwaysSkipped('/w/node_modules/ioredis/built/index.js'), true);
  assert.equal(inAlwaysSkipped('C:\\w\\app\\node_modules\\redis\\index.js'), true);
  assert.equal(inAlwaysSkipped('/w/.git/hooks/pre-commit.py'), true);
  assert.equal(inAlwaysSkipped('/w/infra/.terraform/modules/x/main.tf'), true);
  assert.equal(inAlwaysSkipped('/w/src/node_modules_shim.ts'), false);
  assert.equal(inAlwaysSkipped('/w/src/cache.ts'), false);
});
