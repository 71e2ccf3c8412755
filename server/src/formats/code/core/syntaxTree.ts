/**
 * A plain-JavaScript copy of a tree-sitter tree, read in one cursor walk. Every property of a web-tree-sitter node
 * (`type`, `text`, `namedChildren`, `childForFieldName`, `endIndex`, `parent` …) is a crossing into wasm with its
 * arguments marshalled through memory, and the extractors ask each node several times over, from several passes:
 * with the copy each node is read once, and every later question is an array read. The walk fills typed arrays
 * (a hundred thousand node objects kept alive through a walk cost more in garbage collection than the walk itself);
 * a node object is made the first time a node is asked for, and the same one is handed out after. It answers the
 * subset of web-tree-sitter's `Node` API the extractors use, with the same meaning.
 */
import type { Language, Tree } from 'web-tree-sitter';
import { fastWalker, publicWalker, type Walker } from './cursorWalk';

const NO_CHILDREN: SyntaxNode[] = [];

/** tree-sitter's symbol for an ERROR node, which `Language.types` has no name for. */
const ERROR_SYMBOL = 65535;

export class SyntaxNode {
  declare readonly tree: SyntaxTree;
  /** The node's position in the tree's preorder. */
  declare readonly index: number;
  declare private memoChildren: SyntaxNode[] | undefined;
  declare private memoNamed: SyntaxNode[] | undefined;
  declare private memoText: string | undefined;

  constructor(tree: SyntaxTree, index: number) {
    // Assigned rather than declared with initialisers: one object shape, and no field definitions per node.
    this.tree = tree;
    this.index = index;
    this.memoChildren = undefined;
    this.memoNamed = undefined;
    this.memoText = undefined;
  }

  /** Unique within the tree. */
  get id(): number { return this.index + 1; }
  /** The grammar's number for the type, for `symbolTable` lookups. */
  get symbol(): number { return this.tree.symbols[this.index]; }
  get type(): string { return this.tree.typeName(this.index); }
  get isNamed(): boolean { return this.tree.isNamed(this.index); }
  get startIndex(): number { return this.tree.starts[this.index]; }
  get endIndex(): number { return this.tree.ends[this.index]; }
  /** The field this node fills in its parent (`function`, `arguments` …). */
  get fieldName(): string | null { return this.tree.fieldName(this.index); }
  /** An ERROR or MISSING node in it. */
  get hasError(): boolean { return this.tree.errors[this.index] === 1; }
  get isError(): boolean { return this.type === 'ERROR'; }

  get parent(): SyntaxNode | null {
    const p = this.tree.parents[this.index];
    return p < 0 ? null : this.tree.node(p);
  }

  get text(): string {
    return this.memoText ??= this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): { row: number; column: number } {
    return this.tree.position(this.startIndex);
  }

  get endPosition(): { row: number; column: number } {
    return this.tree.position(this.endIndex);
  }

  get children(): SyntaxNode[] {
    if (this.memoChildren) return this.memoChildren;
    const { firstChildren, nextSiblings } = this.tree;
    let c = firstChildren[this.index];
    if (c < 0) return this.memoChildren = NO_CHILDREN;
    const out: SyntaxNode[] = [];
    for (; c >= 0; c = nextSiblings[c]) out.push(this.tree.node(c));
    return this.memoChildren = out;
  }

  get namedChildren(): SyntaxNode[] {
    if (this.memoNamed) return this.memoNamed;
    const { firstChildren, nextSiblings } = this.tree;
    const out: SyntaxNode[] = [];
    for (let c = firstChildren[this.index]; c >= 0; c = nextSiblings[c]) if (this.tree.isNamed(c)) out.push(this.tree.node(c));
    return this.memoNamed = out.length ? out : NO_CHILDREN;
  }

  get childCount(): number { return this.children.length; }
  get namedChildCount(): number { return this.namedChildren.length; }
  get firstChild(): SyntaxNode | null { return this.children[0] ?? null; }
  get lastChild(): SyntaxNode | null { return this.children[this.children.length - 1] ?? null; }
  get firstNamedChild(): SyntaxNode | null { return this.namedChildren[0] ?? null; }

