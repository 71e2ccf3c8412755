/** Human output: one block per finding with its fixes, then a summary line. */
import type { CliRun } from './json';
import { previewFix } from './fixPreview';
import { runProblems } from './problems';

const useColor = (stream: NodeJS.WriteStream) => stream.isTTY && !process.env.NO_COLOR;
const SEVERITY_COLOR: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '90' };
const DIFF_COLOR: Record<string, string> = { '+': '32', '-': '31', '@': '36', ' ': '90' };

/** `texts` (path → file text) turns on a before/after preview under each fix. */
export function toText(run: CliRun, stream: NodeJS.WriteStream = process.stdout, texts?: Map<string, string>): string {
  const color = useColor(stream);
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  const counts: Record<string, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of run.results) {
    for (const f of r.findings) {
      counts[f.severity]++;
      lines.push(`${paint('1', `${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`)}  ${paint(SEVERITY_COLOR[f.severity], f.severity)}  ${f.message}  ${paint('90', `[${f.ruleId}]`)}`);
      for (const fix of f.fixes) {
        lines.push(`    ${paint('32', 'fix:')} ${fix.title}`);
        const text = texts?.get(r.path);
        if (text !== undefined) for (const l of previewFix(text, fix)) lines.push(`        ${paint(DIFF_COLOR[l[0]], l)}`);
      }
    }
  }
  const problems = runProblems(run);
  for (const p of problems) {
    const at = p.line ? `:${p.line}:${p.column}` : '';
    lines.push(`${paint('1', p.path + at)}  ${p.level === 'error' ? paint('35', 'problem') : paint('90', 'notice')}  ${p.message}`);
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  // Files that came back skipped (too big, too slow, minified) were not analysed: they are not counted as such.
  const analysed = run.results.filter((r) => !r.errors.some((e) => e.skipped)).length;
  const summary = `${analysed} file${analysed === 1 ? '' : 's'} analysed, ${total} finding${total === 1 ? '' : 's'}` +
    ` (${counts.error} error, ${counts.warning} warning, ${counts.info} info, ${counts.hint} hint)`;
  const unread = new Set(problems.filter((p) => p.level === 'error').map((p) => p.path)).size;
  lines.push('', summary + (unread ? `; ${unread} file${unread === 1 ? '' : 's'} could not be analysed` : ''));
  return lines.join('\n');
}
