/**
 * Plans the client-per-call fix while the syntax tree exists: moving `const client = new Redis(...)` out of a route
 * handler, a Lambda handler or a loop to module scope, before the top-level statement that holds it. Planned only
 * for constructions the extractor found per call (few), and only when the move keeps the program meaning the same
 * apart from sharing the client: the arguments read nothing declared in the function or after the insertion point
 * and call nothing but conversions at load time, the name is free at module level and never reassigned, and the
 * function does not connect, close, subscribe or add listeners to the client it built (a shared client would
 * collect them call after call).
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { LineIndex } from '../../../engine/text';
import type { ClientConstruction } from '../../../model/code';

export interface HoistPlan {
  insertAt: number;
  text: string;
  remove: [number, number];
}

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']);
const SAFE_CALLS = /^(Number|String|Boolean|parseInt|parseFloat|Number\.parseInt|Number\.parseFloat)$/;
const DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);

/** Identifiers a binding pattern (a name, a destructuring, a parameter list) declares. */
function patternNames(n: Node, out: Set<string>): void {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'identifier' || x.type === 'shorthand_property_identifier_pattern') { out.add(x.text); continue; }
    // A default value or a type is read, not declared.
    if (x.type === 'type_annotation') continue;
    if (x.type === 'assignment_pattern' || x.type === 'object_assignment_pattern') {
      const l = x.childForFieldName('left');
      if (l) stack.push(l);
      continue;
    }
    for (const c of x.namedChildren) if (c) stack.push(c);
  }
}

/** Names declared anywhere in `root` outside `skip`, and the names assigned there. */
function declaredIn(root: Node, skip: Node): { declared: Map<string, number>; assigned: Set<string> } {
  const declared = new Map<string, number>();
  const assigned = new Set<string>();
  const add = (names: Set<string>) => { for (const x of names) declared.set(x, (declared.get(x) ?? 0) + 1); };
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === skip.id) continue;
    const field = (f: string) => n.childForFieldName(f);
    const names = new Set<string>();
    if (n.type === 'variable_declarator') { const nm = field('name'); if (nm) patternNames(nm, names); }
    else if (n.type === 'formal_parameters') patternNames(n, names);
    else if (n.type === 'arrow_function' && field('parameter')) patternNames(field('parameter')!, names);
    else if (n.type === 'catch_clause' && field('parameter')) patternNames(field('parameter')!, names);
    else if ((n.type === 'function_declaration' || n.type === 'class_declaration' || n.type === 'generator_function_declaration') && field('name')) names.add(field('name')!.text);
    else if (n.type === 'for_in_statement' && field('left')) patternNames(field('left')!, names);
    else if ((n.type === 'assignment_expression' || n.type === 'augmented_assignment_expression') && field('left')?.type === 'identifier') assigned.add(field('left')!.text);
    else if (n.type === 'update_expression' && field('argument')?.type === 'identifier') assigned.add(field('argument')!.text);
    add(names);
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return { declared, assigned };
}

/** Every name the arguments read, or undefined when evaluating them at load time could do anything. */
function namesRead(args: Node): string[] | undefined {
  const out: string[] = [];
  const stack: [Node, boolean][] = [[args, false]];
  while (stack.length) {
    const [n, deferred] = stack.pop()!;
    // A function passed as an option (retryStrategy) runs later, not at load time: its calls are its own business.
    const inFn = deferred || FUNCTIONS.has(n.type);
    if (!inFn && (n.type === 'await_expression' || n.type === 'new_expression' || n.type === 'yield_expression')) return undefined;
    if (!inFn && n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      if (!fn || !SAFE_CALLS.test(fn.text)) return undefined;
    }
    if (n.type === 'identifier' || n.type === 'shorthand_property_identifier') { out.push(n.text); continue; }
    if (n.type === 'member_expression') { const o = n.childForFieldName('object'); if (o) stack.push([o, inFn]); continue; }
    if (n.type === 'pair') { const v = n.childForFieldName('value'); const k = n.childForFieldName('key'); if (v) stack.push([v, inFn]); if (k?.type === 'computed_property_name') stack.push([k, inFn]); continue; }
    if (n.type === 'type_annotation' || n.type === 'type_arguments') continue;
    for (const c of n.namedChildren) if (c) stack.push([c, inFn]);
  }
  return out;
}

/** Top-level names, with whether each is usable before `at` (imports, functions and `var` are hoisted). */
function moduleNames(program: Node, at: number): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const s of program.namedChildren) {
    if (!s) continue;
    const decl = s.type === 'export_statement' ? s.childForFieldName('declaration') ?? s : s;
    const names = new Set<string>();
    let early = s.startIndex < at;
    if (decl.type === 'import_statement') { patternNames(decl, names); early = true; }
    else if (DECLARATIONS.has(decl.type)) {
      for (const d of decl.namedChildren) if (d?.type === 'variable_declarator' && d.childForFieldName('name')) patternNames(d.childForFieldName('name')!, names);
      if (decl.type === 'variable_declaration') early = true;
    } else if ((decl.type === 'function_declaration' || decl.type === 'generator_function_declaration') && decl.childForFieldName('name')) {
      names.add(decl.childForFieldName('name')!.text);
      early = true;
    } else if (decl.type === 'class_declaration' && decl.childForFieldName('name')) names.add(decl.childForFieldName('name')!.text);
    for (const n of names) out.set(n, (out.get(n) ?? false) || early);
  }
  return out;
}