  get lastNamedChild(): SyntaxNode | null {
    const named = this.namedChildren;
    return named[named.length - 1] ?? null;
  }

  get nextSibling(): SyntaxNode | null {
    const next = this.tree.nextSiblings[this.index];
    return next < 0 ? null : this.tree.node(next);
  }

  get previousSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    const i = siblings ? siblings.indexOf(this) : -1;
    return i > 0 ? siblings![i - 1] : null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    for (let n = this.previousSibling; n; n = n.previousSibling) if (n.isNamed) return n;
    return null;
  }

  /** The child of this node that holds `descendant` (or is it): parents are an array lookup in the copy. */
  childWithDescendant(descendant: SyntaxNode): SyntaxNode | null {
    const { parents } = this.tree;
    for (let n = descendant.index; n >= 0; n = parents[n]) if (parents[n] === this.index) return this.tree.node(n);
    return null;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  /** An ERROR node has no fields for tree-sitter, though the walk reports its children's as the parser guessed them. */
  childForFieldName(name: string): SyntaxNode | null {
    const t = this.tree;
    if (t.symbols[this.index] === ERROR_SYMBOL) return null;
    const id = t.fieldId(name);
    if (id === undefined) return null;
    for (let c = t.firstChildren[this.index]; c >= 0; c = t.nextSiblings[c]) if (t.fields[c] === id) return t.node(c);
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.type === 'ERROR' ? [] : this.children.filter((c) => c.fieldName === name);
  }

  equals(other: SyntaxNode | null | undefined): boolean {
    return this === other;
  }

  /** Descendants (this node included) of the given types, in source order, as tree-sitter gives them. */
  descendantsOfType(types: string | string[]): SyntaxNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const t = this.tree;
    const out: SyntaxNode[] = [];
    // A subtree is a run of the preorder.
    for (let i = this.index, end = t.afters[this.index]; i < end; i++) if (wanted.includes(t.typeName(i))) out.push(t.node(i));
    return out;
  }

  /**
   * The smallest node (named or not) that spans [start, end], as tree-sitter's `descendantForIndex` finds it: the
   * first child that reaches the end (and past the start, unless it is empty) without starting after the start, and
   * so on down.
   */
  descendantForIndex(start: number, end = start): SyntaxNode {
    const t = this.tree;
    let node = this.index;
    for (;;) {
      let next = -1;
      for (let c = t.firstChildren[node]; c >= 0; c = t.nextSiblings[c]) {
        // An empty child (a MISSING token) is entered at its own offset.
        if (t.ends[c] < end || (t.ends[c] <= start && t.starts[c] < t.ends[c])) continue;
        if (start < t.starts[c]) break;
        next = c;
        break;
      }
      if (next < 0) return t.node(node);
      node = next;
    }
  }

  /**
   * The outermost named descendants (this node excluded) whose symbol `table` marks (`SyntaxTree.symbolTable`), in
   * source order: a pass that acts on a few node types and carries its context unchanged through all the others
   * reaches them without a node object for each node in between.
   */
  outermost(table: Uint8Array): SyntaxNode[] {
    const t = this.tree;
    const { symbols, afters } = t;
    const out: SyntaxNode[] = [];
    for (let i = this.index + 1, end = afters[this.index]; i < end;) {
      if (table[symbols[i]] === 1) {
        out.push(t.node(i));
        i = afters[i];
      } else i++;
    }
    return out;
  }

  walk(): SyntaxCursor {
    return new SyntaxCursor(this);
  }
}

/** The subset of web-tree-sitter's `TreeCursor` the extractors use: moves over indices, no node object unless asked. */
export class SyntaxCursor {
  private readonly tree: SyntaxTree;
  private readonly root: number;
  private at: number;

  constructor(root: SyntaxNode) {
    this.tree = root.tree;
    this.root = this.at = root.index;
  }

