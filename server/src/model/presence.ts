/**
 * Whether a property that turns something on (an AUTH token, a user group) is set: certainly, on one branch of a
 * condition, or not knowably. The AUTH rules and the code lens read the same answer.
 */
import type { IacResource, IacValue, InputRef } from './iac';
import { booleanOf, inputValue } from './iac';

export type Presence =
  | { state: 'set' }
  /** `decided`: set to nothing by a branch an input's value picks (Terraform `var.rbac ? "users" : null`). */
  | { state: 'absent'; decided?: { input: InputRef; when: boolean; range: IacValue['range'] } }
  /** Cannot be told (an input without a value, a computed expression): rules stay quiet. */
  | { state: 'unknown' }
  /** Absent only when `condition` is `when`; `range` is the choice's. */
  | { state: 'branch'; condition: string; when: boolean; range: IacValue['range'] };

/** Whether a value turns the setting on: a non-empty literal or list is set, `null`/`""`/`[]` (Terraform's way to omit it) is not. */
export function presenceOf(value: IacValue | undefined): Presence {
  if (!value) return { state: 'absent' };
  switch (value.kind) {
    case 'literal': return value.value === null || value.value === '' ? { state: 'absent' } : { state: 'set' };
    case 'list': return value.items.length ? { state: 'set' } : { state: 'absent' };
    case 'input': {
      // An input without a value is given one at deploy time; one whose value is empty may be given a real one.
      const v = inputValue(value.input);
      return v?.kind === 'literal' && (v.value === null || v.value === '') ? { state: 'unknown' } : { state: 'set' };
    }
    case 'choice': {
      const decided = value.condition.input ? booleanOf(inputValue(value.condition.input)) : undefined;
      if (decided !== undefined) {
        const p = presenceOf(decided ? value.then : value.else);
        return p.state === 'absent' ? { state: 'absent', decided: { input: value.condition.input!, when: decided, range: value.range } } : p;
      }
      const yes = presenceOf(value.then), no = presenceOf(value.else);
      if (yes.state === 'set' && no.state === 'set') return yes;
      if (yes.state === 'absent' && no.state === 'absent') return yes;
      if (yes.state === 'set' && no.state === 'absent') return { state: 'branch', condition: value.condition.name, when: false, range: value.range };
      if (yes.state === 'absent' && no.state === 'set') return { state: 'branch', condition: value.condition.name, when: true, range: value.range };
      return { state: 'unknown' };
    }
    case 'object':
    case 'resource':
      return { state: 'set' };
    default:
      return { state: 'unknown' };
  }
}

export function presence(resource: IacResource, path: string): Presence {
  return presenceOf(resource.properties.get(path)?.value);
}
