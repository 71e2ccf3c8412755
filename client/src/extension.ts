/**
 * The VS Code client: starts the language server, registers the commands, shows a status item. All analysis
 * happens in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  ANALYZE_WORKSPACE_REQUEST, COMMANDS, SERVER_EXEC_ARGV, type AnalyzeWorkspaceResult,
} from '../../server/src/protocol';
import { registerSizingWizard } from './sizingWizard';
import { docsCommandUri, localDocsLinks, registerRuleDocs } from './ruleDocs';

let client: LanguageClient | undefined;

const LANGUAGES = ['yaml', 'json', 'terraform', 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'java', 'go', 'csharp', 'ruby', 'php'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('cachelint', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      // Terraform files are ours whether or not another extension claims the language.
      { scheme: 'file', pattern: '**/*.{tf,tfvars,tf.json}' },
    ],
    // Code files, tsconfig/jsconfig and package.json too: the server's code index follows clients exported from closed files.
    synchronize: {
      fileEvents: ['**/.cachelint.json', '**/*.{py,js,jsx,mjs,cjs,ts,tsx,mts,cts}', '**/{tsconfig,jsconfig,package}.json'].map((g) => vscode.workspace.createFileSystemWatcher(g)),
    },
    outputChannel: output,
    middleware: {
      // A diagnostic's documentation link opens the rule's page in the editor, not a browser (other editors keep the URL).
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map((d) => {
        if (d.source === 'cachelint' && typeof d.code === 'object') d.code = { value: d.code.value, target: docsCommandUri(String(d.code.value)) };
        return d;
      })),
      provideHover: async (doc, pos, token, next) => localDocsLinks(await next(doc, pos, token)),
      workspace: {
        // Send only what the user set, so that declared defaults never override a repository's .cachelint.json.
        configuration: async (params, token, next) => {
          const fallback = await next(params, token);
          return params.items.map((item, i) => (item.section === 'cachelint' ? explicitSettings(item.scopeUri) : (fallback as unknown[])[i]));
        },
      },
    },
  };
  client = new LanguageClient('cachelint', 'cachelint', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.text = '$(database) cachelint';
  status.tooltip = 'cachelint: ElastiCache and MemoryDB linter (click for the log)';
  status.command = { title: 'Show log', command: 'cachelint.showOutput' };
  status.show();

  context.subscriptions.push(
    output, status,
    vscode.commands.registerCommand('cachelint.showOutput', () => output.show(true)),
    registerRuleDocs(() => client),
    vscode.commands.registerCommand(COMMANDS.analyzeWorkspace, analyzeWorkspace),
    registerSizingWizard(() => client),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      status.text = '$(sync~spin) cachelint';
      await client?.restart();
      status.text = '$(database) cachelint';
    }),
  );
  await client.start();
}

/** Objects and lists whose declared defaults are empty: VS Code's own merge across scopes is what the user expects. */
const MERGED_KEYS = ['rules', 'ignore', 'context', 'clients'];
/** Scalars with real defaults: only a value the user set may override the repository's .cachelint.json. */
const EXPLICIT_KEYS = ['enable', 'maxFileSizeKb', 'defaultTtlSeconds'];

/** The cachelint settings to send the server for a resource, without declared scalar defaults. */
function explicitSettings(scopeUri: string | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('cachelint', scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const out: Record<string, unknown> = {};
  for (const key of MERGED_KEYS) out[key] = config.get(key);
  for (const key of EXPLICIT_KEYS) {
    const i = config.inspect(key);
    const value = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

async function analyzeWorkspace(): Promise<AnalyzeWorkspaceResult | undefined> {
  if (!client) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'cachelint: analysing the workspace' },
    () => client!.sendRequest<AnalyzeWorkspaceResult>(ANALYZE_WORKSPACE_REQUEST),
  );
  void vscode.window.showInformationMessage(`cachelint: ${result.findings} findings in ${result.files} files (${result.ms} ms).`);
  return result;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
