/**
 * What a redis-py / valkey-py client construction states: its connection options with where each value comes
 * from, whether options it cannot see into are passed, how long the client lives and the name it is bound to.
 * A client built over a connection pool of this file takes the pool's options, as redis-py does.
 */
import type { ClientConstruction, ConnectionOptions, ConnectionSetting } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import { LifetimeReader } from './lifetime';
import { bindingListOf, bindingsAt, calleeName, ProvenanceReader, type Literal, type Traced } from './provenance';
import type { TypeResolver } from './resolver';
import type { Scope, ScopeIndex } from './scopes';
import { constantString } from './strings';
import { callArgs, rangeOf, unparen, type CallArgs, type Node } from './syntax';
import type { PyType } from './types';

type Callee = Extract<PyType, { t: 'class' | 'factory' }>;

/** What the reader fills in on a construction the extractor has placed. */
export type ConstructionFacts = Pick<ClientConstruction, 'options' | 'opaque' | 'lifetime' | 'boundTo' | 'exported' | 'argsRange'>;

/** `ssl_cert_reqs` values that switch certificate verification off; the others (`"required"`, `"optional"`) keep it. */
const NO_VERIFY = new Set(['none', 'ssl.CERT_NONE', 'ssl.VerifyMode.CERT_NONE']);
/** redis-py's `to_bool` for URL query values. */
const FALSE_STRINGS = new Set(['0', 'F', 'FALSE', 'N', 'NO']);

/**
 * redis-py's `from_url` passes the URL's query on as keywords, over the ones written (`rediss://…?ssl_cert_reqs=none`,
 * the Heroku recipe): verification turned off there is the construction's. Reported at the URL, with no fix to remove.
 */
function urlVerification(o: ConnectionOptions): void {
  const url = o.url;
  if (!url || url.provenance.kind !== 'literal' || url.value === undefined) return;
  const q = url.value.indexOf('?');
  if (q < 0) return;
  const query = new URLSearchParams(url.value.slice(q + 1).split('#')[0]);
  const at = { provenance: url.provenance, text: url.text, range: url.range };
  const reqs = query.get('ssl_cert_reqs')?.toLowerCase();
  if (reqs !== undefined && NO_VERIFY.has(reqs)) o.verifyCertificate = { ...at, value: false };
  const hostname = query.get('ssl_check_hostname');
  if (hostname !== null && FALSE_STRINGS.has(hostname.toUpperCase())) o.verifyHostname = { ...at, value: false };
}

const VERIFY = new Set(['required', 'optional', 'ssl.CERT_REQUIRED', 'ssl.CERT_OPTIONAL', 'ssl.VerifyMode.CERT_REQUIRED', 'ssl.VerifyMode.CERT_OPTIONAL']);
/** Positional parameters of the synchronous `Redis(host, port, db, password, …)`; asyncio's are keyword-only. */
const SYNC_POSITIONAL: ('host' | 'db' | 'password' | undefined)[] = ['host', undefined, 'db', 'password'];
/** redis-py's provider of a fixed username and password, read like the keywords it stands for. */
const CREDENTIAL_PROVIDER = 'UsernamePasswordCredentialProvider';
/** Pool nesting followed (`Redis(connection_pool=ConnectionPool(...))`); pools do not nest further. */
const MAX_POOL_DEPTH = 2;

interface Read { options: ConnectionOptions; opaque: boolean; pool?: Node; poolScope?: Scope }

export class ConstructionReader {
  private readonly provenance = new ProvenanceReader();
  private readonly lifetimes: LifetimeReader;

  constructor(private readonly lines: LineIndex, private readonly resolver: TypeResolver, index: ScopeIndex, root: Node) {
    this.lifetimes = new LifetimeReader(lines, index, root, this.provenance);
  }

  /** `target`: the name the construction is assigned to, when it is. */
  read(call: Node, callee: Callee, target: Node | null, scope: Scope, fn: Scope, args: CallArgs): ConstructionFacts {
    const read = this.options(call, callee, args, scope, 0);
    const argList = call.childForFieldName('arguments');
    let lifetime = this.lifetimes.of(call, target, scope);
    // A client over a pool that is itself shared borrows the pool's connections: building it per call costs nothing.
    if (lifetime.kind !== 'shared' && read.pool && this.lifetimes.of(read.pool, this.targetOf(read.pool), read.poolScope!).kind === 'shared') {
      lifetime = { kind: 'shared' };
    }
    const facts: ConstructionFacts = { options: read.options, opaque: read.opaque, lifetime };
    if (argList) facts.argsRange = rangeOf(argList, this.lines);
    if (target) {
      facts.boundTo = target.text;
      if (this.exported(target, scope, fn)) facts.exported = true;
    }
    return facts;
  }

