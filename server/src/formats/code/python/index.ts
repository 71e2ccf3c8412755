/**
 * The Python format: redis-py and valkey-py calls, found with tree-sitter and normalised into call sites.
 * Receivers are resolved from imports and assignments, so only real Redis clients produce call sites.
 */
import type { CodeFormat, ParsedCode } from '../../format';
import type { SourceFile } from '../../../engine/types';
import { withUnixLineBreaks, type LineIndex } from '../../../engine/text';
import { wasmExports, type Grammars } from '../../../engine/grammars';
import { SyntaxTree } from '../core/syntaxTree';
import { collectScopes, type Scope } from './scopes';
import { extractCalls } from './calls';
import { buildEdits } from './edits';
import { planHoists } from './hoist';
import { importsClient } from './relevance';
import { TypeResolver } from './resolver';
import { importedTypes, pythonImports, pythonSummary } from './exports';
import type { ClientKind } from './types';

const TEST_FRAMEWORKS = new Set(['pytest', 'unittest']);

/**
 * Test files by name (`test_x.py`, `x_test.py`, `tests/`, `conftest.py`) or by their test-framework imports. The path
 * is the one below the project when the host knows it, so a project that lives under some `tests/` folder is not
 * all tests.
 */
function looksLikeTest(path: string, module: Scope): boolean {
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (base.startsWith('test_') || base.endsWith('_test.py') || base === 'conftest.py' || /(^|\/)tests\//.test(normalized)) return true;
  for (const bindings of module.names.values()) {
    if (bindings.some((b) => b.kind === 'import' && TEST_FRAMEWORKS.has(b.importPath!.split('.')[0]))) return true;
  }
  return false;
}

export const python: CodeFormat = {
  id: 'python',
  comments: { line: '#' },
  grammars: () => ['python'],
  parse(file: SourceFile, lines: LineIndex, grammars: Grammars): ParsedCode {
    const empty = { model: { language: 'python' as const, calls: [], clients: [], isTest: false }, errors: [], buildEdits: () => undefined };
    const links = file.codeLinks;
    // No client import, no receivers, no call sites: the many modules that never touch the cache cost no parse,
    // unless the workspace index says an import denotes a client, or the host wants the module's imports.
    const relevant = importsClient(file.text) || !!links?.imported?.length || !!links?.declared?.length;
    if (!relevant && !file.codeIndex) return empty;
    const source = withUnixLineBreaks(file.text);
    const parsed = grammars.parser('python').parse(source);
    if (!parsed) return { ...empty, errors: [{ message: 'the Python parser returned no tree' }] };
    let tree: SyntaxTree;
    try {
      // Read into plain objects in one walk: the passes below ask each node many times, and wasm is not asked again.
      tree = new SyntaxTree(source, parsed, wasmExports());
    } finally {
      parsed.delete();
    }
    if (!relevant) return { ...empty, summary: { path: file.path, language: 'python', exports: {}, imports: pythonImports(tree.rootNode) } };
    // Syntax errors are not reported: tree-sitter recovers around them and Python's own tooling names them better.
    const scopes = collectScopes(tree.rootNode);
    const resolver = new TypeResolver(scopes, {
      imported: importedTypes(links?.imported), declared: new Set(links?.declared ?? []), declaredKind: declaredKind(file.text),
    });
    const extraction = extractCalls(tree.rootNode, file.path, lines, scopes, resolver);
    const hoists = planHoists(tree.rootNode, extraction.clients, lines, scopes);
    return {
      model: {
        language: 'python', calls: extraction.calls, clients: extraction.clients, isTest: looksLikeTest(file.projectPath ?? file.path, scopes.module),
        ...(extraction.localCalls.length ? { localCalls: extraction.localCalls } : {}),
      },
      errors: [],
      buildEdits: (intent) => buildEdits(intent, extraction, lines, hoists),
      ...(file.codeIndex ? { summary: pythonSummary(file.path, tree.rootNode, scopes, resolver, extraction.clients, lines) } : {}),
    };
  },
};

/** Receivers the settings name are taken to be of the client package the module imports: valkey-py, else redis-py. */
function declaredKind(text: string): ClientKind {
  return { library: /\b(?:from|import)\s+valkey\b/.test(text) && !/\b(?:from|import)\s+redis\b/.test(text) ? 'valkey-py' : 'redis-py', cluster: false, async: false };
}
