/**
 * Fix intents → text edits in the template's own style: block YAML gets `Key: value` lines at the siblings'
 * indentation, flow mappings and JSON get `"Key": value` with the siblings' layout and correct commas, and
 * existing values are replaced in place. Property spellings come from the schema. The primitives are in
 * yaml-edits.ts, paths under a property in yaml-paths.ts, and what touches `Parameters` in edits-inputs.ts.
 */
import { isAlias, isCollection, isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../engine/types';
import type { FixValue, IacFixIntent } from '../../fixes/intents';
import { writtenPath } from '../../fixes/paths';
import { composeAll } from '../../fixes/compose';
import type { IacResource, ResourceKind } from '../../model/iac';
import { RESOURCE_TYPES, schemaFor } from '../../model/iac-schema';
import { findPair, type ResourceNodes } from './normalize';
import type { Source } from './source';
import { addParameter, markParameterSecret, sectionUnit, setParameterDefault } from './edits-inputs';
import { inlineText, nest, setInMap, type Leaf } from './yaml-paths';
import {
  appendBlock, appendFlow, blockEntry, edit, flowEntry, flowLayout, indentUnit, intact, isMultiline, lastEnd, problemIn, quoteStyleOf,
  removePair, renderFixValue, renderKey, renderYaml, replaceValue, type Entry, type Shape,
} from './yaml-edits';

/** Adds a `Properties` mapping holding the entries to a resource that has none. */
function addProperties(src: Source, target: ResourceNodes, entries: Entry[]): TextEdit {
  const { map } = target;
  const unit = indentUnit(src, target.id, map);
  if (!map.flow) {
    const column = src.column(src.start(map.items[0].key as Node));
    const inner = entries.map((e) => `${src.eol}${' '.repeat(column + unit)}${e.key}: ${e.yaml}`).join('');
    return appendBlock(src, map, [`Properties:${inner}`]);
  }
  const key = renderKey(src, 'Properties', map);
  const pairs = entries.map((e) => `${renderKey(src, e.key, map)}: ${src.json ? e.json : e.yaml}`);
  if (!isMultiline(src, map)) return appendFlow(src, map, [`${key}: {${pairs.join(', ')}}`]);
  const indent = src.lines.indentOf(src.line(src.start(map.items[map.items.length - 1].key as Node)));
  const parentIndent = src.lines.indentOf(src.line(src.start(target.id)));
  const step = indent.startsWith(parentIndent) && indent.length > parentIndent.length ? indent.slice(parentIndent.length) : '  ';
  const eol = src.eol;
  const body = pairs.map((p) => `${eol}${indent}${step}${p}`).join(',');
  return appendFlow(src, map, [`${key}: {${body}${eol}${indent}}`]);
}

/** Sets each entry: replaced where the property is written, added where it is not. */
function upsert(src: Source, target: ResourceNodes, entries: Entry[]): TextEdit[] {
  const props = isMap(target.properties?.value) ? target.properties.value : undefined;
  const edits: TextEdit[] = [];
  const missing: Entry[] = [];
  for (const e of entries) {
    const pair = props && findPair(props, e.key);
    if (pair) edits.push(replaceValue(src, pair, src.json ? e.json : e.yaml));
    else missing.push(e);
  }
  if (!missing.length) return edits;
  if (props) {
    const texts = missing.map((e) => `${renderKey(src, e.key, props)}: ${src.json ? e.json : e.yaml}`);
    edits.push(props.flow || !props.items.length ? appendFlow(src, props, texts) : appendBlock(src, props, texts));
  } else if (target.properties) {
    // `Properties:` with nothing after it yet: a flow mapping is valid in both syntaxes.
    const texts = missing.map((e) => `${renderKey(src, e.key, undefined)}: ${src.json ? e.json : e.yaml}`);
    edits.push(replaceValue(src, target.properties, `{${texts.join(', ')}}`));
  } else {
    edits.push(addProperties(src, target, missing));
  }
  return edits;
}


/** Deletes a property with its line (block) or its separating comma (flow). */
function remove(src: Source, target: ResourceNodes, props: YAMLMap, pair: Pair): TextEdit | undefined {
  return removePair(src, props, pair) ?? replaceValue(src, target.properties!, '{}');
}

const GROUP_KINDS = new Set<ResourceKind>(['parameterGroup', 'memorydbParameterGroup']);

/** Where a resource's `Properties` can be edited, with what the checks before any edit found. */
interface Target { nodes: ResourceNodes; props: YAMLMap | undefined; merged(key: string): boolean }

/** CloudFormation logical ids (parameters and resources alike): alphanumeric, at most 255 characters. */
const validLogicalId = (name: string) => /^[A-Za-z0-9]{1,255}$/.test(name);

function anchored(node: unknown): boolean {
  return typeof node === 'object' && node !== null && typeof (node as { anchor?: unknown }).anchor === 'string';
}

function editable(src: Source, target: ResourceNodes | undefined, problems: number[]): Target | undefined {
  // `Properties: *shared` is text other resources use too: editing it is not a fix to this resource.
  if (!target || isAlias(target.properties?.value)) return undefined;
  // `Properties: &shared` with no mapping yet: the anchor would be left on no node once properties are added below.
  if (anchored(target.properties?.value) && !isMap(target.properties?.value)) return undefined;
  const props = isMap(target.properties?.value) ? target.properties.value : undefined;
  if (!intact(src, target.map, problems) || (props && !intact(src, props, problems))) return undefined;
  // The parser's ranges around a problem say where it resumed: what it read as this resource may not be. A problem
  // at this key's first character is the entry before it left open (see `slotEnd`).
  if (problemIn(problems, src.start(target.id) + 1, target.slotEnd)) return undefined;
  // A key set through a `<<` merge (or possibly set, when the merge is unresolved) must not be added beside it.
  const merged = (key: string) => !(props && findPair(props, key)) && (target.open || target.merged.has(key));
  return { nodes: target, props, merged };
}

/** Sets the value at written `steps` under the resource's `Properties`, creating what is missing. */
function setPath(src: Source, t: Target, steps: (string | number)[], leaf: Leaf, problems: number[]): TextEdit[] | undefined {
  const first = steps[0];
  if (typeof first !== 'string' || t.merged(first)) return undefined;
  if (t.props?.items.length) {
    const unit = t.props.flow ? 2 : indentUnit(src, t.nodes.properties!.key as Node, t.props);
    const e = setInMap({ src, problems, unit }, t.props, steps, leaf);
    return e && [e];
  }
  const shape = nest(steps.slice(1), leaf);
  if (!shape) return undefined;
  const text = inlineText(src, shape);
  return upsert(src, t.nodes, [{ key: first, yaml: text, json: text }]);
}

/** A new resource after `after` under `Resources`, with `Type` and `Properties` in their written names. */
function addResource(
  src: Source, root: YAMLMap | undefined, after: ResourceNodes, kind: ResourceKind, name: string, properties: { property: string; value: FixValue }[],
): TextEdit[] | undefined {
  const type = RESOURCE_TYPES.find((s) => s.kind === kind)?.cfnType;
  const schema = type && schemaFor('cfn', type);
  const resources = root && findPair(root, 'Resources')?.value;
  const params = root && findPair(root, 'Parameters')?.value;
  if (!schema || !isMap(resources) || findPair(resources, name) || (isMap(params) && findPair(params, name))) return undefined;
  const pair = resources.items.find((p) => p.key === after.id);
  if (!pair) return undefined;
  const props: [string, Shape][] = [];
  const style = isMap(after.properties?.value) ? after.properties.value : undefined;
  for (const p of properties) {
    const written = schema.writtenByCanonical.get(p.property);
    const value = renderFixValue(p.value, style);
    if (written === undefined || !value) return undefined;
    props.push([written, value]);
  }
  // `AWS::…` reads back as itself unquoted: quoted only where the template quotes its strings.
  const style0 = quoteStyleOf(after.map);
  const shape: [string, Shape][] = [['Type', { yaml: style0 === 'PLAIN' ? type : renderYaml(type, style0), json: JSON.stringify(type) }]];
  if (props.length) shape.push(['Properties', props]);
  const end = lastEnd(src, pair);
  if (resources.flow) {
    const layout = flowLayout(src, resources);
    const text = flowEntry(src, name, shape, layout, resources);
    return [edit(src, end, end, layout ? `,${src.eol}${layout.indent}${text}` : `, ${text}`)];
  }
  const column = src.column(src.start(after.id));
  const text = blockEntry(src, name, shape, column, sectionUnit(src, root!), resources);
  const endLine = src.line(end);
  const indented = `${' '.repeat(column)}${text}`;
  if (endLine + 1 >= src.lines.lineCount) {
    const at = src.lines.lineEnd(endLine);
    return [edit(src, at, at, `${src.eol}${indented}`)];
  }
  // At the start of the next line, not the end of this one: a property added to `after` in the same fix goes
  // there, and must stay in `after`. Resources separated by blank lines get one before the new resource too.
  const spaced = endLine + 2 < src.lines.lineCount && !src.lines.lineText(endLine + 1).trim();
  const at = src.lines.lineStart(endLine + 1);
  return [edit(src, at, at, `${spaced ? src.eol : ''}${indented}${src.eol}`)];
}

export function buildEdits(
  intent: IacFixIntent, src: Source, nodes: WeakMap<IacResource, ResourceNodes>, root?: YAMLMap, problems: number[] = [],
): TextEdit[] | undefined {
  // A broken template whose root is a flow mapping (a stray `{` before the first key): block text below it is the
  // parser's recovery, and where an edit lands in it is a guess.
  if (problems.length && root?.flow && root.items.some((p) => isCollection(p.value) && !p.value.flow)) return undefined;
  switch (intent.kind) {
    case 'setInputDefault': return setParameterDefault(src, root, intent.input, intent.value, problems);
    case 'markInputSecret': return markParameterSecret(src, root, intent.input, intent.dropDefault === true, problems);
    case 'addInput': return validLogicalId(intent.name) ? addParameter(src, root, intent.name, intent.type, intent.description, intent.secret, problems) : undefined;
    case 'addResource': {
      if (!validLogicalId(intent.name)) return undefined;
      const after = nodes.get(intent.after);
      return after && editable(src, after, problems) ? addResource(src, root, after, intent.resourceKind, intent.name, intent.properties) : undefined;
    }
    case 'all': return composeAll(intent.intents, (i) => buildEdits(i, src, nodes, root, problems));
  }
  const t = editable(src, nodes.get(intent.resource), problems);
  if (!t) return undefined;
  const schema = schemaFor('cfn', intent.resource.type);
  const written = (canonical: string) => schema?.writtenByCanonical.get(canonical) ?? canonical;
  const { props } = t;
  switch (intent.kind) {
    case 'setProperties': {
      const style = quoteStyleOf(props);
      if (intent.values.some((v) => t.merged(written(v.property)))) return undefined;
      return upsert(src, t.nodes, intent.values.map((v) => ({ key: written(v.property), yaml: renderYaml(v.value, style), json: JSON.stringify(v.value) })));
    }
    case 'setPropertyExpression': {
      const value = renderFixValue({ expression: intent.expression }, props);
      if (!value || t.merged(written(intent.property))) return undefined;
      return upsert(src, t.nodes, [{ key: written(intent.property), ...value }]);
    }
    case 'removeProperty': {
      const pair = props && findPair(props, written(intent.property));
      const e = pair && remove(src, t.nodes, props, pair);
      return e && [e];
    }
    case 'setAt': {
      const steps = writtenPath(intent.resource.type, 'cfn', intent.path);
      const leaf = renderFixValue(intent.value, props);
      if (!steps || !leaf) return undefined;
      return setPath(src, t, steps.map((s) => (typeof s === 'number' ? s : s.key)), leaf, problems);
    }
    case 'setParameter': {
      const key = schema?.writtenByCanonical.get('parameters');
      const parameters = props && key ? findPair(props, key)?.value : undefined;
      const leaf = renderFixValue(intent.value, isMap(parameters) ? parameters : props);
      if (!GROUP_KINDS.has(intent.resource.kind) || !key || !leaf) return undefined;
      return setPath(src, t, [key, intent.name], leaf, problems);
    }
  }
}
