/** Syntax errors from tree-sitter's error recovery, as file errors with ranges. */
import type { Node } from 'web-tree-sitter';
import type { FileError } from '../../engine/types';
import type { LineIndex } from '../../engine/text';

/** Enough to locate the problem; a broken file can otherwise flood the problems panel. */
const MAX_ERRORS = 20;

/**
 * In document order, without descending into an error or into what holds none. The walk keeps its own stack: an
 * error deep inside thousands of nested blocks must not overflow the call stack.
 */
export function syntaxErrors(root: Node, lines: LineIndex): FileError[] {
  const errors: FileError[] = [];
  const pending: Node[] = [root];
  while (pending.length && errors.length < MAX_ERRORS) {
    const n = pending.pop()!;
    if (n.isMissing) {
      errors.push({ message: `HCL syntax error: missing ${describeMissing(n.type)}`, range: lines.range(n.startIndex, n.endIndex) });
    } else if (n.isError) {
      errors.push({ message: `HCL syntax error near '${snippet(n.text)}'`, range: lines.range(n.startIndex, n.endIndex) });
    } else if (n.hasError) {
      const children = n.children;
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
  }
  return errors;
}

const MISSING_NAMES: Record<string, string> = {
  quoted_template_end: 'closing quote (")', block_end: "closing brace '}'", tuple_end: "closing bracket ']'",
  object_end: "closing brace '}'", template_interpolation_end: "'}' after an interpolation",
  '}': "closing brace '}'", ']': "closing bracket ']'", ')': "closing parenthesis ')'",
};

function describeMissing(type: string): string {
  return MISSING_NAMES[type] ?? `'${type}'`;
}

function snippet(text: string): string {
  const first = text.trim().split(/\r?\n/)[0] ?? '';
  return first.length > 40 ? first.slice(0, 37) + '...' : first;
}
