// Placeholder until the Python extractor lands.
import type { CodeFormat } from '../../format';
export const python: CodeFormat = {
  id: 'python', comments: { line: '#' }, grammars: () => [],
  parse: () => ({ model: { language: 'python', calls: [], clients: [], isTest: false }, errors: [], buildEdits: () => undefined }),
};
