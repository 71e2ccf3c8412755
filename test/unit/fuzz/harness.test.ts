/**
 * The fuzzer's detectors, tested on inputs with known faults, so that a clean fuzz run cannot be a blind one: the
 * edit applier, the property checker, the watchdog and the minimiser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FileAnalysis } from '../../../server/src/engine/analyze';
import type { Finding, Range, TextEdit } from '../../../server/src/engine/types';
import { applyEdits, Lines, mapOffset } from '../../fuzz/text';
import { checkText, type ErrorCounts, type Subject } from '../../fuzz/check';
import { runFuzz, type Failure } from '../../fuzz/pool';
import { groupFailures } from '../../fuzz/report';
import { minimize } from '../../fuzz/minimize';
import { generateCase, generateChunk } from '../../fuzz/cases';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const edit = (range: Range, newText: string): TextEdit => ({ range, newText });

test('lines end at \\n, \\r\\n and a lone \\r, as LSP counts them', () => {
  const lines = new Lines('a\r\nbb\rccc\n');
  assert.equal(lines.count, 4);
  assert.deepEqual(lines.positionAt(4), { line: 1, character: 1 });
  assert.equal(lines.invalid({ line: 1, character: 2 }), undefined);
  assert.equal(lines.invalid({ line: 0, character: 2 }), 'character 2 outside 0..1 on line 0');
  assert.equal(lines.invalid({ line: 4, character: 0 }), 'line 4 outside 0..3');
  assert.equal(lines.invalidRange(r(1, 1, 0, 0)), 'start 1:1 after end 0:0');
});

test('a leading byte-order mark is no column, as in the editor', () => {
  const lines = new Lines('\uFEFFab\ncd');
  assert.deepEqual(lines.positionAt(1), { line: 0, character: 0 });
  assert.equal(lines.invalid({ line: 0, character: 2 }), undefined);
  assert.equal(lines.invalid({ line: 0, character: 3 }), 'character 3 outside 0..2 on line 0');
  assert.deepEqual(applyEdits('\uFEFFab\ncd', [edit(r(0, 0, 0, 1), 'X')]), { text: '\uFEFFXb\ncd', spans: [{ start: 1, end: 2, newText: 'X' }] });
});

test('edits apply as an editor applies them, and what an editor refuses is refused', () => {
  const text = 'ab\rcd\n';
  assert.deepEqual(applyEdits(text, [edit(r(1, 0, 1, 1), 'X'), edit(r(0, 2, 0, 2), '!')]), { text: 'ab!\rXd\n', spans: [{ start: 2, end: 2, newText: '!' }, { start: 3, end: 4, newText: 'X' }] });
  assert.deepEqual(applyEdits(text, [edit(r(0, 0, 0, 2), 'X'), edit(r(0, 1, 1, 0), 'Y')]), { problem: 'overlapping edits at offsets 0-2 and 1-3' });
  assert.deepEqual(applyEdits(text, [edit(r(0, 3, 0, 3), 'X')]), { problem: 'edit range 0:3-0:3: character 3 outside 0..2 on line 0' });
  assert.deepEqual(applyEdits('a\u{1F600}b', [edit(r(0, 2, 0, 2), 'X')]), { problem: 'edit 0:2-0:2 splits a surrogate pair' });
});

test('a finding offset maps through the edits before it, and onto the start of an edit that rewrites it', () => {
  const spans = [{ start: 0, end: 0, newText: 'xx' }, { start: 5, end: 9, newText: 'y' }];
  assert.deepEqual(mapOffset(spans, 3), [5, 5]);
  assert.deepEqual(mapOffset(spans, 7), [7, 7]);
  assert.deepEqual(mapOffset(spans, 12), [11, 11]);
  assert.deepEqual(mapOffset([{ start: 4, end: 4, newText: 'abc' }], 4), [4, 7]);
});

/** A fake engine: findings and errors are read off the text, so each test states the fault it plants. */
function fakeSubject(analyze: (text: string) => FileAnalysis | undefined): Subject {
  return {
    analyze: async (text) => analyze(text),
    syntaxErrors: (text): ErrorCounts => new Map(text.includes('BROKEN') ? [['ERROR', text.split('BROKEN').length - 1]] : []),
  };
}

const finding = (range: Range, fixes: Finding['fixes'] = []): Finding => ({ ruleId: 'keys-command', severity: 'warning', message: 'KEYS blocks the server', range, docs: 'x', fixes });
const result = (findings: Finding[], errors: FileAnalysis['errors'] = []): FileAnalysis => ({ path: 'a.py', format: 'python', findings, errors, comments: { line: '#' } });

test('a range outside the text, an unreadable message and an internal failure are all caught', async () => {
  const { problems } = await checkText(fakeSubject(() => result([finding(r(0, 0, 0, 9))], [{ message: 'rule keys-command failed: boom' }, { message: 'undefined' }])), 'r.keys()\n');
  assert.deepEqual(problems.map((p) => `${p.kind}: ${p.detail}`), [
    'internal: rule keys-command failed: boom',
    'message: error is not a readable message: "undefined"',
    'range: keys-command finding 0:0-0:9: character 9 outside 0..8 on line 0',
  ]);
});

