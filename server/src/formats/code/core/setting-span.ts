/** Where a connection setting sits in the source, for the connection fixes of every language. */
import type { TextEdit } from '../../../engine/types';
import type { LineIndex } from '../../../engine/text';
import type { ConnectionSetting } from '../../../model/code';

export const replaceSpan = (lines: LineIndex, start: number, end: number, newText: string): TextEdit => ({ range: lines.range(start, end), newText });

/** The setting's source span, when the text there is still what the model read. */
export function settingSpan(s: ConnectionSetting<unknown>, lines: LineIndex, which: 'range' | 'entryRange' = 'range'): [number, number] | undefined {
  const r = s[which];
  if (!r) return undefined;
  const start = lines.offsetAt(r.start);
  const end = lines.offsetAt(r.end);
  if (which === 'range' && lines.text.slice(start, end) !== s.text) return undefined;
  return [start, end];
}

/** A construction moved to module scope: its statement inserted where the plan says, and removed where it was. */
export function hoistEdits(plan: { insertAt: number; text: string; remove: readonly [number, number] } | undefined, lines: LineIndex): TextEdit[] | undefined {
  if (!plan) return undefined;
  return [
    { range: lines.range(plan.insertAt, plan.insertAt), newText: plan.text },
    replaceSpan(lines, plan.remove[0], plan.remove[1], ''),
  ];
}
