/**
 * A parsed template → the infrastructure model. Only resource types cachelint models become resources; values
 * are resolved as far as the template itself allows (parameter defaults, references to other resources) and
 * everything else is `unknown`, so rules can stay quiet instead of guessing.
 */
import { isAlias, isMap, isScalar, isSeq, type Alias, type Node, type Pair, type YAMLMap } from 'yaml';
import type { IacProperty, IacResource, IacValue, InputRef } from '../../model/iac';
import { booleanOf, dynamicReferenceIn, OpenProperties } from '../../model/iac';
import { schemaFor } from '../../model/iac-schema';
import { canonicalProperties } from '../../model/canonical';
import type { Range } from '../../engine/types';
import type { Source } from './source';
import { longFormOf } from './tags';

/** The document nodes behind a resource, kept for the edit builder. */
export interface ResourceNodes {
  map: YAMLMap;
  /** The logical id key. */
  id: Node;
  /** The `Properties` entry, when written. */
  properties?: Pair;
  /** Written names of properties that come from a `<<` merge only: setting one means editing shared text. */
  merged: Set<string>;
  /** A `<<` merge could not be resolved: any property not written explicitly may be set through it. */
  open: boolean;
  /**
   * Where this resource's entry ends for syntax problems: the next resource's key (included: the parser reports an
   * unclosed collection where the next line begins), or the end of the text for the last one.
   */
  slotEnd: number;
}

export interface NormalizedTemplate {
  resources: IacResource[];
  nodes: WeakMap<IacResource, ResourceNodes>;
}

/** Real templates nest a handful of levels; anything deeper is read as unknown rather than walked. */
const MAX_DEPTH = 64;

/**
 * Nodes read per template before aliases stop being followed. Each alias re-reads its anchored node, so anchors
 * that each repeat the previous one twice ("billion laughs") would otherwise take exponential time.
 */
const ALIAS_READ_BUDGET = 200_000;

export function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null && pair.key.value !== undefined ? String(pair.key.value) : undefined;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p) === key);
}

function stringValue(node: unknown): string | undefined {
  return isScalar(node) && !node.tag && typeof node.value === 'string' ? node.value : undefined;
}

function typeOf(resource: unknown): string | undefined {
  return isMap(resource) ? stringValue(findPair(resource, 'Type')?.value) : undefined;
}

/**
 * Every resource the template declares, by logical id → its type, modelled or not: a rule may need to know that a
 * KMS key or a VPC is there even though cachelint reads nothing of it.
 */
export function declaredIn(root: YAMLMap): Map<string, { type: string }> {
  const out = new Map<string, { type: string }>();
  const section = findPair(root, 'Resources')?.value;
  if (!isMap(section)) return out;
  for (const pair of section.items) {
    const name = keyOf(pair), type = typeOf(pair.value);
    if (name !== undefined && type !== undefined && !out.has(name)) out.set(name, { type });
  }
  return out;
}

/** A top-level mapping with a format version, or with at least one AWS / custom resource. */
export function isTemplate(root: unknown): root is YAMLMap {
  if (!isMap(root)) return false;
  if (findPair(root, 'AWSTemplateFormatVersion')) return true;
  const resources = findPair(root, 'Resources')?.value;
  return isMap(resources) && resources.items.some((p) => /^(AWS|Custom)::/.test(typeOf(p.value) ?? ''));
}

function readParameters(root: YAMLMap, src: Source): Map<string, InputRef> {
  const out = new Map<string, InputRef>();
  const params = findPair(root, 'Parameters')?.value;
  if (!isMap(params)) return out;
  for (const pair of params.items) {
    const name = keyOf(pair);
    if (!name || !isMap(pair.value)) continue;
    const def = findPair(pair.value, 'Default')?.value;
    const noEcho = findPair(pair.value, 'NoEcho')?.value;
    const input: InputRef = {
      name,
      secret: isScalar(noEcho) && booleanOf(literal(noEcho as Node, src)) === true,
      range: src.range(pair.key as Node),
    };
    if (isScalar(def) && !def.tag && def.range) input.defaultValue = literal(def, src);
    const type = findPair(pair.value, 'Type')?.value;
    if (isScalar(type) && typeof type.value === 'string') input.type = type.value;
    const allowed = findPair(pair.value, 'AllowedValues')?.value;
    if (isSeq(allowed) && !allowed.tag && allowed.items.every((i) => isScalar(i) && !i.tag && i.range)) {
      input.allowedValues = allowed.items.map((i) => literal(i as Node, src));
    }
    out.set(name, input);
  }
  return out;
}

/**
 * A scalar as a literal. A number whose text is not its canonical spelling (`EngineVersion: 7.0`) keeps its text:
 * rules comparing versions need "7.0", and `numberOf` still reads it as a number.
 */
