/**
 * Code lenses and rule documentation in the real editor. In the extension host: the lens text on each cache of
 * template.yaml (through VS Code's own code lens provider API), Show Rule Documentation opening its webview, and
 * every diagnostic's documentation link pointing at that command. Then two phases the runner drives with the mouse
 * (test/e2e/codelens.mjs): `codelens` (the lens is drawn over SessionCache: screenshot docs/code-lens.png, click it,
 * the sizing wizard opens on that cache) and `ruledocs` (a link to another rule page, clicked inside the webview,
 * opens that page).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIAGNOSTICS_TIMEOUT_MS, open, waitFor, withTimeout, type TestFn } from './support';
import { closeEverything, handOver } from './sizing';

const TEMPLATE = 'template.yaml';
const LENS_TARGET = 'SessionCache';
/** A page that links to another rule's page (knowledge/rules/kms-customer-key-missing.md → at-rest-encryption-disabled.md). */
const LINKING_PAGE = { id: 'kms-customer-key-missing', link: 'at-rest-encryption-disabled' };

interface RuleDocsOutcome { ruleId: string; title: string; viewType: string; links: string[] }

async function cacheLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return waitFor(`cachelint code lenses on ${TEMPLATE}`, async () => {
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const ours = (all ?? []).filter((l) => l.command?.command === 'cachelint.sizingWizard');
    return ours.length ? ours : undefined;
  }, DIAGNOSTICS_TIMEOUT_MS);
}

const lensName = (l: vscode.CodeLens) => (l.command!.arguments?.[0] as { current?: { name?: string } } | undefined)?.current?.name;

function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewType));
}

export async function codeLensTests(test: TestFn): Promise<void> {
  await test('template.yaml: a code lens summarises every cache (shards × nodes, node type, usable memory, TLS, at-rest, AUTH, backups)', async () => {
    const doc = await open(TEMPLATE);
    const lenses = await cacheLenses(doc);
    assert.deepEqual(lenses.map(lensName), ['SessionCache', 'ProfileCache', 'LeaderboardCache']);
    const session = lenses[0];
    assert.equal(session.range.start.line, 10, 'on the logical id');
    assert.match(session.command!.title, /^1 shard × 2 nodes · cache\.r7g\.large · ≈ 9\.8 GiB usable · TLS ✗ · at-rest ✓ · AUTH ✓ · backups ✓$/);
    return lenses.map((l) => `${lensName(l)}: ${l.command!.title}`).join(' | ');
  });

  await test('Show Rule Documentation opens the page in a webview; its links to other rule pages are command links', async () => {
    await closeEverything();
    const out = await withTimeout(vscode.commands.executeCommand<RuleDocsOutcome>('cachelint.showRuleDocumentation', LINKING_PAGE.id), 15_000, 'cachelint.showRuleDocumentation');
    assert.ok(out, 'the command resolved to nothing');
    assert.equal(out.title, `cachelint: ${LINKING_PAGE.id}`);
    assert.ok(out.links.includes(LINKING_PAGE.link), `the page links to ${out.links.join(', ') || 'no rule page'}`);
    await waitFor(`a webview tab titled ${out.title}`, () => webviewTabs(out.viewType).some((t) => t.label === out.title), 10_000);
    const next = await vscode.commands.executeCommand<RuleDocsOutcome>('cachelint.showRuleDocumentation', LINKING_PAGE.link);
    assert.equal(next?.ruleId, LINKING_PAGE.link);
    await waitFor('the same panel to show the linked page', () => webviewTabs(out.viewType).length === 1 && webviewTabs(out.viewType)[0].label === `cachelint: ${LINKING_PAGE.link}`, 10_000);
    return `${out.title} → ${next!.title}`;
  });

  await test('every diagnostic\'s documentation link is the Show Rule Documentation command for its rule', async () => {
    const doc = await open(TEMPLATE);
    const ds = await waitFor('diagnostics on template.yaml', () => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length ? d : undefined; }, DIAGNOSTICS_TIMEOUT_MS);
    for (const d of ds) {
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.scheme, 'command', `${code.value}: ${code.target.toString()}`);
      assert.equal(code.target.path, 'cachelint.showRuleDocumentation');
      assert.deepEqual(JSON.parse(decodeURIComponent(code.target.query)), [code.value]);
    }
    return `${ds.length} diagnostics`;
  });
}

async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export async function codeHoverTests(test: TestFn): Promise<void> {
  await test('hover on a redis-py call shows the command, its complexity and the services; the rule link opens the page in the editor', async () => {
    const doc = await open('app.py');
    const line = doc.getText().split('\n').findIndex((l) => l.includes('r.keys('));
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('r.keys(') + 3);
    const text = await waitFor('a hover with the KEYS command', async () => { const t = await hoverText(doc, at); return t.includes('**Redis command `KEYS`**') ? t : undefined; }, DIAGNOSTICS_TIMEOUT_MS);
    assert.match(text, /Time complexity: O\(N\)/);
    assert.match(text, /- ElastiCache Serverless: \*\*not available\*\*/);
    assert.match(text, /\[Rule documentation\]\(command:cachelint\.showRuleDocumentation\?/, 'the keys-command finding\'s link is the in-editor page');
    return text.split('\n').find((l) => l.startsWith('Time complexity')) ?? '';
  });
}

/** The runner's phases (test/e2e/codelens.mjs), after the sizing ones. */
export async function codeLensPhases(ack: string, log: (s: string) => void): Promise<void> {
  await handOver(ack, 'codelens', async () => {
    await closeEverything();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const doc = await open(TEMPLATE);
    const lens = (await cacheLenses(doc)).find((l) => lensName(l) === LENS_TARGET);
    assert.ok(lens, `no lens on ${LENS_TARGET}`);
    return { name: LENS_TARGET, title: lens.command!.title };
  }, log);
  await handOver(ack, 'ruledocs', async () => {
    await closeEverything();
    const out = await vscode.commands.executeCommand<RuleDocsOutcome>('cachelint.showRuleDocumentation', LINKING_PAGE.id);
    assert.ok(out?.links.includes(LINKING_PAGE.link), 'the page has no link to click');
    return { title: out!.title, link: LINKING_PAGE.link };
  }, log);
  await closeEverything();
}
