/**
 * Users and who they are: ElastiCache users and user groups, MemoryDB users and ACLs, each user's authentication
 * mode read from `AuthenticationMode.Type` / `authentication_mode { type }` or the older `NoPasswordRequired` and
 * `Passwords`, and group membership resolved to the user resources.
 */
import type { IacModel, IacResource, IacValue } from '../iac';
import type { Range } from '../../engine/types';
import { propertyAt } from '../effective';
import { writtenName } from '../iac-schema';
import { resolve, resolveProperty, type Resolution } from '../resolve';
import { boolItem, itemsOf, referrers, stringItem, type Item, type Located } from './common';

export type AuthType = 'password' | 'no-password-required' | 'iam';

export interface Authentication {
  /** The mode in effect; undefined when it cannot be known. */
  type: AuthType | undefined;
  /** Where it is decided (the type's value, `NoPasswordRequired`, `Passwords`), or the user's anchor when nothing is written. */
  range: Range;
  /** One clause for a message, in the file's spelling: "AuthenticationMode.Type is \"no-password-required\"". */
  why: string;
  /** The passwords written (in the mode or beside it); an item with an undefined value is computed. */
  passwords: Item<string>[];
  noPasswordRequired?: Item<boolean>;
}

const TYPES: readonly AuthType[] = ['password', 'no-password-required', 'iam'];
const USER_KINDS = new Set(['elasticacheUser', 'memorydbUser']);

/** How a user authenticates; undefined for a resource that is not a user. */
export function authenticationOf(user: IacResource): Authentication | undefined {
  if (!USER_KINDS.has(user.kind)) return undefined;
  const name = (path: string) => writtenName(user, path);
  const passwords = [
    ...itemsOf(propertyAt(user, 'authenticationMode.passwords')?.value),
    ...itemsOf(user.properties.get('passwords')?.value),
  ].map(stringItem);
  const out = (type: AuthType | undefined, range: Range, why: string): Authentication => {
    const a: Authentication = { type, range, why, passwords };
    const npr = user.properties.get('noPasswordRequired');
    if (npr) a.noPasswordRequired = boolItem(npr.value);
    return a;
  };
  const mode = user.properties.get('authenticationMode');
  if (mode) {
    const typeProp = propertyAt(user, 'authenticationMode.type');
    if (!typeProp) return out(undefined, mode.keyRange, `${name('authenticationMode')} has no ${name('authenticationMode.type')}`);
    const t = stringItem(typeProp.value);
    const type = TYPES.find((x) => x === t.value?.toLowerCase());
    if (type) return out(type, t.range, `${name('authenticationMode.type')} is "${t.value}"`);
    return out(undefined, t.range, `${name('authenticationMode.type')} cannot be known`);
  }
  const npr = user.properties.get('noPasswordRequired');
  const nprValue = npr ? boolItem(npr.value).value : false;
  if (nprValue === true) return out('no-password-required', npr!.value.range, `${name('noPasswordRequired')} is true`);
  if (nprValue === undefined) return out(undefined, npr!.value.range, `${name('noPasswordRequired')} cannot be known`);
  const written = user.properties.get('passwords');
  if (written && passwords.length) return out('password', written.value.range, `${name('passwords')} is set`);
  return out(undefined, user.anchorRange, `neither ${name('authenticationMode')} nor ${name('passwords')} is set`);
}

export interface Member {
  raw: IacValue;
  /** The user it names: a modelled user, an external one (`default`), or unknown. */
  user: Resolution;
}

/** The users of an ElastiCache user group or a MemoryDB ACL, each resolved; undefined for another resource. */
export function usersOf(model: IacModel, group: IacResource): Member[] | undefined {
  const path = group.kind === 'elasticacheUserGroup' ? 'userIds' : group.kind === 'memorydbAcl' ? 'userNames' : undefined;
  if (!path) return undefined;
  const value = group.properties.get(path)?.value;
  const refers = { kinds: group.kind === 'elasticacheUserGroup' ? ['elasticacheUser'] as const : ['memorydbUser'] as const };
  return itemsOf(value).map((raw) => ({ raw, user: resolve(model, raw, refers) }));
}

/** Where each kind of cache names its user groups or ACL. */
const GROUP_PROPERTY: Partial<Record<IacResource['kind'], string>> = {
  replicationGroup: 'userGroupIds', serverlessCache: 'userGroupId', memorydbCluster: 'aclName',
};

/** The user groups (ElastiCache) or ACL (MemoryDB) a cache accepts users from; `absent` when none is set. */
export function userGroupsOf(model: IacModel, cache: IacResource): Resolution[] {
  const path = GROUP_PROPERTY[cache.kind];
  return path ? resolveProperty(model, cache, path) ?? [] : [];
}

/** The caches (and their files) that accept the users of a user group or ACL. */
export function cachesUsingUsers(model: IacModel, group: IacResource): Located[] {
  const out: Located[] = [];
  for (const [kind, path] of Object.entries(GROUP_PROPERTY)) {
    out.push(...referrers(model, group, path!, [kind as IacResource['kind']]));
  }
  return out;
}
