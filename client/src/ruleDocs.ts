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

/** The front matter's fields (title, severity, services, references …) as a table above the page. */
function metaRows(meta: Record<string, unknown> | undefined): string {
  const cell = (v: unknown): string => Array.isArray(v)
    ? v.map(cell).join(v.every((x) => typeof x === 'string' && x.startsWith('https://')) ? '<br>' : ', ')
    : typeof v === 'string' && /^https:\/\/\S+$/.test(v) ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(String(v));
  return Object.entries(meta ?? {}).filter(([k]) => k !== 'id').map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${cell(v)}</td></tr>`).join('');
}

function pageHtml(ruleId: string, meta: Record<string, unknown> | undefined, body: string, cspSource: string): string {
  const rows = metaRows(meta);
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
    const linked = linkRulePages(await render(doc.markdown), known);
    const title = `cachelint: ${doc.ruleId}`;
    if (!panel) {
      panel = vscode.window.createWebviewPanel(RULE_DOCS_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: false, enableCommandUris: [COMMANDS.showRuleDocumentation], localResourceRoots: [],
      });
      panel.onDidDispose(() => { panel = undefined; });
    }
    panel.title = title;
    panel.webview.html = pageHtml(doc.ruleId, doc.meta, linked.html, panel.webview.cspSource);
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Beside, false);
    return { ruleId: doc.ruleId, title, viewType: RULE_DOCS_VIEW_TYPE, links: linked.links };
  }

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, show),
    { dispose: () => panel?.dispose() },
  );
}

/** The rule pages' published URLs (server/src/rules docsUrl) as they appear in hover markdown. */
const DOCS_LINK = /\]\(https:\/\/github\.com\/cachelint\/cachelint\/blob\/main\/knowledge\/rules\/([a-z0-9-]+)\.md\)/g;

/** A hover's rule links opened in the editor, as the Problems panel's: trusted for that one command only. */
export function localDocsLinks(hover: vscode.Hover | null | undefined): vscode.Hover | null | undefined {
  if (!hover) return hover;
  const contents = hover.contents.map((c) => {
    if (!(c instanceof vscode.MarkdownString)) return c;
    const value = c.value.replace(DOCS_LINK, (_, id: string) => `](${docsCommandUri(id).toString()})`);
    if (value === c.value) return c;
    const md = new vscode.MarkdownString(value, c.supportThemeIcons);
    md.isTrusted = { enabledCommands: [COMMANDS.showRuleDocumentation] };
    return md;
  });
  return new vscode.Hover(contents, hover.range);
}
