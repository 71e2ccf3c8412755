/**
 * `parseDocument` with a nesting cap, for every format read through `yaml` (CloudFormation YAML and JSON,
 * Terraform JSON). The composer recurses once per nesting level: absurd nesting overflows the stack, and when the
 * overflow hits while V8 compiles a regular expression the process aborts with a fatal "out of memory" that no
 * `catch` sees, taking the language server down. The lexer and the CST parser are iterative, so the token tree is
 * cut at MAX_NESTING before it is composed: what lies deeper becomes an empty (null) value.
 */
import { Composer, Parser, YAMLParseError, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/** Far above any real file, far below the depth at which the composer overflows (~700 levels). */
export const MAX_NESTING = 256;

export interface BoundedDocument {
  doc: Document.Parsed;
  /** Offset of the first value dropped for being nested too deeply. */
  cut?: number;
}

export function parseBounded(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): BoundedDocument {
  const tokens = Array.from(new Parser().parse(text));
  const cut = cutDeepTokens(tokens);
  let doc: Document.Parsed | undefined;
  // As `parseDocument` does: the first document, and an error when more follow.
  for (const next of new Composer(options).compose(tokens, true, text.length)) {
    if (!doc) doc = next as Document.Parsed;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  return { doc: doc!, cut };
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
