/**
 * The connection options a JS/TS client construction states, read into the neutral `ConnectionOptions`: ioredis /
 * iovalkey `new Redis(port, host, opts)` / `new Redis(url, opts)` / `new Redis(opts)` / `new Redis.Cluster(nodes,
 * { redisOptions })`, node-redis v4+ `createClient({ url, socket })` / `createCluster({ rootNodes, defaults })`
 * and the v3 `createClient(port, host, opts)`.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { ClientLibrary, ConnectionOptions, ConnectionSetting } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import { keyOf, type Provenances, type Reading } from './provenance';
import { FUNCTION_TYPES, argumentsOf, unwrap } from './syntax';

export interface OptionsReading { options: ConnectionOptions; opaque: boolean }

type Kind = 'string' | 'number' | 'tls' | 'verify' | 'hostname';
type Target = keyof ConnectionOptions;

/** Option keys of a client's options object, by library family: the setting each states, or a nested object. */
const IOREDIS_KEYS: Record<string, Target | 'tlsObject'> = { host: 'host', password: 'password', username: 'username', db: 'db', tls: 'tlsObject' };
const NODE_REDIS_KEYS: Record<string, Target | 'tlsObject' | 'socket'> = {
  url: 'url', host: 'host', password: 'password', auth_pass: 'password', username: 'username', database: 'db', db: 'db',
  tls: 'tlsObject', socket: 'socket',
};
const KIND: Record<Target, Kind> = { url: 'string', host: 'string', password: 'string', username: 'string', db: 'number', tls: 'tls', verifyCertificate: 'verify', verifyHostname: 'hostname' };

export interface ConstructionShape { library: ClientLibrary; cluster: boolean; copy: boolean }

export class OptionsReader {
  constructor(private readonly values: Provenances, private readonly lines: LineIndex) {}

  read(n: Node, shape: ConstructionShape): OptionsReading {
    const out: OptionsReading = { options: {}, opaque: shape.copy };
    const args = argumentsOf(n);
    if (args.some((a) => a.type === 'spread_element')) out.opaque = true;
    const nodeRedis = shape.library === 'node-redis';
    if (shape.copy) {
      // `client.duplicate(overrides)`: the original's options, with these on top.
      if (args[0]) this.options(args[0], nodeRedis, out);
    } else if (shape.cluster && nodeRedis) {
      this.nodeRedisCluster(args[0], out);
    } else if (shape.cluster) {
      this.ioredisCluster(args, out);
    } else {
      this.positional(args, nodeRedis, out);
    }
    return out;
  }

  /** `(port?, host?, opts?)`, `(url, opts?)`, `(opts)`: ioredis and node-redis v3 (v4+ takes the object only). */
  private positional(args: Node[], nodeRedis: boolean, out: OptionsReading): void {
    const [first, second, third] = args;
    if (!first) return;
    const a = this.values.read(first);
    if (a.object) { this.options(first, nodeRedis, out); return; }
    // `new Redis(undefined, opts)`: the defaults.
    if (a.constant === null) { if (second) this.options(second, nodeRedis, out); return; }
    const b = second && this.values.read(second);
    const hostLike = !!b && !b.object && (b.provenance.kind !== 'unknown' || isStringy(second));
    const port = typeof a.constant === 'number' || (typeof a.constant === 'string' && /^\d+$/.test(a.constant))
      || (a.provenance.kind === 'environment' && /port/i.test(a.provenance.name ?? ''))
      || (a.provenance.kind === 'unknown' && hostLike);
    if (port) {
      // `new Redis(6379, 'cache.example.com', opts)`: a port, then the host, then options.
      if (b?.object) { this.options(second, nodeRedis, out); return; }
      if (second) {
        this.set(out, 'host', second, undefined, b);
        if (!hostLike) out.opaque = true;
      }
      if (third) this.options(third, nodeRedis, out);
      return;
    }
    const url = typeof a.constant === 'string' ? a.constant.includes('://') : a.provenance.kind !== 'unknown' || isStringy(first);
    if (url) this.set(out, 'url', first, undefined, a);
    // A value the reader cannot see may be an options object as well as a URL.
    else if (a.provenance.kind === 'unknown') out.opaque = true;
    if (second) this.options(second, nodeRedis, out);
  }

