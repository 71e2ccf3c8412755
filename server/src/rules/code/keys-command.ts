/**
 * KEYS walks the whole keyspace in one blocking call (O(N)); serverless caches do not offer it at all
 * (../shared/reference/aws-facts.md §3 "Restricted commands"). Cluster clients send it to one node only
 * (../shared/reference/redis-client-apis.md §12.5), so it is also silently incomplete there.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import { capabilitiesOf } from '../../model/client-libraries';
import { explainContext, sourcesText } from '../../engine/context';

export const keysCommand: CodeRule = {
  target: 'code',
  meta: { id: 'keys-command', title: 'KEYS blocks the engine while it scans every key; use SCAN', defaultSeverity: 'warning' },
  check(model, ctx) {
    if (model.isTest) return [];
    const serverless = ctx.workspace.serverless === 'yes';
    const why = serverless ? explainContext(ctx.workspace, { serverless: true }) : { sources: [], related: [] };
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const call of model.calls) {
      if (call.command !== 'KEYS') continue;
      let message = 'KEYS scans the entire keyspace in one blocking call: on a large cache it stalls every other client until it finishes.';
      if (serverless) message += ` ElastiCache Serverless does not support KEYS at all: the call fails${why.sources.length ? ` (${sourcesText(why.sources)})` : ''}.`;
      else if (call.client.cluster) message += ' A cluster client sends it to a single node, so the result misses keys on other shards.';
      message += ' Iterate with SCAN instead.';
      const form = capabilitiesOf(call.client).scanIteration;
      out.push({
        range: call.calleeRange,
        message,
        severity: serverless ? 'error' : undefined,
        ...(why.related.length ? { related: why.related } : {}),
        fixes: [{ title: `Replace KEYS with ${form} iteration`, isPreferred: true, unattended: true, intent: { kind: 'keysToScan', call } }],
      });
    }
    return out;
  },
};
