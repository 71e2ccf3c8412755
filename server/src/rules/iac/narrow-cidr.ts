/**
 * The public-ingress fix: replace one source range of an ingress rule with one that is not the internet. The VPC's
 * own range when the template declares the VPC the group lives in (every client inside it keeps working); else a
 * new input for the allowed range, which whoever deploys must give (a placeholder CIDR would deploy and silently
 * lock everyone out, or in).
 */
import type { Expression, IacFixIntent, ProposedFix } from '../../fixes/intents';
import type { IacModel, IacResource } from '../../model/iac';
import { inputNoun } from '../../model/iac-schema';
import { ingressRules, type IngressRule } from '../../model/views/ingress';
import { propertyName } from './names';
import { replacementNote } from './verdict';

const VPC_TYPES = new Set(['AWS::EC2::VPC', 'aws_vpc']);

export type Family = 'ipv4' | 'ipv6';

export const CIDR_PATH: Record<Family, string> = { ipv4: 'cidrIpv4', ipv6: 'cidrIpv6' };

/**
 * Where the item sits under the resource that declares the rule, as a setAt path: an inline rule is an entry of the
 * group's `ingress` list (a single Terraform block is entry 0), a range is an entry of its list when written as one.
 */
function pathOf(rule: IngressRule, family: Family, itemIndex: number): (string | number)[] | undefined {
  const r = rule.declaredBy.resource;
  const canonical = CIDR_PATH[family];
  let props = r.properties;
  const path: (string | number)[] = [];
  if (r.kind === 'securityGroup') {
    const list = r.properties.get('ingress')?.value;
    if (!list) return undefined;
    // The view numbers readable rules only; the edit needs the place in the list as written.
    const index = list.kind === 'list' ? list.items.findIndex((x) => x.range === rule.range) : 0;
    const object = list.kind === 'list' ? list.items[index] : list;
    if (index < 0 || object?.kind !== 'object') return undefined;
    props = object.entries;
    path.push('ingress', index);
  }
  const value = props.get(canonical)?.value;
  if (!value) return undefined;
  path.push(canonical);
  if (value.kind === 'list') path.push(itemIndex);
  return path;
}

/** The VPC the rule's group is in, when this template or module declares it. */
function declaredVpc(model: IacModel, rule: IngressRule): string | undefined {
  if (rule.group.kind !== 'resource') return undefined;
  const vpc = rule.group.resource.properties.get('vpcId')?.value;
  if (vpc?.kind !== 'resource') return undefined;
  const type = model.declared?.get(vpc.target)?.type;
  return type && VPC_TYPES.has(type) ? vpc.target : undefined;
}

/**
 * Whether another ingress rule already reads an input of that name that some file declares: the trace an earlier
 * narrowing fix leaves (the model lists no inputs of its own).
 */
function declaresInput(model: IacModel, name: string): boolean {
  return ingressRules(model).some((r) => [...r.ipv4, ...r.ipv6].some((i) => i.raw.kind === 'input' && i.raw.input.name === name && i.raw.input.declared !== false));
}

/** A new input's name in the file's own convention: a CloudFormation parameter is alphanumeric only. */
function inputName(resource: IacResource, words: string[]): string {
  return inputNoun(resource) === 'parameter'
    ? words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')
    : words.join('_');
}

/** Fixes that narrow the `itemIndex`-th range of `family` of `rule`; none when the range is not written there. */
export function narrowFixes(model: IacModel, rule: IngressRule, family: Family, itemIndex: number): ProposedFix<IacFixIntent>[] {
  const resource = rule.declaredBy.resource;
  const path = pathOf(rule, family, itemIndex);
  if (!path) return [];
  const written = propertyName(resource, resource.kind === 'securityGroup' ? `ingress.${CIDR_PATH[family]}` : CIDR_PATH[family]).split('.').pop()!;
  const note = resource.kind === 'securityGroup' ? '' : replacementNote(resource, CIDR_PATH[family], 'rule');
  const vpc = family === 'ipv4' ? declaredVpc(model, rule) : undefined;
  if (vpc) {
    // A VPC's IPv6 block is optional (and a list in CloudFormation): only its IPv4 range is sure to exist.
    const expression: Expression = { cloudformation: `!GetAtt ${vpc}.CidrBlock`, terraform: `${vpc}.cidr_block` };
    return [{
      title: `Narrow ${written} to the range of VPC '${vpc}'${note}`, isPreferred: true,
      intent: { kind: 'setAt', resource, path, value: { expression } },
    }];
  }
  const name = inputName(resource, family === 'ipv4' ? ['cache', 'allowed', 'cidr'] : ['cache', 'allowed', 'ipv6', 'cidr']);
  const reference: Expression = { cloudformation: `!Ref ${name}`, terraform: `var.${name}` };
  if (declaresInput(model, name)) {
    // An earlier fix declared it: point this rule at the same input rather than declare it twice.
    return [{
      title: `Narrow ${written} to ${inputNoun(resource)} '${name}' (the clients' range)${note}`, isPreferred: true,
      intent: { kind: 'setAt', resource, path, value: { expression: reference } },
    }];
  }
  return [{
    title: `Narrow ${written} to a new ${inputNoun(resource)} '${name}' (the clients' range)${note}`, isPreferred: true,
    intent: {
      kind: 'all',
      intents: [
        {
          kind: 'addInput', name, type: { cloudformation: 'String', terraform: 'string' },
          description: `The ${family === 'ipv4' ? 'IPv4' : 'IPv6'} range allowed to reach the cache port: the clients' network, never the whole internet.`,
        },
        { kind: 'setAt', resource, path, value: { expression: reference } },
      ],
    },
  }];
}
