/** Arrays of clients (`cluster.nodes()`, `Redis[]`): which names are bound to their elements, and what array methods return. */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { Positions } from './position';
import { argumentsOf, memberCall } from './syntax';
import type { ArrayValue, Resolved } from './values';

/** Array methods that call their callback with an element, by the index of the parameter that receives it. */
const ELEMENT_CALLBACKS = new Map<string, number>([
  ...['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex'].map((m) => [m, 0] as const),
  ['reduce', 1], ['reduceRight', 1],
]);
/** Array methods that return an array of the same elements. */
const ARRAY_PRESERVING = new Set(['filter', 'slice', 'reverse', 'sort', 'toSorted', 'toReversed', 'splice']);
/** Array methods that return one element. */
const ELEMENT_RETURNING = new Set(['find', 'findLast', 'at', 'pop', 'shift']);

/**
 * For a function written as the callback of an array method (`xs.map((node) => …)`, `xs.reduce((acc, node) => …)`):
 * the array and which parameter receives its elements.
 */
export function callbackElement(fn: Node, positions: Positions): { array: Node; index: number } | undefined {
  const call = positions.callbacks.get(fn.id);
  const m = call && memberCall(call);
  const index = m && ELEMENT_CALLBACKS.get(m.property.text);
  if (!m || index === undefined || !argumentsOf(call)[0]?.equals(fn)) return undefined;
  return { array: m.object, index };
}

/** The names an array pattern binds directly to its elements (`[a, b = d]`; not nested patterns or a rest). */
export function arrayPatternNames(pattern: Node): Node[] {
  const out: Node[] = [];
  for (const c of pattern.namedChildren) {
    const id = c?.type === 'assignment_pattern' ? c.childForFieldName('left') : c;
    if (id?.type === 'identifier') out.push(id);
  }
  return out;
}

/** What an array method called on an array of clients returns: the same array, one of its elements, or nothing known. */
export function arrayMethodValue(array: ArrayValue, method: string): Resolved | undefined {
  if (ARRAY_PRESERVING.has(method)) return array;
  if (ELEMENT_RETURNING.has(method)) return array.element;
  return undefined;
}
