/**
 * One settings shape, read the same way from VS Code (`cachelint.*`) and from a repository's `.cachelint.json`.
 * Defaults < repository file < editor settings < command-line flags. Bad values never throw: they are dropped
 * with a message the host shows to the user.
 */
import type { SeveritySetting } from './types';
import type { ContextOverrides } from './context';
import { ruleById } from '../rules';

export interface UserSettings {
  enable?: unknown;
  rules?: unknown;
  ignore?: unknown;
  context?: unknown;
  maxFileSizeKb?: unknown;
  defaultTtlSeconds?: unknown;
}

export interface ResolvedSettings {
  enable: boolean;
  /** Severity overrides by rule id (aliases already folded to the current id by the engine). */
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  context: ContextOverrides;
  /** Files larger than this are skipped with a message: analysis time must stay bounded on a keystroke. */
  maxFileSizeKb: number;
  /** TTL written by the missing-ttl quick-fix. */
  defaultTtlSeconds: number;
}

export const DEFAULT_SETTINGS: ResolvedSettings = Object.freeze({
  enable: true,
  rules: {},
  ignore: [],
  context: {},
  maxFileSizeKb: 1024,
  defaultTtlSeconds: 3600,
}) as ResolvedSettings;

/** The one wording for a file skipped for its size, whether the host or the engine noticed. */
export function oversizeMessage(bytes: number, maxFileSizeKb: number): string {
  return `skipped: ${Math.round(bytes / 1024)} KB is over the ${maxFileSizeKb} KB limit (setting maxFileSizeKb)`;
}

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);
const SEVERITY_ALIASES: Record<string, SeveritySetting> = { information: 'info', warn: 'warning', none: 'off', ignore: 'off' };

export function parseSeverity(value: unknown): SeveritySetting | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (SEVERITIES.has(v)) return v as SeveritySetting;
  return SEVERITY_ALIASES[v];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Layers settings objects (lowest priority first) over the defaults. `source` names each layer in messages.
 */
export function resolveSettings(layers: { source: string; value: unknown }[]): { settings: ResolvedSettings; problems: string[] } {
  const out: ResolvedSettings = { ...DEFAULT_SETTINGS, rules: {}, ignore: [], context: {} };
  const problems: string[] = [];
  for (const { source, value } of layers) {
    if (value === undefined || value === null) continue;
    if (!isRecord(value)) { problems.push(`${source}: settings must be an object, got ${typeof value}`); continue; }
    const v = value as UserSettings;
    if (v.enable !== undefined) {
      if (typeof v.enable === 'boolean') out.enable = v.enable; else problems.push(`${source}: "enable" must be true or false`);
    }
    if (v.rules !== undefined) {
      if (!isRecord(v.rules)) problems.push(`${source}: "rules" must map rule ids to off|hint|info|warning|error`);
      else for (const [id, sev] of Object.entries(v.rules)) {
        const parsed = parseSeverity(sev);
        if (!ruleById(id)) problems.push(`${source}: unknown rule "${id}"`);
        else if (parsed) out.rules[id] = parsed;
        else problems.push(`${source}: rule "${id}" has severity ${JSON.stringify(sev)}; use off, hint, info, warning or error`);
      }
    }
    if (v.ignore !== undefined) {
      if (Array.isArray(v.ignore) && v.ignore.every((g) => typeof g === 'string')) out.ignore = [...out.ignore, ...(v.ignore as string[])];
      else problems.push(`${source}: "ignore" must be a list of glob strings`);
    }
    if (v.context !== undefined) {
      if (!isRecord(v.context)) problems.push(`${source}: "context" must be an object`);
      else out.context = { ...out.context, ...parseContext(v.context, source, problems) };
    }
    for (const key of ['maxFileSizeKb', 'defaultTtlSeconds'] as const) {
      const n = v[key];
      if (n === undefined) continue;
      if (typeof n === 'number' && Number.isFinite(n) && n > 0) out[key] = Math.floor(n);
      else problems.push(`${source}: "${key}" must be a positive number`);
    }
  }
  return { settings: out, problems };
}

function parseContext(c: Record<string, unknown>, source: string, problems: string[]): ContextOverrides {
  const o: ContextOverrides = {};
  for (const [k, val] of Object.entries(c)) {
    if (val === null || val === undefined || val === 'auto') continue;
    if (k === 'clusterMode') {
      if (val === 'enabled' || val === 'disabled') o.clusterMode = val;
      else problems.push(`${source}: context.clusterMode must be "enabled", "disabled" or "auto"`);
    } else if (k === 'serverless' || k === 'memorydb' || k === 'tls') {
      if (typeof val === 'boolean') o[k] = val;
      else problems.push(`${source}: context.${k} must be true, false or "auto"`);
    } else problems.push(`${source}: unknown context key "${k}"`);
  }
  return o;
}
