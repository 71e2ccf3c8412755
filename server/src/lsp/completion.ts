/** textDocument/completion: the engine's entries (engine/completion) for the open text, as LSP items. */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeAt } from '../engine/completion';
import { uriToPath } from './uris';

/** What opens completion unasked: a key's `:`, an opening `"`, the space after `:` or `=`, the `.` in `cache.r7g.`. */
export const COMPLETION_TRIGGERS = [':', '"', ' ', '.', '='];

const KIND = { class: CompletionItemKind.Class, property: CompletionItemKind.Property, value: CompletionItemKind.Value, enum: CompletionItemKind.EnumMember } as const;

export function completionAt(doc: TextDocument | undefined, position: Position, trigger?: string): CompletionItem[] {
  if (!doc) return [];
  const file = { path: uriToPath(doc.uri) ?? doc.uri, languageId: doc.languageId, text: doc.getText() };
  return completeAt({ file, position, trigger, today: new Date().toISOString().slice(0, 10) }).map((e) => ({
    label: e.label,
    kind: KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: 'markdown', value: e.documentation } : undefined,
    sortText: e.sortText,
    filterText: e.filterText,
    textEdit: { range: e.range, newText: e.newText },
    insertTextFormat: InsertTextFormat.PlainText,
    ...(e.deprecated ? { tags: [1] as 1[] } : {}),
  }));
}