  get currentNode(): SyntaxNode { return this.tree.node(this.at); }
  get nodeType(): string { return this.tree.typeName(this.at); }
  get nodeTypeId(): number { return this.tree.symbols[this.at]; }
  get nodeIsNamed(): boolean { return this.tree.isNamed(this.at); }
  get currentFieldName(): string | null { return this.tree.fieldName(this.at); }
  get startIndex(): number { return this.tree.starts[this.at]; }
  get endIndex(): number { return this.tree.ends[this.at]; }

  gotoFirstChild(): boolean {
    const first = this.tree.firstChildren[this.at];
    if (first < 0) return false;
    this.at = first;
    return true;
  }

  gotoNextSibling(): boolean {
    if (this.at === this.root) return false;
    const next = this.tree.nextSiblings[this.at];
    if (next < 0) return false;
    this.at = next;
    return true;
  }

  gotoParent(): boolean {
    if (this.at === this.root) return false;
    this.at = this.tree.parents[this.at];
    return true;
  }

  delete(): void { /* nothing to free: the copy is plain JavaScript */ }
}

/** The nodes of a tree, by preorder index, one typed array per property. */
export class SyntaxTree {
  declare symbols: Uint16Array;
  declare fields: Uint16Array;
  declare starts: Int32Array;
  declare ends: Int32Array;
  /** -1 for none. */
  declare parents: Int32Array;
  declare firstChildren: Int32Array;
  declare nextSiblings: Int32Array;
  /** One past the last descendant: a subtree is the run [index, after). */
  declare afters: Int32Array;
  declare errors: Uint8Array;
  count = 0;
  readonly rootNode: SyntaxNode;
  private readonly nodes: (SyntaxNode | undefined)[];
  private readonly types: string[];
  private readonly named: Uint8Array;
  private readonly fieldNames: (string | null)[];
  private fieldIds?: Map<string, number>;
  private lineStarts?: number[];

  /** `runtime`: the runtime's wasm exports (`wasmExports()`), for the fast walk; the public API without them. */
  private readonly language: Language;

  constructor(readonly source: string, tree: Tree, runtime?: object) {
    const language = this.language = tree.language;
    this.types = language.types;
    this.fieldNames = language.fields;
    this.named = namedTable(language);
    this.allocate(Math.max(64, source.length >> 1));
    const broken = tree.rootNode.hasError;
    const fast = !broken && runtime ? fastWalker(runtime, tree) : undefined;
    copy(this, fast ?? publicWalker(tree.walk()), broken);
    // Sized up front: an array filled at scattered indices from empty would fall back to a dictionary.
    this.nodes = new Array(this.count).fill(undefined);
    this.rootNode = this.node(0);
  }

  node(index: number): SyntaxNode {
    return this.nodes[index] ??= new SyntaxNode(this, index);
  }

  typeName(index: number): string {
    const symbol = this.symbols[index];
    return symbol === ERROR_SYMBOL ? 'ERROR' : this.types[symbol] || 'ERROR';
  }

  isNamed(index: number): boolean {
    return this.named[this.symbols[index]] === NAMED;
  }

  fieldName(index: number): string | null {
    const id = this.fields[index];
    return id ? this.fieldNames[id] ?? null : null;
  }

  fieldId(name: string): number | undefined {
    if (!this.fieldIds) {
      this.fieldIds = new Map();
      this.fieldNames.forEach((f, i) => { if (f && i) this.fieldIds!.set(f, i); });
    }
    return this.fieldIds.get(name);
  }

