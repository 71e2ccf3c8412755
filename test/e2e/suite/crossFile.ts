/**
 * A finding only the workspace's other files explain: store/carts.py never imports redis; its `cache` is the
 * client store/redis_client.py builds, re-exported by store/__init__.py. Neither is open when carts.py is
 * analysed; an unsaved edit that makes `cache` a dict clears the finding, and reverting brings it back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLEAR_TIMEOUT_MS, DIAGNOSTICS_TIMEOUT_MS, describeAll, lineOf, open, restore, ruleIdOf, waitFor, type TestFn } from './support';

export async function crossFileTests(test: TestFn): Promise<void> {
  await test('store/carts.py: missing-ttl on a client imported from the package; editing the client module clears it', async () => {
    const carts = await open('store/carts.py');
    const line = lineOf(carts, /^ {4}cache\.set\(/);
    const found = await waitFor('missing-ttl on carts.py through the package import',
      () => vscode.languages.getDiagnostics(carts.uri).find((d) => ruleIdOf(d) === 'missing-ttl'), DIAGNOSTICS_TIMEOUT_MS)
      .catch((e) => { throw new Error(`${(e as Error).message}; have: ${describeAll(vscode.languages.getDiagnostics(carts.uri))}`); });
    const all = vscode.languages.getDiagnostics(carts.uri);
    assert.deepEqual(all.map((d) => `${ruleIdOf(d)}@${d.range.start.line + 1}`), [`missing-ttl@${line + 1}`], `carts.py: ${describeAll(all)}`);

    const client = await open('store/redis_client.py');
    try {
      const edit = new vscode.WorkspaceEdit();
      const at = lineOf(client, /^cache = /);
      edit.replace(client.uri, client.lineAt(at).range, 'cache = {}');
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit of redis_client.py was refused');
      await waitFor('carts.py to clear once `cache` is a dict', () => vscode.languages.getDiagnostics(carts.uri).length === 0, CLEAR_TIMEOUT_MS)
        .catch((e) => { throw new Error(`${(e as Error).message}; still: ${describeAll(vscode.languages.getDiagnostics(carts.uri))}`); });
    } finally {
      await restore(client);
    }
    await waitFor('the finding back once redis_client.py is reverted',
      () => vscode.languages.getDiagnostics(carts.uri).some((d) => ruleIdOf(d) === 'missing-ttl'), DIAGNOSTICS_TIMEOUT_MS);
    return `at ${line + 1}:${found.range.start.character + 1}`;
  });
}
