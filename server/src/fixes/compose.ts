/**
 * The `all` intent for every format: each part's edits, in intent order, as one fix. No fix unless every part
 * has edits, nor when two parts' edits overlap (applied together they would say something neither meant). Inserts
 * at one point are merged into one edit in intent order, which every client applies alike.
 */
import type { Position, TextEdit } from '../engine/types';
import type { IacFixIntent } from './intents';

const cmp = (a: Position, b: Position) => a.line - b.line || a.character - b.character;

export function composeAll(intents: readonly IacFixIntent[], build: (intent: IacFixIntent) => TextEdit[] | undefined): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const intent of intents) {
    const edits = build(intent);
    if (!edits?.length) return undefined;
    for (const e of edits) {
      const empty = cmp(e.range.start, e.range.end) === 0;
      const same = empty && out.find((o) => cmp(o.range.start, o.range.end) === 0 && cmp(o.range.start, e.range.start) === 0);
      if (same) { same.newText += e.newText; continue; }
      // Touching ranges are fine; an insert strictly inside a replaced range, or crossing ranges, are not.
      if (out.some((o) => cmp(e.range.start, o.range.end) < 0 && cmp(o.range.start, e.range.end) < 0)) return undefined;
      if (out.some((o) => overlapsInsert(o, e) || overlapsInsert(e, o))) return undefined;
      out.push({ range: e.range, newText: e.newText });
    }
  }
  return out;
}

/** An insert at a point strictly inside another edit's range. */
function overlapsInsert(insert: TextEdit, other: TextEdit): boolean {
  if (cmp(insert.range.start, insert.range.end) !== 0) return false;
  return cmp(other.range.start, insert.range.start) < 0 && cmp(insert.range.start, other.range.end) < 0;
}
