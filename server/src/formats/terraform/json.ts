/**
 * Terraform JSON syntax (`.tf.json`) → the same model as HCL. `JSON.parse` decides validity (Terraform reads
 * strict JSON); the `yaml` package gives the positioned tree, since JSON is YAML flow syntax. Blocks may be
 * objects or arrays of objects at every level, and strings are templates: `"${var.x}"` is a reference.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { FileError, SourceFile } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import type { ParsedInfra } from '../format';
import type { IacProperty, IacResource, IacValue, InputRef } from '../../model/iac';
import { schemaFor } from '../../model/iac-schema';
import { canonicalProperties } from '../../model/canonical';
import { liftLegacyBlocks } from './legacy-blocks';
import { parseBounded } from '../yaml-bounded';
import { buildJsonEdits, objectLayout, type JsonObjectLayout, type JsonVariableLayout } from './json-edits';
import type { JsonTree } from './json-tree-edits';
import { Source } from '../cloudformation/source';
import { newlineOf } from './newline';
import { META_ARGUMENTS } from './references';
import { jsonValue, pairs, type JsonKey, type JsonScope } from './json-values';
import { moduleView, summaryResource, summaryValue, variableSummary, type ModuleSummary } from '../../model/module';
import { communityModule, communityResources, type ModuleCallSite } from '../../model/community';

/** A block level written as one object or as an array of objects. */
function objects(node: YamlNode): YamlNode[] {
  return isSeq(node) ? (node.items as YamlNode[]) : [node];
}

/** `pairs` across every object of a block level. */
function members(node: YamlNode): [JsonKey, YamlNode][] {
  return objects(node).flatMap((o) => pairs(o));
}

