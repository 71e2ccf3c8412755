/**
 * A finding that only the Terraform module as a whole explains: `transit_encryption_enabled = var.tls` in main.tf,
 * `default = true` in variables.tf, `tls = false` in terraform.tfvars. Neither sibling is open when main.tf is
 * analysed; editing the tfvars in the editor (unsaved) re-analyses main.tf.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLEAR_TIMEOUT_MS, DIAGNOSTICS_TIMEOUT_MS, describeAll, lineOf, open, restore, ruleIdOf, waitFor, type TestFn } from './support';

export async function moduleTests(test: TestFn): Promise<void> {
  await test('tfmodule/main.tf: transit-encryption-disabled from terraform.tfvars overriding the variables.tf default; editing the tfvars clears it', async () => {
    const main = await open('tfmodule/main.tf');
    const line = lineOf(main, /^ {2}transit_encryption_enabled = var\.tls$/);
    const found = await waitFor('transit-encryption-disabled on main.tf from the module view',
      () => vscode.languages.getDiagnostics(main.uri).find((d) => ruleIdOf(d) === 'transit-encryption-disabled'), DIAGNOSTICS_TIMEOUT_MS)
      .catch((e) => { throw new Error(`${(e as Error).message}; have: ${describeAll(vscode.languages.getDiagnostics(main.uri))}`); });
    const all = vscode.languages.getDiagnostics(main.uri);
    assert.deepEqual(all.map((d) => `${ruleIdOf(d)}@${d.range.start.line + 1}`), [`transit-encryption-disabled@${line + 1}`], `main.tf: ${describeAll(all)}`);
    assert.equal(found.range.start.character, main.lineAt(line).text.indexOf('var.tls'), 'the finding sits on var.tls');
    assert.match(found.message, /terraform\.tfvars/, `the message names the file whose value applies: ${found.message}`);
    const related = (found.relatedInformation ?? []).map((r) => `${r.location.uri.path.split('/').pop()}:${r.location.range.start.line + 1}`);
    assert.ok(related.includes('terraform.tfvars:2'), `related information points at the tfvars line (have: ${related.join(', ') || 'none'})`);

    const tfvars = await open('tfmodule/terraform.tfvars');
    try {
      const edit = new vscode.WorkspaceEdit();
      const at = lineOf(tfvars, /^tls = false$/);
      edit.replace(tfvars.uri, tfvars.lineAt(at).range, 'tls = true');
      assert.ok(await vscode.workspace.applyEdit(edit), 'the tfvars edit was refused');
      await waitFor('main.tf to clear after the unsaved tfvars edit', () => vscode.languages.getDiagnostics(main.uri).length === 0, CLEAR_TIMEOUT_MS)
        .catch((e) => { throw new Error(`${(e as Error).message}; still: ${describeAll(vscode.languages.getDiagnostics(main.uri))}`); });
    } finally {
      await restore(tfvars);
    }
    await waitFor('the finding back once the tfvars is reverted',
      () => vscode.languages.getDiagnostics(main.uri).some((d) => ruleIdOf(d) === 'transit-encryption-disabled'), DIAGNOSTICS_TIMEOUT_MS);
    return `at ${line + 1}:${found.range.start.character + 1}, related ${related.join(', ')}`;
  });
}
