/**
 * The infrastructure model: what CloudFormation and Terraform both normalise into, so that an IaC rule is written
 * once. Property names are canonical (camelCase); `model/iac-schema.ts` maps each to its CloudFormation and
 * Terraform spelling.
 */
import type { Range } from '../engine/types';

export type ResourceKind =
  | 'replicationGroup' | 'cacheCluster' | 'serverlessCache' | 'globalReplicationGroup'
  | 'memorydbCluster' | 'elasticacheUser' | 'elasticacheUserGroup' | 'memorydbUser' | 'memorydbAcl'
  | 'parameterGroup' | 'memorydbParameterGroup' | 'subnetGroup' | 'memorydbSubnetGroup'
  | 'securityGroup' | 'securityGroupIngress' | 'securityGroupRule';

/** Where a value came from when it is not written inline: a CloudFormation parameter or a Terraform variable. */
export interface InputRef {
  name: string;
  /** The input's default, when it has one that is a plain value. */
  defaultValue?: IacValue;
  /**
   * `NoEcho: true` / `sensitive = true`; undefined when the input is declared nowhere the engine was shown, so
   * nothing is known of it, its secrecy included.
   */
  secret: boolean | undefined;
  /** The declaration's name, in `path` when that is set, else in the analysed file. */
  range?: Range;
  /** The module file that declares it, when it is not the analysed file (Terraform: `variables.tf`). */
  path?: string;
  /** false: no file of the module declares it (a typo, or the module was not shown whole): its value is unknown. */
  declared?: false;
  /** The `type` constraint as written (Terraform), or the parameter's `Type` (CloudFormation: `String`, `AWS::SSM::Parameter::Value<String>`). */
  type?: string;
  /** CloudFormation `AllowedValues`: the only values a deployment may give it (literals, with their ranges). */
  allowedValues?: IacValue[];
  /**
   * The value a variable file gives it (`terraform.tfvars`, `*.auto.tfvars`), which wins over `defaultValue`: the
   * last file in Terraform's loading order that assigns it.
   */
  assigned?: { value: IacValue; path: string };
}

export type IacValue =
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  /** A reference to a template input; `input` says what is known about it. */
  | { kind: 'input'; input: InputRef; range: Range }
  /**
   * A reference to another resource of the template or module (`!Ref Res`, `!GetAtt Res.Attr`, `!Sub '${Res}'`,
   * `aws_x.name.attr`); read it through model/resolve.ts.
   */
  | { kind: 'resource'; target: string; attribute?: string; range: Range }
  | { kind: 'object'; entries: Map<string, IacProperty>; range: Range }
  | { kind: 'list'; items: IacValue[]; range: Range }
  /**
   * One of two values by a condition: CloudFormation `Fn::If`, a Terraform `cond ? a : b`. A branch that is
   * undefined leaves the property unset (`!Ref AWS::NoValue`). Readers that do not look at branches treat it as
   * unknown.
   */
  | { kind: 'choice'; condition: Condition; then: IacValue | undefined; else: IacValue | undefined; text: string; range: Range }
  /** Anything that cannot be resolved statically: an intrinsic function, an expression, a dynamic reference. */
  | { kind: 'unknown'; text: string; range: Range; dynamic?: DynamicReference };

/** What decides a choice. */
export interface Condition {
  /** The condition's name (CloudFormation `Conditions:` key), or the expression as written (Terraform `var.prod`). */
  name: string;
  /** Terraform: the condition is this input itself, so its value (default, tfvars) decides the branch. */
  input?: InputRef;
  range: Range;
}

/**
 * A CloudFormation dynamic reference (`{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`,
 * `{{resolve:ssm:…}}`): resolved at deploy time, its text never the value. `secret`: the value comes from a secret
 * store (Secrets Manager, SSM SecureString), so a password written this way is not exposed in the template.
 */
export interface DynamicReference {
  service: 'secretsmanager' | 'ssm-secure' | 'ssm';
  secret: boolean;
}

