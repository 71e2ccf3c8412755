/**
 * One settings shape, read the same way from VS Code (`cachelint.*`) and from a repository's `.cachelint.json`.
 * Defaults < repository file < editor settings < command-line flags. Bad values never throw: they are dropped
 * with a message the host shows to the user.
 */
import type { SeveritySetting } from './types';
import type { ContextOverrides } from './context';
import { ALL_RULES, ruleById } from '../rules';
import type { RuleMeta } from '../rules/rule';

export interface UserSettings {
  enable?: unknown;
  rules?: unknown;
  ignore?: unknown;
  context?: unknown;
  maxFileSizeKb?: unknown;
  defaultTtlSeconds?: unknown;
  clients?: unknown;
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
  /**
   * Receivers resolution cannot prove but the user says are clients: a name (`redis_connection`), a class name
   * whose instances are (`RedisClient`), or a member path (`this.cache`, `self.cache`).
   */
  clients: string[];
  /**
   * The day support dates are judged against (YYYY-MM-DD); the clock's when absent. Set by callers (tests), not
   * read from user settings.
   */
  today?: string;
}

/** Every key the settings shape has, in the order messages list them. */
export const SETTING_KEYS = ['enable', 'rules', 'ignore', 'context', 'maxFileSizeKb', 'defaultTtlSeconds', 'clients'] as const;

/** A name or a dotted member path, as code spells a receiver. */
const RECEIVER_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u;

/** Whole-number settings and the range each accepts (a TTL over a year, or a fraction of a second, is a typo). */
const INTEGER_RANGES = {
  maxFileSizeKb: { min: 1, max: 102_400, unit: 'KB' },
  defaultTtlSeconds: { min: 1, max: 31_536_000, unit: 'seconds' },
} as const;

export const DEFAULT_SETTINGS: ResolvedSettings = Object.freeze({
  enable: true,
  rules: {},
  ignore: [],
  context: {},
  maxFileSizeKb: 1024,
  defaultTtlSeconds: 3600,
  clients: [],
}) as ResolvedSettings;

/** The one wording for a file skipped for its size, whether the host or the engine noticed. */
export function oversizeMessage(bytes: number, maxFileSizeKb: number): string {
  return `skipped: ${Math.round(bytes / 1024)} KB is over the ${maxFileSizeKb} KB limit (setting maxFileSizeKb)`;
}

/**
 * The severity the user set for a rule (by its id or an old alias); 'off' for an opt-in rule nobody turned on;
 * undefined when the rule's own severity applies.
 */
export function severitySettingOf(settings: ResolvedSettings, meta: RuleMeta): SeveritySetting | undefined {
  const own = settings.rules[meta.id] ?? meta.aliases?.map((a) => settings.rules[a]).find(Boolean);
  if (own) return own;
  return meta.optIn ? 'off' : undefined;
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

/** How a JSON value reads in a message: `an array`, `null`, `the string "x"`. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** The known key a misspelt one was probably meant to be (edit distance ≤ 2, case-insensitive). */
function closest(key: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  };
  if (key.length > 64) return undefined;
  let best: { key: string; d: number } | undefined;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}

/**
 * Layers settings objects (lowest priority first) over the defaults. `source` names each layer in messages (the
 * config file's path, or the editor). An invalid value is reported and leaves the lower layer's value (in the end,
 * the default) in force; nothing is guessed.
 */
export function resolveSettings(layers: { source: string; value: unknown }[]): { settings: ResolvedSettings; problems: string[] } {
  const out: ResolvedSettings = { ...DEFAULT_SETTINGS, rules: {}, ignore: [], context: {}, clients: [] };
  const problems: string[] = [];
  for (const { source, value } of layers) {
    if (value === undefined) continue;
    if (!isRecord(value)) { problems.push(`${source}: settings must be a JSON object like {"rules": {…}}, got ${describe(value)}`); continue; }
    for (const key of Object.keys(value)) {
      // `$schema` is how editors attach a JSON schema to a config file: not a setting, not a mistake.
      if ((SETTING_KEYS as readonly string[]).includes(key) || key === '$schema') continue;
      const guess = closest(key, SETTING_KEYS);
      problems.push(`${source}: unknown setting "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}; known settings: ${SETTING_KEYS.join(', ')}`);
    }
    const v = value as UserSettings;
    if (v.enable !== undefined) {
      if (typeof v.enable === 'boolean') out.enable = v.enable;
      else problems.push(`${source}: "enable" must be true or false, got ${describe(v.enable)}`);
    }
    if (v.rules !== undefined) {
      if (!isRecord(v.rules)) problems.push(`${source}: "rules" must be an object mapping rule ids to off|hint|info|warning|error, got ${describe(v.rules)}`);
      else for (const [id, sev] of Object.entries(v.rules)) {
        const parsed = parseSeverity(sev);
        if (!ruleById(id)) {
          const guess = closest(id, ALL_RULES.map((r) => r.meta.id));
          problems.push(`${source}: unknown rule "${id}" in "rules"${guess ? ` (did you mean "${guess}"?)` : ''}`);
        }
        else if (parsed) out.rules[id] = parsed;
        else problems.push(`${source}: rule "${id}" has severity ${JSON.stringify(sev)}; use off, hint, info, warning or error`);
      }
    }
    if (v.ignore !== undefined) {
      if (Array.isArray(v.ignore) && v.ignore.every((g) => typeof g === 'string')) out.ignore = [...out.ignore, ...(v.ignore as string[])];
      else problems.push(`${source}: "ignore" must be a list of glob strings, got ${describe(v.ignore)}`);
    }
    if (v.context !== undefined) {
      if (!isRecord(v.context)) problems.push(`${source}: "context" must be an object such as {"clusterMode": "enabled"}, got ${describe(v.context)}`);
      else out.context = { ...out.context, ...parseContext(v.context, source, problems) };
    }
    if (v.clients !== undefined) {
      const bad = Array.isArray(v.clients) ? v.clients.find((c) => typeof c !== 'string' || !RECEIVER_NAME.test(c)) : undefined;
      if (!Array.isArray(v.clients)) problems.push(`${source}: "clients" must be a list of receiver names such as ["redis_connection", "RedisClient", "this.cache"], got ${describe(v.clients)}`);
      else if (bad !== undefined) problems.push(`${source}: "clients" entries must be a name or a member path such as "redis_connection" or "this.cache", got ${describe(bad)}`);
      else out.clients = [...new Set([...out.clients, ...(v.clients as string[])])];
    }
    for (const key of ['maxFileSizeKb', 'defaultTtlSeconds'] as const) {
      const n = v[key];
      if (n === undefined) continue;
      const { min, max, unit } = INTEGER_RANGES[key];
      if (typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max) out[key] = n;
      else problems.push(`${source}: "${key}" must be a whole number of ${unit} from ${min} to ${max.toLocaleString('en')}, got ${describe(n)}`);
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
      else problems.push(`${source}: "context.clusterMode" must be "enabled", "disabled" or "auto", got ${describe(val)}`);
    } else if (k === 'serverless' || k === 'memorydb' || k === 'tls') {
      if (typeof val === 'boolean') o[k] = val;
      else problems.push(`${source}: "context.${k}" must be true, false or "auto", got ${describe(val)}`);
    } else problems.push(`${source}: unknown key "${k}" in "context"; known: clusterMode, serverless, memorydb, tls`);
  }
  return o;
}
