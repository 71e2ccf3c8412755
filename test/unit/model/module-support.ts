/** A Terraform directory read as the hosts read it: each file summarised alone, then one file parsed with the others' summaries. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Grammars } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { formatFor } from '../../../server/src/formats';
import type { ParsedInfra } from '../../../server/src/formats/format';
import type { SourceFile } from '../../../server/src/engine/types';
import type { ModuleSummary } from '../../../server/src/model/module';

let grammars: Grammars | undefined;

async function parse(file: SourceFile): Promise<ParsedInfra> {
  grammars ??= new Grammars(nodeGrammarSource());
  const choice = formatFor(file);
  if (choice?.kind !== 'infra') throw new Error(`${file.path} is not infrastructure`);
  for (const g of choice.format.grammars(file)) await grammars.ensure(g);
  const parsed = choice.format.parse(file, new LineIndex(file.text), grammars);
  if (!parsed) throw new Error(`${file.path} was not recognised`);
  return parsed;
}

export function readDir(dir: string): SourceFile[] {
  return fs.readdirSync(dir).sort().map((f) => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export async function summaries(files: SourceFile[]): Promise<ModuleSummary[]> {
  const out: ModuleSummary[] = [];
  for (const f of files) {
    const s = (await parse(f)).model.summary;
    if (s) out.push(s);
  }
  return out;
}

/** `name` parsed with the summaries of the other files (`files` may override a file's text). */
export async function parseInModule(files: SourceFile[], name: string): Promise<ParsedInfra> {
  const file = files.find((f) => path.basename(f.path) === name)!;
  const others = await summaries(files.filter((f) => f !== file));
  // Through JSON, as summaries cross threads and caches: nothing in them may depend on object identity.
  return parse({ ...file, module: JSON.parse(JSON.stringify(others)) as ModuleSummary[] });
}
