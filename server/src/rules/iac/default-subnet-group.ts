/**
 * A cache placed by default: no subnet group (ElastiCache then uses the `default` subnet group, the default VPC's
 * subnets; Terraform's MemoryDB default is the same, aws-facts.md §2b), or the group named `default` itself. A
 * reference to a subnet group, an input without a value, or any other name is the author's choice and not judged.
 * Serverless caches are left alone: the facts do not say where absent SubnetIds put one. A community module call
 * is judged by what the module wires in (its own group unless told otherwise), and a cluster that joins a
 * replication group lives in the group's.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { Expression, IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource, ResourceKind } from '../../model/iac';
import { RESOURCE_TYPES } from '../../model/iac-schema';
import { effectiveValue, propertyAt, relatedOf } from '../../model/effective';
import { describeResource, propertyName } from './names';
import { eachResource, replacementNote } from './verdict';
import { takenNames } from './taken-names';

const PATH = 'subnetGroupName';
const CONSEQUENCE = 'its nodes land in the default VPC\'s subnets instead of private subnets chosen for it';

const NOUN: Partial<Record<ResourceKind, string>> = { replicationGroup: 'replication group', cacheCluster: 'cache cluster', memorydbCluster: 'MemoryDB cluster' };

/** `default` by name, or an empty name: the provider and the community modules then use the default group. */
const isDefault = (v: unknown) => typeof v === 'string' && (v.trim().toLowerCase() === 'default' || v.trim() === '');

/**
 * Identifiers in the file's own convention, read from how the table spells the property there: snake case beside
 * `subnet_group_name` (where a resource name is unique per type), Pascal case beside `CacheSubnetGroupName`.
 */
function naming(r: IacResource): { snake: boolean; make: (...words: string[]) => string } {
  const snake = propertyName(r, PATH).includes('_');
  // A Terraform name starts with a letter or `_` (a label `9cache` gives `cache_subnet_ids`).
  const base = r.name.replace(/[^A-Za-z0-9_]/g, '').replace(/^[0-9]+/, '');
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return { snake, make: snake ? (...words) => [base, ...words].join('_').toLowerCase() : (...words) => [base, ...words].map(cap).join('') };
}

/**
 * Declare an input for the subnet ids, a subnet group using them, and point the cache at it: one edit, or none.
 * The input has no default, so a deployment must name real subnets: no placeholder id reaches AWS.
 */
function subnetGroupFix(model: IacModel, r: IacResource): ProposedFix<IacFixIntent> | undefined {
  // A module call is fixed through its own inputs (its subnets), which this edit does not write.
  if (r.module) return undefined;
  const kind: ResourceKind = r.kind === 'memorydbCluster' ? 'memorydbSubnetGroup' : 'subnetGroup';
  const spec = RESOURCE_TYPES.find((s) => s.kind === kind);
  if (!spec?.tfType) return undefined;
  const { snake, make } = naming(r);
  const used = takenNames(model);
  const input = make('subnet', 'ids');
  // A Terraform subnet group may share the cache's name (names are per type); a CloudFormation logical id may not.
  // A label that is no identifier (`9cat alog` in Terraform JSON) cannot be named in a reference: a new name then.
  const group = snake && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(r.name) ? r.name : make('subnet', 'group');
  if (used.has(input) || used.has(snake ? `${spec.tfType}.${group}` : group)) return undefined;
  const expr = (cloudformation: string, terraform: string): { expression: Expression } => ({ expression: { cloudformation, terraform } });
  const groupName = `${r.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-subnets`;
  // The reference before the new resource: where both land at one point (a resource ending the file), the edits
  // are merged in this order, and the cache's own property must come first.
  const intents: IacFixIntent[] = [
    { kind: 'addInput', name: input, type: { cloudformation: 'List<AWS::EC2::Subnet::Id>', terraform: 'list(string)' }, description: `Private subnets for ${r.name}, in at least two Availability Zones` },
    { kind: 'setPropertyExpression', resource: r, property: PATH, expression: { cloudformation: `!Ref ${group}`, terraform: `${spec.tfType}.${group}.name` } },
    {
      kind: 'addResource', after: r, resourceKind: kind, name: group, properties: [
        { property: 'name', value: expr(`!Sub '\${AWS::StackName}-${groupName}'`, `"${groupName}"`) },
        { property: 'description', value: `Private subnets for ${r.name}` },
        { property: 'subnetIds', value: expr(`!Ref ${input}`, `var.${input}`) },
      ],
    },
  ];
  const note = replacementNote(r, PATH, NOUN[r.kind] ?? 'resource');
  return { title: `Create a subnet group '${group}' from a new input '${input}' and set ${propertyName(r, PATH)} to it${note}`, isPreferred: true, intent: { kind: 'all', intents } };
}

function check(model: IacModel, r: IacResource): RuleFinding<IacFixIntent> | undefined {
  const who = describeResource(r);
  const written = propertyName(r, PATH);
  const property = propertyAt(r, PATH);
  if (!property) {
    const fix = subnetGroupFix(model, r);
    const service = r.kind === 'memorydbCluster' ? 'MemoryDB' : 'ElastiCache';
    return { range: r.anchorRange, message: `${who} has no ${written}, so ${service} uses the default subnet group and ${CONSEQUENCE}.`, fixes: fix ? [fix] : [] };
  }
  const effective = effectiveValue(r, PATH);
  const related = relatedOf(effective);
  if (isDefault(effective.value)) {
    const fix = effective.origin === 'written' ? subnetGroupFix(model, r) : undefined;
    return { range: property.value.range, related, message: `${who} uses the subnet group named default: ${effective.why}, so ${CONSEQUENCE}.`, fixes: fix ? [fix] : [] };
  }
  // One branch of a condition the files do not decide: the default group by name, or no group at all.
  const branch = effective.branches?.find((b) => isDefault(b.value) || b.written === undefined);
  if (!branch) return undefined;
  const why = branch.written === undefined ? `${written} is not set when ${branch.condition} is ${branch.when}` : branch.why;
  return { range: branch.written?.range ?? property.value.range, related, severity: 'info', message: `${who} may use the default subnet group: ${why}, so on that branch ${CONSEQUENCE}.` };
}

export const defaultSubnetGroup: IacRule = {
  target: 'iac',
  meta: {
    id: 'default-subnet-group',
    title: 'A cache without its own subnet group lands in the default VPC',
    defaultSeverity: 'warning',
  },
  check: (model) => eachResource(model, ['replicationGroup', 'cacheCluster', 'memorydbCluster'], (r) => check(model, r),
    (r) => !(r.kind === 'cacheCluster' && r.properties.has('replicationGroupId'))),
};
