/**
 * A blocking read with timeout 0 (BLPOP … 0, XREAD BLOCK 0) waits forever. When the connection is lost without a
 * reset — a failover or node replacement during maintenance, an idle connection cut by a NAT gateway or a load
 * balancer — nothing ever wakes the caller: the worker hangs with no error while the queue fills. A bounded wait in
 * a loop returns an empty reply now and then and notices a dead connection on the next call.
 *
 * Where the timeout sits is the command table's `blockingTimeout`; an argument an adapter supplies (redis-py's
 * `timeout=0` default) counts as written, since the client sends it.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import type { CallArg, CallSite } from '../../model/code';
import { blockingTimeout } from '../../model/commands';

/** A suggested bound: long enough not to busy-loop, short enough to notice a dead connection soon. */
const SECONDS = 5;

/** Arguments that stand for an unknown number of protocol arguments, which shift every position after them. */
const expands = (a: CallArg): boolean => a.kind === 'list' || a.kind === 'map' || a.kind === 'spread';

function isZero(a: CallArg | undefined): a is CallArg {
  if (!a) return false;
  if (a.kind === 'number') return a.value === 0;
  return a.kind === 'string' && a.value !== undefined && /^\s*0+(\.0*)?\s*$/.test(a.value);
}

/** The argument that is a zero timeout, with the unit the command counts it in; undefined when it is not zero or not known. */
function zeroTimeout(call: CallSite): { arg: CallArg; ms: boolean } | undefined {
  const form = blockingTimeout(call.command);
  if (!form) return undefined;
  const { args } = call;
  if (form.token !== undefined) {
    // XREAD BLOCK ms: without the option it does not block at all; a run-time condition may not send it.
    const i = args.findIndex((a) => a.kind === 'keyword' && a.name === form.token);
    const word = args[i];
    if (i < 0 || (word.kind === 'keyword' && word.conditional)) return undefined;
    return isZero(args[i + 1]) ? { arg: args[i + 1], ms: true } : undefined;
  }
  if (form.arg === undefined) return undefined;
  const at = form.arg < 0 ? args.length + form.arg : form.arg;
  const between = form.arg < 0 ? args.slice(at + 1) : args.slice(0, at);
  if (at < 0 || between.some(expands)) return undefined;
  return isZero(args[at]) ? { arg: args[at], ms: false } : undefined;
}

export const blockingWithoutTimeout: CodeRule = {
  target: 'code',
  meta: { id: 'blocking-without-timeout', title: 'A blocking read that waits forever (timeout 0)', defaultSeverity: 'info' },
  check(model) {
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const call of model.calls) {
      const zero = zeroTimeout(call);
      if (!zero) continue;
      const how = zero.arg.implicit
        ? `${call.command} without a timeout waits forever (the client sends timeout 0).`
        : `${call.command} with ${zero.ms ? 'BLOCK 0' : 'timeout 0'} waits forever.`;
      const message = `${how} If the connection is lost without a reset (a failover or node replacement, an idle connection cut by a NAT gateway or load balancer), nothing wakes the caller and it hangs with no error. Wait a few seconds at most and call again in a loop, treating the empty reply as "nothing yet".`;
      const text = String(zero.ms ? SECONDS * 1000 : SECONDS);
      const fixes = zero.arg.implicit ? [] : [{
        title: `Wait at most ${SECONDS} seconds (${zero.ms ? `BLOCK ${text}` : `timeout ${text}`}); the call then returns an empty reply`,
        intent: { kind: 'replaceArgument' as const, call, arg: zero.arg, text },
      }];
      out.push({ range: call.calleeRange, message, ...(fixes.length ? { fixes } : {}) });
    }
    return out;
  },
};
