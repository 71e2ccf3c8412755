/** What both e2e suites share: waiting on conditions, reading diagnostics, opening and restoring fixtures. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const DIAGNOSTICS_TIMEOUT_MS = 30_000;
export const CLEAR_TIMEOUT_MS = 15_000;

/** One e2e test: a name and a body that returns an optional detail for the report. */
export type TestFn = (name: string, fn: () => Promise<string | void>) => Promise<void>;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` every 100 ms until it returns something other than undefined/false; fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}`);
    await sleep(100);
  }
}

export async function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms); });
  try { return await Promise.race([Promise.resolve(p), timeout]); } finally { clearTimeout(timer); }
}


export function ruleIdOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '(no code)';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describe(d: vscode.Diagnostic): string {
  return `${ruleIdOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1} [source ${JSON.stringify(d.source)}] "${d.message.slice(0, 90)}"`;
}

export function describeAll(ds: readonly vscode.Diagnostic[]): string {
  return ds.length ? ds.map(describe).join('; ') : '(none)';
}


export function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`fixture ${path.basename(doc.uri.fsPath)} has no line matching ${re}`);
}


export async function open(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner should open test/e2e/workspace)');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Reverts a document to its text on disk (the tests never save), by command, else by a whole-document edit. */
export async function restore(doc: vscode.TextDocument): Promise<void> {
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

/** The quick-fixes the language server offers on a range (commands such as "Show documentation" left out). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await withTimeout(
    vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range),
    15_000, 'vscode.executeCodeActionProvider');
  return (all ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `quick-fix "${action.title}" carries no workspace edit${action.command ? ` (only a command: ${action.command.command})` : ''}`);
  const applied = await vscode.workspace.applyEdit(action.edit);
  assert.ok(applied, `vscode.workspace.applyEdit refused the edit of "${action.title}"`);
}
