/**
 * Where things sit in a resource block, as plain offsets: the tree is freed after parsing, and the edit builder
 * needs only this much to place text the way the file already looks.
 */
export interface BodyItem {
  kind: 'attribute' | 'block';
  /** The name as written (attribute name or nested block type). */
  name: string;
  start: number;
  end: number;
  /** Attributes: where the name ends and where `=` is, for `terraform fmt` alignment. */
  nameEnd: number;
  equals?: number;
  valueStart?: number;
}

export interface BlockLayout {
  /** Offset of the block's first character (`resource`). */
  start: number;
  /** Offsets of `{` and `}`. */
  open: number;
  close: number;
  items: BodyItem[];
}

/** A `variable "name" { … }` block, for fixes that change its default. */
export interface VariableLayout extends BlockLayout {
  /** The `type` constraint as written (`bool`, `string`, `list(string)`), when there is one. */
  type?: string;
}
