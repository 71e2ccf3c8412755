/**
 * Random Terraform: HCL blocks (resources the engine models, variables with defaults, locals, dynamic and nested
 * blocks, one-line blocks, heredocs, templates, conditionals), the same shapes as Terraform JSON (objects or
 * arrays of objects at every level), and `.tfvars` assignments.
 */
import fc from 'fast-check';
import { RESOURCE_SCHEMAS } from '../../../server/src/model/iac-schema';

const TF_TYPES = RESOURCE_SCHEMAS.flatMap((s) => (s.tfType ? [s.tfType] : []));
const TLS_TYPES = ['aws_elasticache_replication_group', 'aws_elasticache_cluster', 'aws_memorydb_cluster'];
const ATTRIBUTES = [...new Set(RESOURCE_SCHEMAS.flatMap((s) => Object.values(s.properties).flatMap(([, tf]) => (tf ? [tf] : []))))];
const TLS_ATTRIBUTES = ['transit_encryption_enabled', 'tls_enabled', 'transit_encryption_mode', 'engine', 'engine_version', 'auth_token', 'replication_group_id', 'global_replication_group_id', 'count', 'for_each'];
const VARIABLES = ['tls', 'tls_enabled', 'engine', 'env'];
const LOCALS = ['tls', 'name', 'loop'];

const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);

/** HCL expressions: literals, references, and the computed forms whose value the engine must leave unknown. */
export const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' },
    { weight: 6, arbitrary: fc.constantFrom('true', 'false', '"true"', '"false"', 'null', '0', '1', '6379', '"valkey"', '"redis"', '"memcached"', '"7.1"', '"3.2.4"', '"preferred"', '""', '"${var.env}-x"', '"%{ if var.tls }on%{ endif }"', '"\\u00fc\\n"', '-1', '1e3') },
    { weight: 3, arbitrary: fc.constantFrom(...VARIABLES).map((v) => `var.${v}`) },
    { weight: 2, arbitrary: fc.constantFrom(...LOCALS).map((v) => `local.${v}`) },
    { weight: 1, arbitrary: fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `${c} ? ${a} : ${b}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('tobool', 'coalesce', 'try', 'lookup', 'length', 'jsonencode'), fc.array(tie('e'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`) },
    { weight: 1, arbitrary: fc.array(tie('e'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) },
    { weight: 1, arbitrary: fc.array(fc.tuple(ident, tie('e')), { maxLength: 3 }).map((kv) => `{ ${kv.map(([k, v]) => `${k} = ${v}`).join(', ')} }`) },
    { weight: 1, arbitrary: fc.constantFrom('!var.tls', 'aws_elasticache_replication_group.r.id', 'aws_x.y[*].id', 'var.m["k"]', '[for x in var.l : x if x]', '{ for k, v in var.m : k => v }', 'module.m.out', 'data.aws_vpc.main.id', '(true)', 'local.loop[0]') },
    { weight: 1, arbitrary: fc.constantFrom('<<EOT\nplain ${var.env}\nEOT', '<<-EOT\n    indented\n    EOT') },
  ),
})).e;

interface Layout { indent: string; align: boolean; comments: boolean }

function attributes(pairs: [string, string][], pad: string, l: Layout): string[] {
  const width = l.align ? Math.max(0, ...pairs.map(([k]) => k.length)) : 0;
  return pairs.map(([k, v]) => `${pad}${k.padEnd(width)} = ${v}`);
}

const attributePairs = (names: fc.Arbitrary<string>, max: number) =>
  fc.uniqueArray(fc.tuple(names, expression), { maxLength: max, selector: ([k]) => k });

const nestedBlock = fc.record({
  name: fc.constantFrom('log_delivery_configuration', 'lifecycle', 'timeouts', 'cache_usage_limits', 'ingress', 'cluster_mode'),
  dynamic: fc.boolean(),
  attrs: attributePairs(fc.constantFrom(...TLS_ATTRIBUTES, 'destination', 'ignore_changes', 'create_before_destroy'), 3),
});

