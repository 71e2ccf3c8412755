/**
 * An older node generation where a current Graviton one exists: RULES.md names t2, m4, r4, m5 and r5, and the
 * older families AWS lists as previous generation (t1, m1, m2, m3, c1, r3) count too. T2 is the
 * one the node table (knowledge/data/node-types.json, aws-facts.md §1) marks previous: AWS is "transitioning T2
 * instances to previous generation" and new clusters can no longer use it. For m5/r5 the table has the figures to
 * prove a same-size successor (r5.large and r7g.large both 13.07 GiB); m4/r4 have none in the table, so the finding
 * names the successor family without a fix. A replacement is offered only when it has at least the memory of the
 * type it replaces and runs the engine.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacResource } from '../../model/iac';
import { nodeType } from '../../sizing/nodeTypes';
import { describeResource, engineOf } from './names';
import { eachResource, judge, replacementNote, setFixes } from './verdict';

/**
 * The current family of the same role: burstable → t4g, general purpose → m7g, memory optimised → r7g. t1, m1, m3,
 * c1 (compute optimised, a role no current family has), m2 (high memory) and r3 are the families AWS's CacheNode API
 * reference lists as previous generation (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html);
 * the node table has no memory for them, so no successor is proven to fit and none is written.
 */
export const SUCCESSOR: Readonly<Record<string, string>> = {
  t2: 't4g', m4: 'm7g', r4: 'r7g', m5: 'm7g', r5: 'r7g',
  t1: 't4g', m1: 'm7g', m3: 'm7g', c1: 'm7g', m2: 'r7g', r3: 'r7g',
};

/** The families listed as previous generation, where new clusters can no longer be created. */
const PREVIOUS = new Set(['t1', 'm1', 'm2', 'm3', 'c1', 'r3']);

const NOUN: Partial<Record<IacResource['kind'], string>> = { replicationGroup: 'replication group', cacheCluster: 'cache cluster' };

interface Older { name: string; family: string; successor: string; memoryGiB?: number; replacement?: { name: string; memoryGiB: number; fits: boolean } }

function older(v: unknown, engine: string | undefined): Older | undefined {
  const m = typeof v === 'string' ? /^cache\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(v.trim()) : null;
  const successor = m ? SUCCESSOR[m[1]] : undefined;
  if (!m || !successor) return undefined;
  const name = v as string;
  const own = nodeType(name.trim());
  const next = nodeType(`cache.${successor}.${m[2]}`);
  const out: Older = { name: name.trim(), family: m[1], successor };
  if (own) out.memoryGiB = own.memoryGiB;
  if (next) {
    const runs = !engine || next.engines.includes(engine as never);
    out.replacement = { name: next.nodeType, memoryGiB: next.memoryGiB, fits: runs && own !== undefined && next.memoryGiB >= own.memoryGiB };
  }
  // m5/r5 are current in AWS's table: they count only where a same-size successor is proven.
  if (own?.generation !== 'previous' && (m[1] === 'm5' || m[1] === 'r5') && !out.replacement?.fits) return undefined;
  return out;
}

function describe(o: Older): string {
  const why = o.family === 't2' || PREVIOUS.has(o.family) ? 'a previous-generation type on which new clusters can no longer be created' : `an older generation than ${o.successor}`;
  if (!o.replacement) return `${o.name} is ${why}; the current family is ${o.successor}, which has no ${o.name.split('.').pop()} size`;
  if (o.memoryGiB === undefined && PREVIOUS.has(o.family)) {
    return `${o.name} is ${why}; the same size now is ${o.replacement.name} (${o.replacement.memoryGiB} GiB), but cachelint's node table has no memory figure for ${o.name}, so check the data fits before moving`;
  }
  if (o.replacement.fits) return `${o.name} is ${why}, and ${o.replacement.name} has the same ${o.replacement.memoryGiB} GiB${o.memoryGiB !== undefined && o.memoryGiB !== o.replacement.memoryGiB ? ` or more (${o.memoryGiB} GiB now)` : ''} on Graviton`;
  const mem = o.memoryGiB !== undefined ? ` against ${o.memoryGiB} GiB` : '';
  return `${o.name} is ${why}; the nearest current type, ${o.replacement.name}, has ${o.replacement.memoryGiB} GiB${mem}, so check the data fits before moving`;
}

function check(resource: IacResource): RuleFinding<IacFixIntent> | undefined {
  const engine = engineOf(resource);
  const verdict = judge(resource, 'nodeType', (v) => older(v, engine) !== undefined);
  if (!verdict) return undefined;
  const o = older(verdict.certain ? verdict.effective.value : verdict.branch.value, engine)!;
  const who = describeResource(resource);
  const { range, related } = verdict;
  if (!verdict.certain) {
    return { range, related, severity: 'hint', message: `${who} may run on an older node type: ${verdict.why}, and ${describe(o)}.` };
  }
  const from = verdict.effective.origin === 'written' ? '' : ` (${verdict.why})`;
  const fixes = o.replacement?.fits ? setFixes(resource, verdict, 'nodeType', o.replacement.name, replacementNote(resource, 'nodeType', NOUN[resource.kind] ?? 'resource')) : [];
  return { range, related, message: `${who} runs on an older node type${from}: ${describe(o)}.`, fixes };
}

export const previousGenerationNodeType: IacRule = {
  target: 'iac',
  meta: {
    id: 'previous-generation-node-type',
    title: 'An older node generation where a current Graviton type exists',
    defaultSeverity: 'info',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster'], check),
};
