/**
 * FLUSHALL and FLUSHDB delete every key of the cache (or of the selected database) in one call. In application code
 * that is almost always a development shortcut that reached production, or a "clear the cache" endpoint that also
 * removes the sessions, locks and queues other code keeps in the same cache. Tests flush their own server freely.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import type { CallSite } from '../../model/code';

const SCOPE: Record<string, string> = {
  FLUSHALL: 'deletes every key in every database of the cache',
  FLUSHDB: 'deletes every key in the current database',
};

/** ASYNC (or redis-py `asynchronous=True`) frees the memory in a background thread. */
const lazy = (call: CallSite): boolean => call.args.some((a) => a.kind === 'keyword' && a.name === 'ASYNC');

export const flushCommand: CodeRule = {
  target: 'code',
  meta: { id: 'flush-command', title: 'FLUSHALL / FLUSHDB deletes every key of the cache', defaultSeverity: 'warning' },
  check(model) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const call of model.calls) {
      const scope = SCOPE[call.command];
      if (!scope) continue;
      let message = `${call.command} ${scope}, including what other code and services keep there (sessions, locks, queues).`;
      if (!lazy(call)) message += ' Without ASYNC the engine blocks while it frees the memory.';
      message += ' Delete the keys this code owns instead (SCAN by prefix, then UNLINK), or keep disposable data in a cache of its own.';
      out.push({ range: call.calleeRange, message });
    }
    return out;
  },
};
