/**
 * What the workspace's infrastructure says the application code runs against. Code rules read it: a multi-key
 * command is a certain CROSSSLOT error against a cluster-mode-enabled group, KEYS does not exist on serverless.
 */
import { clusterModeEnabled } from '../model/cacheShape';
import type { IacModel } from '../model/iac';
import { booleanOf, stringOf } from '../model/iac';
import type { Range, RelatedLocation } from './types';

export type Tri = 'yes' | 'no' | 'unknown';

export interface WorkspaceContext {
  /** Cluster mode enabled somewhere in the workspace (a sharded group, serverless, MemoryDB are all cluster mode). */
  clusterMode: Tri;
  serverless: Tri;
  memorydb: Tri;
  /** Every cache declared has TLS on. */
  tls: Tri;
  /** Where the inference came from, for messages ("template.yaml declares a cluster-mode-enabled group"). */
  evidence: string[];
  /**
   * The caches the facts were inferred from, so that a rule whose message or severity a fact shapes can point at
   * the template and resource that declare it (absent when the caller built the context by hand).
   */
  caches?: CacheFact[];
}

export interface ContextOverrides {
  clusterMode?: 'enabled' | 'disabled';
  serverless?: boolean;
  memorydb?: boolean;
  tls?: boolean;
}

export const UNKNOWN_CONTEXT: WorkspaceContext = Object.freeze({
  clusterMode: 'unknown', serverless: 'unknown', memorydb: 'unknown', tls: 'unknown', evidence: [],
}) as WorkspaceContext;

/**
 * What one cache declares, reduced to the facts code rules read. Plain data: hosts keep these per template (across
 * threads, too) instead of whole models, and the context is recomputed from them when a template changes.
 */
export interface CacheFact {
  clusterMode: boolean;
  serverless: boolean;
  memorydb: boolean;
  tls: boolean;
  /** `template.yaml: serverless cache Sessions`, for messages. */
  evidence: string;
  /** The resource's logical id or block labels in its template, for related locations. */
  location?: { path: string; range: Range };
}

/** The Valkey/Redis OSS caches a template declares (Memcached and group members do not run the code's commands). */
export function cachesOf(path: string, model: IacModel): CacheFact[] {
  const caches: CacheFact[] = [];
  for (const r of model.resources) {
    const p = (name: string) => r.properties.get(name)?.value;
    if (r.kind === 'serverlessCache') {
      if ((stringOf(p('engine')) ?? '').toLowerCase() === 'memcached') continue;
      caches.push({ clusterMode: true, serverless: true, memorydb: false, tls: true, evidence: `${path}: serverless cache ${r.name}`, location: { path, range: r.anchorRange } });
    } else if (r.kind === 'memorydbCluster') {
      caches.push({ clusterMode: true, serverless: false, memorydb: true, tls: booleanOf(p('tlsEnabled')) !== false, evidence: `${path}: MemoryDB cluster ${r.name}`, location: { path, range: r.anchorRange } });
    } else if (r.kind === 'replicationGroup' || r.kind === 'cacheCluster') {
      if ((stringOf(p('engine')) ?? 'redis').toLowerCase() === 'memcached') continue;
      if (r.kind === 'cacheCluster' && r.properties.has('replicationGroupId')) continue;
      const cme = clusterModeEnabled(r);
      caches.push({
        clusterMode: cme, serverless: false, memorydb: false, tls: booleanOf(p('transitEncryptionEnabled')) === true,
        evidence: `${path}: ${cme ? 'cluster-mode-enabled' : 'cluster-mode-disabled'} ${r.kind === 'cacheCluster' ? 'cluster' : 'group'} ${r.name}`,
        location: { path, range: r.anchorRange },
      });
    }
  }
  return caches;
}

/**
 * The context the declared caches imply. A fact is `yes` only when it holds for every Valkey/Redis OSS cache,
 * `no` when it holds for none, and `unknown` when they disagree: code cannot be tied to one cache, and a mixed
 * workspace must not turn warnings into certain errors.
 */
export function contextFromCaches(caches: CacheFact[]): WorkspaceContext {
  const all = (key: 'clusterMode' | 'serverless' | 'memorydb' | 'tls'): Tri => {
    if (!caches.length) return 'unknown';
    const yes = caches.filter((c) => c[key]).length;
    return yes === caches.length ? 'yes' : yes === 0 ? 'no' : 'unknown';
  };
  return {
    clusterMode: all('clusterMode'), serverless: all('serverless'), memorydb: all('memorydb'), tls: all('tls'),
    evidence: caches.map((c) => c.evidence), ...(caches.length ? { caches } : {}),
  };
}

/** Infers the context from the infrastructure models found in the workspace. */
export function inferContext(models: { path: string; model: IacModel }[]): WorkspaceContext {
  return contextFromCaches(models.flatMap(({ path, model }) => cachesOf(path, model)));
}

/** Settings win over inference: `"context": {"clusterMode": "enabled"}` in `.cachelint.json` or `cachelint.context`. */
export function withOverrides(inferred: WorkspaceContext, overrides: ContextOverrides): WorkspaceContext {
  let { clusterMode, serverless, memorydb, tls } = inferred;
  const evidence = [...inferred.evidence];
  if (overrides.clusterMode) { clusterMode = overrides.clusterMode === 'enabled' ? 'yes' : 'no'; evidence.push(`setting clusterMode=${overrides.clusterMode}`); }
  if (overrides.serverless !== undefined) { serverless = overrides.serverless ? 'yes' : 'no'; evidence.push(`setting serverless=${overrides.serverless}`); }
  if (overrides.memorydb !== undefined) { memorydb = overrides.memorydb ? 'yes' : 'no'; evidence.push(`setting memorydb=${overrides.memorydb}`); }
  if (overrides.tls !== undefined) { tls = overrides.tls ? 'yes' : 'no'; evidence.push(`setting tls=${overrides.tls}`); }
  return { clusterMode, serverless, memorydb, tls, evidence, ...(inferred.caches ? { caches: inferred.caches } : {}) };
}

export type ContextFact = 'clusterMode' | 'serverless' | 'memorydb' | 'tls';

/** Why the context says what it says about some facts: for a message (`sources`) and its related locations. */
export interface ContextExplanation {
  /** `setting serverless=true`, or `template.yaml: serverless cache Sessions`: a setting that decides wins. */
  sources: string[];
  related: RelatedLocation[];
}

/**
 * The settings or declared caches behind `want` (every listed fact at the listed value): a setting of one of the
 * facts speaks for the workspace, otherwise each cache that matches does.
 */
export function explainContext(ws: WorkspaceContext, want: Partial<Record<ContextFact, boolean>>): ContextExplanation {
  const facts = Object.keys(want) as ContextFact[];
  const settings = ws.evidence.filter((e) => facts.some((f) => e.startsWith(`setting ${f}=`)));
  if (settings.length) return { sources: settings, related: [] };
  const caches = (ws.caches ?? []).filter((c) => facts.every((f) => c[f] === want[f]));
  return {
    sources: caches.map((c) => c.evidence),
    related: caches.flatMap((c) => (c.location ? [{ ...c.location, message: c.evidence }] : [])),
  };
}

/** `a.yaml: group A, b.tf: group B and 3 more`, for a message that names where a fact comes from. */
export function sourcesText(sources: string[], max = 2): string {
  const shown = sources.slice(0, max).join(', ');
  return sources.length > max ? `${shown} and ${sources.length - max} more` : shown;
}
