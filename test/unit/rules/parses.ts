/** Whether a fixed file still parses: the extractors recover from syntax errors silently, so analysis alone cannot say. */
import assert from 'node:assert/strict';
import { parsesCleanly as pythonParses } from '../python/support';
import { parsesCleanly as jsParses } from '../javascript/helpers';

export async function assertParses(path: string, text: string): Promise<void> {
  const ok = path.endsWith('.py') ? await pythonParses(text) : await jsParses(path, text);
  assert.ok(ok, `the fixed file does not parse:\n${text}`);
}
