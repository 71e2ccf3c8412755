/**
 * An engine version past the end of its standard support (Redis OSS 4 and 5 since 2026-02-01, 6 from 2027-02-01:
 * billed as Extended Support, then end of life), retired, or one ElastiCache does not offer at all. The calendar
 * and the lists are model/engineVersions.ts; "today" is the analysis's (RuleContext.today), so the verdict on a
 * date is reproducible. Valkey's and Memcached's listed versions are all current. MemoryDB and serverless caches
 * are not judged: the facts hold no version list for them.
 */
import type { IacRule, RuleContext, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import type { Engine } from '../../model/iac-schema';
import { ENGINE_VERSIONS, newestVersion, readVersion, supportWindow, type SupportWindow, supportPhase } from '../../model/engineVersions';
import { describeResource, engineOf, propertyName } from './names';
import { eachResource, judge, ownsSettings, setFixes } from './verdict';

const LABEL: Record<Engine, string> = { redis: 'Redis OSS', valkey: 'Valkey', memcached: 'Memcached' };

type Problem =
  | { kind: 'outdated'; major: number; window: SupportWindow }
  | { kind: 'retired'; text: string }
  | { kind: 'unknown'; major?: number }
  /** On a listed line, but a patch release cachelint's list does not have (a Memcached release newer than it). */
  | { kind: 'unlisted' };

/**
 * The engine the version belongs to: the one in effect, or Redis OSS when none is known but the version is one only
 * Redis OSS has (2.x–6.x: Valkey starts at 7.2, Memcached is 1.x).
 */
function engineFor(resource: IacResource, version: string): Engine | undefined {
  const engine = engineOf(resource) as Engine | undefined;
  if (engine) return engine;
  const major = Number(/^\s*(\d+)/.exec(version)?.[1]);
  return major >= 2 && major <= 6 ? 'redis' : undefined;
}

function assess(engine: Engine, version: string, today: string): Problem | undefined {
  const r = readVersion(engine, version);
  if (!r) return { kind: 'unknown' };
  if (r.retired) return { kind: 'retired', text: r.retired.text };
  if (r.sameLine) return ENGINE_VERSIONS[engine].byMinor ? { kind: 'unknown', major: r.major } : { kind: 'unlisted' };
  if (!r.listed) return { kind: 'unknown', major: r.major };
  const window = supportWindow(engine, r.major);
  if (window && supportPhase(window, today) !== 'standard') return { kind: 'outdated', major: r.major, window };
  return undefined;
}

/** The version to upgrade to: the newest of the engine, or of the same major for a version that does not exist. */
function target(engine: Engine, p: Problem): string | undefined {
  if (p.kind === 'unlisted') return undefined;
  if (p.kind === 'unknown') return p.major !== undefined ? newestVersion(engine, p.major) : undefined;
  return newestVersion(engine);
}

function explain(engine: Engine, version: string, p: Problem): string {
  const label = LABEL[engine];
  const listed = ENGINE_VERSIONS[engine].versions.join(', ');
  switch (p.kind) {
    case 'outdated':
      return `${label} ${version} is past the end of standard support (${p.window.endOfStandardSupport}), so it is billed for Extended Support from ${p.window.extendedSupportFrom} until its end of life on ${p.window.endOfLife}`;
    case 'retired':
      return `${label} ${version} can no longer be run: ${p.text}`;
    case 'unknown':
      return `${label} ${version} is not a version ElastiCache offers (${label}: ${listed}), so creating the cache fails`;
    case 'unlisted':
      return `${label} ${version} is not among the versions cachelint knows (${listed}); check that ElastiCache offers it`;
  }
}

function check(resource: IacResource, today: string): RuleFinding<IacFixIntent> | undefined {
  const bad = (v: unknown) => {
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    const engine = engineFor(resource, String(v));
    return !!engine && assess(engine, String(v), today) !== undefined;
  };
  const verdict = judge(resource, 'engineVersion', bad);
  if (!verdict) return undefined;
  const version = String(verdict.certain ? verdict.effective.value : verdict.branch.value).trim();
  const engine = engineFor(resource, version)!;
  const p = assess(engine, version, today)!;
  const who = describeResource(resource);
  const { range, related } = verdict;
  const valkey = engine === 'redis' ? 'Valkey (7.2 and later), the Redis OSS-compatible engine ElastiCache keeps developing' : '';
  const text = explain(engine, version, p);
  const head = p.kind === 'outdated' ? 'runs an outdated engine version' : p.kind === 'retired' ? 'names a retired engine version' : p.kind === 'unknown' ? 'names an engine version ElastiCache does not offer' : 'names an engine version cachelint does not know';
  if (!verdict.certain) {
    return { range, related, severity: 'info', message: `${who} may run an outdated or unavailable engine version: ${verdict.why}, and ${text}${valkey ? `; consider ${valkey}` : ''}.` };
  }
  const to = target(engine, p);
  const from = verdict.effective.origin === 'written' ? '' : ` (${verdict.why})`;
  const advice = to && valkey ? `; upgrade to ${LABEL[engine]} ${to} or, better, move to ${valkey}` : to ? `; upgrade to ${LABEL[engine]} ${to}` : valkey ? `; move to ${valkey}` : '';
  const message = `${who} ${head}${from}: ${text}${advice}.`;
  if (!to) return { range, related, severity: p.kind === 'unlisted' ? 'info' : undefined, message, fixes: [] };
  const major = Number(to.split('.')[0]);
  const fromMajor = Number(/^\d+/.exec(version)?.[0]);
  let note = '';
  if (major !== fromMajor) {
    const group = resource.properties.has('parameterGroupName') ? `; ${propertyName(resource, 'parameterGroupName')} must then name a group of the ${LABEL[engine]} ${major} family` : '';
    note = ` (a major version upgrade${group})`;
  }
  return { range, related, message, fixes: setFixes(resource, verdict, 'engineVersion', to, note) };
}

export const engineVersionOutdated: IacRule = {
  target: 'iac',
  meta: {
    id: 'engine-version-outdated',
    title: 'An engine version past standard support, retired, or not offered by ElastiCache',
    defaultSeverity: 'warning',
  },
  check: (model, ctx: RuleContext) => eachResource(model, ['replicationGroup', 'cacheCluster'], (r) => check(r, ctx.today), ownsSettings),
};
