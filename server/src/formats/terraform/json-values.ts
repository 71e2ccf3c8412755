/** Terraform JSON values → model values. Strings are templates: only a string without `${`/`%{` is a literal. */
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { LineIndex } from '../../engine/text';
import type { Condition, IacProperty, IacValue, InputRef } from '../../model/iac';
import { classifyTraversal, parseTraversalText } from './references';
import { inputNamed, MAX_DEPTH } from './values';
import type { ModuleView } from '../../model/module';

export interface JsonScope {
  lines: LineIndex;
  variables: Map<string, InputRef>;
  locals: Map<string, YamlNode>;
  module?: ModuleView;
  /** Locals being resolved, so a cycle ends as unknown. */
  resolving?: Set<string>;
  /** Nesting levels and local hops walked so far: deeper input is unknown, as in HCL. */
  depth?: number;
}

export function jsonValue(node: YamlNode, scope: JsonScope): IacValue {
  const [start, end] = node.range ?? [0, 0];
  const range = scope.lines.range(start, end);
  const text = scope.lines.text.slice(start, end);
  const inner: JsonScope = { ...scope, depth: (scope.depth ?? 0) + 1 };
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return stringValue(v, text, range, scope);
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: v, range };
  } else if (inner.depth! > MAX_DEPTH) {
    return { kind: 'unknown', text, range };
  } else if (isSeq(node)) {
    return { kind: 'list', items: (node.items as YamlNode[]).map((i) => jsonValue(i, inner)), range };
  } else if (isMap(node)) {
    const entries = new Map<string, IacProperty>();
    for (const [key, value] of pairs(node)) {
      if (!entries.has(key.value)) {
        entries.set(key.value, { name: key.value, writtenName: key.value, keyRange: scope.lines.range(key.start, key.end), value: jsonValue(value, inner) });
      }
    }
    return { kind: 'object', entries, range };
  }
  return { kind: 'unknown', text, range };
}

function stringValue(s: string, text: string, range: IacValue['range'], scope: JsonScope): IacValue {
  const unescaped = s.replace(/\$\$\{/g, '').replace(/%%\{/g, '');
  if (!/[$%]\{/.test(unescaped)) return { kind: 'literal', value: s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), range };
  const unknown: IacValue = { kind: 'unknown', text, range };
  const choice = conditional(s, text, range, scope);
  if (choice) return choice;
  const whole = /^\$\{([^{}]*)\}$/.exec(s);
  const traversal = whole ? parseTraversalText(whole[1]) : undefined;
  const ref = traversal ? classifyTraversal(traversal.root, traversal.steps) : undefined;
  if (!ref) return unknown;
  if (ref.kind === 'resource') return { kind: 'resource', target: ref.target, attribute: ref.attribute, range };
  if (ref.kind === 'variable') return { kind: 'input', input: inputNamed(scope, ref.name), range };
  const local = scope.locals.get(ref.name);
  if (!local) {
    const elsewhere = scope.module?.locals.get(ref.name);
    return elsewhere && (elsewhere.kind === 'literal' || elsewhere.kind === 'input' || elsewhere.kind === 'resource') ? { ...elsewhere, range } : unknown;
  }
  const resolving = scope.resolving ?? new Set<string>();
  const depth = (scope.depth ?? 0) + 1;
  // Only a scalar local can resolve to a literal or a reference, so collections are not read (see values.ts).
  if (!isScalar(local) || depth > MAX_DEPTH || resolving.has(ref.name)) return unknown;
  resolving.add(ref.name);
  const resolved = jsonValue(local, { ...scope, resolving, depth });
  resolving.delete(ref.name);
  return resolved.kind === 'literal' || resolved.kind === 'input' || resolved.kind === 'resource' ? { ...resolved, range } : unknown;
}

/** `"${cond ? a : b}"` with literal branches, as in HCL (values.ts); the branches are placed at the whole string. */
const CONDITIONAL = /^\$\{\s*([^?:{}"]+?(?:"[^"\\$%{}]*"[^?:{}"]*?)?)\s*\?\s*(true|false|null|-?[0-9]+(?:\.[0-9]+)?|"[^"\\$%{}]*")\s*:\s*(true|false|null|-?[0-9]+(?:\.[0-9]+)?|"[^"\\$%{}]*")\s*\}$/;

function conditional(s: string, text: string, range: IacValue['range'], scope: JsonScope): IacValue | undefined {
  const m = CONDITIONAL.exec(s);
  if (!m) return undefined;
  const branch = (lit: string): IacValue | undefined => {
    if (lit === 'null') return undefined;
    const value = lit === 'true' ? true : lit === 'false' ? false : lit.startsWith('"') ? lit.slice(1, -1) : Number(lit);
    return { kind: 'literal', value, range };
  };
  const name = m[1].trim();
  const condition: Condition = { name, range };
  const traversal = parseTraversalText(name);
  const ref = traversal ? classifyTraversal(traversal.root, traversal.steps) : undefined;
  if (ref?.kind === 'variable') condition.input = inputNamed(scope, ref.name);
  return { kind: 'choice', condition, then: branch(m[2]), else: branch(m[3]), text, range };
}

export interface JsonKey { value: string; start: number; end: number }

/** The string-keyed pairs of an object; `"//"` keys are Terraform JSON comments. */
export function pairs(node: unknown): [JsonKey, YamlNode][] {
  if (!isMap(node)) return [];
  const out: [JsonKey, YamlNode][] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.value === '//' || !pair.value || !pair.key.range) continue;
    out.push([{ value: pair.key.value, start: pair.key.range[0], end: pair.key.range[1] }, pair.value as YamlNode]);
  }
  return out;
}
