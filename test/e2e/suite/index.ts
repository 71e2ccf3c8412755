/**
 * cachelint end-to-end tests, run inside a real VS Code extension host (code-server via test/e2e/run.mjs, or
 * desktop VS Code via test/e2e/electron.mjs). VS Code calls run(); the full `vscode` API is available.
 *
 * cachelint itself is the installed, packaged VSIX (`cachelint.cachelint`); the extension under development is only
 * the empty test host in test/e2e/host/. No mocha: a small list of async tests, results written as JSON to the file
 * named by CACHELINT_E2E_RESULT. When CACHELINT_E2E_ACK is set, run() waits for that file before returning, so the
 * runner can take its screenshot while the extension host (and its diagnostics) is still alive.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'cachelint.cachelint';
const COMMANDS = ['cachelint.showRuleDocumentation', 'cachelint.analyzeWorkspace', 'cachelint.restartServer', 'cachelint.sizingWizard'];
const DIAGNOSTICS_TIMEOUT_MS = 30_000;
const CLEAR_TIMEOUT_MS = 15_000;
const PREFIX = '[cachelint-e2e]';

interface TestResult { name: string; ok: boolean; ms: number; detail?: string }
interface Finding { rule: string; line: number }

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` every 100 ms until it returns something other than undefined/false; fails with `what`. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}`);
    await sleep(100);
  }
}

async function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms); });
  try { return await Promise.race([Promise.resolve(p), timeout]); } finally { clearTimeout(timer); }
}

function ruleIdOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '(no code)';
  return typeof c === 'object' ? String(c.value) : String(c);
}

function describe(d: vscode.Diagnostic): string {
  return `${ruleIdOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1} [source ${JSON.stringify(d.source)}] "${d.message.slice(0, 90)}"`;
}

function describeAll(ds: readonly vscode.Diagnostic[]): string {
  return ds.length ? ds.map(describe).join('; ') : '(none)';
}

/** 1-based lines in messages, 0-based in the API. */
function describeFindings(fs_: Finding[]): string {
  return fs_.map((f) => `${f.rule}@${f.line + 1}`).join(', ') || '(none)';
}

/** Waits until the document has diagnostics and they stop changing for 750 ms. */
async function settledDiagnostics(uri: vscode.Uri, what: string): Promise<vscode.Diagnostic[]> {
  await waitFor(`diagnostics on ${what} (is the language server running? does it handle this file?)`,
    () => vscode.languages.getDiagnostics(uri).length > 0, DIAGNOSTICS_TIMEOUT_MS);
  let last = JSON.stringify(vscode.languages.getDiagnostics(uri).map(describe));
  let stableSince = Date.now();
  while (Date.now() - stableSince < 750) {
    await sleep(100);
    const now = JSON.stringify(vscode.languages.getDiagnostics(uri).map(describe));
    if (now !== last) { last = now; stableSince = Date.now(); }
  }
  return vscode.languages.getDiagnostics(uri);
}

/** Asserts the document's diagnostics are exactly `expected` (rule id + line), all from cachelint, with docs links. */
function assertExactly(ds: readonly vscode.Diagnostic[], expected: Finding[], what: string): void {
  const foreign = ds.filter((d) => d.source !== 'cachelint');
  assert.equal(foreign.length, 0, `${what}: diagnostics whose source is not 'cachelint': ${describeAll(foreign)}`);
  const key = (f: Finding) => `${f.rule}@${f.line + 1}`;
  const actual = ds.map((d) => ({ rule: ruleIdOf(d), line: d.range.start.line })).map(key).sort();
  const want = expected.map(key).sort();
  assert.ok(JSON.stringify(actual) === JSON.stringify(want), `${what}: expected exactly [${describeFindings(expected)}], got [${describeAll(ds)}]`);
  for (const d of ds) {
    const c = d.code;
    assert.ok(typeof c === 'object' && c.target instanceof vscode.Uri && c.target.toString().includes(ruleIdOf(d)),
      `${what}: ${describe(d)} has no documentation link in code.target (code = ${JSON.stringify(c)})`);
  }
}

