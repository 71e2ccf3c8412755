/** Where a call sits: enclosing function id, loop membership, statement, and whether it is awaited. */
import type { Node } from 'web-tree-sitter';
import { CLASS_TYPES, FUNCTION_TYPES, enclosingFunction, memberCall } from './syntax';

const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

/** Array methods whose callback runs once per element: a call inside one repeats like a loop body. */
const ITERATING_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex']);

/** Best-effort name for a function: declared name, the variable or property it is assigned to, else `<anonymous>`. */
function functionName(fn: Node): string {
  const own = fn.childForFieldName('name');
  let name = own?.text;
  if (!name) {
    const p = fn.parent;
    if (p?.type === 'variable_declarator') name = p.childForFieldName('name')?.text;
    else if (p?.type === 'pair') name = p.childForFieldName('key')?.text;
    else if (p?.type === 'public_field_definition' || p?.type === 'field_definition') name = (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text;
    else if (p?.type === 'assignment_expression') name = p.childForFieldName('left')?.text;
  }
  name ??= '<anonymous>';
  for (let n = fn.parent; n; n = n.parent) {
    if (CLASS_TYPES.has(n.type)) {
      const cls = n.childForFieldName('name')?.text;
      return cls ? `${cls}.${name}` : name;
    }
    if (FUNCTION_TYPES.has(n.type)) break;
  }
  return name;
}

/** `path:Class.method:line` of the enclosing function (1-based line), or `<module>` at top level. */
export function scopeIdOf(node: Node, path: string): string {
  const fn = enclosingFunction(node);
  return fn ? `${path}:${functionName(fn)}:${fn.startPosition.row + 1}` : '<module>';
}

/**
 * Inside a loop body of the same function, or inside a callback handed to an iterating array method
 * (`ids.forEach(id => redis.del(id))`), which repeats the same way.
 */
export function isInLoop(node: Node): boolean {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (LOOPS.has(n.type) && n.childForFieldName('body')?.equals(child)) return true;
    if (FUNCTION_TYPES.has(n.type)) {
      const args = n.parent;
      const call = args?.type === 'arguments' ? args.parent : undefined;
      const m = call ? memberCall(call) : undefined;
      return !!m && ITERATING_METHODS.has(m.property.text);
    }
  }
  return false;
}

const STATEMENT = /_statement$|^lexical_declaration$|^variable_declaration$/;

/** The innermost statement holding the node (a concise arrow body has none of its own: the outer one is given). */
export function statementOf(node: Node): Node {
  for (let n = node.parent; n; n = n.parent) if (STATEMENT.test(n.type)) return n;
  return node;
}

/**
 * A statement of the same function, directly inside a block or the module, that consists of the call (possibly
 * awaited or assigned): a statement can be inserted after it and run right after the call.
 */
export function simpleStatementOf(call: Node): Node | undefined {
  const stmt = statementOf(call);
  if (!['program', 'statement_block'].includes(stmt.parent?.type ?? '')) return undefined;
  if (stmt.type !== 'expression_statement' && stmt.type !== 'lexical_declaration' && stmt.type !== 'variable_declaration') return undefined;
  if (enclosingFunction(call)?.id !== enclosingFunction(stmt)?.id) return undefined;
  // Only an expression the call's value flows straight out of: no conditional, no short-circuit.
  for (let n = call.parent; n && !n.equals(stmt); n = n.parent) {
    if (!['await_expression', 'variable_declarator', 'assignment_expression', 'parenthesized_expression', 'as_expression', 'non_null_expression', 'expression_statement'].includes(n.type)) return undefined;
  }
  return stmt;
}

/** The outermost call of a method chain the call starts (`redis.multi().set().exec()` from `multi()`). */
function chainTop(call: Node): Node {
  let cur = call;
  for (;;) {
    const member = cur.parent;
    const outer = member?.parent;
    if (member?.type !== 'member_expression' || outer?.type !== 'call_expression' || !member.childForFieldName('object')?.equals(cur)) return cur;
    cur = outer;
  }
}

/** The call, or the chain it starts, is the operand of `await`. */
export function isAwaited(call: Node): boolean {
  let n: Node | null = chainTop(call).parent;
  while (n && (n.type === 'parenthesized_expression' || n.type === 'as_expression' || n.type === 'non_null_expression')) n = n.parent;
  return n?.type === 'await_expression';
}
