/**
 * Ingress rules as one shape, whichever way they are written: CloudFormation's inline `SecurityGroupIngress` and
 * `AWS::EC2::SecurityGroupIngress`; Terraform's inline `ingress` blocks, `aws_security_group_rule` with
 * `type = "ingress"` and `aws_vpc_security_group_ingress_rule`. Rules about exposure read this, never the shapes.
 */
import type { IacModel, IacProperty, IacResource, IacValue } from '../iac';
import { inputValue, stringOf } from '../iac';
import type { Range } from '../../engine/types';
import { resolve, resolveProperty, type Resolution } from '../resolve';
import { boolItem, everyResource, itemsOf, numberItem, objectsOf, referrers, stringItem, type Item, type Located } from './common';

export interface IngressRule {
  /** The resource that declares the rule: the security group (inline rules) or the rule resource. */
  declaredBy: Located;
  /** Inline rules: the rule's position in the group's list. */
  index?: number;
  /** The rule as written: the inline object, or the rule resource's labels / logical id. */
  range: Range;
  /** The security group the rule admits traffic to. */
  group: Resolution;
  /** As written, lower-case, with protocol numbers of tcp/udp/icmp/icmpv6 named and `all` spelt `-1`. */
  protocol?: Item<string>;
  fromPort?: Item<number>;
  toPort?: Item<number>;
  /** Each source range; an item whose value is undefined may be any range (a variable, a list built at run time). */
  ipv4: Item<string>[];
  ipv6: Item<string>[];
  prefixLists: Item<string>[];
  /** Source security groups, each resolved. */
  sourceGroups: { raw: IacValue; group: Resolution }[];
  /** Terraform `self = true`: the group's own members. */
  self?: Item<boolean>;
}

export interface IngressView {
  rules: IngressRule[];
  /**
   * Inline rules that cannot be read one by one (`SecurityGroupIngress: !If …`, `ingress = var.rules`): the group
   * may admit anything, so no rule may say it admits nothing.
   */
  opaque: { declaredBy: Located; value: IacValue }[];
}

const SG = { kinds: ['securityGroup'] } as const;
const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

const views = new WeakMap<IacModel, IngressView>();

/** Every ingress rule of the file and its module, with the security group each belongs to. */
export function ingressView(model: IacModel): IngressView {
  let view = views.get(model);
  if (view) return view;
  view = { rules: [], opaque: [] };
  for (const located of everyResource(model)) {
    const r = located.resource;
    if (r.kind === 'securityGroup') inline(model, located, view);
    else if (r.kind === 'securityGroupIngress') view.rules.push(standalone(model, located));
    else if (r.kind === 'securityGroupRule') {
      // Egress rules, and rules whose direction cannot be known, admit nothing this view can vouch for.
      const type = stringItem(r.properties.get('type')?.value ?? { kind: 'literal', value: null, range: r.anchorRange });
      if (type.value?.toLowerCase() === 'ingress') view.rules.push(standalone(model, located));
    }
  }
  views.set(model, view);
  return view;
}

export function ingressRules(model: IacModel): IngressRule[] {
  return ingressView(model).rules;
}

/** The ingress rules that admit traffic to `group`. */
export function ingressOf(model: IacModel, group: IacResource): IngressRule[] {
  return ingressRules(model).filter((r) => r.group.kind === 'resource' && r.group.resource === group);
}

/** The caches (and their files) a security group is attached to, by reference, address or literal id. */
export function cachesBehind(model: IacModel, group: IacResource): Located[] {
  return referrers(model, group, 'securityGroupIds');
}

function inline(model: IacModel, located: Located, view: IngressView): void {
  // A `dynamic` block (ingress or egress: its label is not kept) may generate any rule.
  const dynamic = located.resource.properties.get('dynamic');
  if (dynamic) view.opaque.push({ declaredBy: located, value: dynamic.value });
  const prop = located.resource.properties.get('ingress');
  if (!prop) return;
  const { objects, opaque } = objectsOf(prop.value);
  for (const value of opaque) view.opaque.push({ declaredBy: located, value });
  const group: Resolution = { kind: 'resource', resource: located.resource, by: 'reference' };
  if (located.path !== undefined) group.path = located.path;
  const many = prop.value.kind === 'list';
  objects.forEach((o, i) => {
    const rule = readRule(model, located, o.entries, o.range, group);
    if (many) rule.index = i;
    view.rules.push(rule);
  });
}

function standalone(model: IacModel, located: Located): IngressRule {
  const r = located.resource;
  let group: Resolution = resolveProperty(model, r, 'groupId')?.[0] ?? { kind: 'absent' };
  const byName = r.properties.get('groupName');
  if (group.kind === 'absent' && byName) group = resolve(model, byName.value, SG);
  return readRule(model, located, r.properties, r.anchorRange, group);
}

function readRule(
  model: IacModel, declaredBy: Located, props: ReadonlyMap<string, IacProperty>, range: Range, group: Resolution,
): IngressRule {
  const get = (name: string) => props.get(name)?.value;
  const rule: IngressRule = {
    declaredBy, range, group,
    ipv4: ranges(get('cidrIpv4')),
    ipv6: ranges(get('cidrIpv6')),
    prefixLists: itemsOf(get('sourcePrefixListId')).map(stringItem),
    sourceGroups: itemsOf(get('sourceSecurityGroupId')).map((raw) => ({ raw, group: resolve(model, raw, SG) })),
  };
  const protocol = get('ipProtocol');
  if (protocol) {
    const p = stringItem(protocol);
    if (p.value !== undefined) p.value = PROTOCOL_NAMES[p.value.toLowerCase()] ?? p.value.toLowerCase();
    rule.protocol = p;
  }
  const from = get('fromPort'), to = get('toPort'), self = get('self');
  if (from) rule.fromPort = numberItem(from);
  if (to) rule.toPort = numberItem(to);
  if (self) rule.self = boolItem(self);
  return rule;
}

/**
 * Source ranges, one item each. A list that is one input (`cidr_blocks = var.allowed_cidrs`, a default or a
 * tfvars value of `["0.0.0.0/0"]`) gives an item per range of the input's value, each placed at the reference:
 * that is where the file says it, and the input (raw) says where the value comes from.
 */
function ranges(value: IacValue | undefined): Item<string>[] {
  if (value?.kind === 'input') {
    const v = inputValue(value.input);
    if (v?.kind === 'list') return v.items.map((x) => ({ value: stringOf(x), raw: value, range: value.range }));
  }
  return itemsOf(value).map(stringItem);
}

/**
 * The ports a rule opens, inclusive: every port for protocol -1 (whatever the ports say) and for `-1` ports (ICMP
 * types, the VPC rule's "all"); undefined when the protocol or a port cannot be known.
 */
export function portRange(rule: IngressRule): { from: number; to: number } | undefined {
  const protocol = rule.protocol?.value;
  if (protocol === '-1') return { from: 0, to: 65535 };
  if (protocol === undefined) return undefined;
  const from = rule.fromPort?.value, to = rule.toPort?.value;
  if (from === -1 || to === -1) return { from: 0, to: 65535 };
  if (from === undefined || to === undefined) return undefined;
  return { from, to };
}

/** Whether the rule opens `port` over TCP: undefined when that cannot be told. */
export function opensTcpPort(rule: IngressRule, port: number): boolean | undefined {
  const protocol = rule.protocol?.value;
  if (protocol !== undefined && protocol !== 'tcp' && protocol !== '-1') return false;
  const range = portRange(rule);
  return range ? range.from <= port && port <= range.to : undefined;
}
