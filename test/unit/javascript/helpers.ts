/** Direct access to the JavaScript/TypeScript extractor, and compact one-line views of what it produces. */
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { LineIndex } from '../../../server/src/engine/text';
import { javascript, typescript } from '../../../server/src/formats/code/javascript';
import type { ParsedCode } from '../../../server/src/formats/format';
import type { CallSite, ClientConstruction, KeyArg } from '../../../server/src/model/code';
import type { Node } from 'web-tree-sitter';

const grammars = new Grammars(nodeGrammarSource());

export function formatOf(path: string) {
  return /\.[cm]?jsx?$/i.test(path) ? javascript : typescript;
}

/** `projectPath`: the path below the project root, as hosts that know the root pass it. */
export async function parse(path: string, text: string, projectPath?: string): Promise<ParsedCode> {
  const format = formatOf(path);
  for (const g of format.grammars({ path, text })) await grammars.ensure(g);
  return format.parse(projectPath === undefined ? { path, text } : { path, text, projectPath }, new LineIndex(text), grammars);
}

/** True when the text parses without ERROR or MISSING nodes in the grammar the file's extension selects. */
export async function parsesCleanly(path: string, text: string): Promise<boolean> {
  const [g] = formatOf(path).grammars({ path, text });
  await grammars.ensure(g);
  const tree = grammars.parser(g).parse(text)!;
  const bad = (n: Node): boolean => n.isError || n.isMissing || n.children.some((c) => !!c && bad(c));
  try { return !bad(tree.rootNode); } finally { tree.delete(); }
}

function key(k: KeyArg): string {
  if (k.kind === 'literal') return `lit:${k.value}`;
  if (k.kind === 'unknown') return `?:${k.text}`;
  return `tpl:${k.literalPrefix}${k.hashTag !== undefined ? `{${k.hashTag}}` : ''}${k.hashTagText !== undefined ? `{~${k.hashTagText}}` : ''}`;
}

/**
 * `line:col COMMAND(method) library[+cluster] on receiver keys[...] expiry=… nx in scope loop multi#id awaited`,
 * 1-based position of the method name, scope without the file path.
 */
export function describeCall(c: CallSite, path: string): string {
  const parts = [
    `${c.calleeRange.start.line + 1}:${c.calleeRange.start.character + 1}`,
    `${c.command}${c.subcommand !== undefined ? ` ${c.subcommand}` : ''}(${c.method})`,
    `${c.client.library}${c.client.cluster ? '+cluster' : ''}`,
    `on ${c.client.receiverText}`,
    `keys[${c.keys.map(key).join(', ')}]`,
  ];
  if (c.options.expiry) parts.push(`expiry=${c.options.expiry}`);
  if (c.options.nx) parts.push('nx');
  parts.push(`in ${c.scopeId.startsWith(path + ':') ? c.scopeId.slice(path.length + 1) : c.scopeId}`);
  if (c.inLoop) parts.push('loop');
  if (c.batch) parts.push(`${c.batch.transactional ? 'multi' : 'pipeline'}#${c.batch.id}`);
  if (c.awaited) parts.push('awaited');
  return parts.join(' ');
}

export function describeClient(c: ClientConstruction, path: string): string {
  const scope = c.scopeId.startsWith(path + ':') ? c.scopeId.slice(path.length + 1) : c.scopeId;
  return `${c.range.start.line + 1}:${c.range.start.character + 1} ${c.client.library}${c.client.cluster ? '+cluster' : ''} as ${c.client.receiverText} in ${scope}${c.inLoop ? ' loop' : ''}${c.url ? ` url=${c.url.value}` : ''}`;
}

export async function calls(path: string, text: string): Promise<string[]> {
  const parsed = await parse(path, text);
  return parsed.model.calls.map((c) => describeCall(c, path));
}
