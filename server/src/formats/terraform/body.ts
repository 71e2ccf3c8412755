/**
 * The attributes and nested blocks of a block body. Each node object web-tree-sitter hands to JavaScript costs an
 * allocation and each question put to it a crossing into wasm, so a block without syntax errors is walked with one
 * shared tree cursor and read from the text wherever the grammar leaves no doubt: an attribute is `name = value`
 * and ends where its value ends, and a block's body sits just before its `}`. Node objects are made only for what
 * the text does not decide (values.ts). A block with errors is read defensively, child by child.
 */
import type { Node, TreeCursor } from 'web-tree-sitter';
import type { BodyItem } from './layout';
import { attributeParts, blockParts } from './syntax';
import { identifierAt, tokenCollection, tokenValue, type TokenCollection, type TokenValue } from './tokens';

/** An entry is also where it sits (a `BodyItem`), so a block's layout is its entries, not a copy of them. */
export interface AttributeEntry extends BodyItem {
  kind: 'attribute';
  nameStart: number;
  /** undefined when the attribute has no value (a syntax error). */
  valueStart?: number;
  valueEnd?: number;
  /**
   * What the value's text says, when that decides it (one token, or a collection of them); otherwise `node` is the
   * attribute, to read the value from.
   */
  token?: TokenValue;
  collection?: TokenCollection;
  node?: Node;
  /** Read from a block without syntax errors. */
  clean: boolean;
}

export interface BlockEntry extends BodyItem {
  kind: 'block';
  nameStart: number;
  /** The block itself: its own entries come from `BodyReader.entries`. */
  node: Node;
  clean: boolean;
}

export type BodyEntry = AttributeEntry | BlockEntry;

/** An attribute written `name = value`: the name, then `=` with the value right after it on the same line. */
const NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const EQUALS = /[ \t]*=[ \t]*(?=[^\s#/=])/y;

export class BodyReader {
  constructor(readonly cursor: TreeCursor, private readonly text: string) {}

  /** The entries of a block's body; `clean` says the block has no syntax error (its top-level block has none). */
  entries(block: Node, clean: boolean): BodyEntry[] {
    if (!clean) return treeEntries(block, this.text);
    this.cursor.reset(block);
    return this.entriesHere();
  }

  /** The entries of the block without syntax errors under the cursor, which is left on that block. */
  entriesHere(): BodyEntry[] {
    const c = this.cursor;
    const entries: BodyEntry[] = [];
    if (!c.gotoLastChild()) return entries;
    // Walking back from `}` passes only comments before the body, or reaches `{` when the block is empty.
    let type = '';
    while (c.gotoPreviousSibling() && (type = c.nodeType) === 'comment');
    if (type === 'body' && c.gotoFirstChild()) {
      this.readBody(entries);
      c.gotoParent();
    }
    c.gotoParent();
    return entries;
  }

  private readBody(entries: BodyEntry[]): void {
    const c = this.cursor, text = this.text;
    do {
      const start = c.startIndex;
      const first = text.charCodeAt(start);
      if (first === 35 /* # */ || first === 47 /* / */) continue; // a comment
      // Sticky tests and offsets rather than match arrays: this runs for every attribute of every resource read.
      NAME.lastIndex = start;
      const nameEnd = NAME.test(text) ? NAME.lastIndex : start;
      EQUALS.lastIndex = nameEnd;
      if (nameEnd > start && EQUALS.test(text)) {
        const end = c.endIndex, valueStart = EQUALS.lastIndex;
        const entry: AttributeEntry = {
          kind: 'attribute', name: text.slice(start, nameEnd), nameStart: start, nameEnd, start, end, equals: text.indexOf('=', nameEnd), valueStart, valueEnd: end, clean: true,
        };
        const value = text.slice(valueStart, end);
        entry.token = tokenValue(value);
        if (!entry.token) entry.collection = tokenCollection(value);
        if (!entry.token && !entry.collection) entry.node = c.currentNode;
        entries.push(entry);
        continue;
      }
      const kind = c.nodeType;
      if (kind === 'attribute') entries.push(attributeEntry(c.currentNode, text, true));
      else if (kind === 'block') {
        const node = c.currentNode;
        const name = identifierAt(text, start) ?? blockParts(node).type;
        entries.push({ kind: 'block', name, nameStart: start, nameEnd: start + name.length, start, end: c.endIndex, node, clean: true });
      }
    } while (c.gotoNextSibling());
  }
}

function treeEntries(block: Node, text: string): BodyEntry[] {
  const entries: BodyEntry[] = [];
  for (const node of blockParts(block).body?.namedChildren ?? []) {
    const type = node.type;
    if (type === 'attribute') entries.push(attributeEntry(node, text, false));
    else if (type === 'block') {
      const nameStart = node.namedChildren.find((c) => c.type !== 'comment')?.startIndex ?? node.startIndex;
      const name = blockParts(node).type;
      entries.push({ kind: 'block', name, nameStart, nameEnd: nameStart + name.length, start: node.startIndex, end: node.endIndex, node, clean: false });
    }
  }
  return entries;
}

export function attributeEntry(node: Node, text: string, clean: boolean): AttributeEntry {
  const { name, value } = attributeParts(node);
  const nameText = name.text;
  const nameEnd = name.startIndex + nameText.length;
  const valueStart = value?.startIndex;
  const between = valueStart === undefined ? undefined : text.slice(nameEnd, valueStart);
  const equals = between !== undefined && /^[ \t]*=[ \t]*$/.test(between)
    ? nameEnd + between.indexOf('=')
    : node.children.find((c) => c.type === '=')?.startIndex;
  return { kind: 'attribute', name: nameText, nameStart: name.startIndex, nameEnd, start: node.startIndex, end: node.endIndex, equals, valueStart, valueEnd: value?.endIndex, node, clean };
}

/** The value expression of an attribute whose text did not decide it. */
export function valueNode(entry: AttributeEntry): Node | undefined {
  return entry.node && attributeParts(entry.node).value;
}
