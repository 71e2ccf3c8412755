/**
 * Puts a snippet where the user expects it: at the cursor of the editor they were in, when that editor holds the
 * right kind of file, else in a new untitled document of the snippet's language. A CloudFormation snippet is a
 * whole template, so it goes only into an empty YAML document; a Terraform one is top-level blocks, which any
 * `.tf` file takes.
 */
import * as vscode from 'vscode';

export interface Inserted { uri: string; languageId: string; untitled: boolean }

function takes(editor: vscode.TextEditor, language: 'yaml' | 'terraform'): boolean {
  const doc = editor.document;
  if (language === 'terraform') return doc.languageId === 'terraform' || /\.tf$/i.test(doc.fileName);
  return doc.languageId === 'yaml' && doc.getText().trim() === '';
}

export async function insertSnippet(text: string, language: 'yaml' | 'terraform', editor: vscode.TextEditor | undefined): Promise<Inserted> {
  if (editor && !editor.document.isClosed && takes(editor, language)) {
    const doc = editor.document;
    const cursor = editor.selection.active;
    // Mid-line, the blocks start on the next line; in a non-empty file, a blank line keeps them apart from the rest.
    const line = doc.lineAt(cursor.line);
    const at = line.isEmptyOrWhitespace ? line.range.start : line.range.end;
    const before = line.isEmptyOrWhitespace ? (cursor.line > 0 && !doc.lineAt(cursor.line - 1).isEmptyOrWhitespace ? '\n' : '') : '\n\n';
    const after = doc.lineCount > cursor.line + 1 ? '\n' : '';
    await vscode.window.showTextDocument(doc, editor.viewColumn);
    const done = await editor.edit((b) => b.insert(at, before + text + after));
    if (!done) throw new Error(`could not edit ${doc.uri.toString()}`);
    return { uri: doc.uri.toString(), languageId: doc.languageId, untitled: doc.isUntitled };
  }
  const doc = await vscode.workspace.openTextDocument({ language, content: text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  return { uri: doc.uri.toString(), languageId: doc.languageId, untitled: true };
}
