/**
 * Plans the client-per-call fix while the syntax tree exists: moving `name = redis.Redis(...)` out of a request
 * handler, a Lambda handler or a loop to module scope, before the top-level statement that holds it. Planned only
 * for constructions the extractor found per call (few), and only when the move keeps the program meaning the same
 * apart from sharing the client: the arguments read nothing local and nothing that needs a request (Flask's
 * `current_app`), the name is free at module level and bound once in the function, and the function does not
 * close, or enter as a context manager, the client it built; not out of an async Lambda handler.
 */
import type { LineIndex } from '../../../engine/text';
import type { ClientConstruction } from '../../../model/code';
import type { Node } from './syntax';
import type { Scope, ScopeIndex } from './scopes';

export interface HoistPlan {
  /** Where the hoisted statement goes (with its own newline and blank lines), and the lines it leaves. */
  insertAt: number;
  text: string;
  remove: [number, number];
}

/** Calls an argument may make at import time: conversions and environment reads. */
const SAFE_CALLS = /^(int|str|float|bool|os\.environ\.get|os\.getenv|environ\.get|getenv)$/;
/** Flask/Quart context locals: reading them outside a request or app context raises. */
const CONTEXT_LOCALS = new Set(['current_app', 'request', 'g', 'session']);

function ancestors(node: Node): Node[] {
  const out: Node[] = [];
  for (let n = node.parent; n; n = n.parent) out.push(n);
  return out;
}

/** The scope whose names `node` reads: the nearest enclosing function, class body or comprehension. */
function scopeOf(chain: Node[], index: ScopeIndex): Scope {
  for (const n of chain) {
    const s = index.byNode.get(n.id);
    if (s) return s;
  }
  return index.module;
}

