/**
 * Hover in templates: the resource type, a property or argument, a node type, an engine version, a community
 * module's source. Everything comes from the bundled tables (schema, node types, engine versions, community
 * modules, rule registry); each answer ends with the AWS (or registry) page it rests on.
 */
import type { SourceFile } from '../types';
import { resolveSpot, spotAt, type ResolvedSpot } from '../iac-spot';
import { replacesResource, schemaFor, valueTypeIn, type DefaultSpec, type Engine, type PropertySpec, type ResolvedSchema } from '../../model/iac-schema';
import { nodeType, type NodeType } from '../../sizing/nodeTypes';
import { judgeNodeType, serviceLabel } from '../../rules/iac/node-catalog';
import { SUCCESSOR } from '../../rules/iac/previous-generation-node-type';
import { ENGINE_VERSIONS, newestVersion, readVersion, supportWindow, supportPhase } from '../../model/engineVersions';
import { RESERVATION } from '../../sizing/limits';
import { communityModule } from '../../model/community';
import { ruleById } from '../../rules';
import { kindRules, relatedTo, type Concern } from './related';

export interface HoverText { markdown: string; start: number; end: number }

export const ENGINE_LABEL: Record<Engine, string> = { redis: 'Redis OSS', valkey: 'Valkey', memcached: 'Memcached' };
const NODE_TYPES_URL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html';
const MEMORYDB_NODE_TYPES_URL = 'https://docs.aws.amazon.com/memorydb/latest/devguide/nodes.supportedtypes.html';

/** `today` (YYYY-MM-DD) dates the support status of an engine version; the engine never reads the clock. */
export function iacHover(file: Pick<SourceFile, 'path' | 'languageId' | 'text'>, offset: number, today: string): HoverText | undefined {
  const spot = spotAt(file, offset);
  if (!spot || !spot.word.text) return undefined;
  const r = resolveSpot(spot);
  const text = markdownFor(r, today);
  return text ? { markdown: text, start: spot.word.start, end: spot.word.end } : undefined;
}

function markdownFor(r: ResolvedSpot, today: string): string | undefined {
  const { spot } = r;
  switch (spot.kind) {
    case 'resourceType': {
      const schema = schemaFor(spot.side, spot.word.text) ?? r.schema;
      return schema ? resourceTypeDoc(schema) : undefined;
    }
    case 'moduleSource': return moduleDoc(spot.word.text);
    case 'key': return r.spec && r.schema ? propertyDoc(r, r.spec) : undefined;
    case 'value': {
      if (!r.spec || !r.schema) return undefined;
      // A value the tables say nothing of (`!Ref NodeType`, a version of an engine not written) gets the property's page.
      if (r.canonical === 'nodeType') return nodeTypeDoc(spot.word.text, r.service, r.engine) ?? propertyDoc(r, r.spec, spot.word.text);
      if (r.canonical === 'engineVersion' && r.schema.schema.kind !== 'memorydbCluster') return engineVersionDoc(spot.word.text, r, today) ?? propertyDoc(r, r.spec, spot.word.text);
      return propertyDoc(r, r.spec, spot.word.text);
    }
  }
}

const CONCERN_LABEL: Record<Concern, string> = { security: 'Security', availability: 'Availability', cost: 'Cost and size' };

export function resourceTypeDoc(resolved: ResolvedSchema): string {
  const { schema, side } = resolved;
  const type = (side === 'cfn' ? schema.cfnType : schema.tfType)!;
  const lines = [`**${type}**`, '', schema.description];
  if (schema.engines) lines.push('', `Engines: ${schema.engines.map((e) => ENGINE_LABEL[e]).join(', ')}.`);
  const groups = new Map<Concern, string[]>();
  const rules = new Set(kindRules(schema.kind));
  for (const [canonical, spec] of Object.entries(schema.properties)) {
    const related = relatedTo(canonical);
    const written = side === 'cfn' ? spec.cfn : spec.tf;
    if (!related || !written) continue;
    const list = groups.get(related.concern) ?? [];
    const def = defaultsText(spec, side, undefined);
    list.push(`\`${written}\`${def ? ` (default ${def})` : ''}`);
    groups.set(related.concern, list);
    for (const id of related.rules) rules.add(id);
  }
  if (groups.size) {
    lines.push('', 'Settings that matter:');
    for (const c of ['security', 'availability', 'cost'] as const) {
      const list = groups.get(c);
      if (list) lines.push(`- ${CONCERN_LABEL[c]}: ${list.join(', ')}`);
    }
  }
  if (rules.size) lines.push('', `Checked by: ${[...rules].map(ruleLink).join(', ')}`);
  lines.push('', sourceLine(side === 'cfn' ? schema.docUrl : schema.tfDocUrl ?? schema.docUrl));
  return lines.join('\n');
}

