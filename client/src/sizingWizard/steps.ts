/**
 * The wizard's nine steps (engine, role, data, growth, reads, writes, replicas/Multi-AZ, multi-region, traffic), the
 * data step branching into total size or item by item. Answers are kept as typed text, so going Back shows what the
 * user wrote; they become a workload only at the end, through the same parsers as the CLI (sizing/units.ts).
 */
import type { DataType, SizingEngine, SizingRole, Workload } from '../../../server/src/sizing/types';
import { parseBytes, parseCount, parseRate } from '../../../server/src/sizing/units';
import type { CacheAtResult } from '../../../server/src/protocol';
import { askText, pickOne, type Answer, type PickItem } from './multiStep';

export interface WizardState {
  engine: SizingEngine;
  role: SizingRole;
  dataKind: 'total' | 'items';
  total: string;
  type: DataType;
  keys: string;
  keyBytes: string;
  valueBytes: string;
  fields: string;
  fieldBytes: string;
  growth: string;
  reads: string;
  readBytes: string;
  writes: string;
  writeBytes: string;
  replicas: number;
  multiAz: boolean;
  multiRegion: boolean;
  traffic: 'steady' | 'spiky';
}

export function initialState(current?: CacheAtResult): WizardState {
  const replicas = current?.replicasPerShard ?? 1;
  return {
    engine: current?.engine ?? 'valkey',
    role: current?.service === 'memorydb' ? 'database' : 'cache',
    dataKind: 'items', total: '10 GB', type: 'string', keys: '1m', keyBytes: '40', valueBytes: '1 KB', fields: '10', fieldBytes: '10',
    growth: '20', reads: '10k', readBytes: '1 KB', writes: '1k', writeBytes: '1 KB',
    replicas: current?.engine === 'memcached' ? 0 : replicas,
    multiAz: current?.multiAz ?? replicas > 0,
    multiRegion: false, traffic: 'steady',
  };
}

const ok = (p: { ok: true } | { ok: false; message: string }) => (p.ok ? undefined : p.message);
const validBytes = (what: string) => (s: string) => {
  const p = parseBytes(s, what);
  return !p.ok ? p.message : p.value === 0 ? `${what} must be more than 0` : undefined;
};
const validCount = (what: string, min: number) => (s: string) => {
  const p = parseCount(s, what);
  return !p.ok ? p.message : p.value < min ? `${what} must be at least ${min}` : undefined;
};
const validRate = (what: string) => (s: string) => ok(parseRate(s, what));
const validPercent = (s: string) => {
  const p = parseRate(s.replace(/%\s*$/, ''), 'growth');
  return !p.ok ? p.message : p.value > 1000 ? 'growth is a percent of the dataset, at most 1000' : undefined;
};

/** A step of the wizard: its counter position, whether it applies to the answers so far, and how it asks. */
interface Step {
  main: number;
  name: string;
  applies?(s: WizardState): boolean;
  ask(s: WizardState, frame: { title: string; step: number; totalSteps: number; canGoBack: boolean }): Promise<Answer<void>>;
}

const TOTAL = 9;

/** Sets `key` from a pick and passes Back/Cancel through. */
function pickInto<K extends keyof WizardState>(s: WizardState, key: K, answer: Answer<WizardState[K]>): Answer<void> {
  if (answer.kind !== 'next') return answer;
  s[key] = answer.value;
  return { kind: 'next', value: undefined };
}

function textStep<K extends 'total' | 'keys' | 'keyBytes' | 'valueBytes' | 'fields' | 'fieldBytes' | 'growth' | 'reads' | 'readBytes' | 'writes' | 'writeBytes'>(
  main: number, name: string, key: K, prompt: string, placeholder: string, validate: (s: string) => string | undefined, applies?: (s: WizardState) => boolean,
): Step {
  return {
    main, name, applies,
    async ask(s, frame) {
      const a = await askText(frame, s[key], prompt, placeholder, validate);
      if (a.kind !== 'next') return a;
      s[key] = a.value.trim();
      return { kind: 'next', value: undefined };
    },
  };
}

const items = (s: WizardState) => s.dataKind === 'items';
const positive = (text: string) => { const p = parseRate(text); return p.ok && p.value > 0; };

