/**
 * In cluster mode (node-based cluster-mode-enabled groups, serverless, MemoryDB) every key of a multi-key command
 * or transaction must hash to one slot, or the server answers CROSSSLOT.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import { clusterCertain, clusterEvidence, describeOperation, multiKeyOperations, slotVerdict } from './multi-key';
import { hashTagFixes } from './hash-tag-fix';

export const crossSlotKeys: CodeRule = {
  target: 'code',
  meta: { id: 'cross-slot-keys', title: 'A multi-key command uses keys that hash to different cluster slots', defaultSeverity: 'error' },
  check(model, ctx) {
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const op of multiKeyOperations(model)) {
      const verdict = slotVerdict(op.keys);
      if (verdict.kind !== 'different') continue;
      const certain = clusterCertain(op, ctx.workspace);
      // A cluster-mode-disabled target never answers CROSSSLOT: stay quiet rather than cry wolf.
      if (!certain && ctx.workspace.clusterMode === 'no') continue;
      const listed = verdict.slots.slice(0, 4).map((s) => `${s.key.text} → ${s.slot}`).join(', ');
      const when = certain
        ? 'in cluster mode this fails with CROSSSLOT'
        : 'against a cluster-mode-enabled cache, serverless or MemoryDB this fails with CROSSSLOT';
      const evidence = clusterEvidence(op, ctx.workspace);
      out.push({
        range: op.anchor.calleeRange,
        message: `${describeOperation(op)} in different hash slots (${listed}${verdict.slots.length > 4 ? ', ...' : ''}): ${when}. Give the keys a common {hash tag}.${evidence.text}`,
        severity: certain ? 'error' : 'warning',
        fixes: hashTagFixes(op, model),
        ...(evidence.related.length ? { related: evidence.related } : {}),
      });
    }
    return out;
  },
};
