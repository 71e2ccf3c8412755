/**
 * Completion in templates, protocol-free: resource types of ElastiCache and MemoryDB, the property or argument
 * names of the resource under the cursor (not those already written), and values — node types of the resource's
 * service, engine versions with their support status, a property's allowed values, booleans. Nothing outside
 * templates: in application code the language's own completion is the one that matters.
 */
import type { Position, Range, SourceFile } from '../types';
import { LineIndex } from '../text';
import { resolveSpot, spotAt, type ResolvedSpot } from '../iac-spot';
import type { IacSpot } from '../../formats/locate';
import { childIndex, RESOURCE_TYPES, replacesResource, valueTypeIn, type PropertyIndex } from '../../model/iac-schema';
import { nodeTypeValues, engineVersionValues, type ValueItem } from './values';
import { propertyDoc, resourceTypeDoc, ENGINE_LABEL } from '../hover/iac';
import { schemaFor } from '../../model/iac-schema';

export interface CompletionEntry {
  label: string;
  kind: 'class' | 'property' | 'value' | 'enum';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText: string;
  /** Replaces `range`. */
  newText: string;
  range: Range;
  /** Matched against the typed word (the label, unless quotes are inserted). */
  filterText?: string;
  /** Previous generation: shown struck through. */
  deprecated?: boolean;
}

export interface CompletionRequest {
  file: Pick<SourceFile, 'path' | 'languageId' | 'text'>;
  position: Position;
  /** The character that triggered completion, when one did (`:`, `"`, ` `, `.`, `=`). */
  trigger?: string;
  today: string;
}

export function completeAt(req: CompletionRequest): CompletionEntry[] {
  const lines = new LineIndex(req.file.text);
  const offset = lines.offsetAt(req.position);
  // Space and `.` are typed everywhere (indenting, prose in a description): before locating, which parses the
  // resource, ask the line whether a value can be there at all — after a `:`, a `=` or an opening quote.
  if ((req.trigger === ' ' || req.trigger === '.') && !/[:="]/.test(req.file.text.slice(lines.lineStart(req.position.line), offset))) return [];
  const spot = spotAt(req.file, offset);
  if (!spot) return [];
  // A space or `.` typed anywhere would open a list of keys while indenting: those triggers only complete values.
  if ((req.trigger === ' ' || req.trigger === '.') && spot.kind !== 'value' && spot.kind !== 'resourceType') return [];
  const r = resolveSpot(spot);
  const range = lines.range(spot.word.start, spot.word.end);
  const text = req.file.text;
  switch (spot.kind) {
    case 'resourceType': return resourceTypes(spot, range, text);
    case 'key': return keys(r, r.level, range, text);
    case 'value': return values(r, range, text, req.today);
    default: return [];
  }
}

/** A value's text as the syntax needs it: a string in HCL or JSON gets quotes unless the cursor is inside some. */
function spell(spot: IacSpot, value: string, isString: boolean, text: string): string {
  // Right after the `:` or `=` that triggered completion, the space `terraform fmt` and YAML want.
  const before = text[spot.word.start - 1];
  const lead = !spot.word.quoted && ((spot.syntax === 'yaml' && before === ':') || (spot.syntax === 'hcl' && before === '=')) ? ' ' : '';
  return lead + (isString && spot.syntax !== 'yaml' && !spot.word.quoted ? `"${value}"` : value);
}

function resourceTypes(spot: IacSpot, range: Range, text: string): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const s of RESOURCE_TYPES) {
    const type = spot.side === 'cfn' ? s.cfnType : s.tfType;
    if (!type || !/elasticache|memorydb/i.test(type)) continue;
    const schema = schemaFor(spot.side, type)!;
    out.push({ label: type, kind: 'class', detail: s.description, documentation: resourceTypeDoc(schema), sortText: type, newText: spell(spot, type, true, text), range, filterText: type });
  }
  return out;
}

function keys(r: ResolvedSpot, level: PropertyIndex | undefined, range: Range, text: string): CompletionEntry[] {
  const { spot } = r;
  if (!level || !r.schema) return [];
  const taken = new Set(spot.siblings);
  const after = text.slice(spot.word.end, text.indexOf('\n', spot.word.end) < 0 ? text.length : text.indexOf('\n', spot.word.end)).trim();
  const out: CompletionEntry[] = [];
  for (const [canonical, written] of level.writtenByCanonical) {
    if (taken.has(written)) continue;
    const spec = level.specs.get(canonical)!;
    const replaces = replacesResource(spec, spot.side);
    const vt = valueTypeIn(spec, spot.side);
    const block = spot.side === 'tf' && spot.syntax === 'hcl' && spec.children !== undefined;
    let newText = written;
    if (spot.syntax === 'json' && !spot.word.quoted) newText = `"${written}"`;
    // A key typed on its own line gets what follows a key, so typing goes on with the value.
    if (!after && !(spot.syntax === 'json' && spot.word.quoted)) newText += spot.syntax === 'yaml' ? ':' + (spec.children ? '' : ' ') : spot.syntax === 'hcl' ? (block ? ' {' : ' = ') : ': ';
    const creationOnly = replaces === true ? ' · creation-only (replaces)' : replaces === 'conditional' ? ' · may replace' : '';
    out.push({
      label: written, kind: 'property', detail: `${vt}${creationOnly}`, documentation: propertyDoc({ ...r, spec, canonical }, spec),
      sortText: written.toLowerCase(), newText, range, filterText: written,
    });
  }
  return out;
}

function values(r: ResolvedSpot, range: Range, text: string, today: string): CompletionEntry[] {
  const { spot, spec } = r;
  if (!spec || !r.schema) return [];
  // An item of a list of objects being typed (`- IpPro`): a key of that item.
  if (spot.item !== undefined && spec.items === 'object') return keys({ ...r, spot: { ...spot, kind: 'key', siblings: [] } }, childIndex(spec, spot.side), range, text);
  let items: ValueItem[] = [];
  if (r.canonical === 'nodeType') items = nodeTypeValues(r.service, r.engine);
  else if (r.canonical === 'engineVersion' && r.schema.schema.kind !== 'memorydbCluster') {
    // No engine written and no default: the versions of every engine the resource runs, each labelled.
    const engines = r.engine ? [r.engine] : r.schema.schema.engines ?? [];
    items = engines.flatMap((e, i) => engineVersionValues(e, today).map((v) => ({
      ...v, sort: `${i}-${v.sort}`, detail: engines.length > 1 ? `${ENGINE_LABEL[e]} · ${v.detail}` : v.detail,
    })));
  }
  else {
    const allowed = spot.side === 'tf' && spec.tfEnum ? spec.tfEnum : spec.enum;
    if (allowed) {
      items = allowed.map((v, i) => ({ value: v, detail: r.canonical === 'engine' ? ENGINE_LABEL[v as keyof typeof ENGINE_LABEL] ?? v : undefined, sort: String(i).padStart(3, '0') }));
    } else if (valueTypeIn(spec, spot.side) === 'bool') {
      items = ['true', 'false'].map((v, i) => ({ value: v, sort: String(i), bool: true }));
    }
  }
  return items.map((it) => ({
    label: it.value, kind: it.bool || !spec.enum ? 'value' : 'enum', detail: it.detail, documentation: it.documentation,
    sortText: it.sort, newText: spell(spot, it.value, !it.bool && !it.number, text), range, filterText: it.value, deprecated: it.deprecated,
  }));
}
