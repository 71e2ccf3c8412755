/**
 * Small readers over the tree-sitter HCL tree (grammar `tree-sitter-terraform`). Node offsets are UTF-16 indices
 * into the source string, the unit `LineIndex` works in.
 */
import type { Node } from 'web-tree-sitter';

/** The named children of a node, skipping comments (which the grammar places anywhere). */
export function parts(node: Node): Node[] {
  return node.namedChildren.filter((c) => c.type !== 'comment');
}

/** Unwraps `expression` and parenthesised wrappers down to the node that says what the expression is. */
export function core(expr: Node): Node {
  let n = expr;
  for (;;) {
    const inner = parts(n);
    if (n.type === 'expression' && inner.length === 1) n = inner[0];
    else return n;
  }
}

/**
 * The text of a string literal or label without quotes, escapes decoded; undefined when it is not a plain
 * string (it holds an interpolation or directive).
 */
export function plainString(node: Node): string | undefined {
  if (node.type === 'literal_value') return plainString(parts(node)[0]);
  if (node.type !== 'string_lit' && node.type !== 'quoted_template') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'template_literal') out += decodeEscapes(c.text);
    else if (c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end') return undefined;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** HCL string escapes, plus the template escapes `$${` and `%%{` that stand for literal `${` and `%{`. */
export function decodeEscapes(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (m, esc: string | undefined) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    if (esc!.length > 1) return String.fromCodePoint(parseInt(esc!.slice(1), 16));
    return SIMPLE_ESCAPES[esc!] ?? m;
  });
}

/** A block's type identifier, its labels (decoded) and its body, when the block is well-formed enough to read. */
export interface BlockParts {
  type: string;
  labels: Node[];
  body: Node | undefined;
  start: Node | undefined;
  end: Node | undefined;
}

export function blockParts(block: Node): BlockParts {
  const kids = parts(block);
  const labels: Node[] = [];
  let body: Node | undefined, start: Node | undefined, end: Node | undefined;
  for (const k of kids.slice(1)) {
    if (k.type === 'string_lit' || k.type === 'identifier') { if (!start) labels.push(k); }
    else if (k.type === 'block_start') start = k;
    else if (k.type === 'body') body = k;
    else if (k.type === 'block_end' && !k.isMissing) end = k;
  }
  return { type: kids[0]?.text ?? '', labels, body, start, end };
}

export function labelText(label: Node): string | undefined {
  return label.type === 'identifier' ? label.text : plainString(label);
}

/** An attribute's name and value expression. */
export function attributeParts(attr: Node): { name: Node; value: Node | undefined } {
  const kids = parts(attr);
  return { name: kids[0], value: kids.find((k, i) => i > 0 && k.type === 'expression') };
}