const resourceBlock = fc.record({
  type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TLS_TYPES) }, { weight: 3, arbitrary: fc.constantFrom(...TF_TYPES) }, { weight: 1, arbitrary: fc.constantFrom('aws_s3_bucket', 'aws_elasticache_nope', '') }),
  name: ident,
  attrs: attributePairs(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TLS_ATTRIBUTES) }, { weight: 2, arbitrary: fc.constantFrom(...ATTRIBUTES) }), 7),
  blocks: fc.array(nestedBlock, { maxLength: 2 }),
  oneLine: fc.boolean(),
});

const variableBlock = fc.record({
  name: fc.constantFrom(...VARIABLES),
  type: fc.option(fc.constantFrom('bool', 'string', 'number', 'any', 'list(string)', 'object({ a = bool })'), { freq: 2 }),
  def: fc.option(expression, { freq: 2 }),
  sensitive: fc.boolean(),
  oneLine: fc.boolean(),
});

type ResourceBlock = typeof resourceBlock extends fc.Arbitrary<infer T> ? T : never;
type VariableBlock = typeof variableBlock extends fc.Arbitrary<infer T> ? T : never;
type Block = { kind: 'resource'; r: ResourceBlock } | { kind: 'variable'; v: VariableBlock } | { kind: 'locals'; pairs: [string, string][] } | { kind: 'other'; text: string };

const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 5, arbitrary: resourceBlock.map((r): Block => ({ kind: 'resource', r })) },
  { weight: 3, arbitrary: variableBlock.map((v): Block => ({ kind: 'variable', v })) },
  { weight: 1, arbitrary: attributePairs(fc.constantFrom(...LOCALS), 3).map((pairs): Block => ({ kind: 'locals', pairs })) },
  { weight: 1, arbitrary: fc.constantFrom('terraform {\n  required_version = ">= 1.5"\n}', 'provider "aws" {\n  region = "eu-west-1"\n}', 'module "m" {\n  source = "./m"\n}', 'data "aws_vpc" "main" {}', 'output "o" {\n  value = aws_elasticache_replication_group.r.id\n}').map((text): Block => ({ kind: 'other', text })) },
);

function renderBlock(b: Block, l: Layout): string[] {
  const p1 = l.indent, p2 = l.indent + l.indent;
  switch (b.kind) {
    case 'other': return [b.text];
    case 'locals': return ['locals {', ...attributes(b.pairs, p1, l), '}'];
    case 'variable': {
      const pairs: [string, string][] = [];
      if (b.v.type) pairs.push(['type', b.v.type]);
      if (b.v.def) pairs.push(['default', b.v.def]);
      if (b.v.sensitive) pairs.push(['sensitive', 'true']);
      if (b.v.oneLine && pairs.length <= 1 && !pairs.some(([, v]) => v.includes('\n'))) return [`variable "${b.v.name}" { ${pairs.map(([k, v]) => `${k} = ${v}`).join('')} }`];
      return [`variable "${b.v.name}" {`, ...attributes(pairs, p1, l), '}'];
    }
    case 'resource': {
      const { type, name, attrs, blocks, oneLine } = b.r;
      const head = `resource "${type}" "${name}" {`;
      if (oneLine && attrs.length === 1 && !blocks.length && !attrs[0][1].includes('\n')) return [`${head} ${attrs[0][0]} = ${attrs[0][1]} }`];
      const out = [head];
      if (l.comments) out.push(`${p1}# managed by the platform team`);
      out.push(...attributes(attrs, p1, l));
      for (const nb of blocks) {
        if (nb.dynamic) out.push(`${p1}dynamic "${nb.name}" {`, `${p2}for_each = var.env == "prod" ? [1] : []`, `${p2}content {`, ...attributes(nb.attrs, p2 + l.indent, l), `${p2}}`, `${p1}}`);
        else out.push(`${p1}${nb.name} {`, ...attributes(nb.attrs, p2, l), `${p1}}`);
      }
      out.push('}');
      return out;
    }
  }
}

const layout = fc.record({ indent: fc.constantFrom('  ', '    ', '\t', ' '), align: fc.boolean(), comments: fc.boolean() });