export const STEPS: Step[] = [
  {
    main: 1, name: 'engine',
    ask: async (s, f) => pickInto(s, 'engine', await pickOne<SizingEngine>(f, [
      { label: 'Valkey', description: 'open-source successor of Redis OSS; lowest price on ElastiCache', value: 'valkey' },
      { label: 'Redis OSS', description: 'Redis OSS 7.x', value: 'redis' },
      { label: 'Memcached', description: 'multithreaded, no replication or persistence', value: 'memcached' },
    ], s.engine, 'Which engine?')),
  },
  {
    main: 2, name: 'role',
    ask: async (s, f) => {
      const choices: PickItem<SizingRole>[] = [
        { label: 'Cache', description: 'in front of a database: the data can be rebuilt', value: 'cache' },
      ];
      if (s.engine !== 'memcached') choices.push({ label: 'Primary database', description: 'the only copy of the data → MemoryDB (Multi-AZ transaction log)', value: 'database' });
      if (s.engine === 'valkey') choices.push({ label: 'Durable cache', description: 'ElastiCache for Valkey with the durability option', value: 'durable-cache' });
      if (!choices.some((c) => c.value === s.role)) s.role = 'cache';
      return pickInto(s, 'role', await pickOne(f, choices, s.role, 'What is the cache for?'));
    },
  },
  {
    main: 3, name: 'data',
    ask: async (s, f) => pickInto(s, 'dataKind', await pickOne<'total' | 'items'>(f, [
      { label: 'Item by item', description: 'number of keys, key and value sizes, data type: cachelint models engine memory', value: 'items' },
      { label: 'Total size', description: 'already measured on an engine (used_memory)', value: 'total' },
    ], s.dataKind, 'How do you know the data?')),
  },
  textStep(3, 'data: total size', 'total', 'Total memory the data occupies on the engine (e.g. 2 GB, 512 MiB)', '10 GB', validBytes('total size'), (s) => s.dataKind === 'total'),
  {
    main: 3, name: 'data: type', applies: items,
    ask: async (s, f) => pickInto(s, 'type', await pickOne<DataType>(f, (s.engine === 'memcached'
      ? [{ label: 'String', description: 'Memcached stores plain values', value: 'string' as DataType }]
      : [
        { label: 'String', description: 'SET key value', value: 'string' as DataType },
        { label: 'Hash', description: 'HSET key field value …', value: 'hash' as DataType },
        { label: 'Set', description: 'SADD key member …', value: 'set' as DataType },
        { label: 'Sorted set', description: 'ZADD key score member …', value: 'zset' as DataType },
        { label: 'List', description: 'RPUSH key element …', value: 'list' as DataType },
      ]), s.engine === 'memcached' ? 'string' : s.type, 'Data type of each item')),
  },
  textStep(3, 'data: keys', 'keys', 'Number of keys (e.g. 200000, 1.5m)', '1m', validCount('keys', 1), items),
  textStep(3, 'data: key size', 'keyBytes', 'Average key length in bytes (e.g. 40)', '40', validBytes('key size'), items),
  textStep(3, 'data: fields', 'fields', 'Entries per key (fields, members or elements; e.g. 10)', '10', validCount('entries per key', 1), (s) => items(s) && s.type !== 'string'),
  textStep(3, 'data: field size', 'fieldBytes', 'Average field name length in bytes', '10', validBytes('field size'), (s) => items(s) && s.type === 'hash'),
  textStep(3, 'data: value size', 'valueBytes', 'Average value size (string value, hash field value or member; e.g. 1 KB, 300)', '1 KB', validBytes('value size'), items),
  textStep(4, 'growth', 'growth', 'Room for growth, percent of the dataset', '20', validPercent),
  textStep(5, 'peak reads', 'reads', 'Peak reads per second (e.g. 50k)', '10k', validRate('reads per second')),
  // With a total size the value size is unknown, and the network and ECPU arithmetic need the bytes each operation moves.
  textStep(5, 'peak reads: size', 'readBytes', 'Average bytes returned per read (e.g. 1 KB)', '1 KB', validBytes('read size'), (s) => s.dataKind === 'total' && positive(s.reads)),
  textStep(6, 'peak writes', 'writes', 'Peak writes per second (e.g. 5k)', '1k', validRate('writes per second')),
  textStep(6, 'peak writes: size', 'writeBytes', 'Average bytes sent per write (e.g. 1 KB)', '1 KB', validBytes('write size'), (s) => s.dataKind === 'total' && positive(s.writes)),
  {
    main: 7, name: 'replicas',
    ask: async (s, f) => {
      const choices: PickItem<string>[] = s.engine === 'memcached'
        ? [{ label: 'No replicas', description: 'Memcached does not replicate: a node lost is its keys lost', value: '0:false' }]
        : [
          { label: '1 replica per shard, Multi-AZ', description: 'automatic failover to another Availability Zone (recommended)', value: '1:true' },
          { label: '2 replicas per shard, Multi-AZ', description: 'more read capacity, survives two node losses', value: '2:true' },
          { label: '1 replica per shard, one AZ', description: 'failover, but an AZ outage takes the shard', value: '1:false' },
          { label: 'No replicas', description: 'a single point of failure per shard', value: '0:false' },
          ...[3, 4, 5].map((n) => ({ label: `${n} replicas per shard, Multi-AZ`, value: `${n}:true` })),
        ];
      const a = await pickOne(f, choices, `${s.replicas}:${s.multiAz}`, 'High availability');
      if (a.kind !== 'next') return a;
      const [n, az] = a.value.split(':');
      s.replicas = Number(n);
      s.multiAz = az === 'true';
      return { kind: 'next', value: undefined };
    },
  },
  {
    main: 8, name: 'multi-region',
    ask: async (s, f) => pickInto(s, 'multiRegion', await pickOne<boolean>(f, s.engine === 'memcached'
      ? [{ label: 'One Region', description: 'Global Datastore is Valkey/Redis OSS only', value: false }]
      : [
        { label: 'One Region', value: false },
        { label: 'Multi-region', description: 'Global Datastore: the same topology in up to two more Regions', value: true },
      ], s.multiRegion, 'Regions')),
  },
  {
    main: 9, name: 'traffic',
    ask: async (s, f) => pickInto(s, 'traffic', await pickOne<'steady' | 'spiky'>(f, [
      { label: 'Steady', description: 'peaks within ~2× of the average', value: 'steady' },
      { label: 'Spiky', description: 'sudden bursts, idle nights: Serverless scales with them', value: 'spiky' },
    ], s.traffic, 'Traffic pattern')),
  },
];

