/**
 * Where nodes sit: enclosing function, class, scope, loop, statement, and whether a call is awaited, all found in
 * one top-down pass. `Node.parent` in web-tree-sitter re-descends from the root on every step, so any upward walk
 * per call costs O(depth²) and a long method chain became cubic; here each fact is carried down instead.
 */
import type { SyntaxCursor as TreeCursor, SyntaxNode as Node } from '../core/syntaxTree';
import { CLASS_TYPES, FUNCTION_TYPES, memberCall } from './syntax';

const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

/** Array methods whose callback runs once per element: a call inside one repeats like a loop body. */
const ITERATING_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex']);

export const SCOPE_TYPES = new Set([
  'program', 'statement_block', 'for_statement', 'for_in_statement', 'catch_clause', 'class_static_block', ...FUNCTION_TYPES,
]);

const STATEMENT = /_statement$|^lexical_declaration$|^variable_declaration$/;
const SIMPLE_STATEMENTS = new Set(['expression_statement', 'lexical_declaration', 'variable_declaration']);
/** Between a simple statement and its call, only nodes the call's value flows straight out of. */
const STRAIGHT = new Set(['await_expression', 'variable_declarator', 'assignment_expression', 'parenthesized_expression', 'as_expression', 'non_null_expression']);
const AWAIT_WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'non_null_expression']);
const ASSIGN_WRAPPERS = new Set(['await_expression', 'parenthesized_expression', 'as_expression']);
const TARGETS = new Set(['variable_declarator', 'assignment_expression', 'public_field_definition', 'field_definition']);
/** Functions with their own `this`: a `this.x` inside one does not reach the class around it. */
const THIS_BINDERS = new Set(['function_declaration', 'function_expression', 'function']);
/** Parents whose children's field names the pass reads. */
const FIELD_PARENTS = new Set([...LOOPS, 'call_expression', 'member_expression', 'if_statement', 'ternary_expression']);
/** Conditionals whose `consequence` and `alternative` never both run in one pass through them. */
const CONDITIONALS = new Set(['if_statement', 'ternary_expression']);

export interface Scope { node: Node; parent?: Scope }
export interface Fn { node: Node; name: string }
export interface Statement { node: Node; fn?: Fn; inBlock: boolean }

/** Facts about a node's ancestors; shared by every node of the same region. */
export interface Place {
  scope?: Scope;
  fn?: Fn;
  /** The class a `this` refers to. */
  cls?: Node;
  /** The class a function is a member of, for its name (any function in between ends it). */
  namingClass?: Node;
  inLoop: boolean;
  statement?: Statement;
  /** The arms of the conditionals around the node inside its function, outermost first: `<offset>:<field>`. */
  branch?: readonly string[];
}

/** Per call or `new`: facts that depend on the exact path from the node up. */
export interface CallPlace {
  place: Place;
  parentType: string;
  /** The call, or the method chain it starts, is the operand of `await`. */
  awaited: boolean;
  /** The path up to the statement is one the value flows straight through. */
  straight: boolean;
  /** A later link of the chain the call starts is `execAsPipeline()`. */
  pipelineEnd: boolean;
  /** What the value is assigned to, through `await`, parentheses and chained calls. */
  target?: Node;
  /** The call sits inside text tree-sitter could not parse (an ERROR node). */
  inError: boolean;
  /**
   * The named function or method around the call, else its top-level statement, holds a syntax error: a fix must
   * not rewrite part of it, even from a clean callback (`?. ids.forEach((id) => c.keys('*'))`).
   */
  declarationBroken: boolean;
}

/** The units `declarationBroken` judges, besides top-level statements. */
const DECLARATIONS = new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'class_declaration']);

