import type { LineIndex } from '../../engine/text';

/**
 * The file's newline for inserted lines, looked up on the first fix that needs it and kept: each lookup scans the
 * text, so asking once per fix would cost every fix the size of the file.
 */
export function newlineOf(lines: LineIndex): () => string {
  let eol: string | undefined;
  return () => (eol ??= lines.eol);
}
