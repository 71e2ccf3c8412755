// Placeholder until the terraform normaliser lands: recognises nothing, so files are skipped.
import type { InfraFormat } from '../format';
export const terraform: InfraFormat = { id: 'terraform', comments: () => ({ line: '#' }), grammars: () => [], parse: () => undefined };
