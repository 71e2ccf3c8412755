/**
 * What the AUTH rules share: whether a property that turns authentication on is set (certainly, on one branch of a
 * condition, or not knowably), and the fix pieces that declare a secret input and point a property at it.
 */
import type { Expression, FixValue, IacFixIntent } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import type { Presence } from '../../model/presence';
import { inputNoun } from '../../model/iac-schema';
import { baseName } from '../../model/module';
import type { RelatedLocation } from '../../engine/types';
import { propertyName } from './names';
import { takenNames } from './taken-names';

export { presence, presenceOf, type Presence } from '../../model/presence';

/**
 * The name of a new secret input for a resource's property, in the style of the property's own spelling:
 * `CacheAuthToken` beside `AuthToken` on the logical id `Cache`, `cache_auth_token` beside `auth_token` on the
 * Terraform resource `cache`; a number is added when the name is taken.
 */
export function newInputName(model: IacModel, resource: IacResource, property: string, singular = false): string {
  let written = propertyName(resource, property).split('.').pop()!;
  if (singular) written = written.replace(/s$/, '');
  const snake = /_/.test(written) || written === written.toLowerCase();
  // A module-built resource is named `module.<label>`: the label alone names the input (`redis_auth_token`).
  const owner = resource.module ? resource.name.replace(/^module\./, '') : resource.name;
  // A Terraform name starts with a letter or `_`: a label such as `9cat alog` gives `cat_alog_auth_token`, not a
  // `var.9cat_alog_auth_token` that no expression can name (fuzz, tf-json).
  const stem = owner.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[0-9]+/, '');
  const base = snake
    ? (stem ? `${stem}_${written}` : written)
    : owner.replace(/[^A-Za-z0-9]/g, '') + written[0].toUpperCase() + written.slice(1);
  const taken = takenNames(model);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = snake ? `${base}_${n}` : `${base}${n}`;
  return name;
}

export function inputReference(name: string): Expression {
  return { cloudformation: `!Ref ${name}`, terraform: `var.${name}` };
}

/** The intent that declares a secret string input. */
export function secretInput(name: string, description: string): IacFixIntent {
  return { kind: 'addInput', name, type: { cloudformation: 'String', terraform: 'string' }, description, secret: true };
}

/** What a new input is called in a resource's format, with its secrecy: "NoEcho parameter" / "sensitive variable". */
export function secretInputNoun(resource: IacResource): string {
  const noun = inputNoun(resource);
  return `${SECRET_WORD[noun]} ${noun}`;
}

/** The word that makes an input secret, by what the format calls an input. */
export const SECRET_WORD: Readonly<Record<string, string>> = { parameter: 'NoEcho', variable: 'sensitive' };

/** The intent that points the value at `path` (a top-level property, or a list item under it) at an input. */
export function pointAt(resource: IacResource, path: readonly (string | number)[], name: string): IacFixIntent {
  const expression = inputReference(name);
  if (path.length === 1 && typeof path[0] === 'string') return { kind: 'setPropertyExpression', resource, property: path[0], expression };
  const value: FixValue = { expression };
  return { kind: 'setAt', resource, path, value };
}

/** AUTH token rules (aws-facts.md, "AUTH token rules"), for the new input's description. */
export const TOKEN_RULES = '16-128 printable ASCII characters; the only special characters allowed are ! & # $ ^ < > -';

export { propertyName };

/** Why an absent property is absent, for a message: "auth_token is not set" / "… is null because 'rbac' is false in terraform.tfvars". */
export function absentClause(resource: IacResource, path: string, p: Presence & { state: 'absent' }): string {
  const name = propertyName(resource, path);
  if (!p.decided) return `${name} is not set`;
  const { input, when } = p.decided;
  const where = input.assigned ? ` in ${baseName(input.assigned.path)}` : ' by default';
  return `${name} is null because '${input.name}' is ${when}${where}`;
}

/** Where a decided absence comes from outside the file: the variable file's line. */
export function absentRelated(p: Presence & { state: 'absent' }): RelatedLocation[] {
  const assigned = p.decided?.input.assigned;
  return assigned ? [{ path: assigned.path, range: assigned.value.range, message: `'${p.decided!.input.name}' is set to ${p.decided!.when} here` }] : [];
}