test('a throwing engine is a crash, an irrelevant file is no problem', async () => {
  const crash = await checkText(fakeSubject(() => { throw new TypeError('x is undefined'); }), 'a');
  assert.equal(crash.problems.length, 1);
  assert.equal(crash.problems[0].kind, 'crash');
  assert.match(crash.problems[0].detail, /^analyzeFile threw: TypeError: x is undefined/);
  assert.deepEqual(await checkText(fakeSubject(() => undefined), 'a'), { problems: [], stats: { relevant: false, findings: 0, fixesChecked: 0, fixesKnown: 0, brokenInput: false, parserFailed: false } });
});

/** Reports KEYS wherever `keys(` is written, with a fix that writes `newText` over it. */
const keysEngine = (newText: string) => fakeSubject((text) => {
  const at = text.indexOf('keys(');
  if (at < 0) return result([]);
  const range = r(0, at, 0, at + 5);
  return result([finding(range, [{ title: 'Use SCAN', edits: [edit(range, newText)] }])]);
});

test('a fix that works passes; one that leaves its finding, or breaks a clean file, is a violation of its kind', async () => {
  const good = await checkText(keysEngine('scan_iter('), 'r.keys("*")\n');
  assert.deepEqual(good.problems, []);
  assert.equal(good.stats.fixesChecked, 1);

  const stays = await checkText(keysEngine('keys( '), 'r.keys("*")\n');
  assert.deepEqual(stays.problems.map((p) => `${p.kind}: ${p.detail}`), ['fix-broke-clean: keys-command at 0:2, fix "Use SCAN": still reported after the fix (KEYS blocks the server)']);

  const breaks = await checkText(keysEngine('BROKEN('), 'r.keys("*")\n');
  assert.deepEqual(breaks.problems.map((p) => `${p.kind}: ${p.detail}`), ['fix-broke-clean: keys-command at 0:2, fix "Use SCAN": new syntax errors ERROR ×1']);

  const noop = await checkText(keysEngine('keys('), 'r.keys("*")\n');
  assert.deepEqual(noop.problems.map((p) => p.detail), ['keys-command at 0:2, fix "Use SCAN": the edits change nothing']);
});

test('on a file that was already broken, a fix that adds errors is told apart from one that broke a clean file', async () => {
  const { problems, stats } = await checkText(keysEngine('BROKEN('), 'BROKEN r.keys("*")\n');
  assert.equal(stats.brokenInput, true);
  assert.deepEqual(problems.map((p) => `${p.kind}: ${p.detail}`), ['fix-on-broken: keys-command at 0:9, fix "Use SCAN": new syntax errors ERROR ×1']);
});

test('of two findings of one rule at one place, the fix must remove one', async () => {
  /** `mget(` carries a fixable finding and a transaction finding at the same start; `tx` keeps the second one. */
  const twoAtOnce = (newText: string) => fakeSubject((text) => {
    const at = text.indexOf('mget(');
    if (at < 0) return result([]);
    const range = r(0, at, 0, at + 5);
    const fixed = finding(range, [{ title: 'Wrap', edits: [edit(range, newText)] }]);
    return result(text.includes('tx') ? [fixed, finding(range)] : [fixed]);
  });
  assert.deepEqual((await checkText(twoAtOnce('xget('), 'tx r.mget(a, b)\n')).problems, []);
  assert.deepEqual((await checkText(twoAtOnce('mget( '), 'tx r.mget(a, b)\n')).problems.map((p) => `${p.kind}: ${p.detail}`), [
    'fix-broke-clean: keys-command at 0:5, fix "Wrap": still reported after the fix (KEYS blocks the server)',
  ]);
});

test('when the syntax oracle cannot tell, the input counts as broken and no new error is claimed', async () => {
  const blind: Subject = { ...keysEngine('BROKEN('), syntaxErrors: () => undefined };
  const { problems, stats } = await checkText(blind, 'r.keys("*")\n');
  assert.equal(stats.brokenInput, true);
  assert.deepEqual(problems, []);
});

test('fix violations group by rule, fix and way of failing, not by the input\'s own parse errors', () => {
  const f = (detail: string): Failure => ({ kind: 'fix-on-broken', detail, format: 'cfn-json', index: 1 });
  const groups = groupFailures([
    f('transit-encryption-disabled at 3:4, fix "Set X to true": new syntax errors JSON syntax error: A ×1'),
    f('transit-encryption-disabled at 9:1, fix "Set X to true": new syntax errors JSON syntax error: B ×2'),
    f('transit-encryption-disabled at 9:1, fix "Set X to true": still reported after the fix (…)'),
  ]);
  assert.deepEqual(groups.map((g) => [g.signature, g.count]), [
    ['cfn-json fix-on-broken transit-encryption-disabled "Set X to true" new syntax errors', 2],
    ['cfn-json fix-on-broken transit-encryption-disabled "Set X to true" still reported', 1],
  ]);
});