  private targetOf(call: Node): Node | null {
    let holder = call.parent;
    while (holder && (holder.type === 'await' || holder.type === 'parenthesized_expression')) holder = holder.parent;
    return holder?.type === 'assignment' ? holder.childForFieldName('left') : null;
  }

  /** A module-level name other modules import: public by its spelling, or listed in `__all__`. */
  private exported(target: Node, scope: Scope, fn: Scope): boolean {
    if (target.type !== 'identifier') return false;
    const name = target.text;
    const moduleLevel = (fn.kind === 'module' && scope.kind === 'module') || (fn.kind === 'function' && fn.outer.has(name) && !!fn.parent && this.isGlobal(fn, name));
    if (!moduleLevel) return false;
    if (!name.startsWith('_')) return true;
    let module = scope;
    while (module.parent) module = module.parent;
    const all = module.names.get('__all__')?.[0]?.value;
    return !!all && unparen(all).namedChildren.some((c) => c?.type === 'string' && this.provenance.trace(c, module).value === name);
  }

  /** `global name` rather than `nonlocal name`: the assignment binds in the module. */
  private isGlobal(fn: Scope, name: string): boolean {
    for (let s = fn.parent; s; s = s.parent) if (s.kind === 'function' && s.names.has(name)) return false;
    return true;
  }

  private setting<T extends Literal>(value: Node, traced: Traced, entry: Node | undefined, literal?: T): ConnectionSetting<NonNullable<T>> {
    const s: ConnectionSetting<NonNullable<T>> = { provenance: traced.provenance, text: value.text, range: rangeOf(value, this.lines) };
    if (traced.provenance.kind === 'literal' && literal !== undefined && literal !== null) s.value = literal as NonNullable<T>;
    if (entry) s.entryRange = rangeOf(entry, this.lines);
    return s;
  }

  /** The option's `keyword=value` (or `"key": value` in a splatted dict) node, for fixes that remove it; absent for a positional. */
  private entry(value: Node): Node | undefined {
    const p = value.parent;
    return p?.type === 'keyword_argument' || p?.type === 'pair' ? p : undefined;
  }

  private options(call: Node, callee: Callee, args: CallArgs, scope: Scope, depth: number): Read {
    const splat = this.splatted(call, args, scope);
    const out: Read = { options: {}, opaque: splat === undefined || args.starredAt !== undefined };
    const fn = call.childForFieldName('function');
    const method = fn ? calleeName(fn) : undefined;
    // FlaskRedis reads REDIS_URL and friends from the Flask app's config.
    if (method === 'FlaskRedis') out.opaque = true;
    const o = out.options;
    const str = (key: 'url' | 'password' | 'username' | 'host', value: Node, at = scope) => {
      const t = this.provenance.trace(value, at);
      // `password=None` states the default: no password.
      if (t.provenance.kind === 'literal' && t.value === null) return;
      o[key] = this.setting(value, t, this.entry(value), typeof t.value === 'string' ? t.value : undefined);
    };
    const bool = (key: 'tls' | 'verifyHostname', value: Node, at: Scope) => {
      const t = this.provenance.trace(value, at);
      if (t.provenance.kind === 'literal' && typeof t.value !== 'boolean') return;
      o[key] = this.setting(value, t, this.entry(value), typeof t.value === 'boolean' ? t.value : undefined);
    };
    const db = (value: Node, at = scope) => {
      const t = this.provenance.trace(value, at);
      if (t.provenance.kind === 'literal' && t.value === null) return;
      // redis-py takes `db="1"` as well as `db=1`.
      const n = typeof t.value === 'string' && /^\d+$/.test(t.value) ? Number(t.value) : t.value;
      o.db = this.setting(value, t, this.entry(value), typeof n === 'number' ? n : undefined);
    };

    if (method === 'from_pool') {
      const pool = args.positional[0] ?? args.keywords.get('connection_pool');
      return pool ? this.pool(pool, scope, depth, out) : { ...out, opaque: true };
    }
    const poolArg = args.keywords.get('connection_pool');
    // redis-py ignores every other connection keyword when given a pool.
    if (poolArg) return this.pool(poolArg, scope, depth, out);

    if (method === 'from_url') {
      const url = args.positional[0];
      if (url) str('url', url);
    } else if (callee.pool) {
      // `ConnectionPool(connection_class=Connection, …)`; BlockingConnectionPool's first parameter is a size.
      const cls = method === 'ConnectionPool' ? args.positional[0] : undefined;
      if (cls) this.connectionClass(cls, scope, out);
    } else if (!callee.kind.async && !callee.kind.cluster) {
      SYNC_POSITIONAL.forEach((key, i) => {
        const value = args.positional[i];
        if (!value || !key || (args.starredAt !== undefined && i >= args.starredAt)) return;
        if (key === 'db') db(value); else str(key, value);
      });
    } else if (callee.kind.cluster && args.positional[0] && args.starredAt !== 0) {
      str('host', args.positional[0]);
    }

    const keywords: [string, Node, Scope][] = [...args.keywords].map(([k, v]) => [k, v, scope]);
    for (const [k, v] of splat?.entries ?? []) keywords.push([k, v, splat!.at]);
    const given = new Set(keywords.map(([k]) => k));
    for (const [name, value, at] of keywords) {
      switch (name) {
        case 'url': case 'host': case 'password': case 'username': str(name, value, at); break;
        case 'db': db(value, at); break;
        case 'ssl': bool('tls', value, at); break;
        case 'ssl_check_hostname': bool('verifyHostname', value, at); break;
        case 'ssl_cert_reqs': this.certReqs(value, at, out); break;
        case 'connection_class': this.connectionClass(value, at, out); break;
        case 'credential_provider': this.credentials(value, at, out); break;
        // A pool inside `**options` is not followed.
        case 'ssl_context': case 'connection_pool': out.opaque = true; break;
        case 'startup_nodes': if (!given.has('host')) this.startupHost(value, at, out); break;
      }
    }
    urlVerification(o);
    // Verification is the SSL context's when one is passed: what the keywords say does not apply.
    if (given.has('ssl_context')) { delete o.verifyCertificate; delete o.verifyHostname; }
    return out;
  }

