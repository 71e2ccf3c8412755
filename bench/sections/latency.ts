/**
 * Section 2: what a user waits for while typing. One document open in the built server; one-character edits, each
 * waiting for the publishDiagnostics of its own version. End to end includes the server's debounce; analysis
 * time alone comes from the server's `cachelint/stats` request, when it answers one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from '../lsp/client';
import { editScript, type Spot } from '../lsp/edits';
import { lineCount, now, percentile } from '../measure';
import { ms, table, type Target } from '../report';
import { total, type Generated } from '../inputs/generated';
import { cloudFormationOfLines } from '../inputs/cloudformation';
import { typescriptOfLines } from '../inputs/typescript';

const ANALYSIS_P95_TARGET = 50;
const E2E_P95_TARGET = 300;

/** Places no rule reads: the edits change the text, never what is found. */
export const TEMPLATE_SPOTS: Spot[] = [
  { kind: 'string value', after: /Value: svc-/ },
  { kind: 'description', after: /GroupDescription: Cache/ },
  { kind: 'property key', after: / Preferred(?=MaintenanceWindow:)/ },
];
export const CODE_SPOTS: Spot[] = [
  { kind: 'string value', after: /'email/ },
  { kind: 'description', after: /\/\*\* Fixed/ },
  { kind: 'property key', after: /json\(\{ co/ },
];

interface Doc {
  label: string;
  file: string;
  languageId: string;
  input: Generated;
  spots: Spot[];
  /** Whether the latency targets apply: the issue sets them for the template; code files are reported only (the code formats' speed has an issue of its own). */
  analysisTarget: boolean;
}

const DOCS: () => Doc[] = () => [
  {
    label: 'CloudFormation YAML, 5k lines', file: 'stack.yaml', languageId: 'yaml', input: cloudFormationOfLines(5000, 'yaml'), analysisTarget: true,
    spots: TEMPLATE_SPOTS,
  },
  {
    label: 'TypeScript, 10k lines', file: 'src/service.ts', languageId: 'typescript', input: typescriptOfLines(10000), analysisTarget: false,
    spots: CODE_SPOTS,
  },
];

interface Measured {
  doc: Doc;
  lines: number;
  openMs: number;
  e2e: number[];
  analysis?: number[];
  queued?: number[];
  /** Publishes whose finding count differed from the input's: the edits must not change what is found. */
  wrongCounts: number;
}

async function measure(doc: Doc, edits: number, budgetMs: number): Promise<Measured> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-bench-latency-'));
  const file = path.join(root, doc.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, doc.input.text);
  const uri = pathToFileURL(file).href;
  const expected = total(doc.input.expected);
  const client = new BenchClient();
  try {
    await client.initialize(root);
    const opened = client.published(uri, 1);
    const t0 = now();
    await client.open(uri, doc.languageId, doc.input.text);
    const first = await opened;
    let wrongCounts = first.count === expected ? 0 : 1;
    const e2e: number[] = [];
    const script = editScript(doc.input.text, doc.spots, edits);
    const started = now();
    // Stops early only after a delete, so the text is back to the original whenever the budget runs out.
    for (let k = 0; k < script.length && !(k % 2 === 0 && now() - started > budgetMs); k++) {
      const version = k + 2;
      const e = script[k];
      const published = client.published(uri, version);
      const t = now();
      await client.change(uri, version, e.start, e.end, e.text);
      const got = await published;
      e2e.push(got.at - t);
      if (got.count !== expected) wrongCounts++;
    }
    const stats = (await client.stats())?.filter((s) => s.uri === uri && s.version >= 2 && s.status === 'done');
    return {
      doc, lines: lineCount(doc.input.text), openMs: first.at - t0, e2e, wrongCounts,
      analysis: stats?.length ? stats.map((s) => s.analysisMs) : undefined,
      queued: stats?.length ? stats.map((s) => s.queuedMs) : undefined,
    };
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const p = (xs: number[] | undefined, q: number) => (xs ? ms(percentile(xs, q)) : 'n/a');

export async function latencySection(edits: number, budgetMs: number, log: (s: string) => void): Promise<{ report: string; targets: Target[] }> {
  const results: Measured[] = [];
  for (const doc of DOCS()) {
    log(`  ${doc.label}: open, then ${edits} edits or ${budgetMs / 1000} s of them...`);
    results.push(await measure(doc, edits, budgetMs));
  }
  const targets: Target[] = [];
  for (const r of results) {
    if (r.wrongCounts) throw new Error(`${r.doc.label}: ${r.wrongCounts} publishes had a finding count other than the input's; the edit spots change findings`);
    if (r.doc.analysisTarget) {
      const a = r.analysis && percentile(r.analysis, 95);
      targets.push({ name: `${r.doc.label}: analysis p95 ≤ ${ANALYSIS_P95_TARGET} ms`, measured: a === undefined ? 'n/a (no cachelint/stats)' : `${ms(a)} ms`, pass: a === undefined ? undefined : a <= ANALYSIS_P95_TARGET });
    }
    if (r.doc.analysisTarget) {
      const e = percentile(r.e2e, 95);
      targets.push({ name: `${r.doc.label}: end-to-end p95 ≤ ${E2E_P95_TARGET} ms`, measured: `${ms(e)} ms`, pass: e <= E2E_P95_TARGET });
    }
  }
  const report = `One-character edits (insert, then delete) at string values, descriptions and property keys, each waiting for the\n` +
    `diagnostics of its version; ${edits} per document, or as many as ${budgetMs / 1000} s allow. End to end = didChange sent →\n` +
    'publishDiagnostics received, including the server\'s 250 ms debounce; analysis and queued times from cachelint/stats.\n' +
    table(
      ['document', 'lines', 'edits', 'open ms', 'e2e p50', 'e2e p95', 'e2e max', 'analysis p50', 'analysis p95', 'queued p95'],
      results.map((r) => [r.doc.label, r.lines, r.e2e.length, ms(r.openMs), p(r.e2e, 50), p(r.e2e, 95), p(r.e2e, 100), p(r.analysis, 50), p(r.analysis, 95), p(r.queued, 95)]),
    );
  return { report, targets };
}