test('a fix verified in the same surroundings is not re-analysed; the same fix elsewhere is', async () => {
  const verified = new Set<string>();
  assert.equal((await checkText(keysEngine('scan_iter('), 'r.keys("*")\n', { verified })).stats.fixesChecked, 1);
  assert.deepEqual((await checkText(keysEngine('scan_iter('), 'r.keys("*")\n\n\n# far below\n', { verified })).stats, { relevant: true, findings: 1, fixesChecked: 0, fixesKnown: 1, brokenInput: false, parserFailed: false });
  assert.equal((await checkText(keysEngine('scan_iter('), 'x.keys("*")\n', { verified })).stats.fixesChecked, 1);
});

test('the minimiser keeps the failure and drops the rest', async () => {
  const subject = fakeSubject((text) => result(text.includes('BAD') ? [finding(r(0, 0, 0, 99))] : []));
  const text = 'first line\nsecond BAD line\nthird line\n';
  const { problems } = await checkText(subject, text);
  assert.equal(await minimize(subject, text, problems[0]), 'BAD');
});

test('the watchdog reports a hang (of one analysis) and a dead process with their case numbers, replaces a retiring one, and the run goes on', async () => {
  const report = await runFuzz({
    runSeed: 1, runs: 8, formats: ['python'], big: false, workers: 1, caseTimeoutMs: 1500, bigTimeoutMs: 1500, maxFixes: 1,
    worker: path.join(__dirname, 'misbehaving-worker.ts'),
  });
  assert.deepEqual(report.failures.map((f) => `${f.kind} #${f.index}`), ['hang #3', 'crash #5']);
  // Case 2 took three analyses of 900 ms each, over the 1,500 ms bound in all: each analysis is bounded, not the case.
  assert.match(report.failures[0].detail, /^one analysis gave no result after \d+ ms of CPU time/);
  // Case 1 retired its process: case 2 ran in a fresh one, and no case ran twice or was lost.
  assert.deepEqual(report.failures[0].history, ['python:2', 'python:3']);
  assert.match(report.failures[1].detail, /the analysing process died \(exit code 7\)/);
  // The process that died on #5 was started after the hang: its history begins there.
  assert.deepEqual(report.failures[1].history, ['python:4', 'python:5']);
  const t = report.tallies.get('python')!;
  assert.equal(t.cases, 8);
  assert.equal(t.relevant, 6);
});

test('a case is the same input whenever it is generated, alone or with its chunk', () => {
  const alone = generateCase(42, 'cfn-yaml', 73);
  assert.equal(alone.index, 73);
  assert.deepEqual(generateChunk(42, 'cfn-yaml', 1)[23], alone);
  assert.deepEqual(generateCase(42, 'cfn-yaml', 73), alone);
  assert.notEqual(generateCase(43, 'cfn-yaml', 73).text, alone.text);
});

test('on a file broken before the fix, only errors near the fix count: error recovery elsewhere may shift', async () => {
  // The oracle counts BROKEN tokens, and one more error at offset 0 whenever the text holds scan_iter( — as
  // tree-sitter may recover from a typo at the top differently once a later function changed.
  const oracle: Subject['syntaxErrors'] = (text, _analysis, window) => {
    const at: number[] = [];
    for (let i = text.indexOf('BROKEN'); i >= 0; i = text.indexOf('BROKEN', i + 1)) at.push(i);
    if (text.includes('scan_iter(')) at.push(0);
    const n = at.filter((o) => !window || (o < window.end && o + 1 >= window.start)).length;
    return new Map(n ? [['ERROR', n]] : []);
  };
  const engine = (newText: string): Subject => ({
    analyze: async (text) => {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('keys('));
      if (line < 0) return result([]);
      const range = r(line, lines[line].indexOf('keys('), line, lines[line].indexOf('keys(') + 5);
      return result([finding(range, [{ title: 'Use SCAN', edits: [edit(range, newText)] }])]);
    },
    syntaxErrors: oracle,
  });
  const text = 'BROKEN\n\n\n\n\nr.keys("*")\n';
  const far = await checkText(engine('scan_iter('), text);
  assert.equal(far.stats.brokenInput, true);
  assert.deepEqual(far.problems, []);
  const near = await checkText(engine('BROKEN('), text);
  assert.deepEqual(near.problems.map((p) => `${p.kind}: ${p.detail}`), ['fix-on-broken: keys-command at 5:2, fix "Use SCAN": new syntax errors ERROR ×1']);
  // On a clean file every new error counts, wherever it is.
  const clean = await checkText(engine('scan_iter('), '\n\n\n\n\nr.keys("*")\n');
  assert.deepEqual(clean.problems.map((p) => p.kind), ['fix-broke-clean']);
});
