/**
 * The cursor walk behind `SyntaxTree`'s copy, reduced to the calls the copy makes: through web-tree-sitter's public
 * `TreeCursor`, or straight through the runtime's exported cursor functions.
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** A cursor walk reduced to what `copy` asks. */
export interface Walker {
  firstChild(): boolean | number;
  nextSibling(): boolean | number;
  parent(): boolean | number;
  symbol(): number;
  field(): number;
  start(): number;
  end(): number;
  named(): boolean | number;
  hasError?(): boolean;
  done(): void;
}

export function publicWalker(cursor: TreeCursor): Walker {
  return {
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    symbol: () => cursor.nodeTypeId,
    field: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    named: () => cursor.nodeIsNamed,
    hasError: () => cursor.currentNode.hasError,
    done: () => cursor.delete(),
  };
}

/** The runtime's cursor functions, as its build names them. */
interface CursorExports {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
}

const CURSOR_EXPORTS = [
  '_ts_init', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm', '_ts_tree_cursor_current_node_is_named_wasm',
] as const;

let transferBuffer: number | undefined;

/**
 * The same walk without the public API's toll: web-tree-sitter copies a cursor's four words into a shared transfer
 * buffer before every call and back after every move, and that copying, not the wasm, is most of a walk's cost. A
 * fresh cursor's state is left in that buffer, and the cursor functions read it there and write their moves back,
 * so a walk that makes no other call in between can call them directly. At the end the state goes back into the
 * JavaScript cursor, whose `delete` frees the stack the walk may have grown. Undefined where this build of the
 * runtime is not laid out so (the public walk then runs).
 */
export function fastWalker(runtime: object, tree: Tree): Walker | undefined {
  const r = runtime as Partial<CursorExports>;
  if (!CURSOR_EXPORTS.every((k) => typeof r[k] === 'function') || !(r.HEAP32 instanceof Int32Array)) return undefined;
  const x = r as CursorExports;
  const address = (tree as unknown as { 0?: unknown })[0];
  if (typeof address !== 'number') return undefined;
  transferBuffer ??= x._ts_init();
  const cursor = tree.walk();
  const handles = (cursor as unknown as { handles?: unknown }).handles;
  if (!Array.isArray(handles) || handles.length !== 4) {
    cursor.delete();
    return undefined;
  }
  const at = transferBuffer >> 2;
  // Held as locals: the exports object has hundreds of properties, and looking one up per call shows.
  const firstChild = x._ts_tree_cursor_goto_first_child_wasm, nextSibling = x._ts_tree_cursor_goto_next_sibling_wasm;
  const parent = x._ts_tree_cursor_goto_parent_wasm, symbol = x._ts_tree_cursor_current_node_type_id_wasm;
  const field = x._ts_tree_cursor_current_field_id_wasm, start = x._ts_tree_cursor_start_index_wasm;
  const end = x._ts_tree_cursor_end_index_wasm, named = x._ts_tree_cursor_current_node_is_named_wasm;
  return {
    firstChild: () => firstChild(address),
    nextSibling: () => nextSibling(address),
    parent: () => parent(address),
    symbol: () => symbol(address),
    field: () => field(address),
    start: () => start(address),
    end: () => end(address),
    named: () => named(address),
    done: () => {
      // Read after the walk: memory may have grown (a deeper stack), which replaces the view.
      const heap = x.HEAP32;
      for (let i = 0; i < 4; i++) handles[i] = heap[at + i];
      cursor.delete();
    },
  };
}
