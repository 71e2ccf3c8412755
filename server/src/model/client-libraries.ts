/**
 * What each client library does on its own that changes what a rule should say: library behaviour as data, so that
 * rules ask for a capability and never branch on a library's name. Facts from shared/reference/redis-client-apis.md.
 */
import type { ClientInfo, ClientLibrary } from './code';

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
