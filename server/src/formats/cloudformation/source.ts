/**
 * Offsets and ranges of `yaml` nodes in the template text. `yaml` starts a tagged node after its tag; findings and
 * edits want the whole `!Ref X`, so the tag is found again in the text.
 */
import { isCollection, isScalar, type Node } from 'yaml';
import type { Range } from '../../engine/types';
import type { LineIndex } from '../../engine/text';

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export class Source {
  constructor(readonly text: string, readonly lines: LineIndex, readonly json: boolean) {}


  /** The file's newline, for inserted lines. */
  get eol(): string {
    return this.lines.eol;
  }

  /** Start offset, including a short-form tag written before the value. */
  start(node: Node): number {
    const start = node.range![0];
    if (!node.tag) return start;
    let i = start;
    while (i > 0 && isSpace(this.text[i - 1])) i--;
    return this.text.slice(Math.max(0, i - node.tag.length), i) === node.tag ? i - node.tag.length : start;
  }

  /** End offset of the value itself, without the trailing line breaks block collections own. */
  end(node: Node): number {
    const start = this.start(node);
    let end = node.range![1];
    while (end > start && isSpace(this.text[end - 1])) end--;
    return end;
  }

  range(node: Node): Range {
    return this.lines.range(this.start(node), this.end(node));
  }

  slice(node: Node): string {
    return this.text.slice(this.start(node), this.end(node));
  }

  line(offset: number): number {
    return this.lines.positionAt(offset).line;
  }

  column(offset: number): number {
    return this.lines.positionAt(offset).character;
  }
}

/** A value written on the key's line or inline (scalar, flow collection), as opposed to an indented block below it. */
export function isInline(node: Node): boolean {
  return isScalar(node) || (isCollection(node) && node.flow === true);
}
