/**
 * Which node types exist, for the node-type rules: the current table (knowledge/data/node-types.json, aws-facts.md
 * §1) plus the previous-generation types CloudFormation still accepts, which the table does not carry because
 * nothing is sized on them. A name nobody can deploy gets the nearest real one, when one is clearly nearest.
 */
import type { IacResource } from '../../model/iac';
import { NODE_TYPES, nodeType, type NodeType } from '../../sizing/nodeTypes';

export type Service = NodeType['service'];

/**
 * Previous-generation ElastiCache types that exist (new clusters may not be offered them, but a template naming one
 * is not a typo): cfn-lint's `CacheNodeType` enum, src/cfnlint/data/schemas/extensions/aws_elasticache_cachecluster/
 * cachenodetype_enum.json (aws-facts.md §1 names the m4 and r4 families there; the older families are from the
 * same file's previous revision, 1b14109a).
 */
const LEGACY: readonly string[] = [
  ...['large', 'xlarge', '2xlarge', '4xlarge', '10xlarge'].map((s) => `cache.m4.${s}`),
  ...['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'].map((s) => `cache.r4.${s}`),
  ...['medium', 'large', 'xlarge', '2xlarge'].map((s) => `cache.m3.${s}`),
  ...['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'].map((s) => `cache.r3.${s}`),
  ...['small', 'medium', 'large', 'xlarge'].map((s) => `cache.m1.${s}`),
  ...['xlarge', '2xlarge', '4xlarge'].map((s) => `cache.m2.${s}`),
  'cache.t1.micro', 'cache.c1.xlarge',
];

const PREFIX: Record<Service, string> = { elasticache: 'cache.', memorydb: 'db.' };
const SERVICE_LABEL: Record<Service, string> = { elasticache: 'ElastiCache', memorydb: 'MemoryDB' };

/** Every name that exists, per service. */
const NAMES: Record<Service, readonly string[]> = {
  elasticache: [...NODE_TYPES.filter((n) => n.service === 'elasticache').map((n) => n.nodeType), ...LEGACY],
  memorydb: NODE_TYPES.filter((n) => n.service === 'memorydb').map((n) => n.nodeType),
};
const EXISTS: Record<Service, ReadonlySet<string>> = { elasticache: new Set(NAMES.elasticache), memorydb: new Set(NAMES.memorydb) };

export function serviceOf(resource: IacResource): Service {
  return resource.kind === 'memorydbCluster' ? 'memorydb' : 'elasticache';
}

export function serviceLabel(service: Service): string {
  return SERVICE_LABEL[service];
}

/** The table's entry for a type of the service (current generations only; legacy types have none). */
export function tableEntry(name: string, service: Service): NodeType | undefined {
  const n = nodeType(name);
  return n?.service === service ? n : undefined;
}

export type Verdict =
  | { kind: 'exists' }
  /** The other service's type: `db.r7g.large` on ElastiCache. `counterpart` is this service's type of that name. */
  | { kind: 'otherService'; owner: Service; counterpart?: string }
  /** It exists, but not for this engine: data tiering (r6gd) runs Valkey and Redis OSS only. */
  | { kind: 'wrongEngine'; engines: string }
  | { kind: 'unknown'; nearest: string[] };

const SIZE = /^(micro|small|medium|large|xlarge|\d+xlarge)$/;

/** What the catalogue says of a written node type on a service running `engine` (undefined: not known). */
export function judgeNodeType(written: string, service: Service, engine: string | undefined): Verdict {
  const name = written.trim().toLowerCase();
  if (EXISTS[service].has(name)) {
    // Verified only for data tiering (aws-facts.md §1: r6gd is Valkey/Redis OSS only). Other gaps in the table's
    // engine lists (no Redis OSS row for the 8th generation) are gaps in the facts, not proof.
    if (engine === 'memcached' && /^cache\.r6gd\./.test(name)) return { kind: 'wrongEngine', engines: 'Valkey and Redis OSS' };
    return { kind: 'exists' };
  }
  for (const other of ['elasticache', 'memorydb'] as const) {
    if (other === service || !EXISTS[other].has(name)) continue;
    const counterpart = PREFIX[service] + name.slice(PREFIX[other].length);
    return { kind: 'otherService', owner: other, ...(EXISTS[service].has(counterpart) ? { counterpart } : {}) };
  }
  return { kind: 'unknown', nearest: nearest(name, service, engine) };
}

/**
 * The real types nearest a name: the fewest edits, at most two (a typo, not another type), preferring the same
 * family, then the same size. A size that is a real size word but not one the family has (`cache.r7g.24xlarge`) is
 * not a typo: a type of very different memory is no suggestion.
 */
function nearest(name: string, service: Service, engine: string | undefined): string[] {
  // A long text is no typo of a node type (and the distance table grows with its length).
  if (name.length > 40) return [];
  const [, family, size] = name.split('.');
  const familyExists = NAMES[service].some((n) => n.split('.')[1] === family);
  if (familyExists && size && SIZE.test(size)) return [];
  let best: { d: number; names: string[] } = { d: 3, names: [] };
  for (const candidate of NAMES[service]) {
    if (engine === 'memcached' && /^cache\.r6gd\./.test(candidate)) continue;
    const d = distance(name, candidate);
    if (d < best.d) best = { d, names: [candidate] };
    else if (d === best.d) best.names.push(candidate);
  }
  if (best.names.length <= 1) return best.names;
  const part = (n: string, i: number) => n.split('.')[i];
  for (const i of [1, 2]) {
    const same = best.names.filter((n) => part(n, i) === (i === 1 ? family : size));
    if (same.length === 1) return same;
  }
  return best.names;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost one each. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The families a service offers, for a message that has no single suggestion. */
export function familiesOf(service: Service): string[] {
  return [...new Set(NODE_TYPES.filter((n) => n.service === service && n.generation === 'current').map((n) => n.family))];
}

/** The sizes a family of a service has, smallest first as the table lists them. */
export function sizesOf(service: Service, family: string): string[] {
  return NAMES[service].filter((n) => n.split('.')[1] === family).map((n) => n.split('.')[2]);
}
