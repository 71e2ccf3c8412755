/**
 * A Terraform module is a directory: its variables, locals, variable files and resources are spread over sibling
 * files. Each file is summarised on its own (plain data, cheap, cached by hosts per file version), and a file is
 * analysed with its siblings' summaries, so the worker pool still runs one file per job while every file sees the
 * whole module. Inputs inside a summary are kept by name and bound on load to the module's declarations, so a
 * summary never goes stale because another file changed.
 */
import type { Range } from '../engine/types';
import type { IacProperty, IacResource, IacValue, InputRef, ModuleResource, ResourceKind } from './iac';
import { PropertyMap } from './iac';
import { schemaFor } from './iac-schema';

export type Scalar = string | number | boolean | null;

/** A model value as plain data; an input is its name only (bound on load). */
export type SummaryValue =
  | { kind: 'literal'; value: Scalar; range: Range }
  | { kind: 'input'; name: string; range: Range }
  | { kind: 'resource'; target: string; attribute?: string; range: Range }
  | { kind: 'object'; entries: SummaryProperty[]; range: Range }
  | { kind: 'list'; items: SummaryValue[]; range: Range }
  | { kind: 'choice'; condition: { name: string; input?: string; range: Range }; then?: SummaryValue; else?: SummaryValue; text: string; range: Range }
  | { kind: 'unknown'; text: string; range: Range };

export interface SummaryProperty { name: string; writtenName: string; keyRange: Range; value: SummaryValue }

export interface SummaryResource {
  kind: ResourceKind;
  type: string;
  name: string;
  anchorRange: Range;
  properties: SummaryProperty[];
  conditional?: true;
  condition?: string;
}

export interface VariableSummary {
  name: string;
  range: Range;
  secret: boolean;
  type?: string;
  defaultValue?: { value: Scalar; range: Range };
  /** A default that is a list of plain values (`["10.0.0.0/8"]`), item by item. */
  defaultList?: { items: { value: Scalar; range: Range }[]; range: Range };
}

/** What one file of a module contributes to the others. Serialisable (structured clone and JSON alike). */
export interface ModuleSummary {
  path: string;
  variables: VariableSummary[];
  /** Locals whose value is a literal or a reference, as read in their own file. */
  locals: { name: string; value: SummaryValue }[];
  /** A variable file's assignments (`terraform.tfvars`, `*.auto.tfvars`); other values are unknown. */
  assignments: { name: string; value: SummaryValue }[];
  /** The resources cachelint models. */
  resources: SummaryResource[];
  /** Addresses (`aws_kms_key.main`) of resources declared but not modelled. */
  declared: string[];
}

/** Unknown text is kept for messages only: a long expression need not cross threads whole. */
const MAX_UNKNOWN_TEXT = 120;

export function summaryValue(value: IacValue): SummaryValue {
  switch (value.kind) {
    case 'literal': return { kind: 'literal', value: value.value, range: value.range };
    case 'input': return { kind: 'input', name: value.input.name, range: value.range };
    case 'resource': return value.attribute === undefined
      ? { kind: 'resource', target: value.target, range: value.range }
      : { kind: 'resource', target: value.target, attribute: value.attribute, range: value.range };
    case 'object': return { kind: 'object', entries: [...value.entries.values()].map(summaryProperty), range: value.range };
    case 'list': return { kind: 'list', items: value.items.map(summaryValue), range: value.range };
    case 'choice': {
      const condition: { name: string; input?: string; range: Range } = { name: value.condition.name, range: value.condition.range };
      if (value.condition.input) condition.input = value.condition.input.name;
      const out: SummaryValue = { kind: 'choice', condition, text: shortText(value.text), range: value.range };
      if (value.then) out.then = summaryValue(value.then);
      if (value.else) out.else = summaryValue(value.else);
      return out;
    }
    case 'unknown': return { kind: 'unknown', text: shortText(value.text), range: value.range };
  }
}

function shortText(text: string): string {
  return text.length > MAX_UNKNOWN_TEXT ? text.slice(0, MAX_UNKNOWN_TEXT - 3) + '...' : text;
}

function summaryProperty(p: IacProperty): SummaryProperty {
  return { name: p.name, writtenName: p.writtenName, keyRange: p.keyRange, value: summaryValue(p.value) };
}

export function summaryResource(r: IacResource): SummaryResource {
  const out: SummaryResource = { kind: r.kind, type: r.type, name: r.name, anchorRange: r.anchorRange, properties: [...r.properties.values()].map(summaryProperty) };
  if (r.conditional) out.conditional = true;
  if (r.condition !== undefined) out.condition = r.condition;
  return out;
}

export function variableSummary(input: InputRef): VariableSummary | undefined {
  if (!input.range) return undefined;
  const out: VariableSummary = { name: input.name, range: input.range, secret: input.secret === true };
  if (input.type !== undefined) out.type = input.type;
  const def = input.defaultValue;
  if (def?.kind === 'literal') out.defaultValue = { value: def.value, range: def.range };
  else if (def?.kind === 'list' && def.items.every((i) => i.kind === 'literal')) {
    out.defaultList = { items: def.items.map((i) => ({ value: (i as { value: Scalar }).value, range: i.range })), range: def.range };
  }
  return out;
}

/** Binds input names to the module's declarations. */
export type InputLookup = (name: string) => InputRef;

