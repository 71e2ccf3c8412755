/**
 * A library method's signature and how it maps onto protocol order, written as two short strings so that a
 * library adapter is a table. Parameters (`params`), in the method's own order:
 * - `name` a plain parameter; `*name` takes the remaining positional arguments;
 * - `name=D` a default sent when the argument is left out (redis-py `blpop(keys, timeout=0)` sends 0);
 * - `name:TOKEN` a valued option: sent as `TOKEN value` when given and not None/null/undefined;
 * - `name!TOKEN` a flag: sent as `TOKEN` when true (conditionally when not a literal);
 * - `name{}` an options object (node-redis `{ EX: 10 }`, ioredis `scanStream({ match })`): each property becomes an
 *   option word, followed by its value unless the value is `true`.
 * `emit` (default: the parameters in order) lists what is sent: parameter names; UPPERCASE words sent as written;
 * numbers sent as written; `#p` the number of items in `p`; `p.k` / `p.v` the keys / values of a mapping `p`;
 * `p@prop` property `prop` of an object `p` (of each object, when `p` is a list of them).
 */
import type { CallArg } from '../../../../model/code';
import type { Range } from '../../../../engine/types';

type Param =
  | { name: string; kind: 'plain' | 'rest' | 'object'; default?: string }
  | { name: string; kind: 'option' | 'flag'; token: string };

export interface Signature { params: Param[]; emit: string[] }

/** A call as written, language-neutral: positional arguments (spreads included) and keyword arguments. */
export interface SourceCall {
  positional: CallArg[];
  keywords: ReadonlyMap<string, CallArg>;
  /** `**kwargs`: any keyword may be given. */
  kwSplat?: CallArg;
  /** The argument list, where arguments the library supplies itself are placed. */
  argsRange: Range;
}

const cache = new Map<string, Signature>();

export function signature(params: string, emit?: string): Signature {
  const key = `${params}|${emit ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const ps: Param[] = params.split(/\s+/).filter(Boolean).map((p): Param => {
    if (p.startsWith('*')) return { name: p.slice(1), kind: 'rest' };
    if (p.endsWith('{}')) return { name: p.slice(0, -2), kind: 'object' };
    const option = /^(\w+)([:!])(\w+)$/.exec(p);
    if (option) return { name: option[1], kind: option[2] === ':' ? 'option' : 'flag', token: option[3] };
    const [name, def] = p.split('=');
    return def === undefined ? { name, kind: 'plain' } : { name, kind: 'plain', default: def };
  });
  const sig = { params: ps, emit: emit ? emit.split(/\s+/).filter(Boolean) : ps.map((p) => p.name) };
  cache.set(key, sig);
  return sig;
}

const isNullish = (a: CallArg | undefined): boolean => !a || (a.kind === 'unknown' && a.constant === null);

function implicit(word: string, range: Range): CallArg {
  return /^-?\d+$/.test(word)
    ? { kind: 'number', value: Number(word), text: word, range, implicit: true }
    : { kind: 'string', segments: [{ kind: 'literal', value: word }], value: word, text: word, range, implicit: true };
}

/** An option word the library spells its own way (`ex=`, `{ EX: … }`), ranged over what stands for it. */
const keyword = (name: string, range: Range, conditional = false): CallArg =>
  conditional ? { kind: 'keyword', name, conditional: true, text: name, range } : { kind: 'keyword', name, text: name, range };

/** A spread standing for what an argument not known holds (the keys of a mapping variable). */
const spreadOf = (a: CallArg): CallArg => ({ kind: 'spread', text: a.text, range: a.range });

/** `{ EX: 10, NX: true, COUNT: n }` as option words; `expiration`/`condition` are node-redis SET's v5 spellings. */
export function objectOptions(obj: CallArg): CallArg[] {
  if (isNullish(obj)) return [];
  // node-redis v3 took SET's options as tokens (`'EX', 10`): sent as written.
  if (obj.kind === 'string' || obj.kind === 'number' || obj.kind === 'keyword' || obj.kind === 'spread') return [obj];
  if (obj.kind !== 'map') return [spreadOf(obj)];
  const out: CallArg[] = [];
  for (const e of obj.entries) {
    if (!Array.isArray(e)) { out.push(spreadOf(e as CallArg)); continue; }
    const [k, v] = e as readonly [CallArg, CallArg];
    const name = k.kind === 'string' ? k.value : undefined;
    if (name === undefined) { out.push(spreadOf(k)); continue; }
    if (v.kind === 'unknown' && (v.constant === false || v.constant === null)) continue;
    const word = name.toUpperCase();
    if (word === 'EXPIRATION' && v.kind === 'string' && v.value) { out.push(keyword(v.value.toUpperCase(), v.range)); continue; }
    if (word === 'EXPIRATION' && v.kind === 'map') {
      const type = property(v, 'type');
      const value = property(v, 'value');
      if (type?.kind === 'string' && type.value) { out.push(keyword(type.value.toUpperCase(), type.range)); if (value) out.push(value); continue; }
      out.push(keyword('EX', k.range, true));
      continue;
    }
    if (word === 'CONDITION' && v.kind === 'string' && v.value) { out.push(keyword(v.value.toUpperCase(), v.range)); continue; }
    if (v.kind === 'unknown' && v.constant === true) { out.push(keyword(word, k.range)); continue; }
    out.push(keyword(word, k.range), v);
  }
  return out;
}

/** A property of an object literal, by name. */
export function property(obj: CallArg, name: string): CallArg | undefined {
  if (obj.kind !== 'map') return undefined;
  for (const e of obj.entries) {
    if (!Array.isArray(e)) continue;
    const [k, v] = e as readonly [CallArg, CallArg];
    if (k.kind === 'string' && k.value === name) return v;
  }
  return undefined;
}

function count(a: CallArg | undefined, range: Range): CallArg[] {
  if (!a) return [];
  if (a.kind === 'list' && !a.items.some((i) => i.kind === 'spread')) return [implicit(String(a.items.length), range)];
  if (a.kind === 'map' && a.entries.every((e) => Array.isArray(e))) return [implicit(String(a.entries.length), range)];
  if (a.kind === 'string' || a.kind === 'number') return [implicit('1', range)];
  return [{ kind: 'unknown', text: `#${a.text}`, range: a.range, implicit: true }];
}

