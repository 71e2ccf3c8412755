/**
 * A minimal LSP client for protocol tests: starts the built `dist/server.js --stdio` as another editor would,
 * answers the server's requests, and collects published diagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_EXEC_ARGV } from '../../server/src/protocol';
import { stopServer } from '../support/stopServer';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number; code: string; source: string; message: string; codeDescription?: { href: string };
  data?: { ruleId: string; version: number; fixes: { title: string; edits: unknown[] }[] };
}

const SERVER = path.resolve(__dirname, '../../dist/server.js');

export class TestClient {
  readonly connection: MessageConnection;
  private readonly proc: ChildProcess;
  private readonly diagnostics = new Map<string, { version?: number; diagnostics: Diag[] }>();
  private readonly waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  settings: unknown = {};

  /** `answerConfiguration` replaces the whole answer to workspace/configuration (e.g. `null`, as Neovim sends). */
  constructor(private readonly options: { answerConfiguration?: (params: { items: unknown[] }) => unknown } = {}) {
    // Started as the VS Code client starts it.
    this.proc = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => this.stderr.push(String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => { this.shown.push(p.message); });
    this.connection.onRequest('window/showMessageRequest', (p: { message: string }) => { this.shown.push(p.message); return null; });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      this.options.answerConfiguration ? this.options.answerConfiguration(p) : p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(rootPath: string, opts: { capabilities?: unknown; initializationOptions?: unknown } = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'ws' }],
      capabilities: opts.capabilities ?? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: opts.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, languageId: string, text: string, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Waits until diagnostics for `uri` satisfy `accept` (published for `version`, when given). */
  async diagnosticsFor(uri: string, accept: (d: Diag[]) => boolean = () => true, version?: number, timeoutMs = 15000): Promise<Diag[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.diagnostics.get(uri);
      if (got && (version === undefined || got.version === version) && accept(got.diagnostics)) return got.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(got?.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`))}; stderr: ${this.stderr.join('')}; log: ${this.logs.join('\n')}`);
      await new Promise<void>((resolve) => { const t = setTimeout(resolve, left); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
  }

  get exitCode(): number | null { return this.proc.exitCode; }

  stop(): Promise<void> {
    return stopServer(this.connection, this.proc);
  }
}