  /** `new Redis.Cluster(nodes, { redisOptions: {...}, dnsLookup })`: per-node options sit under `redisOptions`. */
  private ioredisCluster(args: Node[], out: OptionsReading): void {
    const [nodes, opts] = args;
    const list = nodes && this.values.read(nodes).array;
    const firstNode = list?.namedChildren.find((c) => c && c.type !== 'comment');
    const node = firstNode && this.values.read(firstNode).object;
    if (node) this.objectKeys(node, { host: 'host' }, out);
    if (!opts) return;
    const o = this.values.read(opts).object;
    if (!o) { out.opaque = true; return; }
    for (const p of o.namedChildren) {
      if (p?.type === 'spread_element') out.opaque = true;
      else if (p?.type === 'pair' && keyOf(p) === 'redisOptions') { const v = p.childForFieldName('value'); if (v) this.options(v, false, out); }
      else if (p?.type === 'shorthand_property_identifier' && p.text === 'redisOptions') this.options(p, false, out);
    }
  }

  /** `createCluster({ rootNodes: [{ url }], defaults: {...} })`: a root node's own options win over the defaults. */
  private nodeRedisCluster(arg: Node | undefined, out: OptionsReading): void {
    const o = arg && this.values.read(arg).object;
    if (!o) { if (arg) out.opaque = true; return; }
    let defaults: Node | undefined;
    for (const p of o.namedChildren) {
      if (p?.type === 'spread_element') { out.opaque = true; continue; }
      const key = p?.type === 'pair' ? keyOf(p) : p?.type === 'shorthand_property_identifier' ? p.text : undefined;
      const value = p?.type === 'pair' ? p.childForFieldName('value') : p;
      if (!value) continue;
      if (key === 'rootNodes') {
        const list = this.values.read(value).array;
        const first = list?.namedChildren.find((c) => c && c.type !== 'comment');
        if (!list || first?.type === 'spread_element') out.opaque = true;
        else if (first) this.options(first, true, out);
      } else if (key === 'defaults') defaults = value;
    }
    if (defaults) {
      const own = out.options;
      out.options = {};
      this.options(defaults, true, out);
      out.options = { ...out.options, ...own };
    }
  }

  /** An options object, written inline or named by a `const` of this module; anything else is opaque. */
  private options(value: Node, nodeRedis: boolean, out: OptionsReading): void {
    const obj = this.values.read(value).object;
    if (!obj) { out.opaque = true; return; }
    this.objectKeys(obj, nodeRedis ? NODE_REDIS_KEYS : IOREDIS_KEYS, out);
  }

  private objectKeys(obj: Node, keys: Record<string, string>, out: OptionsReading): void {
    for (const p of obj.namedChildren) {
      if (!p || p.type === 'comment') continue;
      if (p.type === 'spread_element') { out.opaque = true; continue; }
      const entry = this.entry(p);
      if (!entry) { if (p.type === 'pair') out.opaque = true; continue; }
      const target = Object.hasOwn(keys, entry.key) ? keys[entry.key] : undefined;
      if (!target) continue;
      if (target === 'socket') this.socket(entry.value, out);
      else if (target === 'tlsObject') this.tls(entry.value, entry.node, out);
      else this.set(out, target as Target, entry.value, entry.node);
    }
  }

  /** node-redis `socket: { tls: true, host, rejectUnauthorized, checkServerIdentity }`. */
  private socket(value: Node, out: OptionsReading): void {
    const obj = this.values.read(value).object;
    if (!obj) { out.opaque = true; return; }
    for (const p of obj.namedChildren) {
      if (!p || p.type === 'comment') continue;
      if (p.type === 'spread_element') { out.opaque = true; continue; }
      const entry = this.entry(p);
      if (!entry) continue;
      if (entry.key === 'tls') this.set(out, 'tls', entry.value, entry.node);
      else if (entry.key === 'host') this.set(out, 'host', entry.value, entry.node);
      else this.verification(entry.key, entry.value, entry.node, out);
    }
  }

  /**
   * ioredis `tls: {...}` (and node-redis v3): the key at all turns TLS on, whatever object it holds; inside,
   * `rejectUnauthorized` and `checkServerIdentity` weaken verification.
   */
  private tls(value: Node, entry: Node, out: OptionsReading): void {
    const r = this.values.read(value);
    const on = r.object !== undefined || r.constant === true || typeof r.constant === 'string';
    if (r.object || r.constant !== undefined) {
      out.options.tls = { value: on, provenance: { kind: 'literal' }, text: value.text, range: this.range(value), entryRange: this.range(entry) };
    } else {
      // `tls: process.env.TLS ? {} : undefined`, `tls: tlsOptions()`: on or off is decided elsewhere, and so is verification.
      out.options.tls = { provenance: r.provenance, text: value.text, range: this.range(value), entryRange: this.range(entry) };
      out.opaque = true;
    }
    const settings = r.object ?? this.onlyWayOn(value);
    if (!settings) return;
    for (const p of settings.namedChildren) {
      if (!p || p.type === 'comment') continue;
      if (p.type === 'spread_element') { out.opaque = true; continue; }
      const e = this.entry(p);
      if (e) this.verification(e.key, e.value, e.node, out);
    }
  }

