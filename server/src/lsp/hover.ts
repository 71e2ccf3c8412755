/** textDocument/hover: the engine's answer (engine/hover) for the open text — findings, templates, Redis calls — as an LSP Hover. */
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis } from '../engine/analyze';
import type { Knowledge } from '../host/knowledge';
import { hoverAt as engineHover } from '../engine/hover';
import { uriToPath } from './uris';

/** `analysis` only when it is of this version of the text: findings of older text point at other places. */
export function hoverAt(doc: TextDocument, position: Position, analysis: FileAnalysis | undefined, knowledge: Knowledge): Hover | null {
  const file = { path: uriToPath(doc.uri) ?? doc.uri, languageId: doc.languageId, text: doc.getText() };
  const answer = engineHover({ file, position, findings: analysis?.findings, calls: analysis?.calls, ruleSummary: (id) => knowledge.ruleSummary(id), today: new Date().toISOString().slice(0, 10) });
  return answer ? { contents: { kind: 'markdown', value: answer.markdown }, range: answer.range } : null;
}
