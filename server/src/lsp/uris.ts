/** File URIs ↔ paths. Clients spell URIs differently (encoded colons, drive letters): compare paths, not URIs. */
import { fileURLToPath } from 'node:url';

/** The file-system path of a `file:` URI; undefined for `untitled:` and other schemes, or a malformed URI. */
export function uriToPath(uri: string): string | undefined {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : undefined; } catch { return undefined; }
}
