/**
 * The values completion offers from the data tables: node types of a service (current generations first, by
 * family and size; previous generation last and marked) and the engine versions ElastiCache lists, newest first,
 * each with its support status on the day asked.
 */
import { NODE_TYPES } from '../../sizing/nodeTypes';
import { ENGINE_VERSIONS, supportWindow, supportPhase } from '../../model/engineVersions';
import type { Engine } from '../../model/iac-schema';
import { nodeTypeDoc } from '../hover/iac';

export interface ValueItem {
  value: string;
  detail?: string;
  documentation?: string;
  sort: string;
  deprecated?: boolean;
  /** Written without quotes in HCL and JSON. */
  bool?: boolean;
  number?: boolean;
}

export function nodeTypeValues(service: 'elasticache' | 'memorydb', engine: Engine | undefined): ValueItem[] {
  const out: ValueItem[] = [];
  const families = [...new Set(NODE_TYPES.map((n) => n.family))];
  for (const [i, n] of NODE_TYPES.entries()) {
    if (n.service !== service) continue;
    // Data tiering runs Valkey and Redis OSS only (aws-facts.md §1); other gaps in the engines column are gaps in
    // the facts, so nothing else is left out.
    if (engine === 'memcached' && n.dataTiering) continue;
    const previous = n.generation === 'previous';
    const tiering = n.dataTiering ? ` · +${n.dataTiering.ssdGiB} GiB SSD` : '';
    out.push({
      value: n.nodeType,
      detail: `${n.memoryGiB} GiB · ${n.vcpu} vCPU${tiering}${previous ? ' · previous generation' : ''}`,
      documentation: nodeTypeDoc(n.nodeType, service, engine),
      // The table lists each family smallest first; its own order within a family is kept.
      sort: `${previous ? 1 : 0}-${String(families.indexOf(n.family)).padStart(2, '0')}-${String(i).padStart(4, '0')}`,
      deprecated: previous || undefined,
    });
  }
  return out;
}

export function engineVersionValues(engine: Engine, today: string): ValueItem[] {
  const line = ENGINE_VERSIONS[engine];
  return line.versions.map((v, i) => {
    const support = supportWindow(engine, Number(v.split('.')[0]));
    let status = 'standard support';
    const phase = support && supportPhase(support, today);
    if (support && phase === 'standard') status = `standard support until ${support.endOfStandardSupport}`;
    else if (support && phase === 'extended') status = `Extended Support (paid) until ${support.endOfLife}`;
    else if (support) status = `end of life ${support.endOfLife}`;
    return { value: v, detail: status, sort: String(i).padStart(3, '0'), deprecated: phase !== undefined && phase !== 'standard' ? true : undefined };
  });
}
