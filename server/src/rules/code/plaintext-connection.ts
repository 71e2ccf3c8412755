/**
 * A client that talks to a remote cache without TLS sends every command, every value and its AUTH password in
 * clear text over the network. ElastiCache and MemoryDB encrypt in transit only for clients that connect with TLS,
 * and a cache with in-transit encryption `required` (every serverless cache, MemoryDB by default) refuses the
 * plaintext connection outright (../shared/reference/aws-facts.md §4).
 *
 * Local servers (loopback, a docker-compose service name) and test files are left alone: plaintext is how they are
 * run. So are private names (`redis.cache.svc.cluster.local`, `cache.internal`) unless the workspace's caches have
 * TLS on: such a name may alias the cache's endpoint, and then the client cannot reach it. When the workspace's infrastructure declares its caches with TLS on, the finding is an error naming them;
 * when it declares them with TLS off, it is only information (the fix belongs in the template first). A host read
 * from the environment, with no TLS option, is reported (as a warning) only when the workspace says TLS is on.
 */
import type { CodeRule, RuleContext, RuleFinding } from '../rule';
import type { CodeFixIntent, ProposedFix } from '../../fixes/intents';
import type { ClientConstruction } from '../../model/code';
import type { Range, Severity } from '../../engine/types';
import { explainContext, sourcesText } from '../../engine/context';
import { isAwsEndpoint, isLocalHost, isPrivateName, targetHost, tlsState, tlsUrl, urlFacts, oncePerPlace } from './connection';

interface Site { range: Range; how: string; fix?: ProposedFix<CodeFixIntent> }

/** Where the construction says "plaintext", and the fix that says "TLS" there. */
function siteOf(c: ClientConstruction, workspaceTls: boolean): Site | undefined {
  const { url, tls, host } = c.options;
  const facts = urlFacts(url);
  if (url && facts && !facts.tls && url.value !== undefined) {
    const secure = tlsUrl(url.value);
    return {
      range: url.range,
      how: `connects with a ${facts.scheme}:// URL, which is plaintext`,
      ...(secure ? { fix: { title: `Connect over TLS (${facts.scheme}s://)`, isPreferred: true, intent: { kind: 'rewriteString', construction: c, setting: url, value: secure } } } : {}),
    };
  }
  const enable: ProposedFix<CodeFixIntent> = { title: 'Turn TLS on for this client', isPreferred: true, intent: { kind: 'enableTls', construction: c } };
  if (tls && tls.value === false) {
    return { range: tls.entryRange ?? tls.range, how: 'turns TLS off', fix: enable };
  }
  // A host read at run time is the workspace's cache when the workspace says every cache has TLS on.
  if (!url && !tls && host && (host.provenance.kind === 'literal' || workspaceTls)) {
    // Adding TLS to a client whose server may not speak it breaks the connection: only when the workspace says it does.
    return { range: host.range, how: 'connects without TLS (no TLS option is set)', ...(workspaceTls ? { fix: enable } : {}) };
  }
  return undefined;
}

function finding(c: ClientConstruction, ctx: RuleContext): RuleFinding<CodeFixIntent> | undefined {
  if (tlsState(c) !== 'off') return undefined;
  const host = targetHost(c);
  const ws = ctx.workspace;
  if (host !== undefined && (isLocalHost(host) || (isPrivateName(host) && ws.tls !== 'yes'))) return undefined;
  const site = siteOf(c, ws.tls === 'yes');
  if (!site) return undefined;
  const to = host === undefined ? 'This client' : `This client of ${host}${isAwsEndpoint(host) ? ' (an ElastiCache/MemoryDB endpoint)' : ''}`;
  let message = `${to} ${site.how}: commands, values and the AUTH password cross the network unencrypted.`;
  let severity: Severity | undefined;
  let related;
  let fixes = site.fix ? [site.fix] : [];
  if (ws.tls === 'yes') {
    const why = explainContext(ws, { tls: true });
    // Where the host is read at run time, the client may also serve a local server: a warning, not a certainty.
    severity = host === undefined ? 'warning' : 'error';
    message += ` The workspace's caches have in-transit encryption on${why.sources.length ? ` (${sourcesText(why.sources)})` : ''}: a cache that requires it refuses this connection, and one that only prefers it accepts it unencrypted.`;
    if (why.related.length) related = why.related;
  } else if (ws.tls === 'no') {
    const why = explainContext(ws, { tls: false });
    severity = 'info';
    message += ` The workspace's caches have in-transit encryption off${why.sources.length ? ` (${sourcesText(why.sources)})` : ''}, so turn it on there first, then connect with TLS here.`;
    if (why.related.length) related = why.related;
    fixes = [];
  } else {
    message += ' Connect with TLS (a rediss:// or valkeys:// URL, or the TLS option) and turn in-transit encryption on for the cache.';
  }
  return { range: site.range, message, ...(severity ? { severity } : {}), ...(fixes.length ? { fixes } : {}), ...(related ? { related } : {}) };
}

export const plaintextConnection: CodeRule = {
  target: 'code',
  meta: { id: 'plaintext-connection', title: 'A client that connects to a remote cache without TLS', defaultSeverity: 'warning' },
  check(model, ctx) {
    if (model.isTest) return [];
    return oncePerPlace(model.clients.flatMap((c) => finding(c, ctx) ?? []));
  },
};
