/**
 * The sizing wizard in the real editor: the command with preset arguments, the report, Insert into untitled
 * documents with no finding, Resize this cache; then the phases the runner drives by keyboard (runnerPhases).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  CLEAR_TIMEOUT_MS, DIAGNOSTICS_TIMEOUT_MS, describeAll, lineOf, restore, ruleIdOf, sleep, waitFor, withTimeout, type TestFn,
} from './support';

/** What `cachelint.sizingWizard` resolves to (client/src/sizingWizard/index.ts), as far as the tests read it. */
interface SizingOutcome {
  result: { input: Record<string, unknown>; options: { service: string; nodeType?: string; shards?: number; replicasPerShard?: number; rank: number }[]; estimate: { datasetBytes: number } };
  current?: { name: string; nodeType?: string; shards?: number; replicasPerShard?: number };
  panel: { title: string; viewType: string };
  inserted?: { uri: string; languageId: string; untitled: boolean };
}

/** A workload every service can serve: 200,000 small Valkey strings, one replica, Multi-AZ. */
const SIZING_WORKLOAD = {
  engine: 'valkey', role: 'cache', data: { kind: 'items', type: 'string', keys: 200_000, keyBytes: 20, valueBytes: 100 },
  readsPerSec: 20_000, writesPerSec: 2_000, replicas: 1, multiAz: true, multiRegion: false, traffic: 'steady',
};

function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
}

/**
 * Proves the server analyses a snippet's document and finds nothing: break TLS in it and see the finding arrive,
 * restore it and see the document settle with no diagnostic at all.
 */
async function assertCleanSnippet(doc: vscode.TextDocument, on: RegExp, off: string, what: string): Promise<void> {
  const original = doc.getText();
  const m = on.exec(original);
  assert.ok(m, `${what}: no ${on} in the snippet:\n${original.slice(0, 400)}`);
  const broken = new vscode.WorkspaceEdit();
  broken.replace(doc.uri, new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length)), off);
  assert.ok(await vscode.workspace.applyEdit(broken), `${what}: could not edit`);
  await waitFor(`transit-encryption-disabled on ${what} with TLS off (is the document analysed?)`,
    () => vscode.languages.getDiagnostics(doc.uri).some((d) => ruleIdOf(d) === 'transit-encryption-disabled'), DIAGNOSTICS_TIMEOUT_MS)
    .catch((e) => { throw new Error(`${(e as Error).message}; have: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`); });
  const fixed = new vscode.WorkspaceEdit();
  fixed.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
  assert.ok(await vscode.workspace.applyEdit(fixed), `${what}: could not restore`);
  assert.equal(doc.getText(), original);
  await waitFor(`${what} to have no diagnostics once restored`, () => vscode.languages.getDiagnostics(doc.uri).length === 0, CLEAR_TIMEOUT_MS)
    .catch((e) => { throw new Error(`${(e as Error).message}; have: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`); });
  // Settled: a later publication would show here.
  await sleep(1500);
  const left = vscode.languages.getDiagnostics(doc.uri);
  assert.equal(left.length, 0, `${what}: cachelint reports ${describeAll(left)} on the inserted snippet`);
}


