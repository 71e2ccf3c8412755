/** Shared by the construction tests: each construction and call-site origin as one line. */
import type { Range } from '../../../server/src/engine/types';
import type { ClientConstruction, ConnectionSetting } from '../../../server/src/model/code';
import { parse } from './helpers';
export const at = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}`;
export const span = (r: Range) => `${at(r)}-${r.end.line + 1}:${r.end.character + 1}`;

export function setting(name: string, s: ConnectionSetting<unknown>): string {
  const p = s.provenance;
  const prov = p.kind === 'environment' && p.name !== undefined ? `env(${p.name})` : p.kind === 'environment' ? 'env' : p.kind;
  return `${name}=${prov}${s.value !== undefined ? `:${JSON.stringify(s.value)}` : ''}@${at(s.range)}${s.entryRange ? `[${span(s.entryRange)}]` : ''}`;
}

/**
 * `L:C library as bound [exported] [opaque] lifetime | setting=provenance[:value]@L:C[entry L:C-L:C] …`, positions
 * 1-based; a per-call lifetime names its reason and the handler's or loop's range.
 */
export function summary(c: ClientConstruction): string {
  const life = c.lifetime.kind === 'per-call' ? `per-call:${c.lifetime.reason}@${span(c.lifetime.where)}` : c.lifetime.kind;
  const head = [
    `${at(c.range)} ${c.client.library}${c.client.cluster ? '+cluster' : ''}`,
    ...(c.boundTo !== undefined ? [`as ${c.boundTo}`] : []),
    ...(c.exported ? ['exported'] : []),
    ...(c.opaque ? ['opaque'] : []),
    life,
  ].join(' ');
  const opts = Object.entries(c.options).map(([k, v]) => setting(k, v as ConnectionSetting<unknown>));
  return opts.length ? `${head} | ${opts.join(' ')}` : head;
}

export async function clients(path: string, code: string): Promise<string[]> {
  return (await parse(path, code)).model.clients.map(summary);
}

/** `line method receiver -> #index` for every call site, `-` when not linked. */
export async function origins(path: string, code: string): Promise<string[]> {
  return (await parse(path, code)).model.calls.map((c) => `${c.calleeRange.start.line + 1} ${c.method} ${c.client.receiverText} -> ${c.client.origin ? `#${c.client.origin.index}` : '-'}`);
}
