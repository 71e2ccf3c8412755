/**
 * The Terraform JSON builders that walk below a resource's top level or outside resources: `setAt`, `setParameter`,
 * `markInputSecret`, `addInput`, `addResource`. Terraform JSON is YAML flow syntax, so the CloudFormation tree
 * edits serve (yaml-paths.ts), with Terraform's spellings, `"${…}"` expressions, and a block level written as one
 * object standing for a list of one. Only a file without JSON errors is edited this way.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../../engine/types';
import type { FixValue, IacFixIntent } from '../../fixes/intents';
import { writtenPath } from '../../fixes/paths';
import type { IacResource } from '../../model/iac';
import { RESOURCE_TYPES, schemaFor } from '../../model/iac-schema';
import { findPair } from '../cloudformation/normalize';
import type { Source } from '../cloudformation/source';
import { markSecret } from '../cloudformation/edits-inputs';
import { setInMap, type Leaf, type TreeContext } from '../cloudformation/yaml-paths';
import { addEntry, edit, flowLayout, flowValue, removePair, type Shape } from '../cloudformation/yaml-edits';

export interface JsonTree {
  src: Source;
  root: YAMLMap;
  bodies: Map<IacResource, YAMLMap>;
  variables: Map<string, YAMLMap>;
}

/** A JSON string Terraform reads as that text: `${` and `%{` would start a template. */
function jsonString(value: string): string {
  return JSON.stringify(value.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{'));
}

export function jsonLeaf(value: FixValue): Leaf {
  const json = typeof value === 'object' ? JSON.stringify('${' + value.expression.terraform + '}') : typeof value === 'string' ? jsonString(value) : JSON.stringify(value);
  return { yaml: json, json };
}

const GROUP_TYPES = new Set(['aws_elasticache_parameter_group', 'aws_memorydb_parameter_group']);

export function buildJsonTreeEdits(intent: IacFixIntent, tree: JsonTree): TextEdit[] | undefined {
  const ctx: TreeContext = { src: tree.src, problems: [], unit: 2, singleAsList: true };
  const one = (e: TextEdit | undefined) => e && [e];
  switch (intent.kind) {
    case 'setAt': {
      const body = tree.bodies.get(intent.resource);
      const steps = writtenPath(intent.resource.type, 'tf', intent.path);
      return body && steps ? one(setInMap(ctx, body, steps.map((s) => (typeof s === 'number' ? s : s.key)), jsonLeaf(intent.value))) : undefined;
    }
    case 'setParameter': {
      const body = tree.bodies.get(intent.resource);
      return body && GROUP_TYPES.has(intent.resource.type) ? setParameter(ctx, body, intent.name, intent.value) : undefined;
    }
    case 'markInputSecret': {
      const decl = intent.input.range && intent.input.path === undefined ? tree.variables.get(intent.input.name) : undefined;
      return decl && markSecret(tree.src, decl, 'sensitive', 'default', intent.dropDefault === true);
    }
    case 'addInput': {
      const shape: [string, Shape][] = [['type', jsonLeaf(intent.type.terraform)], ['description', jsonLeaf(intent.description)]];
      if (intent.secret) shape.push(['sensitive', jsonLeaf(true)]);
      return addUnder(tree, 'variable', intent.name, shape);
    }
    case 'addResource': {
      const type = RESOURCE_TYPES.find((s) => s.kind === intent.resourceKind)?.tfType;
      const schema = type && schemaFor('tf', type);
      if (!schema || !tree.bodies.has(intent.after)) return undefined;
      const props: [string, Shape][] = [];
      for (const p of intent.properties) {
        const written = schema.writtenByCanonical.get(p.property);
        if (written === undefined) return undefined;
        props.push([written, jsonLeaf(p.value)]);
      }
      return addUnder(tree, 'resource', type, [[intent.name, props]]);
    }
    case 'removeProperty': {
      const body = tree.bodies.get(intent.resource);
      const written = schemaFor('tf', intent.resource.type)?.writtenByCanonical.get(intent.property);
      const pair = body && written !== undefined ? findPair(body, written) : undefined;
      return pair && one(removePair(tree.src, body!, pair));
    }
    default: return undefined;
  }
}

/** Adds `entries` under `root.<section>.<key>` (merging into the objects that exist), unless a name is taken. */
function addUnder(tree: JsonTree, section: string, key: string, entries: [string, Shape][] | Shape): TextEdit[] | undefined {
  const { src, root } = tree;
  const top = findPair(root, section);
  if (!top) return [addEntry(src, root, section, [[key, entries]], 2)];
  if (!isMap(top.value)) return undefined;
  const group = findPair(top.value, key);
  if (!group) return [addEntry(src, top.value, key, entries, 2)];
  // A variable of that name is declared already; a resource type's object takes the new name beside the others.
  if (section === 'variable' || !isMap(group.value) || !Array.isArray(entries)) return undefined;
  const [name, shape] = entries[0] as [string, Shape];
  return findPair(group.value, name) ? undefined : [addEntry(src, group.value, name, shape, 2)];
}

/** The parameter's `value` where a `parameter` object names it, else a new `{ "name", "value" }` object. */
function setParameter(ctx: TreeContext, body: YAMLMap, name: string, value: string): TextEdit[] | undefined {
  const { src } = ctx;
  const text = `{"name": ${jsonString(name)}, "value": ${jsonString(value)}}`;
  const pair = findPair(body, 'parameter');
  if (!pair) return [addEntry(src, body, 'parameter', { yaml: `[${text}]`, json: `[${text}]` }, 2)];
  const list = pair.value;
  const items = isSeq(list) ? list.items : isMap(list) ? [list] : undefined;
  if (!items) return undefined;
  for (const item of items) {
    if (!isMap(item)) return undefined;
    const n = findPair(item, 'name')?.value;
    if (!isScalar(n) || typeof n.value !== 'string') return undefined; // a computed name could be this one
    if (n.value === name) {
      const e = setInMap(ctx, item, ['value'], jsonLeaf(value));
      return e && [e];
    }
  }
  if (isSeq(list)) {
    // A new object laid out like the last one: one member per line when it is written so.
    const last = list.items[list.items.length - 1];
    const fl = isMap(last) ? flowLayout(src, last) : undefined;
    const layout = fl && { indent: fl.indent.slice(0, fl.indent.length - fl.step.length), step: fl.step };
    const shape: [string, Shape][] = [['name', jsonLeaf(name)], ['value', jsonLeaf(value)]];
    return [appendItem(src, list, layout ? flowValue(src, shape, layout) : text)];
  }
  const node = list as YAMLMap;
  return [edit(src, src.start(node), src.end(node), `[${src.slice(node)}, ${text}]`)];
}

/** Appends an item to a JSON array, on its own line when the items are. */
function appendItem(src: Source, list: YAMLSeq, text: string): TextEdit {
  const last = list.items[list.items.length - 1] as Node | undefined;
  if (!last) {
    const open = list.range![0] + 1;
    return edit(src, open, open, text);
  }
  const at = src.end(last);
  const multiline = src.line(src.start(last)) !== src.line(src.start(list));
  return edit(src, at, at, multiline ? `,${src.eol}${src.lines.indentOf(src.line(src.start(last)))}${text}` : `, ${text}`);
}

