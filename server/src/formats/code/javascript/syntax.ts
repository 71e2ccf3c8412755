/** Small tree-sitter helpers shared by the JavaScript/TypeScript extractor. */
import type { SyntaxNode as Node } from '../core/syntaxTree';

/** Wrappers that do not change which object an expression denotes. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

/** Strips parentheses and type-only wrappers (`(x as Redis)!`). `await` is kept: callers decide what it means. */
export function unwrap(node: Node): Node {
  let n = node;
  while (TRANSPARENT.has(n.type)) {
    const inner = n.type === 'type_assertion' ? n.namedChildren.at(-1) : n.namedChildren[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** The argument expressions of a call, without comments. */
export function argumentsOf(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args ? args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [];
}

/** `obj.prop(...)` → [obj, prop]; undefined for any other callee shape. */
export function memberCall(call: Node): { object: Node; property: Node } | undefined {
  if (call.type !== 'call_expression') return undefined;
  // A tagged template (r.keys`cart:*`) passes an array of strings, not the text as written (fuzz tsx:2344).
  if (call.childForFieldName('arguments')?.type !== 'arguments') return undefined;
  const fn = call.childForFieldName('function');
  if (!fn || fn.type !== 'member_expression') return undefined;
  const object = fn.childForFieldName('object');
  const property = fn.childForFieldName('property');
  if (!object || !property || property.type !== 'property_identifier') return undefined;
  return { object, property };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The value of an escape sequence as JavaScript reads it (line continuations read as nothing). */
export function escapeValue(seq: string): string {
  const c = seq[1];
  if (c === 'x' || c === 'u') {
    const hex = seq.startsWith('\\u{') ? seq.slice(3, -1) : seq.slice(2);
    const code = parseInt(hex, 16);
    return Number.isNaN(code) ? seq : String.fromCodePoint(code);
  }
  if (c === '\n' || c === '\r') return '';
  return ESCAPES[c] ?? c;
}

/** Concatenated value of the fragments and escapes of a string or template (substitutions excluded). */
function piecesOf(node: Node): { text: string; substitution: boolean }[] {
  const out: { text: string; substitution: boolean }[] = [];
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_fragment') out.push({ text: c.text, substitution: false });
    else if (c.type === 'escape_sequence') out.push({ text: escapeValue(c.text), substitution: false });
    else if (c.type === 'template_substitution') out.push({ text: '', substitution: true });
  }
  return out;
}

/** The value of a node already known to be a quoted string literal. */
export function literalValue(n: Node): string {
  let out = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    const type = c.type;
    if (type === 'string_fragment') out += c.text;
    else if (type === 'escape_sequence') out += escapeValue(c.text);
  }
  return out;
}

/** The value of a string literal, or of a template literal without substitutions; undefined otherwise. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type !== 'string' && n.type !== 'template_string') return undefined;
  const pieces = piecesOf(n);
  if (pieces.some((p) => p.substitution)) return undefined;
  return pieces.map((p) => p.text).join('');
}

/**
 * A string built from constant parts and substitutions (template literal or `+` concatenation), as the constant
 * segments in order: segment i+1 follows the i-th substitution. Undefined when the expression is not string-like.
 */
export function stringSegments(node: Node, depth = 0): string[] | undefined {
  const n = unwrap(node);
  if (n.type === 'template_string') {
    const segments = [''];
    for (const p of piecesOf(n)) {
      if (p.substitution) segments.push('');
      else segments[segments.length - 1] += p.text;
    }
    return segments;
  }
  if (n.type === 'string') return [stringValue(n) ?? ''];
  if (!isConcatenation(n)) return undefined;
  // `a + b + c` nests to the left: walk down that side in a loop, so a long concatenation costs no stack.
  const rights: Node[] = [];
  let left: Node = n;
  while (isConcatenation(left)) {
    const l = left.childForFieldName('left');
    const r = left.childForFieldName('right');
    if (!l || !r) return undefined;
    rights.push(r);
    left = unwrap(l);
  }
  // Only a chain that starts with a string is certainly a string concatenation (`a + b` may be arithmetic).
  const first = left.type === 'template_string' || left.type === 'string' ? stringSegments(left) : undefined;
  if (!first) return undefined;
  const out = [...first];
  for (let i = rights.length - 1; i >= 0; i--) {
    // Parenthesised right-hand sums nest the other way; past a sane depth they read as one unknown part.
    const r = (depth < 50 ? stringSegments(rights[i], depth + 1) : undefined) ?? ['', ''];
    out[out.length - 1] += r[0];
    out.push(...r.slice(1));
  }
  return out;
}

function isConcatenation(n: Node): boolean {
  return n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+';
}

export const FUNCTION_TYPES = new Set([
  'function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition',
  'generator_function_declaration', 'generator_function',
]);

export const CLASS_TYPES = new Set(['class_declaration', 'class', 'abstract_class_declaration']);

/** Does any node in the subtree have one of these types? */
export function containsType(node: Node, types: Set<string>): boolean {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (types.has(n.type)) return true;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}
