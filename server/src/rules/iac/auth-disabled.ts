/**
 * A cache any client may use without a password. ElastiCache node-based Valkey/Redis OSS: a replication group with
 * neither an AUTH token nor a user group, or a cache cluster outside a group (the resource has no AUTH setting at
 * all). Serverless Valkey/Redis OSS: no user group. MemoryDB: the `open-access` ACL. A value that cannot be known
 * is not reported; one that only a branch of a condition leaves unset is an info naming the condition. A known
 * community module's call is judged by the inputs it passes to the group (auth_token, user_group_ids). Memcached
 * has no AUTH or RBAC, and a Global Datastore secondary or a group member follows its primary (ownsSettings).
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { effectiveValue, relatedOf } from '../../model/effective';
import { describeResource, engineOf, propertyName } from './names';
import { ownsSettings, replacementNote } from './verdict';
import { absentClause, absentRelated, newInputName, pointAt, presence, secretInput, secretInputNoun, TOKEN_RULES, type Presence } from './auth-support';

const CONSEQUENCE = 'anyone who can reach it on the network can read, change and delete every key';

type Finding = RuleFinding<IacFixIntent>;

/** The clause for a branch that leaves a property unset. */
function unsetWhen(resource: IacResource, path: string, p: Presence & { state: 'branch' }): string {
  return `${propertyName(resource, path)} is not set when ${p.condition} is ${p.when}`;
}

function replicationGroup(model: IacModel, resource: IacResource): Finding | undefined {
  const token = presence(resource, 'authToken');
  const groups = presence(resource, 'userGroupIds');
  if (token.state === 'set' || groups.state === 'set' || token.state === 'unknown' || groups.state === 'unknown') return undefined;
  // A module call is judged only where the module takes an AUTH token input we know (both tabled modules pass
  // auth_token and user_group_ids through, default null); any other module may set AUTH its own way.
  if (resource.module && !resource.module.inputNames.has('authToken')) return undefined;
  const who = describeResource(resource);
  if (token.state === 'absent' && groups.state === 'absent') {
    const plain = !token.decided && !groups.decided;
    const why = plain
      ? `neither ${propertyName(resource, 'authToken')} nor ${propertyName(resource, 'userGroupIds')} is set`
      : `${absentClause(resource, 'authToken', token)} and ${absentClause(resource, 'userGroupIds', groups)}`;
    const range = token.decided?.range ?? groups.decided?.range ?? resource.anchorRange;
    const related = [...absentRelated(token), ...absentRelated(groups)];
    return { range, related, message: `${who} lets any client in without a password: ${why}, so ${CONSEQUENCE}.`, fixes: plain ? tokenFix(model, resource) : [] };
  }
  const clauses: string[] = [];
  let range = resource.anchorRange;
  for (const [path, p] of [['authToken', token], ['userGroupIds', groups]] as const) {
    if (p.state === 'branch') { clauses.push(unsetWhen(resource, path, p)); range = p.range; }
    else clauses.push(`${propertyName(resource, path)} is not set`);
  }
  return { range, severity: 'info', message: `${who} may let any client in without a password: ${clauses.join(' and ')}, so on that branch ${CONSEQUENCE}.` };
}

/**
 * Declare a secret input and set the AUTH token to it; AUTH needs in-transit encryption (aws-facts.md, "AUTH token
 * rules"), so TLS is turned on with it when it is off. A TLS setting that cannot be known is left to its owner.
 */
