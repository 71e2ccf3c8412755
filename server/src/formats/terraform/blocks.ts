/**
 * The top-level blocks of a file that cachelint reads (`resource` of a modelled type, `variable`, `locals`) and
 * their bodies, found in one pass of a tree cursor that reads each block's type and labels from the text and
 * never enters, nor makes a node object for, the blocks it skips: most of a real module is resources, data
 * sources and modules that nothing here models.
 */
import type { Node } from 'web-tree-sitter';
import { schemaFor } from '../../model/iac-schema';
import type { BodyEntry, BodyReader } from './body';
import { blockParts, labelText } from './syntax';
import { blockHeader, identifierAt } from './tokens';

export interface Label {
  /** undefined when the label is not a plain string. */
  value: string | undefined;
  start: number;
  end: number;
}

export interface TopBlock {
  start: number;
  /** `resource`, `variable`, `locals` or `module` (read for the community modules, model/community). */
  type: string;
  labels: Label[];
  /** Offsets of `{` and `}`, when both are really there. */
  open?: number;
  close?: number;
  /** No syntax error anywhere in the block. */
  clean: boolean;
  entries: BodyEntry[];
}

type Header = Omit<TopBlock, 'entries'>;

const READ = new Set(['resource', 'variable', 'locals', 'module']);

/**
 * `declared` collects the addresses (`aws_kms_key.main`) of resources of types cachelint does not model: a reference
 * to one is to something the module declares, though nothing of it is read.
 */
export function topBlocks(root: Node, reader: BodyReader, text: string, declared?: string[]): TopBlock[] {
  const out: TopBlock[] = [];
  const cursor = reader.cursor;
  // In a file without errors no block needs asking: most files, and a node object saved per block.
  const fileClean = !root.hasError;
  cursor.reset(root);
  if (!cursor.gotoFirstChild()) return out;
  while (!isBody(cursor.nodeType)) if (!cursor.gotoNextSibling()) return out;
  if (!cursor.gotoFirstChild()) return out;
  do {
    const start = cursor.startIndex;
    const type = identifierAt(text, start);
    if ((type !== undefined && !READ.has(type)) || cursor.nodeType !== 'block') continue;
    const node = fileClean ? undefined : cursor.currentNode;
    const clean = !node?.hasError;
    const plain = clean ? blockHeader(text, start) : undefined;
    const treeNode = plain ? undefined : node ?? cursor.currentNode;
    const header: Header = plain
      ? { start, type: plain.type, labels: plain.labels, open: plain.open, close: cursor.endIndex - 1, clean }
      : fromTree(treeNode!, clean);
    if (header.type !== 'variable' && header.type !== 'locals' && !(header.type === 'module' && header.labels.length === 1) && !(header.type === 'resource' && isModelled(header))) {
      const [t, n] = header.labels;
      if (declared && header.type === 'resource' && header.labels.length === 2 && t.value !== undefined && n.value !== undefined) declared.push(`${t.value}.${n.value}`);
      continue;
    }
    out.push({ ...header, entries: clean ? reader.entriesHere() : reader.entries(treeNode!, false) });
  } while (cursor.gotoNextSibling());
  return out;
}

function isBody(type: string): boolean {
  return type === 'body';
}

function isModelled(block: Header): boolean {
  const type = block.labels[0]?.value;
  return block.labels.length === 2 && type !== undefined && schemaFor('tf', type) !== undefined;
}

function fromTree(node: Node, clean: boolean): Header {
  const b = blockParts(node);
  const labels = b.labels.map((l) => ({ value: labelText(l), start: l.startIndex, end: l.endIndex }));
  return { start: node.startIndex, type: b.type, labels, open: b.start?.startIndex, close: b.end?.startIndex, clean };
}
