/**
 * Names a fix must not give a new input or resource: every logical id and address the file and its module declare,
 * their variables, and every input a resource refers to (a CloudFormation parameter shares the logical-id
 * namespace; a reference to an input declared nowhere still names it). Collected once per model: every finding's
 * fix asks, and collecting per finding was quadratic in the file (66 ms of a 20,000-line Terraform file).
 */
import type { IacModel, IacValue } from '../../model/iac';

const byModel = new WeakMap<IacModel, ReadonlySet<string>>();

export function takenNames(model: IacModel): ReadonlySet<string> {
  let names = byModel.get(model);
  if (!names) byModel.set(model, (names = collect(model)));
  return names;
}

function collect(model: IacModel): Set<string> {
  const out = new Set<string>();
  const walk = (v: IacValue | undefined): void => {
    if (!v) return;
    if (v.kind === 'input') out.add(v.input.name);
    else if (v.kind === 'list') v.items.forEach(walk);
    else if (v.kind === 'object') for (const p of v.entries.values()) walk(p.value);
    else if (v.kind === 'choice') { walk(v.then); walk(v.else); if (v.condition.input) out.add(v.condition.input.name); }
  };
  for (const r of [...model.resources, ...(model.moduleResources ?? []).map((m) => m.resource)]) {
    out.add(r.name).add(`${r.type}.${r.name}`);
    for (const p of r.properties.values()) walk(p.value);
  }
  for (const address of model.declared?.keys() ?? []) out.add(address);
  for (const v of model.summary?.variables ?? []) out.add(v.name);
  return out;
}