  /**
   * The keywords a single `**options` passes, when it is a dict written in this file (`**{"ssl": True}`,
   * `**dict(ssl=True)`, or a name bound once to one and never changed in place): null without a splat, undefined
   * when it cannot be read.
   */
  private splatted(call: Node, args: CallArgs, scope: Scope): { entries: [string, Node][]; at: Scope } | null | undefined {
    if (!args.hasKwSplat) return null;
    const splats = call.childForFieldName('arguments')?.namedChildren.filter((c) => c?.type === 'dictionary_splat') ?? [];
    const inner = splats.length === 1 ? splats[0]!.namedChild(0) : null;
    if (!inner) return undefined;
    let dict = unparen(inner);
    let at = scope;
    if (dict.type === 'identifier') {
      const name = dict.text;
      const where = bindingListOf(name, scope);
      const b = where?.list.length === 1 && where.list[0].kind === 'value' ? where.list[0] : undefined;
      const changed = new RegExp(`\\b${name}\\s*(\\[[^\\]\\n]*\\]\\s*=(?!=)|\\|=|\\.(update|setdefault|pop|popitem|clear)\\()`);
      if (!b?.value || (!where!.outer && b.start > dict.startIndex) || changed.test(this.lines.text)) return undefined;
      dict = unparen(b.value);
      at = b.scope;
    }
    const entries: [string, Node][] = [];
    if (dict.type === 'call') {
      const fn = dict.childForFieldName('function');
      const dictArgs = callArgs(dict.childForFieldName('arguments'));
      if (fn?.type !== 'identifier' || fn.text !== 'dict' || bindingListOf('dict', at) || dictArgs.positional.length || dictArgs.hasKwSplat) return undefined;
      return { entries: [...dictArgs.keywords], at };
    }
    if (dict.type !== 'dictionary') return undefined;
    for (const c of dict.namedChildren) {
      if (!c || c.type === 'comment') continue;
      const key = c.type === 'pair' ? c.childForFieldName('key') : null;
      const value = c.childForFieldName('value');
      const name = key && constantString(key);
      if (name === undefined || !name || !value) return undefined;
      entries.push([name, value]);
    }
    return { entries, at };
  }

  private certReqs(value: Node, scope: Scope, out: Read): void {
    const t = this.provenance.trace(value, scope);
    const v = t.value === null ? 'none' : typeof t.value === 'string' ? t.value : undefined;
    const key = v === undefined ? undefined : v.startsWith('ssl.') ? v : v.toLowerCase();
    const verify = key === undefined ? undefined : NO_VERIFY.has(key) ? false : VERIFY.has(key) ? true : undefined;
    if (t.provenance.kind === 'literal' && verify === undefined) return;
    out.options.verifyCertificate = this.setting(value, t, this.entry(value), verify);
  }

