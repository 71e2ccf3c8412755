/**
 * The formats the fuzzer feeds the engine, each with its file name, its realistic seeds (test fixtures and
 * examples), a grammar-aware generator, its ways of nesting and breaking, a 10 MB input, and how to tell whether a
 * text of it is syntactically broken (the oracle for "did the fix break the file").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type fc from 'fast-check';
import type { GrammarName } from '../../server/src/engine/grammars';
import { nest, type Syntax } from './mutate';
import * as cfn from './generators/cloudformation';
import * as tf from './generators/terraform';
import { bigPython, pythonModule } from './generators/python';
import { bigScript, jsModule } from './generators/javascript';

export interface FuzzFormat {
  id: string;
  /** The path the engine sees; it picks the format by extension. */
  path: string;
  /** Files under test/fixtures and examples whose names match are this format's seeds. */
  seedPattern: RegExp;
  generated: fc.Arbitrary<string>;
  syntax: Syntax;
  big(bytes: number): string;
  /** The tree-sitter grammar that tells whether code is broken; infrastructure formats report their own errors. */
  grammar?: GrammarName;
  /** The file must stay strict JSON (CloudFormation and Terraform read it with a JSON parser). */
  strictJson?: boolean;
}

const ROOT = path.resolve(__dirname, '../..');

const JSON_NEST = [nest.brackets('[', ']'), nest.brackets('{"a":', '}'), nest.brackets('{"Fn::If": ["C", ', ', 1]}', 'true')];
const JSON_TOKENS = ['"', '{', '[', '}', ']', ',', ':', '"Fn::If"', '{"Ref": ', '\\u', '\\', '"\\ud800"', 'NaN', '-', '1e999', '/*', '//', 'true', 'null'];

const YAML_NEST = [
  nest.indented(() => 'a:', '  ', 'b: 1'),
  nest.indented(() => '-', ' ', 'x'),
  nest.brackets('[', ']'),
  nest.brackets('{a: ', '}'),
  nest.brackets('!If [C, ', ', x]', 'true'),
  nest.brackets('- ', '', 'x'),
  (depth: number) => `r: &a [x]\n${Array.from({ length: Math.min(depth, 40) }, (_, i) => `r${i}: &a${i} [*${i ? `a${i - 1}` : 'a'}, *${i ? `a${i - 1}` : 'a'}]`).join('\n')}\n`,
];
const YAML_TOKENS = ['"', "'", '!Ref', '!If', '!Sub "${', '!GetAtt ', '!!binary', '&x', '*x', '<<: *x', '<<:', '? ', ': ', '- ', '|', '>-', '---\n', '...\n', '%YAML 1.2\n', '#', '{', '[', '\t', 'Fn::If:', 'Ref:', '!Equals [', '@', '`', '!<tag:x>'];

const HCL_NEST = [
  nest.brackets('a {\n', '}\n', 'x = 1\n'),
  nest.brackets('[', ']'),
  nest.brackets('(', ')'),
  nest.brackets('f(', ')'),
  nest.brackets('{ a = ', ' }'),
  nest.brackets('true ? ', ' : false'),
  nest.brackets('"${', '}"', 'var.x'),
  nest.brackets('dynamic "d" {\ncontent {\n', '}\n}\n', 'x = 1\n'),
];
const HCL_TOKENS = ['"', '${', '%{', '<<EOT\n', '<<-EOT\n', '/*', '#', '//', '{', '}', '[', '(', '=', 'resource "aws_elasticache_replication_group" "x" {', 'variable "tls" {', '\\', '$${', '...', '=>', '?', '*.'];

const PY_NEST = [
  nest.indented(() => 'if x:', '    ', 'r.set("a", 1)'),
  nest.indented((i) => `def f${i}():`, ' ', 'return r.keys("*")'),
  nest.indented(() => 'with r.pipeline() as p:', '  ', 'p.set("a", 1)'),
  nest.brackets('(', ')'),
  nest.brackets('[', ']'),
  nest.brackets('r.get(', ')', '"k"'),
  nest.brackets('f"{', '}"', 'x'),
  nest.brackets('lambda: ', '', 'r.keys("*")'),
  (depth: number) => `r${'.pipeline()'.repeat(depth)}.set("a", 1)\n`,
];
const PY_TOKENS = ['"', "'", '"""', "'''", 'f"{', 'b"', '#', '\\', '(', ')', '[', ':', '    ', '\t', 'def f(', 'class C:', 'import redis\n', 'r.keys(', 'r.set(', 'await ', 'lambda', 'async def', '@'];

