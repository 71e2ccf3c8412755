/**
 * A password or AUTH token written in the source is in every clone, fork, build artefact and log of the
 * repository, and rotating it means a code change and a deploy. ElastiCache AUTH tokens and RBAC user passwords
 * belong in the environment or a secret store (Secrets Manager, Parameter Store), read at start-up.
 *
 * Empty strings and obvious placeholders (`<password>`, `${REDIS_PASSWORD}`, `changeme`, `xxxx`) are silent, and so
 * are test files. A password inside a URL is reported on the URL, without a fix: rewriting the URL around an
 * environment read is a change a person should shape.
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import type { ClientConstruction } from '../../model/code';
import { isLocalHost, targetHost, urlFacts, oncePerPlace } from './connection';

/** Values that stand for a password rather than being one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (/^(.)\1*$/.test(v)) return true; // xxxx, ****, 0000
  if (/^<[^>]*>$|^\$\{[^}]*\}$|^\{\{?[^}]*\}?\}$|^%\([^)]*\)s$|^\$[A-Z_][A-Z0-9_]*$|^%[A-Z_][A-Z0-9_]*%$/i.test(v)) return true;
  return /^(your|my)[-_ ]?(redis[-_ ]?|valkey[-_ ]?|cache[-_ ]?)?(password|pass|token|secret|auth)|^(change[-_ ]?me|placeholder|replace[-_ ]?me|todo|redacted|secret|password|example|dummy|sample)$/i.test(v);
}

/** `CACHE_HOST` → `CACHE_PASSWORD`: the variable beside the ones the construction already reads. */
function variableFor(c: ClientConstruction): string {
  for (const s of [c.options.host, c.options.url]) {
    const name = s?.provenance.kind === 'environment' ? s.provenance.name : undefined;
    const m = name && /^([A-Z][A-Z0-9_]*?)_(HOST|HOSTNAME|URL|URI|ENDPOINT|ADDR|ADDRESS|SERVER)$/.exec(name);
    if (m) return `${m[1]}_PASSWORD`;
  }
  return 'REDIS_PASSWORD';
}

export const hardcodedCredentials: CodeRule = {
  target: 'code',
  meta: { id: 'hardcoded-credentials', title: 'A password or AUTH token written in the source', defaultSeverity: 'error' },
  check(model) {
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const c of model.clients) {
      const host = targetHost(c);
      // A password for a server on this machine is a development one: still worth moving, not an emergency.
      const severity = host !== undefined && isLocalHost(host) ? { severity: 'warning' as const } : {};
      const { password, url } = c.options;
      if (password && password.provenance.kind === 'literal' && password.value !== undefined && !isPlaceholder(password.value)) {
        const variable = variableFor(c);
        out.push({
          range: password.range,
          ...severity,
          message: 'The cache password is written in the source: it is in every clone, build and log of the repository, and rotating it takes a code change. Read it from the environment or a secret store (Secrets Manager, Parameter Store) at start-up.',
          fixes: [{ title: `Read the password from the environment (${variable})`, isPreferred: true, intent: { kind: 'readFromEnvironment', construction: c, setting: password, variable } }],
        });
      }
      const facts = urlFacts(url);
      if (url && facts?.password !== undefined && !isPlaceholder(facts.password)) {
        out.push({
          range: url.range,
          ...severity,
          message: 'The connection URL carries a password: it is in every clone, build and log of the repository, and rotating it takes a code change. Take the whole URL from the environment, or pass the password separately from a secret store.',
        });
      }
    }
    return oncePerPlace(out);
  },
};