function literal(node: Node, src: Source): IacValue {
  const range = src.range(node);
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v === 'number') {
    const written = src.slice(node);
    return { kind: 'literal', value: isScalar(node) && node.type === 'PLAIN' && written !== String(v) ? written : v, range };
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return { kind: 'literal', value: v, range };
  return { kind: 'literal', value: v === undefined ? null : String(v), range };
}

/**
 * What each alias stands for: the last node anchored with its name before it, as YAML defines it. Built on the
 * first alias, with an explicit stack (document order, parents before children).
 */
class Anchors {
  private targets?: Map<Alias, Node>;
  constructor(private readonly root: Node) {}

  resolve(alias: Alias): Node | undefined {
    this.targets ??= this.build();
    return this.targets.get(alias);
  }

  private build(): Map<Alias, Node> {
    const targets = new Map<Alias, Node>();
    const current = new Map<string, Node>();
    const stack: unknown[] = [this.root];
    while (stack.length) {
      const n = stack.pop();
      if (isAlias(n)) {
        const target = current.get(n.source);
        if (target) targets.set(n, target);
        continue;
      }
      if (!n || typeof n !== 'object') continue;
      if ((n as Node).anchor) current.set((n as Node).anchor!, n as Node);
      if (isSeq(n)) stack.push(...[...n.items].reverse());
      else if (isMap(n)) for (const pair of [...n.items].reverse()) stack.push(pair.value, pair.key);
    }
    return targets;
  }
}

/** A mapping's properties, with what its `<<` merges contributed. */
interface MapEntries {
  entries: Map<string, IacProperty>;
  /** Written names whose value comes from a merged mapping. */
  merged: Set<string>;
  /** The `<<` entry that could not be resolved, when one could not. */
  unresolved?: Pair;
}

/** `<<` as a plain key: YAML 1.1's merge key, which SAM and `aws cloudformation package` expand. */
function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN';
}


class ValueReader {
  constructor(
    private readonly src: Source, private readonly params: Map<string, InputRef>, private readonly resourceIds: Set<string>,
    private readonly anchors: Anchors,
  ) {}

  private reads = 0;

  /** An alias's anchored node, while the read budget lasts. */
  private follow(alias: Alias, depth: number): Node | undefined {
    return depth < MAX_DEPTH && this.reads <= ALIAS_READ_BUDGET ? this.anchors.resolve(alias) : undefined;
  }

  read(node: unknown, fallback: Range, depth = 0): IacValue {
    this.reads++;
    if (!node || !(node as Node).range) return { kind: 'literal', value: null, range: fallback };
    const n = node as Node;
    const range = this.src.range(n);
    const unknown = (): IacValue => {
      const text = this.src.slice(n);
      // A dynamic reference is resolved by CloudFormation at deploy time, whatever text or function surrounds it.
      const dynamic = text.includes('{{resolve:') ? dynamicReferenceIn(text) : undefined;
      return dynamic ? { kind: 'unknown', text, range, dynamic } : { kind: 'unknown', text, range };
    };
    if (depth > MAX_DEPTH) return unknown();
    // An alias reads as the anchored value, located there: that is the text a reader has to look at.
    if (isAlias(n)) {
      const target = this.follow(n, depth);
      return target ? this.read(target, fallback, depth + 1) : unknown();
    }
    const longForm = n.tag ? longFormOf(n.tag) : undefined;
    if (longForm === 'Fn::If') return this.choice(n, range, depth) ?? unknown();
    if (longForm) return this.intrinsic(longForm, n, range) ?? unknown();
    if (isScalar(n)) {
      if (typeof n.value === 'string' && n.value.includes('{{resolve:')) return unknown();
      return literal(n, this.src);
    }
    if (isSeq(n)) return { kind: 'list', items: n.items.map((item) => this.read(item, range, depth + 1)), range };
    if (isMap(n)) {
      const only = n.items.length === 1 ? keyOf(n.items[0]) : undefined;
      if (only === 'Fn::If') return this.choice(n.items[0].value as Node, range, depth) ?? unknown();
      if (only === 'Ref' || only?.startsWith('Fn::')) return this.intrinsic(only, n.items[0].value as Node, range) ?? unknown();
      const { entries, unresolved } = this.entries(n, (k) => k, depth + 1);
      return unresolved ? unknown() : { kind: 'object', entries, range };
    }
    return unknown();
  }