export function loadValue(v: SummaryValue, input: InputLookup): IacValue {
  switch (v.kind) {
    case 'input': return { kind: 'input', input: input(v.name), range: v.range };
    case 'object': {
      const entries = new PropertyMap();
      for (const p of v.entries) entries.set(p.name, loadProperty(p, input));
      return { kind: 'object', entries, range: v.range };
    }
    case 'list': return { kind: 'list', items: v.items.map((i) => loadValue(i, input)), range: v.range };
    case 'choice': {
      const condition: IacValue & { kind: 'choice' } = {
        kind: 'choice', condition: { name: v.condition.name, range: v.condition.range }, text: v.text, range: v.range,
        then: v.then && loadValue(v.then, input), else: v.else && loadValue(v.else, input),
      };
      if (v.condition.input !== undefined) condition.condition.input = input(v.condition.input);
      return condition;
    }
    default: return v;
  }
}

function loadProperty(p: SummaryProperty, input: InputLookup): IacProperty {
  return { name: p.name, writtenName: p.writtenName, keyRange: p.keyRange, value: loadValue(p.value, input) };
}

export function loadResource(r: SummaryResource, input: InputLookup): IacResource {
  const schema = schemaFor('tf', r.type);
  const properties = new PropertyMap(r.properties.map((p) => [p.name, loadProperty(p, input)]), schema?.canonicalByWritten);
  const out: IacResource = { kind: r.kind, type: r.type, name: r.name, anchorRange: r.anchorRange, properties };
  if (r.conditional) out.conditional = true;
  if (r.condition !== undefined) out.condition = r.condition;
  return out;
}

/**
 * Whether Terraform loads a variable file by itself, and in which order: `terraform.tfvars` first, then
 * `*.auto.tfvars` in lexical order of their names; a later file wins. Other `.tfvars` files count only when named
 * with `-var-file`, which the engine cannot see. Source: developer.hashicorp.com/terraform/language/values/variables
 * ("Variable Definition Precedence").
 */
export function variableFileRank(path: string): number | undefined {
  const name = baseName(path);
  if (name === 'terraform.tfvars') return 0;
  if (/\.auto\.tfvars$/.test(name)) return 1;
  return undefined;
}

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function dirName(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'), 0));
}

/** The module as the analysed file sees it: the other files' declarations, bound to one another. */
export interface ModuleView {
  /** Look an input up: this file's declaration first (`own`), then the siblings', else undeclared. */
  input: InputLookup;
  locals: Map<string, IacValue>;
  resources: ModuleResource[];
  declared: Map<string, { type: string; path?: string }>;
}

/**
 * Builds the view from the siblings' summaries. `own` is the analysed file's own declarations (they win over a
 * duplicate elsewhere, which Terraform rejects anyway). `assignments` of the analysed file count too when it is
 * itself a variable file.
 */
export function moduleView(siblings: readonly ModuleSummary[], own: ReadonlyMap<string, InputRef>, selfPath?: string): ModuleView {
  const declaredVars = new Map<string, { v: VariableSummary; path: string }>();
  for (const s of siblings) for (const v of s.variables) if (!declaredVars.has(v.name)) declaredVars.set(v.name, { v, path: s.path });
  // Variable files in loading order; a later assignment wins.
  const files = siblings
    .map((s) => ({ s, rank: variableFileRank(s.path) }))
    .filter((x): x is { s: ModuleSummary; rank: number } => x.rank !== undefined && x.s.path !== selfPath && x.s.assignments.length > 0)
    .sort((a, b) => a.rank - b.rank || (baseName(a.s.path) < baseName(b.s.path) ? -1 : baseName(a.s.path) > baseName(b.s.path) ? 1 : 0));
  const assigned = new Map<string, { value: SummaryValue; path: string }>();
  for (const { s } of files) for (const a of s.assignments) assigned.set(a.name, { value: a.value, path: s.path });

  const bound = new Map<string, InputRef>();
  const input: InputLookup = (name) => {
    let ref = bound.get(name);
    if (ref) return ref;
    const mine = own.get(name);
    const theirs = mine ? undefined : declaredVars.get(name);
    if (mine) ref = { ...mine };
    else if (theirs) {
      const { v, path } = theirs;
      ref = { name, secret: v.secret, range: v.range, path };
      if (v.type !== undefined) ref.type = v.type;
      if (v.defaultValue) ref.defaultValue = { kind: 'literal', value: v.defaultValue.value, range: v.defaultValue.range };
      else if (v.defaultList) {
        ref.defaultValue = { kind: 'list', items: v.defaultList.items.map((i) => ({ kind: 'literal', value: i.value, range: i.range })), range: v.defaultList.range };
      }
    } else ref = { name, secret: undefined, declared: false };
    const a = assigned.get(name);
    // A variable file's value for an undeclared variable is not used by Terraform (it warns): still unknown.
    if (a && ref.declared !== false) ref.assigned = { value: loadValue(a.value, () => ({ name: '', secret: undefined, declared: false })), path: a.path };
    bound.set(name, ref);
    return ref;
  };

  const locals = new Map<string, IacValue>();
  const resources: ModuleResource[] = [];
  const declared = new Map<string, { type: string; path?: string }>();
  for (const s of siblings) {
    for (const l of s.locals) if (!locals.has(l.name)) locals.set(l.name, loadValue(l.value, input));
    for (const r of s.resources) {
      const resource = loadResource(r, input);
      resources.push({ path: s.path, resource });
      declared.set(`${r.type}.${r.name}`, { type: r.type, path: s.path });
    }
    for (const address of s.declared) declared.set(address, { type: address.slice(0, address.indexOf('.')), path: s.path });
  }
  return { input, locals, resources, declared };
}

/** The other files of a module are those in the same directory (Terraform never reads subdirectories implicitly). */
export function sameModule(a: string, b: string): boolean {
  return a !== b && dirName(a) === dirName(b);
}

/** Whether a path is a file Terraform reads as part of a module: `.tf`, `.tf.json`, and variable files. */
export function isModuleFile(path: string): boolean {
  return /\.(tf|tf\.json|tfvars)$/i.test(path);
}
