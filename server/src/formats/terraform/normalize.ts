/**
 * HCL → infrastructure model: one resource per `resource "TYPE" "NAME" { … }` block whose type cachelint models.
 * The anchor range spans both labels (`"aws_elasticache_replication_group" "main"`): the pair is the resource's
 * address, the Terraform counterpart of a CloudFormation logical id.
 */
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../../engine/text';
import type { IacResource } from '../../model/iac';
import { schemaFor } from '../../model/iac-schema';
import { canonicalProperties } from '../../model/canonical';
import { topBlocks, type TopBlock } from './blocks';
import { BodyReader } from './body';
import type { BlockLayout, VariableLayout } from './layout';
import { liftLegacyBlocks } from './legacy-blocks';
import { META_ARGUMENTS } from './references';
import { collectScope } from './symbols';
import { attributeLiteral, bodyProperties, localValue, type HclScope, type ValueContext } from './values';
import { moduleView, variableSummary, summaryResource, summaryValue, type ModuleSummary } from '../../model/module';
import { communityModule, communityResources } from '../../model/community';

export interface HclResources {
  resources: IacResource[];
  /** Layout of each resource's block, for the edit builder; absent when the block holds a syntax error. */
  layouts: Map<IacResource, BlockLayout>;
  /** Layout of each well-formed `variable` block, by name (the last one wins, as in the scope). */
  variables: Map<string, VariableLayout>;
  /** What this file contributes to its module, read without the other files so that it never goes stale. */
  summary: ModuleSummary;
  /** The module view the resources were read with. */
  view: HclScope['module'];
}

/** `siblings`: the summaries of the module's other files (model/module.ts); `path` is this file's. */
export function normalizeHcl(root: Node, lines: LineIndex, path = '', siblings: readonly ModuleSummary[] = []): HclResources {
  const cursor = root.walk();
  try {
    const reader = new BodyReader(cursor, lines.text);
    const declared: string[] = [];
    const blocks = topBlocks(root, reader, lines.text, declared);
    const own = collectScope(blocks, lines);
    const view = moduleView(siblings.filter((s) => s.path !== path), own.variables, path);
    const scope: HclScope = { ...own, module: view };
    const summary: ModuleSummary = { path, variables: [], locals: [], assignments: [], resources: [], declared };
    const out: HclResources = { resources: [], layouts: new Map(), variables: new Map(), summary, view };
    // A sibling's local can reach a resource's value: the summary then reads the resources again without the module.
    const alone = view.locals.size ? { ...own } : undefined;
    for (const b of blocks) {
      if (b.type === 'variable') readVariable(b, lines, out);
      else if (b.type === 'module') readModule(b, { lines, reader, scope, clean: b.clean }, out);
      else if (b.type === 'resource') {
        const r = readResource(b, { lines, reader, scope, clean: b.clean }, out);
        const bare = r && alone ? readResource(b, { lines, reader, scope: alone, clean: b.clean }) : r;
        if (bare) summary.resources.push(summaryResource(bare));
      }
    }
    for (const input of own.variables.values()) {
      const v = variableSummary(input);
      if (v) summary.variables.push(v);
    }
    for (const name of own.locals.keys()) {
      const value = localValue(name, { lines, reader, scope: own, clean: true });
      if (value) summary.locals.push({ name, value: summaryValue(value) });
    }
    return out;
  } finally {
    cursor.delete();
  }
}

/** Laid out only when the block is well-formed: a fix is never placed inside broken text. */
function hasLayout(b: TopBlock): b is TopBlock & { open: number; close: number } {
  return b.clean && b.open !== undefined && b.close !== undefined;
}

function readVariable(b: TopBlock, lines: LineIndex, out: HclResources): void {
  const name = b.labels.length === 1 ? b.labels[0].value : undefined;
  if (name === undefined) return;
  if (!hasLayout(b)) { out.variables.delete(name); return; }
  const typed = b.entries.find((e) => e.kind === 'attribute' && e.name === 'type' && e.valueStart !== undefined);
  const type = typed?.kind === 'attribute' ? lines.text.slice(typed.valueStart, typed.valueEnd).trim() : undefined;
  const variable: VariableLayout = { start: b.start, open: b.open, close: b.close, items: b.entries };
  if (type !== undefined) variable.type = type;
  out.variables.set(name, variable);
}

function readResource(b: TopBlock, ctx: ValueContext, out?: HclResources): IacResource | undefined {
  const [typeLabel, nameLabel] = b.labels;
  const type = typeLabel.value!;
  const name = nameLabel.value;
  const schema = schemaFor('tf', type)!;
  if (name === undefined) return undefined;
  const written = bodyProperties(b.entries, ctx, (w) => (META_ARGUMENTS.has(w) ? undefined : schema.canonicalByWritten.get(w) ?? w));
  const properties = canonicalProperties(liftLegacyBlocks(type, written, schema.writtenByCanonical), schema.specs, schema.canonicalByWritten, 'tf');
  const resource: IacResource = { kind: schema.schema.kind, type, name, anchorRange: ctx.lines.range(typeLabel.start, nameLabel.end), properties };
  const repeat = b.entries.find((e) => e.kind === 'attribute' && (e.name === 'count' || e.name === 'for_each'));
  if (repeat) {
    // One resource, flagged once, whatever count or for_each would make of it.
    resource.conditional = true;
    if (repeat.kind === 'attribute' && repeat.valueStart !== undefined) resource.condition = ctx.lines.text.slice(repeat.valueStart, repeat.valueEnd).trim();
  }
  if (!out) return resource;
  out.resources.push(resource);
  if (hasLayout(b)) out.layouts.set(resource, { start: b.start, open: b.open, close: b.close, items: b.entries });
  return resource;
}

/**
 * A `module` block calling a known community module: the resources it builds, each laid out as the module block,
 * so a fix sets the module's input there. Any other module is skipped before its body is read into values.
 */
function readModule(b: TopBlock, ctx: ValueContext, out: HclResources): void {
  const label = b.labels[0];
  const sourceEntry = b.entries.find((e) => e.kind === 'attribute' && e.name === 'source');
  if (label.value === undefined || sourceEntry?.kind !== 'attribute' || sourceEntry.valueStart === undefined) return;
  const literal = (name: string) => {
    const entry = b.entries.find((e) => e.kind === 'attribute' && e.name === name);
    const v = entry?.kind === 'attribute' ? attributeLiteral(entry, ctx.lines.text) : undefined;
    return typeof v === 'string' ? v : undefined;
  };
  const source = literal('source');
  if (source === undefined || !communityModule(source)) return;
  const inputs = bodyProperties(b.entries, ctx, (w) => (META_ARGUMENTS.has(w) || w === 'source' || w === 'version' ? undefined : w));
  const repeat = b.entries.find((e) => e.kind === 'attribute' && (e.name === 'count' || e.name === 'for_each'));
  const site: Parameters<typeof communityResources>[0] = { source, name: label.value, inputs, anchorRange: ctx.lines.range(label.start, label.end) };
  if (repeat?.kind === 'attribute' && repeat.valueStart !== undefined) site.repeat = ctx.lines.text.slice(repeat.valueStart, repeat.valueEnd).trim();
  const version = literal('version');
  if (version !== undefined) site.version = version;
  for (const resource of communityResources(site)) {
    out.resources.push(resource);
    if (hasLayout(b)) out.layouts.set(resource, { start: b.start, open: b.open, close: b.close, items: b.entries });
  }
}
