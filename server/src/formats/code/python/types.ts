/**
 * The types receiver resolution tracks: only what tells a redis-py / valkey-py client (or one of its pipelines)
 * apart from everything else. `TypeResolver` (resolver.ts) works out which of them an expression holds.
 */
import type { ClientLibrary } from '../../../model/code';
import type { Denotes } from '../../../model/code-modules';
import type { Scope } from './scopes';
import type { Node } from './syntax';
import { agree as agreeAll } from '../core/receivers';

export interface ClientKind {
  library: Extract<ClientLibrary, 'redis-py' | 'valkey-py'>; cluster: boolean; async: boolean;
  /** A client imported from another file of the workspace: the construction it came from there. */
  origin?: { path?: string; index: number };
}

export type PyType =
  | { t: 'module'; path: string }
  /**
   * A client or connection-pool class; `from_url` style factories have the same shape. `via`: on a subclass of this
   * file, the classes whose definitions the built client keeps (see `client`).
   */
  | { t: 'class' | 'factory'; kind: ClientKind; pool: boolean; via?: Scope[] }
  /** A function handing out a client it did not build here (`django_redis.get_redis_connection`). */
  | { t: 'getter'; kind: ClientKind }
  /**
   * `via`: the client is reached through classes of this file that subclass a client class (an instance, `self`,
   * `super()`): the attributes those classes define (and their bases of this file) come before the client's
   * methods, so a method they override is not the Redis command.
   */
  | { t: 'client'; kind: ClientKind; via?: Scope[] }
  /** redis-py's pipeline classes (`redis.client.Pipeline`, `redis.cluster.ClusterPipeline`), as annotations name them. */
  | { t: 'pipelineClass'; kind: ClientKind; transactional: boolean }
  /**
   * `call` identifies the pipeline (the `pipeline()` call, or the annotation of a value declared as one);
   * `declared`: known from an annotation only, so a function declared to return one hands out a new one per call.
   */
  | { t: 'pipeline'; kind: ClientKind; call: Node; transactional: boolean; declared?: boolean }
  /**
   * What `client.ft(index)` and `client.pubsub()` hand out: objects whose methods send FT.* and (P)SUBSCRIBE
   * commands for the client. `index` is the `ft()` call, whose argument names the index.
   */
  | { t: 'search'; kind: ClientKind; call: Node }
  | { t: 'pubsub'; kind: ClientKind }
  | { t: 'function'; scope: Scope }
  /** A class of this file, or an instance of it: attributes resolve through its bindings. */
  | { t: 'userClass' | 'instance'; scope: Scope }
  /** A module, class or instance of another file of the workspace, as its summary describes it. */
  | { t: 'project'; of: 'module' | 'class' | 'instance'; members: Record<string, Denotes> };

/** Two bindings that mean the same thing (`import redis` twice, the same client class from two branches). */
function sameType(a: PyType, b: PyType): boolean {
  if (a.t !== b.t) return false;
  if ('path' in a && 'path' in b) return a.path === b.path;
  if ('scope' in a && 'scope' in b) return a.scope === b.scope;
  if (a.t === 'pipeline' && b.t === 'pipeline') return a.call.id === b.call.id;
  if (a.t === 'search' && b.t === 'search') return a.call.id === b.call.id && a.kind.library === b.kind.library;
  if (a.t === 'project' && b.t === 'project') return a.of === b.of && a.members === b.members;
  if ('kind' in a && 'kind' in b) {
    const viaA = 'via' in a ? a.via ?? [] : [];
    const viaB = 'via' in b ? b.via ?? [] : [];
    return a.kind.library === b.kind.library && a.kind.cluster === b.kind.cluster && a.kind.async === b.kind.async
      && ('pool' in a ? a.pool : false) === ('pool' in b ? b.pool : false)
      && ('transactional' in a ? a.transactional : false) === ('transactional' in b ? b.transactional : false)
      && viaA.length === viaB.length && viaA.every((c, i) => c === viaB[i]);
  }
  return false;
}

/** Every non-None binding must agree; anything unresolved makes the whole unknown (the core's policy). */
export function agree(types: (PyType | undefined)[]): PyType | undefined {
  return agreeAll(types, sameType);
}
