/**
 * Walks a parsed Python module and turns every method call on a resolved redis-py / valkey-py client (or one of
 * its pipelines) into a `CallSite`, and every client construction into a `ClientConstruction`. Alongside, it keeps
 * the source facts the edit builder needs after the syntax tree is gone.
 */
import type { CallSite, ClientConstruction, ClientInfo, LocalCall } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import { redisPy } from '../core/adapters/redis-py';
import { neutralCall } from '../core/call';
import { ArgReader } from './args';
import { ConstructionReader } from './constructions';
import type { KeySources } from './keys';
import { noneExpiry } from './options';
import { OriginLinker } from './origins';
import { pubsubMethod, searchCall, searchMethod } from './search';
import { TypeResolver } from './resolver';
import type { Scope, ScopeIndex } from './scopes';
import { constantString } from './strings';
import { callArgs, COMPREHENSION_TYPES, rangeOf, unparen, type CallArgs, type Node } from './syntax';
import type { ClientKind, PyType } from './types';

/** Source facts about one call site, by the offset of its method name. */
export interface CallSource {
  callStart: number;
  callEnd: number;
  calleeStart: number;
  calleeEnd: number;
  /** The `await` directly around the call, which a KEYS → SCAN rewrite replaces. */
  awaitSpan?: [number, number];
  async: boolean;
  /** The receiver is itself a call (`r.pipeline().set(…)`): follow-ups chain onto the call instead of a new line. */
  chained: boolean;
  /** A simple statement on its own lines, after which a line can be inserted. */
  statement?: { endLine: number; indentLine: number };
  args: { open: number; close: number; lastEnd?: number; trailingComma?: number; positional: number; keywords: string[] };
  /** KEYS: the pattern's source (null = none); undefined when other arguments make the rewrite unsafe. */
  keysPattern?: string | null;
  /** SET: where an expiry argument says `None`, which an expiry fix replaces. */
  noneExpiry?: [number, number];
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
  localCalls: LocalCall[];
  sources: Map<number, CallSource>;
  keySources: KeySources;
}

/** `inError`: inside text tree-sitter could not parse (an ERROR node). */
/** `branch`: the if/elif/else and `a if c else b` arms around the node inside its function (CallSite.branch). */
interface Ctx { scope: Scope; fn: Scope; inLoop: boolean; awaited: boolean; statement?: Node; inError: boolean; branch?: readonly string[] }

const LOOP_BODIES: Record<string, Set<string>> = {
  for_statement: new Set(['body']),
  while_statement: new Set(['condition', 'body']),
};

/** `execute_command(name, …)`'s arguments after the command name, for the source facts that read syntax. */
function afterName(args: CallArgs, consumed: number): CallArgs {
  const starredAt = args.starredAt === undefined ? undefined : Math.max(0, args.starredAt - consumed);
  return { ...args, positional: args.positional.slice(consumed), starredAt };
}

function isStatement(type: string): boolean {
  return type.endsWith('_statement') || type === 'function_definition' || type === 'class_definition';
}

/** What the walk acts on: calls, and what changes the context of the calls below (scopes, statements, loops, `await`, errors). */
/**
 * Which arm of a conditional `child` is: an if statement's body, one of its elif clauses, its else; the two values
 * of `a if c else b` (named children 0 and 2). Undefined for the condition, which runs whichever arm follows.
 */
function armOf(type: string, node: Node, child: Node, index: number): string | undefined {
  if (type === 'if_statement') {
    if (child.type === 'elif_clause') return `elif${child.startIndex}`;
    if (child.type === 'else_clause') return 'else';
    return node.childForFieldName('consequence')?.id === child.id ? 'then' : undefined;
  }
  if (type === 'conditional_expression') return index === 0 ? 'then' : index === 2 ? 'else' : undefined;
  return undefined;
}

/**
 * `if ttl: return r.set(k, v, ex=ttl)` followed by `return r.set(k, v)`: an if without else whose body always
 * leaves the block makes the statements after it its else arm. Per statement of a block, the arms it is in so.
 */
function guardedTails(statements: (Node | null)[]): (string[] | undefined)[] | undefined {
  let arms: string[] | undefined;
  let out: (string[] | undefined)[] | undefined;
  statements.forEach((s, i) => {
    if (arms) (out ??= [])[i] = arms;
    if (s?.type !== 'if_statement' || s.childForFieldName('alternative')) return;
    if (!leaves(s.childForFieldName('consequence'))) return;
    arms = [...(arms ?? []), `${s.startIndex}:else`];
  });
  return out;
}