function ruleLink(id: string): string {
  const rule = ruleById(id);
  return rule ? `\`${id}\`` : id;
}

function sourceLine(url: string): string {
  return `Source: [${url.replace(/^https:\/\//, '').split('/')[0]}](${url})`;
}

/** The defaults that hold for this format and engine, as text (`false`, or `true on Valkey, false on Redis OSS`). */
function defaultsText(spec: PropertySpec, side: 'cfn' | 'tf', engine: Engine | undefined): string | undefined {
  const all = (spec.defaults ?? []).filter((d) => !d.sides || d.sides.includes(side));
  const mine = engine ? all.filter((d) => !d.engines || d.engines.includes(engine)) : all;
  if (!mine.length) return undefined;
  if (mine.length === 1 && (!mine[0].engines || engine)) return `\`${String(mine[0].value)}\``;
  return mine.map((d) => `\`${String(d.value)}\`${d.engines ? ` on ${d.engines.map((e) => ENGINE_LABEL[e]).join('/')}` : ''}`).join(', ');
}

function defaultSources(spec: PropertySpec, side: 'cfn' | 'tf', engine: Engine | undefined): DefaultSpec[] {
  return (spec.defaults ?? []).filter((d) => (!d.sides || d.sides.includes(side)) && (!engine || !d.engines || d.engines.includes(engine)));
}

