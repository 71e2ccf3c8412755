/**
 * A `setAt` path, spelt in one format: canonical names become the file's written names level by level (the
 * schema's `children`), list indices stay. Terraform also needs to know which names are nested blocks: a property
 * the table gives children is written as a block there (`cache_usage_limits { … }`, repeated `ingress { … }`).
 */
import { childIndex, schemaFor, type PropertyIndex, type Side } from '../model/iac-schema';

export type WrittenStep = { key: string; block: boolean } | number;

/** The path in the format's spelling; undefined when a part has no spelling there (`minimum` in Terraform). */
export function writtenPath(type: string, side: Side, path: readonly (string | number)[]): WrittenStep[] | undefined {
  let level: PropertyIndex | undefined = schemaFor(side, type);
  if (!level || typeof path[0] !== 'string') return undefined;
  const out: WrittenStep[] = [];
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Number.isInteger(part) || part < 0) return undefined;
      out.push(part);
      continue;
    }
    const written = level?.writtenByCanonical.get(part);
    const spec = level?.specs.get(part);
    if (written === undefined || !spec) return undefined;
    out.push({ key: written, block: side === 'tf' && spec.children !== undefined });
    level = childIndex(spec, side);
  }
  return out;
}

/** The keys of a path that holds no index, or undefined. */
export function keysOnly(steps: readonly WrittenStep[]): string[] | undefined {
  const keys: string[] = [];
  for (const s of steps) {
    if (typeof s === 'number') return undefined;
    keys.push(s.key);
  }
  return keys;
}
