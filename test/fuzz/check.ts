/**
 * The properties every case must have: analysis does not throw and reports no internal failure, every range lies
 * inside the text, messages are readable, and every proposed fix applies cleanly, re-parses with no new syntax
 * errors and removes the finding it was offered for. A fix on a file that was already broken is told apart from
 * a fix that broke a clean file.
 */
import type { FileAnalysis } from '../../server/src/engine/analyze';
import type { Fix, Position, Range } from '../../server/src/engine/types';
import { applyEdits, fmt, Lines, mapOffset } from './text';

export type ProblemKind = 'crash' | 'internal' | 'range' | 'message' | 'fix-broke-clean' | 'fix-on-broken' | 'hang';

export interface Problem { kind: ProblemKind; detail: string }

export interface CaseStats {
  relevant: boolean;
  findings: number;
  fixesChecked: number;
  /** Fixes skipped because the same fix was verified in the same surroundings before. */
  fixesKnown: number;
  brokenInput: boolean;
  /** The engine gave up on the file with its "parser failed" message (accepted for pathological nesting). */
  parserFailed: boolean;
  /** Why the engine did not analyse the file at all (size, binary content, time budget). */
  skipped?: string;
}

export interface Outcome { problems: Problem[]; stats: CaseStats }

/** Syntax errors by kind; a fix adds errors when some kind's count grows. */
export type ErrorCounts = Map<string, number>;

/** A span of the text, by offsets, end exclusive. */
export interface Window { start: number; end: number }

/** Lines of context kept around a fix's edits when a file was broken before it. */
const CONTEXT_LINES = 2;

/**
 * Where a fix on an already broken file is judged: its edits and a few lines either side, before and after it is
 * applied. Error recovery is not local — an edit in one function can move how the parser recovers from a typo in
 * another — so only errors there say the fix broke its own text.
 */
function fixWindows(lines: Lines, fix: Fix, spans: { start: number; end: number; newText: string }[]): [Window, Window] {
  let first = Infinity, last = -Infinity;
  for (const e of fix.edits) { first = Math.min(first, e.range.start.line); last = Math.max(last, e.range.end.line); }
  const start = lines.starts[Math.max(0, first - CONTEXT_LINES)];
  const end = lines.ends[Math.min(lines.count - 1, last + CONTEXT_LINES)];
  return [{ start, end }, { start: mapOffset(spans, start)[0], end: mapOffset(spans, end).at(-1)! }];
}

export interface Subject {
  analyze(text: string): Promise<FileAnalysis | undefined>;
  /**
   * Syntax errors of a text, given its analysis; undefined when the oracle cannot tell (its parser failed).
   * `window` (offsets): only errors overlapping it count.
   */
  syntaxErrors(text: string, analysis: FileAnalysis | undefined, window?: Window): ErrorCounts | undefined;
}

const UNREADABLE = /\bundefined\b|\[object \w+\]/;
/** Quoted parts of a message echo the input, which may well say `undefined`. */
const QUOTED = /"(?:[^"\\]|\\.)*"|'[^']*'|`[^`]*`/g;

function readable(what: string, text: unknown, problems: Problem[]): void {
  if (typeof text !== 'string' || !text.trim() || UNREADABLE.test(text.replace(QUOTED, ''))) problems.push({ kind: 'message', detail: `${what} is not a readable message: ${JSON.stringify(text)}` });
}

function checkRange(what: string, lines: Lines, range: Range | undefined, problems: Problem[]): void {
  if (!range) return;
  const bad = lines.invalidRange(range);
  if (bad) problems.push({ kind: 'range', detail: `${what} ${fmt(range.start)}-${fmt(range.end)}: ${bad}` });
}

const INTERNAL = /^rule \S+ failed:|^cannot load the parser/;
const PARSER_FAILED = /^the parser failed on this file/;

function checkShape(result: FileAnalysis, lines: Lines, problems: Problem[]): void {
  for (const e of result.errors) {
    readable('error', e.message, problems);
    checkRange(`error "${e.message}"`, lines, e.range, problems);
    if (INTERNAL.test(e.message)) problems.push({ kind: 'internal', detail: e.message });
  }
  for (const f of result.findings) {
    readable(`${f.ruleId} message`, f.message, problems);
    checkRange(`${f.ruleId} finding`, lines, f.range, problems);
    for (const fix of f.fixes) readable(`${f.ruleId} fix title`, fix.title, problems);
  }
}

function grown(before: ErrorCounts, after: ErrorCounts): string[] {
  const out: string[] = [];
  for (const [k, n] of after) if (n > (before.get(k) ?? 0)) out.push(`${k} ×${n - (before.get(k) ?? 0)}`);
  return out;
}

export interface CheckOptions {
  /** At most this many fixes are applied and re-analysed per case (the run's time budget). */
  maxFixes?: number;
  /**
   * Fixes already verified in identical surroundings (same rule, title, replacement, and the lines around the
   * finding and the edits): a mutation elsewhere in the file does not make them new. Shared across cases.
   */
  verified?: Set<string>;
  /**
   * Called before each analysis of a fixed text. The watchdog bounds one analysis, not a case: a 300 KB file with
   * 22 fixes is analysed 23 times, and that is no hang (fuzz tf:29 of seed 4242).
   */
  onAnalysis?: () => void;
}