export function propertyDoc(r: ResolvedSpot, spec: PropertySpec, value?: string): string {
  const side = r.spot.side;
  const schema = r.schema!.schema;
  const type = (side === 'cfn' ? schema.cfnType : schema.tfType)!;
  // A module's input keeps the module's name for it (`kms_key_arn` feeds `kms_key_id`).
  const written = r.module ? r.spot.key : (side === 'cfn' ? spec.cfn : spec.tf) ?? r.spot.key;
  const title = r.module ? `module \`${r.module.registry}\` → \`${type}\`${spec.tf && spec.tf !== written ? ` \`${spec.tf}\`` : ''}` : `\`${type}\``;
  const lines = [`**${written}** · ${title}`, '', spec.description];
  const facts: string[] = [];
  const vt = valueTypeIn(spec, side);
  facts.push(`Type: ${vt === 'list' ? `list of ${spec.items ?? 'values'}` : vt}`);
  const moduleDefault = r.module && r.canonical ? r.module.defaults[r.canonical] : undefined;
  const def = defaultsText(spec, side, r.engine);
  if (moduleDefault) {
    facts.push(`Default when absent: \`${String(moduleDefault.value)}\` (the module's${moduleDefault.why ? `: ${moduleDefault.why}` : ''})`);
  } else if (def) {
    const on = r.engine && r.engineWritten ? ` for ${ENGINE_LABEL[r.engine]}` : '';
    const fixed = spec.defaults?.some((d) => d.fixed) ? ' (fixed: it cannot be changed)' : '';
    facts.push(`Default when absent${on}: ${def}${fixed}`);
  } else if (spec.type === 'bool' || spec.type === 'int') {
    facts.push('Default when absent: not stated in cachelint\'s sources');
  }
  const allowed = side === 'tf' && spec.tfEnum ? spec.tfEnum : spec.enum;
  if (allowed) facts.push(`Allowed values: ${allowed.map((v) => (v === value ? `**\`${v}\`**` : `\`${v}\``)).join(', ')}`);
  const replaces = replacesResource(spec, side);
  if (replaces === true) facts.push('⚠ Creation-only: changing it replaces the resource (a new, empty cache)');
  else if (replaces === 'conditional') facts.push('⚠ Changing it replaces the resource in some cases');
  if (spec.secret) facts.push('Secret: keep it out of the template (a dynamic reference or a sensitive variable)');
  lines.push('', ...facts.map((f) => `- ${f}`));
  if (value !== undefined && allowed && !allowed.includes(value) && !/[{$!]/.test(value)) lines.push('', `\`${value}\` is not one of the allowed values.`);
  const related = relatedTo(r.canonical ?? '');
  if (related) lines.push('', `Related rules: ${related.rules.map((id) => `\`${id}\`${ruleById(id) ? ` (${ruleById(id)!.meta.title})` : ''}`).join(', ')}`);
  const sources = moduleDefault ? [moduleDefault.url ?? r.module!.registry] : defaultSources(spec, side, r.engine).map((d) => d.source);
  if (sources.length) lines.push('', `Default: ${[...new Set(sources)].join('; ')}`);
  lines.push('', sourceLine(side === 'cfn' ? schema.docUrl : schema.tfDocUrl ?? schema.docUrl));
  return lines.join('\n');
}

const article = (word: string) => `${/^[AEIOU]/.test(word) ? 'an' : 'a'} ${word}`;
const GIB = (n: number) => `${n.toFixed(2).replace(/\.?0+$/, '')} GiB`;

export function nodeTypeDoc(written: string, service: 'elasticache' | 'memorydb', engine: Engine | undefined): string | undefined {
  const name = written.trim().toLowerCase();
  if (!/^(cache|db)\.[a-z0-9]+\.[a-z0-9]+$/.test(name)) return undefined;
  const n = nodeType(name);
  const url = service === 'memorydb' ? MEMORYDB_NODE_TYPES_URL : NODE_TYPES_URL;
  if (n && n.service === service) return nodeFacts(n, engine);
  const verdict = judgeNodeType(name, service, engine);
  const label = serviceLabel(service);
  if (verdict.kind === 'exists') {
    const family = name.split('.')[1];
    const next = SUCCESSOR[family];
    return [`**${name}** · ${label} node type, previous generation`, '', 'cachelint\'s node table has no figures for it (it carries current generations and T2).',
      next ? `\nThe current family of the same role is **${next}**${nodeType(`cache.${next}.${name.split('.')[2]}`) ? `: \`cache.${next}.${name.split('.')[2]}\`` : ''}.` : '', '', sourceLine(url)].join('\n');
  }
  if (verdict.kind === 'otherService') {
    return [`**${name}** is ${article(serviceLabel(verdict.owner))} node type, not ${label}'s.${verdict.counterpart ? ` ${label} has \`${verdict.counterpart}\`.` : ''}`, '', sourceLine(url)].join('\n');
  }
  if (verdict.kind === 'wrongEngine') return [`**${name}** runs ${verdict.engines} only.`, '', sourceLine(url)].join('\n');
  return [`**${name}** is not ${article(label)} node type.${verdict.nearest.length ? ` Nearest: ${verdict.nearest.map((x) => `\`${x}\``).join(', ')}.` : ''}`, '', sourceLine(url)].join('\n');
}

function nodeFacts(n: NodeType, engine: Engine | undefined): string {
  const memcached = engine === 'memcached';
  // MemoryDB's reservation without data tiering is not in the facts: ElastiCache's default stands in, and says so.
  const reservation = n.service === 'memorydb' ? (n.dataTiering ? RESERVATION.memorydbDataTieringPercent : RESERVATION.memorydbReservedPercent) : RESERVATION.reservedMemoryPercent;
  const percent = reservation.value;
  const usable = n.memoryGiB * (1 - percent / 100);
  const assumed = 'note' in reservation && /ASSUMPTION/.test(String(reservation.note)) ? ' (ElastiCache\'s default; MemoryDB\'s own is not in cachelint\'s sources)' : '';
  const rows: [string, string][] = [
    ['Memory', `${n.memoryGiB} GiB (maxmemory)`],
    memcached
      ? ['Usable', `≈ ${GIB(n.memoryGiB - RESERVATION.memcachedConnectionsOverheadBytes.value / 2 ** 30)} after Memcached's 100 MB connection overhead`]
      : ['Usable', `≈ ${GIB(usable)} after the default ${percent} % reserved memory${assumed}`],
    ['vCPU', String(n.vcpu)],
    ['Network', n.network],
    ['Generation', `${n.generation} (${n.family})`],
    ['Engines', n.engines.map((e) => ENGINE_LABEL[e]).join(', ')],
  ];
  if (n.dataTiering) rows.push(['Data tiering', `${n.dataTiering.ssdGiB} GiB SSD`]);
  const lines = [`**${n.nodeType}** · ${serviceLabel(n.service)} node type`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  if (engine && !n.engines.includes(engine)) lines.push('', `⚠ Does not run ${ENGINE_LABEL[engine]}.`);
  if (n.generation === 'previous' || /^t\d/.test(n.family)) {
    const next = SUCCESSOR[n.family];
    const size = n.nodeType.split('.')[2];
    const eq = next ? nodeType(`cache.${next}.${size}`) : undefined;
    if (n.generation === 'previous') lines.push('', `Previous generation: new clusters can no longer use it.${eq ? ` Current equivalent: \`${eq.nodeType}\` (${eq.memoryGiB} GiB, ${eq.vcpu} vCPU).` : next ? ` Current family: ${next}.` : ''}`);
    else lines.push('', 'Burstable: CPU credits run out under sustained load.');
  } else if (SUCCESSOR[n.family]) {
    const eq = nodeType(`cache.${SUCCESSOR[n.family]}.${n.nodeType.split('.')[2]}`);
    if (eq) lines.push('', `Older generation: \`${eq.nodeType}\` has ${eq.memoryGiB} GiB on Graviton.`);
  }
  lines.push('', sourceLine(n.source));
  return lines.join('\n');
}