  /**
   * Map entries as properties; `nameOf` turns a written key into the model's name. Explicit keys win over merged
   * ones, and of several merged mappings the first that has a key wins, as YAML merges define.
   */
  entries(map: YAMLMap, nameOf: (written: string) => string, depth = 0): MapEntries {
    const out: MapEntries = { entries: new Map(), merged: new Set() };
    const merges: Pair[] = [];
    for (const pair of map.items) {
      const written = keyOf(pair);
      if (written === undefined) continue;
      if (isMergeKey(pair)) { merges.push(pair); continue; }
      const keyRange = this.src.range(pair.key as Node);
      const value = this.read(pair.value, { start: keyRange.end, end: keyRange.end }, depth);
      out.entries.set(nameOf(written), { name: nameOf(written), writtenName: written, keyRange, value });
    }
    for (const pair of merges) {
      for (const source of this.mergeSources(pair.value, depth)) {
        const inner = source && depth < MAX_DEPTH ? this.entries(source, nameOf, depth + 1) : undefined;
        for (const [name, prop] of inner?.entries ?? []) {
          if (out.entries.has(name)) continue;
          out.entries.set(name, prop);
          out.merged.add(prop.writtenName);
        }
        // Past an unresolved mapping, later ones may be overridden by what it holds: stop reading them.
        if (!inner || inner.unresolved) { out.unresolved = inner?.unresolved ?? pair; return out; }
      }
    }
    return out;
  }

  /** The mappings a `<<` value stands for, in order; undefined for one that is not a mapping. */
  private mergeSources(value: unknown, depth: number): (YAMLMap | undefined)[] {
    const resolve = (n: unknown): unknown => (isAlias(n) ? this.follow(n, depth) : n);
    const asMap = (n: unknown): YAMLMap | undefined => {
      const m = resolve(n);
      return isMap(m) && !(m as Node).tag ? m : undefined;
    };
    const v = resolve(value);
    if (isSeq(v) && !v.tag) return v.items.length ? v.items.map(asMap) : [undefined];
    return [asMap(v)];
  }

  /**
   * `Fn::If [Condition, then, else]` as a choice of its two branches; a branch `!Ref AWS::NoValue` leaves the
   * property unset. Undefined when the arguments are not a condition name and two values.
   */
  private choice(arg: Node | null, range: Range, depth: number): IacValue | undefined {
    if (!isSeq(arg) || arg.items.length !== 3) return undefined;
    const [cond, yes, no] = arg.items as Node[];
    const name = isScalar(cond) && typeof cond.value === 'string' ? cond.value : undefined;
    if (name === undefined || !cond.range) return undefined;
    const branch = (node: Node): IacValue | undefined => (isNoValue(node) ? undefined : this.read(node, range, depth + 1));
    return {
      kind: 'choice', condition: { name, range: this.src.range(cond) }, then: branch(yes), else: branch(no), text: this.src.slice(arg), range,
    };
  }

  /** `Ref` and `Fn::GetAtt` point somewhere known; every other intrinsic is computed (undefined = unknown). */
  private intrinsic(name: string, arg: Node | null, range: Range): IacValue | undefined {
    // In the short form the tagged node is its own argument, so the tag itself is no reason to reject it.
    const argText = isScalar(arg) && typeof arg.value === 'string' ? arg.value : undefined;
    if (name === 'Ref') {
      const target = argText;
      if (target === undefined) return undefined;
      const input = this.params.get(target);
      if (input) return { kind: 'input', input, range };
      return this.resourceIds.has(target) ? this.resource(target, undefined, range) : undefined;
    }
    // `!Sub '${Res}'` / `!Sub '${Res.Attr}'` with nothing around it is the same as `!Ref` / `!GetAtt`.
    if (name === 'Fn::Sub') {
      const m = argText === undefined ? undefined : /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(argText);
      if (!m) return undefined;
      const input = m[2] === undefined ? this.params.get(m[1]) : undefined;
      if (input) return { kind: 'input', input, range };
      return this.resourceIds.has(m[1]) ? this.resource(m[1], m[2], range) : undefined;
    }
    if (name !== 'Fn::GetAtt') return undefined;
    let target: string | undefined, attribute: string | undefined;
    const dotted = argText;
    if (dotted !== undefined) {
      const dot = dotted.indexOf('.');
      [target, attribute] = dot > 0 ? [dotted.slice(0, dot), dotted.slice(dot + 1)] : [undefined, undefined];
    } else if (isSeq(arg) && arg.items.length === 2) {
      [target, attribute] = [stringValue(arg.items[0]), stringValue(arg.items[1])];
    }
    if (!target || !attribute || !this.resourceIds.has(target)) return undefined;
    return this.resource(target, attribute, range);
  }

  private resource(target: string, attribute: string | undefined, range: Range): IacValue {
    return attribute === undefined ? { kind: 'resource', target, range } : { kind: 'resource', target, attribute, range };
  }
}