export function parseTerraformJson(file: SourceFile, lines: LineIndex): ParsedInfra {
  const { errors, at } = jsonErrors(file.text, lines);
  // A lone CR is whitespace to JSON but not a line break to the YAML reader, which then misreads the objects
  // around it; a space in its place keeps every offset and means the same to JSON.
  const parsedText = file.text.replace(/\r(?!\n)/g, ' ');
  const { doc, cut } = parseBounded(parsedText, { uniqueKeys: false, strict: false });
  if (cut !== undefined && !errors.length) {
    const range = lines.range(cut, cut + 1);
    errors.push({ message: `JSON nested too deeply to analyse at line ${range.start.line + 1}, column ${range.start.character + 1}`, range });
  }
  // The text before the first syntax error is valid JSON so far: an object closed inside it is whole, and a fix
  // may go there. Anything reaching past it (an object left open by a truncated file) gets no layout, so no fix is
  // placed in broken text.
  const brokenAt = Math.min(at, cut ?? Infinity);
  // The `}` must be the object's own: in an object cut short, the last `}` of the text may close a member's value.
  const whole = <L extends JsonObjectLayout>(layout: L | undefined) => (
    layout && layout.close < brokenAt && file.text[layout.close] === '}' && layout.members.every((m) => m.valueEnd <= layout.close) ? layout : undefined);
  const layouts = new Map<IacResource, JsonObjectLayout>();
  const resources: IacResource[] = [];
  const top = pairs(doc.contents);
  const scope: JsonScope = { lines, variables: new Map(), locals: new Map() };
  const variables = new Map<string, JsonVariableLayout>();
  const tree: JsonTree | undefined = !errors.length && isMap(doc.contents)
    ? { src: new Source(parsedText, lines, true), root: doc.contents, bodies: new Map(), variables: new Map() } : undefined;
  for (const [key, value] of top) {
    if (key.value === 'variable') {
      for (const [name, decl] of members(value)) {
        scope.variables.set(name.value, inputOf(name, decl, lines));
        const layout = whole(variableLayout(decl));
        if (layout) variables.set(name.value, layout);
        else variables.delete(name.value);
        if (tree && isMap(decl)) tree.variables.set(name.value, decl);
      }
    }
    if (key.value === 'locals') for (const [name, v] of members(value)) scope.locals.set(name.value, v);
  }
  const own: JsonScope = { ...scope };
  const view = moduleView((file.module ?? []).filter((s) => s.path !== file.path), scope.variables, file.path);
  scope.module = view;
  const summary: ModuleSummary = { path: file.path, variables: [], locals: [], assignments: [], resources: [], declared: [] };
  for (const [type, byName] of top.filter(([k]) => k.value === 'resource').flatMap(([, v]) => members(v))) {
    const schema = schemaFor('tf', type.value);
    if (!schema) {
      for (const [name] of members(byName)) summary.declared.push(`${type.value}.${name.value}`);
      continue;
    }
    for (const [name, body] of members(byName)) {
      if (!isMap(body)) continue;
      const properties = new Map<string, IacProperty>();
      const nodes = new Map<string, YamlNode>();
      let conditional = false;
      for (const [key, value] of pairs(body)) {
        if (key.value === 'count' || key.value === 'for_each') conditional = true;
        if (META_ARGUMENTS.has(key.value)) continue;
        const canonical = schema.canonicalByWritten.get(key.value) ?? key.value;
        if (properties.has(canonical)) continue;
        properties.set(canonical, { name: canonical, writtenName: key.value, keyRange: lines.range(key.start, key.end), value: jsonValue(value, scope) });
        nodes.set(canonical, value);
      }
      const resource: IacResource = {
        kind: schema.schema.kind, type: type.value, name: name.value, anchorRange: lines.range(name.start, name.end),
        properties: canonicalProperties(liftLegacyBlocks(type.value, properties, schema.writtenByCanonical), schema.specs, schema.canonicalByWritten, 'tf'),
      };
      if (conditional) resource.conditional = true;
      resources.push(resource);
      // Read again without the module when a sibling's local could have reached a value (see normalize.ts).
      let bare = resource;
      if (view.locals.size) {
        const alone = new Map<string, IacProperty>();
        for (const [p, prop] of properties) alone.set(p, { ...prop, value: jsonValue(nodes.get(p)!, own) });
        bare = { ...resource, properties: canonicalProperties(liftLegacyBlocks(type.value, alone, schema.writtenByCanonical), schema.specs, schema.canonicalByWritten, 'tf') };
      }
      summary.resources.push(summaryResource(bare));
      const layout = whole(objectLayout(body));
      if (layout) layouts.set(resource, layout);
      tree?.bodies.set(resource, body);
    }
  }
  for (const [name, body] of top.filter(([k]) => k.value === 'module').flatMap(([, v]) => members(v))) {
    if (!isMap(body)) continue;
    for (const resource of moduleResources(name, body, scope, lines)) {
      resources.push(resource);
      const layout = whole(objectLayout(body));
      if (layout) layouts.set(resource, layout);
    }
  }
  for (const input of scope.variables.values()) {
    const v = variableSummary(input);
    if (v) summary.variables.push(v);
  }
  for (const [name, node] of scope.locals) {
    if (!isScalar(node)) continue;
    const value = jsonValue(node, own);
    if (value.kind === 'literal' || value.kind === 'input' || value.kind === 'resource') summary.locals.push({ name, value: summaryValue(value) });
  }
  const declared = new Map(view.declared);
  for (const a of summary.declared) declared.set(a, { type: a.slice(0, a.indexOf('.')) });
  for (const r of resources) declared.set(`${r.type}.${r.name}`, { type: r.type });
  const eol = newlineOf(lines);
  if (tree) tree.taken = { variable: (n) => view.input(n).declared !== false, address: (a) => declared.has(a) };
  const model = { format: 'terraform' as const, resources, moduleResources: view.resources, declared, summary };
  return { model, errors, buildEdits: (intent) => buildJsonEdits(intent, lines, eol, layouts, variables, tree) };
}