/**
 * Where the hoisted statement reads best and what to write there: right under the simple module-level statement
 * above (`const app = express();`; after a blank line below the imports), or else on its own above the statement
 * that held it, a blank line apart.
 */
function placement(first: number, statement: string, lines: LineIndex): { insertAt: number; text: string } {
  const eol = lines.eol;
  let prev = first - 1;
  while (prev >= 0 && !lines.lineText(prev).trim()) prev--;
  const above = prev >= 0 ? lines.lineText(prev) : '';
  const simple = prev >= 0 && prev < first - 1 && /^[^\s/*}\])]/.test(above) && !/[{([,]\s*(\/\/.*)?$/.test(above);
  if (simple) {
    const afterImports = /^import\s|^(const|let|var)\s.*=\s*require\(/.test(above);
    return { insertAt: lines.lineEnd(prev), text: eol + (afterImports ? eol : '') + statement };
  }
  return { insertAt: lines.lineStart(first), text: statement + eol + eol };
}

function plan(c: ClientConstruction, root: Node, lines: LineIndex): HoistPlan | undefined {
  const start = lines.offsetAt(c.range.start);
  const end = lines.offsetAt(c.range.end);
  let node: Node | null = root.descendantForIndex(start, end);
  while (node && !(node.type === 'new_expression' || node.type === 'call_expression') && node.startIndex === start && node.endIndex === end) node = node.parent;
  if (!node || node.startIndex !== start || node.endIndex !== end || !(node.type === 'new_expression' || node.type === 'call_expression')) return undefined;
  const declarator = node.parent;
  const nameNode = declarator?.childForFieldName('name');
  if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('value')?.id !== node.id || nameNode?.type !== 'identifier') return undefined;
  const stmt = declarator.parent;
  if (!stmt || !DECLARATIONS.has(stmt.type) || stmt.namedChildren.filter((d) => d?.type === 'variable_declarator').length !== 1) return undefined;
  const block = stmt.parent;
  if (block?.type !== 'statement_block' || block.namedChildren.filter((n) => n && n.type !== 'comment').length < 2) return undefined;
  let top: Node = stmt;
  while (top.parent && top.parent.type !== 'program') top = top.parent;
  if (!top.parent) return undefined;
  const program = top.parent;

  let firstLine = lines.positionAt(top.startIndex).line;
  while (firstLine > 0 && /^(\/\/|\/\*|\s*\*)/.test(lines.lineText(firstLine - 1))) firstLine--;
  const insertAt = lines.lineStart(firstLine);

  const name = nameNode.text;
  const mod = moduleNames(program, insertAt);
  const { declared, assigned } = declaredIn(top, node);
  if (mod.has(name) || (declared.get(name) ?? 0) !== 1 || assigned.has(name)) return undefined;
  const args = node.childForFieldName('arguments');
  const read = args ? namesRead(args) : [];
  if (!read) return undefined;
  for (const id of read) {
    if (declared.has(id) || mod.get(id) === false) return undefined;
  }
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`\\b${n}\\s*\\??\\.\\s*(connect|quit|disconnect|close|end|destroy|on|once|addListener|subscribe|psubscribe|ssubscribe)\\s*\\(`).test(top.text)) return undefined;

  const first = lines.positionAt(stmt.startIndex).line;
  const last = lines.positionAt(stmt.endIndex).line;
  const rest = lines.text.slice(stmt.endIndex, lines.lineEnd(last)).trim();
  if (rest && !rest.startsWith('//')) return undefined;
  const indent = lines.indentOf(first);
  if (lines.text.slice(lines.lineStart(first), stmt.startIndex) !== indent) return undefined;
  // The comment lines right above the statement say what it does: they move with it.
  let from = first;
  while (from > 0 && lines.indentOf(from - 1) === indent && lines.lineText(from - 1).slice(indent.length).startsWith('//')) from--;
  const body: string[] = [];
  for (let i = from; i <= last; i++) {
    const t = lines.lineText(i);
    if (t.trim() && !t.startsWith(indent)) return undefined;
    body.push(t.startsWith(indent) ? t.slice(indent.length) : t.trimStart());
  }
  const placed = placement(firstLine, body.join(lines.eol), lines);
  let removeEnd = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.text.length;
  const prevBlankOrHeader = from === 0 || !lines.lineText(from - 1).trim() || /\{\s*(\/\/.*)?$/.test(lines.lineText(from - 1));
  if (prevBlankOrHeader && last + 1 < lines.lineCount - 1 && !lines.lineText(last + 1).trim()) removeEnd = lines.lineStart(last + 2);
  return { ...placed, remove: [lines.lineStart(from), removeEnd] };
}

/** Hoist plans by the construction's start offset, for the constructions built per call. */
export function planHoists(root: Node, clients: ClientConstruction[], lines: LineIndex): Map<number, HoistPlan> {
  const planned: [ClientConstruction, HoistPlan][] = [];
  for (const c of clients) {
    if (c.lifetime.kind !== 'per-call') continue;
    const p = plan(c, root, lines);
    if (p) planned.push([c, p]);
  }
  // Two routes that each build their own `cache`: both moved, there would be two module-level `const cache`. Neither
  // is offered; the person picks the names.
  const uses = new Map<string, number>();
  for (const [c] of planned) if (c.boundTo) uses.set(c.boundTo, (uses.get(c.boundTo) ?? 0) + 1);
  const out = new Map<number, HoistPlan>();
  for (const [c, p] of planned) if (!c.boundTo || uses.get(c.boundTo) === 1) out.set(lines.offsetAt(c.range.start), p);
  return out;
}
