/** What receiver resolution finds an expression to denote. */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { ClientLibrary } from '../../../model/code';
import type { Denotes } from '../../../model/code-modules';

export interface ClientValue {
  kind: 'client'; library: ClientLibrary; cluster: boolean; clusterNode?: boolean;
  /** Imported from another file of the workspace: the construction it came from there. */
  origin?: { path?: string; index: number };
}
export interface BatchValue {
  kind: 'batch'; library: ClientLibrary; cluster: boolean;
  /** `pipeline()` / `multi()` call that opened the batch. */
  opener: Node;
  /** The client expression the batch was opened on. */
  client: Node;
  transactional: boolean;
}
export type Value = ClientValue | BatchValue;
/**
 * An array of clients: the node list of a cluster client (`cluster.nodes('master')`), or a value typed `Redis[]`.
 * Internal to resolution: an array is never a receiver (`nodes.keys()` is `Array.prototype.keys`), but its
 * elements are.
 */
export interface ArrayValue { kind: 'array'; element: ClientValue }
/**
 * A module object or instance of another file of the workspace whose members are clients (as its summary says):
 * internal to resolution, like arrays; its members are receivers.
 */
export interface ObjectValue { kind: 'object'; members: Record<string, Denotes> }
export type Resolved = Value | ArrayValue | ObjectValue;
