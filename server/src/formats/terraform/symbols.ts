/** The `variable` and `locals` blocks of one file: what `var.x` and `local.y` in the same file can resolve to. */
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../../engine/text';
import type { InputRef } from '../../model/iac';
import { attributeParts, blockParts, labelText, parts } from './syntax';
import { literalOf, type HclScope } from './values';

export function collectScope(root: Node | undefined, lines: LineIndex): HclScope {
  const scope: HclScope = { variables: new Map(), locals: new Map() };
  for (const block of root ? parts(root).filter((n) => n.type === 'block') : []) {
    const b = blockParts(block);
    if (b.type === 'variable' && b.labels.length === 1) {
      const name = labelText(b.labels[0]);
      if (name !== undefined) scope.variables.set(name, inputOf(name, b.labels[0], b.body, lines));
    } else if (b.type === 'locals' && b.body) {
      for (const attr of parts(b.body).filter((n) => n.type === 'attribute')) {
        const { name, value } = attributeParts(attr);
        if (value) scope.locals.set(name.text, value);
      }
    }
  }
  return scope;
}

function inputOf(name: string, label: Node, body: Node | undefined, lines: LineIndex): InputRef {
  const input: InputRef = { name, secret: false, range: lines.range(label.startIndex, label.endIndex) };
  for (const attr of body ? parts(body).filter((n) => n.type === 'attribute') : []) {
    const { name: key, value } = attributeParts(attr);
    if (!value) continue;
    const literal = literalOf(value);
    if (key.text === 'sensitive') input.secret = literal === true;
    // Only a plain default is modelled: an object or list default says nothing a rule could read as a value.
    else if (key.text === 'default' && literal !== undefined) {
      input.defaultValue = { kind: 'literal', value: literal, range: lines.range(value.startIndex, value.endIndex) };
    }
  }
  return input;
}
