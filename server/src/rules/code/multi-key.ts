/**
 * Shared analysis behind cross-slot-keys and missing-hash-tag: which multi-key operations touch keys that
 * provably live in different hash slots, and which cannot be proven to share one.
 */
import { MULTI_KEY_COMMANDS, type CallSite, type CodeModel, type KeyArg } from '../../model/code';
import { explainContext, sourcesText, type WorkspaceContext } from '../../engine/context';
import type { RelatedLocation } from '../../engine/types';
import { capabilitiesOf } from '../../model/client-libraries';
import { slotOf } from './slots';

/**
 * Commands whose single argument is, in practice, a collection of keys (redis-py `mget(keys)`, node-redis
 * `mGet(keys)`, `mset(mapping)`): the most common real CROSSSLOT source. DEL with one variable is usually one key.
 */
const COLLECTION_ARGUMENT = new Set(['MGET', 'MSET', 'MSETNX']);

export interface MultiKeyOperation {
  /** The call to report on: the multi-key call, or the first call of a transaction. */
  anchor: CallSite;
  command: string;
  keys: KeyArg[];
  /** Keys gathered across a MULTI/EXEC transaction, or a cluster pipeline that must stay on one node, rather than one call. */
  batch?: 'transaction' | 'pipeline';
  /** One argument that is a whole collection of keys built elsewhere (`mget(keys)`, `mSet(entries)`). */
  collection?: boolean;
}

export type SlotVerdict =
  | { kind: 'same' }
  | { kind: 'different'; slots: { key: KeyArg; slot: number }[] }
  | { kind: 'unproven' };

function exempt(call: CallSite): boolean {
  if (call.options.splitBySlot) return true;
  return call.client.cluster && capabilitiesOf(call.client).clusterSplitsBySlot.has(call.command);
}

/** A transaction always needs one slot; a plain pipeline only where the cluster client sends it to one node. */
function batchMustShareSlot(call: CallSite): 'transaction' | 'pipeline' | undefined {
  if (!call.batch) return undefined;
  if (call.batch.transactional) return 'transaction';
  return call.client.cluster && capabilitiesOf(call.client).clusterPipelineOneNode ? 'pipeline' : undefined;
}

export function multiKeyOperations(model: CodeModel): MultiKeyOperation[] {
  const ops: MultiKeyOperation[] = [];
  const batches = new Map<string, { kind: 'transaction' | 'pipeline'; calls: CallSite[] }>();
  for (const call of model.calls) {
    const kind = batchMustShareSlot(call);
    if (kind) {
      const b = batches.get(call.batch!.id) ?? { kind, calls: [] };
      b.calls.push(call);
      batches.set(call.batch!.id, b);
    }
    if (MULTI_KEY_COMMANDS.has(call.command) && call.keys.length >= 2 && !exempt(call)) {
      ops.push({ anchor: call, command: call.command, keys: call.keys });
    } else if (COLLECTION_ARGUMENT.has(call.command) && call.keys.length === 1 && call.keys[0].kind === 'unknown' && !exempt(call)) {
      ops.push({ anchor: call, command: call.command, keys: call.keys, collection: true });
    }
  }
  for (const { kind, calls } of batches.values()) {
    const keys = calls.flatMap((c) => c.keys);
    if (new Set(keys.map((k) => k.text)).size < 2) continue;
    ops.push({ anchor: calls[0], command: kind === 'transaction' ? 'MULTI' : 'PIPELINE', keys, batch: kind });
  }
  return ops;
}

export function slotVerdict(keys: KeyArg[]): SlotVerdict {
  const known: { key: KeyArg; slot: number }[] = [];
  const dynamicTags = new Set<string>();
  let unknown = false;
  for (const key of keys) {
    const info = slotOf(key);
    if (info.kind === 'slot') known.push({ key, slot: info.slot });
    else if (info.kind === 'dynamicTag') dynamicTags.add(info.text);
    else unknown = true;
  }
  if (new Set(known.map((k) => k.slot)).size > 1) return { kind: 'different', slots: known };
  if (unknown || dynamicTags.size > 1 || (dynamicTags.size === 1 && known.length > 0)) return { kind: 'unproven' };
  return { kind: 'same' };
}

/** True when the code provably runs against cluster mode: a cluster client, or the workspace's infrastructure. */
export function clusterCertain(op: MultiKeyOperation, ctx: WorkspaceContext): boolean {
  return op.anchor.client.cluster || !!op.anchor.client.clusterNode || ctx.clusterMode === 'yes';
}

/**
 * When only the workspace makes cluster mode certain (the client is a plain one), the templates and resources, or
 * the setting, that say so: a sentence for the message and related locations. Nothing when the client decides.
 */
export function clusterEvidence(op: MultiKeyOperation, ctx: WorkspaceContext): { text: string; related: RelatedLocation[] } {
  if (op.anchor.client.cluster || op.anchor.client.clusterNode || ctx.clusterMode !== 'yes') return { text: '', related: [] };
  const why = explainContext(ctx, { clusterMode: true });
  return { text: why.sources.length ? ` Cluster mode: ${sourcesText(why.sources)}.` : '', related: why.related };
}

/** The start of both rules' messages: what touches the keys. */
export function describeOperation(op: MultiKeyOperation): string {
  if (op.batch === 'transaction') return 'This MULTI/EXEC transaction touches keys';
  if (op.batch === 'pipeline') return 'This pipeline on a cluster client (sent to one node) touches keys';
  return op.collection ? `${op.command} takes a collection of keys` : `${op.command} takes keys`;
}
