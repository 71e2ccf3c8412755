/**
 * The sizing engine: a workload in, the memory arithmetic and ranked deployment options out. Pure (no fs, no LSP,
 * no network): the CLI (`cachelint size`), the LSP request `cachelint/sizing` and the tests call the same code.
 */
import { estimateMemory } from './memory';
import { planFromEstimate } from './plan';
import type { SizingResult, Workload } from './types';
import { inputWarnings } from './validate';

export function planSizing(w: Workload): SizingResult {
  const withTtl = w.data.kind === 'items' ? w.data.withTtl : undefined;
  const clustered = w.engine === 'memcached' ? undefined : estimateMemory(w.engine, w.data, { withTtl, clusterMode: true });
  const result = planFromEstimate(w, estimateMemory(w.engine, w.data, { withTtl }), clustered);
  return { ...result, warnings: [...inputWarnings(w), ...result.warnings] };
}

export { planFromEstimate } from './plan';
export { validateWorkload, inputWarnings, DEFAULTS, ENGINES, ROLES, DATA_TYPES, type WorkloadDraft, type WorkloadField, type ValidationResult } from './validate';
export { parseBytes, parseCount, parseRate, formatBytes } from './units';
export { NODE_TYPES, nodeType, type NodeType } from './nodeTypes';
export type * from './types';
