/** Shared by the construction tests: each construction and call-site origin as one line. */
import type { ClientConstruction, ConnectionOptions, ConnectionSetting } from '../../../server/src/model/code';
import { parsePython } from './support';
export const ORDER: (keyof ConnectionOptions)[] = ['url', 'host', 'db', 'username', 'password', 'tls', 'verifyCertificate', 'verifyHostname'];

export function settingText(s: ConnectionSetting<unknown>): string {
  const p = s.provenance;
  const where = p.kind === 'environment' ? (p.name ? `env:${p.name}` : 'env') : p.kind === 'literal' ? 'lit' : p.kind;
  return s.value === undefined ? where : `${where}=${String(s.value)}`;
}

/** `line bound lifetime [opaque] [exported] option=provenance[=value] …`, lines 1-based. */
export function summarize(c: ClientConstruction): string {
  const life = c.lifetime.kind === 'per-call' ? `${c.lifetime.reason}@${c.lifetime.where.start.line + 1}` : c.lifetime.kind;
  const parts = [`${c.range.start.line + 1}`, c.boundTo ?? '-', life];
  if (c.opaque) parts.push('opaque');
  if (c.exported) parts.push('exported');
  for (const key of ORDER) {
    const s = c.options[key] as ConnectionSetting<unknown> | undefined;
    if (s) parts.push(`${key}=${settingText(s)}`);
  }
  return parts.join(' ');
}

export async function constructions(src: string, path = 'app/service.py'): Promise<string[]> {
  return (await parsePython(src, path)).model.clients.map(summarize);
}

/** `line COMMAND receiver→construction line` for each call site linked to a construction. */
export async function origins(src: string): Promise<string[]> {
  const { model } = await parsePython(src);
  return model.calls.map((c) => {
    const o = c.client.origin;
    return `${c.calleeRange.start.line + 1} ${c.command} ${c.client.receiverText}→${o ? model.clients[o.index].range.start.line + 1 : '?'}`;
  });
}