/** The fix with the text it touches and the line on either side: what decides whether it applies cleanly. */
function surroundings(lines: Lines, ruleId: string, finding: Range, fix: Fix): string {
  let first = finding.start.line, last = finding.end.line;
  for (const e of fix.edits) { first = Math.min(first, e.range.start.line); last = Math.max(last, e.range.end.line); }
  const from = lines.starts[Math.max(0, first - 1)], to = lines.ends[Math.min(lines.count - 1, last + 1)];
  const rel = (p: Position) => `${p.line - first}:${p.character}`;
  return JSON.stringify([ruleId, fix.title, rel(finding.start), fix.edits.map((e) => [rel(e.range.start), rel(e.range.end), e.newText]), lines.text.slice(from, to)]);
}

export async function checkText(subject: Subject, text: string, opts: CheckOptions = {}): Promise<Outcome> {
  const problems: Problem[] = [];
  const stats: CaseStats = { relevant: false, findings: 0, fixesChecked: 0, fixesKnown: 0, brokenInput: false, parserFailed: false };
  let result: FileAnalysis | undefined;
  try {
    result = await subject.analyze(text);
  } catch (e) {
    problems.push({ kind: 'crash', detail: `analyzeFile threw: ${(e as Error)?.stack ?? String(e)}` });
    return { problems, stats };
  }
  if (!result) return { problems, stats };
  stats.relevant = true;
  stats.findings = result.findings.length;
  stats.parserFailed = result.errors.some((e) => PARSER_FAILED.test(e.message));
  const skipped = result.errors.find((e) => /^skipped:/.test(e.message));
  if (skipped) stats.skipped = skipped.message;
  const lines = new Lines(text);
  checkShape(result, lines, problems);
  if (problems.some((p) => p.kind === 'range')) return { problems, stats };

  const before = subject.syntaxErrors(text, result);
  // A text the oracle cannot judge counts as broken: a fix on it is not held to the clean-file standard.
  stats.brokenInput = !before || before.size > 0;
  const fixKind: ProblemKind = stats.brokenInput ? 'fix-on-broken' : 'fix-broke-clean';
  const seen = new Set<string>();
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      if (stats.fixesChecked >= (opts.maxFixes ?? Infinity)) return { problems, stats };
      const label = `${finding.ruleId} at ${fmt(finding.range.start)}, fix "${fix.title}"`;
      const applied = applyEdits(text, fix.edits);
      if ('problem' in applied) { problems.push({ kind: /overlapping|surrogate/.test(applied.problem) ? fixKind : 'range', detail: `${label}: ${applied.problem}` }); continue; }
      if (applied.text === text) { problems.push({ kind: fixKind, detail: `${label}: the edits change nothing` }); continue; }
      if (seen.has(applied.text)) continue;
      seen.add(applied.text);
      if (opts.verified) {
        const key = surroundings(lines, finding.ruleId, finding.range, fix);
        if (opts.verified.has(key)) { stats.fixesKnown++; continue; }
        opts.verified.add(key);
      }
      stats.fixesChecked++;
      let after: FileAnalysis | undefined;
      opts.onAnalysis?.();
      try {
        after = await subject.analyze(applied.text);
      } catch (e) {
        problems.push({ kind: 'crash', detail: `analyzeFile threw on the fixed text of ${label}: ${(e as Error)?.stack ?? String(e)}` });
        continue;
      }
      if (!after) { problems.push({ kind: fixKind, detail: `${label}: the fixed file is no longer analysed as this format` }); continue; }
      let added: string[];
      if (stats.brokenInput) {
        const [inBefore, inAfter] = fixWindows(lines, fix, applied.spans);
        const was = before && subject.syntaxErrors(text, result, inBefore);
        const now = was && subject.syntaxErrors(applied.text, after, inAfter);
        added = was && now ? grown(was, now) : [];
      } else {
        const afterErrors = subject.syntaxErrors(applied.text, after);
        added = before && afterErrors ? grown(before, afterErrors) : [];
      }
      if (added.length) problems.push({ kind: fixKind, detail: `${label}: new syntax errors ${added.join(', ')}` });
      // Two findings of one rule may share a start (an MGET inside a transaction): the fix must remove one of them.
      const start = lines.offset(finding.range.start);
      const here = result.findings.filter((f) => f.ruleId === finding.ruleId && lines.offset(f.range.start) === start).length;
      const afterLines = new Lines(applied.text);
      const where = new Set(mapOffset(applied.spans, start));
      const still = after.findings.filter((f) => f.ruleId === finding.ruleId && !afterLines.invalid(f.range.start) && where.has(afterLines.offset(f.range.start)));
      if (still.length >= here) problems.push({ kind: fixKind, detail: `${label}: still reported after the fix (${still[0].message.slice(0, 120)})` });
    }
  }
  return { problems, stats };
}
