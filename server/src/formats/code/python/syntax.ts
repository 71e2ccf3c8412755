/** Small helpers over tree-sitter nodes shared by the Python extractor's modules. */
import type { SyntaxNode } from '../core/syntaxTree';
import type { Range } from '../../../engine/types';
import type { LineIndex } from '../../../engine/text';

/** The extractor reads the plain copy of the tree (`SyntaxTree`), which answers as a tree-sitter node does. */
export type Node = SyntaxNode;

export function rangeOf(node: Node, lines: LineIndex): Range {
  return lines.range(node.startIndex, node.endIndex);
}

/** Strips redundant parentheses, which Python allows around any expression. */
export function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

export function isNoneLiteral(node: Node | null): boolean {
  return !!node && unparen(node).type === 'none';
}

export const COMPREHENSION_TYPES = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Positional and keyword arguments of a call, in source order. */
export interface CallArgs {
  positional: Node[];
  keywords: Map<string, Node>;
  /** A `*args` before or among the positionals: positions after it are unknown. */
  starredAt?: number;
  /** A `**kwargs` is passed: any option may be set. */
  hasKwSplat: boolean;
  /** The last `**kwargs`. */
  kwSplat?: Node;
}

export function callArgs(argList: Node | null): CallArgs {
  const out: CallArgs = { positional: [], keywords: new Map(), hasKwSplat: false };
  if (!argList) return out;
  for (const a of argList.namedChildren) {
    if (!a) continue;
    const type = a.type;
    if (type === 'comment') continue;
    if (type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name && value) out.keywords.set(name, value);
    } else if (type === 'dictionary_splat') {
      out.hasKwSplat = true;
      out.kwSplat = a;
    } else {
      if (type === 'list_splat' && out.starredAt === undefined) out.starredAt = out.positional.length;
      out.positional.push(a);
    }
  }
  return out;
}

/** `True`/`False` literal value, undefined for anything else. */
export function boolLiteral(node: Node | undefined): boolean | undefined {
  const n = node && unparen(node);
  if (n?.type === 'true') return true;
  if (n?.type === 'false') return false;
  return undefined;
}

export function intLiteral(node: Node | undefined): number | undefined {
  const n = node && unparen(node);
  if (n?.type !== 'integer') return undefined;
  const v = Number(n.text.replace(/_/g, ''));
  return Number.isSafeInteger(v) ? v : undefined;
}