/** A `"module": { "name": { "source": … } }` call of a known community module: the resources it builds (model/community). */
function moduleResources(name: JsonKey, body: YamlNode, scope: JsonScope, lines: LineIndex): IacResource[] {
  const entries = pairs(body);
  const literal = (key: string) => {
    const node = entries.find(([k]) => k.value === key)?.[1];
    return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  };
  const source = literal('source');
  if (source === undefined || !communityModule(source)) return [];
  const inputs = new Map<string, IacProperty>();
  let repeat: string | undefined;
  for (const [key, value] of entries) {
    if (key.value === 'count' || key.value === 'for_each') repeat = isScalar(value) ? String(value.value) : key.value;
    if (META_ARGUMENTS.has(key.value) || key.value === 'source' || key.value === 'version' || inputs.has(key.value)) continue;
    inputs.set(key.value, { name: key.value, writtenName: key.value, keyRange: lines.range(key.start, key.end), value: jsonValue(value, scope) });
  }
  const site: ModuleCallSite = { source, name: name.value, inputs, anchorRange: lines.range(name.start, name.end) };
  if (repeat !== undefined) site.repeat = repeat;
  const version = literal('version');
  if (version !== undefined) site.version = version;
  return communityResources(site);
}

/** A variable object's layout and type; a type that is not a string keeps its text, which no primitive matches. */
function variableLayout(decl: YamlNode): JsonVariableLayout | undefined {
  const layout: JsonVariableLayout | undefined = isMap(decl) ? objectLayout(decl) : undefined;
  if (!layout) return undefined;
  const type = pairs(decl).find(([k]) => k.value === 'type')?.[1];
  if (type) layout.type = isScalar(type) && typeof type.value === 'string' ? type.value : String(type);
  return layout;
}

function inputOf(name: JsonKey, decl: YamlNode, lines: LineIndex): InputRef {
  const input: InputRef = { name: name.value, secret: false, range: lines.range(name.start, name.end) };
  for (const [key, value] of members(decl)) {
    if (key.value === 'type') input.type = isScalar(value) && typeof value.value === 'string' ? value.value : String(value);
    if (key.value === 'default' && isSeq(value) && value.range && value.items.every((i) => isScalar(i) && i.range && (i.value === null || ['string', 'number', 'boolean'].includes(typeof i.value)))) {
      // A list of plain values (the source ranges of a rule), as in HCL.
      const items: IacValue[] = value.items.map((i) => {
        const x = i as { value: string | number | boolean | null; range: [number, number] };
        return { kind: 'literal', value: x.value, range: lines.range(x.range[0], x.range[1]) };
      });
      input.defaultValue = { kind: 'list', items, range: lines.range(value.range[0], value.range[1]) };
      continue;
    }
    if (!isScalar(value) || !value.range) continue;
    const v = value.value;
    if (key.value === 'sensitive') input.secret = v === true;
    else if (key.value === 'default' && (v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
      input.defaultValue = { kind: 'literal', value: v as string | number | boolean | null, range: lines.range(value.range[0], value.range[1]) };
    }
  }
  return input;
}

/**
 * Strict JSON errors, located by the offset V8 reports, and how far the text is valid JSON: Infinity when it all
 * is, 0 when V8 names no position (then nothing is known to be whole).
 */
function jsonErrors(text: string, lines: LineIndex): { errors: FileError[]; at: number } {
  if (!text.trim()) return { errors: [], at: Infinity };
  try {
    JSON.parse(text);
    return { errors: [], at: Infinity };
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message);
    const endOfInput = /Unexpected end of JSON input/.test(message);
    const at = position ? Number(position[1]) : text.length;
    // A range ending between the two characters of a CRLF would point past the end of its line.
    const end = text.startsWith('\r\n', at) ? at + 2 : Math.min(at + 1, text.length);
    const errors = [{ message: `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '')}`, range: lines.range(at, end) }];
    // V8 puts an unterminated string's error at the end of the input: the valid text ends at its opening quote.
    const whole = /Unterminated string/.test(message) ? openingQuoteBefore(text, at) : at;
    return { errors, at: position || endOfInput ? whole : 0 };
  }
}

/** The last `"` before `end` that no backslash escapes: where a string left open at `end` began. */
function openingQuoteBefore(text: string, end: number): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== '"') continue;
    let slashes = 0;
    while (i - 1 - slashes >= 0 && text[i - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return i;
  }
  return 0;
}
