/**
 * Hover and completion in the real editor: a node-type hover shows the node's memory, node-type completion offers
 * every current ElastiCache node type; then a phase the runner photographs (docs/hover-node-type.png).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import table from '../../../knowledge/data/node-types.json';
import { DIAGNOSTICS_TIMEOUT_MS, lineOf, open, sleep, waitFor, withTimeout, type TestFn } from './support';
import { closeEverything, handOver } from './sizing';

const NODE_LINE = /^\s+CacheNodeType: cache\.r7g\.large/;

async function hoverTexts(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const hovers = await withTimeout(vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos), 15_000, 'vscode.executeHoverProvider');
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

/** The position inside `cache.r7g.large` on SessionCache's CacheNodeType line. */
function nodeTypePosition(doc: vscode.TextDocument): vscode.Position {
  const line = lineOf(doc, NODE_LINE);
  return new vscode.Position(line, doc.lineAt(line).text.indexOf('cache.r7g.large') + 'cache.r7'.length);
}

export async function hoverTests(test: TestFn): Promise<void> {
  await test('hover on a node type (template.yaml, cache.r7g.large) shows its memory, usable memory and vCPU', async () => {
    const doc = await open('template.yaml');
    const pos = nodeTypePosition(doc);
    const texts = await waitFor('a hover on cache.r7g.large', async () => {
      const t = await hoverTexts(doc.uri, pos);
      return t.some((x) => x.includes('cache.r7g.large')) ? t : undefined;
    }, DIAGNOSTICS_TIMEOUT_MS);
    const text = texts.join('\n');
    assert.match(text, /\| Memory \| 13\.07 GiB \(maxmemory\) \|/, `the hover does not show the memory: ${text.slice(0, 300)}`);
    assert.match(text, /\| Usable \| ≈ 9\.8 GiB after the default 25 % reserved memory \|/);
    assert.match(text, /\| vCPU \| 2 \|/);
    return text.split('\n')[0];
  });

  await test('node-type completion in template.yaml offers every current ElastiCache node type, previous generation last', async () => {
    const doc = await open('template.yaml');
    const pos = nodeTypePosition(doc);
    const list = await withTimeout(vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos), 15_000, 'vscode.executeCompletionItemProvider');
    const ours = list.items.filter((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith('cache.'));
    const labels = ours.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    const current = (table as { service: string; nodeType: string; generation: string }[]).filter((n) => n.service === 'elasticache' && n.generation === 'current').map((n) => n.nodeType);
    const missing = current.filter((n) => !labels.includes(n));
    assert.deepEqual(missing, [], `not offered: ${missing.join(', ')}`);
    const large = ours.find((i) => i.label === 'cache.r7g.large');
    assert.equal(large?.detail, '13.07 GiB · 2 vCPU');
    const sorted = [...ours].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.ok(sorted.slice(-3).every((i) => i.tags?.includes(vscode.CompletionItemTag.Deprecated)), 'the previous generation (t2) comes last, struck through');
    assert.ok(!labels.some((l) => l.startsWith('db.')), 'MemoryDB types are not offered on ElastiCache');
    return `${labels.length} node types offered (${current.length} current)`;
  });
}

/** The runner's screenshot of the hover: the suite opens it, the runner waits for the widget and photographs it. */
export async function hoverPhase(ack: string, log: (s: string) => void): Promise<void> {
  await handOver(ack, 'hover', async () => {
    await closeEverything();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const doc = await open('template.yaml');
    const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    const pos = nodeTypePosition(doc);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    await waitFor('the hover provider to answer', async () => (await hoverTexts(doc.uri, pos)).some((t) => t.includes('maxmemory')), DIAGNOSTICS_TIMEOUT_MS);
    await sleep(300);
    await vscode.commands.executeCommand('editor.action.showHover');
    return { text: 'maxmemory' };
  }, log);
}
