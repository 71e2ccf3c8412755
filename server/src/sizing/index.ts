/**
 * The sizing engine: a workload in, the memory arithmetic and ranked deployment options out. Pure (no fs, no LSP,
 * no network): the CLI (`cachelint size`), the LSP request `cachelint/sizing` and the tests call the same code.
 */
import { estimateMemory } from './memory';
import { planFromEstimate } from './plan';
import type { SizingResult, Workload } from './types';

export function planSizing(w: Workload): SizingResult {
  const withTtl = w.data.kind === 'items' ? w.data.withTtl : undefined;
  return planFromEstimate(w, estimateMemory(w.engine, w.data, { withTtl }));
}

export { planFromEstimate } from './plan';
export { validateWorkload, DEFAULTS, ENGINES, ROLES, DATA_TYPES, type WorkloadDraft, type WorkloadField, type ValidationResult } from './validate';
export { parseBytes, parseCount, parseRate, formatBytes } from './units';
export { NODE_TYPES, nodeType, type NodeType } from './nodeTypes';
export type * from './types';
