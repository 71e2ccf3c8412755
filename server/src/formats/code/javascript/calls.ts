/** Walks a parsed module and normalises every Redis command call and client construction. */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { LineIndex } from '../../../engine/text';
import type { CallSite, ClientConstruction, ClientInfo } from '../../../model/code';
import { DECLARING_TYPES } from './declarations';
import { Receivers } from './receivers';
import type { Value } from './values';
import { CLIENT_COPIES, RAW_METHODS, ioredis, nodeRedis , nodeRedisSearch } from '../core/adapters/node';
import type { LibraryAdapter } from '../core/adapters/types';
import { neutralCall, type NeutralCall } from '../core/call';
import type { ClientLibrary } from '../../../model/code';
import { ArgReader } from './args';
import { Positions, blockStatementOf, simpleStatementOf, statementOf, type CallPlace } from './position';
import { argumentsOf, containsType, memberCall, unwrap } from './syntax';
import type { Binding } from './imports';
import { Constructions } from './constructions';

/** What the edit builder needs to know about a call once the tree is gone. */
export interface CallFacts {
  /** Start/end offsets and kind of each argument. */
  args: { start: number; end: number; type: string }[];
  /** The call is queued inside a method chain on a batch (`redis.multi().set(…)`). */
  chained: boolean;
  /** A statement that an inserted statement may follow, when there is one. */
  statement?: { end: number; line: number; semicolon: boolean };
  /** The statement in a block whose value is the call's (`return await …`, `const x = await …`), for fixes that replace it. */
  own?: { start: number; end: number };
  /** Per key: the expression can be evaluated again without side effects. */
  pureKeys: boolean[];
  /** Raw command form (`call('SET', …)`, `sendCommand([...])`): not rewritten. */
  raw: boolean;
  /**
   * The function holding the call (or the module) has a syntax error, or the call sits inside one. tree-sitter's
   * recovery reaches across the statements of a body, so an edit there may land outside the expression it guessed
   * or change what it guesses elsewhere: none is offered.
   */
  broken: boolean;
}

export interface Extraction {
  calls: CallSite[];
  clients: ClientConstruction[];
  facts: Map<CallSite, CallFacts>;
  /** The quote most string literals use, for inserted strings. */
  quote: string;
  /** The file's receiver resolution, for its module summary. */
  receivers: Receivers;
}

const IMPURE = new Set(['call_expression', 'new_expression', 'update_expression', 'assignment_expression', 'augmented_assignment_expression', 'await_expression', 'yield_expression']);

const INTERESTING = new Set([...DECLARING_TYPES, 'call_expression', 'new_expression']);

export function extract(root: Node, imports: Map<string, Binding>, lines: LineIndex, path: string, declared?: { names: ReadonlySet<string>; library: ClientLibrary }): Extraction {
  // The same walk counts string quotes: a second pass over every string node cost the edit builder ~5% of a parse.
  const positions = new Positions(root, INTERESTING);
  const nodes = positions.nodes;
  const receivers = new Receivers(nodes.filter((n) => DECLARING_TYPES.has(n.type)), imports, positions, declared?.names, declared?.library);
  // Innermost first, so that a method chain resolves link by link instead of recursing down its whole length.
  for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i].type === 'call_expression' || nodes[i].type === 'new_expression') receivers.valueOf(nodes[i]);
  const roots = new Map<number, string>();
  const reader = new ArgReader(lines, (id) => receivers.decls.constantOf(id));
  const { single, double } = positions.quotes;
  const out: Extraction = { calls: [], clients: [], facts: new Map(), quote: double > single ? '"' : "'", receivers };
  const range = (n: Node) => lines.range(n.startIndex, n.endIndex);
  const constructions = new Constructions(root, positions, receivers, lines, path);
  const receiversOf = new Map<CallSite, Node>();

  for (const n of nodes) {
    if (n.type !== 'call_expression' && n.type !== 'new_expression') continue;
    const at = positions.calls.get(n.id)!;
    const built = construction(n, receivers);
    if (built) out.clients.push(constructions.read(n, built, at, out.clients.length));
    const m = memberCall(n);
    if (!m) continue;
    const search = searchReceiver(m.object);
    const recv = receivers.valueOf(search ?? m.object);
    if (!recv || (search && (recv.kind !== 'client' || recv.library !== 'node-redis'))) continue;
    const command = search ? searchCommandOf(n, m.property.text, reader) : commandOf(n, m.property.text, adapterFor(recv.library), reader);
    if (!command) continue;
    const site = callSite(n, at, m, recv, command);
    out.calls.push(site.call);
    receiversOf.set(site.call, recv.kind === 'batch' ? recv.client : m.object);
    out.facts.set(site.call, site.facts);
  }
  for (const [call, node] of receiversOf) {
    const index = constructions.origin(node);
    if (index !== undefined) call.client.origin = { index };
  }
  // The walk meets a chain's outermost call first; call sites read in source order by method name.
  const at = (c: CallSite) => lines.offsetAt(c.calleeRange.start);
  out.calls.sort((a, b) => at(a) - at(b));
  return out;

  function callSite(n: Node, at: CallPlace, m: { object: Node; property: Node }, recv: Value, command: NeutralCall & { raw: boolean }) {
    const object = unwrap(m.object);
    const chained = recv.kind === 'batch' && (object.type === 'call_expression' || at.parentType === 'member_expression');
    const client: ClientInfo = { library: recv.library, cluster: recv.cluster, ...(recv.kind === 'client' && recv.clusterNode ? { clusterNode: true } : {}), receiverText: receiverText(m.object, recv, roots), ...(recv.kind === 'client' && recv.origin ? { origin: recv.origin } : {}) };
    const keyArgs = command.keys;
    const stmt = statementOf(n, at);
    const simple = simpleStatementOf(at);
    const own = blockStatementOf(at);
    const call: CallSite = {
      client, command: command.command, ...(command.subcommand !== undefined ? { subcommand: command.subcommand } : {}), args: command.args,
      method: m.property.text, range: range(n), calleeRange: range(m.property),
      argsRange: range(n.childForFieldName('arguments') ?? n), keys: keyArgs, options: command.options,
      scopeId: positions.scopeIdOf(n, path), inLoop: at.place.inLoop, statementRange: range(stmt), awaited: at.awaited,
      ...(at.place.branch ? { branch: at.place.branch } : {}),
    };
    if (recv.kind === 'batch') {
      const at = recv.opener.startPosition;
      call.batch = { id: `batch@${at.row + 1}:${at.column + 1}`, transactional: recv.transactional };
    }
    const facts: CallFacts = {
      args: argumentsOf(n).map((a) => ({ start: a.startIndex, end: a.endIndex, type: unwrap(a).type })),
      chained,
      statement: simple && { end: simple.endIndex, line: simple.startPosition.row, semicolon: simple.text.trimEnd().endsWith(';') },
      ...(own ? { own: { start: own.startIndex, end: own.endIndex } } : {}),
      pureKeys: keyArgs.map((k) => {
        const node = n.descendantForIndex(lines.offsetAt(k.range.start), lines.offsetAt(k.range.end));
        return !!node && node.text === k.text && !containsType(node, IMPURE);
      }),
      raw: command.raw,
      broken: at.inError || (at.place.fn?.node ?? root).hasError || at.declarationBroken,
    };
    return { call, facts };
  }
}

