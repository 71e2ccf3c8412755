// Placeholder until the JavaScript/TypeScript extractor lands.
import type { CodeFormat } from '../../format';
const make = (id: 'javascript' | 'typescript'): CodeFormat => ({
  id, comments: { line: '//', block: ['/*', '*/'] }, grammars: () => [],
  parse: () => ({ model: { language: id, calls: [], clients: [], isTest: false }, errors: [], buildEdits: () => undefined }),
});
export const javascript = make('javascript');
export const typescript = make('typescript');
