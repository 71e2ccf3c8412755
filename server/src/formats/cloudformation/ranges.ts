/** Moves every node's offsets, for documents composed from other text than the one they are read against. */
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';

/** Replaces each offset of every node under `root` by `move(offset)`, with an explicit stack. */
export function moveRanges(root: unknown, move: (offset: number) => number): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!isScalar(n) && !isMap(n) && !isSeq(n) && !isAlias(n)) continue;
    // In place: every node `yaml` composes has a range array of its own, and a moved piece moves all of them.
    const r = (n as Node).range as number[] | null | undefined;
    if (r) { r[0] = move(r[0]); r[1] = move(r[1]); r[2] = move(r[2]); }
    if (isSeq(n)) for (const item of n.items) stack.push(item);
    else if (isMap(n)) for (const pair of n.items) stack.push(pair.key, pair.value);
  }
}
