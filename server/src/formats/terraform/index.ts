/**
 * Terraform: HCL `.tf` files through tree-sitter, Terraform JSON `.tf.json` files through a positioned JSON
 * reader, and `.tfvars` files (parsed for syntax errors; they declare no resources).
 */
import type { InfraFormat, ParsedInfra } from '../format';
import type { SourceFile } from '../../engine/types';
import { withUnixLineBreaks, type LineIndex } from '../../engine/text';
import type { Grammars } from '../../engine/grammars';
import { syntaxErrors } from './errors';
import { normalizeHcl } from './normalize';
import { buildHclEdits, type Taken } from './edits';
import { reparser } from './deep-layout';
import { parseTerraformJson } from './json';
import { newlineOf } from './newline';
import { readVariableFile } from './tfvars';

const isJson = (file: SourceFile) => /\.json$/i.test(file.path);
const isVars = (file: SourceFile) => /\.tfvars$/i.test(file.path);

function parseHcl(file: SourceFile, lines: LineIndex, grammars: Grammars): ParsedInfra {
  const text = withUnixLineBreaks(file.text);
  const tree = grammars.parser('terraform').parse(text);
  if (!tree) return { model: { format: 'terraform', resources: [] }, errors: [{ message: 'the HCL parser returned no tree' }], buildEdits: () => undefined };
  // The tree outlives parse: fixes built after the rules ran walk it for nested layouts. The engine releases it.
  let live = true;
  const release = () => { if (live) { live = false; tree.delete(); } };
  try {
    const errors = syntaxErrors(tree.rootNode, lines);
    // A .tfvars file only assigns variable values: what it says goes to the module's other files.
    if (isVars(file)) {
      const summary = readVariableFile(tree.rootNode, lines, file.path);
      release();
      return { model: { format: 'terraform', resources: [], summary }, errors, buildEdits: () => undefined };
    }
    const { resources, layouts, variables, summary, view } = normalizeHcl(tree.rootNode, lines, file.path, file.module);
    const eol = newlineOf(lines);
    const declared = new Map(view!.declared);
    for (const a of summary.declared) declared.set(a, { type: a.slice(0, a.indexOf('.')) });
    for (const r of resources) declared.set(`${r.type}.${r.name}`, { type: r.type });
    const model = { format: 'terraform' as const, resources, moduleResources: view!.resources, declared, summary };
    const reparse = reparser(text, grammars, () => [...layouts.values()].map((l) => l.start), () => (live ? tree : undefined));
    const taken: Taken = { variable: (name) => view!.input(name).declared !== false, address: (address) => declared.has(address) };
    return { model, errors, buildEdits: (intent) => buildHclEdits(intent, lines, eol, layouts, variables, reparse, taken), release };
  } catch (e) {
    release();
    throw e;
  }
}

export const terraform: InfraFormat = {
  id: 'terraform',
  // `//` is also an HCL line comment, but the contract has one line token: `#` is what `terraform fmt` prefers.
  // Every .tf file is Terraform; the file name already decided.
  mayContain: () => true,
  comments: (file) => (isJson(file) ? {} : { line: '#', otherLines: ['//'], block: ['/*', '*/'] }),
  grammars: (file) => (isJson(file) ? [] : ['terraform']),
  parse: (file, lines, grammars) => (isJson(file) ? parseTerraformJson(file, lines) : parseHcl(file, lines, grammars)),
};