  /**
   * `tls: useTls ? { rejectUnauthorized: false } : undefined`: whether TLS is on is decided at run time, but the
   * object is the only way it can be, so its verification settings hold whenever TLS is used.
   */
  private onlyWayOn(value: Node): Node | undefined {
    const n = unwrap(value);
    if (n.type !== 'ternary_expression') return undefined;
    const arms = [n.childForFieldName('consequence'), n.childForFieldName('alternative')].map((a) => (a ? this.values.read(a) : undefined));
    const on = arms.filter((a) => a?.object);
    const off = arms.filter((a) => a && !a.object && a.provenance.kind === 'literal' && (a.constant === null || a.constant === false));
    return on.length === 1 && off.length === 1 ? on[0]!.object : undefined;
  }

  private verification(key: string, value: Node, entry: Node, out: OptionsReading): void {
    if (key === 'rejectUnauthorized') this.set(out, 'verifyCertificate', value, entry);
    else if (key === 'checkServerIdentity') this.set(out, 'verifyHostname', value, entry);
  }

  /** A property as key, value and the whole entry: `key: value`, shorthand `key`, a method `key() {…}`. */
  private entry(p: Node): { key: string; value: Node; node: Node } | undefined {
    if (p.type === 'pair') {
      const key = keyOf(p);
      const value = p.childForFieldName('value');
      return key !== undefined && value ? { key, value, node: p } : undefined;
    }
    if (p.type === 'shorthand_property_identifier') return { key: p.text, value: p, node: p };
    if (p.type === 'method_definition') {
      const name = p.childForFieldName('name');
      return name ? { key: name.text, value: p, node: p } : undefined;
    }
    return undefined;
  }

  private set(out: OptionsReading, target: Target, value: Node, entry?: Node, known?: Reading): void {
    const r = known ?? this.values.read(value);
    const setting: ConnectionSetting<string | number | boolean> = { provenance: r.provenance, text: value.text, range: this.range(value) };
    if (entry) setting.entryRange = this.range(entry);
    const v = constantOf(KIND[target], r, value);
    if (v !== undefined && r.provenance.kind === 'literal') setting.value = v;
    else if (KIND[target] === 'hostname' && r.fn) setting.provenance = { kind: 'unknown' };
    (out.options as Record<string, ConnectionSetting<unknown>>)[target] = setting;
  }

  private range(n: Node) {
    return this.lines.range(n.startIndex, n.endIndex);
  }
}

function constantOf(kind: Kind, r: Reading, value: Node): string | number | boolean | undefined {
  const c = r.constant;
  switch (kind) {
    case 'string': return typeof c === 'string' ? c : undefined;
    case 'number': return typeof c === 'number' ? c : typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : undefined;
    case 'tls': return typeof c === 'boolean' ? c : c === null ? false : r.object ? true : undefined;
    case 'verify': return typeof c === 'boolean' ? c : undefined;
    case 'hostname': {
      // `checkServerIdentity: () => undefined`: Node takes "no error" for a match, so any name passes.
      const fn = r.fn ?? (FUNCTION_TYPES.has(unwrap(value).type) ? unwrap(value) : undefined);
      return fn && acceptsAnything(fn) ? false : undefined;
    }
  }
}

/** A function whose body returns nothing (`() => undefined`, `() => {}`, `function () { return null; }`). */
function acceptsAnything(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  if (body.type !== 'statement_block') return ['undefined', 'null'].includes(unwrap(body).type) || unwrap(body).text === 'undefined';
  const stmts = body.namedChildren.filter((c) => c && c.type !== 'comment');
  if (!stmts.length) return true;
  if (stmts.length !== 1 || stmts[0]!.type !== 'return_statement') return false;
  const v = stmts[0]!.namedChildren[0];
  return !v || v.type === 'null' || v.type === 'undefined' || v.text === 'undefined';
}

function isStringy(n: Node): boolean {
  const t = unwrap(n).type;
  return t === 'template_string' || t === 'string' || t === 'binary_expression';
}
