/**
 * What the connection rules read from a client construction: where it connects, whether over TLS, and what a URL
 * carries. Only model values are read (a URL's literal value is data, not source text).
 */
import type { ClientConstruction, ConnectionSetting } from '../../model/code';

export interface UrlFacts {
  /** The scheme without `:` (`redis`, `rediss`, `valkey`, `valkeys`, `unix`). */
  scheme: string;
  tls: boolean;
  host?: string;
  username?: string;
  password?: string;
}

const TLS_SCHEMES = new Set(['rediss', 'valkeys']);
const PLAIN_SCHEMES = new Set(['redis', 'valkey']);

/** A literal connection URL, read as the clients read it; undefined when it is not a literal or not a URL. */
export function urlFacts(setting: ConnectionSetting<string> | undefined): UrlFacts | undefined {
  if (!setting || setting.provenance.kind !== 'literal' || setting.value === undefined) return undefined;
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(setting.value.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  if (!TLS_SCHEMES.has(scheme) && !PLAIN_SCHEMES.has(scheme)) return { scheme, tls: false };
  let url: URL;
  try {
    url = new URL(setting.value.trim());
  } catch {
    return { scheme, tls: TLS_SCHEMES.has(scheme) };
  }
  const decode = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };
  return {
    scheme, tls: TLS_SCHEMES.has(scheme),
    host: url.hostname.replace(/^\[|\]$/g, '') || undefined,
    ...(url.username ? { username: decode(url.username) } : {}),
    ...(url.password ? { password: decode(url.password) } : {}),
  };
}

/** The URL with its plaintext scheme swapped for the TLS one, the rest kept as written. */
export function tlsUrl(value: string): string | undefined {
  const m = /^(\s*)(redis|valkey)(:\/\/)/i.exec(value);
  if (!m) return undefined;
  const s = m[2] === m[2].toUpperCase() ? 'S' : 's';
  return m[1] + m[2] + s + value.slice(m[1].length + m[2].length);
}

/**
 * A host that is this machine or a name on the developer's own network: loopback, `host.docker.internal`, and a
 * single-label name (a docker-compose or Kubernetes service such as `redis`). Endpoints of managed caches always
 * have dots.
 */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127\./.test(h)) return true;
  if (h === 'host.docker.internal') return true;
  return !h.includes('.') && !h.includes(':');
}

/**
 * A name under a private-use suffix (`.internal`, `.local`, `.lan`, `.home.arpa`: a Kubernetes service, a private
 * DNS zone). It may alias a managed cache's endpoint, but nothing says so unless the workspace does.
 */
export function isPrivateName(host: string): boolean {
  return /\.(internal|local|lan|home\.arpa)\.?$/i.test(host);
}

/** An ElastiCache or MemoryDB endpoint (`*.cache.amazonaws.com`, `*.memorydb.<region>.amazonaws.com`). */
export function isAwsEndpoint(host: string): boolean {
  const h = host.toLowerCase();
  return /\.cache\.amazonaws\.com(\.cn)?$/.test(h) || /\.memorydb\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(h);
}

/**
 * Where the client connects, when the construction says so: the URL's host, the host option, or the library
 * default (this machine) when nothing is written and nothing is hidden. Undefined when it cannot be known.
 */
export function targetHost(c: ClientConstruction): string | undefined {
  const { url, host } = c.options;
  if (url) {
    const facts = urlFacts(url);
    // A unix socket is this machine.
    return facts?.scheme === 'unix' ? 'localhost' : facts?.host;
  }
  if (host) return host.provenance.kind === 'literal' ? host.value : undefined;
  return c.opaque ? undefined : 'localhost';
}

/**
 * Whether the connection uses TLS: `on`/`off` when the construction decides it, `unknown` when a value it reads
 * (an environment URL, hidden options) does.
 */
export function tlsState(c: ClientConstruction): 'on' | 'off' | 'unknown' {
  const { tls, url } = c.options;
  if (tls) return tls.value === true ? 'on' : tls.value === false ? 'off' : 'unknown';
  if (url) {
    const facts = urlFacts(url);
    if (!facts) return 'unknown';
    if (facts.tls) return 'on';
    return c.opaque ? 'unknown' : 'off';
  }
  return c.opaque ? 'unknown' : 'off';
}

/** The line of a range, 1-based, for messages. */
export const lineOf = (r: { start: { line: number } }): number => r.start.line + 1;

/**
 * One finding per place in the source. A client built over a pool of the same file takes the pool's settings, so
 * the two constructions carry the same setting (same range): a setting written once is reported once.
 */
export function oncePerPlace<T extends { range: { start: { line: number; character: number } } }>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.range.start.line}:${f.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
