/** The rule registry: every rule, looked up by id or alias. */
import type { Rule } from './rule';
import { IAC_RULES } from './iac';
import { CODE_RULES } from './code';

export const ALL_RULES: readonly Rule[] = [...IAC_RULES, ...CODE_RULES];

const byId = new Map<string, Rule>();
for (const rule of ALL_RULES) {
  byId.set(rule.meta.id, rule);
  for (const alias of rule.meta.aliases ?? []) byId.set(alias, rule);
}

/** The rule for an id or one of its old aliases. */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** The documentation page linked from every finding. */
export function docsUrl(ruleId: string): string {
  return `https://github.com/cachelint/cachelint/blob/main/knowledge/rules/${ruleId}.md`;
}
