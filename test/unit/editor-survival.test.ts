/**
 * Hover, completion and code lenses on whatever the fuzzer makes: for each format, a chunk of its generated cases
 * (seeds mutated, spliced, nested thousands deep, noise), analysed once, then hover and completion with every
 * trigger at a spread of offsets (line starts and ends, quotes and brackets, the ends of the text, positions past
 * them as a stale editor sends), and the lenses of the template's model. Nothing may throw, every answer's range
 * must lie in the text, and a hang shows as the test timing out. FUZZ_SEED picks other cases,
 * EDITOR_FUZZ_CHUNKS more of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { LineIndex } from '../../server/src/engine/text';
import { hoverAt } from '../../server/src/engine/hover';
import { completeAt } from '../../server/src/engine/completion';
import { cacheLenses } from '../../server/src/engine/codelens';
import type { Position, Range } from '../../server/src/engine/types';
import { nodeGrammarSource } from '../../server/src/host/nodeGrammars';
import { generateChunk } from '../fuzz/cases';
import { FORMATS } from '../fuzz/formats';

const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
/** Chunks of 50 cases per format; EDITOR_FUZZ_CHUNKS=n for a longer run. */
const CHUNKS = Number(process.env.EDITOR_FUZZ_CHUNKS ?? 1);
const TRIGGERS = [undefined, ':', '"', ' ', '.', '='];
const analyzer = new Analyzer(nodeGrammarSource());
const settings = { ...DEFAULT_SETTINGS, maxFileSizeKb: 102_400 };

/** Offsets worth asking at: evenly spread, and next to the characters locators branch on. */
function offsets(text: string): number[] {
  const out = new Set<number>([0, text.length, Math.max(0, text.length - 1)]);
  for (let k = 1; k < 16; k++) out.add(Math.floor((text.length * k) / 16));
  const marks = /["'{}[\]:=\n#$]/g;
  let found = 0;
  for (let m = marks.exec(text); m && found < 24; m = marks.exec(text)) if (m.index % 7 === 0 || found < 8) { out.add(m.index); out.add(m.index + 1); found++; }
  return [...out].filter((o) => o <= text.length);
}

function inText(lines: LineIndex, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount && p.character >= 0, `${what}: ${JSON.stringify(r)} outside the text`);
  }
}

for (const format of FORMATS) {
  test(`hover, completion and lenses survive fuzzed ${format.id}`, { timeout: 300_000 }, async (t) => {
    let calls = 0, answers = 0;
    for (let chunk = 0; chunk < CHUNKS; chunk++) {
      for (const c of generateChunk(SEED, format.id, chunk)) {
        const where = `${format.id}:${c.index} (FUZZ_SEED=${SEED} FUZZ_CASE=${format.id}:${c.index})`;
        const file = { path: `/w/${format.path}`, text: c.text };
        const analysis = await analyzer.analyzeFile(file, settings);
        const lines = new LineIndex(c.text);
        if (analysis?.iac) for (const lens of cacheLenses(analysis.iac)) inText(lines, lens.range, `${where} lens`);
        const positions: Position[] = offsets(c.text).map((o) => lines.positionAt(o));
        positions.push({ line: lines.lineCount + 3, character: 0 }, { line: 0, character: 10_000 });
        for (const position of positions) {
          const at = `${where} at ${position.line}:${position.character}`;
          calls++;
          const hover = hoverAt({ file, position, findings: analysis?.findings, calls: analysis?.calls, ruleSummary: () => undefined, today: '2026-06-01' });
          if (hover) { answers++; assert.ok(hover.markdown.length > 0, at); inText(lines, hover.range, `${at} hover`); }
          for (const trigger of TRIGGERS) {
            calls++;
            const items = completeAt({ file, position, trigger, today: '2026-06-01' });
            assert.ok(Array.isArray(items), at);
            for (const item of items) { inText(lines, item.range, `${at} completion ${item.label}`); assert.equal(typeof item.newText, 'string', at); }
            if (items.length) answers++;
          }
        }
      }
    }
    t.diagnostic(`${CHUNKS * 50} cases, ${calls} calls, ${answers} with an answer`);
  });
}

/** Inputs a generator reaches only by chance, kept as they were found. */
const FOUND: { name: string; path: string; text: string }[] = [
  // The HCL outline recursed once per `${` inside a string: 20,000 of them overflowed the stack (fuzz tf chunk 0).
  { name: 'a Terraform string 20,000 interpolations deep', path: '/w/main.tf', text: `resource "aws_elasticache_replication_group" "x" {\n  description = ${'"${'.repeat(20_000)}\n  engine = "valkey"\n}\n` },
];

for (const f of FOUND) {
  test(`hover and completion survive ${f.name}`, async () => {
    const file = { path: f.path, text: f.text };
    const lines = new LineIndex(f.text);
    for (const offset of [0, 60, 70, Math.floor(f.text.length / 2), f.text.length - 20, f.text.length]) {
      const position = lines.positionAt(offset);
      hoverAt({ file, position, ruleSummary: () => undefined, today: '2026-06-01' });
      for (const trigger of TRIGGERS) completeAt({ file, position, trigger, today: '2026-06-01' });
    }
  });
}
