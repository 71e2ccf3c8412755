/**
 * `cachelint.sizingWizard`: asks for a workload step by step (or takes one as the command's argument), has the
 * server size it (`cachelint/sizing`), and shows the report; the report's buttons insert an option as a template.
 * The client computes nothing: it asks and renders.
 *
 *   executeCommand('cachelint.sizingWizard')                                  the wizard
 *   executeCommand('cachelint.sizingWizard', { workload })                     no prompts
 *   executeCommand('cachelint.sizingWizard', { workload, insert: { index, format } })   and insert option `index`
 *
 * It resolves to a `SizingWizardOutcome` (undefined when cancelled), which tests and other extensions can read.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CACHE_AT_REQUEST, COMMANDS, SIZING_REQUEST, SIZING_SNIPPET_REQUEST, type SizingWizardLensArgs,
  type CacheAtResult, type SizingParams, type SizingSnippetParams, type SizingSnippetResult,
} from '../../../server/src/protocol';
import type { SizingResult, Workload } from '../../../server/src/sizing/types';
import { initialState, runSteps, workloadOf } from './steps';
import { currentTitle, optionTitle, renderReport } from './reportHtml';
import { insertSnippet, type Inserted } from './insert';
import { pickOne } from './multiStep';

export type SnippetFormat = SizingSnippetParams['format'];

export interface SizingWizardArgs extends Partial<SizingWizardLensArgs> {
  workload?: Partial<Workload>;
  /** Insert option `index` of the result (as in `result.options`) the way the report's button does. */
  insert?: { index: number; format: SnippetFormat };
}

export interface SizingWizardOutcome {
  result: SizingResult;
  current?: CacheAtResult;
  panel: { title: string; viewType: string };
  inserted?: Inserted;
}

export const REPORT_VIEW_TYPE = 'cachelint.sizingReport';
const TITLE = 'cachelint: Sizing Wizard';
const INFRA_LANGUAGES = new Set(['yaml', 'json', 'terraform']);

export function registerSizingWizard(getClient: () => LanguageClient | undefined): vscode.Disposable {
  // The report takes focus, and then there is no active text editor: remember the last one for "Insert".
  let lastEditor = vscode.window.activeTextEditor;
  let panel: vscode.WebviewPanel | undefined;
  let shown: { result: SizingResult; workload: Partial<Workload> } | undefined;

  const editorForInsert = () => (lastEditor && vscode.window.visibleTextEditors.includes(lastEditor) ? lastEditor : undefined);

  async function insert(index: number, format: SnippetFormat): Promise<Inserted | undefined> {
    const client = getClient();
    const option = shown?.result.options[index];
    if (!client || !shown || !option) return undefined;
    const snippet = await client.sendRequest<SizingSnippetResult>(SIZING_SNIPPET_REQUEST, { option, workload: shown.result.input, format } satisfies SizingSnippetParams);
    if (snippet.text === undefined) {
      void vscode.window.showInformationMessage(`cachelint: ${snippet.unavailable ?? 'no snippet for this option'}`);
      return undefined;
    }
    return insertSnippet(snippet.text, snippet.language, editorForInsert());
  }

  function show(result: SizingResult, workload: Partial<Workload>, current?: CacheAtResult): { title: string; viewType: string } {
    shown = { result, workload };
    const best = [...result.options].sort((a, b) => a.rank - b.rank)[0];
    const title = `Sizing Report${best ? `: ${optionTitle(best)}` : ''}`;
    if (!panel) {
      panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: true, enableCommandUris: false, localResourceRoots: [], retainContextWhenHidden: true,
      });
      panel.onDidDispose(() => { panel = undefined; });
      panel.webview.onDidReceiveMessage(async (m: { type?: string; index?: unknown; format?: unknown }) => {
        if (m?.type !== 'insert' || typeof m.index !== 'number' || (m.format !== 'cloudformation' && m.format !== 'terraform')) return;
        try { await insert(m.index, m.format); } catch (e) { void vscode.window.showErrorMessage(`cachelint: could not insert the snippet: ${(e as Error).message}`); }
      });
    }
    panel.title = title;
    panel.webview.html = renderReport({ result, current }, crypto.randomBytes(16).toString('base64'), panel.webview.cspSource);
    panel.reveal(vscode.ViewColumn.Beside, false);
    return { title, viewType: REPORT_VIEW_TYPE };
  }

  async function cacheUnderCursor(client: LanguageClient): Promise<CacheAtResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !INFRA_LANGUAGES.has(editor.document.languageId) && !/\.tf$/i.test(editor.document.fileName)) return undefined;
    try {
      const hit = await client.sendRequest<CacheAtResult | null>(CACHE_AT_REQUEST, {
        textDocument: { uri: editor.document.uri.toString() }, position: client.code2ProtocolConverter.asPosition(editor.selection.active),
      });
      return hit ?? undefined;
    } catch {
      return undefined; // a document the server does not hold: no "Resize" offer, the wizard still runs
    }
  }

  async function run(args?: SizingWizardArgs): Promise<SizingWizardOutcome | undefined> {
    const client = getClient();
    if (!client?.isRunning()) { void vscode.window.showErrorMessage('cachelint: the language server is not running.'); return undefined; }
    if (vscode.window.activeTextEditor) lastEditor = vscode.window.activeTextEditor;
    // A code lens names its cache: that is the one to resize, whatever the cursor is on.
    const underCursor = args?.current ?? await cacheUnderCursor(client);
    // The cache the report compares against: the one under the cursor, unless the user chose "Size a new cache".
    let current = underCursor;
    let workload = args?.workload;
    if (!workload) {
      if (underCursor && !args?.current) {
        const a = await pickOne({ title: TITLE, canGoBack: false }, [
          { label: 'Resize this cache', description: currentTitle(underCursor), value: true },
          { label: 'Size a new cache', value: false },
        ], true, `The cursor is on ${underCursor.name}`);
        if (a.kind !== 'next') return undefined;
        if (!a.value) current = undefined;
      }
      const state = await runSteps(initialState(current), current ? `${TITLE}: resize ${current.name}` : TITLE);
      if (!state) return undefined;
      workload = workloadOf(state);
    }
    let result: SizingResult;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'cachelint: sizing' },
        () => client.sendRequest<SizingResult>(SIZING_REQUEST, { workload } satisfies SizingParams));
    } catch (e) {
      void vscode.window.showErrorMessage(`cachelint: ${(e as Error).message}`);
      if (args?.workload) throw e;
      return undefined;
    }
    const panelInfo = show(result, workload, current);
    const outcome: SizingWizardOutcome = { result, current, panel: panelInfo };
    if (args?.insert) outcome.inserted = await insert(args.insert.index, args.insert.format);
    return outcome;
  }

  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((e) => { if (e) lastEditor = e; }),
    vscode.commands.registerCommand(COMMANDS.sizingWizard, run),
    { dispose: () => panel?.dispose() },
  );
}
