/** The `variable` and `locals` blocks of one file: what `var.x` and `local.y` in the same file can resolve to. */
import type { LineIndex } from '../../engine/text';
import type { IacValue, InputRef } from '../../model/iac';
import type { TopBlock } from './blocks';
import { attributeLiteral, type HclScope } from './values';

export function collectScope(blocks: TopBlock[], lines: LineIndex): HclScope {
  const scope: HclScope = { variables: new Map(), locals: new Map() };
  for (const b of blocks) {
    if (b.type === 'variable' && b.labels.length === 1) {
      const name = b.labels[0].value;
      if (name !== undefined) scope.variables.set(name, inputOf(name, b, lines));
    } else if (b.type === 'locals') {
      for (const entry of b.entries) {
        if (entry.kind === 'attribute' && entry.valueStart !== undefined) scope.locals.set(entry.name, entry);
      }
    }
  }
  return scope;
}

function inputOf(name: string, block: TopBlock, lines: LineIndex): InputRef {
  const label = block.labels[0];
  const input: InputRef = { name, secret: false, range: lines.range(label.start, label.end) };
  for (const entry of block.entries) {
    // Only these are read: a description (often a long heredoc) says nothing a rule needs.
    if (entry.kind !== 'attribute' || entry.valueStart === undefined) continue;
    if (entry.name === 'type') { input.type = lines.text.slice(entry.valueStart, entry.valueEnd).trim(); continue; }
    if (entry.name !== 'sensitive' && entry.name !== 'default') continue;
    const literal = attributeLiteral(entry, lines.text);
    if (entry.name === 'sensitive') input.secret = literal === true;
    // A plain default, or a list of plain values (`default = ["10.0.0.0/8"]`: the source ranges of a rule); an
    // object default says nothing a rule could read as a value.
    else if (literal !== undefined) {
      input.defaultValue = { kind: 'literal', value: literal, range: lines.range(entry.valueStart, entry.valueEnd!) };
    } else if (entry.collection?.kind === 'tuple' && entry.collection.items.every((i) => i.token.kind === 'literal')) {
      const at = entry.valueStart;
      const items: IacValue[] = entry.collection.items.map((i) => ({
        kind: 'literal', value: (i.token as { value: string | number | boolean | null }).value, range: lines.range(at + i.start, at + i.end),
      }));
      input.defaultValue = { kind: 'list', items, range: lines.range(entry.valueStart, entry.valueEnd!) };
    }
  }
  return input;
}
