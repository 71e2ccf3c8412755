/**
 * The engine versions ElastiCache offers on node-based clusters, and the support calendar of each line: plain data
 * for engine-version-outdated and, later, hover (issue 9). Every date and list names its source
 * (../shared/reference/aws-facts.md, "Engine versions and end of life"). MemoryDB and serverless versions are not
 * here: the facts hold no list for them.
 */
import type { Engine } from './schema/types';

const SUPPORTED_URL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html';
const DEPRECATED_URL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/deprecated-engine-versions.html';
const EXTENDED_URL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support-versions.html';
const CHARGES_URL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support-charges.html';
/** cfn-lint's allowed EngineVersion values (aws-facts.md §2, `schemas/extensions/aws_elasticache_cachecluster/engine_version.json`). */
const CFN_LINT_VERSIONS = 'https://github.com/aws-cloudformation/cfn-lint/blob/main/src/cfnlint/data/schemas/extensions/aws_elasticache_cachecluster/engine_version.json';
const PARAMETER_GROUPS_URL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html';

export interface SupportWindow {
  /** Last day of standard support (inclusive). */
  endOfStandardSupport: string;
  /** First day billed as Extended Support. */
  extendedSupportFrom: string;
  /** Last day of Extended Support: end of life. */
  endOfLife: string;
  source: string;
}

export interface EngineVersionLine {
  /** The versions as ElastiCache lists them, newest first: `7.1` (any 7.1.x), or exact (`4.0.10`, Memcached's). */
  versions: readonly string[];
  /**
   * Whether a listed version names a whole line (`7.1` takes any `7.1.x` the API reports), or only itself
   * (Memcached lists exact versions).
   */
  byMinor: boolean;
  /** Extended Support calendar by major version. */
  support: Readonly<Record<number, SupportWindow>>;
  /** Versions that no longer exist (deprecated or past end of life), with when and where it is stated. */
  retired: readonly { pattern: RegExp; text: string; source: string }[];
  /** The parameter group family of a major version, where the facts name it. */
  family?: (major: number) => string | undefined;
  source: string;
}

export const ENGINE_VERSIONS: Readonly<Record<Engine, EngineVersionLine>> = {
  redis: {
    versions: ['7.1', '7.0', '6.2', '6.0', '5.0.6', '4.0.10'],
    byMinor: true,
    support: {
      4: { endOfStandardSupport: '2026-01-31', extendedSupportFrom: '2026-02-01', endOfLife: '2029-01-31', source: EXTENDED_URL },
      5: { endOfStandardSupport: '2026-01-31', extendedSupportFrom: '2026-02-01', endOfLife: '2029-01-31', source: EXTENDED_URL },
      6: { endOfStandardSupport: '2027-01-31', extendedSupportFrom: '2027-02-01', endOfLife: '2030-01-31', source: EXTENDED_URL },
    },
    retired: [
      { pattern: /^5\.0\.[0-5]$/, text: 'Redis OSS 5.0.0–5.0.5 are deprecated (5.0.6 replaces them)', source: DEPRECATED_URL },
      { pattern: /^3(\.|$)/, text: 'Redis OSS 3.x reached end of life on 2023-07-31', source: DEPRECATED_URL },
      { pattern: /^2(\.|$)/, text: 'Redis OSS 2.x reached end of life on 2023-01-13', source: DEPRECATED_URL },
    ],
    source: SUPPORTED_URL,
  },
  valkey: {
    versions: ['9.1', '9.0', '8.2', '8.1', '8.0', '7.2'],
    byMinor: true,
    support: {},
    retired: [],
    family: (major) => (major >= 7 && major <= 9 ? `valkey${major}` : undefined),
    source: CFN_LINT_VERSIONS,
  },
  memcached: {
    versions: ['1.6.22', '1.6.17', '1.6.12', '1.6.6', '1.5.16', '1.5.10', '1.4.34', '1.4.33', '1.4.24', '1.4.14', '1.4.5'],
    byMinor: false,
    support: {},
    retired: [],
    source: CFN_LINT_VERSIONS,
  },
};

export const ENGINE_VERSION_SOURCES = { supported: SUPPORTED_URL, deprecated: DEPRECATED_URL, extended: EXTENDED_URL, charges: CHARGES_URL, parameterGroups: PARAMETER_GROUPS_URL } as const;

export interface VersionReading {
  /** As written, trimmed. */
  text: string;
  major: number;
  /** `7.1` of `7.1.0`; `6.x` reads as major 6 with no minor. */
  minor?: number;
  /** The listed version (or line) it is; undefined when ElastiCache does not list it. */
  listed?: string;
  /** Not listed, but on a listed major.minor line (a Memcached patch release cachelint's list does not have). */
  sameLine?: boolean;
  retired?: { text: string; source: string };
}

/** What the table says of a written version, or undefined when it is not a version at all. */
export function readVersion(engine: Engine, written: string): VersionReading | undefined {
  const text = written.trim();
  const m = /^(\d+)(?:\.(\d+|x))?(?:\.(\d+))?$/i.exec(text);
  if (!m) return undefined;
  const line = ENGINE_VERSIONS[engine];
  const major = Number(m[1]);
  const minor = m[2] === undefined || m[2].toLowerCase() === 'x' ? undefined : Number(m[2]);
  const out: VersionReading = { text, major };
  if (minor !== undefined) out.minor = minor;
  const retired = line.retired.find((r) => r.pattern.test(text));
  if (retired) {
    out.retired = { text: retired.text, source: retired.source };
    return out;
  }
  const parts = (v: string) => v.split('.').map(Number);
  if (minor === undefined) {
    // `6.x` / `7`: the newest version of the major at creation time (Terraform's docs for engine_version).
    const listed = line.versions.find((v) => parts(v)[0] === major);
    if (listed) out.listed = listed;
    return out;
  }
  const listed = line.versions.find((v) => {
    const [a, b, c] = parts(v);
    if (a !== major || b !== minor) return false;
    // Redis OSS 5.0.6 and 4.0.10 are exact versions within their lines.
    if (c !== undefined) return m[3] === undefined ? line.byMinor : Number(m[3]) === c;
    return line.byMinor;
  });
  if (listed) out.listed = listed;
  else if (line.versions.some((v) => parts(v)[0] === major && parts(v)[1] === minor)) out.sameLine = true;
  return out;
}

/** The newest listed version of an engine, or of one major version of it. */
export function newestVersion(engine: Engine, major?: number): string | undefined {
  return ENGINE_VERSIONS[engine].versions.find((v) => major === undefined || Number(v.split('.')[0]) === major);
}

/** The support window of a version's major line, when the calendar has one. */
export function supportWindow(engine: Engine, major: number): SupportWindow | undefined {
  return ENGINE_VERSIONS[engine].support[major];
}

export type SupportPhase = 'standard' | 'extended' | 'end-of-life';

/** Where a support window stands on `today` (YYYY-MM-DD): the rule, hover and completion read one answer. */
export function supportPhase(window: SupportWindow, today: string): SupportPhase {
  if (today <= window.endOfStandardSupport) return 'standard';
  return today <= window.endOfLife ? 'extended' : 'end-of-life';
}
