/**
 * CloudFormation templates, YAML (with short-form intrinsic tags) and JSON: detection, parsing, normalisation into
 * the infrastructure model, and fix edits that keep the file's style.
 */
import type { SourceFile } from '../../engine/types';
import { withUnixLineBreaks, type LineIndex } from '../../engine/text';
import type { InfraFormat, ParsedInfra } from '../format';
import { Source } from './source';
import { parseText } from './parse';
import { declaredIn, isTemplate, normalizeTemplate, type NormalizedTemplate } from './normalize';
import { buildEdits } from './edits';

function isJson(file: SourceFile): boolean {
  if (file.languageId === 'json' || file.languageId === 'jsonc') return true;
  if (file.languageId === 'yaml' || /\.ya?ml$/i.test(file.path)) return false;
  return /\.json$/i.test(file.path) || /^\s*\{/.test(file.text);
}

/** Is this text meant to be a template? For broken files (are their errors worth showing?) and for bulk scans. */
function mentionsTemplate(text: string): boolean {
  return /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?(AWS|Custom)::/.test(text);
}

function parse(file: SourceFile, lines: LineIndex): ParsedInfra | undefined {
  // YAML ends lines at a lone \r as the editor does; the `yaml` library does not, so it is shown a \n there.
  const src = new Source(withUnixLineBreaks(file.text), lines, isJson(file));
  const { root, errors, isCurrent, reusable, problems } = parseText(src, file.path);
  const template = isTemplate(root);
  if (!template && !(errors.length && mentionsTemplate(file.text))) return undefined;
  const normalized: NormalizedTemplate = template ? normalizeTemplate(root, src, reusable) : { resources: [], nodes: new WeakMap() };
  return {
    model: { format: 'cloudformation', resources: normalized.resources, declared: template ? declaredIn(root) : new Map() },
    errors,
    // Nodes of an incremental parse are shared with the file's next parse, which moves them.
    buildEdits: (intent) => (isCurrent() ? buildEdits(intent, src, normalized.nodes, template ? root : undefined, problems) : undefined),
  };
}

export const cloudformation: InfraFormat = {
  id: 'cloudformation',
  comments: (file) => (isJson(file) ? {} : { line: '#' }),
  mayContain: mentionsTemplate,
  grammars: () => [],
  parse,
};
