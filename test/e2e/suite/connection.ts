/**
 * A client-construction fix in the real editor: jobs/profiles.py builds its client with certificate verification
 * turned off; the quick-fix removes the override, the construction still reads right, and the finding clears.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLEAR_TIMEOUT_MS, DIAGNOSTICS_TIMEOUT_MS, applyAction, codeActions, describeAll, lineOf, open, restore, ruleIdOf, waitFor, type TestFn } from './support';

export async function connectionTests(test: TestFn): Promise<void> {
  await test('jobs/profiles.py: tls-verification-disabled on ssl_cert_reqs="none"; its quick-fix removes the override and clears it', async () => {
    const doc = await open('jobs/profiles.py');
    const line = lineOf(doc, /^cache = redis\.Redis\(/);
    const d = await waitFor('tls-verification-disabled on profiles.py',
      () => vscode.languages.getDiagnostics(doc.uri).find((x) => ruleIdOf(x) === 'tls-verification-disabled'), DIAGNOSTICS_TIMEOUT_MS)
      .catch((e) => { throw new Error(`${(e as Error).message}; have: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`); });
    const all = vscode.languages.getDiagnostics(doc.uri);
    assert.deepEqual(all.map((x) => `${ruleIdOf(x)}@${x.range.start.line + 1}`), [`tls-verification-disabled@${line + 1}`], describeAll(all));
    const column = doc.lineAt(line).text.indexOf('ssl_cert_reqs=');
    assert.equal(d.range.start.character, column, `the finding should sit on the override (column ${column + 1})`);
    try {
      const actions = await codeActions(doc.uri, d.range);
      const fix = actions.find((a) => a.title === "Remove the override (verify the server's certificate)");
      assert.ok(fix, `no fix removing the override (offered: ${actions.map((a) => JSON.stringify(a.title)).join(', ') || 'none'})`);
      await applyAction(fix);
      const after = doc.lineAt(line).text;
      assert.equal(after, 'cache = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, ssl=True)', `line ${line + 1} after the fix`);
      await waitFor('profiles.py to be clean after the fix', () => vscode.languages.getDiagnostics(doc.uri).length === 0, CLEAR_TIMEOUT_MS)
        .catch((e) => { throw new Error(`${(e as Error).message}; still: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`); });
      return `"${fix.title}" → ${after.trim()}`;
    } finally {
      await restore(doc);
    }
  });
}
