/**
 * Hover in application code: on a Redis call, what the command does (the protocol table), what ElastiCache and
 * MemoryDB allow, what the client library does with it on a cluster, and the rules that read it; on a key, the hash
 * slot it lands in. Pure: it reads a `CallOutline[]`, the plain data the analysis keeps of each call (hosts run the
 * analysis in a worker thread, so what hover needs must cross threads small and serialisable).
 */
import type { Position, Range } from '../types';
import { comparePositions, rangeContains } from '../text';
import { MULTI_KEY_COMMANDS, WRITE_COMMANDS, type CallSite, type ClientLibrary, type CodeModel, type KeyArg } from '../../model/code';
import { blockingTimeout, commandInfo, restriction, SERVICES, type CommandInfo, type Service } from '../../model/commands';
import { clusterBehaviour } from '../../model/client-libraries';
import { hashedPart } from '../../model/hash-tag';
import { keySlot, SLOT_COUNT } from '../../model/slots';

/** A range as four numbers (start line, character, end line, character): outlines cross threads, so they stay small. */
export type Span = [number, number, number, number];

const span = (r: Range): Span => [r.start.line, r.start.character, r.end.line, r.end.character];
const rangeOf = (s: Span): Range => ({ start: { line: s[0], character: s[1] }, end: { line: s[2], character: s[3] } });

/** A key argument whose slot can be known: a literal (`value`), or a template whose `{hash tag}` is written out. */
export interface KeyOutline { at: Span; value?: string; hashTag?: string }

/** What hover keeps of one call site (about a hundred bytes). */
export interface CallOutline {
  command: string;
  subcommand?: string;
  method: string;
  /** The method name. */
  callee: Span;
  /** From the receiver to the end of the method name (`self.redis.set`): where a hover on the call answers. */
  head: Span;
  library: ClientLibrary;
  cluster?: true;
  batch?: { transactional: boolean };
  keys?: KeyOutline[];
}

export interface EngineHover { markdown: string; range: Range }

function keyOutline(k: KeyArg): KeyOutline | undefined {
  if (k.kind === 'literal') return { at: span(k.range), value: k.value };
  if (k.kind === 'template' && k.hashTag) return { at: span(k.range), hashTag: k.hashTag };
  return undefined;
}

/** The calls of a code model as hover needs them. */
export function outlineCalls(model: CodeModel): CallOutline[] {
  return model.calls.map((c: CallSite) => {
    const o: CallOutline = {
      command: c.command, method: c.method, callee: span(c.calleeRange), head: [c.range.start.line, c.range.start.character, c.calleeRange.end.line, c.calleeRange.end.character],
      library: c.client.library,
    };
    if (c.subcommand) o.subcommand = c.subcommand;
    if (c.client.cluster) o.cluster = true;
    if (c.batch) o.batch = { transactional: c.batch.transactional };
    const keys = c.keys.map(keyOutline).filter((k): k is KeyOutline => !!k);
    if (keys.length) o.keys = keys;
    return o;
  });
}

const SERVICE_NAME: Record<Service, string> = { elasticache: 'ElastiCache (node-based)', serverless: 'ElastiCache Serverless', memorydb: 'MemoryDB' };

/** Commands the unbounded-read rule reads whole or by range (rules/code/unbounded-read.ts). */
const UNBOUNDED_READS = new Set(['SMEMBERS', 'HGETALL', 'HKEYS', 'HVALS', 'SUNION', 'SINTER', 'LRANGE', 'ZRANGE', 'ZREVRANGE', 'ZRANGEBYSCORE', 'ZREVRANGEBYSCORE', 'ZRANGEBYLEX', 'ZREVRANGEBYLEX']);

/** The code rules that look at calls of this command. */
function relatedRules(info: CommandInfo | undefined, command: string): string[] {
  const ids: string[] = [];
  if (command === 'KEYS') ids.push('keys-command');
  if (command === 'FLUSHALL' || command === 'FLUSHDB') ids.push('flush-command');
  if (info && SERVICES.some((s) => restriction(info, s)?.restricted || restriction(info, s)?.restrictedSubcommands)) ids.push('restricted-command');
  if (WRITE_COMMANDS.has(command)) ids.push('missing-ttl');
  if (command === 'SET' || command === 'SETNX') ids.push('lock-without-expiry');
  if (MULTI_KEY_COMMANDS.has(command)) ids.push('cross-slot-keys', 'missing-hash-tag');
  if (command === 'SELECT') ids.push('select-database');
  if (blockingTimeout(command)) ids.push('blocking-without-timeout');
  if (UNBOUNDED_READS.has(command)) ids.push('unbounded-read');
  return ids;
}