function part(a: CallArg | undefined, which: 'k' | 'v'): CallArg[] {
  if (!a) return [];
  if (a.kind === 'map') {
    return a.entries.map((e) => (Array.isArray(e) ? (e as readonly [CallArg, CallArg])[which === 'k' ? 0 : 1] : spreadOf(e as CallArg)));
  }
  if (a.kind === 'list' || a.kind === 'string' || a.kind === 'number') return which === 'k' ? [a] : [];
  return [spreadOf(a)];
}

function pluck(a: CallArg | undefined, prop: string): CallArg[] {
  if (!a) return [];
  if (a.kind === 'list') return a.items.flatMap((i) => pluck(i, prop));
  if (a.kind === 'map') { const v = property(a, prop); return v ? [v] : []; }
  return [spreadOf(a)];
}

/**
 * The protocol arguments of a call through `sig`. Positional arguments bind in order; a spread binds the parameter
 * it reaches and everything after it is unplaceable (sent at that point, as the spread). Keyword arguments bind by
 * name (Python); unknown names are not protocol arguments (`target_nodes=`). A `**kwargs` is sent last, a spread.
 */
export function applySignature(sig: Signature, call: SourceCall): CallArg[] {
  const bound = new Map<string, CallArg[]>();
  const pos = call.positional;
  let i = 0;
  for (const p of sig.params) {
    if (i >= pos.length) break;
    if (pos[i].kind === 'spread') { bound.set(p.name, [pos[i]]); i = pos.length; break; }
    if (p.kind === 'rest') { bound.set(p.name, pos.slice(i)); i = pos.length; break; }
    bound.set(p.name, [pos[i++]]);
  }
  // More positionals than parameters: a signature too short for a form the library also takes; sent as written.
  const extra = pos.slice(i);
  for (const p of sig.params) {
    const kw = call.keywords.get(p.name);
    if (kw && !bound.has(p.name)) bound.set(p.name, [kw]);
  }
  const one = (name: string) => bound.get(name)?.[0];
  const out: CallArg[] = [];
  for (const word of sig.emit) {
    if (/^-?\d+$/.test(word)) { out.push(implicit(word, call.argsRange)); continue; }
    if (/^[A-Z][A-Z_]*$/.test(word)) { out.push(keyword(word, call.argsRange)); continue; }
    if (word.startsWith('#')) {
      // `#fields` of a rest parameter (redis-py `hexpire(name, seconds, *fields)`) counts what it took.
      const rest = sig.params.find((q) => q.name === word.slice(1) && q.kind === 'rest');
      const items = rest ? bound.get(rest.name) ?? [] : undefined;
      out.push(...(items ? count({ kind: 'list', items, text: word, range: call.argsRange } as CallArg, call.argsRange) : count(resolvePath(word.slice(1), one), call.argsRange)));
      continue;
    }
    if (word.includes('.') || word.includes('@')) { out.push(...resolveParts(word, one)); continue; }
    const p = sig.params.find((q) => q.name === word);
    const given = bound.get(word);
    if (!p) continue;
    if (p.kind === 'rest') { out.push(...(given ?? [])); continue; }
    const a = given?.[0];
    if (a?.kind === 'spread') { out.push(a); continue; }
    if (p.kind === 'plain') {
      if (a) out.push(a);
      else if (p.default !== undefined) out.push(implicit(p.default, call.argsRange));
    } else if (p.kind === 'object') {
      if (a) out.push(...objectOptions(a));
    } else if (p.kind === 'option') {
      if (a && !isNullish(a)) out.push(keyword(p.token, a.range), a);
    } else if (p.kind === 'flag' && a && !(a.kind === 'unknown' && (a.constant === false || a.constant === null))) {
      out.push(keyword(p.token, a.range, !(a.kind === 'unknown' && a.constant === true)));
    }
  }
  out.push(...extra);
  if (call.kwSplat) out.push(call.kwSplat);
  return out;
}

function resolvePath(path: string, one: (name: string) => CallArg | undefined): CallArg | undefined {
  const [name, prop] = path.split('@');
  const a = one(name);
  if (prop === undefined) return a;
  const got = pluck(a, prop);
  return got.length === 1 ? got[0] : undefined;
}

function resolveParts(word: string, one: (name: string) => CallArg | undefined): CallArg[] {
  const at = word.indexOf('@');
  if (at > 0) return pluck(one(word.slice(0, at)), word.slice(at + 1));
  const [name, which] = word.split('.');
  return part(one(name), which as 'k' | 'v');
}
