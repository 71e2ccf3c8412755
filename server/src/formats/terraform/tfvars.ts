/**
 * A variable definitions file (`terraform.tfvars`, `*.auto.tfvars`): top-level `name = value` assignments and
 * nothing else. Its values reach the module's other files through its summary (model/module.ts).
 */
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../../engine/text';
import type { ModuleSummary } from '../../model/module';
import { summaryValue } from '../../model/module';
import { attributeEntry, BodyReader, type AttributeEntry } from './body';
import { bodyProperties } from './values';

export function readVariableFile(root: Node, lines: LineIndex, path: string): ModuleSummary {
  const summary: ModuleSummary = { path, variables: [], locals: [], assignments: [], resources: [], declared: [] };
  const body = root.namedChildren.find((n) => n.type === 'body');
  if (!body) return summary;
  const entries: AttributeEntry[] = [];
  for (const node of body.namedChildren) if (node.type === 'attribute') entries.push(attributeEntry(node, lines.text, !node.hasError));
  const cursor = root.walk();
  try {
    // No scope: a variable file holds values only (Terraform rejects references in it), so any reference is unknown.
    const scope = { variables: new Map(), locals: new Map() };
    const props = bodyProperties(entries, { lines, reader: new BodyReader(cursor, lines.text), scope, clean: !root.hasError });
    for (const [name, prop] of props) {
      const value = prop.value.kind === 'input' || prop.value.kind === 'resource' ? { kind: 'unknown' as const, text: 'a reference', range: prop.value.range } : prop.value;
      summary.assignments.push({ name, value: summaryValue(value) });
    }
  } finally {
    cursor.delete();
  }
  return summary;
}
