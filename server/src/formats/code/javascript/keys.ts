/** Which arguments of a command are keys, what each key is (literal, template, unknown), and SET's options. */
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../../../engine/text';
import type { CallSite, ClientLibrary, ExpiryState, KeyArg } from '../../../model/code';
import { WRITE_COMMANDS } from '../../../model/code';
import { stringSegments, stringValue, unwrap } from './syntax';
import { literalHashTag } from '../../../model/hash-tag';

/** Commands whose arguments hold no key (or only a pattern, channel or subcommand). */
const KEYLESS = new Set([
  'KEYS', 'SCAN', 'FLUSHALL', 'FLUSHDB', 'PING', 'INFO', 'CONFIG', 'SELECT', 'AUTH', 'ECHO', 'TIME', 'DBSIZE', 'PUBLISH',
  'SPUBLISH', 'SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'CLIENT', 'CLUSTER', 'ACL',
  'SCRIPT', 'FUNCTION', 'MONITOR', 'SAVE', 'BGSAVE', 'BGREWRITEAOF', 'SHUTDOWN', 'DEBUG', 'MEMORY', 'OBJECT', 'WAIT',
  'SWAPDB', 'RANDOMKEY', 'LASTSAVE', 'ROLE', 'COMMAND', 'HELLO', 'READONLY', 'SLOWLOG', 'LATENCY', 'MODULE', 'MIGRATE',
  'REPLICAOF', 'SLAVEOF', 'SYNC', 'PSYNC', 'PUBSUB', 'UNWATCH', 'XREAD', 'XREADGROUP',
]);
const ALL_ARGS = new Set(['DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'MGET', 'WATCH', 'SUNION', 'SINTER', 'SDIFF', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'PFCOUNT', 'PFMERGE']);
const FIRST_TWO = new Set(['SMOVE', 'RENAME', 'RENAMENX', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'COPY', 'LCS']);
const BLOCKING_POP = new Set(['BLPOP', 'BRPOP', 'BZPOPMIN', 'BZPOPMAX']);
const MSET = new Set(['MSET', 'MSETNX']);
const SCRIPT = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);
/** ioredis `numkeys` position (keys follow it) and node-redis keys-array position, with a leading destination. */
const NUMKEYS: Record<string, { ioredis: number; nodeRedis: number; dest: boolean }> = {
  ZUNIONSTORE: { ioredis: 1, nodeRedis: 1, dest: true }, ZINTERSTORE: { ioredis: 1, nodeRedis: 1, dest: true },
  ZDIFFSTORE: { ioredis: 1, nodeRedis: 1, dest: true }, ZUNION: { ioredis: 0, nodeRedis: 0, dest: false },
  ZINTER: { ioredis: 0, nodeRedis: 0, dest: false }, ZDIFF: { ioredis: 0, nodeRedis: 0, dest: false },
  ZINTERCARD: { ioredis: 0, nodeRedis: 0, dest: false }, SINTERCARD: { ioredis: 0, nodeRedis: 0, dest: false },
  LMPOP: { ioredis: 0, nodeRedis: 0, dest: false }, ZMPOP: { ioredis: 0, nodeRedis: 0, dest: false },
  BLMPOP: { ioredis: 1, nodeRedis: 1, dest: false }, BZMPOP: { ioredis: 1, nodeRedis: 1, dest: false },
};

export class KeyReader {
  constructor(private readonly lines: LineIndex) {}

  /** Classifies one key expression. */
  key(node: Node): KeyArg {
    const n = unwrap(node);
    const range = this.lines.range(n.startIndex, n.endIndex);
    const value = stringValue(n);
    if (value !== undefined) return { kind: 'literal', value, text: n.text, range };
    const segments = stringSegments(n);
    if (!segments) return { kind: 'unknown', text: n.text, range };
    if (segments.length === 1) return { kind: 'literal', value: segments[0], text: n.text, range };
    const hashTag = literalHashTag(segments);
    if (hashTag !== undefined) return { kind: 'template', text: n.text, literalPrefix: segments[0], hashTag, range };
    const hashTagText = n.type === 'template_string' ? dynamicHashTag(n) : undefined;
    return hashTagText === undefined
      ? { kind: 'template', text: n.text, literalPrefix: segments[0], range }
      : { kind: 'template', text: n.text, literalPrefix: segments[0], hashTagText, range };
  }

  /** The arguments as ioredis flattens them: array literals expand; spreads and other values stay whole. */
  private flat(args: Node[]): Node[] {
    return args.flatMap((a) => (unwrap(a).type === 'array' ? unwrap(a).namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [a]));
  }

  /** Keys from a list of key expressions; a spread or a non-literal list stands for an unknown number of keys. */
  private many(nodes: Node[]): KeyArg[] {
    return nodes.map((n) => (n.type === 'spread_element' ? { kind: 'unknown' as const, text: n.text, range: this.lines.range(n.startIndex, n.endIndex) } : this.key(n)));
  }

  /** Key arguments of a command, in order. `args` excludes a raw call's command name. */
  keys(command: string, args: Node[], library: ClientLibrary): KeyArg[] {
    const node = library === 'node-redis';
    // node-redis takes key lists as one array argument; ioredis flattens arrays anywhere in the arguments.
    const values = node ? args : this.flat(args);
    const callback = (n: Node | undefined) => !!n && ['arrow_function', 'function_expression', 'function'].includes(unwrap(n).type);
    while (!node && callback(values.at(-1))) values.pop();
    if (KEYLESS.has(command) || values.length === 0) return [];
    if (ALL_ARGS.has(command)) return this.many(node ? this.flat(values) : values);
    if (FIRST_TWO.has(command)) return this.many(values.slice(0, 2));
    if (MSET.has(command)) return this.msetKeys(values, node);
    if (BLOCKING_POP.has(command)) return this.many(node ? this.flat(values.slice(0, 1)) : values.slice(0, -1));
    if (command === 'BITOP') return this.many(node ? this.flat(values.slice(1, 3)) : values.slice(1));
    if (SCRIPT.has(command)) return this.scriptKeys(values, node);
    const numkeys = NUMKEYS[command];
    if (numkeys) {
      const dest = numkeys.dest ? this.many(values.slice(0, 1)) : [];
      if (node) return [...dest, ...this.many(this.flat(values.slice(numkeys.nodeRedis, numkeys.nodeRedis + 1)))];
      return [...dest, ...this.counted(values, numkeys.ioredis)];
    }
    return this.many(values.slice(0, 1));
  }

  /** `numkeys` at `at`, keys after it; an unreadable count leaves the keys unknown. */
  private counted(values: Node[], at: number): KeyArg[] {
    const countNode = values[at] && unwrap(values[at]);
    const count = countNode?.type === 'number' ? Number(countNode.text) : NaN;
    if (Number.isInteger(count)) {
      const keys = values.slice(at + 1, at + 1 + count);
      return keys.some((k) => k.type === 'spread_element') ? this.many(keys.slice(0, 1)) : this.many(keys);
    }
    const rest = values.slice(at + 1);
    return rest.length ? [{ kind: 'unknown', text: rest.map((r) => r.text).join(', '), range: this.lines.range(rest[0].startIndex, rest.at(-1)!.endIndex) }] : [];
  }

  /** ioredis `eval(script, numkeys, ...keys, ...args)`; node-redis `eval(script, { keys: [...] })`. */
  private scriptKeys(values: Node[], node: boolean): KeyArg[] {
    if (!node) return this.counted(values, 1);
    const opts = values[1] && unwrap(values[1]);
    if (!opts || opts.type !== 'object') return [];
    const keys = property(opts, 'keys');
    return keys ? this.many(this.flat([keys])) : [];
  }

  /** `mset({ k: v })`, `mset(k1, v1, k2, v2)`, node-redis `mSet([[k, v], …])` or `mSet([k, v, …])`. */
  private msetKeys(values: Node[], node: boolean): KeyArg[] {
    const first = unwrap(values[0]);
    if (first.type === 'object') {
      return first.namedChildren.flatMap((p): KeyArg[] => {
        if (p?.type === 'pair') {
          const k = p.childForFieldName('key')!;
          if (k.type === 'computed_property_name') return [{ kind: 'unknown', text: k.namedChildren[0]?.text ?? k.text, range: this.lines.range(k.startIndex, k.endIndex) }];
          const value = stringValue(k) ?? k.text;
          return [{ kind: 'literal', value, text: k.text, range: this.lines.range(k.startIndex, k.endIndex) }];
        }
        if (p?.type === 'spread_element' || p?.type === 'shorthand_property_identifier') {
          return [{ kind: 'unknown', text: p.text, range: this.lines.range(p.startIndex, p.endIndex) }];
        }
        return [];
      });
    }
    if (node && first.type === 'array') {
      const items = first.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (items.every((i) => unwrap(i).type === 'array')) return this.many(items.map((i) => unwrap(i).namedChildren[0]).filter((k): k is Node => !!k));
      return this.many(items.filter((_, i) => i % 2 === 0));
    }
    if (values.length === 1) return this.many(values);
    return this.many(values.filter((_, i) => i % 2 === 0));
  }
}

/**
 * The source text of a `{…}` tag that spans a substitution (`{user:${id}}` → `user:${id}`): keys with the same
 * such text share a slot. Like `literalHashTag`, it assumes substituted values bring no braces of their own.
 */
function dynamicHashTag(template: Node): string | undefined {
  let open = -1;
  let crossed = false;
  for (const c of template.namedChildren) {
    if (!c) continue;
    if (c.type === 'template_substitution') { if (open >= 0) crossed = true; continue; }
    if (c.type !== 'string_fragment') continue;
    const from = open < 0 ? c.text.indexOf('{') : -1;
    if (open < 0 && from < 0) continue;
    if (open < 0) open = c.startIndex + from;
    const close = c.text.indexOf('}', open >= c.startIndex ? open - c.startIndex + 1 : 0);
    if (close < 0) continue;
    const end = c.startIndex + close;
    if (!crossed || end === open + 1) return undefined;
    const base = template.startIndex;
    return template.text.slice(open + 1 - base, end - base);
  }
  return undefined;
}

/** A property's value in an object literal, by name. */
function property(obj: Node, name: string): Node | undefined {
  for (const p of obj.namedChildren) {
    if (p?.type !== 'pair') continue;
    const k = p.childForFieldName('key');
    if (k && (stringValue(k) ?? k.text) === name) return p.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

const EXPIRY_TOKENS: Record<string, ExpiryState> = { EX: 'set', PX: 'set', EXAT: 'set', PXAT: 'set', KEEPTTL: 'keep' };

/** SET's positional tokens (ioredis, node-redis v3): `'EX', 10`, `'KEEPTTL'`, `'NX'`. */
function tokenOptions(rest: Node[]): CallSite['options'] {
  let expiry: ExpiryState = 'none';
  let nx = false;
  let unreadable = false;
  for (let i = 0; i < rest.length; i++) {
    const n = unwrap(rest[i]);
    const token = stringValue(n)?.toUpperCase();
    if (token && EXPIRY_TOKENS[token]) { expiry = EXPIRY_TOKENS[token]; if (token !== 'KEEPTTL') i++; continue; }
    if (token === 'NX') { nx = true; continue; }
    if (token !== undefined || n.type === 'number' || ['arrow_function', 'function_expression', 'function'].includes(n.type)) continue;
    unreadable = true;
  }
  return withNx(expiry === 'none' && unreadable ? 'unknown' : expiry, nx);
}

/** node-redis SET options object: `{ EX }`, `{ expiration: { type, value } }`, `{ KEEPTTL: true }`, `{ NX: true }`. */
function objectOptions(obj: Node): CallSite['options'] {
  let expiry: ExpiryState = 'none';
  let nx = false;
  let spread = false;
  for (const p of obj.namedChildren) {
    if (p?.type === 'spread_element') { spread = true; continue; }
    if (p?.type !== 'pair') continue;
    const k = p.childForFieldName('key');
    const v = p.childForFieldName('value');
    const name = k && (stringValue(k) ?? k.text);
    if (!name || !v) continue;
    const falsy = ['false', 'undefined', 'null'].includes(v.text);
    if (name === 'KEEPTTL' && !falsy) expiry = 'keep';
    else if (EXPIRY_TOKENS[name] === 'set' && !falsy) expiry = 'set';
    else if (name === 'expiration' && !falsy) expiry = stringValue(v)?.toUpperCase() === 'KEEPTTL' ? 'keep' : 'set';
    else if (name === 'NX' && !falsy) nx = true;
    else if (name === 'condition' && stringValue(v)?.toUpperCase() === 'NX') nx = true;
  }
  return withNx(expiry === 'none' && spread ? 'unknown' : expiry, nx);
}

function withNx(expiry: ExpiryState, nx: boolean): CallSite['options'] {
  return nx ? { expiry, nx } : { expiry };
}

/** Options the call states. Expiry is given for writes only. */
export function optionsOf(command: string, args: Node[]): CallSite['options'] {
  if (command === 'SETEX' || command === 'PSETEX') return { expiry: 'set' };
  if (command === 'SETNX') return { expiry: 'none', nx: true };
  if (command === 'SET') {
    if (args.length < 2 || args.some((a) => a.type === 'spread_element')) return { expiry: 'unknown' };
    const third = args[2] && unwrap(args[2]);
    if (third?.type === 'object') return objectOptions(third);
    return tokenOptions(args.slice(2));
  }
  return WRITE_COMMANDS.has(command) ? { expiry: 'none' } : {};
}