/** The dynamic reference a text holds, when it holds one (the first, if several). */
export function dynamicReferenceIn(text: string): DynamicReference | undefined {
  const m = /\{\{resolve:(secretsmanager|ssm-secure|ssm):/.exec(text);
  if (!m) return undefined;
  const service = m[1] as DynamicReference['service'];
  return { service, secret: service !== 'ssm' };
}

/** Whether a value is fetched from a secret store at deploy time (a dynamic reference to Secrets Manager or SSM SecureString). */
export function isSecretReference(value: IacValue | undefined): boolean {
  return value?.kind === 'unknown' && value.dynamic?.secret === true;
}

export interface IacProperty {
  /** Canonical name when the schema knows the property, else the name as written. */
  name: string;
  /** The spelling in the file. */
  writtenName: string;
  keyRange: Range;
  value: IacValue;
}

export interface IacResource {
  kind: ResourceKind;
  /** `AWS::ElastiCache::ReplicationGroup` or `aws_elasticache_replication_group`. */
  type: string;
  /** Logical id (CloudFormation) or resource name (Terraform). */
  name: string;
  /** Where to report a finding about a property that is absent: the logical id / the block's labels. */
  anchorRange: Range;
  /**
   * By canonical name. May be an `OpenProperties` (an unresolved YAML merge): then every name may be present and an
   * absent one reads as unknown, so rules stay quiet about it without knowing why.
   */
  properties: Map<string, IacProperty>;
  /** Present when the resource is conditional (`Condition:`, `count`, `for_each`): rules may soften messages. */
  conditional?: boolean;
  /** What makes it conditional: the CloudFormation condition's name, or the `count`/`for_each` expression as written. */
  condition?: string;
  /**
   * Set when the resource is what a known community module call builds (Terraform `module` block): its properties
   * are the module's inputs, `inputNames` spells each canonical property as the module's input (canonical → input
   * name), and a fix edits the module block.
   */
  module?: {
    source: string;
    inputNames: ReadonlyMap<string, string>;
    /**
     * The module's defaults (canonical → value) for inputs the call leaves out, where they differ from the
     * provider's, and values the module forces whatever the call says: `effectiveValue` reads them before the table.
     */
    defaults?: ReadonlyMap<string, import('./community/types').ModuleDefault>;
    /** The call's `version` constraint as written. */
    version?: string;
  };
}

/**
 * Properties (of a resource, or of an object value) by canonical name. A lookup by the file's own spelling still
 * answers, through `aliases` (written → canonical): readers written before nested names became canonical
 * (`DataStorage` / `data_storage`) keep working. Rules use canonical names.
 */
export class PropertyMap extends Map<string, IacProperty> {
  constructor(entries?: Iterable<[string, IacProperty]>, private readonly aliases?: ReadonlyMap<string, string>) {
    super(entries);
  }

  override get(name: string): IacProperty | undefined {
    const own = super.get(name);
    if (own || !this.aliases) return own;
    const canonical = this.aliases.get(name);
    return canonical === undefined || canonical === name ? undefined : super.get(canonical);
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/**
 * Properties of a resource whose `<<` merge could not be resolved: a property not written explicitly may be set
 * through the merge, so it reads as unknown (with the merge as its source) instead of absent, and no rule can
 * claim it is not set.
 */
export class OpenProperties extends PropertyMap {
  constructor(entries: Map<string, IacProperty>, private readonly merge: { text: string; range: Range }, aliases?: ReadonlyMap<string, string>) {
    super(entries, aliases);
  }

  override get(name: string): IacProperty {
    const { text, range } = this.merge;
    return super.get(name) ?? { name, writtenName: name, keyRange: range, value: { kind: 'unknown', text, range } };
  }

  override has(): boolean {
    return true;
  }
}

export interface IacModel {
  format: 'cloudformation' | 'terraform';
  resources: IacResource[];
  /**
   * Resources the module's other files declare (Terraform: the `.tf` files beside this one), with their file:
   * references resolve across them (model/resolve.ts). Rules report only on `resources`.
   */
  moduleResources?: ModuleResource[];
  /**
   * Every resource the file (and its module) declares, modelled or not, by address (`aws_kms_key.main`, a logical
   * id) → its type and file: a reference to a KMS key is to something declared even though cachelint models no keys.
   */
  declared?: Map<string, { type: string; path?: string }>;
  /** What this file contributes to its module's view (Terraform), as plain data for hosts to cache per version. */
  summary?: import('./module').ModuleSummary;
}

export interface ModuleResource {
  path: string;
  resource: IacResource;
}

/** A literal value, following a reference to an input's value: a variable file's assignment, else its default. */
export function literalOf(value: IacValue | undefined): string | number | boolean | null | undefined {
  if (!value) return undefined;
  if (value.kind === 'literal') return value.value;
  if (value.kind === 'input') {
    const v = inputValue(value.input);
    if (v?.kind === 'literal') return v.value;
  }
  return undefined;
}

/** The value an input has when nothing outside the files overrides it: its assignment in a variable file, else its default. */
export function inputValue(input: InputRef): IacValue | undefined {
  return input.assigned ? input.assigned.value : input.defaultValue;
}

/** true/false for a boolean-ish literal (CloudFormation allows "true"/"false" strings), undefined otherwise. */
export function booleanOf(value: IacValue | undefined): boolean | undefined {
  const v = literalOf(value);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

export function stringOf(value: IacValue | undefined): string | undefined {
  const v = literalOf(value);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function numberOf(value: IacValue | undefined): number | undefined {
  const v = literalOf(value);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Describes a value that could not be resolved, for messages that say so instead of guessing. */
export function describeUnresolved(value: IacValue): string {
  switch (value.kind) {
    case 'input':
      if (value.input.declared === false) return `input '${value.input.name}' is not declared in any file of the module`;
      if (value.input.assigned) return `input '${value.input.name}' is set in ${baseName(value.input.assigned.path)} to a value that is not a literal`;
      return `input '${value.input.name}' has no default`;
    case 'resource': return `it refers to ${value.target}`;
    case 'choice': return `it depends on condition '${value.condition.name}'`;
    case 'unknown':
      if (value.dynamic) return `it is a dynamic reference to ${value.dynamic.service}, resolved at deploy time`;
      return `'${value.text.length > 40 ? value.text.slice(0, 37) + '...' : value.text}' is computed`;
    default: return 'its value is not a literal';
  }
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
