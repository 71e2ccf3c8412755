/**
 * The built server over stdio, driven as an editor would (after test/lsp/client.ts), with what the benchmark needs
 * on top: the arrival time of each versioned publishDiagnostics, the child's resident memory, the stats request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { stopServer } from '../../test/support/stopServer';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_EXEC_ARGV, STATS_REQUEST, type AnalysisStat, type StatsResult } from '../../server/src/protocol';
import { SERVER_JS } from '../built';
import { PLANTED_RULES } from '../planted';
import { now } from '../measure';

interface Published { version?: number; count: number; at: number }

export interface Position { line: number; character: number }

export class BenchClient {
  private readonly proc: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly last = new Map<string, Published>();
  private readonly waiters = new Map<string, (p: Published) => void>();
  private readonly stderr: string[] = [];
  /** When the last publish for any document arrived: "wait until the server has gone quiet". */
  lastPublishAt = 0;

  /** `execArgv`: Node's flags for the server; by default those the VS Code client starts it with. */
  constructor(execArgv: string[] = SERVER_EXEC_ARGV) {
    this.proc = spawn(process.execPath, [...execArgv, SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => this.stderr.push(String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: { code?: unknown }[] }) => {
      const got = { version: p.version, count: p.diagnostics.filter((d) => PLANTED_RULES.has(String(d.code))).length, at: now() };
      this.lastPublishAt = got.at;
      this.last.set(p.uri, got);
      const key = `${p.uri}@${p.version}`;
      this.waiters.get(key)?.(got);
      this.waiters.delete(key);
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  get pid(): number { return this.proc.pid!; }

  async initialize(root: string): Promise<void> {
    const uri = pathToFileURL(root).href;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** One incremental change, as editors send keystrokes. */
  change(uri: string, version: number, start: Position, end: Position, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text }] });
  }

  /** Resolves with the publish for exactly this version; register before sending the change it answers. */
  published(uri: string, version: number, timeoutMs = 60_000): Promise<Published> {
    const seen = this.last.get(uri);
    if (seen?.version === version) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version} in ${timeoutMs} ms; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.waiters.set(`${uri}@${version}`, (p) => { clearTimeout(t); resolve(p); });
    });
  }

  /** The server's own account of recent analyses, or undefined from a server (an older build) that has no such request. */
  async stats(): Promise<AnalysisStat[] | undefined> {
    try {
      const r = await this.connection.sendRequest<StatsResult | null>(STATS_REQUEST);
      return Array.isArray(r?.analyses) ? r.analyses : undefined;
    } catch {
      return undefined;
    }
  }

  /** Resident and peak resident memory of the server process (worker threads included), in MB. */
  memory(): { rssMb: number; peakMb: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  stop(): Promise<void> {
    return stopServer(this.connection, this.proc);
  }
}