const JS_NEST = [
  nest.brackets('{', '}'),
  nest.brackets('(', ')'),
  nest.brackets('[', ']'),
  nest.brackets('() => ', '', 'redis.keys("*")'),
  nest.brackets('redis.get(', ')', "'k'"),
  nest.brackets('`${', '}`', 'x'),
  nest.brackets('if (x) {\n', '}\n', 'redis.set("a", 1);\n'),
  (depth: number) => `redis${'.multi()'.repeat(depth)}.set('a', 1).exec();\n`,
  (depth: number) => `const x = ${Array.from({ length: depth }, (_, i) => `a${i}`).join(' + ')};\n`,
];
const JS_TOKENS = ['"', "'", '`', '${', '/*', '//', '/re', '{', '}', '(', ')', '<', '</', '<div>', 'import Redis from "ioredis";\n', 'redis.keys(', 'redis.set(', 'await ', '=>', '@', '#!', '?.', '!', 'as', ': '];
const TS_TOKENS = [...JS_TOKENS, '<T>', 'interface I {', 'type T = ', 'enum E {', 'declare ', 'satisfies ', 'abstract '];

export const FORMATS: FuzzFormat[] = [
  { id: 'cfn-yaml', path: 'fuzz/template.yaml', seedPattern: /\.ya?ml$/, generated: cfn.yamlTemplate, syntax: { nesters: YAML_NEST, tokens: YAML_TOKENS }, big: cfn.bigYaml },
  { id: 'cfn-json', path: 'fuzz/template.json', seedPattern: /(?<!\.tf|\.expected)\.json$/, generated: cfn.jsonTemplate, syntax: { nesters: JSON_NEST, tokens: JSON_TOKENS }, big: cfn.bigJson, strictJson: true },
  { id: 'tf', path: 'fuzz/main.tf', seedPattern: /\.tf$/, generated: tf.hclFile, syntax: { nesters: HCL_NEST, tokens: HCL_TOKENS }, big: tf.bigHcl, grammar: 'terraform' },
  { id: 'tf-json', path: 'fuzz/main.tf.json', seedPattern: /\.tf\.json$/, generated: tf.tfJsonFile, syntax: { nesters: JSON_NEST, tokens: JSON_TOKENS }, big: tf.bigTfJson, strictJson: true },
  { id: 'tfvars', path: 'fuzz/terraform.tfvars', seedPattern: /\.(tfvars|tf)$/, generated: tf.tfvarsFile, syntax: { nesters: HCL_NEST, tokens: HCL_TOKENS }, big: tf.bigTfvars, grammar: 'terraform' },
  { id: 'python', path: 'fuzz/app.py', seedPattern: /\.py$/, generated: pythonModule, syntax: { nesters: PY_NEST, tokens: PY_TOKENS }, big: bigPython, grammar: 'python' },
  { id: 'javascript', path: 'fuzz/app.js', seedPattern: /\.jsx?$/, generated: jsModule('javascript'), syntax: { nesters: JS_NEST, tokens: JS_TOKENS }, big: (n) => bigScript(n, 'javascript'), grammar: 'javascript' },
  { id: 'typescript', path: 'fuzz/app.ts', seedPattern: /\.ts$/, generated: jsModule('typescript'), syntax: { nesters: JS_NEST, tokens: TS_TOKENS }, big: (n) => bigScript(n, 'typescript'), grammar: 'typescript' },
  { id: 'tsx', path: 'fuzz/app.tsx', seedPattern: /\.tsx?$/, generated: jsModule('tsx'), syntax: { nesters: JS_NEST, tokens: [...TS_TOKENS, '<>', '</>', '{/*', '<a href="'] }, big: (n) => bigScript(n, 'tsx'), grammar: 'tsx' },
];

export function formatById(id: string): FuzzFormat {
  const f = FORMATS.find((x) => x.id === id);
  if (!f) throw new Error(`unknown fuzz format ${id}; known: ${FORMATS.map((x) => x.id).join(', ')}`);
  return f;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

let all: { path: string; text: string }[] | undefined;

/** Every seed file, read once per thread, in a stable order (case numbers must mean the same input on replay). */
export function allSeeds(): { path: string; text: string }[] {
  all ??= ['test/fixtures', 'examples']
    .flatMap((d) => filesUnder(path.join(ROOT, d)))
    .sort()
    .map((p) => ({ path: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8') }));
  return all;
}

export function seedsOf(format: FuzzFormat): string[] {
  return allSeeds().filter((s) => format.seedPattern.test(s.path)).map((s) => s.text);
}
