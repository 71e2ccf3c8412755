/**
 * Each client built opens its own connection (redis-py: its own connection pool; ioredis and node-redis: one
 * multiplexed connection), so a client built per request or per loop iteration pays a TCP handshake, a TLS
 * handshake and AUTH every time, adds latency to every call, and leaves connections to close (or leak) behind it:
 * under load they pile up towards the node's `maxclients` (65,000; 20,000 on the smallest T types,
 * ../shared/reference/aws-facts.md §4). AWS recommends persistent connections, the more so with in-transit
 * encryption. A Lambda handler is a request handler too: a client at module scope is reused by every invocation
 * of a warm execution environment.
 *
 * Only where the extractor proves the construction runs per call (`lifetime.kind === 'per-call'`); a function whose
 * callers are unknown is silent, and so are test files.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import { lineOf } from './connection';

const WHERE = {
  'request-handler': 'each time the request handler',
  'lambda-handler': 'on each invocation of the Lambda handler',
  loop: 'on each iteration of the loop',
} as const;

export const clientPerCall: CodeRule = {
  target: 'code',
  meta: { id: 'client-per-call', title: 'A client built per request, per invocation or per loop iteration', defaultSeverity: 'warning' },
  check(model, ctx) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const c of model.clients) {
      const life = c.lifetime;
      if (life.kind !== 'per-call') continue;
      const when = life.reason === 'loop' ? `${WHERE.loop} (line ${lineOf(life.where)})` : life.reason === 'request-handler'
        ? `${WHERE['request-handler']} (line ${lineOf(life.where)}) runs` : `${WHERE['lambda-handler']} (line ${lineOf(life.where)})`;
      const named = c.boundTo ? `\`${c.boundTo}\`` : 'This client';
      out.push({
        range: c.range,
        message: `${named} is built ${when}: each new client opens its own connection (TCP, TLS and AUTH handshakes; AWS measured over ten times the latency of a reused one), and under load the connections left behind pile up towards the cache's maxclients. Build one client at module scope (or at application start-up) and share it.`,
        related: [{ path: ctx.path, range: life.where, message: life.reason === 'loop' ? 'the loop' : life.reason === 'lambda-handler' ? 'the Lambda handler' : 'the request handler' }],
        fixes: [{ title: 'Build the client once, at module scope', isPreferred: true, intent: { kind: 'hoistConstruction', construction: c } }],
      });
    }
    return out;
  },
};