/** Runs after the core tests, which opened `template` (template.yaml) and `app` (app.py). */
export async function sizingTests(test: TestFn, docs: { template?: vscode.TextDocument; app?: vscode.TextDocument }): Promise<void> {
  const { template, app } = docs;
  let sizing: SizingOutcome | undefined;
  await test('sizing wizard with preset arguments: the report opens with ranked options', async () => {
    sizing = await withTimeout(vscode.commands.executeCommand<SizingOutcome>('cachelint.sizingWizard', { workload: SIZING_WORKLOAD }), 30_000, 'cachelint.sizingWizard');
    assert.ok(sizing, 'the command resolved to nothing');
    const { result, panel } = sizing;
    assert.ok(result.options.length > 0, 'no option in the result');
    assert.deepEqual(result.options.map((o) => o.rank).sort((a, b) => a - b), result.options.map((_, i) => i + 1));
    assert.equal(result.input.engine, 'valkey');
    assert.ok(result.estimate.datasetBytes > 200_000 * 120, `dataset ${result.estimate.datasetBytes} B is less than the raw keys and values`);
    const best = [...result.options].sort((a, b) => a.rank - b.rank)[0];
    assert.match(panel.title, /^Sizing Report: /);
    if (best.nodeType) assert.ok(panel.title.includes(best.nodeType), `title ${panel.title} does not name ${best.nodeType}`);
    const tab = await waitFor('the report tab', () => webviewTabs().find((t) => t.label === panel.title), 10_000)
      .catch((e) => { throw new Error(`${(e as Error).message}; webview tabs: ${webviewTabs().map((t) => t.label).join(', ') || 'none'}`); });
    assert.ok((tab.input as vscode.TabInputWebview).viewType.endsWith(panel.viewType), `view type ${(tab.input as vscode.TabInputWebview).viewType}`);
    return `${panel.title}; ${result.options.length} options`;
  });

  await test('Insert as Terraform from the report: an untitled Terraform document on which cachelint finds nothing', async () => {
    assert.ok(sizing, 'no sizing result');
    const index = sizing.result.options.findIndex((o) => o.service === 'elasticache-node' && o.nodeType);
    assert.ok(index >= 0, 'no node-based option');
    // The editor last active holds Python: the wrong kind for a snippet.
    assert.ok(app, 'app.py was not opened');
    await vscode.window.showTextDocument(app, { preview: false });
    const out = await withTimeout(vscode.commands.executeCommand<SizingOutcome>('cachelint.sizingWizard', { workload: SIZING_WORKLOAD, insert: { index, format: 'terraform' } }), 30_000, 'insert');
    assert.ok(out?.inserted, 'nothing was inserted');
    assert.equal(out.inserted.languageId, 'terraform');
    assert.equal(out.inserted.untitled, true, 'with no Terraform editor open, the snippet goes to a new untitled document');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === out.inserted!.uri);
    assert.ok(doc, `document ${out.inserted.uri} is not open`);
    const option = out.result.options[index];
    assert.ok(doc.getText().includes(`node_type                  = "${option.nodeType}"`), `the snippet does not set node_type ${option.nodeType}`);
    await assertCleanSnippet(doc, /transit_encryption_enabled = true/, 'transit_encryption_enabled = false', 'the Terraform snippet');
    return `${option.nodeType}: ${doc.lineCount} lines, no finding`;
  });

  await test('Insert as CloudFormation while a Terraform editor is active: a new untitled YAML template, no finding', async () => {
    assert.ok(sizing, 'no sizing result');
    const index = sizing.result.options.findIndex((o) => o.service === 'elasticache-node' && o.nodeType);
    const before = vscode.window.activeTextEditor?.document;
    const out = await withTimeout(vscode.commands.executeCommand<SizingOutcome>('cachelint.sizingWizard', { workload: SIZING_WORKLOAD, insert: { index, format: 'cloudformation' } }), 30_000, 'insert');
    assert.ok(out?.inserted, 'nothing was inserted');
    assert.equal(out.inserted.languageId, 'yaml');
    assert.notEqual(out.inserted.uri, before?.uri.toString(), 'a template must not go into the Terraform document');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === out.inserted!.uri)!;
    assert.match(doc.getText(), /^AWSTemplateFormatVersion: '2010-09-09'/);
    await assertCleanSnippet(doc, /TransitEncryptionEnabled: true/, 'TransitEncryptionEnabled: false', 'the CloudFormation snippet');
  });

  await test('Resize this cache: with the cursor on SessionCache the wizard starts from its node type and replicas', async () => {
    assert.ok(template, 'template.yaml was not opened');
    const editor = await vscode.window.showTextDocument(template, { preview: false, viewColumn: vscode.ViewColumn.One });
    const line = lineOf(template, /^\s+CacheNodeType: cache\.r7g\.large/);
    editor.selection = new vscode.Selection(line, 8, line, 8);
    const out = await withTimeout(vscode.commands.executeCommand<SizingOutcome>('cachelint.sizingWizard', { workload: SIZING_WORKLOAD }), 30_000, 'cachelint.sizingWizard');
    assert.ok(out?.current, 'no cache found under the cursor');
    // The fixture: NumCacheClusters 2 = one primary and one replica, cluster mode disabled.
    assert.deepEqual([out.current.name, out.current.nodeType, out.current.shards, out.current.replicasPerShard], ['SessionCache', 'cache.r7g.large', 1, 1]);
  });
}

/**
 * What test/e2e/wizard.mjs types into the wizard, written out in numbers: Redis OSS, cache, item by item, Hash,
 * keys "150k" = 150,000, key size "30", fields "20", field size "12", value size "0.2 KB" and then (after Back)
 * "1.5 KB" = 1,500 B (KB is decimal), growth "25%", reads "20k" = 20,000, writes "2.5k" = 2,500, "2 replicas per
 * shard, Multi-AZ", One Region, Steady.
 */
const TYPED_WORKLOAD = {
  engine: 'redis', role: 'cache', data: { kind: 'items', type: 'hash', keys: 150_000, keyBytes: 30, fields: 20, fieldBytes: 12, valueBytes: 1_500 },
  growthPercent: 25, readsPerSec: 20_000, writesPerSec: 2_500, replicas: 2, multiAz: true, multiRegion: false, traffic: 'steady',
};