export function engineVersionDoc(written: string, r: ResolvedSpot, today: string): string | undefined {
  const engine = r.engine;
  if (!engine) return undefined;
  const v = readVersion(engine, written);
  if (!v) return undefined;
  const line = ENGINE_VERSIONS[engine];
  const label = ENGINE_LABEL[engine];
  const lines = [`**${label} ${v.text}**${r.engineWritten ? '' : ` (engine not written: ${label} is the default here)`}`, ''];
  let source = line.source;
  if (v.retired) {
    lines.push(`⚠ ${v.retired.text}.`);
    source = v.retired.source;
  } else if (v.listed) {
    lines.push(`ElastiCache offers ${label} ${v.listed}${line.byMinor && v.listed !== v.text ? ' (this line)' : ''}.`);
  } else if (v.sameLine) {
    lines.push(`Not in cachelint's list of ${label} versions, but on a listed line.`);
  } else {
    lines.push(`⚠ ElastiCache does not list ${label} ${v.text}. Offered: ${line.versions.join(', ')}.`);
  }
  const support = supportWindow(engine, v.major);
  if (support && !v.retired) {
    source = support.source;
    const phase = supportPhase(support, today);
    if (phase === 'standard') lines.push('', `Standard support until ${support.endOfStandardSupport}; Extended Support (paid) ${support.extendedSupportFrom} – ${support.endOfLife}.`);
    else if (phase === 'extended') lines.push('', `⚠ Past standard support (ended ${support.endOfStandardSupport}): billed as Extended Support until end of life on ${support.endOfLife}.`);
    else lines.push('', `⚠ End of life on ${support.endOfLife}.`);
  } else if (engine === 'redis' && !v.retired && v.major >= 7) {
    lines.push('', 'In standard support (no end date announced).');
  }
  if (engine === 'redis') {
    const valkey = newestVersion('valkey');
    if (valkey) lines.push('', `Newer: Valkey ${valkey} (a drop-in upgrade from Redis OSS, priced lower).`);
  } else if (engine === 'valkey') {
    const newest = newestVersion('valkey');
    if (newest && newest !== v.listed) lines.push('', `Newest Valkey: ${newest}.`);
  }
  lines.push('', sourceLine(source));
  return lines.join('\n');
}

function moduleDoc(source: string): string | undefined {
  const m = communityModule(source);
  if (!m) return undefined;
  const call = { has: () => false, value: () => undefined, literal: () => undefined, flag: (_: string, d: boolean) => d };
  const builds = [...new Set(m.build(call).map((b) => b.type))];
  const lines = [`**${m.registry}** · community module (${m.version})`, '',
    `cachelint reads this module's inputs as the resources it declares${builds.length ? ` (by default: ${builds.map((b) => `\`${b}\``).join(', ')})` : ''}, with the module's own defaults where the call leaves an input out, so the infrastructure rules check it like a resource written by hand.`,
    '', `Source: [github.com/${m.repository}](https://github.com/${m.repository})`];
  return lines.join('\n');
}
