/**
 * textDocument/codeLens: the one-line summary the analysis computed for each cache of a template (engine/codelens),
 * whose command opens the sizing wizard on that cache. `cachelint.codeLens.enabled` (an editor setting, default on)
 * turns them off; it is read through workspace/configuration per document and cached until the configuration changes.
 */
import { CodeLensRefreshRequest, ConfigurationRequest, type CodeLens, type Connection } from 'vscode-languageserver/node';
import type { FileAnalysis } from '../engine/analyze';
import { COMMANDS, type SizingWizardLensArgs } from '../protocol';

export function codeLenses(analysis: FileAnalysis | undefined): CodeLens[] {
  return (analysis?.lenses ?? []).map((l) => ({
    range: l.range,
    command: { title: l.title, command: COMMANDS.sizingWizard, arguments: [{ current: l.shape } satisfies SizingWizardLensArgs] },
  }));
}

const ANSWER_TIMEOUT_MS = 5000;

export class CodeLensSetting {
  private readonly cache = new Map<string, Promise<boolean>>();
  /** Set from the client's capabilities at initialize. */
  hasConfigurationCapability = false;
  refreshSupported = false;

  constructor(private readonly connection: Connection) {}

  enabled(uri: string): Promise<boolean> {
    let hit = this.cache.get(uri);
    if (!hit) this.cache.set(uri, (hit = this.read(uri)));
    return hit;
  }

  /** Settings changed: read again, and ask the client to ask again for the lenses it shows. */
  changed() {
    this.cache.clear();
    if (this.refreshSupported) void this.connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, () => undefined);
  }

  forget(uri: string) {
    this.cache.delete(uri);
  }

  /** Only an explicit `false` turns them off: a client without settings, or one that does not answer, keeps the default. */
  private async read(uri: string): Promise<boolean> {
    if (!this.hasConfigurationCapability) return true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('no answer')), ANSWER_TIMEOUT_MS); });
      const answer = await Promise.race([this.connection.sendRequest(ConfigurationRequest.type, { items: [{ scopeUri: uri, section: 'cachelint.codeLens' }] }), late]);
      const first = Array.isArray(answer) ? (answer[0] as { enabled?: unknown } | null | undefined) : undefined;
      return first?.enabled !== false;
    } catch {
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
