/**
 * Layouts below a resource's top level, for the fixes that edit nested blocks (`cache_usage_limits { … }`, the
 * n-th `ingress { … }`, `parameter { … }`) or items of a list attribute. Analysis keeps only top-level offsets; a
 * fix that needs more walks the analysis's tree (kept until the engine releases it), once per analysis.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Grammars } from '../../engine/grammars';
import { BodyReader, valueNode } from './body';
import type { BlockLayout, BodyItem } from './layout';
import { blockParts, core, labelText, parts } from './syntax';

export interface DeepBlock extends BlockLayout {
  /** The block's labels (`dynamic "parameter"`). */
  labels: (string | undefined)[];
  /** Each nested block's own layout; absent for a block with a syntax error. */
  blocks: Map<BodyItem, DeepBlock>;
  /** The elements of each attribute written as a `[…]` list. */
  tuples: Map<BodyItem, { start: number; end: number }[]>;
}

/** The deep layout of the top-level block that starts at an offset. */
export type Reparse = (start: number) => DeepBlock | undefined;

/**
 * Fixes are resolved for every finding on every analysis: the first one that asks lays out every block of `starts`
 * (the file's modelled resources), and the later ones read that. `analysed` is the analysis's own tree while the
 * engine still holds it (no second parse); once released, the text is parsed again.
 */
export function reparser(text: string, grammars: Grammars, starts: () => Iterable<number>, analysed: () => Tree | undefined): Reparse {
  let built: Map<number, DeepBlock> | undefined;
  return (start) => (built ??= layOut(text, grammars, new Set(starts()), analysed())).get(start);
}

function layOut(text: string, grammars: Grammars, wanted: Set<number>, analysed: Tree | undefined): Map<number, DeepBlock> {
  const out = new Map<number, DeepBlock>();
  const tree = analysed ?? grammars.parser('terraform').parse(text);
  if (!tree) return out;
  const cursor = tree.walk();
  try {
    const reader = new BodyReader(cursor, text);
    const body = tree.rootNode.namedChildren.find((n) => n.type === 'body');
    for (const node of body?.namedChildren ?? []) {
      if (node.type !== 'block' || !wanted.has(node.startIndex)) continue;
      const deep = deepBlock(node, reader);
      if (deep) out.set(node.startIndex, deep);
    }
    return out;
  } finally {
    cursor.delete();
    if (!analysed) tree.delete();
  }
}

const MAX_DEPTH = 32;

function deepBlock(node: Node, reader: BodyReader, depth = 0): DeepBlock | undefined {
  const b = blockParts(node);
  if (node.hasError || !b.start || !b.end || depth > MAX_DEPTH) return undefined;
  // Read child by child (not the text-only fast path), so every attribute keeps its node for the tuple below.
  const items = reader.entries(node, false);
  const deep: DeepBlock = {
    start: node.startIndex, open: b.start.startIndex, close: b.end.startIndex, items, labels: b.labels.map(labelText), blocks: new Map(), tuples: new Map(),
  };
  for (const item of items) {
    if (item.kind === 'block') {
      const inner = deepBlock(item.node, reader, depth + 1);
      if (inner) deep.blocks.set(item, inner);
      continue;
    }
    const value = valueNode(item);
    const collection = value && core(value);
    const tuple = collection?.type === 'collection_value' ? parts(collection)[0] : undefined;
    if (tuple?.type === 'tuple') deep.tuples.set(item, parts(tuple).filter((k) => k.type === 'expression').map((k) => ({ start: k.startIndex, end: k.endIndex })));
  }
  // Offsets only from here on: the nodes die with the tree.
  for (const item of items) delete (item as { node?: Node }).node;
  return deep;
}
