/** Test access to the Python extractor's model and edit builder, without the rules. */
import { Grammars } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { python } from '../../../server/src/formats/code/python';
import type { ParsedCode } from '../../../server/src/formats/format';
import type { CallSite, KeyArg } from '../../../server/src/model/code';

let grammars: Grammars | undefined;

/** `projectPath`: the path below the project root, as hosts that know the root pass it. */
export async function parsePython(text: string, path = 'app/service.py', projectPath?: string): Promise<ParsedCode> {
  if (!grammars) {
    grammars = new Grammars(nodeGrammarSource());
    await grammars.ensure('python');
  }
  return python.parse(projectPath === undefined ? { path, text } : { path, text, projectPath }, new LineIndex(text), grammars);
}

/** Whether a Python text parses without ERROR or MISSING nodes. */
export async function parsesCleanly(text: string): Promise<boolean> {
  await parsePython('');
  const tree = grammars!.parser('python').parse(text)!;
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

const keyText = (k: KeyArg): string => {
  if (k.kind === 'literal') return `lit:${k.value}`;
  if (k.kind === 'template') {
    const tag = k.hashTag !== undefined ? `#${k.hashTag}` : k.hashTagText !== undefined ? `#~${k.hashTagText}` : '';
    return `tpl:${k.literalPrefix}${tag}`;
  }
  return `?:${k.text}`;
};

/**
 * One line per call site: `line COMMAND [keys] expiry nx batch cluster`, compact enough for exact tables.
 * `line` is 1-based, of the method name.
 */
export function summarizeCall(call: CallSite): string {
  const parts = [`${call.calleeRange.start.line + 1} ${call.command}${call.subcommand !== undefined ? ` ${call.subcommand}` : ''}`, `[${call.keys.map(keyText).join(', ')}]`];
  if (call.options.expiry) parts.push(`ttl=${call.options.expiry}`);
  if (call.options.nx) parts.push('nx');
  if (call.batch) parts.push(`batch=${call.batch.transactional ? 'tx' : 'pipe'}`);
  if (call.client.cluster) parts.push('cluster');
  if (call.client.library !== 'redis-py') parts.push(call.client.library);
  if (call.inLoop) parts.push('loop');
  if (call.awaited) parts.push('await');
  return parts.join(' ');
}

export async function sites(text: string, path?: string): Promise<string[]> {
  return (await parsePython(text, path)).model.calls.map(summarizeCall);
}
