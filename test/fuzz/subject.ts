/**
 * The engine as the fuzzer drives it: the public `Analyzer` with grammars from node_modules, and a syntax oracle
 * per format. Code formats report no syntax errors of their own, so a separate tree-sitter parser counts ERROR
 * and MISSING nodes; templates are judged by the engine's own parse errors, and JSON files also by JSON.parse.
 */
import type { Node } from 'web-tree-sitter';
import { Analyzer, PARSER_FAILED, type FileAnalysis } from '../../server/src/engine/analyze';
import { Grammars } from '../../server/src/engine/grammars';
import { withUnixLineBreaks } from '../../server/src/engine/text';
import { resolveSettings } from '../../server/src/engine/settings';
import { nodeGrammarSource } from '../../server/src/host/nodeGrammars';
import type { ErrorCounts, Subject } from './check';
import type { Range } from '../../server/src/engine/types';
import { Lines } from './text';
import type { FuzzFormat } from './formats';

/** The largest limit the settings accept (100 MB): far above every case, so big inputs are analysed, not skipped. */
const MAX_FILE_SIZE_KB = 102_400;

let analyzer: Analyzer | undefined;
let oracle: Grammars | undefined;
/**
 * Whether a wasm parser (the engine's or the oracle's) has faulted in this process. web-tree-sitter keeps one wasm
 * module per process and cannot start a fresh one, so after a fault every later parse runs on damaged memory: the
 * product retires such a worker thread, and the fuzzing child retires itself the same way.
 */
let faulted = false;
export function takeFault(): boolean {
  const was = faulted;
  faulted = false;
  return was;
}

export async function subjectFor(format: FuzzFormat, settings: Record<string, unknown>): Promise<Subject> {
  analyzer ??= new Analyzer(nodeGrammarSource());
  oracle ??= new Grammars(nodeGrammarSource());
  if (format.grammar) await oracle.ensure(format.grammar);
  const { settings: resolved, problems } = resolveSettings([{ source: 'fuzz', value: { ...settings, maxFileSizeKb: MAX_FILE_SIZE_KB } }]);
  // Settings the engine drops would silently fuzz something else than intended.
  if (problems.length) throw new Error(`fuzz settings rejected: ${problems.join('; ')}`);
  const a = analyzer, grammars = oracle;
  return {
    analyze: async (text) => {
      const result = await a.analyzeFile({ path: format.path, text }, resolved);
      if (result?.errors.some((e) => e.message.startsWith(PARSER_FAILED))) faulted = true;
      return result;
    },
    syntaxErrors: (text, analysis, window) => {
      const counts: ErrorCounts = new Map();
      const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
      const inWindow = (start: number, end: number) => !window || (start < window.end && end >= window.start);
      if (format.grammar) { if (!treeErrors(grammars, format.grammar, text, add, inWindow)) return undefined; }
      else {
        const lines = window && new Lines(text);
        for (const e of engineSyntaxErrors(analysis)) {
          if (!lines || !e.range) { if (!window) add(e.key); continue; }
          if (inWindow(lines.offset(e.range.start), lines.offset(e.range.end))) add(e.key);
        }
      }
      if (format.strictJson && text.trim()) {
        try { JSON.parse(text); } catch { add('JSON.parse rejects the file'); }
      }
      return counts;
    },
  };
}

/** Quoted snippets of the input in a message (`near '…'`, V8's `"…" is not valid JSON`). */
const QUOTED = /"(?:[^"\\]|\\.)*"|'[^']*'/gs;

/** Parse errors the engine reported, keyed without positions, numbers and quoted input, which move when a fix inserts text. */
function engineSyntaxErrors(analysis: FileAnalysis | undefined): { key: string; range?: Range }[] {
  return (analysis?.errors ?? [])
    .filter((e) => /syntax error|could not be parsed|nested too deeply/.test(e.message))
    .map((e) => ({ key: e.message.replace(QUOTED, '…').replace(/\d+/g, 'N'), range: e.range }));
}

/** Adds the tree's ERROR and MISSING nodes; false when the oracle's parser failed and cannot tell. */
function treeErrors(
  grammars: Grammars, grammar: NonNullable<FuzzFormat['grammar']>, text: string, add: (k: string) => void, inWindow: (start: number, end: number) => boolean,
): boolean {
  let tree;
  try {
    // As the engine reads it: tree-sitter grammars end lines at \n only, an editor also at a lone \r.
    tree = grammars.parser(grammar).parse(withUnixLineBreaks(text));
  } catch {
    // tree-sitter trapped inside wasm (pathological nesting): this process is retired after the case.
    faulted = true;
    return false;
  }
  if (!tree) return false;
  try {
    // Only subtrees that contain an error are walked, with an explicit stack: deep trees must not overflow.
    const stack: Node[] = tree.rootNode.hasError ? [tree.rootNode] : [];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.isMissing) { if (inWindow(n.startIndex, n.endIndex)) add(`MISSING ${n.type}`); } else if (n.isError) {
        if (inWindow(n.startIndex, n.endIndex)) add('ERROR');
      } else if (n.hasError) for (const c of n.children) if (c && (c.hasError || c.isMissing)) stack.push(c);
    }
  } finally {
    tree.delete();
  }
  return true;
}