interface Frame {
  type: string;
  node?: Node;
  /** Place for the node's children. */
  inner: Place;
  /** 0: not awaited; 1: an `await` operand (through wrappers); 2: a link of a chain that is. */
  aw: 0 | 1 | 2;
  pipelineEnd: boolean;
  /** A member expression that is the callee of a call: its object continues the chain. */
  callee: boolean;
  straight: boolean;
  target?: Node;
  method?: string;
  inError: boolean;
  declBroken: boolean;
  /** A string literal whose opening quote was counted. */
  quoted?: boolean;
  /** A conditional's start offset, naming it in its arms' `branch`. */
  start?: number;
}

interface Region { start: number; end: number; inner: Place; parent?: Region }

/** The result of the pass. */
export class Positions {
  /** Nodes of the requested types, in document order. */
  readonly nodes: Node[] = [];
  readonly calls = new Map<number, CallPlace>();
  /** Function id → the call it is an argument of (`xs.map((x) => …)`), when calls are among the kept types. */
  readonly callbacks = new Map<number, Node>();
  /** By node index in the tree: a map keyed by id was most of the pass's own cost. */
  private readonly places: (Place | undefined)[];
  /** Scopes and classes in document order, for nodes the pass did not keep. */
  private readonly regions: Region[] = [];
  /** String literals by their opening quote, counted on the way: the edit builder's quote style. */
  readonly quotes = { single: 0, double: 0 };

  constructor(root: Node, types: Set<string>) {
    this.places = new Array<Place | undefined>(root.tree.count).fill(undefined);
    walk(root, types, this, this.places, this.regions);
  }

  /** Facts about the node's ancestors. Nodes the pass did not keep are placed by range: exact for leaves. */
  placeOf(node: Node): Place {
    const kept = this.places[node.index];
    if (kept) return kept;
    const { startIndex: s, endIndex: e } = node;
    let lo = 0, hi = this.regions.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.regions[mid].start <= s) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    for (let r: Region | undefined = this.regions[at]; r; r = r.parent) if (r.start <= s && e <= r.end) return r.inner;
    return { inLoop: false };
  }

  /** `path:Class.method:line` of the enclosing function (1-based line), or `<module>` at top level. */
  scopeIdOf(node: Node, path: string): string {
    const fn = this.placeOf(node).fn;
    return fn ? `${path}:${fn.name}:${fn.node.startPosition.row + 1}` : '<module>';
  }
}