function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`fixture ${path.basename(doc.uri.fsPath)} has no line matching ${re}`);
}

function find(ds: readonly vscode.Diagnostic[], rule: string, what: string): vscode.Diagnostic {
  const d = ds.find((x) => ruleIdOf(x) === rule);
  assert.ok(d, `${what}: no ${rule} diagnostic (have: ${describeAll(ds)})`);
  return d;
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await withTimeout(
    vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range),
    15_000, 'vscode.executeCodeActionProvider');
  return (all ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `quick-fix "${action.title}" carries no workspace edit${action.command ? ` (only a command: ${action.command.command})` : ''}`);
  const applied = await vscode.workspace.applyEdit(action.edit);
  assert.ok(applied, `vscode.workspace.applyEdit refused the edit of "${action.title}"`);
}

async function hoverTexts(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const hovers = await withTimeout(
    vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos), 15_000, 'vscode.executeHoverProvider');
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

async function open(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner should open test/e2e/workspace)');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Reverts a document to its text on disk (the tests never save), by command, else by a whole-document edit. */
async function restore(doc: vscode.TextDocument): Promise<void> {
  const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
  if (doc.getText() === disk) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (doc.getText() !== disk) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), disk);
    await vscode.workspace.applyEdit(edit);
  }
  assert.equal(doc.getText(), disk, `${path.basename(doc.uri.fsPath)} could not be restored to its text on disk`);
}


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