/**
 * How the receiver reads: the object itself, except in a batch chain, where it is the chain's root — the client a
 * `multi()` was opened on (`redis` in `redis.multi().set()`), or the stored batch (`p` in `p.expire().incr()`).
 * `roots` remembers the answer for every link walked, so a chain is walked once rather than once per link.
 */
function receiverText(object: Node, recv: Value, roots: Map<number, string>): string {
  if (recv.kind !== 'batch') return object.text;
  const walked: number[] = [];
  let root = unwrap(object);
  let text = roots.get(root.id);
  for (let m = memberCall(root); text === undefined && m && !root.equals(recv.opener); m = memberCall(root)) {
    walked.push(root.id);
    root = unwrap(m.object);
    text = roots.get(root.id);
  }
  text ??= root.equals(recv.opener) ? unwrap(recv.client).text : root.text;
  for (const id of walked) roots.set(id, text);
  return text;
}

const adapterFor = (library: ClientLibrary): LibraryAdapter => (library === 'node-redis' ? nodeRedis : ioredis);

/** The command a call sends, its protocol arguments, keys and options; undefined when it sends none we can name. */
function commandOf(call: Node, method: string, adapter: LibraryAdapter, reader: ArgReader): (NeutralCall & { raw: boolean }) | undefined {
  if (!RAW_METHODS.has(method) && !adapter.command(method)) return undefined;
  const argList = call.childForFieldName('arguments') ?? call;
  const adapted = adapter.adapt(method, reader.call(argumentsOf(call), argList));
  return adapted && { ...neutralCall(adapted), raw: adapted.raw };
}

/** `client.ft` of `client.ft.create(…)`: node-redis's search commands hang off the client. */
function searchReceiver(object: Node): Node | undefined {
  const o = unwrap(object);
  if (o.type !== 'member_expression' || o.childForFieldName('property')?.text !== 'ft') return undefined;
  return o.childForFieldName('object') ?? undefined;
}

function searchCommandOf(call: Node, method: string, reader: ArgReader): (NeutralCall & { raw: boolean }) | undefined {
  const argList = call.childForFieldName('arguments') ?? call;
  const adapted = nodeRedisSearch(method, reader.call(argumentsOf(call), argList));
  return adapted && { ...neutralCall(adapted), raw: false };
}

/** A call that builds a new client: `new Redis()`, `createClient()`, `redis.createClient()`, `client.duplicate()`. */
function construction(n: Node, receivers: Receivers): Value | undefined {
  if (n.type === 'new_expression') return receivers.valueOf(n);
  const fn = n.childForFieldName('function');
  if (fn?.type === 'identifier') return receivers.bindingOf(fn)?.kind === 'factory' ? receivers.valueOf(n) : undefined;
  const m = memberCall(n);
  if (!m) return undefined;
  const method = m.property.text;
  if (method === 'createClient' || method === 'createCluster') return receivers.bindingOf(m.object)?.kind === 'module' ? receivers.valueOf(n) : undefined;
  return CLIENT_COPIES.has(method) ? receivers.valueOf(n) : undefined;
}
