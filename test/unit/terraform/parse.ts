/** Runs the Terraform format module directly (no rules), with the grammar loaded from node_modules. */
import { Grammars } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { terraform } from '../../../server/src/formats/terraform';
import type { ParsedInfra } from '../../../server/src/formats/format';
import type { Range } from '../../../server/src/engine/types';

let grammars: Grammars | undefined;

export async function parseTerraform(path: string, text: string): Promise<ParsedInfra> {
  grammars ??= new Grammars(nodeGrammarSource());
  for (const g of terraform.grammars({ path, text })) await grammars.ensure(g);
  const parsed = terraform.parse({ path, text }, new LineIndex(text), grammars);
  if (!parsed) throw new Error(`${path} was not recognised`);
  return parsed;
}

/** `line:col-line:col`, 1-based, for compact range assertions. */
export function at(range: Range | undefined): string {
  if (!range) return 'none';
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** The grammars `parseTerraform` loaded, for tests that call the format with a module of sibling files. */
export function grammarsForTests(): Grammars {
  if (!grammars) throw new Error('call parseTerraform first');
  return grammars;
}
