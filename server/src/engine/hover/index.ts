/**
 * What a hover shows besides the diagnostics under the cursor (the LSP layer puts those first): the knowledge the
 * engine has about the thing at the position. Pure; reads only the plain data an analysis keeps.
 */
import type { Position } from '../types';
import type { FileAnalysis } from '../analyze';
import { codeHover, type EngineHover } from './code';

export type { EngineHover } from './code';

export function knowledgeHover(analysis: Pick<FileAnalysis, 'calls'>, position: Position): EngineHover | null {
  if (analysis.calls) return codeHover(analysis.calls, position);
  return null;
}
