/** Picks the format module for a file by extension (and the editor's language id when there is one). */
import type { SourceFile } from '../engine/types';
import type { CodeFormat, InfraFormat } from './format';
import { cloudformation } from './cloudformation';
import { terraform } from './terraform';
import { python } from './code/python';
import { javascript, typescript } from './code/javascript';

export type FormatChoice = { kind: 'infra'; format: InfraFormat } | { kind: 'code'; format: CodeFormat };

const BY_EXTENSION: [RegExp, FormatChoice][] = [
  [/\.(tf|tf\.json|tfvars)$/i, { kind: 'infra', format: terraform }],
  [/\.(ya?ml|json|template|cfn)$/i, { kind: 'infra', format: cloudformation }],
  [/\.pyi?$/i, { kind: 'code', format: python }],
  [/\.(m|c)?jsx?$/i, { kind: 'code', format: javascript }],
  [/\.(m|c)?tsx?$/i, { kind: 'code', format: typescript }],
];

const BY_LANGUAGE_ID: Record<string, FormatChoice> = {
  terraform: { kind: 'infra', format: terraform },
  yaml: { kind: 'infra', format: cloudformation },
  json: { kind: 'infra', format: cloudformation },
  python: { kind: 'code', format: python },
  javascript: { kind: 'code', format: javascript },
  javascriptreact: { kind: 'code', format: javascript },
  typescript: { kind: 'code', format: typescript },
  typescriptreact: { kind: 'code', format: typescript },
};

export function formatFor(file: Pick<SourceFile, 'path' | 'languageId'>): FormatChoice | undefined {
  for (const [re, choice] of BY_EXTENSION) if (re.test(file.path)) return choice;
  return file.languageId ? BY_LANGUAGE_ID[file.languageId] : undefined;
}
