/**
 * `setAt` over a positioned `yaml` tree (a CloudFormation template, or Terraform JSON): walks written keys and list
 * indices from a mapping, replaces the value found at the end, and creates the mappings missing on the way in the
 * style of the one that lacks them. An index must exist; tagged values (`!If`, `!Ref`) and aliases are not walked
 * into: what they hold is not this resource's text to edit.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../engine/types';
import { findPair } from './normalize';
import type { Source } from './source';
import { addEntry, edit, flowValue, intact, replaceValue, type Shape } from './yaml-edits';

export interface TreeContext {
  src: Source;
  problems: number[];
  /** Indentation step for new block mappings. */
  unit: number;
  /** Terraform JSON: a block level written as one object stands for a list of one. */
  singleAsList?: boolean;
}

export type Leaf = { yaml: string; json: string };

/** The mapping the remaining keys build around `leaf`; undefined when an index remains (a list is never created). */
export function nest(steps: readonly (string | number)[], leaf: Leaf): Shape | undefined {
  if (!steps.length) return leaf;
  const [key, ...rest] = steps;
  if (typeof key !== 'string') return undefined;
  const inner = nest(rest, leaf);
  return inner && [[key, inner]];
}

/** The one-line text of a value to write: the leaf itself, or a flow mapping holding it. */
export function inlineText(src: Source, shape: Shape): string {
  return Array.isArray(shape) ? flowValue(src, shape) : src.json ? shape.json : shape.yaml;
}

/** Sets the value at `steps` (a key first) under `map`. */
export function setInMap(ctx: TreeContext, map: YAMLMap, steps: readonly (string | number)[], leaf: Leaf): TextEdit | undefined {
  const { src } = ctx;
  if (map.flow && !intact(src, map, ctx.problems)) return undefined;
  const [key, ...rest] = steps;
  if (typeof key !== 'string') return undefined;
  const pair = findPair(map, key);
  if (!pair) {
    const shape = nest(rest, leaf);
    return shape && addEntry(src, map, key, shape, ctx.unit);
  }
  if (!rest.length) return replaceValue(src, pair, src.json ? leaf.json : leaf.yaml);
  return setInValue(ctx, pair, pair.value as Node | null, rest, leaf);
}

function isEmpty(value: Node | null): boolean {
  return !value || (isScalar(value) && value.value === null && !value.tag);
}

function setInValue(ctx: TreeContext, pair: Pair | undefined, value: Node | null, steps: readonly (string | number)[], leaf: Leaf): TextEdit | undefined {
  const { src } = ctx;
  const [step, ...rest] = steps;
  if (isAlias(value) || value?.tag) return undefined;
  if (typeof step === 'string') {
    if (isMap(value)) return setInMap(ctx, value, steps, leaf);
    // `Key:` with nothing after it: the mapping is written whole, as a flow value valid in YAML and JSON.
    const shape = nest(steps, leaf);
    return pair && isEmpty(value) && shape ? replaceValue(src, pair, inlineText(src, shape)) : undefined;
  }
  let item: Node | undefined;
  if (isSeq(value)) item = value.items[step] as Node | undefined;
  else if (ctx.singleAsList && isMap(value) && step === 0) item = value;
  if (!item || isAlias(item) || !item.range) return undefined;
  if (!rest.length) return edit(src, src.start(item), src.end(item), src.json ? leaf.json : leaf.yaml);
  return setInValue(ctx, undefined, item, rest, leaf);
}
