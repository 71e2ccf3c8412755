/**
 * redis-py's object APIs over the client (shared/reference/redis-client-apis.md §1): `client.ft(index)` sends the
 * FT.* search commands, `client.pubsub()` the (P)SUBSCRIBE family. Their methods become protocol calls like any
 * client method, so rules see FT.CREATE's prefixes (search documents are records, not leaks) and PSUBSCRIBE (not
 * offered by ElastiCache Serverless).
 */
import type { CallArg } from '../../../model/code';
import type { LineIndex } from '../../../engine/text';
import type { Adapted } from '../core/adapters/types';
import type { ArgReader } from './args';
import { callArgs, rangeOf, unparen, type CallArgs, type Node } from './syntax';

const PUBSUB_METHODS = new Set(['subscribe', 'unsubscribe', 'psubscribe', 'punsubscribe', 'ssubscribe', 'sunsubscribe', 'ping']);
const SEARCH_METHODS: Record<string, string> = {
  search: 'FT.SEARCH', aggregate: 'FT.AGGREGATE', info: 'FT.INFO', dropindex: 'FT.DROPINDEX', alter_schema_add: 'FT.ALTER',
};

/** The methods of a PubSub object that send a command: the rest (`get_message`, `listen`, `close`) read or tidy up. */
export function pubsubMethod(method: string): boolean {
  return PUBSUB_METHODS.has(method);
}

export function searchMethod(method: string): boolean {
  return method === 'create_index' || method in SEARCH_METHODS;
}

/**
 * `ft(index).create_index(fields, definition=IndexDefinition(prefix=[…], index_type=IndexType.JSON))` as the
 * FT.CREATE it sends: index, ON, PREFIX n p…, SCHEMA. A definition that is not written inline leaves its prefixes
 * unknown (PREFIX with an unknown count), so every hash of the file may be a document. Other methods: the index,
 * then their own arguments.
 */
export function searchCall(method: string, ftCall: Node, args: CallArgs, argList: Node, reader: ArgReader, lines: LineIndex): Adapted | undefined {
  const made = (name: string, at: Node): CallArg => ({ kind: 'keyword', name, text: name, range: rangeOf(at, lines), implicit: true });
  const ftArgs = callArgs(ftCall.childForFieldName('arguments'));
  const indexNode = ftArgs.positional[0] ?? ftArgs.keywords.get('index_name');
  const index: CallArg = indexNode ? reader.arg(indexNode)
    : { kind: 'string', segments: [{ kind: 'literal', value: 'idx' }], value: 'idx', text: 'idx', range: rangeOf(ftCall, lines), implicit: true };
  if (method !== 'create_index') {
    const command = SEARCH_METHODS[method];
    return { command, args: [index, ...reader.call(args, argList).positional], raw: false };
  }
  const out: CallArg[] = [index];
  const definition = args.keywords.get('definition') ?? args.positional[4];
  if (definition) out.push(...definitionArgs(definition, reader, made));
  if (args.hasKwSplat && !definition) out.push(made('PREFIX', argList), { kind: 'unknown', text: '**kwargs', range: rangeOf(argList, lines) });
  out.push(made('SCHEMA', argList));
  const fields = args.keywords.get('fields') ?? args.positional[0];
  if (fields) out.push(reader.arg(fields));
  return { command: 'FT.CREATE', args: out, raw: false };
}

function definitionArgs(definition: Node, reader: ArgReader, made: (name: string, at: Node) => CallArg): CallArg[] {
  const call = unparen(definition);
  const fn = call.type === 'call' ? call.childForFieldName('function') : null;
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  if (name !== 'IndexDefinition') return [made('PREFIX', definition), { kind: 'unknown', text: definition.text, range: reader.arg(definition).range }];
  const def = callArgs(call.childForFieldName('arguments'));
  const out: CallArg[] = [];
  const type = def.keywords.get('index_type');
  const typeName = type?.type === 'attribute' ? type.childForFieldName('attribute')?.text : undefined;
  if (type) out.push(made('ON', type), typeName === 'HASH' || typeName === 'JSON' ? made(typeName, type) : reader.arg(type));
  const prefix = def.keywords.get('prefix') ?? def.positional[0];
  if (prefix) {
    const list = reader.arg(prefix);
    out.push(made('PREFIX', prefix));
    if (list.kind === 'list' && !list.items.some((i) => i.kind === 'spread')) {
      out.push({ kind: 'number', value: list.items.length, text: String(list.items.length), range: list.range, implicit: true }, ...list.items);
    } else out.push({ kind: 'unknown', text: list.text, range: list.range });
  }
  if (def.hasKwSplat) out.push(made('PREFIX', call), { kind: 'unknown', text: '**kwargs', range: reader.arg(call).range });
  return out;
}
