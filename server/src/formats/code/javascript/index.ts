/**
 * JavaScript / TypeScript extractor: ioredis, iovalkey and node-redis calls normalised into call sites
 * (tree-sitter javascript, typescript and tsx grammars), and the edit builder for their fixes.
 */
import type { CodeFormat, ParsedCode } from '../../format';
import type { SourceFile } from '../../../engine/types';
import { wasmExports, type GrammarName, type Grammars } from '../../../engine/grammars';
import { withUnixLineBreaks, type LineIndex } from '../../../engine/text';
import type { CallSite, CodeModel } from '../../../model/code';
import { SyntaxTree } from '../core/syntaxTree';
import { scanImports } from './imports';
import { importsClient } from './relevance';
import { extract, type CallFacts } from './calls';
import { buildEdits } from './edits';
import { planHoists } from './hoist';
import { importedBindings, jsSummary } from './exports';

const TEST_PATH = /\.(test|spec)\.[cm]?[jt]sx?$|(^|[\\/])(__tests__|test|tests)[\\/]/i;

function grammarFor(file: SourceFile, id: 'javascript' | 'typescript'): GrammarName {
  if (/\.tsx$/i.test(file.path) || file.languageId === 'typescriptreact') return 'tsx';
  if (/\.[cm]?ts$/i.test(file.path)) return 'typescript';
  // The javascript grammar reads JSX too.
  if (/\.[cm]?jsx?$/i.test(file.path)) return 'javascript';
  return id;
}

const rangeKey = (c: CallSite) => `${c.range.start.line}:${c.range.start.character}:${c.range.end.line}:${c.range.end.character}:${c.command}`;

function make(id: 'javascript' | 'typescript'): CodeFormat {
  return {
    id,
    comments: { line: '//', block: ['/*', '*/'] },
    grammars: (file) => [grammarFor(file, id)],
    parse(file: SourceFile, lines: LineIndex, grammars: Grammars): ParsedCode {
      const grammar = grammarFor(file, id);
      // Below the project root only: a project that lives under `/home/me/test/` is not all tests.
      const empty: CodeModel = { language: id, calls: [], clients: [], isTest: TEST_PATH.test(file.projectPath ?? file.path) };
      const links = file.codeLinks;
      // No client import, no receivers, no call sites: the many files that never touch the cache cost no parse,
      // unless the workspace index says an import denotes a client, or the host wants the file's imports.
      const relevant = importsClient(file.text) || !!links?.imported?.length || !!links?.declared?.length;
      if (!relevant && !file.codeIndex) return { model: empty, errors: [], buildEdits: () => undefined };
      const source = withUnixLineBreaks(file.text);
      const parsed = grammars.parser(grammar).parse(source);
      if (!parsed) return { model: empty, errors: [{ message: 'the parser returned no tree' }], buildEdits: () => undefined };
      let tree: SyntaxTree;
      try {
        // Read into plain objects in one walk: the passes below ask each node many times, and wasm is not asked again.
        tree = new SyntaxTree(source, parsed, wasmExports());
      } finally {
        parsed.delete();
      }
      try {
        // Its imports, and the names it re-exports (`module.exports = { client }` of a required client).
        if (!relevant) return { model: empty, errors: [], buildEdits: () => undefined, summary: jsSummary(file.path, id, tree.rootNode, undefined, [], lines) };
        const imports = scanImports(tree.rootNode);
        // A library import shadows a project binding of the same name (it is the later declaration in practice).
        const bindings = links?.imported?.length ? new Map([...importedBindings(links.imported), ...imports.bindings]) : imports.bindings;
        const library = [...imports.bindings.values()].find((b) => 'library' in b)?.library ?? 'ioredis';
        const declared = links?.declared?.length ? { names: new Set(links.declared), library } : undefined;
        const found = extract(tree.rootNode, bindings, lines, file.path, declared);
        // Rules may hand back a copy of a call site, so facts are found by position rather than identity.
        const facts = new Map<string, CallFacts>();
        for (const [call, f] of found.facts) facts.set(rangeKey(call), f);
        const hoists = planHoists(tree.rootNode, found.clients, lines);
        const ctx = { lines, typescript: grammar !== 'javascript', quote: found.quote, facts: (c: CallSite) => facts.get(rangeKey(c)), hoists };
        return {
          model: { ...empty, calls: found.calls, clients: found.clients, isTest: empty.isTest || imports.importsTestFramework },
          errors: [],
          buildEdits: (intent) => buildEdits(intent, ctx),
          ...(file.codeIndex ? { summary: jsSummary(file.path, id, tree.rootNode, found.receivers, found.clients, lines) } : {}),
        };
      } catch (e) {
        // The extractor keeps its own recursion shallow; should some input still exhaust the stack, the file
        // yields no call sites rather than an internal error.
        if (e instanceof RangeError) return { model: empty, errors: [], buildEdits: () => undefined };
        throw e;
      }
    },
  };
}

export const javascript = make('javascript');
export const typescript = make('typescript');
