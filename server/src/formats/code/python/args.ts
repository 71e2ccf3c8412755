/**
 * Python's hook into the neutral argument model: each argument expression as a `CallArg`, and a call's argument
 * list as positional and keyword arguments. What the arguments mean is the library adapter's and the core's.
 */
import type { CallArg, StringSegment } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import type { SourceCall } from '../core/adapters/types';
import type { KeySources } from './keys';
import { holeConstant, stringParts } from './strings';
import { rangeOf, unparen, type CallArgs, type Node } from './syntax';

/** Resolves a name to the string it is bound to, when it is a constant. */
export type ConstantLookup = (name: string, at: number) => string | undefined;

const MAX_DEPTH = 8;

export class ArgReader {
  constructor(private readonly lines: LineIndex, private readonly sources: KeySources, private readonly constant: ConstantLookup) {}

  /** Past `MAX_DEPTH` nested collections, an argument is unknown: no key sits that deep, and a tree can be deeper than the stack. */
  arg(expr: Node, depth = 0): CallArg {
    const range = rangeOf(expr, this.lines);
    const text = expr.text;
    const node = unparen(expr);
    if (depth > MAX_DEPTH) return { kind: 'unknown', text, range };
    switch (node.type) {
      case 'integer': case 'float': {
        const value = Number(node.text.replace(/_/g, ''));
        if (Number.isFinite(value)) return { kind: 'number', value, text, range };
        break;
      }
      case 'unary_operator': {
        const operand = node.childForFieldName('argument');
        if (node.childForFieldName('operator')?.type === '-' && (operand?.type === 'integer' || operand?.type === 'float')) {
          const value = -Number(operand.text.replace(/_/g, ''));
          if (Number.isFinite(value)) return { kind: 'number', value, text, range };
        }
        break;
      }
      case 'true': return { kind: 'unknown', constant: true, text, range };
      case 'false': return { kind: 'unknown', constant: false, text, range };
      case 'none': return { kind: 'unknown', constant: null, text, range };
      case 'list_splat': case 'dictionary_splat': return { kind: 'spread', text, range };
      case 'lambda': return { kind: 'unknown', callable: true, text, range };
      case 'list': case 'tuple': case 'set':
        return { kind: 'list', items: this.items(node, depth + 1), text, range };
      case 'dictionary': {
        const entries: (readonly [CallArg, CallArg] | CallArg)[] = [];
        for (const c of node.namedChildren) {
          if (c?.type === 'pair') {
            const k = c.childForFieldName('key');
            const v = c.childForFieldName('value');
            if (k && v) entries.push([this.arg(k, depth + 1), this.arg(v, depth + 1)] as const);
          } else if (c?.type === 'dictionary_splat') entries.push({ kind: 'spread', text: c.text, range: rangeOf(c, this.lines) });
        }
        return { kind: 'map', entries, text, range };
      }
      case 'identifier': {
        const value = this.constant(node.text, expr.startIndex);
        if (value !== undefined) return { kind: 'string', segments: [{ kind: 'literal', value }], value, text, range };
        break;
      }
    }
    return this.string(expr, node, text, range) ?? { kind: 'unknown', text, range };
  }

  private items(node: Node, depth: number): CallArg[] {
    return node.namedChildren.flatMap((c) => (c && c.type !== 'comment' ? [this.arg(c, depth)] : []));
  }

  private string(expr: Node, node: Node, text: string, range: CallArg['range']): CallArg | undefined {
    const parts = stringParts(expr);
    if (!parts) return undefined;
    if (parts.leading) this.sources.set(expr.startIndex, parts.leading);
    // Only an f-string's own holes are the expression written out; a `+` operand or a placeholder is not.
    const inline = node.type === 'string';
    const span = (start?: number, end?: number) => (start !== undefined && end !== undefined ? { range: this.lines.range(start, end) } : {});
    const segments: StringSegment[] = parts.segments.map((s): StringSegment => (s.kind === 'text'
      ? { kind: 'literal', value: s.value, ...span(s.start, s.end) }
      : { kind: 'interpolated', ...(inline && s.inline && s.start !== undefined ? { text: this.lines.text.slice(s.start, s.end) } : {}), ...span(s.start, s.end) }));
    if (inline) this.foldConstantHoles(segments, parts);
    const value = segments.length === 1 && segments[0].kind === 'literal' ? segments[0].value : undefined;
    return value === undefined ? { kind: 'string', segments, text, range } : { kind: 'string', segments, value, text, range };
  }

  /**
   * An f-string hole that names a constant string (`f"{PREFIX}:user:{uid}"`) is that text: the key's fixed part
   * reaches past it, and only the holes that vary are interpolations. Adjacent literal pieces are joined.
   */
  private foldConstantHoles(segments: StringSegment[], parts: NonNullable<ReturnType<typeof stringParts>>): void {
    let folded = false;
    parts.segments.forEach((s, i) => {
      const value = s.kind === 'hole' ? holeConstant(s, this.lines.text, this.constant) : undefined;
      if (value === undefined) return;
      segments[i] = { kind: 'literal', value };
      folded = true;
    });
    if (!folded) return;
    for (let i = segments.length - 1; i > 0; i--) {
      const a = segments[i - 1], b = segments[i];
      if (a.kind === 'literal' && b.kind === 'literal') segments.splice(i - 1, 2, { kind: 'literal', value: a.value + b.value });
    }
  }

  /**
   * The argument list as written: positionals (a `*args` a spread), keywords, a `**kwargs`. From the syntax the
   * extractor has already split (`callArgs`), so that the list is walked once.
   */
  call(args: CallArgs, argList: Node): SourceCall {
    const positional = args.positional.map((a) => this.arg(a));
    const keywords = new Map<string, CallArg>();
    for (const [name, value] of args.keywords) keywords.set(name, this.arg(value));
    const kwSplat = args.kwSplat && this.arg(args.kwSplat);
    return { positional, keywords, ...(kwSplat ? { kwSplat } : {}), argsRange: rangeOf(argList, this.lines) };
  }
}