export const hclFile: fc.Arbitrary<string> = fc.tuple(fc.array(block, { minLength: 1, maxLength: 8 }), layout, fc.constantFrom('\n', '\n', '\r\n'), fc.boolean())
  .map(([blocks, l, eol, blank]) => blocks.map((b) => renderBlock(b, l).join('\n')).join(blank ? '\n\n' : '\n').replace(/\n/g, eol) + eol);

/** `.tfvars`: assignments only, values of every shape. */
export const tfvarsFile: fc.Arbitrary<string> = fc.tuple(fc.array(fc.tuple(ident, expression), { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\r\n'))
  .map(([pairs, eol]) => pairs.map(([k, v]) => `${k} = ${v}`).join('\n').replace(/\n/g, eol) + eol);

// ---- Terraform JSON ----

const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    { weight: 5, arbitrary: fc.constantFrom<unknown>(true, false, 'true', 'false', null, 0, 6379, 'valkey', 'memcached', '7.1', '3.2.4', '${var.tls}', '${local.tls}', '${var.tls ? true : false}', '${', 'preferred', '') },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'default', 'type', '//'), tie('v'), { maxKeys: 3 }) },
  ),
})).v;

/** Objects, or arrays of objects: Terraform JSON accepts both at every block level. */
const objectOrArray = <T>(arb: fc.Arbitrary<Record<string, T>>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.array(arb, { minLength: 1, maxLength: 2 }) });

const jsonResourceBody = fc.dictionary(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TLS_ATTRIBUTES) }, { weight: 1, arbitrary: fc.constantFrom(...ATTRIBUTES) }), jsonValue, { maxKeys: 6 });

export const tfJsonFile: fc.Arbitrary<string> = fc.tuple(
  fc.record({
    resource: objectOrArray(fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TLS_TYPES) }, { weight: 1, arbitrary: fc.constantFrom(...TF_TYPES) }), objectOrArray(fc.dictionary(ident, jsonResourceBody, { minKeys: 1, maxKeys: 3 })), { minKeys: 1, maxKeys: 3 })),
    variable: objectOrArray(fc.dictionary(fc.constantFrom(...VARIABLES), fc.record({ type: fc.constantFrom('bool', 'string', 'any'), default: jsonValue }, { requiredKeys: [] }), { maxKeys: 3 })),
    locals: objectOrArray(fc.dictionary(fc.constantFrom(...LOCALS), jsonValue, { maxKeys: 2 })),
  }, { requiredKeys: ['resource'] }),
  fc.constantFrom<string | number>(0, 2, 4, '\t'),
  fc.boolean(),
).map(([doc, indent, crlf]) => {
  const text = JSON.stringify(doc, null, indent) + '\n';
  return crlf ? text.replace(/\n/g, '\r\n') : text;
});

export function bigHcl(bytes: number): string {
  const parts = ['variable "tls" {\n  type    = bool\n  default = false\n}\n\nlocals {\n  tls = true\n}\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const r = `\nresource "aws_elasticache_replication_group" "g${i}" {\n  replication_group_id       = "g-${i}"\n  description                = "group \${var.env} ${i}"\n  engine                     = "valkey"\n  transit_encryption_enabled = ${i % 3 === 0 ? 'var.tls' : i % 3 === 1 ? 'false' : 'local.tls'}\n\n  log_delivery_configuration {\n    destination = "slow-${i}"\n  }\n}\n`;
    parts.push(r);
    size += r.length;
  }
  return parts.join('');
}

export function bigTfvars(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const r = `name_${i} = { enabled = ${i % 2 === 0}, tags = ["a", "b"], text = <<EOT\nline ${i}\nEOT\n}\n`;
    parts.push(r);
    size += r.length;
  }
  return parts.join('');
}

export function bigTfJson(bytes: number): string {
  const parts = ['{\n  "variable": {"tls": {"type": "bool", "default": false}},\n  "resource": {"aws_elasticache_replication_group": {\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const r = `    "g${i}": {"description": "group ${i}", "engine": "valkey", "transit_encryption_enabled": ${i % 2 ? 'false' : '"${var.tls}"'}},\n`;
    parts.push(r);
    size += r.length;
  }
  parts.push('    "last": {"description": "x"}\n  }}\n}\n');
  return parts.join('');
}