  /** Row and column (UTF-16 units, as web-tree-sitter counts them for a string input) of an offset. */
  position(offset: number): { row: number; column: number } {
    const starts = this.lineStarts ??= lineStartsOf(this.source);
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo] };
  }

  /**
   * A per-language table of the named symbols whose type `wanted` accepts (ERROR included), for `outermost`. Built
   * once per language and predicate: pass the same function each time.
   */
  symbolTable(wanted: (type: string) => boolean): Uint8Array {
    let byPredicate = symbolTables.get(this.language);
    if (!byPredicate) symbolTables.set(this.language, byPredicate = new WeakMap());
    let table = byPredicate.get(wanted);
    if (!table) {
      table = new Uint8Array(65536);
      this.types.forEach((type, symbol) => { if (type && this.language.nodeTypeIsNamed(symbol) && wanted(type)) table![symbol] = 1; });
      if (wanted('ERROR')) table[ERROR_SYMBOL] = 1;
      byPredicate.set(wanted, table);
    }
    return table;
  }

  /** Room for one more node. */
  reserve(): number {
    if (this.count === this.symbols.length) this.allocate(this.symbols.length * 2);
    return this.count++;
  }

  /** Whether a symbol is named, asked once per symbol. */
  learnNamed(symbol: number, named: () => boolean | number): void {
    if (this.named[symbol] === UNKNOWN) this.named[symbol] = named() ? NAMED : ANONYMOUS;
  }

  private allocate(size: number): void {
    const grow = <T extends Uint8Array | Uint16Array | Int32Array>(old: T | undefined, make: (n: number) => T): T => {
      const next = make(size);
      if (old) next.set(old.subarray(0, Math.min(old.length, size)) as never);
      return next;
    };
    this.symbols = grow(this.symbols, (n) => new Uint16Array(n));
    this.fields = grow(this.fields, (n) => new Uint16Array(n));
    this.starts = grow(this.starts, (n) => new Int32Array(n));
    this.ends = grow(this.ends, (n) => new Int32Array(n));
    this.parents = grow(this.parents, (n) => new Int32Array(n));
    this.firstChildren = grow(this.firstChildren, (n) => new Int32Array(n));
    this.nextSiblings = grow(this.nextSiblings, (n) => new Int32Array(n));
    this.afters = grow(this.afters, (n) => new Int32Array(n));
    this.errors = grow(this.errors, (n) => new Uint8Array(n));
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * One walk: per node its symbol, field and offsets (a parent's span cannot be taken from its children: hidden
 * tokens, such as the text between a Python string's escapes, are not visited). Whether a node holds an error is
 * asked of tree-sitter only in a tree that holds one (it counts hidden MISSING tokens the walk cannot see).
 */
function copy(tree: SyntaxTree, walker: Walker, broken: boolean): void {
  const { firstChild, nextSibling, parent: toParent, symbol, field, start, end, named } = walker;
  const add = (parent: number, previous: number): number => {
    const i = tree.reserve();
    const sym = symbol();
    tree.symbols[i] = sym;
    tree.learnNamed(sym, named);
    tree.fields[i] = parent >= 0 ? field() : 0;
    tree.starts[i] = start();
    tree.ends[i] = end();
    tree.parents[i] = parent;
    tree.firstChildren[i] = -1;
    tree.nextSiblings[i] = -1;
    if (previous >= 0) tree.nextSiblings[previous] = i;
    else if (parent >= 0) tree.firstChildren[parent] = i;
    if (broken) tree.errors[i] = walker.hasError!() ? 1 : 0;
    return i;
  };
  try {
    let node = add(-1, -1);
    for (;;) {
      if (firstChild()) {
        node = add(node, -1);
        continue;
      }
      for (;;) {
        tree.afters[node] = tree.count;
        if (node === 0) return;
        if (nextSibling()) {
          node = add(tree.parents[node], node);
          break;
        }
        toParent();
        node = tree.parents[node];
      }
    }
  } finally {
    walker.done();
  }
}

const symbolTables = new WeakMap<Language, WeakMap<(type: string) => boolean, Uint8Array>>();

/** Per language, by symbol: whether its nodes are named (asked of the runtime once per symbol). */
const namedTables = new WeakMap<object, Uint8Array>();
const UNKNOWN = 0, ANONYMOUS = 1, NAMED = 2;

function namedTable(language: Language): Uint8Array {
  let table = namedTables.get(language);
  // Symbols are 16-bit (ERROR is the last).
  if (!table) namedTables.set(language, table = new Uint8Array(65536));
  return table;
}
