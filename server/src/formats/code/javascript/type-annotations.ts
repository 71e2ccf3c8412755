/** TypeScript type annotations that denote a client: `Redis`, `Cluster`, `RedisClientType`, `ReturnType<typeof createClient>` … */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { Binding } from './imports';
import type { Resolved } from './values';

/** What type resolution needs from the module's resolver. */
export interface TypeContext {
  readonly imports: Map<string, Binding>;
  readonly aliases: Map<string, Node>;
  /** What calling the function an identifier names returns (`ReturnType<typeof f>`). */
  returnOf(id: Node): Resolved | undefined;
  /** What an expression denotes (`typeof x`). */
  valueOf(node: Node): Resolved | undefined;
  /** A type name the settings call a client class. */
  declared?(name: string): Resolved | undefined;
}

/** The client, or array of clients, a type denotes. */
export function typeValue(t: Node, ctx: TypeContext, depth = 0): Resolved | undefined {
  if (depth > 8) return undefined;
  const next = (x: Node | null | undefined) => (x ? typeValue(x, ctx, depth + 1) : undefined);
  switch (t.type) {
    case 'type_annotation': case 'parenthesized_type': case 'type_arguments': case 'union_type': case 'intersection_type':
      for (const c of t.namedChildren) { const v = next(c); if (v) return v; }
      return undefined;
    case 'type_identifier': {
      const b = ctx.imports.get(t.text);
      if (b?.kind === 'class' || b?.kind === 'cluster') return { kind: 'client', library: b.library, cluster: b.kind === 'cluster' };
      if (b?.kind === 'type') return { kind: 'client', library: b.library, cluster: b.cluster };
      if (b?.kind === 'projectClass') return { kind: 'object', members: b.members };
      return next(ctx.aliases.get(t.text)) ?? ctx.declared?.(t.text);
    }
    case 'nested_type_identifier': {
      const b = ctx.imports.get(t.childForFieldName('module')?.text ?? '');
      const name = t.childForFieldName('name')?.text;
      if (b?.kind === 'class' && (name === 'Redis' || name === 'Valkey')) return { kind: 'client', library: b.library, cluster: false };
      if (b?.kind === 'class' && name === 'Cluster') return { kind: 'client', library: b.library, cluster: true };
      if (b?.kind === 'module' && (name === 'RedisClientType' || name === 'RedisClusterType')) return { kind: 'client', library: b.library, cluster: name === 'RedisClusterType' };
      return undefined;
    }
    case 'generic_type': {
      const name = t.childForFieldName('name');
      const args = t.childForFieldName('type_arguments');
      if (name?.text === 'ReturnType') {
        const query = args?.namedChildren[0];
        const target = query?.type === 'type_query' ? query.namedChildren[0] : undefined;
        return target?.type === 'identifier' ? ctx.returnOf(target) : undefined;
      }
      if (name?.text === 'Awaited' || name?.text === 'Promise') return next(args);
      if (name?.text === 'Array' || name?.text === 'ReadonlyArray') {
        const v = next(args);
        return v?.kind === 'client' ? { kind: 'array', element: v } : undefined;
      }
      return next(name);
    }
    case 'type_query': return t.namedChildren[0] ? ctx.valueOf(t.namedChildren[0]) : undefined;
    case 'array_type': {
      // `Redis[]`, `readonly Redis[]` (read as a readonly_type around it).
      const v = next(t.namedChildren[0]);
      return v?.kind === 'client' ? { kind: 'array', element: v } : undefined;
    }
    case 'readonly_type': return next(t.namedChildren[0]);
    default: return undefined;
  }
}
