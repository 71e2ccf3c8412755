/**
 * `parseDocument` with a nesting cap and a linear duplicate-key check, for every format read through `yaml`
 * (CloudFormation YAML and JSON, Terraform JSON).
 *
 * The composer recurses once per nesting level: absurd nesting overflows the stack, and when the overflow hits
 * while V8 compiles a regular expression the process aborts with a fatal "out of memory" that no `catch` sees,
 * taking the language server down. The lexer and the CST parser are iterative, so the token tree is cut at
 * MAX_NESTING before it is composed: what lies deeper becomes an empty (null) value.
 *
 * The composer's own duplicate-key check compares each key with every earlier key of its mapping, which is
 * quadratic in the mapping's size (a 5,000-resource template spent three quarters of its composing there). It is
 * turned off and done again here with one set per mapping, with the same message at the same position.
 */
import {
  Composer, isMap, isScalar, isSeq, Parser, YAMLParseError, type CST, type Document, type DocumentOptions, type Node,
  type ParseOptions, type SchemaOptions,
} from 'yaml';

/** Far above any real file, far below the depth at which the composer overflows (~700 levels). */
export const MAX_NESTING = 256;

export interface BoundedDocument {
  doc: Document.Parsed;
  /** Offset of the first value dropped for being nested too deeply. */
  cut?: number;
}

export type BoundedOptions = ParseOptions & DocumentOptions & SchemaOptions;

export function parseBounded(text: string, options: BoundedOptions): BoundedDocument {
  return composeBounded(Array.from(new Parser().parse(text)), text.length, options);
}

/** The composing half of `parseBounded`, for callers that lexed the text themselves. */
export function composeBounded(tokens: CST.Token[], length: number, options: BoundedOptions): BoundedDocument {
  // Every syntax problem is a YAMLError, and an Error records a stack trace when made: on broken input (binary
  // bytes in a .tf.json) that was most of the analysis. The errors are data here; their stacks are never read.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return composeWithoutStacks(tokens, length, options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function composeWithoutStacks(tokens: CST.Token[], length: number, options: BoundedOptions): BoundedDocument {
  const cut = cutDeepTokens(tokens);
  const ownCheck = (options.uniqueKeys ?? true) === true;
  let doc: Document.Parsed | undefined;
  // As `parseDocument` does: the first document, and an error when more follow.
  for (const next of new Composer(ownCheck ? { ...options, uniqueKeys: false } : options).compose(tokens, true, length)) {
    if (!doc) doc = next as Document.Parsed;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  if (ownCheck) mergeByPosition(doc!.errors, duplicateKeys(doc!.contents));
  return { doc: doc!, cut };
}

/**
 * Keys equal to an earlier key of the same mapping, in document order, as `yaml` reports them: scalars with the
 * same value (whatever their tag or quoting), at the key's start. NaN never equals itself there, so never here.
 */
function duplicateKeys(root: unknown): YAMLParseError[] {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (n instanceof YAMLParseError) { found.push(n); continue; }
    if (isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    } else if (isMap(n)) {
      const seen = new Set<unknown>();
      const later: unknown[] = [];
      for (const pair of n.items) {
        later.push(pair.key);
        const key = pair.key as Node | null;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) later.push(new YAMLParseError([key.range![0], key.range![0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          else seen.add(key.value);
        }
        later.push(pair.value);
      }
      for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]);
    }
  }
  return found;
}

/** Inserts `extra` (in document order) into `errors` before the first error that lies after each of them. */
function mergeByPosition(errors: YAMLParseError[], extra: YAMLParseError[]): void {
  if (!extra.length) return;
  const merged: YAMLParseError[] = [];
  let j = 0;
  for (const e of errors) {
    while (j < extra.length && extra[j].pos[0] < e.pos[0]) merged.push(extra[j++]);
    merged.push(e);
  }
  while (j < extra.length) merged.push(extra[j++]);
  errors.length = 0;
  for (const e of merged) errors.push(e);
}

type Slot = { key?: CST.Token | null; value?: CST.Token };

/** Replaces collections deeper than MAX_NESTING by empty scalars, walking with an explicit stack. */
function cutDeepTokens(tokens: CST.Token[]): number | undefined {
  let cut: number | undefined;
  const stack: { token: CST.Token; depth: number }[] = [];
  for (const t of tokens) if (t.type === 'document' && t.value) stack.push({ token: t.value, depth: 1 });
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    for (const item of token.items as Slot[]) {
      for (const field of ['key', 'value'] as const) {
        const child = item[field];
        if (!child || (child.type !== 'block-map' && child.type !== 'block-seq' && child.type !== 'flow-collection')) continue;
        if (depth < MAX_NESTING) { stack.push({ token: child, depth: depth + 1 }); continue; }
        cut = Math.min(cut ?? child.offset, child.offset);
        item[field] = { type: 'scalar', offset: child.offset, indent: child.indent, source: '' };
      }
    }
  }
  return cut;
}
