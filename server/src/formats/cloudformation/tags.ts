/**
 * CloudFormation's short-form intrinsic tags (`!Ref`, `!If` …) for the `yaml` parser. Each name is registered for
 * scalar, sequence and mapping forms so valid templates parse without warnings; the tag stays on the node
 * (`node.tag`) and the normaliser reads it.
 */
import type { CollectionTag, ScalarTag } from 'yaml';

/** Short forms CloudFormation accepts (plus AWS::LanguageExtensions' Length / ToJsonString / ForEach). */
export const INTRINSIC_NAMES = [
  'Ref', 'Condition', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr',
  'ImportValue', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString', 'ForEach',
] as const;

/** `!Ref` → `Ref`, `!GetAtt` → `Fn::GetAtt`: the long form a short tag stands for. */
export function longFormOf(tag: string): string | undefined {
  const name = tag.startsWith('!') ? tag.slice(1) : tag;
  if (!(INTRINSIC_NAMES as readonly string[]).includes(name)) return undefined;
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

function tagsFor(name: string): (ScalarTag | CollectionTag)[] {
  const tag = `!${name}`;
  return [
    { tag, resolve: (value: string) => value },
    { tag, collection: 'seq' },
    { tag, collection: 'map' },
  ];
}

export const INTRINSIC_TAGS: (ScalarTag | CollectionTag)[] = INTRINSIC_NAMES.flatMap(tagsFor);
