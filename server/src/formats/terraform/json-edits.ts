/**
 * The Terraform JSON edit builder: values replaced in place, new members added after the last one on their own
 * line at its indentation (or inline when the object is written on one line). Values are JSON; an expression
 * becomes the `"${…}"` string that Terraform JSON reads as one.
 */
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { schemaFor } from '../../model/iac-schema';
import { terraformArgument } from '../../model/community';
import { variableDefault } from './edits';
import { legacyPlace } from './legacy-blocks';
import { composeAll } from '../../fixes/compose';
import { buildJsonTreeEdits, jsonLeaf, type JsonTree } from './json-tree-edits';

export interface JsonObjectLayout {
  /** Offsets of `{` and `}`. */
  open: number;
  close: number;
  members: { name: string; keyStart: number; valueStart: number; valueEnd: number }[];
}

export function objectLayout(node: YAMLMap): JsonObjectLayout | undefined {
  if (!node.range) return undefined;
  const members: JsonObjectLayout['members'] = [];
  for (const pair of node.items) {
    const key = pair.key, value = pair.value;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range) return undefined;
    const valueRange = (value as { range?: [number, number, number] } | null)?.range;
    if (!valueRange) return undefined;
    members.push({ name: key.value, keyStart: key.range[0], valueStart: valueRange[0], valueEnd: valueRange[1] });
  }
  return isMap(node) ? { open: node.range[0], close: node.range[1] - 1, members } : undefined;
}

/** A `variable.<name>` object, with its `type` constraint when it is written as a string. */
export interface JsonVariableLayout extends JsonObjectLayout {
  type?: string;
}

export function buildJsonEdits(
  intent: IacFixIntent, lines: LineIndex, eol: () => string, layouts: Map<IacResource, JsonObjectLayout>, variables: Map<string, JsonVariableLayout> = new Map(),
  tree?: JsonTree,
): TextEdit[] | undefined {
  if (intent.kind === 'all') return composeAll(intent.intents, (i) => buildJsonEdits(i, lines, eol, layouts, variables, tree));
  if (intent.kind === 'setInputDefault') {
    const variable = intent.input.range ? variables.get(intent.input.name) : undefined;
    // A JSON type is a string holding the type expression; anything else (an object …) is not one we can read.
    const value = variable && variableDefault(variable.type, intent.value);
    return value === undefined ? undefined : setMembers(variable!, [{ name: 'default', text: JSON.stringify(value) }], lines, eol);
  }
  if (intent.kind === 'setAt' && intent.resource.module) {
    // What a community module builds takes the property as the module's input; deeper paths are the module's own.
    const layout = layouts.get(intent.resource);
    const [first] = intent.path;
    const name = intent.path.length === 1 && typeof first === 'string' ? intent.resource.module.inputNames.get(first) : undefined;
    return layout && name ? setMembers(layout, [{ name, text: jsonLeaf(intent.value).json }], lines, eol) : undefined;
  }
  if ((intent.kind === 'setAt' || intent.kind === 'setParameter') && intent.resource.module) return undefined;
  if (intent.kind === 'setAt' && intent.path.length === 1 && typeof intent.path[0] === 'string') {
    const layout = layouts.get(intent.resource);
    const nested = layout && legacyPlace(intent.resource, intent.path[0], layout.members.map((m) => m.name));
    if (nested) return [{ range: nested, newText: jsonLeaf(intent.value).json }];
  }
  if (intent.kind !== 'setProperties' && intent.kind !== 'setPropertyExpression' && intent.kind !== 'removeProperty') return tree && buildJsonTreeEdits(intent, tree);
  const layout = layouts.get(intent.resource);
  const schema = schemaFor('tf', intent.resource.type);
  if (intent.kind === 'removeProperty') return tree && buildJsonTreeEdits(intent, tree);
  if (!layout || !schema) return undefined;
  const wanted = intent.kind === 'setProperties'
    ? intent.values.map((v) => ({ property: v.property, text: JSON.stringify(v.value) }))
    : [{ property: intent.property, text: JSON.stringify('${' + intent.expression.terraform + '}') }];
  const members: { name: string; text: string }[] = [];
  const inPlace: TextEdit[] = [];
  const topLevel = layout.members.map((m) => m.name);
  for (const w of wanted) {
    const name = terraformArgument(intent.resource, w.property);
    if (name === undefined) return undefined;
    // Set inside `"cluster_mode": [{ … }]` where it is written there (legacy-blocks.ts).
    const nested = legacyPlace(intent.resource, w.property, topLevel);
    if (nested) inPlace.push({ range: nested, newText: w.text });
    else members.push({ name, text: w.text });
  }
  return members.length ? [...setMembers(layout, members, lines, eol), ...inPlace] : inPlace;
}

/** Replaces each member's value in place, or adds it after the last member in the object's layout. */
function setMembers(layout: JsonObjectLayout, wanted: { name: string; text: string }[], lines: LineIndex, newline: () => string): TextEdit[] {
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const { name, text } of wanted) {
    const existing = layout.members.find((m) => m.name === name);
    if (existing) edits.push({ range: lines.range(existing.valueStart, existing.valueEnd), newText: text });
    else added.push(`${JSON.stringify(name)}: ${text}`);
  }
  if (!added.length) return edits;
  const last = layout.members[layout.members.length - 1];
  const openLine = lines.positionAt(layout.open).line;
  if (lines.positionAt(layout.close).line === openLine) {
    // A one-line object stays on one line.
    const at = last ? last.valueEnd : layout.open + 1;
    edits.push({ range: lines.range(at, last ? at : layout.close), newText: (last ? ', ' : ' ') + added.join(', ') + (last ? '' : ' ') });
    return edits;
  }
  const eol = newline();
  if (!last) {
    const indent = lines.indentOf(openLine);
    edits.push({ range: lines.range(layout.open + 1, layout.close), newText: eol + added.map((a) => indent + '  ' + a).join(',' + eol) + eol + indent });
    return edits;
  }
  const indent = lines.indentOf(lines.positionAt(last.keyStart).line);
  edits.push({ range: lines.range(last.valueEnd, last.valueEnd), newText: added.map((a) => ',' + eol + indent + a).join('') });
  return edits;
}
