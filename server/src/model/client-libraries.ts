/**
 * What each client library does on its own, as data: the capabilities rules ask for (so no rule branches on a
 * library's name), and what hover says a library does with a command on its cluster client. One table per library;
 * every fact restates shared/reference/redis-client-apis.md, and a library or command it says nothing about has no
 * row.
 */
import type { CallSite, ClientInfo, ClientLibrary } from './code';

export interface ClientCapabilities {
  /**
   * Multi-key commands that the library's cluster client splits by slot itself, one request per slot, so they
   * never raise CROSSSLOT (redis-py/valkey-py RedisCluster: DEL, UNLINK, EXISTS, TOUCH — §1).
   */
  clusterSplitsBySlot: ReadonlySet<string>;
  /**
   * A plain (non-transactional) pipeline on the cluster client goes to one node, so every key in it must be
   * served there (ioredis/iovalkey README, "Pipelining" in cluster mode); other clients split pipelines by slot.
   */
  clusterPipelineOneNode: boolean;
  /** How the library iterates SCAN idiomatically, as a fix title names it. */
  scanIteration: string;
}

const NONE: ReadonlySet<string> = new Set();
const REDIS_PY_SPLIT: ReadonlySet<string> = new Set(['DEL', 'UNLINK', 'EXISTS', 'TOUCH']);

const PYTHON: ClientCapabilities = { clusterSplitsBySlot: REDIS_PY_SPLIT, clusterPipelineOneNode: false, scanIteration: 'scan_iter()' };
const IOREDIS: ClientCapabilities = { clusterSplitsBySlot: NONE, clusterPipelineOneNode: true, scanIteration: 'scanStream()' };

const TABLE: Partial<Record<ClientLibrary, ClientCapabilities>> = {
  'redis-py': PYTHON,
  'valkey-py': PYTHON,
  ioredis: IOREDIS,
  iovalkey: IOREDIS,
  'node-redis': { clusterSplitsBySlot: NONE, clusterPipelineOneNode: false, scanIteration: 'scanIterator()' },
};

/** A library the table does not describe yet claims nothing beyond the protocol. */
const PROTOCOL_ONLY: ClientCapabilities = { clusterSplitsBySlot: NONE, clusterPipelineOneNode: false, scanIteration: 'SCAN' };

export function capabilitiesOf(client: ClientInfo): ClientCapabilities {
  return TABLE[client.library] ?? PROTOCOL_ONLY;
}

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

const REDIS_PY_CLUSTER: readonly Behaviour[] = [
  { method: /_nonatomic$/, text: 'RedisCluster splits the keys by slot and sends one command per slot: no CROSSSLOT error, but the call is not atomic.', source: '§1 MGET / MSET' },
  { commands: [...REDIS_PY_SPLIT], text: 'RedisCluster splits the keys by slot itself (`_split_command_across_slots`), so several keys never raise CROSSSLOT; the call is not atomic.', source: '§1 DEL / UNLINK / EXISTS / TOUCH' },
  { commands: ['MGET', 'MSET', 'MSETNX'], text: 'RedisCluster raises when the keys are in different slots; `mget_nonatomic` / `mset_nonatomic` split them by slot.', source: '§1 MGET / MSET' },
  { commands: ['KEYS'], text: 'RedisCluster sends KEYS to the default node only, unless `target_nodes=RedisCluster.PRIMARIES` is passed.', source: '§1 KEYS' },
  { method: /^scan_iter$/, text: 'RedisCluster overrides `scan_iter` to walk every primary.', source: '§1 SCAN' },
  { commands: ['FLUSHALL', 'FLUSHDB'], text: 'RedisCluster sends it to all primaries.', source: '§1 FLUSHALL / FLUSHDB' },
  { batch: 'transaction', text: 'A RedisCluster pipeline with `transaction=True` needs every key in one slot.', source: '§1 pipeline / transaction' },
];

const IOREDIS_CLUSTER: readonly Behaviour[] = [
  { commands: ['KEYS', 'FLUSHDB', 'INFO'], text: 'A `Redis.Cluster` sends keyless commands to a random node: run it per node with `cluster.nodes("master")`.', source: '§2 cluster' },
  { batch: 'pipeline', text: 'Every key in a pipeline on a `Redis.Cluster` must belong to slots served by the same node.', source: '§2 cluster' },
  { batch: 'transaction', text: 'Every key in a pipeline on a `Redis.Cluster` must belong to slots served by the same node.', source: '§2 cluster' },
];

const NODE_REDIS_CLUSTER: readonly Behaviour[] = [
  { batch: 'transaction', text: '`cluster.multi(routingKey?)` sends every command to the node of the first key (or of the routing key).', source: '§3 MULTI / pipeline' },
  { commands: ['SCAN'], text: 'On a cluster, a keyless SCAN reaches one node only.', source: '§12 note 5' },
];

const BY_LIBRARY: Partial<Record<ClientLibrary, readonly Behaviour[]>> = {
  'redis-py': REDIS_PY_CLUSTER, 'valkey-py': REDIS_PY_CLUSTER, ioredis: IOREDIS_CLUSTER, iovalkey: IOREDIS_CLUSTER, 'node-redis': NODE_REDIS_CLUSTER,
};

export interface ClusterBehaviour { text: string; source: string }

/** What the call's library does with it on a cluster client (for hover); nothing for a non-cluster client or an unknown row. */
export function clusterBehaviour(call: Pick<CallSite, 'command' | 'method' | 'batch'> & { client: Pick<CallSite['client'], 'library' | 'cluster'> }): ClusterBehaviour[] {
  if (!call.client.cluster) return [];
  const rows = BY_LIBRARY[call.client.library] ?? [];
  const batch = call.batch ? (call.batch.transactional ? 'transaction' : 'pipeline') : undefined;
  const hits = rows.filter((b) => (b.method ? b.method.test(call.method) : b.commands ? b.commands.includes(call.command) : b.batch === batch));
  // The method decides over the command: `mget_nonatomic` is MGET, but not RedisCluster's raising MGET.
  const byMethod = hits.filter((b) => b.method);
  return (byMethod.length ? byMethod : hits).map(({ text, source }) => ({ text, source: `redis-client-apis.md ${source}` }));
}