/** Best-effort name for a function: declared name, the variable or property it is assigned to, else `<anonymous>`. */
function functionName(fn: Node, parent: Frame, namingClass: Node | undefined): string {
  let name = fn.childForFieldName('name')?.text;
  const p = parent.node;
  if (!name && p) {
    if (p.type === 'variable_declarator') name = p.childForFieldName('name')?.text;
    else if (p.type === 'pair') name = p.childForFieldName('key')?.text;
    else if (p.type === 'public_field_definition' || p.type === 'field_definition') name = (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text;
    else if (p.type === 'assignment_expression') name = p.childForFieldName('left')?.text;
  }
  name ??= '<anonymous>';
  const cls = namingClass?.childForFieldName('name')?.text;
  return cls ? `${cls}.${name}` : name;
}

const EXITS = new Set(['return_statement', 'throw_statement', 'break_statement', 'continue_statement']);

/** A statement, or a block whose last statement, returns, throws, breaks or continues. */
function exits(s: Node | null): boolean {
  if (!s) return false;
  if (s.type !== 'statement_block') return EXITS.has(s.type);
  const last = s.namedChildren.filter((c) => c && c.type !== 'comment').at(-1);
  return !!last && EXITS.has(last.type);
}

function walk(root: Node, types: Set<string>, out: Positions, places: (Place | undefined)[], regions: Region[]): void {
  const keep = byType((t) => types.has(t) || SCOPE_TYPES.has(t) || CLASS_TYPES.has(t) || STATEMENT.test(t) || TARGETS.has(t) || t === 'pair');
  const statement = byType((t) => STATEMENT.test(t));
  const stack: Frame[] = [];
  const regionStack: Region[] = [];
  // Read once: in a file without errors no declaration can hold one, and no node needs to be asked.
  const fileBroken = root.hasError;
  const cursor: TreeCursor = root.walk();
  try {
    for (;;) {
      enter(cursor);
      if (cursor.gotoFirstChild()) continue;
      leave();
      for (;;) {
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
        leave();
      }
    }
  } finally {
    cursor.delete();
  }

  /**
   * `if (ttl) return redis.set(k, v, 'EX', ttl);` then `return redis.set(k, v);`: an if without else whose body
   * always leaves makes the statements after it its alternative, for the siblings still to come.
   */
  function leave(): void {
    const f = stack.pop();
    if (f?.type !== 'if_statement' || f.start === undefined || !f.node || f.node.childForFieldName('alternative')) return;
    if (!exits(f.node.childForFieldName('consequence'))) return;
    const parent = stack.at(-1);
    if (parent) parent.inner = { ...parent.inner, branch: [...(parent.inner.branch ?? []), `${f.start}:alternative`] };
  }

  function enter(c: TreeCursor): void {
    const type = c.nodeType;
    // Punctuation and operators are tokens: leaves, whose frame no child reads, and no type the pass keeps. About
    // half the nodes of a file: one shared frame keeps the stack in step without building one for each.
    if (punctuation(type)) {
      // A string literal's first token is its opening quote.
      if (type === "'" || type === '"') {
        const parent = stack.at(-1);
        if (parent?.type === 'string' && !parent.quoted) {
          parent.quoted = true;
          if (type === "'") out.quotes.single++; else out.quotes.double++;
        }
      }
      stack.push(TOKEN);
      return;
    }
    const parent = stack.at(-1);
    const grand = stack.at(-2);
    const field = parent && FIELD_PARENTS.has(parent.type) ? c.currentFieldName : null;
    const node = keep(type) ? c.currentNode : undefined;
    let place: Place = parent?.inner ?? { inLoop: false };
    if (parent && LOOPS.has(parent.type) && field === 'body' && !place.inLoop) place = { ...place, inLoop: true };
    if (parent?.start !== undefined && (field === 'consequence' || field === 'alternative')) {
      place = { ...place, branch: [...(place.branch ?? []), `${parent.start}:${field}`] };
    }
    const f: Frame = {
      type, node, inner: place, aw: 0, pipelineEnd: false, callee: false, straight: false, inError: !!parent && (parent.inError || parent.type === 'ERROR'),
      declBroken: fileBroken && (parent && parent.type !== 'program' && !DECLARATIONS.has(type) ? parent.declBroken : !!parent && c.currentNode.hasError),
    };
    if (CONDITIONALS.has(type)) f.start = c.startIndex;
    if (parent) {
      if (parent.type === 'await_expression') f.aw = 1;
      else if (AWAIT_WRAPPERS.has(parent.type)) f.aw = parent.aw === 1 ? 1 : 0;
      else if (parent.type === 'call_expression' && field === 'function' && type === 'member_expression') {
        f.callee = true;
        f.aw = parent.aw ? 2 : 0;
        f.pipelineEnd = parent.pipelineEnd || parent.method === 'execAsPipeline';
      } else if (parent.type === 'member_expression' && parent.callee && field === 'object') {
        f.aw = parent.aw ? 2 : 0;
        f.pipelineEnd = parent.pipelineEnd;
      }
      f.straight = statement(parent.type) ? true : parent.straight && STRAIGHT.has(parent.type);
      if (TARGETS.has(parent.type)) f.target = parent.node;
      else if (ASSIGN_WRAPPERS.has(parent.type)) f.target = parent.target;
      else if (parent.type === 'member_expression' && grand?.type === 'call_expression') f.target = grand.target;
    }
    if (node) {
      places[node.index] = place;
      if (type === 'call_expression' || type === 'new_expression') {
        f.method = memberCall(node)?.property.text;
        out.calls.set(node.id, { place, parentType: parent?.type ?? '', awaited: f.aw !== 0, straight: f.straight, pipelineEnd: f.pipelineEnd, target: f.target, inError: f.inError, declarationBroken: f.declBroken });
      }
      if (types.has(type)) out.nodes.push(node);
      if (FUNCTION_TYPES.has(type) && parent?.type === 'arguments' && grand?.type === 'call_expression' && grand.node) out.callbacks.set(node.id, grand.node);
      f.inner = innerPlace(node, place, parent, grand);
      if (f.inner.scope?.node === node || CLASS_TYPES.has(type)) {
        const region: Region = { start: node.startIndex, end: node.endIndex, inner: f.inner, parent: enclosingRegion(regionStack, node) };
        regions.push(region);
        regionStack.push(region);
      }
    }
    stack.push(f);
  }
}

/** Node types that are not words: `(`, `,`, `=>`, `"`, `${` … (tree-sitter names anonymous tokens by their text). */
const punctuation = byType((t) => !/^[A-Za-z_]/.test(t));

/** The frame of every punctuation token; never read, since a token has no children. */
const TOKEN: Frame = { type: '', inner: { inLoop: false }, aw: 0, pipelineEnd: false, callee: false, straight: false, inError: false, declBroken: false };

/** A predicate on node types, remembered per type: the pass asks it for every node. */
function byType(test: (type: string) => boolean): (type: string) => boolean {
  const memo = new Map<string, boolean>();
  return (t) => {
    let v = memo.get(t);
    if (v === undefined) memo.set(t, (v = test(t)));
    return v;
  };
}

/** The innermost open region holding the node (regions close lazily, as the walk moves past them). */
function enclosingRegion(open: Region[], node: Node): Region | undefined {
  while (open.length && !(open.at(-1)!.start <= node.startIndex && node.endIndex <= open.at(-1)!.end)) open.pop();
  return open.at(-1);
}

/** The place a node gives its children. */
function innerPlace(node: Node, place: Place, parent: Frame | undefined, grand: Frame | undefined): Place {
  const type = node.type;
  let inner = place;
  if (FUNCTION_TYPES.has(type)) {
    const call = parent?.type === 'arguments' ? grand : undefined;
    const fn: Fn = { node, name: parent ? functionName(node, parent, place.namingClass) : '<anonymous>' };
    inner = {
      ...place, fn, namingClass: undefined, inLoop: !!call?.method && ITERATING_METHODS.has(call.method),
      cls: THIS_BINDERS.has(type) ? undefined : place.cls, branch: undefined,
    };
  } else if (CLASS_TYPES.has(type)) {
    inner = { ...place, cls: node, namingClass: node };
  }
  if (SCOPE_TYPES.has(type)) inner = { ...inner, scope: { node, parent: place.scope } };
  if (STATEMENT.test(type)) {
    const inBlock = parent?.type === 'program' || parent?.type === 'statement_block';
    inner = { ...inner, statement: { node, fn: place.fn, inBlock } };
  }
  return inner;
}

/** The innermost statement holding the call (a concise arrow body has none of its own: the outer one is given). */
export function statementOf(call: Node, at: CallPlace): Node {
  return at.place.statement?.node ?? call;
}

/**
 * A statement of the same function, directly inside a block or the module, that consists of the call (possibly
 * awaited or assigned): a statement can be inserted after it and run right after the call.
 */
export function simpleStatementOf(at: CallPlace): Node | undefined {
  const stmt = blockStatementOf(at);
  return stmt && SIMPLE_STATEMENTS.has(stmt.type) ? stmt : undefined;
}

/**
 * The statement of the same function, directly inside a block or the module, whose value is the call's
 * (`return await c.keys(p);` as well as the simple statements): several statements can stand in its place.
 */
export function blockStatementOf(at: CallPlace): Node | undefined {
  const stmt = at.place.statement;
  if (!stmt || !stmt.inBlock || stmt.fn !== at.place.fn) return undefined;
  return at.straight ? stmt.node : undefined;
}
