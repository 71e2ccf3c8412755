/**
 * textDocument/hover: over a finding, its message and the rule's page from the knowledge base; then what the engine
 * knows of the thing under the cursor (engine/hover).
 */
import type { Hover, Position } from 'vscode-languageserver/node';
import type { FileAnalysis } from '../engine/analyze';
import { knowledgeHover } from '../engine/hover';
import { rangeContains } from '../engine/text';
import type { Knowledge } from '../host/knowledge';
import { ruleById } from '../rules';

export function hoverAt(analysis: FileAnalysis, position: Position, knowledge: Knowledge): Hover | null {
  const hits = analysis.findings.filter((f) => rangeContains(f.range, position));
  const sections = hits.map((f) => {
    const rule = ruleById(f.ruleId);
    const summary = knowledge.ruleSummary(f.ruleId);
    return [`**cachelint · ${rule?.meta.title ?? f.ruleId}** (\`${f.ruleId}\`, ${f.severity})`, '', f.message, summary ? `\n---\n\n${summary}` : '', '', `[Rule documentation](${f.docs})`].join('\n');
  });
  const known = knowledgeHover(analysis, position);
  if (known) sections.push(known.markdown);
  if (!sections.length) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: hits[0]?.range ?? known!.range };
}