/** A block whose last statement returns, raises, breaks or continues. */
function leaves(block: Node | null): boolean {
  const last = block?.namedChildren.filter((c) => c && c.type !== 'comment').at(-1);
  return !!last && (last.type === 'return_statement' || last.type === 'raise_statement' || last.type === 'break_statement' || last.type === 'continue_statement');
}

function isWalked(type: string): boolean {
  return type === 'call' || type === 'await' || type === 'ERROR' || type === 'lambda' || type === 'conditional_expression' || COMPREHENSION_TYPES.has(type) || isStatement(type);
}

export function extractCalls(root: Node, path: string, lines: LineIndex, index: ScopeIndex, resolver = new TypeResolver(index)): Extraction {
  const constructions = new ConstructionReader(lines, resolver, index, root);
  const origins = new OriginLinker(resolver);
  const keySources: KeySources = new Map();

  const out: Extraction = { calls: [], clients: [], localCalls: [], sources: new Map(), keySources };
  // One reader for the file; names resolve in the scope of the call being read.
  let argScope: Scope = index.module;
  const reader = new ArgReader(lines, keySources, (name, at) => resolver.stringConstant(name, argScope, at));

  const scopeId = (fn: Scope): string => {
    if (fn.kind === 'module') return '<module>';
    const p = fn.node.startPosition;
    return fn.node.type === 'lambda' ? `${path}:${fn.qualname}:${p.row + 1}:${p.column + 1}` : `${path}:${fn.qualname}:${p.row + 1}`;
  };

  const clientInfo = (kind: ClientKind, receiverText: string): ClientInfo =>
    ({ library: kind.library, cluster: kind.cluster, receiverText, ...(kind.origin ? { origin: kind.origin } : {}) });

  const statementSource = (stmt: Node | undefined): CallSource['statement'] => {
    if (stmt?.type !== 'expression_statement') return undefined;
    const start = lines.positionAt(stmt.startIndex);
    // `if x: r.set(k, v)` shares its line with the header: a line inserted after it would leave the block.
    if (lines.text.slice(lines.lineStart(start.line), stmt.startIndex).trim() !== '') return undefined;
    return { endLine: lines.positionAt(stmt.endIndex).line, indentLine: start.line };
  };

  const parentOf = (node: Node): Node | null => node.parent;

  const directAwait = (call: Node): Node | undefined => {
    let n: Node | null = parentOf(call);
    while (n?.type === 'parenthesized_expression') n = parentOf(n);
    return n?.type === 'await' ? n : undefined;
  };

  const span = (node: Node | undefined): [number, number] | undefined => node && [node.startIndex, node.endIndex];

  const argsSource = (argList: Node, args: CallArgs): CallSource['args'] => {
    const named = argList.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const last = named[named.length - 1];
    const close = argList.lastChild?.type === ')' ? argList.lastChild.startIndex : argList.endIndex;
    let trailingComma: number | undefined;
    for (const c of argList.children) if (c && c.type === ',' && last && c.startIndex >= last.endIndex) trailingComma = c.startIndex;
    return { open: argList.startIndex, close, lastEnd: last?.endIndex, trailingComma, positional: args.positional.length, keywords: [...args.keywords.keys()] };
  };

  /** KEYS's pattern source; undefined when other arguments (`target_nodes=`, `**kw`) have no SCAN counterpart. */
  const keysPattern = (args: CallArgs): string | null | undefined => {
    const others = [...args.keywords.keys()].filter((k) => k !== 'pattern');
    const given = args.positional.length + (args.keywords.has('pattern') ? 1 : 0);
    if (args.hasKwSplat || args.starredAt !== undefined || others.length || given > 1) return undefined;
    const pattern = args.positional[0] ?? args.keywords.get('pattern');
    return pattern ? pattern.text : null;
  };

  const addConstruction = (call: Node, callee: Extract<PyType, { t: 'class' | 'factory' }>, ctx: Ctx, args: CallArgs): void => {
    let holder: Node | null = parentOf(call);
    while (holder && (holder.type === 'await' || holder.type === 'parenthesized_expression')) holder = parentOf(holder);
    const target = holder?.type === 'assignment' ? holder.childForFieldName('left')
      : holder?.type === 'named_expression' ? holder.childForFieldName('name')
        : holder?.type === 'as_pattern' ? holder.childForFieldName('alias') : null;
    const construction: ClientConstruction = {
      client: clientInfo(callee.kind, target?.text ?? call.text),
      range: rangeOf(call, lines),
      scopeId: scopeId(ctx.fn),
      inLoop: ctx.inLoop,
      ...constructions.read(call, callee, target, ctx.scope, ctx.fn, args),
    };
    const urlArg = args.keywords.get('url') ?? (callee.t === 'factory' ? args.positional[0] : undefined);
    const url = urlArg && constantString(urlArg);
    if (urlArg && url !== undefined) construction.url = { value: url, range: rangeOf(urlArg, lines) };
    origins.register(call, out.clients.length);
    out.clients.push(construction);
  };

  const addCall = (call: Node, fn: Node, recv: Node, recvType: Extract<PyType, { t: 'client' | 'pipeline' | 'search' | 'pubsub' }>, ctx: Ctx): void => {
    const method = fn.childForFieldName('attribute')!;
    const argList = call.childForFieldName('arguments');
    if (!argList || argList.type !== 'argument_list') return;
    const methodName = method.text;
    const named = recvType.t === 'search' ? searchMethod(methodName)
      : recvType.t === 'pubsub' ? pubsubMethod(methodName)
        : methodName === 'execute_command' || redisPy.command(methodName);
    if (!named) return;
    const syntaxArgs = callArgs(argList);
    argScope = ctx.scope;
    const adapted = recvType.t === 'search' ? searchCall(methodName, recvType.call, syntaxArgs, argList, reader, lines)
      : redisPy.adapt(methodName, reader.call(syntaxArgs, argList));
    if (!adapted) return;
    const neutral = neutralCall(adapted);
    const { raw } = adapted;
    const keyArgs = raw ? afterName(syntaxArgs, 1 + (neutral.subcommand !== undefined ? 1 : 0)) : syntaxArgs;
    const site: CallSite = {
      client: clientInfo(recvType.kind, recv.text),
      command: neutral.command,
      ...(neutral.subcommand !== undefined ? { subcommand: neutral.subcommand } : {}),
      args: neutral.args,
      method: methodName,
      range: rangeOf(call, lines),
      calleeRange: rangeOf(method, lines),
      argsRange: rangeOf(argList, lines),
      keys: neutral.keys,
      options: neutral.options,
      scopeId: scopeId(ctx.fn),
      inLoop: ctx.inLoop,
      statementRange: rangeOf(ctx.statement ?? call, lines),
    };
    if (recvType.t === 'pipeline') {
      const p = recvType.call.startPosition;
      site.batch = { id: `pipeline@${p.row + 1}:${p.column + 1}`, transactional: recvType.transactional };
    }
    if (ctx.awaited) site.awaited = true;
    if (ctx.branch) site.branch = ctx.branch;
    origins.follow(site, recv, ctx.scope);
    out.calls.push(site);
    out.sources.set(method.startIndex, {
      callStart: call.startIndex,
      callEnd: call.endIndex,
      calleeStart: method.startIndex,
      calleeEnd: method.endIndex,
      awaitSpan: span(directAwait(call)),
      async: recvType.kind.async,
      chained: unparen(recv).type === 'call',
      statement: statementSource(ctx.statement),
      args: argsSource(argList, syntaxArgs),
      keysPattern: neutral.command === 'KEYS' ? keysPattern(keyArgs) : undefined,
      noneExpiry: neutral.command === 'SET' && !raw ? span(noneExpiry(keyArgs)) : undefined,
      broken: ctx.inError || ctx.fn.node.hasError,
    });
  };

  /** The function of this file a call names: `self.m()` in a method of the class defining `m`, or a `def` in scope. */
  const localCallee = (fn: Node, ctx: Ctx): Scope | undefined => {
    let name: string | undefined;
    let from: Scope | undefined;
    if (fn.type === 'identifier') {
      name = fn.text;
      for (let s: Scope | undefined = ctx.scope; s && !from; s = s.parent) if (s.kind !== 'class' && s.names.has(name)) from = s;
    } else if (fn.type === 'attribute' && ctx.fn.selfName && ctx.fn.owner && fn.childForFieldName('object')?.text === ctx.fn.selfName) {
      name = fn.childForFieldName('attribute')?.text;
      from = ctx.fn.owner;
    }
    const bindings = name === undefined ? undefined : from?.names.get(name);
    // Bound more than once (redefined, or also assigned): which one runs is not known.
    const only = bindings?.length === 1 ? bindings[0] : undefined;
    return only?.kind === 'def' && only.opens?.kind === 'function' && only.opens !== ctx.fn ? only.opens : undefined;
  };

  const visitCall = (call: Node, ctx: Ctx): void => {
    const fn = call.childForFieldName('function');
    if (!fn) return;
    const local = ctx.fn.kind === 'function' ? localCallee(fn, ctx) : undefined;
    if (local) out.localCalls.push({ scopeId: scopeId(ctx.fn), callee: scopeId(local), range: rangeOf(call, lines) });
    let callee: PyType | undefined;
    if (fn.type === 'attribute') {
      const recv = fn.childForFieldName('object');
      const attr = fn.childForFieldName('attribute');
      const recvType = recv ? resolver.typeOf(recv, ctx.scope) : undefined;
      // A method the client's subclass of this file defines itself is that method, not the command.
      if (recv && attr && (recvType?.t === 'client' || recvType?.t === 'pipeline' || recvType?.t === 'search' || recvType?.t === 'pubsub') && !resolver.shadows(recvType, attr.text)) {
        addCall(call, fn, recv, recvType, ctx);
      }
      callee = attr ? resolver.memberType(recvType, attr.text) : undefined;
    } else {
      callee = resolver.typeOf(fn, ctx.scope);
    }
    if (callee?.t === 'class' || callee?.t === 'factory') addConstruction(call, callee, ctx, callArgs(call.childForFieldName('arguments')));
  };

  // An explicit stack rather than recursion: a chain thousands of links long is as deep a tree. Two parallel
  // arrays rather than a tuple per node. Only the nodes the walk acts on are visited (`WALKED`): every other node
  // passes its context on unchanged, so the walk goes from one to the next below it (`outermost`).
  const walked = root.tree.symbolTable(isWalked);
  const nodes: Node[] = [root];
  const ctxs: Ctx[] = [{ scope: index.module, fn: index.module, inLoop: false, awaited: false, inError: false }];
  while (nodes.length) {
    const node = nodes.pop()!;
    const ctx = ctxs.pop()!;
    let here = ctx;
    const opened = index.byNode.get(node.id);
    if (opened && opened !== ctx.scope) {
      here = opened.kind === 'function'
        ? { scope: opened, fn: opened, inLoop: false, awaited: false, statement: undefined, inError: ctx.inError }
        : { ...ctx, scope: opened };
    }
    const type = node.type;
    // Literals rather than spreads: a context is built per statement.
    if (isStatement(type)) here = { scope: here.scope, fn: here.fn, inLoop: here.inLoop, awaited: here.awaited, statement: node, inError: here.inError, branch: here.branch };
    if (type === 'await') here = { scope: here.scope, fn: here.fn, inLoop: here.inLoop, awaited: true, statement: here.statement, inError: here.inError, branch: here.branch };
    if (type === 'ERROR' && !here.inError) here = { scope: here.scope, fn: here.fn, inLoop: here.inLoop, awaited: here.awaited, statement: here.statement, inError: true, branch: here.branch };
    if (type === 'call') visitCall(node, here);

    const loopFields = LOOP_BODIES[type];
    const loopIds = loopFields && new Set([...loopFields].map((f) => node.childForFieldName(f)?.id));
    const comprehension = opened?.kind === 'comprehension';
    const children = node.namedChildren;
    const firstClause = comprehension ? children.find((c) => c?.type === 'for_in_clause')?.id : undefined;
    const inner = here.inLoop || (!loopIds && !comprehension) ? here : { ...here, inLoop: true };
    const guarded = type === 'module' ? guardedTails(children) : undefined;
    // Pushed last to first, so that children are visited in source order.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (!child) continue;
      // A comprehension's first iterable is evaluated once, outside its loop.
      const looping = loopIds ? loopIds.has(child.id) : comprehension && child.id !== firstClause;
      const arm = armOf(type, node, child, i);
      const base = looping ? inner : here;
      const arms = [...(arm ? [`${node.startIndex}:${arm}`] : []), ...(guarded?.[i] ?? [])];
      const childCtx = arms.length ? { ...base, branch: [...(base.branch ?? []), ...arms] } : base;
      if (walked[child.symbol] === 1) {
        nodes.push(child);
        ctxs.push(childCtx);
        continue;
      }
      const below = child.outermost(walked);
      // A block's statements come out here (blocks are not walked themselves).
      const tails = child.type === 'block' ? guardedTails(below) : undefined;
      for (let j = below.length - 1; j >= 0; j--) {
        nodes.push(below[j]);
        const tail = tails?.[j];
        ctxs.push(tail ? { ...childCtx, branch: [...(childCtx.branch ?? []), ...tail] } : childCtx);
      }
    }
  }

  origins.link();
  // A chain is visited outermost first; rules read calls in source order.
  out.calls.sort((a, b) => lines.offsetAt(a.calleeRange.start) - lines.offsetAt(b.calleeRange.start));
  return out;
}
