/**
 * A secret that reaches whoever can read the repository or the stack: an AUTH token, an ElastiCache user's
 * passwords or a MemoryDB user's passwords written as a literal, taken from an input with a default (the default
 * is in the file), from a variable file's value (that file sits beside the code), or from an input that is not
 * `NoEcho` / `sensitive` (CloudFormation shows it in the console and DescribeStacks; Terraform prints it where it
 * is used). Fine: a Secrets Manager or SSM SecureString dynamic reference, a reference to another resource
 * (`random_password`, a Secrets Manager secret version), a secret input without a default. An input declared in
 * no file shown, or a computed value, is unknown and not reported. A literal in either branch of a condition is
 * in the file whatever the condition says, so it is reported as surely as one written plainly.
 */
import type { RelatedLocation } from '../../engine/types';
import type { IacRule, RuleContext, RuleFinding } from '../rule';
import type { IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource, IacValue, InputRef } from '../../model/iac';
import { baseName } from '../../model/module';
import { inputNoun } from '../../model/iac-schema';
import { describeResource, propertyName } from './names';
import { newInputName, pointAt, SECRET_WORD, secretInput, secretInputNoun, TOKEN_RULES } from './auth-support';

type Finding = RuleFinding<IacFixIntent>;

const IN_FILE = 'anyone who can read the file (or its history) has it';

/** A secret-holding value and where it sits: `path` from the resource down to it (list indices included). */
interface Secret { path: (string | number)[]; value: IacValue; /** Inside a branch of a condition. */ branch?: boolean }

/** The secret-holding properties of each resource kind, canonical. */
const SECRETS: Partial<Record<IacResource['kind'], readonly (readonly string[])[]>> = {
  replicationGroup: [['authToken']],
  elasticacheUser: [['passwords'], ['authenticationMode', 'passwords']],
  memorydbUser: [['authenticationMode', 'passwords']],
};

const WHAT: Record<string, string> = { authToken: 'AUTH token', passwords: 'password' };

/** The values at a property path, through one object level (a Terraform block may be a one-item list) and list items. */
function secretsOf(resource: IacResource, path: readonly string[]): Secret[] {
  let value: IacValue | undefined = resource.properties.get(path[0])?.value;
  if (path.length === 2) {
    if (value?.kind === 'list' && value.items.length === 1 && value.items[0].kind === 'object') value = value.items[0];
    value = value?.kind === 'object' ? value.entries.get(path[1])?.value : undefined;
  }
  if (!value) return [];
  const out: Secret[] = [];
  const walk = (v: IacValue | undefined, at: (string | number)[], branch: boolean): void => {
    if (!v) return;
    if (v.kind === 'list') v.items.forEach((item, i) => walk(item, [...at, i], branch));
    else if (v.kind === 'choice') { walk(v.then, at, true); walk(v.else, at, true); }
    else out.push(branch ? { path: at, value: v, branch } : { path: at, value: v });
  };
  walk(value, [...path], false);
  return out;
}

/** `why`: where the value comes from; `reach`: who can read it because of that. */
interface Exposure { why: string; reach: string; severity?: 'warning'; related: RelatedLocation[]; fixes: ProposedFix<IacFixIntent>[] }

/** Who shows a non-secret input's value, by what the format calls an input. */
const SHOWN_BY: Readonly<Record<string, (ssm: boolean) => string>> = {
  parameter: (ssm) => `CloudFormation shows ${ssm ? 'the value it reads from Parameter Store' : 'its value'} in the console and in DescribeStacks to anyone who can view the stack`,
  variable: () => 'Terraform prints its value wherever it is used outside a sensitive argument (outputs, other resources, logs)',
};

function isSsmParameterType(input: InputRef): boolean {
  return !!input.type && /^AWS::SSM::Parameter::Value</.test(input.type);
}

function filled(v: IacValue | undefined): boolean {
  return v?.kind === 'literal' && v.value !== null && v.value !== '';
}

