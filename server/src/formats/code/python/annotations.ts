/**
 * Declared types: what a value annotated as a client class, a class of this file or a pipeline class holds,
 * through `Optional[…]` / `X | None` style wrappers and quoted forward references.
 */
import type { ClassHierarchy } from './classes';
import type { TypeResolver } from './resolver';
import type { Scope } from './scopes';
import { constantString } from './strings';
import { isNoneLiteral, unparen, type Node } from './syntax';
import { agree, type PyType } from './types';

/** Python's annotation wrappers that keep the client type: `Optional[Redis]`, `Union[Redis, None]`. */
const WRAPPERS = new Set(['Optional', 'Union', 'Annotated', 'Final', 'ClassVar']);
/** Wrappers and unions nest no deeper in real annotations; past it the type is unknown rather than the stack gone. */
const MAX_NESTING = 50;

export class AnnotationReader {
  constructor(private readonly types: TypeResolver, private readonly classes: ClassHierarchy) {}

  /** A declared type: a client class (or a wrapper around one) means an instance of it. */
  annotationType(annotation: Node, scope: Scope, depth = 0): PyType | undefined {
    if (depth > MAX_NESTING) return undefined;
    let node = unparen(annotation.type === 'type' ? annotation.namedChild(0) ?? annotation : annotation);
    if (node.type === 'string') return this.forwardReference(node, scope);
    if (node.type === 'binary_operator') {
      const sides = [node.childForFieldName('left'), node.childForFieldName('right')].filter((s): s is Node => !!s && !isNoneLiteral(s));
      return agree(sides.map((s) => this.annotationType(s, scope, depth + 1)));
    }
    if (node.type === 'generic_type' || node.type === 'subscript') {
      const head = node.type === 'subscript' ? node.childForFieldName('value') : node.namedChild(0);
      const headName = head?.text.split('.').pop() ?? '';
      if (WRAPPERS.has(headName)) {
        const params = node.type === 'subscript' ? node.childrenForFieldName('subscript') : node.namedChild(1)?.namedChildren ?? [];
        return agree(params.filter((p): p is Node => !!p && !isNoneLiteral(p)).map((p) => this.annotationType(p, scope, depth + 1)));
      }
      if (!head) return undefined;
      node = head;
    }
    return this.instanceOf(this.types.typeOf(node, scope), annotation);
  }

  /**
   * What a value declared with this type is: a client for a client class, an instance for a class of this file, a
   * pipeline for a pipeline class (identified by the annotation, so each declared parameter is its own batch).
   */
  private instanceOf(t: PyType | undefined, annotation: Node): PyType | undefined {
    if (t?.t === 'class' && !t.pool) return { t: 'client', kind: t.kind, ...(t.via && { via: t.via }) };
    if (t?.t === 'userClass') return this.classes.classIsClient(t.scope) ?? { t: 'instance', scope: t.scope };
    if (t?.t === 'pipelineClass') return { t: 'pipeline', kind: t.kind, call: annotation, transactional: t.transactional, declared: true };
    return undefined;
  }

  /** A quoted annotation (`"redis.Redis"`), read as the dotted name it spells. */
  private forwardReference(node: Node, scope: Scope): PyType | undefined {
    const spelled = constantString(node);
    if (!spelled || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(spelled)) return undefined;
    const [first, ...rest] = spelled.split('.');
    let t = this.types.nameType(first, scope, node.startIndex);
    for (const part of rest) t = this.types.memberType(t, part);
    return this.instanceOf(t, node);
  }
}
