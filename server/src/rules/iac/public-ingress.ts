/**
 * A cache port open to the whole internet: an ingress rule, in any of its five shapes (model/views/ingress.ts),
 * that admits a `/0` source range (0.0.0.0/0, ::/0) to 6379, 6380, 11211 or a cache's own Port, where the group is
 * attached to a cache, or where no cache is known behind it but the rule names a cache port itself. A wide range
 * (0-65535, protocol -1) on a group with no cache behind it is some other service's business: silent. Prefix lists
 * and source groups are not public; a range that cannot be known is not reported.
 */
import type { IacRule, RuleContext, RuleFinding } from '../rule';
import type { IacFixIntent } from '../../fixes/intents';
import type { RelatedLocation } from '../../engine/types';
import type { IacModel, IacValue } from '../../model/iac';
import { booleanOf, inputValue, stringOf } from '../../model/iac';
import { baseName } from '../../model/module';
import { effectiveValue } from '../../model/effective';
import type { Item, Located } from '../../model/views/common';
import { cachesBehind, ingressRules, opensTcpPort, portRange, type IngressRule } from '../../model/views/ingress';
import { describeResource, engineOf, propertyName } from './names';
import { CIDR_PATH, narrowFixes, type Family } from './narrow-cidr';

/** Valkey/Redis OSS, its read port (aws-facts.md §5 ports), and Memcached (§2b port). */
const CACHE_PORTS = [6379, 6380, 11211];
const PORT_ROLE: Record<number, string> = { 6379: 'the Valkey/Redis OSS port', 6380: 'the Valkey/Redis OSS read port', 11211: 'the Memcached port' };

/** Any prefix of length 0 is every address of its family, however the address is spelt (`0.0.0.0/0`, `::/0`, `::0/0`). */
function isWholeInternet(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}

interface Exposure { port: number; caches: Located[] }

/** The cache port a rule opens and the caches behind it; undefined when it opens none that matters here. */
function exposureOf(model: IacModel, rule: IngressRule): Exposure | undefined {
  const caches = rule.group.kind === 'resource' ? cachesBehind(model, rule.group.resource) : [];
  if (caches.length) {
    const own = caches.map((c) => effectiveValue(c.resource, 'port').value).filter((p): p is number => typeof p === 'number');
    const port = [...own, ...CACHE_PORTS].find((p) => opensTcpPort(rule, p) === true);
    return port === undefined ? undefined : { port, caches };
  }
  // Nothing known behind the group: only a rule written for a cache port says it is for a cache.
  const range = portRange(rule);
  if (rule.protocol?.value !== 'tcp' || !range) return undefined;
  const port = CACHE_PORTS.find((p) => p === range.from || p === range.to);
  return port === undefined ? undefined : { port, caches: [] };
}

/** A range's value in effect: a condition an input decides (Terraform `var.public ? … : …`) is decided. */
function decided(item: Item<string>): string | undefined {
  if (item.value !== undefined) return item.value;
  const raw = item.raw;
  if (raw.kind !== 'choice' || !raw.condition.input) return undefined;
  const when = booleanOf(inputValue(raw.condition.input));
  if (when === undefined) return undefined;
  return stringOf(when ? raw.then : raw.else);
}

/** Where an input's value comes from, for the message and a related location. */
function fromInput(raw: IacValue, ctx: RuleContext): { clause: string; related?: RelatedLocation } | undefined {
  if (raw.kind !== 'input') return undefined;
  const input = raw.input;
  if (input.assigned) {
    return { clause: ` from '${input.name}', set in ${baseName(input.assigned.path)}`, related: { path: input.assigned.path, range: input.assigned.value.range, message: `'${input.name}' is set here` } };
  }
  const clause = ` from the default of '${input.name}'`;
  if (!input.defaultValue) return { clause };
  return { clause, related: { path: input.path ?? ctx.path, range: input.defaultValue.range, message: `the default of '${input.name}'` } };
}

