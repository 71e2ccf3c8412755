/**
 * What a Terraform traversal (`var.x`, `local.y`, `aws_kms_key.main.arn`, `data.…`) points at. Shared by the HCL
 * reader (steps from the tree) and the JSON reader (steps from a `${…}` string).
 */

/**
 * Meta-arguments configure Terraform, not the AWS resource, so they are not properties; `count` and `for_each`
 * instead mark the resource conditional.
 */
export const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

/** One step after the root: an attribute name, or an index (`[0]`, `["a"]`, a splat) that we do not follow. */
export type Step = { attr: string } | { index: true };

export type Reference =
  | { kind: 'variable'; name: string }
  | { kind: 'local'; name: string }
  | { kind: 'resource'; target: string; attribute?: string };

/** Roots that are not resource types: their traversals cannot be resolved to a resource in this file. */
const NOT_RESOURCES = new Set(['data', 'module', 'each', 'count', 'path', 'terraform', 'self', 'ephemeral']);

/** undefined = a traversal we cannot name statically (a `data.` source, a module output, `var.x.field` …). */
export function classifyTraversal(root: string, steps: Step[]): Reference | undefined {
  const first = steps[0];
  if (!first || !('attr' in first)) return undefined;
  if (root === 'var' || root === 'local') {
    // `var.settings.tls` reads inside an object-typed input: its default is not a plain value we model.
    if (steps.length !== 1) return undefined;
    return root === 'var' ? { kind: 'variable', name: first.attr } : { kind: 'local', name: first.attr };
  }
  if (NOT_RESOURCES.has(root)) return undefined;
  // `aws_x.name[0].arn` / `aws_x.name["k"].arn`: the instance index does not change which resource it is.
  const rest = steps.slice(1).filter((s) => 'attr' in s) as { attr: string }[];
  return { kind: 'resource', target: `${root}.${first.attr}`, attribute: rest.length ? rest.map((s) => s.attr).join('.') : undefined };
}

/** Steps of a traversal written as text (`aws_x.y[0].arn`), as in Terraform JSON `${…}` strings. */
export function parseTraversalText(text: string): { root: string; steps: Step[] } | undefined {
  const m = /^\s*([A-Za-z_][\w-]*)((?:\s*(?:\.\s*[A-Za-z_][\w-]*|\[\s*(?:\d+|"[^"]*"|\*)\s*\]|\.\*))*)\s*$/.exec(text);
  if (!m) return undefined;
  const steps: Step[] = [];
  for (const s of m[2].matchAll(/\.\s*([A-Za-z_][\w-]*)|\[[^\]]*\]|\.\*/g)) steps.push(s[1] ? { attr: s[1] } : { index: true });
  return { root: m[1], steps };
}