function restrictionLines(info: CommandInfo): string[] {
  const lines: string[] = [];
  for (const s of SERVICES) {
    const r = restriction(info, s);
    if (!r) continue;
    if (r.restricted) lines.push(`- ${SERVICE_NAME[s]}: **not available** ([AWS](${r.source}))`);
    else if (r.restrictedSubcommands) lines.push(`- ${SERVICE_NAME[s]}: available except ${r.restrictedSubcommands.map((x) => `\`${info.name} ${x}\``).join(', ')} ([AWS](${r.source}))`);
    else lines.push(`- ${SERVICE_NAME[s]}: available`);
  }
  return lines;
}

const plain = (s: string) => s.replace(/[^a-z0-9]/gi, '').toLowerCase();

function callMarkdown(call: CallOutline): string {
  const info = commandInfo(call.command, call.subcommand);
  const name = info?.name ?? [call.command, call.subcommand].filter(Boolean).join(' ');
  const out: string[] = [`**Redis command \`${name}\`**${plain(call.method) !== plain(name) ? ` (through \`${call.method}\`)` : ''}`];
  if (info?.summary) out.push('', info.summary.trim().replace(/\s+$/, '') + '.');
  const facts: string[] = [];
  if (info?.complexity) facts.push(`Time complexity: ${info.complexity}`);
  if (info?.group) facts.push(`group \`${info.group}\``);
  if (info?.since) facts.push(`since Redis ${info.since}`);
  if (info?.expiry?.tokens) facts.push(`expiry options: ${Object.keys(info.expiry.tokens).map((t) => `\`${t}\``).join(' ')}`);
  if (info?.deprecatedSince) facts.push(`deprecated since ${info.deprecatedSince}${info.replacedBy ? `, replaced by ${info.replacedBy}` : ''}`);
  if (facts.length) out.push('', facts.join(' · '));
  if (info) out.push('', ...restrictionLines(info));
  const cluster = clusterBehaviour({ command: call.command, method: call.method, batch: call.batch ? { id: '', transactional: call.batch.transactional } : undefined, client: { library: call.library, cluster: !!call.cluster } });
  if (cluster.length) out.push('', `On this cluster client (${call.library}):`, ...cluster.map((b) => `- ${b.text} _(${b.source})_`));
  const rules = relatedRules(info, call.command);
  if (rules.length) out.push('', `Rules: ${rules.map((id) => `\`${id}\``).join(', ')}`);
  return out.join('\n');
}

function keyMarkdown(key: KeyOutline): string {
  const hashed = key.value !== undefined ? hashedPart(key.value) : key.hashTag!;
  const slot = keySlot(key.value !== undefined ? key.value : `{${key.hashTag}}`);
  const tagged = key.value === undefined || hashed !== key.value;
  const what = tagged ? `hash tag \`{${hashed}}\`` : `key \`${key.value}\``;
  return [
    `**Hash slot ${slot}** of ${SLOT_COUNT} (${what})`,
    '',
    `CRC16(\`${hashed}\`) mod ${SLOT_COUNT}. In cluster mode, the keys of one multi-key command, transaction or script must share a slot; ${tagged ? 'every key with this tag does' : 'a `{hash tag}` makes keys share one'}.`,
  ].join('\n');
}

/** The hover for a position in a code file: a key under the cursor first (narrower), else the call's method name. */
export function codeHover(calls: readonly CallOutline[], position: Position): EngineHover | null {
  const inside = (s: Span) => rangeContains(rangeOf(s), position);
  for (const call of calls) {
    const key = call.keys?.find((k) => inside(k.at));
    if (key) return { markdown: keyMarkdown(key), range: rangeOf(key.at) };
  }
  // On a receiver, the innermost call: in `r.pipeline().set(k, v).get(k)` every call's head starts at `r`.
  const call = calls.find((c) => inside(c.callee))
    ?? calls.filter((c) => inside(c.head)).map((c) => ({ c, r: rangeOf(c.head) }))
      .sort((a, b) => comparePositions(b.r.start, a.r.start) || comparePositions(a.r.end, b.r.end))[0]?.c;
  return call ? { markdown: callMarkdown(call), range: rangeOf(call.head) } : null;
}
