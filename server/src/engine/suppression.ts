/**
 * Inline suppression, the same words in every comment syntax:
 *   cachelint-disable-next-line ID[, ID…]   cachelint-disable-line ID…   cachelint-disable-file ID…
 * No id means every rule. Directives are only honoured inside a comment of the file's own syntax.
 */
import type { CommentSyntax } from '../formats/format';
import type { LineIndex } from './text';
import type { TextEdit } from './types';

export type RuleSet = 'all' | Set<string>;

export interface Suppressions {
  file: RuleSet | undefined;
  /** zero-based line → rules silenced on it */
  lines: Map<number, RuleSet>;
}

const DIRECTIVE = /cachelint-disable(-next-line|-line|-file)\b([^\n]*)/g;

function escape(s: string): string { return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); }

function merge(a: RuleSet | undefined, b: RuleSet): RuleSet {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

function parseIds(rest: string, blockEnd?: string): RuleSet {
  let text = rest;
  if (blockEnd) { const i = text.indexOf(blockEnd); if (i >= 0) text = text.slice(0, i); }
  // Anything after " -- " is a reason, as in eslint.
  text = text.split(/\s--\s/)[0];
  const ids = text.split(/[\s,]+/).map((s) => s.trim()).filter((s) => /^[a-z0-9][a-z0-9-]*$/.test(s));
  return ids.length ? new Set(ids) : 'all';
}

/**
 * Whether the text before a comment token leaves a string literal open. A quote opens a string only where a
 * string can start: `"` and `` ` `` anywhere, `'` only after a non-word character, so the apostrophe of `it's` in
 * a YAML plain scalar or inside `f"it's {k}"` is not mistaken for one. Backslash escapes are honoured.
 */
function insideString(before: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '`' || (c === "'" && (i === 0 || !/\w/.test(before[i - 1])))) {
      quote = c;
    }
  }
  return quote !== undefined;
}

export function parseSuppressions(lines: LineIndex, syntax: CommentSyntax): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  const text = lines.text;
  if (!text.includes('cachelint-disable')) return result;
  const openers = [syntax.line, ...(syntax.otherLines ?? []), syntax.block?.[0]].filter((s): s is string => !!s);
  if (!openers.length) return result;
  const opener = new RegExp(`(?:${openers.map(escape).join('|')})\\s*$`);
  for (const m of text.matchAll(DIRECTIVE)) {
    const start = m.index!;
    const pos = lines.positionAt(start);
    const before = lines.lineText(pos.line).slice(0, pos.character);
    if (!opener.test(before) || insideString(before.replace(opener, ''))) continue;
    const isBlock = !!syntax.block && before.trimEnd().endsWith(syntax.block[0]);
    const ids = parseIds(m[2], isBlock ? syntax.block![1] : undefined);
    const kind = m[1];
    if (kind === '-file') result.file = merge(result.file, ids);
    else {
      const line = kind === '-next-line' ? pos.line + 1 : pos.line;
      result.lines.set(line, merge(result.lines.get(line), ids));
    }
  }
  return result;
}

export function isSuppressed(s: Suppressions, ruleIds: string[], line: number): boolean {
  const hit = (set: RuleSet | undefined) => set === 'all' || (!!set && ruleIds.some((id) => set.has(id)));
  return hit(s.file) || hit(s.lines.get(line));
}

/** The edit behind "Disable <rule> for this line": a comment above the line, at its indentation. */
export function disableLineEdit(lines: LineIndex, syntax: CommentSyntax, line: number, ruleId: string): TextEdit | undefined {
  if (!syntax.line) return undefined;
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${lines.indentOf(line)}${syntax.line} cachelint-disable-next-line ${ruleId}${lines.eol}` };
}

/** The edit behind "Disable <rule> for this file": a comment on the first line (after a shebang). */
export function disableFileEdit(lines: LineIndex, syntax: CommentSyntax, ruleId: string): TextEdit | undefined {
  if (!syntax.line) return undefined;
  const line = lines.lineText(0).startsWith('#!') ? 1 : 0;
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${syntax.line} cachelint-disable-file ${ruleId}${lines.eol}` };
}
