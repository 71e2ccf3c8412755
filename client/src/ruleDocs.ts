/**
 * cachelint: Show Rule Documentation — the rule's page from the bundled knowledge base, rendered inside the editor
 * in a webview: no network (the CSP allows no remote source and no script), VS Code's theme colours, and links
 * between rule pages (`[missing-ttl](missing-ttl.md)`) turned into command links that open that page here. The
 * `codeDescription` link of every diagnostic is pointed at the same command (see `docsCommandUri`).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, RULE_DOCUMENTATION_REQUEST, RULES_REQUEST, type RuleDocumentationResult, type RuleSummary } from '../../server/src/protocol';

export const RULE_DOCS_VIEW_TYPE = 'cachelint.ruleDocumentation';

/** What the command resolves to, for tests and other extensions. */
export interface RuleDocsOutcome { ruleId: string; title: string; viewType: string; links: string[] }

/** The command link that opens a rule's page in the editor. */
export function docsCommandUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${COMMANDS.showRuleDocumentation}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

/** `---\nid: …\n---\n` at the top of a page: its metadata, not text to show. */
function splitFrontMatter(page: string): { meta: [string, string][]; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(page);
  if (!m) return { meta: [], body: page };
  const meta: [string, string][] = [];
  let last: [string, string] | undefined;
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (kv) meta.push((last = [kv[1], kv[2]]));
    else if (last && /^\s+-\s+/.test(line)) last[1] += `${last[1] ? ', ' : ''}${line.replace(/^\s+-\s+/, '')}`;
  }
  return { meta, body: page.slice(m[0].length) };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Links to `other-rule.md` become command links; the ids they open are returned for tests. */
function linkRulePages(html: string, known: ReadonlySet<string>): { html: string; links: string[] } {
  const links: string[] = [];
  const out = html.replace(/href="(?:\.\/)?([a-z0-9-]+)\.md(?:#[^"]*)?"/g, (whole, id: string) => {
    if (!known.has(id)) return whole;
    links.push(id);
    return `href="${docsCommandUri(id).toString()}" title="${escapeHtml(id)}"`;
  });
  return { html: out, links };
}

function pageHtml(ruleId: string, meta: [string, string][], body: string, cspSource: string): string {
  const rows = meta.filter(([k]) => k !== 'id').map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v.replace(/^\[|\]$/g, ''))}</td></tr>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource} data:;">
<title>${escapeHtml(ruleId)}</title>
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); max-width: 60rem; padding: 0 1.5rem 2rem; line-height: 1.5; }
  a { color: var(--vscode-textLink-foreground); } a:hover { color: var(--vscode-textLink-activeForeground); }
  code, pre { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); }
  pre { padding: .6rem .8rem; overflow-x: auto; } code { padding: 0 .2rem; } pre code { padding: 0; }
  table { border-collapse: collapse; margin: .6rem 0; } th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: .25rem .5rem; text-align: left; vertical-align: top; }
  table.meta th { font-weight: 600; white-space: nowrap; }
  blockquote { border-left: 3px solid var(--vscode-textBlockQuote-border); background: var(--vscode-textBlockQuote-background); margin: 0; padding: .2rem .8rem; }
</style></head>
<body>${rows ? `<table class="meta">${rows}</table>` : ''}
${body}
</body></html>`;
}

/** The markdown as HTML by VS Code's own renderer (the built-in Markdown extension); plain text if it is missing. */
async function render(markdown: string): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    if (typeof html === 'string') return html;
  } catch { /* the Markdown extension is disabled */ }
  return `<pre>${escapeHtml(markdown)}</pre>`;
}

export function registerRuleDocs(getClient: () => LanguageClient | undefined): vscode.Disposable {
  let panel: vscode.WebviewPanel | undefined;
  let known: Set<string> | undefined;

  async function show(ruleId?: string): Promise<RuleDocsOutcome | undefined> {
    const client = getClient();
    if (!client) return undefined;
    const rules = await client.sendRequest<RuleSummary[]>(RULES_REQUEST);
    known ??= new Set(rules.map((r) => r.id));
    let id = typeof ruleId === 'string' ? ruleId : undefined;
    if (!id) {
      const pick = await vscode.window.showQuickPick(rules.map((r) => ({ label: r.id, description: r.defaultSeverity, detail: r.title })), { placeHolder: 'Rule' });
      id = pick?.label;
    }
    if (!id) return undefined;
    const doc = await client.sendRequest<RuleDocumentationResult>(RULE_DOCUMENTATION_REQUEST, { ruleId: id });
    if (!doc.markdown) { void vscode.window.showWarningMessage(`cachelint has no documentation for "${id}".`); return undefined; }
    const { meta, body } = splitFrontMatter(doc.markdown);
    const linked = linkRulePages(await render(body), known);
    const title = `cachelint: ${doc.ruleId}`;
    if (!panel) {
      panel = vscode.window.createWebviewPanel(RULE_DOCS_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: false, enableCommandUris: [COMMANDS.showRuleDocumentation], localResourceRoots: [],
      });
      panel.onDidDispose(() => { panel = undefined; });
    }
    panel.title = title;
    panel.webview.html = pageHtml(doc.ruleId, meta, linked.html, panel.webview.cspSource);
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Beside, false);
    return { ruleId: doc.ruleId, title, viewType: RULE_DOCS_VIEW_TYPE, links: linked.links };
  }

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, show),
    { dispose: () => panel?.dispose() },
  );
}
