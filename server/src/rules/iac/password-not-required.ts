/**
 * An ElastiCache user that needs no password (`NoPasswordRequired: true`, `AuthenticationMode.Type:
 * no-password-required`) and belongs to a user group: every cache that accepts the group lets any client in as that
 * user, with any password. A user in no group can reach no cache (a cache accepts users only through its user
 * groups), so it is not reported; a user whose access string switches it `off` cannot authenticate at all (the
 * usual way to replace the `default` user). A group that lists ElastiCache's own `default` user, which the template
 * does not declare, is reported at that entry as a warning: that user has no password unless someone set one
 * outside the template. MemoryDB users always have a password or IAM.
 */
import type { IacRule, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { stringOf } from '../../model/iac';
import { authenticationOf, everyResource, usersOf } from '../../model/views';
import { propertyName } from './names';

type Finding = RuleFinding<IacFixIntent>;

/** The user groups (of the file and its module) that list `user`, by name. */
function groupsOf(model: IacModel, user: IacResource): string[] {
  const out: string[] = [];
  for (const { resource } of everyResource(model)) {
    if (resource.kind !== 'elasticacheUserGroup') continue;
    if (usersOf(model, resource)?.some((m) => m.user.kind === 'resource' && m.user.resource === user)) out.push(resource.name);
  }
  return out;
}

/**
 * Whether an access string leaves the user on: Redis ACL rules apply left to right, so the last `on`/`off` wins.
 * undefined when the string cannot be read or says neither.
 */
function switchedOn(user: IacResource): boolean | undefined {
  const access = stringOf(user.properties.get('accessString')?.value);
  if (access === undefined) return undefined;
  let on: boolean | undefined;
  for (const word of access.trim().split(/\s+/)) {
    if (word.toLowerCase() === 'on') on = true;
    else if (word.toLowerCase() === 'off') on = false;
  }
  return on;
}

/** A condition branch that makes the user password-less, when the mode cannot be told otherwise. */
function passwordlessBranch(user: IacResource): { why: string; range: IacResource['anchorRange'] } | undefined {
  const auth = authenticationOf(user)!;
  const npr = auth.noPasswordRequired?.branches?.find((b) => b.value === true);
  if (npr) return { why: `${propertyName(user, 'noPasswordRequired')} is true when ${npr.condition} is ${npr.when}`, range: npr.range ?? auth.range };
  return authTypeBranches(user);
}

function authTypeBranches(user: IacResource): { why: string; range: IacResource['anchorRange'] } | undefined {
  const mode = user.properties.get('authenticationMode')?.value;
  const object = mode?.kind === 'list' && mode.items.length === 1 ? mode.items[0] : mode;
  const type = object?.kind === 'object' ? object.entries.get('type')?.value : undefined;
  if (type?.kind !== 'choice') return undefined;
  for (const [when, v] of [[true, type.then], [false, type.else]] as const) {
    if (stringOf(v)?.toLowerCase() === 'no-password-required') {
      return { why: `${propertyName(user, 'authenticationMode.type')} is "no-password-required" when ${type.condition.name} is ${when}`, range: v!.range };
    }
  }
  return undefined;
}

function userFinding(model: IacModel, user: IacResource): Finding | undefined {
  const auth = authenticationOf(user);
  if (!auth) return undefined;
  const groups = groupsOf(model, user);
  if (!groups.length) return undefined;
  const on = switchedOn(user);
  if (on === false) return undefined;
  const inGroups = groups.length === 1 ? `user group '${groups[0]}'` : `user groups ${groups.map((g) => `'${g}'`).join(', ')}`;
  const consequence = `every cache that accepts ${inGroups} lets any client in as this user with any password`;
  const who = `ElastiCache user '${user.name}'`;
  if (auth.type === 'no-password-required') {
    const maybe = on === undefined ? ` (unless ${propertyName(user, 'accessString')} leaves it off)` : '';
    return { range: auth.range, message: `${who} needs no password: ${auth.why}, and it belongs to ${inGroups}, so ${consequence}${maybe}.` };
  }
  if (auth.type !== undefined) return undefined;
  const branch = passwordlessBranch(user);
  if (!branch) return undefined;
  return { range: branch.range, severity: 'info', message: `${who} may need no password: ${branch.why}, and it belongs to ${inGroups}, so on that branch ${consequence}.` };
}

/** ElastiCache's own `default` user listed in a group: it has no password unless it was changed outside the template. */
function defaultUserFindings(model: IacModel, group: IacResource): Finding[] {
  const out: Finding[] = [];
  for (const m of usersOf(model, group) ?? []) {
    if (m.user.kind !== 'external' || m.user.name !== 'default') continue;
    out.push({
      range: m.raw.range,
      severity: 'warning',
      message: `User group '${group.name}' includes ElastiCache's built-in user 'default' in ${propertyName(group, 'userIds')}, which has no password and may run every command unless it was changed outside the template, so every cache that accepts the group may let any client in; list a user of your own named "default" with a password (or switched off) instead.`,
    });
  }
  return out;
}

export const passwordNotRequired: IacRule = {
  target: 'iac',
  meta: {
    id: 'password-not-required',
    title: 'An ElastiCache user in a user group needs no password',
    defaultSeverity: 'error',
  },
  check: (model) => {
    const out: Finding[] = [];
    for (const r of model.resources) {
      if (r.kind === 'elasticacheUser') {
        const f = userFinding(model, r);
        if (f) out.push(f);
      } else if (r.kind === 'elasticacheUserGroup') out.push(...defaultUserFindings(model, r));
    }
    return out;
  },
};
