/**
 * `cachelint size`: the sizing engine from the command line. Flags map one-to-one onto the Workload; validation is
 * the engine's own (validateWorkload), with each field named by its flag. Exit 0 with a plan, 2 on bad input.
 */
import { planSizing, validateWorkload, type WorkloadDraft, type WorkloadField } from '../sizing';
import { sizingText } from '../sizing/text';

export const SIZE_USAGE = `usage: cachelint size --engine valkey|redis|memcached
                      (--type string|hash|set|zset|list --keys N --key-bytes K --value-bytes V
                       [--fields F] [--field-bytes B] [--no-ttl] [--integer-values]  |  --total SIZE)
                      [--reads-per-sec R] [--writes-per-sec W] [--read-bytes B] [--write-bytes B]
                      [--role cache|database|durable-cache] [--replicas N] [--multi-az|--no-multi-az]
                      [--multi-region [--secondary-regions 1|2]] [--spiky] [--growth PERCENT] [--connections N]
                      [--json]

Sizes a cache: the engine memory the data takes, step by step, and ranked deployment options (node-based
ElastiCache, ElastiCache Serverless, MemoryDB, data tiering) side by side.

  --engine          valkey, redis (Redis OSS) or memcached
  --type            string; hash (--fields per key, --field-bytes per name); set, zset, list (--fields members)
  --keys            number of keys (1.5k, 3m, 1e6 and 200,000 are understood)
  --key-bytes       key length; --value-bytes: a string's value, a hash field's value, a member's size
  --total           instead of the item flags: a dataset measured on an engine (e.g. 2GB, 512MiB)
  --no-ttl          keys carry no TTL (default: a TTL per key for role cache)
  --integer-values  values are integers of up to --value-bytes digits (Valkey/Redis OSS store them as integers)
  --reads-per-sec, --writes-per-sec   peak operations (default 0)
  --read-bytes, --write-bytes         bytes per request (default: the whole value; required with --total)
  --role            cache (default), database (MemoryDB first) or durable-cache (Valkey with durability)
  --replicas        replicas per shard, 0–5 (default 1; Memcached 0); --multi-az defaults to replicas ≥ 1
  --multi-region    Global Datastore; --secondary-regions: how many other Regions get the writes (1 or 2, default 1)
  --spiky           traffic with peaks (serverless ranks first)
  --growth          headroom for growth, percent of the data (default 20); --connections (default 100)
  --json            {"input","estimate":{"datasetBytes","steps":[…]},"options":[…],"warnings":[…]}

Units: KB/MB/GB/TB are decimal (10^3 …), KiB/MiB/GiB/TiB binary (2^10 …); k/m/b on counts are thousand,
million, billion. Exit status: 0 a plan was printed, 2 bad input (one line on stderr naming the flag).`;

const FLAG_OF: Record<WorkloadField, string> = {
  engine: '--engine', role: '--role', data: '--total', 'data.type': '--type', 'data.keys': '--keys',
  'data.keyBytes': '--key-bytes', 'data.valueBytes': '--value-bytes', 'data.fields': '--fields',
  'data.fieldBytes': '--field-bytes', 'data.withTtl': '--no-ttl', 'data.integerValues': '--integer-values', 'data.bytes': '--total', growthPercent: '--growth',
  readsPerSec: '--reads-per-sec', writesPerSec: '--writes-per-sec', readBytes: '--read-bytes', writeBytes: '--write-bytes',
  connections: '--connections', replicas: '--replicas', multiAz: '--multi-az', multiRegion: '--multi-region',
  secondaryRegions: '--secondary-regions', traffic: '--spiky',
};

type Setter = (d: WorkloadDraft, v: string) => void;
const data = (d: WorkloadDraft) => (d.data ??= {});
const VALUE_FLAGS: Record<string, Setter> = {
  '--engine': (d, v) => { d.engine = v; },
  '--role': (d, v) => { d.role = v; },
  '--type': (d, v) => { data(d).type = v; },
  '--keys': (d, v) => { data(d).keys = v; },
  '--key-bytes': (d, v) => { data(d).keyBytes = v; },
  '--value-bytes': (d, v) => { data(d).valueBytes = v; },
  '--fields': (d, v) => { data(d).fields = v; },
  '--field-bytes': (d, v) => { data(d).fieldBytes = v; },
  '--total': (d, v) => { data(d).bytes = v; },
  '--reads-per-sec': (d, v) => { d.readsPerSec = v; },
  '--writes-per-sec': (d, v) => { d.writesPerSec = v; },
  '--read-bytes': (d, v) => { d.readBytes = v; },
  '--write-bytes': (d, v) => { d.writeBytes = v; },
  '--replicas': (d, v) => { d.replicas = v; },
  '--growth': (d, v) => { d.growthPercent = v; },
  '--connections': (d, v) => { d.connections = v; },
  '--secondary-regions': (d, v) => { d.secondaryRegions = v; },
};
const SWITCHES: Record<string, (d: WorkloadDraft) => void> = {
  '--no-ttl': (d) => { data(d).withTtl = false; },
  '--integer-values': (d) => { data(d).integerValues = true; },
  '--multi-az': (d) => { d.multiAz = true; },
  '--no-multi-az': (d) => { d.multiAz = false; },
  '--multi-region': (d) => { d.multiRegion = true; },
  '--spiky': (d) => { d.traffic = 'spiky'; },
};
/** Pairs that say opposite things. */
const OPPOSITES: [string, string][] = [['--multi-az', '--no-multi-az']];

class UsageError extends Error {}

function parse(argv: string[]): { draft: WorkloadDraft; json: boolean } | 'help' {
  const draft: WorkloadDraft = {};
  let json = false;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '--json') { json = true; continue; }
    if (seen.has(flag)) throw new UsageError(`${flag} is given twice`);
    seen.add(flag);
    const set = VALUE_FLAGS[flag];
    if (set) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v.startsWith('--') || v.trim() === '') throw new UsageError(`${flag} needs a value`);
      set(draft, v);
      continue;
    }
    const sw = SWITCHES[flag];
    if (sw) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      sw(draft);
      continue;
    }
    throw new UsageError(a.startsWith('-') ? `unknown option ${a} (cachelint size --help lists them)` : `unexpected argument "${a}" (cachelint size takes flags only)`);
  }
  for (const [a, b] of OPPOSITES) if (seen.has(a) && seen.has(b)) throw new UsageError(`${a} and ${b} contradict each other`);
  return { draft, json };
}

/** Runs `cachelint size ARGS…`; returns the exit code. */
export function runSize(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let parsed: ReturnType<typeof parse>;
  try { parsed = parse(argv); } catch (e) {
    if (e instanceof UsageError) { err(`cachelint size: ${e.message}\n`); return 2; }
    throw e;
  }
  if (parsed === 'help') { out(SIZE_USAGE + '\n'); return 0; }
  const checked = validateWorkload(parsed.draft, (f) => FLAG_OF[f]);
  if (!checked.ok) { err(`cachelint size: ${checked.error.message}\n`); return 2; }
  const result = planSizing(checked.workload);
  out((parsed.json ? JSON.stringify(result, null, 2) : sizingText(result)) + '\n');
  return 0;
}
