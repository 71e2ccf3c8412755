/**
 * npm run bench [-- --json]: analysis time against the bare parser's time on the same input, in the same process.
 * parseMs = the parser alone (yaml.parseDocument / tree-sitter parse); analyzeMs = the whole engine on one file
 * (parse, normalise, every rule, suppression, fixes resolved); ratio = analyzeMs / parseMs. Medians of warm runs.
 */
import { Analyzer } from '../server/src/engine/analyze';
import { Grammars, type GrammarName } from '../server/src/engine/grammars';
import { resolveSettings } from '../server/src/engine/settings';
import { nodeGrammarSource } from '../server/src/host/nodeGrammars';
import { INTRINSIC_TAGS } from '../server/src/formats/cloudformation/tags';
import { parseBounded } from '../server/src/formats/yaml-bounded';
import * as gen from './inputs';

interface Case { name: string; format: string; path: string; text: string; parse: () => void }

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main() {
  const json = process.argv.includes('--json');
  const source = nodeGrammarSource();
  const grammars = new Grammars(source);
  for (const g of ['terraform', 'python', 'typescript'] as GrammarName[]) await grammars.ensure(g);
  const treeSitter = (g: GrammarName, text: string) => () => grammars.parser(g).parse(text)!.delete();
  // The same call and options the CloudFormation format makes: the bare parser cost it cannot avoid.
  const yamlParse = (text: string) => () => parseBounded(text, { customTags: INTRINSIC_TAGS });

  const yaml5k = gen.cloudFormationYaml(320);
  const yaml20k = gen.cloudFormationYaml(1250);
  const cfnJson = gen.cloudFormationJson(300);
  const tf = gen.terraform(190);
  const py = gen.python(170);
  const ts = gen.typescript(200);
  const plainPy = gen.pythonWithoutCache(230);
  const cases: Case[] = [
    { name: 'cloudformation-yaml-5k-lines', format: 'cloudformation', path: 'bench.yaml', text: yaml5k, parse: yamlParse(yaml5k) },
    { name: 'cloudformation-yaml-20k-lines', format: 'cloudformation', path: 'bench.yaml', text: yaml20k, parse: yamlParse(yaml20k) },
    { name: 'cloudformation-json-300-resources', format: 'cloudformation', path: 'bench.json', text: cfnJson, parse: yamlParse(cfnJson) },
    { name: 'terraform-3k-lines', format: 'terraform', path: 'bench.tf', text: tf, parse: treeSitter('terraform', tf) },
    { name: 'python-2k-lines', format: 'python', path: 'bench.py', text: py, parse: treeSitter('python', py) },
    { name: 'python-2k-lines-no-cache-client', format: 'python', path: 'plain.py', text: plainPy, parse: treeSitter('python', plainPy) },
    { name: 'typescript-2k-lines', format: 'typescript', path: 'bench.ts', text: ts, parse: treeSitter('typescript', ts) },
  ];

  const analyzer = new Analyzer(source);
  const { settings } = resolveSettings([{ source: 'bench', value: { maxFileSizeKb: 1_000_000 } }]);
  const rows = [];
  for (const c of cases) {
    const file = { path: c.path, text: c.text };
    const first = await analyzer.analyzeFile(file, settings);
    if (!first || first.errors.length) throw new Error(`${c.name}: input did not analyse cleanly: ${JSON.stringify(first?.errors)}`);
    for (let i = 0; i < 3; i++) { c.parse(); await analyzer.analyzeFile(file, settings); }
    const parseMs: number[] = [], analyzeMs: number[] = [];
    // Interleaved, so that machine noise hits both sides alike.
    for (let i = 0; i < RUNS; i++) {
      parseMs.push(time(c.parse));
      analyzeMs.push(await timeAsync(() => analyzer.analyzeFile(file, settings)));
    }
    const p = median(parseMs), a = median(analyzeMs);
    rows.push({ name: c.name, format: c.format, inputBytes: Buffer.byteLength(c.text), parseMs: +p.toFixed(2), analyzeMs: +a.toFixed(2), ratio: +(a / p).toFixed(2), lines: c.text.split('\n').length, findings: first.findings.length });
  }
  if (json) {
    process.stdout.write(JSON.stringify(rows.map(({ name, format, inputBytes, parseMs, analyzeMs, ratio }) => ({ name, format, inputBytes, parseMs, analyzeMs, ratio })), null, 2) + '\n');
  } else {
    console.log(`median of ${RUNS} warm runs each; ratio = analyze / bare parse`);
    console.table(rows);
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