export async function run(): Promise<void> {
  const started = Date.now();
  const results: TestResult[] = [];
  const log = (s: string) => console.log(`${PREFIX} ${s}`);

  async function test(name: string, fn: () => Promise<string | void>): Promise<void> {
    const t0 = Date.now();
    try {
      const detail = await fn();
      results.push({ name, ok: true, ms: Date.now() - t0, ...(detail ? { detail } : {}) });
      log(`ok ${name}${detail ? ` — ${detail}` : ''}`);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      results.push({ name, ok: false, ms: Date.now() - t0, detail });
      log(`not ok ${name} — ${detail}`);
    }
  }

  let template: vscode.TextDocument | undefined;
  let app: vscode.TextDocument | undefined;
  let extensionInfo: Record<string, unknown> = {};
  /** Rule ids each document had before any fix was applied, for the revert check. */
  const seenBefore = new Map<string, string[]>();

  try {
    await test(`extension ${EXTENSION_ID} is installed and activates`, async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      const others = vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id);
      assert.ok(ext, `extension ${EXTENSION_ID} is not installed (non-built-in extensions: ${others.join(', ') || 'none'})`);
      await withTimeout(ext.activate(), 30_000, `activating ${EXTENSION_ID}`);
      assert.ok(ext.isActive, `${EXTENSION_ID} is not active after activate()`);
      extensionInfo = { version: ext.packageJSON?.version, extensionPath: ext.extensionPath };
      return `version ${ext.packageJSON?.version} from ${ext.extensionPath}`;
    });

    await test('commands are registered', async () => {
      const all = new Set(await vscode.commands.getCommands(true));
      const missing = COMMANDS.filter((c) => !all.has(c));
      const ours = [...all].filter((c) => c.startsWith('cachelint.'));
      assert.equal(missing.length, 0, `missing commands: ${missing.join(', ')} (registered cachelint.*: ${ours.join(', ') || 'none'})`);
    });

    await test('template.yaml: transit-encryption-disabled on the replication group without TLS, nothing on the compliant one', async () => {
      template = await open('template.yaml');
      const ds = await settledDiagnostics(template.uri, 'template.yaml');
      seenBefore.set(template.uri.toString(), [...new Set(ds.map(ruleIdOf))]);
      const sessionCache = lineOf(template, /^ {2}SessionCache:/);
      assertExactly(ds, [{ rule: 'transit-encryption-disabled', line: sessionCache }], 'template.yaml');
      const d = find(ds, 'transit-encryption-disabled', 'template.yaml');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `transit-encryption-disabled should be an error, is severity ${d.severity}`);
      return describe(d);
    });

    await test('template.yaml: quick-fix "Set TransitEncryptionEnabled to true" edits the right resource and clears the finding', async () => {
      assert.ok(template, 'template.yaml was not opened');
      const doc = template;
      const d = find(vscode.languages.getDiagnostics(doc.uri), 'transit-encryption-disabled', 'template.yaml');
      const actions = await codeActions(doc.uri, d.range);
      const title = 'Set TransitEncryptionEnabled to true';
      const fix = actions.find((a) => a.title === title);
      assert.ok(fix, `no code action titled "${title}" at ${d.range.start.line + 1}:${d.range.start.character + 1} (offered: ${actions.map((a) => JSON.stringify(a.title)).join(', ') || 'none'})`);
      assert.ok(!fix.kind || vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${title}" has kind ${fix.kind?.value}, expected quickfix`);
      await applyAction(fix);

      // The new line belongs to SessionCache's Properties, indented like its sibling properties.
      const start = lineOf(doc, /^ {2}SessionCache:/);
      const end = lineOf(doc, /^ {2}ProfileCache:/);
      const added: number[] = [];
      for (let i = start; i < end; i++) if (/^\s*TransitEncryptionEnabled:\s*true\s*$/.test(doc.lineAt(i).text)) added.push(i);
      assert.equal(added.length, 1, `expected one "TransitEncryptionEnabled: true" line inside SessionCache (lines ${start + 1}-${end}), found ${added.length}:\n${doc.getText(new vscode.Range(start, 0, end, 0))}`);
      const indent = (i: number) => doc.lineAt(i).firstNonWhitespaceCharacterIndex;
      const sibling = lineOf(doc, /^\s+ReplicationGroupDescription: Checkout sessions/);
      assert.equal(indent(added[0]), indent(sibling), `"TransitEncryptionEnabled: true" is indented ${indent(added[0])}, its sibling properties ${indent(sibling)}`);
      const count = (text: string) => text.match(/TransitEncryptionEnabled: true/g)?.length ?? 0;
      const onDisk = count(new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)));
      const total = count(doc.getText());
      assert.equal(total, onDisk + 1, `expected TransitEncryptionEnabled: true ${onDisk + 1} times in the file (the compliant resources' and the fix's), found ${total}`);

      await waitFor('transit-encryption-disabled to clear after the fix',
        () => !vscode.languages.getDiagnostics(doc.uri).some((x) => ruleIdOf(x) === 'transit-encryption-disabled'), CLEAR_TIMEOUT_MS)
        .catch((e) => { throw new Error(`${(e as Error).message}; still: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`); });
      await sleep(500);
      const left = vscode.languages.getDiagnostics(doc.uri);
      assert.equal(left.length, 0, `template.yaml should be clean after the fix, has: ${describeAll(left)}`);
      return `inserted at line ${added[0] + 1}`;
    });

    await test('app.py: keys-command on r.keys(...) and missing-ttl on r.set("k", v), nothing on the set with ex=', async () => {
      app = await open('app.py');
      const ds = await settledDiagnostics(app.uri, 'app.py');
      seenBefore.set(app.uri.toString(), [...new Set(ds.map(ruleIdOf))]);
      assertExactly(ds, [
        { rule: 'keys-command', line: lineOf(app, /r\.keys\("session:\*"\)/) },
        { rule: 'missing-ttl', line: lineOf(app, /r\.set\("k", v\)/) },
      ], 'app.py');
      return describeAll(ds);
    });

    await test('app.py: keys-command quick-fix rewrites KEYS to SCAN and clears the finding', async () => {
      assert.ok(app, 'app.py was not opened');
      const doc = app;
      const d = find(vscode.languages.getDiagnostics(doc.uri), 'keys-command', 'app.py');
      const line = d.range.start.line;
      const actions = await codeActions(doc.uri, d.range);
      const title = 'Replace KEYS with scan_iter() iteration';
      const fix = actions.find((a) => a.title === title);
      assert.ok(fix, `no code action titled "${title}" (offered: ${actions.map((a) => JSON.stringify(a.title)).join(', ') || 'none'})`);
      assert.ok(fix.isPreferred, `"${title}" should be the preferred fix`);
      await applyAction(fix);
      const text = doc.getText();
      assert.ok(!/\br\.keys\(/.test(text), `r.keys( is still in app.py after "${fix.title}":\n${text}`);
      const changed = doc.lineAt(Math.min(line, doc.lineCount - 1)).text;
      assert.ok(/\bscan(_iter)?\(/.test(text) && text.includes('session:*'),
        `app.py has no SCAN form with the "session:*" pattern after "${fix.title}"; line ${line + 1} is now: ${changed.trim()}`);

      await waitFor('keys-command to clear after the fix',
        () => !vscode.languages.getDiagnostics(doc.uri).some((x) => ruleIdOf(x) === 'keys-command'), CLEAR_TIMEOUT_MS)
        .catch((e) => { throw new Error(`${(e as Error).message}; still: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`); });
      await sleep(500);
      const left = vscode.languages.getDiagnostics(doc.uri).map(ruleIdOf);
      assert.ok(JSON.stringify(left) === JSON.stringify(['missing-ttl']), `after the keys fix only missing-ttl should remain, have: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`);
      return `"${fix.title}" → ${changed.trim()}`;
    });

    await test('main.tf: analysed as Terraform without HashiCorp\'s extension; the fix aligns with terraform fmt', async () => {
      const doc = await open('main.tf');
      assert.equal(doc.languageId, 'terraform', `main.tf opened with language ${doc.languageId}`);
      const ds = await settledDiagnostics(doc.uri, 'main.tf');
      assertExactly(ds, [{ rule: 'transit-encryption-disabled', line: lineOf(doc, /^resource "aws_elasticache_replication_group" "orders"/) }], 'main.tf');
      const title = 'Set transit_encryption_enabled to true';
      const fix = (await codeActions(doc.uri, ds[0].range)).find((a) => a.title === title);
      assert.ok(fix, `no code action titled "${title}"`);
      await applyAction(fix);
      lineOf(doc, /^ {2}transit_encryption_enabled = true$/);
      await waitFor('main.tf to be clean after the fix', () => vscode.languages.getDiagnostics(doc.uri).length === 0, CLEAR_TIMEOUT_MS);
      await restore(doc);
    });

    await test('reverting the edits brings the findings back', async () => {
      assert.ok(template && app, 'fixtures were not opened');
      await restore(template);
      await restore(app);
      // Only what the server reported before the fixes (a missing language is already a failure above).
      const checks = [template, app].map((doc) => [doc, seenBefore.get(doc.uri.toString()) ?? []] as const).filter(([, rules]) => rules.length);
      assert.ok(checks.length, 'no findings were seen before the fixes, nothing to compare');
      for (const [doc, rules] of checks) {
        await waitFor(`${rules.join(' + ')} on ${path.basename(doc.uri.fsPath)} after revert`,
          () => rules.every((r) => vscode.languages.getDiagnostics(doc.uri).some((d) => ruleIdOf(d) === r)), DIAGNOSTICS_TIMEOUT_MS)
          .catch((e) => { throw new Error(`${(e as Error).message}; have: ${describeAll(vscode.languages.getDiagnostics(doc.uri))}`); });
      }
    });

    await test('hover on the flagged CloudFormation resource mentions transit-encryption-disabled', async () => {
      assert.ok(template, 'template.yaml was not opened');
      const doc = template;
      const id = lineOf(doc, /^ {2}SessionCache:/);
      const type = lineOf(doc, /Type: AWS::ElastiCache::ReplicationGroup/);
      const positions: [string, vscode.Position][] = [
        ['logical id SessionCache', new vscode.Position(id, 4)],
        ['type AWS::ElastiCache::ReplicationGroup', new vscode.Position(type, doc.lineAt(type).text.indexOf('AWS::') + 6)],
      ];
      const seen: string[] = [];
      for (const [where, pos] of positions) {
        const texts = await hoverTexts(doc.uri, pos);
        if (texts.some((t) => t.includes('transit-encryption-disabled'))) return `at ${where}`;
        seen.push(`${where} (${pos.line + 1}:${pos.character + 1}): ${texts.length ? JSON.stringify(texts.join(' | ').slice(0, 160)) : 'no hover'}`);
      }
      throw new Error(`no hover mentions transit-encryption-disabled (does the server implement textDocument/hover?) — ${seen.join('; ')}`);
    });

    await test('hover on the flagged redis-py call mentions missing-ttl', async () => {
      assert.ok(app, 'app.py was not opened');
      const doc = app;
      const line = lineOf(doc, /r\.set\("k", v\)/);
      const col = doc.lineAt(line).text.indexOf('set(');
      const texts = await hoverTexts(doc.uri, new vscode.Position(line, col + 1));
      assert.ok(texts.some((t) => t.includes('missing-ttl')),
        `no hover at ${line + 1}:${col + 2} mentions missing-ttl (does the server implement textDocument/hover?) — got ${texts.length ? JSON.stringify(texts.join(' | ').slice(0, 160)) : 'no hover'}`);
    });

    await test('settings: .cachelint.json can disable analysis (declared editor defaults do not override it); user settings do', async () => {
      assert.ok(app, 'app.py was not opened');
      const doc = app;
      const folder = vscode.workspace.workspaceFolders![0].uri;
      const configUri = vscode.Uri.joinPath(folder, '.cachelint.json');
      const severityOf = () => vscode.languages.getDiagnostics(doc.uri).find((d) => ruleIdOf(d) === 'missing-ttl')?.severity;
      const config = vscode.workspace.getConfiguration('cachelint', doc.uri);
      try {
        // cachelint.enable is declared with default true; only a value the user sets may override the file.
        await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(JSON.stringify({ enable: false })));
        await waitFor('app.py to have no diagnostics after .cachelint.json disabled analysis', () => vscode.languages.getDiagnostics(doc.uri).length === 0, DIAGNOSTICS_TIMEOUT_MS);
        await config.update('enable', true, vscode.ConfigurationTarget.Workspace);
        await config.update('rules', { 'missing-ttl': 'error' }, vscode.ConfigurationTarget.Workspace);
        await waitFor('missing-ttl back as an error from the workspace settings', () => severityOf() === vscode.DiagnosticSeverity.Error, DIAGNOSTICS_TIMEOUT_MS);
      } finally {
        await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
        await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.workspace.fs.delete(configUri);
      }
      await waitFor('missing-ttl back to a warning with neither', () => severityOf() === vscode.DiagnosticSeverity.Warning, DIAGNOSTICS_TIMEOUT_MS);
    });

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
  } finally {
    // Leave the workbench showing the findings for the runner's screenshot.
    try {
      if (template) await vscode.window.showTextDocument(template, { preview: false });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await sleep(1000);
    } catch (e) {
      log(`could not open the Problems panel: ${e instanceof Error ? e.message : e}`);
    }
    const summary = {
      vscodeVersion: vscode.version, appName: vscode.env.appName, remoteName: vscode.env.remoteName ?? null,
      extension: extensionInfo, ms: Date.now() - started, results,
    };
    const out = process.env.CACHELINT_E2E_RESULT;
    if (out) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(`${out}.tmp`, JSON.stringify(summary, null, 2));
      fs.renameSync(`${out}.tmp`, out); // the runner polls for this file: never let it read half a file
    }
    const failed = results.filter((r) => !r.ok).length;
    log(`${results.length - failed} passed, ${failed} failed (${summary.ms} ms, VS Code ${vscode.version}, ${vscode.env.appName})`);
    const ack = process.env.CACHELINT_E2E_ACK;
    if (ack) {
      const end = Date.now() + 60_000;
      while (!fs.existsSync(ack) && Date.now() < end) await sleep(200);
      await runnerPhases(ack, log);
    }
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} of ${results.length} cachelint e2e test(s) failed: ${failed.map((r) => r.name).join('; ')}`);
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
async function closeEverything(): Promise<void> {
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
async function handOver(ack: string, name: string, prepare: () => Promise<Record<string, unknown>>, log: (s: string) => void): Promise<void> {
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
async function runnerPhases(ack: string, log: (s: string) => void): Promise<void> {
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
