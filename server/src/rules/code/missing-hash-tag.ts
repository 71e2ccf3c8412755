/**
 * The same multi-key operations as cross-slot-keys where the keys are built at run time and carry no common
 * {hash tag}: nothing guarantees they share a slot, so in cluster mode the call fails whenever they don't.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import { clusterCertain, clusterEvidence, describeOperation, multiKeyOperations, slotVerdict } from './multi-key';
import { hashTagFixes } from './hash-tag-fix';

export const missingHashTag: CodeRule = {
  target: 'code',
  meta: { id: 'missing-hash-tag', title: 'A multi-key command uses dynamic keys without a common hash tag', defaultSeverity: 'warning' },
  check(model, ctx) {
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const op of multiKeyOperations(model)) {
      if (slotVerdict(op.keys).kind !== 'unproven') continue;
      const certain = clusterCertain(op, ctx.workspace);
      // A collection argument might hold one key: only worth saying where cluster mode is certain.
      if (op.collection && !certain) continue;
      // A workspace whose caches are all cluster-mode-disabled (or a setting saying so) never answers CROSSSLOT.
      if (!certain && ctx.workspace.clusterMode === 'no') continue;
      const evidence = clusterEvidence(op, ctx.workspace);
      out.push({
        range: op.anchor.calleeRange,
        message: `${describeOperation(op)} built at run time (${op.keys.slice(0, 3).map((k) => k.text).join(', ')}) with no common {hash tag}, so nothing keeps them in one hash slot` +
          (certain ? ': in cluster mode the call fails with CROSSSLOT whenever they land in different slots.' : '; if this runs against cluster mode it fails with CROSSSLOT whenever they land in different slots.') +
          evidence.text,
        severity: certain ? 'warning' : 'info',
        fixes: hashTagFixes(op, model),
        ...(evidence.related.length ? { related: evidence.related } : {}),
      });
    }
    return out;
  },
};
