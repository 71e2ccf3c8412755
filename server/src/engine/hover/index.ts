/**
 * Hover, protocol-free: a finding under the position first (its message and rule page, as hover always did), then
 * what the templates' locators find there (iac.ts). Every provider that has something to say adds a section, in
 * this order: a previous-generation node type shows the finding, then the node's figures.
 */
import type { Finding, Position, Range, SourceFile } from '../types';
import { LineIndex, rangeContains } from '../text';
import { ruleById } from '../../rules';
import { iacHover } from './iac';
import { codeHover, type CallOutline } from './code';

export interface HoverRequest {
  file: Pick<SourceFile, 'path' | 'languageId' | 'text'>;
  position: Position;
  /** The findings of the file's current analysis; undefined while it is older than the text. */
  findings?: readonly Finding[];
  /** The Redis calls of the same analysis, in code files (plain outlines that crossed back from the worker). */
  calls?: readonly CallOutline[];
  /** A rule page's summary (the host reads the knowledge base). */
  ruleSummary(id: string): string | undefined;
  /** YYYY-MM-DD, for support dates. */
  today: string;
}

export interface HoverAnswer { markdown: string; range: Range }

type Provider = (req: HoverRequest, lines: LineIndex) => HoverAnswer | undefined;

function diagnosticHover(req: HoverRequest): HoverAnswer | undefined {
  const hits = (req.findings ?? []).filter((f) => rangeContains(f.range, req.position));
  if (!hits.length) return undefined;
  const sections = hits.map((f) => {
    const rule = ruleById(f.ruleId);
    const summary = req.ruleSummary(f.ruleId);
    return [`**cachelint · ${rule?.meta.title ?? f.ruleId}** (\`${f.ruleId}\`, ${f.severity})`, '', f.message, summary ? `\n---\n\n${summary}` : '', '', `[Rule documentation](${f.docs})`].join('\n');
  });
  return { markdown: sections.join('\n\n---\n\n'), range: hits[0].range };
}

function templateHover(req: HoverRequest, lines: LineIndex): HoverAnswer | undefined {
  const found = iacHover(req.file, lines.offsetAt(req.position), req.today);
  return found && { markdown: found.markdown, range: lines.range(found.start, found.end) };
}

function callHover(req: HoverRequest): HoverAnswer | undefined {
  return (req.calls && codeHover(req.calls, req.position)) ?? undefined;
}

const PROVIDERS: readonly Provider[] = [
  diagnosticHover,
  templateHover,
  callHover,
];

export function hoverAt(req: HoverRequest): HoverAnswer | undefined {
  const lines = new LineIndex(req.file.text);
  const answers = PROVIDERS.map((p) => p(req, lines)).filter((a): a is HoverAnswer => !!a);
  if (!answers.length) return undefined;
  return { markdown: answers.map((a) => a.markdown).join('\n\n---\n\n'), range: answers[0].range };
}
