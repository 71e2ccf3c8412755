// Placeholder until the cloudformation normaliser lands: recognises nothing, so files are skipped.
import type { InfraFormat } from '../format';
export const cloudformation: InfraFormat = { id: 'cloudformation', comments: () => ({ line: '#' }), grammars: () => [], parse: () => undefined };
