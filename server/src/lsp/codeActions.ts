/**
 * textDocument/codeAction: the fixes carried by each diagnostic (only for the version they were computed on), "fix
 * all of this rule", disable comments, the rule's documentation; and `source.fixAll.cachelint` for fix-on-save.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis } from '../engine/analyze';
import { combinePreferredFixes } from '../engine/fixAll';
import { disableFileEdit, disableLineEdit } from '../engine/suppression';
import { LineIndex } from '../engine/text';
import { COMMANDS, type DiagnosticData } from '../protocol';

/** `editor.codeActionsOnSave: { "source.fixAll.cachelint": "explicit" }` applies the unattended-safe fixes on save. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cachelint`;

/** `analysis` is the document's latest analysis, with the version it was computed on. */
export function codeActions(doc: TextDocument, params: CodeActionParams, latest: { version: number; analysis: FileAnalysis } | undefined): CodeAction[] {
  const uri = doc.uri;
  // Fixes are only offered for the version they were computed on: a stale fix would edit moved text.
  const analysis = latest?.version === doc.version ? latest.analysis : undefined;
  const only = params.context.only;
  if (only?.some((k) => FIX_ALL_KIND.startsWith(k)) && !only.includes(CodeActionKind.QuickFix)) {
    const all = analysis ? combinePreferredFixes(analysis.findings, { unattendedOnly: true }) : { edits: [], fixed: 0 };
    return all.fixed ? [{ title: `Fix all cachelint problems (${all.fixed})`, kind: FIX_ALL_KIND, edit: { changes: { [uri]: all.edits } } }] : [];
  }
  const lines = new LineIndex(doc.getText());
  const comments = latest?.analysis.comments ?? {};
  const actions: CodeAction[] = [];
  const offeredFixAll = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'cachelint') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data?.ruleId) continue;
    if (data.version === doc.version) {
      for (const fix of data.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: { changes: { [uri]: fix.edits } } });
      }
    }
    if (analysis && !offeredFixAll.has(data.ruleId)) {
      offeredFixAll.add(data.ruleId);
      const all = combinePreferredFixes(analysis.findings, { ruleId: data.ruleId });
      if (all.fixed > 1) actions.push({ title: `Fix all ${data.ruleId} problems in this file (${all.fixed})`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: all.edits } } });
    }
    const lineEdit = disableLineEdit(lines, comments, diagnostic.range.start.line, data.ruleId);
    if (lineEdit) actions.push({ title: `Disable ${data.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [lineEdit] } } });
    const fileEdit = disableFileEdit(lines, comments, data.ruleId);
    if (fileEdit) actions.push({ title: `Disable ${data.ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [fileEdit] } } });
    actions.push({ title: `Show documentation for ${data.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Show rule documentation', command: COMMANDS.showRuleDocumentation, arguments: [data.ruleId] } });
  }
  return actions;
}
