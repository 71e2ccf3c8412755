/** Key arguments: which arguments of a call are keys (per command shape), and what each key expression is. */
import type { KeyArg } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import type { KeySpec } from './commands';
import { dynamicHashTag, stringParts, type LeadingLiteral } from './strings';
import { intLiteral, rangeOf, unparen, type CallArgs, type Node } from './syntax';
import { literalHashTag } from '../../../model/hash-tag';

/** Source details of string keys, by start offset, for the hash-tag edit. */
export type KeySources = Map<number, LeadingLiteral>;

/** Resolves a name to the string it is bound to, when it is a constant. */
export type ConstantLookup = (name: string, at: number) => string | undefined;

function keyArg(expr: Node, lines: LineIndex, sources: KeySources, constant: ConstantLookup): KeyArg {
  const range = rangeOf(expr, lines);
  const text = expr.text;
  const parts = stringParts(expr);
  if (!parts) {
    const value = unparen(expr).type === 'identifier' ? constant(unparen(expr).text, expr.startIndex) : undefined;
    return value === undefined ? { kind: 'unknown', text, range } : { kind: 'literal', value, text, range };
  }
  if (parts.leading) sources.set(expr.startIndex, parts.leading);
  const firstHole = parts.segments.findIndex((s) => s.kind === 'hole');
  const texts = parts.segments.flatMap((s) => (s.kind === 'text' ? [s.value] : []));
  if (firstHole < 0) return { kind: 'literal', value: texts.join(''), text, range };
  const literalPrefix = parts.segments.slice(0, firstHole).map((s) => (s.kind === 'text' ? s.value : '')).join('');
  const hashTag = literalHashTag(texts);
  if (hashTag !== undefined) return { kind: 'template', text, literalPrefix, hashTag, range };
  const hashTagText = dynamicHashTag(expr);
  return hashTagText === undefined
    ? { kind: 'template', text, literalPrefix, range }
    : { kind: 'template', text, literalPrefix, hashTagText, range };
}

export class KeyReader {
  constructor(private readonly lines: LineIndex, private readonly sources: KeySources, private readonly constant: ConstantLookup) {}

  private one(node: Node): KeyArg[] {
    // `*names` hides how many keys there are and what they are.
    return [node.type === 'list_splat' ? this.unknown(node) : keyArg(node, this.lines, this.sources, this.constant)];
  }

  private unknown(node: Node): KeyArg {
    return { kind: 'unknown', text: node.text, range: rangeOf(node, this.lines) };
  }

  /** A keys collection: a list/tuple/set literal gives its items, a dict literal its keys, a string one key. */
  private expand(arg: Node | undefined): KeyArg[] {
    if (!arg) return [];
    const node = unparen(arg);
    if (node.type === 'list' || node.type === 'tuple' || node.type === 'set') {
      return node.namedChildren.flatMap((c) => (c && c.type !== 'comment' ? this.one(c) : []));
    }
    if (node.type === 'dictionary') {
      return node.namedChildren.flatMap((c) => {
        if (c?.type === 'pair') return this.one(c.childForFieldName('key')!);
        return c?.type === 'dictionary_splat' ? [this.unknown(c)] : [];
      });
    }
    return this.one(arg);
  }

  /** Positional arguments from `from` on, each a key; a starred argument stands for the rest. */
  private each(args: Node[], from: number, to = args.length): KeyArg[] {
    const out: KeyArg[] = [];
    for (const a of args.slice(from, to)) {
      out.push(...this.one(a));
      if (a.type === 'list_splat') break;
    }
    return out;
  }

  /** `(script, numkeys, *keys_and_args)`: the keys are the first `numkeys` values after the count. */
  private numbered(args: Node[], countAt: number): KeyArg[] {
    const count = args[countAt] && intLiteral(args[countAt]);
    if (count === undefined) return args[countAt + 1] ? [this.unknown(args[countAt + 1])] : [];
    return this.each(args, countAt + 1, countAt + 1 + count);
  }

  /** Keys of a method call (`raw` = `execute_command` arguments after the command name, in protocol order). */
  read(spec: KeySpec, args: CallArgs, raw: boolean): KeyArg[] {
    const p = args.positional;
    const kw = (...names: string[]) => names.map((n) => args.keywords.get(n)).find(Boolean);
    switch (spec.kind) {
      case 'none': return [];
      case 'first': {
        const k = p[0] ?? kw('name', 'key');
        return k ? this.one(k) : [];
      }
      case 'second': {
        const k = p[1] ?? kw('key');
        return k ? this.one(k) : [];
      }
      case 'firstTwo': return this.each(p, 0, 2);
      case 'all': return this.each(p, 0);
      case 'skipN': return this.each(p, spec.n);
      case 'eval': return this.numbered(p, 1);
      case 'list': return p.length ? [...this.expand(p[0]), ...this.each(p, 1)] : this.expand(kw('keys'));
      case 'destList': {
        if (raw) return [...this.each(p, 0, 1), ...this.numbered(p, 1)];
        const dest = p[0] ?? kw('dest');
        return [...(dest ? this.one(dest) : []), ...this.expand(p[1] ?? kw('keys')), ...this.each(p, 2)];
      }
      case 'listOnly':
        if (raw) return this.each(p, 0, Math.max(0, p.length - 1));
        return this.expand(p[0] ?? kw('keys'));
      case 'mapping':
        if (raw) return p.filter((_, i) => i % 2 === 0).flatMap((a) => this.one(a));
        return this.expand(p[0] ?? kw('mapping', 'streams'));
      case 'listAt':
        // Raw forms of these interleave counts and keywords (`XREADGROUP GROUP g c STREAMS k … id …`); not followed.
        return raw ? [] : this.expand(p[spec.index] ?? kw('keys', 'streams'));
    }
  }
}