/** Every name the arguments read, or undefined when they do something that must not run at import time. */
function namesRead(args: Node): string[] | undefined {
  const out: string[] = [];
  const stack = [args];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'lambda' || n.type === 'await' || n.type.endsWith('comprehension') || n.type === 'generator_expression' || n.type === 'named_expression') return undefined;
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      if (!fn || !SAFE_CALLS.test(fn.text)) return undefined;
    }
    if (n.type === 'identifier') { out.push(n.text); continue; }
    if (n.type === 'keyword_argument') {
      const v = n.childForFieldName('value');
      if (v) stack.push(v);
      continue;
    }
    if (n.type === 'attribute') {
      const obj = n.childForFieldName('object');
      if (obj) stack.push(obj);
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/** The line the top-level statement starts on, above its decorators and the comment lines right above it. */
function firstLineOf(top: Node, lines: LineIndex): number {
  let line = lines.positionAt(top.startIndex).line;
  while (line > 0 && /^#/.test(lines.lineText(line - 1))) line--;
  return line;
}

/**
 * Where the hoisted statement reads best and what to write there: right under the module-level statement above
 * (`app = Flask(__name__)`; after a blank line below the imports), or else on its own above the definition, two
 * blank lines apart as PEP 8 has it.
 */
function placement(top: Node, statement: string, lines: LineIndex): { insertAt: number; text: string } {
  const eol = lines.eol;
  const first = firstLineOf(top, lines);
  let prev = first - 1;
  while (prev >= 0 && !lines.lineText(prev).trim()) prev--;
  const above = prev >= 0 ? lines.lineText(prev) : '';
  const simple = prev >= 0 && prev < first - 1 && /^[^\s#@]/.test(above) && !/^(async\s+def|def|class)\b/.test(above) && !/:\s*(#.*)?$/.test(above);
  if (simple) {
    const afterImports = /^(import|from)\s/.test(above);
    return { insertAt: lines.lineEnd(prev), text: eol + (afterImports ? eol : '') + statement };
  }
  const definition = top.type === 'function_definition' || top.type === 'class_definition' || top.type === 'decorated_definition';
  return { insertAt: lines.lineStart(first), text: statement + eol + (definition ? eol + eol : eol) };
}

function plan(c: ClientConstruction, root: Node, lines: LineIndex, index: ScopeIndex): (HoistPlan & { name: string }) | undefined {
  const start = lines.offsetAt(c.range.start);
  const end = lines.offsetAt(c.range.end);
  let call: Node | null = root.descendantForIndex(start, end);
  while (call && call.type !== 'call' && call.startIndex === start && call.endIndex === end) call = call.parent;
  if (!call || call.type !== 'call' || call.startIndex !== start || call.endIndex !== end) return undefined;
  const assign = call.parent;
  const left = assign?.childForFieldName('left');
  if (assign?.type !== 'assignment' || assign.childForFieldName('right')?.id !== call.id || left?.type !== 'identifier') return undefined;
  const stmt = assign.parent;
  if (stmt?.type !== 'expression_statement' || stmt.namedChildCount !== 1) return undefined;
  const block = stmt.parent;
  if (!block || block.type !== 'block' || block.namedChildren.filter((n) => n && n.type !== 'comment').length < 2) return undefined;
  const chain = ancestors(stmt);
  const top = chain[chain.length - 2];
  if (!top || top.parent?.type !== 'module') return undefined;
  const insertAt = lines.lineStart(firstLineOf(top, lines));

  const name = left.text;
  const own = scopeOf(chain, index);
  // An async Lambda handler runs under a wrapper's event loop, often a new one per invocation (`asyncio.run`): a
  // module-level asyncio client would keep connections bound to the first loop and fail on the next invocation.
  if (c.lifetime.kind === 'per-call' && c.lifetime.reason === 'lambda-handler' && own.node.text.startsWith('async')) return undefined;
  if (own.outer.has(name) || (own.names.get(name)?.length ?? 0) !== 1) return undefined;
  if (own !== index.module && index.module.names.has(name)) return undefined;
  const args = call.childForFieldName('arguments');
  const read = args ? namesRead(args) : [];
  if (!read) return undefined;
  for (const id of read) {
    if (CONTEXT_LOCALS.has(id)) return undefined;
    for (let s: Scope | undefined = own; s; s = s.parent) {
      const bindings = s.names.get(id);
      if (!bindings) continue;
      if (s.kind !== 'module' || !bindings.some((b) => b.start <= insertAt)) return undefined;
      break;
    }
  }
  // A client the function closes or enters is one it means to own; shared, it would be closed under other callers.
  const body = (own.node === root ? top : own.node).text;
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`\\b${n}\\s*\\.\\s*(close|aclose|quit|disconnect|reset|connection_pool)\\b|\\bwith\\s+${n}\\b|\\bdel\\s+${n}\\b`).test(body)) return undefined;

  const first = lines.positionAt(stmt.startIndex).line;
  const last = lines.positionAt(stmt.endIndex).line;
  const rest = lines.text.slice(stmt.endIndex, lines.lineEnd(last)).trim();
  if (rest && !rest.startsWith('#')) return undefined;
  const indent = lines.indentOf(first);
  if (lines.text.slice(lines.lineStart(first), stmt.startIndex) !== indent) return undefined;
  // The comment lines right above the statement say what it does: they move with it.
  let from = first;
  while (from > 0 && lines.indentOf(from - 1) === indent && lines.lineText(from - 1).slice(indent.length).startsWith('#')) from--;
  const body0: string[] = [];
  for (let i = from; i <= last; i++) {
    const t = lines.lineText(i);
    if (t.trim() && !t.startsWith(indent)) return undefined;
    body0.push(t.startsWith(indent) ? t.slice(indent.length) : t.trimStart());
  }
  const placed = placement(top, body0.join(lines.eol), lines);

  // Take a blank line that would be left dangling at the top of the block or doubled.
  let removeEnd = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.text.length;
  const prevBlankOrHeader = from === 0 || !lines.lineText(from - 1).trim() || /:\s*(#.*)?$/.test(lines.lineText(from - 1));
  if (prevBlankOrHeader && last + 1 < lines.lineCount - 1 && !lines.lineText(last + 1).trim()) removeEnd = lines.lineStart(last + 2);
  return { ...placed, remove: [lines.lineStart(from), removeEnd], name };
}

/** Hoist plans by the construction's start offset, for the constructions built per call. */
export function planHoists(root: Node, clients: ClientConstruction[], lines: LineIndex, index: ScopeIndex): Map<number, HoistPlan> {
  const planned: [number, HoistPlan & { name: string }][] = [];
  for (const c of clients) {
    if (c.lifetime.kind !== 'per-call') continue;
    const p = plan(c, root, lines, index);
    if (p) planned.push([lines.offsetAt(c.range.start), p]);
  }
  // Two handlers that each build their own `r`: both moved, the second module-level `r` would replace the first
  // under the other handler too. Neither is offered; the person picks the names.
  const uses = new Map<string, number>();
  for (const [, p] of planned) uses.set(p.name, (uses.get(p.name) ?? 0) + 1);
  const out = new Map<number, HoistPlan>();
  for (const [at, { name, ...p }] of planned) if (uses.get(name) === 1) out.set(at, p);
  return out;
}