/** Runs the steps with Back navigation; undefined when the user cancels. */
export async function runSteps(s: WizardState, title: string): Promise<WizardState | undefined> {
  const history: number[] = [];
  let i = 0;
  while (i < STEPS.length) {
    const step = STEPS[i];
    if (step.applies && !step.applies(s)) { i++; continue; }
    const frame = { title: `${title} — ${step.name}`, step: step.main, totalSteps: TOTAL, canGoBack: history.length > 0 };
    const a = await step.ask(s, frame);
    if (a.kind === 'cancel') return undefined;
    if (a.kind === 'back') { i = history.pop() ?? 0; continue; }
    history.push(i);
    i++;
  }
  return s;
}

/** The answers as the workload the server validates (the text was validated step by step already). */
export function workloadOf(s: WizardState): Partial<Workload> {
  const n = (p: { ok: true; value: number } | { ok: false; message: string }) => (p.ok ? p.value : NaN);
  const data: Workload['data'] = s.dataKind === 'total'
    ? { kind: 'total', bytes: n(parseBytes(s.total)) }
    : {
      kind: 'items', type: s.engine === 'memcached' ? 'string' : s.type, keys: n(parseCount(s.keys)), keyBytes: n(parseBytes(s.keyBytes)),
      valueBytes: n(parseBytes(s.valueBytes)),
      ...(s.type !== 'string' && s.engine !== 'memcached' ? { fields: n(parseCount(s.fields)) } : {}),
      ...(s.type === 'hash' && s.engine !== 'memcached' ? { fieldBytes: n(parseBytes(s.fieldBytes)) } : {}),
    };
  return {
    engine: s.engine, role: s.role, data,
    growthPercent: n(parseRate(s.growth.replace(/%\s*$/, ''))),
    readsPerSec: n(parseRate(s.reads)), writesPerSec: n(parseRate(s.writes)),
    ...(s.dataKind === 'total' && positive(s.reads) ? { readBytes: n(parseBytes(s.readBytes)) } : {}),
    ...(s.dataKind === 'total' && positive(s.writes) ? { writeBytes: n(parseBytes(s.writeBytes)) } : {}),
    replicas: s.replicas, multiAz: s.multiAz && s.replicas > 0, multiRegion: s.multiRegion, traffic: s.traffic,
  };
}
