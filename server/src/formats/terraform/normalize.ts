/**
 * HCL → infrastructure model: one resource per `resource "TYPE" "NAME" { … }` block whose type cachelint models.
 * The anchor range spans both labels (`"aws_elasticache_replication_group" "main"`): the pair is the resource's
 * address, the Terraform counterpart of a CloudFormation logical id.
 */
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../../engine/text';
import type { IacResource } from '../../model/iac';
import { schemaFor } from '../../model/iac-schema';
import type { BlockLayout, BodyItem, VariableLayout } from './layout';
import { META_ARGUMENTS } from './references';
import { attributeParts, blockParts, labelText, parts } from './syntax';
import { collectScope } from './symbols';
import { bodyProperties, type ValueContext } from './values';

export interface HclResources {
  resources: IacResource[];
  /** Layout of each resource's block, for the edit builder; absent when the block holds a syntax error. */
  layouts: Map<IacResource, BlockLayout>;
  /** Layout of each well-formed `variable` block, by name (the last one wins, as in the scope). */
  variables: Map<string, VariableLayout>;
}

export function normalizeHcl(root: Node, lines: LineIndex): HclResources {
  const body = parts(root).find((n) => n.type === 'body');
  const ctx: ValueContext = { lines, scope: collectScope(body, lines) };
  const out: HclResources = { resources: [], layouts: new Map(), variables: new Map() };
  for (const block of body ? parts(body).filter((n) => n.type === 'block') : []) {
    const b = blockParts(block);
    if (b.type === 'variable' && b.labels.length === 1) {
      const name = labelText(b.labels[0]);
      if (name === undefined) continue;
      if (!b.start || !b.end || block.hasError) { out.variables.delete(name); continue; }
      const variable: VariableLayout = { start: block.startIndex, open: b.start.startIndex, close: b.end.startIndex, items: b.body ? bodyItems(b.body) : [] };
      const type = b.body && parts(b.body).find((n) => n.type === 'attribute' && attributeParts(n).name.text === 'type');
      const typeValue = type ? attributeParts(type).value : undefined;
      if (typeValue) variable.type = typeValue.text.trim();
      out.variables.set(name, variable);
      continue;
    }
    if (b.type !== 'resource' || b.labels.length !== 2) continue;
    const [typeLabel, nameLabel] = b.labels;
    const type = labelText(typeLabel);
    const name = labelText(nameLabel);
    const schema = type === undefined ? undefined : schemaFor('tf', type);
    if (!schema || name === undefined) continue;
    const attributes = new Set(b.body ? parts(b.body).filter((n) => n.type === 'attribute').map((n) => attributeParts(n).name.text) : []);
    const resource: IacResource = {
      kind: schema.schema.kind,
      type: type!,
      name,
      anchorRange: lines.range(typeLabel.startIndex, nameLabel.endIndex),
      properties: bodyProperties(b.body, ctx, (w) => (META_ARGUMENTS.has(w) ? undefined : schema.canonicalByWritten.get(w) ?? w)),
    };
    if (attributes.has('count') || attributes.has('for_each')) resource.conditional = true;
    out.resources.push(resource);
    if (b.start && b.end && !block.hasError) {
      out.layouts.set(resource, { start: block.startIndex, open: b.start.startIndex, close: b.end.startIndex, items: b.body ? bodyItems(b.body) : [] });
    }
  }
  return out;
}

function bodyItems(body: Node): BodyItem[] {
  const items: BodyItem[] = [];
  for (const n of parts(body)) {
    if (n.type !== 'attribute' && n.type !== 'block') continue;
    const name = parts(n)[0];
    const item: BodyItem = { kind: n.type, name: name.text, start: n.startIndex, end: n.endIndex, nameEnd: name.endIndex };
    if (n.type === 'attribute') {
      item.equals = n.children.find((c) => c.type === '=')?.startIndex;
      item.valueStart = attributeParts(n).value?.startIndex;
    }
    items.push(item);
  }
  return items;
}