/**
 * The fixture resource the runner resizes, as the wizard describes it: NumCacheClusters 3 = one primary and two
 * replicas, cluster mode disabled; Redis OSS and two replicas differ from the wizard's defaults (Valkey, one).
 */
const RESIZE_TARGET = {
  name: 'LeaderboardCache', line: /^\s+CacheNodeType: cache\.m7g\.xlarge/,
  description: 'LeaderboardCache: cache.m7g.xlarge × 1 shard, 2 replicas', type: 'AWS::ElastiCache::ReplicationGroup',
  engine: 'Redis OSS', replicas: '2 replicas per shard, Multi-AZ',
};

/** Closes every editor without a save prompt: untitled snippets are emptied first (an empty untitled is not dirty). */
export async function closeEverything(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isUntitled && doc.isDirty) {
      const edit = new vscode.WorkspaceEdit();
      edit.delete(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
      await vscode.workspace.applyEdit(edit);
    } else if (doc.isDirty) await restore(doc);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('every editor to close', () => vscode.window.tabGroups.all.every((g) => g.tabs.length === 0), 10_000);
}

/**
 * Hands the window to the runner: writes `<ack>.<name>` (JSON: what the runner is to check, or `{ error }` when the
 * suite could not set the phase up) and waits, at most 60 s, for the runner's `<ack>.<name>-done`.
 */
export async function handOver(ack: string, name: string, prepare: () => Promise<Record<string, unknown>>, log: (s: string) => void): Promise<void> {
  let data: Record<string, unknown>;
  try {
    data = await prepare();
  } catch (e) {
    data = { error: e instanceof Error ? e.message : String(e) };
    log(`could not prepare the runner's phase ${name}: ${data.error}`);
  }
  fs.writeFileSync(`${ack}.${name}.tmp`, JSON.stringify(data));
  fs.renameSync(`${ack}.${name}.tmp`, `${ack}.${name}`);
  const end = Date.now() + 60_000;
  while (!fs.existsSync(`${ack}.${name}-done`) && Date.now() < end) await sleep(100);
}

async function cursorOn(name: string, line: RegExp): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0];
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  const at = lineOf(doc, line);
  editor.selection = new vscode.Selection(at, 8, at, 8);
  // The server must hold the document for cachelint/cacheAt: its diagnostics say it analysed it.
  await waitFor(`diagnostics on ${name}`, () => vscode.languages.getDiagnostics(doc.uri).length > 0, DIAGNOSTICS_TIMEOUT_MS);
}

/**
 * After the Problems screenshot the runner takes over the window, phase by phase (run.mjs, test/e2e/wizard.mjs):
 *   report   the sizing report alone, for docs/sizing-report.png and a check of its options table;
 *   typed    the report for TYPED_WORKLOAD given in numbers, whose text the runner keeps as the expectation;
 *   wizard   no editor open: the runner types the same workload into the wizard and compares the reports;
 *   resize   the cursor on RESIZE_TARGET: the runner answers "Resize this cache";
 *   new      the same cursor: the runner answers "Size a new cache".
 */
export async function runnerPhases(ack: string, log: (s: string) => void): Promise<void> {
  const preset = async (workload: Record<string, unknown>) => {
    const out = await withTimeout(vscode.commands.executeCommand<SizingOutcome>('cachelint.sizingWizard', { workload }), 30_000, 'cachelint.sizingWizard');
    assert.ok(out, 'the command resolved to nothing');
    return out;
  };
  await handOver(ack, 'report', async () => {
    await closeEverything();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const out = await preset({ ...SIZING_WORKLOAD, data: { kind: 'items', type: 'hash', keys: 2_000_000, keyBytes: 30, valueBytes: 200, fields: 20, fieldBytes: 12 }, readsPerSec: 80_000, writesPerSec: 8_000 });
    return { title: out.panel.title, nodeTypes: out.result.options.map((o) => o.nodeType).filter((n): n is string => !!n) };
  }, log);
  await handOver(ack, 'typed', async () => {
    await closeEverything();
    const out = await preset(TYPED_WORKLOAD);
    return { title: out.panel.title };
  }, log);
  await handOver(ack, 'wizard', async () => { await closeEverything(); return {}; }, log);
  await handOver(ack, 'resize', async () => {
    await closeEverything();
    await cursorOn('template.yaml', RESIZE_TARGET.line);
    const { line: _line, ...target } = RESIZE_TARGET;
    return target;
  }, log);
  await handOver(ack, 'new', async () => {
    await closeEverything();
    await cursorOn('template.yaml', RESIZE_TARGET.line);
    return { engine: RESIZE_TARGET.engine };
  }, log);
}
