/**
 * What a client library does with a command on its cluster client, as data per library (the "models as data" idea:
 * adding a library is adding rows, not code). Every sentence restates ../shared/reference/redis-client-apis.md, with
 * the section it comes from; a library or command it says nothing about has no row, and hover then says nothing.
 */
import type { CallSite, ClientLibrary } from './code';

interface Behaviour {
  /** Protocol commands the row is about; absent when `method` or `batch` decides. */
  commands?: readonly string[];
  /** The method name as written, when the library's behaviour hangs on it (`mget_nonatomic`, `scan_iter`). */
  method?: RegExp;
  /** The row is about calls queued on a pipeline (`pipeline`) or a MULTI transaction (`transaction`). */
  batch?: 'pipeline' | 'transaction';
  text: string;
  /** Where redis-client-apis.md says so. */
  source: string;
}

const REDIS_PY: readonly Behaviour[] = [
  { method: /_nonatomic$/, text: 'RedisCluster splits the keys by slot and sends one command per slot: no CROSSSLOT error, but the call is not atomic.', source: '§1 MGET / MSET' },
  { commands: ['DEL', 'UNLINK', 'EXISTS', 'TOUCH'], text: 'RedisCluster splits the keys by slot itself (`_split_command_across_slots`), so several keys never raise CROSSSLOT; the call is not atomic.', source: '§1 DEL / UNLINK / EXISTS / TOUCH' },
  { commands: ['MGET', 'MSET', 'MSETNX'], text: 'RedisCluster raises when the keys are in different slots; `mget_nonatomic` / `mset_nonatomic` split them by slot.', source: '§1 MGET / MSET' },
  { commands: ['KEYS'], text: 'RedisCluster sends KEYS to the default node only, unless `target_nodes=RedisCluster.PRIMARIES` is passed.', source: '§1 KEYS' },
  { method: /^scan_iter$/, text: 'RedisCluster overrides `scan_iter` to walk every primary.', source: '§1 SCAN' },
  { commands: ['FLUSHALL', 'FLUSHDB'], text: 'RedisCluster sends it to all primaries.', source: '§1 FLUSHALL / FLUSHDB' },
  { batch: 'transaction', text: 'A RedisCluster pipeline with `transaction=True` needs every key in one slot.', source: '§1 pipeline / transaction' },
];

const IOREDIS: readonly Behaviour[] = [
  { commands: ['KEYS', 'FLUSHDB', 'INFO'], text: 'A `Redis.Cluster` sends keyless commands to a random node: run it per node with `cluster.nodes("master")`.', source: '§2 cluster' },
  { batch: 'pipeline', text: 'Every key in a pipeline on a `Redis.Cluster` must belong to slots served by the same node.', source: '§2 cluster' },
  { batch: 'transaction', text: 'Every key in a pipeline on a `Redis.Cluster` must belong to slots served by the same node.', source: '§2 cluster' },
];

const NODE_REDIS: readonly Behaviour[] = [
  { batch: 'transaction', text: '`cluster.multi(routingKey?)` sends every command to the node of the first key (or of the routing key).', source: '§3 MULTI / pipeline' },
  { commands: ['SCAN'], text: 'On a cluster, a keyless SCAN reaches one node only.', source: '§12 note 5' },
];

const BY_LIBRARY: Partial<Record<ClientLibrary, readonly Behaviour[]>> = {
  'redis-py': REDIS_PY, 'valkey-py': REDIS_PY, ioredis: IOREDIS, iovalkey: IOREDIS, 'node-redis': NODE_REDIS,
};

export interface ClusterBehaviour { text: string; source: string }

/** What the call's library does with it on a cluster client; nothing for a non-cluster client or an unknown row. */
export function clusterBehaviour(call: Pick<CallSite, 'command' | 'method' | 'batch'> & { client: Pick<CallSite['client'], 'library' | 'cluster'> }): ClusterBehaviour[] {
  if (!call.client.cluster) return [];
  const rows = BY_LIBRARY[call.client.library] ?? [];
  const batch = call.batch ? (call.batch.transactional ? 'transaction' : 'pipeline') : undefined;
  const hits = rows.filter((b) => (b.method ? b.method.test(call.method) : b.commands ? b.commands.includes(call.command) : b.batch === batch));
  // The method decides over the command: `mget_nonatomic` is MGET, but not RedisCluster's raising MGET.
  const byMethod = hits.filter((b) => b.method);
  return (byMethod.length ? byMethod : hits).map(({ text, source }) => ({ text, source: `redis-client-apis.md ${source}` }));
}
