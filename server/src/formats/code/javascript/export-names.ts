/**
 * What a module exports by name, read from its top-level statements: `export const x`, `export { x as y }`,
 * `export default x`, `module.exports = x` / `= { x, y: z }`, `exports.x = …`, `module.exports.x = …`.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';

export class Exports {
  /** Local names that leave the module under some name. */
  readonly names = new Set<string>();
  /** The identifiers that name them where they are exported, for resolving to a declaration. */
  readonly ids: Node[] = [];

  constructor(root: Node) {
    for (const stmt of root.namedChildren) {
      if (stmt?.type === 'export_statement') this.exportStatement(stmt);
      else if (stmt?.type === 'expression_statement') {
        const e = stmt.namedChildren[0];
        if (e?.type !== 'assignment_expression' || !this.assigned(e)) continue;
        const right = e.childForFieldName('right');
        if (right?.type === 'identifier') this.add(right);
        else if (right?.type === 'object') {
          for (const p of right.namedChildren) {
            if (p?.type === 'shorthand_property_identifier') this.add(p);
            else if (p?.type === 'pair' && p.childForFieldName('value')?.type === 'identifier') this.add(p.childForFieldName('value')!);
          }
        }
      }
    }
  }

  /** The name an assignment exports under: `exports.x = …` / `module.exports.x = …` → `x`; `module.exports = …` → `default`. */
  assigned(assignment: Node): string | undefined {
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'member_expression') return undefined;
    if (left.text === 'module.exports') return 'default';
    const obj = left.childForFieldName('object')?.text;
    return obj === 'exports' || obj === 'module.exports' ? left.childForFieldName('property')?.text : undefined;
  }

  private add(id: Node): void {
    this.names.add(id.text);
    this.ids.push(id);
  }

  private exportStatement(stmt: Node): void {
    const isDefault = stmt.children.some((c) => c?.type === 'default');
    for (const c of stmt.namedChildren) {
      if (!c) continue;
      if (c.type === 'identifier' && isDefault) this.add(c);
      else if (c.type === 'export_clause') {
        for (const s of c.namedChildren) if (s?.type === 'export_specifier' && s.childForFieldName('name')) this.add(s.childForFieldName('name')!);
      } else if (c.type === 'lexical_declaration' || c.type === 'variable_declaration') {
        for (const d of c.namedChildren) if (d?.type === 'variable_declarator' && d.childForFieldName('name')?.type === 'identifier') this.add(d.childForFieldName('name')!);
      } else if (c.childForFieldName('name') && (c.type.endsWith('declaration'))) this.add(c.childForFieldName('name')!);
    }
  }
}