function tokenFix(model: IacModel, resource: IacResource): ProposedFix<IacFixIntent>[] {
  // A group with nothing written lacks even its required description: no fix makes it deployable, and two
  // properties inserted into an empty mapping at one point do not compose (fuzz cases cfn-json:40, tf-json:293).
  if (!resource.properties.size) return [];
  const name = newInputName(model, resource, 'authToken');
  const token = propertyName(resource, 'authToken');
  const intents: IacFixIntent[] = [
    secretInput(name, `AUTH token for ${resource.name}: ${TOKEN_RULES}.`),
    pointAt(resource, ['authToken'], name),
  ];
  let title = `Require AUTH: set ${token} to a new ${secretInputNoun(resource)} '${name}'`;
  let note = replacementNote(resource, 'authToken', 'replication group');
  if (effectiveValue(resource, 'transitEncryptionEnabled').value === false) {
    intents.push({ kind: 'setProperties', resource, values: [{ property: 'transitEncryptionEnabled', value: true }] });
    title += ` and ${propertyName(resource, 'transitEncryptionEnabled')} to true, which AUTH needs`;
    note ||= replacementNote(resource, 'transitEncryptionEnabled', 'replication group');
  }
  return [{ title: title + note, isPreferred: true, intent: { kind: 'all', intents } }];
}

function cacheCluster(resource: IacResource): Finding | undefined {
  const engine = engineOf(resource);
  if (engine !== 'redis' && engine !== 'valkey') return undefined;
  const who = describeResource(resource);
  return {
    range: resource.anchorRange,
    message: `${who} lets any client in without a password: ${resource.type} has no AUTH token or user group setting, so ${CONSEQUENCE}; a replication group, even of one node, can require AUTH.`,
  };
}

function serverlessCache(resource: IacResource): Finding | undefined {
  const engine = engineOf(resource);
  if (engine !== 'redis' && engine !== 'valkey') return undefined;
  const p = presence(resource, 'userGroupId');
  const who = describeResource(resource);
  if (p.state === 'absent') {
    const range = p.decided?.range ?? resource.anchorRange;
    return { range, related: absentRelated(p), message: `${who} lets any client in without a password: ${absentClause(resource, 'userGroupId', p)}, so ${CONSEQUENCE}.` };
  }
  if (p.state === 'branch') return { range: p.range, severity: 'info', message: `${who} may let any client in without a password: ${unsetWhen(resource, 'userGroupId', p)}, so on that branch ${CONSEQUENCE}.` };
  return undefined;
}

function memorydbCluster(resource: IacResource): Finding | undefined {
  const acl = effectiveValue(resource, 'aclName');
  const who = describeResource(resource);
  const open = (v: unknown) => v === 'open-access';
  const tls = effectiveValue(resource, 'tlsEnabled');
  const tlsNote = tls.value === false
    ? `; with ${propertyName(resource, 'tlsEnabled')} false no other ACL is allowed, and turning TLS on replaces the cluster`
    : '';
  if (acl.value !== undefined) {
    if (!open(acl.value)) return undefined;
    const range = acl.property?.value.range ?? resource.anchorRange;
    const related = relatedOf(acl);
    return { range, related, message: `${who} lets any client in without a password: ${acl.why}, so ${CONSEQUENCE}${tlsNote}.` };
  }
  const branch = acl.branches?.find((b) => open(b.value));
  if (!branch) return undefined;
  const range = branch.written?.range ?? acl.property?.value.range ?? resource.anchorRange;
  return { range, severity: 'info', message: `${who} may let any client in without a password: ${branch.why}, so on that branch ${CONSEQUENCE}.` };
}

function check(model: IacModel, resource: IacResource): Finding | undefined {
  switch (resource.kind) {
    case 'replicationGroup': return replicationGroup(model, resource);
    case 'cacheCluster': return cacheCluster(resource);
    case 'serverlessCache': return serverlessCache(resource);
    case 'memorydbCluster': return memorydbCluster(resource);
    default: return undefined;
  }
}

export const authDisabled: IacRule = {
  target: 'iac',
  meta: {
    id: 'auth-disabled',
    title: 'A Valkey, Redis OSS or MemoryDB cache accepts clients without a password',
    defaultSeverity: 'warning',
  },
  check: (model) => {
    const out: Finding[] = [];
    for (const r of model.resources) {
      if (!ownsSettings(r)) continue;
      const f = check(model, r);
      if (f) out.push(f);
    }
    return out;
  },
};