function groupLabel(rule: IngressRule): string {
  const g = rule.group;
  if (g.kind === 'resource') return `Security group '${g.resource.name}'`;
  if (g.kind === 'external') return `Security group '${g.name}'`;
  return `Ingress rule '${rule.declaredBy.resource.name}'`;
}

/** 'Replication group …' mid-sentence; 'MemoryDB cluster …' keeps its capitals. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]*\s/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

function portsText(rule: IngressRule, port: number): string {
  const range = portRange(rule)!;
  if (range.from === range.to) return `port ${port}`;
  if (range.from === 0 && range.to === 65535) return `every port (${port} among them)`;
  return `ports ${range.from}-${range.to} (${port} among them)`;
}

function findingsOf(model: IacModel, rule: IngressRule, ctx: RuleContext): RuleFinding<IacFixIntent>[] {
  const exposure = exposureOf(model, rule);
  if (!exposure) return [];
  const { port, caches } = exposure;
  const owner = rule.declaredBy.resource;
  const cacheRelated: RelatedLocation[] = caches.map((c) => ({ path: c.path ?? ctx.path, range: c.resource.anchorRange, message: `${describeResource(c.resource)} uses this security group` }));
  const behind = caches.length
    ? `, where ${caches.map((c) => lowerFirst(describeResource(c.resource))).join(' and ')} listen${caches.length === 1 ? 's' : ''}`
    : ` (${PORT_ROLE[port] ?? 'a cache port'})`;
  const family = (engineOf(caches[0]?.resource ?? owner) === 'memcached' || port === 11211) ? 'Memcached' : 'Valkey/Redis OSS';
  const consequence = caches.length
    ? `anyone on the internet can reach the cache${caches.length === 1 ? '' : 's'}`
    : `anyone on the internet can connect to whatever ${family} server the group protects`;
  const out: RuleFinding<IacFixIntent>[] = [];
  const families: [Family, Item<string>[], string][] = [['ipv4', rule.ipv4, 'IPv4'], ['ipv6', rule.ipv6, 'IPv6']];
  for (const [fam, items, label] of families) {
    const written = propertyName(owner, owner.kind === 'securityGroup' ? `ingress.${CIDR_PATH[fam]}` : CIDR_PATH[fam]).split('.').pop()!;
    // A list input gives its ranges at one place: one finding there is enough.
    const seen = new Set<IacValue>();
    items.forEach((item, i) => {
      if (seen.has(item.raw)) return;
      const value = decided(item);
      const who = groupLabel(rule);
      const where = portsText(rule, port);
      if (value !== undefined) {
        if (!isWholeInternet(value)) return;
        seen.add(item.raw);
        const input = fromInput(item.raw, ctx);
        const related = [...cacheRelated, ...(input?.related ? [input.related] : [])];
        // Only a range written here is this file's to narrow; an input's value belongs to whoever sets it.
        const fixes = item.raw.kind === 'literal' ? narrowFixes(model, rule, fam, i) : [];
        out.push({
          range: item.range, related, fixes,
          message: `${who} admits ${written} "${value}"${input?.clause ?? ''} (the whole ${label} internet) on ${where}${behind}: ${consequence}.`,
        });
        return;
      }
      const branch = item.branches?.find((b) => b.value !== undefined && isWholeInternet(b.value));
      if (!branch) return;
      out.push({
        range: branch.range ?? item.range, related: cacheRelated, severity: 'info',
        message: `${who} admits ${written} "${branch.value}" (the whole ${label} internet) on ${where}${behind} when ${branch.condition} is ${branch.when}: on that branch ${consequence}.`,
      });
    });
  }
  return out;
}

export const publicIngress: IacRule = {
  target: 'iac',
  meta: {
    id: 'public-ingress',
    title: 'A cache port is open to the whole internet (0.0.0.0/0 or ::/0)',
    defaultSeverity: 'error',
  },
  // Rules of another file of the module are reported when that file is analysed.
  check: (model, ctx) => ingressRules(model).filter((r) => r.declaredBy.path === undefined).flatMap((r) => findingsOf(model, r, ctx)),
};
