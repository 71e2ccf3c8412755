/**
 * What IaC rules share beyond names: whether a property's value in effect is a bad one, certainly or on one branch
 * of a condition, where to report it, and the fixes that set it. A certain value gets the rule's severity; a value
 * only one branch of an undecided `Fn::If` / `cond ? a : b` gives is reported lower (info) and names the condition,
 * and an unknown value is not reported at all: precision first.
 */
import type { Range, RelatedLocation } from '../../engine/types';
import type { IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource, ResourceKind } from '../../model/iac';
import type { RuleFinding } from '../rule';
import { inputNoun, propertySpec, replacesResource, sideOf } from '../../model/iac-schema';
import { effectiveValue, relatedOf, type Branch, type Effective, type Scalar } from '../../model/effective';
import { propertyName } from './names';

export type Verdict =
  /** The value in effect is bad: written, from an input's value or default, or the table's default. */
  | { certain: true; effective: Effective; why: string; range: Range; related: RelatedLocation[] }
  /** Only one branch of a condition the files do not decide gives a bad value. */
  | { certain: false; effective: Effective; branch: Branch; why: string; range: Range; related: RelatedLocation[] };

/** The verdict on a property, or undefined when its value is good or cannot be known. */
export function judge(resource: IacResource, path: string, bad: (value: Scalar) => boolean): Verdict | undefined {
  const effective = effectiveValue(resource, path);
  const related = relatedOf(effective);
  if (effective.value !== undefined) {
    if (!bad(effective.value)) return undefined;
    return { certain: true, effective, why: effective.why, range: effective.property?.value.range ?? resource.anchorRange, related };
  }
  const branch = effective.branches?.find((b) => b.value !== undefined && bad(b.value));
  if (!branch) return undefined;
  // The branch's own value when it is written there; a branch that leaves the property unset points at the choice.
  const range = branch.written?.range ?? effective.property?.value.range ?? resource.anchorRange;
  return { certain: false, effective, branch, why: branch.why, range, related };
}

/** " (replaces the replication group)" when changing the property replaces the resource in its format. */
export function replacementNote(resource: IacResource, path: string, noun: string): string {
  const spec = propertySpec(resource.type, path);
  const replaces = spec ? replacesResource(spec, sideOf(resource.type)) : 'unknown';
  if (replaces === true) return ` (replaces the ${noun})`;
  if (replaces === 'conditional') return ` (may replace the ${noun})`;
  return '';
}

/**
 * Fixes that give a property a good value: set it on the resource (preferred), and, when the value comes from the
 * default of an input declared in this file, change that default instead (every user of the input changes with
 * it). Nothing for a branch of a condition: rewriting a condition someone wrote is theirs to decide.
 */
export function setFixes(resource: IacResource, verdict: Verdict, path: string, value: string | number | boolean, note = ''): ProposedFix<IacFixIntent>[] {
  if (!verdict.certain) return [];
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  const fixes: ProposedFix<IacFixIntent>[] = [
    { title: `Set ${propertyName(resource, path)} to ${shown}${note}`, isPreferred: true, intent: { kind: 'setProperties', resource, values: [{ property: path, value }] } },
  ];
  const written = verdict.effective.property?.value;
  if (!path.includes('.') && written?.kind === 'input' && written.input.range && !written.input.path && verdict.effective.origin === 'input-default') {
    const input = written.input;
    fixes.push({ title: `Change the default of ${inputNoun(resource)} '${input.name}' to ${shown}${note}`, intent: { kind: 'setInputDefault', input, value } });
  }
  return fixes;
}

/**
 * Whether a resource holds a setting of its own: a cache cluster that joins a replication group follows the group,
 * and a Global Datastore secondary the primary (Terraform rejects such settings beside global_replication_group_id).
 */
export function ownsSettings(r: IacResource): boolean {
  if (r.kind === 'cacheCluster' && r.properties.has('replicationGroupId')) return false;
  return !r.properties.has('globalReplicationGroupId');
}

/** A rule's findings: `check` on every resource of the kinds it reads that `applies` to. */
export function eachResource(
  model: IacModel, kinds: readonly ResourceKind[], check: (r: IacResource) => RuleFinding<IacFixIntent> | undefined,
  applies: (r: IacResource) => boolean = () => true,
): RuleFinding<IacFixIntent>[] {
  const out: RuleFinding<IacFixIntent>[] = [];
  for (const r of model.resources) {
    if (!kinds.includes(r.kind) || !applies(r)) continue;
    const f = check(r);
    if (f) out.push(f);
  }
  return out;
}
