/**
 * In-transit encryption off. The defaults (false on replication groups and cache clusters, true and creation-only
 * on MemoryDB, always on for serverless) are the table's (model/schema/*.ts), read through `judge` (verdict.ts): a
 * value off on one branch of an undecided condition is an info that names it.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { booleanOf, stringOf } from '../../model/iac';
import { inputNoun } from '../../model/iac-schema';
import type { Effective } from '../../model/effective';
import { describeResource, engineOf, propertyName } from './names';
import { eachResource, judge, ownsSettings, type Verdict } from './verdict';

/**
 * A CloudFormation parameter without a value of its own whose AllowedValues are all false: whatever the deployment
 * passes, TLS is off. (AllowedValues holding true as well decide nothing.)
 */
function onlyAllowedFalse(resource: IacResource, canonical: string): Verdict | undefined {
  const prop = resource.properties.get(canonical);
  const v = prop?.value;
  if (v?.kind !== 'input' || v.input.assigned || v.input.defaultValue) return undefined;
  const allowed = v.input.allowedValues ?? [];
  if (!allowed.length || !allowed.every((a) => booleanOf(a) === false)) return undefined;
  const effective: Effective = { value: false, origin: 'written', property: prop, why: '' };
  const why = `${propertyName(resource, canonical)} comes from '${v.input.name}', whose only allowed value is ${JSON.stringify(stringOf(allowed[0]) ?? 'false')}`;
  return { certain: true, effective, why, range: v.range, related: [] };
}

/** Why the value is off (certainly, or on one branch of a condition), or undefined when it is on or cannot be known. */
function offReason(resource: IacResource, canonical: string): Verdict | undefined {
  return judge(resource, canonical, (v) => v === false) ?? onlyAllowedFalse(resource, canonical);
}

/**
 * Engine versions with in-transit encryption (aws-facts.md §2b): Memcached 1.6.12 and later; Redis OSS 3.2.6, then
 * 4.0.10 and later: 3.2.10 and 4.0.0-4.0.9 came after 3.2.6 yet have none. Valkey has it in every version.
 */
const TLS_FIRST: Record<string, string> = { memcached: '1.6.12', redis: '4.0.10' };

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) - b[i];
  return 0;
}

/**
 * The engine version when it is a literal that has no TLS. A version short of its patch level where that decides
 * ("4.0", "3.2") is not judged.
 */
function tooOldForTls(engine: string | undefined, resource: IacResource): string | undefined {
  const first = engine ? TLS_FIRST[engine] : undefined;
  const version = stringOf(resource.properties.get('engineVersion')?.value)?.trim();
  if (!first || !version || !/^\d+(\.\d+)*$/.test(version)) return undefined;
  const parts = version.split('.').map(Number);
  const since = first.split('.').map(Number);
  if (compare(parts, since) >= 0) return undefined;
  if (engine === 'redis' && parts[0] === 3 && parts[1] === 2 && (parts[2] === undefined || parts[2] === 6)) return undefined;
  if (parts.length < since.length && compare([...parts, Number.MAX_SAFE_INTEGER], since) >= 0) return undefined;
  return version;
}

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  const isMemoryDb = resource.kind === 'memorydbCluster';
  const canonical = isMemoryDb ? 'tlsEnabled' : 'transitEncryptionEnabled';
  const written = propertyName(resource, canonical);
  const prop = resource.properties.get(canonical);
  const verdict = offReason(resource, canonical);
  if (!verdict) return undefined;
  const { effective, related } = verdict;
  const reason = verdict.why;

  const engine = engineOf(resource);
  const who = describeResource(resource);
  // A cache cluster outside a group is one node (or Memcached's independent nodes): no replicas, and no AUTH setting.
  let consequence = engine === 'memcached' || resource.kind === 'cacheCluster' ? 'clients exchange data in plaintext' : 'clients and replicas exchange data and AUTH secrets in plaintext';
  let fixNote = '';
  if (isMemoryDb) fixNote = ' TLSEnabled is fixed at creation: turning it on replaces the cluster.';
  else if (engine === 'memcached') fixNote = ' Memcached takes TLS only at creation: turning it on replaces the cluster.';
  else if (resource.kind === 'replicationGroup') {
    const mode = propertyName(resource, 'transitEncryptionMode');
    fixNote = ` On a running group (Valkey 7.2+ / Redis OSS 7+) migrate without replacement: set it with ${mode} "preferred", then "required".`;
  }
  if (resource.kind === 'replicationGroup' && !resource.properties.has('authToken') && !resource.properties.has('userGroupIds')) {
    consequence += ', and AUTH cannot be turned on without it';
  }
  const range = verdict.range;
  if (!verdict.certain) {
    // One branch of a condition the files do not decide: rewriting someone's condition is theirs to decide.
    return { range, related, severity: 'info', message: `${who} may not encrypt traffic in transit: ${reason}, so on that branch ${consequence}.` };
  }
  const old = tooOldForTls(engine, resource);
  if (old) {
    const needed = TLS_FIRST[engine!];
    return { range, related, message: `${who} does not encrypt traffic in transit: ${reason}, so ${consequence}. Version ${old} has no TLS: upgrade to ${engine === 'memcached' ? 'Memcached' : 'Redis OSS'} ${needed} or later first.${fixNote}` };
  }
  // Infrastructure changes are never applied unattended: on a live cache this one may replace it or need a migration.
  const fixes: RuleFinding<IacFixIntent>['fixes'] = [
    { title: `Set ${written} to true`, isPreferred: true, intent: { kind: 'setProperties', resource, values: [{ property: canonical, value: true }] } },
  ];
  if (prop?.value.kind === 'input' && prop.value.input.range && !prop.value.input.path && effective.origin === 'input-default') {
    // The value comes from an input declared in this file: fixing the input keeps it meaningful for every user of it.
    // (A variable file's value, or a declaration in another file, is not this file's to edit.)
    const input = prop.value.input;
    fixes.push({ title: `Change the default of ${inputNoun(resource)} '${input.name}' to true`, intent: { kind: 'setInputDefault', input, value: true } });
  }
  if (resource.kind === 'replicationGroup' && engine !== 'memcached') {
    const mode = propertyName(resource, 'transitEncryptionMode');
    fixes.push({
      title: `Set ${written} to true with ${mode} "preferred" (online migration of a live group)`,
      intent: { kind: 'setProperties', resource, values: [{ property: canonical, value: true }, { property: 'transitEncryptionMode', value: 'preferred' }] },
    });
  }
  return { range, related, message: `${who} does not encrypt traffic in transit: ${reason}, so ${consequence}.${fixNote}`, fixes };
}

export const transitEncryptionDisabled: IacRule = {
  target: 'iac',
  meta: {
    id: 'transit-encryption-disabled',
    title: 'In-transit encryption (TLS) is off for an ElastiCache or MemoryDB cache',
    defaultSeverity: 'error',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster', 'memorydbCluster'], check, ownsSettings),
};