/** `!Ref AWS::NoValue` / `{Ref: AWS::NoValue}`: the pseudo parameter that removes the property. */
function isNoValue(node: unknown): boolean {
  if (isScalar(node) && node.tag && longFormOf(node.tag) === 'Ref') return node.value === 'AWS::NoValue';
  if (isMap(node) && node.items.length === 1 && keyOf(node.items[0]) === 'Ref') {
    const v = node.items[0].value;
    return isScalar(v) && v.value === 'AWS::NoValue';
  }
  return false;
}

/** The `<<: …` text of a merge entry, as the source of the values it may set. */
function mergeSource(pair: Pair, src: Source): { text: string; range: Range } {
  const start = src.start(pair.key as Node);
  const value = pair.value as Node | null;
  const end = value?.range ? src.end(value) : src.end(pair.key as Node);
  return { text: src.text.slice(start, end), range: src.lines.range(start, end) };
}

/** A resource as read before, with what it was read against. */
interface Read { resource: IacResource; nodes: ResourceNodes; line: number; context: string }

/**
 * Resources read from reused pieces (incremental.ts), by their pair. A pair is only ever reused with the same
 * text, so a resource read from it is the same again when it starts on the same line (pieces start at line
 * starts, so every position inside is the same too) and the template's parameters and logical ids are the same.
 * Weak: an entry lives as long as its piece.
 */
const readBefore = new WeakMap<Pair, Read>();

/** What reading a resource depends on beyond its own text: the parameters (their defaults, secrecy, place) and
 * which logical ids exist. */
function contextOf(params: Map<string, InputRef>, ids: Set<string>): string {
  return JSON.stringify([[...params.values()], [...ids]]);
}

/**
 * `reuse`: the root was assembled from pieces without aliases (an alias reads text elsewhere, and a shared
 * budget bounds how many are followed), so resources read from unchanged pieces may be taken as they were.
 */
export function normalizeTemplate(root: YAMLMap, src: Source, reuse = false): NormalizedTemplate {
  const resources: IacResource[] = [];
  const nodes = new WeakMap<IacResource, ResourceNodes>();
  const section = findPair(root, 'Resources')?.value;
  if (!isMap(section)) return { resources, nodes };
  const ids = new Set(section.items.map(keyOf).filter((k): k is string => k !== undefined));
  const anchors = new Anchors(root);
  const params = readParameters(root, src);
  const reader = new ValueReader(src, params, ids, anchors);
  const context = reuse ? contextOf(params, ids) : undefined;
  for (const [i, pair] of section.items.entries()) {
    const line = context === undefined ? -1 : src.line(src.start(pair.key as Node));
    const nextKey = section.items[i + 1]?.key as Node | null | undefined;
    const slotEnd = nextKey ? src.start(nextKey) : src.text.length;
    const before = context === undefined ? undefined : readBefore.get(pair);
    if (before && before.context === context && before.line === line) {
      resources.push(before.resource);
      nodes.set(before.resource, { ...before.nodes, slotEnd });
      continue;
    }
    const name = keyOf(pair);
    const type = typeOf(pair.value);
    const schema = type ? schemaFor('cfn', type) : undefined;
    if (!name || !type || !schema) continue;
    const map = pair.value as YAMLMap;
    const propsPair = findPair(map, 'Properties');
    const shared = isAlias(propsPair?.value);
    const props = shared ? anchors.resolve(propsPair!.value as Alias) : propsPair?.value;
    // Properties chosen by an intrinsic (`Properties: !If …`) or an alias we cannot resolve cannot be known:
    // judging them as absent would cry wolf.
    if ((shared && !props) || (props && !isMap(props) && !(isScalar(props) && props.value === null))) continue;
    const read: MapEntries = isMap(props) ? reader.entries(props, (w) => schema.canonicalByWritten.get(w) ?? w) : { entries: new Map(), merged: new Set() };
    const unresolved = read.unresolved;
    const properties = canonicalProperties(read.entries, schema.specs, schema.canonicalByWritten, 'cfn');
    const resource: IacResource = {
      kind: schema.schema.kind,
      type,
      name,
      anchorRange: src.range(pair.key as Node),
      properties: unresolved ? new OpenProperties(properties, mergeSource(unresolved, src), schema.canonicalByWritten) : properties,
    };
    const condition = findPair(map, 'Condition');
    if (condition) {
      resource.conditional = true;
      const name = stringValue(condition.value);
      if (name !== undefined) resource.condition = name;
    }
    resources.push(resource);
    // `Properties: *shared`: every property is shared text, so none is ours to edit.
    const merged = shared ? new Set([...read.entries.values()].map((p) => p.writtenName)) : read.merged;
    const own: ResourceNodes = { map, id: pair.key as Node, properties: propsPair, merged, open: unresolved !== undefined, slotEnd };
    nodes.set(resource, own);
    if (context !== undefined) readBefore.set(pair, { resource, nodes: own, line, context });
  }
  return { resources, nodes };
}