  /**
   * A cluster's first startup node (`[ClusterNode("cfg…", 6379)]`, redis-py-cluster's `[{"host": "cfg…"}]`) is
   * where it connects first: its host is the construction's, as part of a larger value.
   */
  private startupHost(value: Node, scope: Scope, out: Read): void {
    const list = unparen(value);
    if (list.type !== 'list' && list.type !== 'tuple') return;
    const first = list.namedChildren.find((c) => c && c.type !== 'comment');
    if (!first) return;
    let host: Node | undefined;
    const fn = first.type === 'call' ? first.childForFieldName('function') : null;
    if (fn && calleeName(fn) === 'ClusterNode') {
      const args = callArgs(first.childForFieldName('arguments'));
      host = args.keywords.get('host') ?? args.positional[0];
    } else if (first.type === 'dictionary') {
      const pair = first.namedChildren.find((p) => p?.type === 'pair' && this.provenance.trace(p.childForFieldName('key')!, scope).value === 'host');
      host = pair?.childForFieldName('value') ?? undefined;
    }
    if (!host) return;
    const t = this.provenance.trace(host, scope);
    if (t.provenance.kind === 'literal' && typeof t.value !== 'string') return;
    out.options.host = this.setting(host, t, undefined, typeof t.value === 'string' ? t.value : undefined);
  }

  /** redis-py's `SSLConnection` is TLS on; another connection class of unknown behaviour hides what it does. */
  private connectionClass(value: Node, scope: Scope, out: Read): void {
    const path = this.provenance.importedPath(value, scope);
    const name = path?.split('.').pop();
    if (name === 'SSLConnection' || name === 'AsyncSSLConnection') {
      out.options.tls = { value: true, provenance: { kind: 'literal' }, text: value.text, range: rangeOf(value, this.lines), ...this.entryRange(value) };
    } else if (name !== 'Connection' && name !== 'UnixDomainSocketConnection') {
      out.opaque = true;
    }
  }

  private entryRange(value: Node): { entryRange?: ConnectionSetting<unknown>['range'] } {
    const e = this.entry(value);
    return e ? { entryRange: rangeOf(e, this.lines) } : {};
  }

  /**
   * `UsernamePasswordCredentialProvider(username, password)` is read like the keywords; any other provider supplies
   * a password this file does not show (an IAM token, a secret).
   */
  private credentials(value: Node, scope: Scope, out: Read): void {
    const call = unparen(value);
    const fn = call.type === 'call' ? call.childForFieldName('function') : null;
    if (fn && calleeName(fn) === CREDENTIAL_PROVIDER) {
      const args = callArgs(call.childForFieldName('arguments'));
      for (const [key, node] of [['username', args.keywords.get('username') ?? args.positional[0]], ['password', args.keywords.get('password') ?? args.positional[1]]] as const) {
        if (!node) continue;
        const t = this.provenance.trace(node, scope);
        if (t.provenance.kind === 'literal' && t.value === null) continue;
        out.options[key] = this.setting(node, t, undefined, typeof t.value === 'string' ? t.value : undefined);
      }
      return;
    }
    out.options.password = this.setting(value, { provenance: { kind: 'unknown' }, origin: value }, this.entry(value));
  }

  /** A pool built in this file (inline or bound once to a name): its options are the client's. */
  private pool(value: Node, scope: Scope, depth: number, out: Read): Read {
    let node = unparen(value);
    let at = scope;
    if (node.type === 'identifier') {
      const found = bindingsAt(node.text, scope, node.startIndex);
      const b = found.length === 1 && found[0].kind === 'value' ? found[0] : undefined;
      if (!b?.value) return { ...out, opaque: true };
      node = unparen(b.value);
      at = b.scope;
    }
    if (node.type === 'await') node = unparen(node.namedChild(0) ?? node);
    const fn = node.type === 'call' ? node.childForFieldName('function') : null;
    const callee = fn ? this.resolver.typeOf(fn, at) : undefined;
    if (depth >= MAX_POOL_DEPTH || !fn || (callee?.t !== 'class' && callee?.t !== 'factory') || !callee.pool) return { ...out, opaque: true };
    const read = this.options(node, callee, callArgs(node.childForFieldName('arguments')), at, depth + 1);
    return { options: read.options, opaque: out.opaque || read.opaque, pool: node, poolScope: at };
  }
}
