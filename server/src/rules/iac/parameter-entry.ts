/**
 * What the parameter-group rules share: the value one entry (`reserved-memory-percent`, `maxmemory-policy`) has in
 * effect, read the way `effectiveValue` reads a property (written, an input's default, a variable file's value, a
 * condition decided by its input, or one branch of an undecided one), and the caches that use the group, for
 * messages and related locations. An entry's value cannot come from the schema's defaults: a parameter that is
 * not written keeps the family's default, which rules know themselves.
 */
import type { Range, RelatedLocation } from '../../engine/types';
import type { IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource, IacValue } from '../../model/iac';
import { booleanOf, describeUnresolved, inputValue, stringOf } from '../../model/iac';
import { inputNoun } from '../../model/iac-schema';
import { baseName } from '../../model/module';
import { cachesUsingParameters, type Parameter } from '../../model/views';
import { describeResource } from './names';

export type EntryVerdict =
  /** `why` is one clause for a message: `reserved-memory-percent is "10"`; `values` when the branches differ, both bad. */
  | { certain: true; value: string; why: string; range: Range; related: RelatedLocation[]; from: IacValue; values?: string[] }
  /** Only one branch of a condition the files do not decide gives the bad value. */
  | { certain: false; value: string; why: string; range: Range; related: RelatedLocation[] };

interface Read { value: string | undefined; why: string; related: RelatedLocation[] }

/** A value that is not a choice: a literal, or an input with a literal value. */
function readScalar(name: string, v: IacValue): Read {
  if (v.kind === 'literal') {
    const s = stringOf(v);
    return { value: s, why: `${name} is "${s}"`, related: [] };
  }
  if (v.kind === 'input') {
    const { input } = v;
    const s = stringOf(v);
    if (s === undefined) return { value: undefined, why: `${name} cannot be known: ${describeUnresolved(v)}`, related: [] };
    if (input.assigned) {
      const related = [{ path: input.assigned.path, range: input.assigned.value.range, message: `'${input.name}' is set to "${s}" here` }];
      return { value: s, why: `${name} comes from '${input.name}', set to "${s}" in ${baseName(input.assigned.path)}`, related };
    }
    const related = input.path && input.defaultValue ? [{ path: input.path, range: input.defaultValue.range, message: `the default of '${input.name}'` }] : [];
    return { value: s, why: `${name} comes from '${input.name}', whose default is "${s}"`, related };
  }
  return { value: undefined, why: `${name} cannot be known: ${describeUnresolved(v)}`, related: [] };
}

/**
 * The verdict on one entry, or undefined when its value is good or cannot be known. A branch that leaves the entry
 * unset (`AWS::NoValue`) keeps the family's default, which `bad` is never asked about.
 */
export function judgeEntry(entry: Parameter, bad: (value: string) => boolean): EntryVerdict | undefined {
  const raw = entry.raw;
  if (raw.kind !== 'choice') {
    const r = readScalar(entry.name, raw);
    return r.value !== undefined && bad(r.value) ? { certain: true, value: r.value, why: r.why, range: raw.range, related: r.related, from: raw } : undefined;
  }
  const name = raw.condition.name;
  const branches = ([[true, raw.then], [false, raw.else]] as const).map(([when, v]) => ({ when, v, r: v && v.kind !== 'choice' ? readScalar(entry.name, v) : undefined }));
  const input = raw.condition.input;
  const decided = input ? booleanOf(inputValue(input)) : undefined;
  if (input && decided !== undefined) {
    const b = branches[decided ? 0 : 1];
    if (!b.v || !b.r || b.r.value === undefined || !bad(b.r.value)) return undefined;
    const source = input.assigned ? `is set to ${decided} in ${baseName(input.assigned.path)}` : `defaults to ${decided}`;
    const related = input.assigned ? [{ path: input.assigned.path, range: input.assigned.value.range, message: `'${input.name}' is set to ${decided} here` }] : [];
    return { certain: true, value: b.r.value, why: `${entry.name} is "${b.r.value}" because '${input.name}' ${source}`, range: raw.range, related: [...related, ...b.r.related], from: b.v };
  }
  const badOnes = branches.filter((b) => b.r?.value !== undefined && bad(b.r.value));
  if (!badOnes.length) return undefined;
  const [first] = badOnes;
  if (badOnes.length === 2) {
    // Bad whichever way the condition goes: certain, whether or not the two values are the same.
    const [a, b] = badOnes.map((x) => x.r!.value!);
    const why = a === b ? `${entry.name} is "${a}" whether ${name} is true or false` : `${entry.name} is "${a}" when ${name} is true and "${b}" when it is false`;
    const values = a === b ? undefined : [a, b];
    return { certain: true, value: a, why, range: raw.range, related: [...badOnes[0].r!.related, ...badOnes[1].r!.related], from: raw, ...(values ? { values } : {}) };
  }
  return { certain: false, value: first.r!.value!, why: `${first.r!.why} when ${name} is ${first.when}`, range: first.v!.range, related: first.r!.related };
}

const GROUP_LABEL: Partial<Record<IacResource['kind'], string>> = { parameterGroup: 'Parameter group', memorydbParameterGroup: 'MemoryDB parameter group' };

export function describeGroup(group: IacResource): string {
  return GROUP_LABEL[group.kind] ? `${GROUP_LABEL[group.kind]} '${group.name}'` : describeResource(group);
}

/**
 * The caches using a group, as a clause (`; replication groups 'A' and 'B' use it`) and as related locations at
 * each cache's reference to the group. `path` is the analysed file, for caches declared in it.
 */
export function usersOfGroup(model: IacModel, group: IacResource, path: string): { clause: string; related: RelatedLocation[] } {
  const users = cachesUsingParameters(model, group);
  const related = users.map(({ resource, path: other }) => ({
    path: other ?? path,
    range: resource.properties.get('parameterGroupName')?.value.range ?? resource.anchorRange,
    message: `${describeResource(resource)} uses this parameter group`,
  }));
  if (!users.length) return { clause: '', related };
  const names = users.map(({ resource }) => describeResource(resource).replace(/^[A-Z](?=[a-z]+\s)/, (c) => c.toLowerCase()));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return { clause: ` (used by ${list})`, related };
}

/**
 * The fixes that give an entry a value: set the entry in the group (preferred; it replaces a reference to an
 * input), and, when the value is an input's default declared in this file, change that default instead.
 */
export function entryFixes(group: IacResource, name: string, verdict: EntryVerdict, value: string, note = ''): ProposedFix<IacFixIntent>[] {
  if (!verdict.certain) return [];
  const fixes: ProposedFix<IacFixIntent>[] = [
    { title: `Set ${name} to "${value}"${note}`, isPreferred: true, intent: { kind: 'setParameter', resource: group, name, value } },
  ];
  const from = verdict.from;
  if (from.kind === 'input' && from.input.range && !from.input.path && !from.input.assigned && from.input.defaultValue) {
    const input = from.input;
    // A number default stays a number: the input may be typed Number / number.
    const def = input.defaultValue;
    const typed = def?.kind === 'literal' && typeof def.value === 'number' ? Number(value) : value;
    fixes.push({ title: `Change the default of ${inputNoun(group)} '${input.name}' to "${value}"${note}`, intent: { kind: 'setInputDefault', input, value: typed } });
  }
  return fixes;
}
