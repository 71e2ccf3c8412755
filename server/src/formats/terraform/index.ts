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
import { buildHclEdits } from './edits';
import { parseTerraformJson } from './json';
import { newlineOf } from './newline';

const isJson = (file: SourceFile) => /\.json$/i.test(file.path);
const isVars = (file: SourceFile) => /\.tfvars$/i.test(file.path);

function parseHcl(file: SourceFile, lines: LineIndex, grammars: Grammars): ParsedInfra {
  const tree = grammars.parser('terraform').parse(withUnixLineBreaks(file.text));
  if (!tree) return { model: { format: 'terraform', resources: [] }, errors: [{ message: 'the HCL parser returned no tree' }], buildEdits: () => undefined };
  try {
    const errors = syntaxErrors(tree.rootNode, lines);
    // A .tfvars file only assigns variable values: there is nothing in it to normalise (yet).
    if (isVars(file)) return { model: { format: 'terraform', resources: [] }, errors, buildEdits: () => undefined };
    const { resources, layouts, variables } = normalizeHcl(tree.rootNode, lines);
    const eol = newlineOf(lines);
    return { model: { format: 'terraform', resources }, errors, buildEdits: (intent) => buildHclEdits(intent, lines, eol, layouts, variables) };
  } finally {
    tree.delete();
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