/** How a value exposes the secret, or undefined when it does not or that cannot be told. */
function exposure(model: IacModel, ctx: RuleContext, resource: IacResource, s: Secret): Exposure | undefined {
  const v = s.value;
  if (v.kind === 'literal') {
    if (!filled(v)) return undefined;
    return { why: 'is written in the file as a literal', reach: IN_FILE, related: [], fixes: s.branch ? [] : literalFix(model, resource, s) };
  }
  if (v.kind === 'unknown' && v.dynamic?.service === 'ssm') {
    return { why: 'comes from an SSM String parameter ({{resolve:ssm:…}})', reach: 'Parameter Store keeps it unencrypted for anyone allowed to read the parameter (SecureString, ssm-secure, or Secrets Manager would not)', severity: 'warning', related: [], fixes: [] };
  }
  if (v.kind !== 'input') return undefined;
  const input = v.input;
  const noun = `${inputNoun(resource)} '${input.name}'`;
  if (input.declared === false || input.secret === undefined) return undefined;
  if (input.assigned) {
    if (!filled(input.assigned.value)) return undefined;
    const file = baseName(input.assigned.path);
    return { why: `comes from ${noun}, whose value is written in ${file}`, reach: `anyone who can read ${file} has it`, related: [{ path: input.assigned.path, range: input.assigned.value.range, message: `the value of '${input.name}'` }], fixes: [] };
  }
  const here = !input.path && !!input.range;
  const defaultRelated = (): RelatedLocation[] => input.defaultValue ? [{ path: input.path ?? ctx.path, range: input.defaultValue.range, message: `the default of '${input.name}'` }] : [];
  const mark = (dropDefault: boolean): ProposedFix<IacFixIntent>[] => {
    if (!here) return [];
    const intent: IacFixIntent = dropDefault ? { kind: 'markInputSecret', input, dropDefault: true } : { kind: 'markInputSecret', input };
    const secret = SECRET_WORD[inputNoun(resource)];
    const later = ' (its value is then given at deploy time)';
    const title = !dropDefault ? `Mark ${noun} ${secret}`
      : input.secret ? `Remove the default of ${noun}${later}` : `Mark ${noun} ${secret} and remove its default${later}`;
    return [{ title, isPreferred: true, intent }];
  };
  // An SSM parameter type's default is the parameter's name, not the value.
  const ssmType = isSsmParameterType(input);
  if (filled(input.defaultValue) && !ssmType) {
    return { why: `comes from ${noun}, whose default is written in ${input.path ? baseName(input.path) : 'the file'}`, reach: IN_FILE, related: defaultRelated(), fixes: mark(true) };
  }
  if (input.secret) return undefined;
  const reach = SHOWN_BY[inputNoun(resource)](ssmType);
  return { why: `comes from ${noun}, which is not ${SECRET_WORD[inputNoun(resource)]}`, reach, related: [], fixes: mark(false) };
}

/** A literal: declare a secret input and point the property (or the list item) at it. */
function literalFix(model: IacModel, resource: IacResource, s: Secret): ProposedFix<IacFixIntent>[] {
  const token = s.path[0] === 'authToken';
  const name = newInputName(model, resource, s.path.filter((x): x is string => typeof x === 'string').join('.'), !token);
  const description = token ? `AUTH token for ${resource.name}: ${TOKEN_RULES}.` : `A password of the user ${resource.name}.`;
  const title = `Move the ${token ? 'AUTH token' : 'password'} to a new ${secretInputNoun(resource)} '${name}' (its value is then given at deploy time)`;
  return [{ title, isPreferred: true, intent: { kind: 'all', intents: [secretInput(name, description), pointAt(resource, s.path, name)] } }];
}

function describeOwner(resource: IacResource): string {
  if (resource.kind === 'elasticacheUser') return `ElastiCache user '${resource.name}'`;
  if (resource.kind === 'memorydbUser') return `MemoryDB user '${resource.name}'`;
  return describeResource(resource);
}

function check(model: IacModel, ctx: RuleContext, resource: IacResource): Finding[] {
  const out: Finding[] = [];
  for (const path of SECRETS[resource.kind] ?? []) {
    for (const s of secretsOf(resource, path)) {
      const e = exposure(model, ctx, resource, s);
      if (!e) continue;
      const what = WHAT[path[path.length - 1]];
      const where = propertyName(resource, path.join('.'));
      const f: Finding = { range: s.value.range, message: `${describeOwner(resource)} exposes its ${what}: ${where} ${e.why}, so ${e.reach}.`, fixes: e.fixes };
      if (e.severity) f.severity = e.severity;
      if (e.related.length) f.related = e.related;
      out.push(f);
    }
  }
  return out;
}

export const authTokenExposed: IacRule = {
  target: 'iac',
  meta: {
    id: 'auth-token-exposed',
    title: 'An AUTH token or user password is written in the template or read from a non-secret input',
    defaultSeverity: 'error',
  },
  check: (model, ctx) => model.resources.flatMap((r) => check(model, ctx, r)),
};
