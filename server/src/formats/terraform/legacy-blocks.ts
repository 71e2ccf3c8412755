/**
 * Arguments that older AWS provider versions nested in a block (model/schema/elasticache.ts TF_LEGACY_BLOCKS), read
 * as the flat arguments they became, so that every rule and view sees `cluster_mode { replicas_per_node_group = 1 }`
 * as it sees `replicas_per_node_group = 1`.
 */
import type { Range } from '../../engine/types';
import type { IacProperty, IacResource, IacValue } from '../../model/iac';
import { TF_LEGACY_BLOCKS } from '../../model/schema/elasticache';

/**
 * `props` (canonical names at the top, the file's names inside blocks) with each legacy block's arguments added at
 * the top, placed where they are written, so a fix edits them inside the block. A flat argument written as well
 * wins. The block itself stays, under its own name. Returns `props` itself when there is nothing to lift.
 */
export function liftLegacyBlocks(type: string, props: Map<string, IacProperty>, writtenByCanonical: ReadonlyMap<string, string>): Map<string, IacProperty> {
  const blocks = TF_LEGACY_BLOCKS[type];
  if (!blocks) return props;
  let out = props;
  for (const [block, lifted] of Object.entries(blocks)) {
    const body = blockBody(props.get(block)?.value);
    if (!body) continue;
    for (const canonical of lifted) {
      const written = writtenByCanonical.get(canonical);
      const inner = written === undefined ? undefined : body.get(written);
      if (!inner || props.has(canonical)) continue;
      if (out === props) out = new Map(props);
      out.set(canonical, { ...inner, name: canonical });
    }
  }
  return out;
}

/** The entries of a block written once: an HCL block reads as an object, a Terraform JSON block as `[{…}]` or `{…}`. */
function blockBody(v: IacValue | undefined): Map<string, IacProperty> | undefined {
  if (v?.kind === 'object') return v.entries;
  if (v?.kind === 'list' && v.items.length === 1 && v.items[0].kind === 'object') return v.items[0].entries;
  return undefined;
}

/**
 * Where a fix sets `canonical` when the resource has it only inside a legacy block (`cluster_mode { … }`): its value
 * there, replaced in place. Written at the top level beside the block, it would be refused by every provider
 * version (v3 has no flat argument; v4 lets only one of the two be set). undefined: edit as usual.
 */
export function legacyPlace(resource: IacResource, canonical: string, topLevel: readonly string[]): Range | undefined {
  if (resource.module || !Object.values(TF_LEGACY_BLOCKS[resource.type] ?? {}).some((lifted) => lifted.includes(canonical))) return undefined;
  const prop = resource.properties.get(canonical);
  return prop && !topLevel.includes(prop.writtenName) ? prop.value.range : undefined;
}
