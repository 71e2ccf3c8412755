/** What receiver resolution finds an expression to denote. */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { ClientLibrary } from '../../../model/code';

export interface ClientValue { kind: 'client'; library: ClientLibrary; cluster: boolean; clusterNode?: boolean }
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
export type Resolved = Value | ArrayValue;
