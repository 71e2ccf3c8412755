/** Compact words for the views' tests: one line per ingress rule, parameter or member, exact enough to break. */
import * as path from 'node:path';
import type { Resolution } from '../../../server/src/model/resolve';
import type { IngressRule } from '../../../server/src/model/views/ingress';
import { portRange } from '../../../server/src/model/views/ingress';
import type { Item } from '../../../server/src/model/views/common';
import { at } from '../terraform/parse';

export function showResolution(r: Resolution): string {
  switch (r.kind) {
    case 'resource': return `${r.resource.name}${r.path ? '@' + path.basename(r.path) : ''}`;
    case 'external': return `external:${r.name}`;
    default: return r.kind;
  }
}

function items<T>(xs: Item<T>[]): string {
  return '[' + xs.map((x) => `${x.value === undefined ? '?' : String(x.value)}@${at(x.range)}`).join(' ') + ']';
}

export function showRule(r: IngressRule): string {
  const ports = portRange(r);
  const parts = [
    `${r.declaredBy.resource.name}${r.index === undefined ? '' : '#' + r.index}`,
    `group=${showResolution(r.group)}`,
    `proto=${r.protocol?.value ?? (r.protocol ? '?' : 'none')}`,
    `ports=${ports ? `${ports.from}-${ports.to}` : '?'}`,
  ];
  if (r.ipv4.length) parts.push(`v4=${items(r.ipv4)}`);
  if (r.ipv6.length) parts.push(`v6=${items(r.ipv6)}`);
  if (r.prefixLists.length) parts.push(`pl=${items(r.prefixLists)}`);
  if (r.sourceGroups.length) parts.push(`src=[${r.sourceGroups.map((s) => showResolution(s.group)).join(' ')}]`);
  if (r.self) parts.push(`self=${String(r.self.value)}`);
  return parts.join(' ');
}
