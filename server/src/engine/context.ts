/**
 * What the workspace's infrastructure says the application code runs against. Code rules read it: a multi-key
 * command is a certain CROSSSLOT error against a cluster-mode-enabled group, KEYS does not exist on serverless.
 */
import type { IacModel } from '../model/iac';
import { booleanOf, numberOf, stringOf } from '../model/iac';

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

/** Infers the context from the infrastructure models found in the workspace. */
export function inferContext(models: { path: string; model: IacModel }[]): WorkspaceContext {
  let clusterMode: Tri = 'unknown', serverless: Tri = 'unknown', memorydb: Tri = 'unknown', tls: Tri = 'unknown';
  const evidence: string[] = [];
  let caches = 0, tlsOn = 0;
  for (const { path, model } of models) {
    for (const r of model.resources) {
      const p = (name: string) => r.properties.get(name)?.value;
      if (r.kind === 'serverlessCache') {
        caches++; tlsOn++;
        serverless = 'yes'; clusterMode = 'yes';
        evidence.push(`${path}: serverless cache ${r.name}`);
      } else if (r.kind === 'memorydbCluster') {
        caches++;
        if (booleanOf(p('tlsEnabled')) !== false) tlsOn++;
        memorydb = 'yes'; clusterMode = 'yes';
        evidence.push(`${path}: MemoryDB cluster ${r.name}`);
      } else if (r.kind === 'replicationGroup' || r.kind === 'cacheCluster') {
        const engine = (stringOf(p('engine')) ?? 'redis').toLowerCase();
        if (engine === 'memcached') continue;
        caches++;
        if (booleanOf(p('transitEncryptionEnabled')) === true) tlsOn++;
        const mode = stringOf(p('clusterMode'))?.toLowerCase();
        const shards = numberOf(p('numNodeGroups'));
        const cme = mode === 'enabled' || (shards !== undefined && shards > 1) || p('nodeGroupConfiguration') !== undefined;
        if (cme) evidence.push(`${path}: cluster-mode-enabled group ${r.name}`);
        if (cme) clusterMode = 'yes'; else if (clusterMode === 'unknown') clusterMode = 'no';
        if (serverless === 'unknown') serverless = 'no';
        if (memorydb === 'unknown') memorydb = 'no';
      }
    }
  }
  if (caches > 0) tls = tlsOn === caches ? 'yes' : 'no';
  return { clusterMode, serverless, memorydb, tls, evidence };
}

/** Settings win over inference: `"context": {"clusterMode": "enabled"}` in `.cachelint.json` or `cachelint.context`. */
export function withOverrides(inferred: WorkspaceContext, overrides: ContextOverrides): WorkspaceContext {
  let { clusterMode, serverless, memorydb, tls } = inferred;
  const evidence = [...inferred.evidence];
  if (overrides.clusterMode) { clusterMode = overrides.clusterMode === 'enabled' ? 'yes' : 'no'; evidence.push(`setting clusterMode=${overrides.clusterMode}`); }
  if (overrides.serverless !== undefined) { serverless = overrides.serverless ? 'yes' : 'no'; evidence.push(`setting serverless=${overrides.serverless}`); }
  if (overrides.memorydb !== undefined) { memorydb = overrides.memorydb ? 'yes' : 'no'; evidence.push(`setting memorydb=${overrides.memorydb}`); }
  if (overrides.tls !== undefined) { tls = overrides.tls ? 'yes' : 'no'; evidence.push(`setting tls=${overrides.tls}`); }
  return { clusterMode, serverless, memorydb, tls, evidence };
}
