/**
 * Where a value written in a client construction comes from: the source itself (or a constant it names), the
 * process environment, a secret store, or something the extractor cannot follow. Read by the construction reader
 * for every connection setting; names are followed through their declarations in this module.
 */
import type { SyntaxNode as Node } from '../core/syntaxTree';
import type { Provenance } from '../../../model/code';
import type { Decl, Declarations } from './declarations';
import type { Positions } from './position';
import { FUNCTION_TYPES, argumentsOf, literalValue, memberCall, stringValue, unwrap } from './syntax';

export interface Reading {
  provenance: Provenance;
  /** The constant the expression evaluates to, when it is literal and fixed (`undefined` reads as null). */
  constant?: string | number | boolean | null;
  /** The object literal the expression denotes: itself, or a `const` it names. */
  object?: Node;
  /** The array literal the expression denotes. */
  array?: Node;
  /** The function the expression denotes. */
  fn?: Node;
  /** The expression is the environment object itself (`process.env`): its members are variables. */
  envObject?: boolean;
}

const UNKNOWN: Reading = { provenance: { kind: 'unknown' } };
const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'Bun.env']);
/** Conversions whose result comes from where their argument does. */
const CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat', 'String', 'Boolean', 'JSON.parse', 'decodeURIComponent', 'encodeURIComponent']);
const PASS_METHODS = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase', 'valueOf', 'promise']);
/** AWS SDK v3 commands that read a secret; `GetParameter(s)Command` only with `WithDecryption`. */
const SECRET_COMMANDS = new Set(['GetSecretValueCommand', 'BatchGetSecretValueCommand']);
const PARAMETER_COMMANDS = new Set(['GetParameterCommand', 'GetParametersCommand', 'GetParametersByPathCommand']);
const SECRET_NAME = /secret/i;
const MAX_DEPTH = 24;

export class Provenances {
  private readonly memo = new Map<number, Reading>();
  private readonly busy = new Set<number>();
  private destructured: Map<Decl, { value: Node; key: string }> | undefined;

  constructor(private readonly decls: Declarations, private readonly positions: Positions) {}

  read(node: Node, depth = 0): Reading {
    const n = unwrap(node);
    const known = this.memo.get(n.id);
    if (known) return known;
    if (depth > MAX_DEPTH || this.busy.has(n.id)) return UNKNOWN;
    this.busy.add(n.id);
    const r = this.compute(n, depth + 1);
    this.busy.delete(n.id);
    this.memo.set(n.id, r);
    return r;
  }

  private compute(n: Node, depth: number): Reading {
    switch (n.type) {
      case 'string': return literal(literalValue(n));
      case 'template_string': {
        const v = stringValue(n);
        if (v !== undefined) return literal(v);
        const parts = n.namedChildren.filter((c) => c?.type === 'template_substitution').map((c) => (c!.namedChildren[0] ? this.read(c!.namedChildren[0], depth) : UNKNOWN));
        return { provenance: combine([{ provenance: { kind: 'literal' } }, ...parts]) };
      }
      case 'number': {
        const v = Number(n.text.replace(/_/g, ''));
        return Number.isNaN(v) ? { provenance: { kind: 'literal' } } : literal(v);
      }
      case 'true': return literal(true);
      case 'false': return literal(false);
      case 'null': case 'undefined': return literal(null);
      case 'object': return { provenance: { kind: 'literal' }, object: n };
      case 'array': return { provenance: { kind: 'literal' }, array: n };
      case 'unary_expression': return this.unary(n, depth);
      case 'await_expression': return n.namedChildren[0] ? this.read(n.namedChildren[0], depth) : UNKNOWN;
      case 'identifier': case 'shorthand_property_identifier': return n.text === 'undefined' ? literal(null) : this.named(n, depth);
      case 'member_expression': {
        if (ENV_OBJECTS.has(n.text)) return { provenance: { kind: 'environment' }, envObject: true };
        const obj = n.childForFieldName('object');
        const prop = n.childForFieldName('property');
        if (obj?.type === 'this') return this.fromDecl(this.decls.thisMember(n), depth);
        return obj && prop ? this.member(this.read(obj, depth), prop.text, depth) : UNKNOWN;
      }
      case 'subscript_expression': {
        const obj = n.childForFieldName('object');
        const key = stringValue(n.childForFieldName('index'));
        if (!obj) return UNKNOWN;
        const o = this.read(obj, depth);
        if (key !== undefined) return this.member(o, key, depth);
        return o.envObject ? { provenance: { kind: 'environment' } } : o.provenance.kind === 'secret' ? { provenance: o.provenance } : UNKNOWN;
      }
      case 'call_expression': return this.call(n, depth);
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        const l = n.childForFieldName('left'); const r = n.childForFieldName('right');
        if (!l || !r) return UNKNOWN;
        const left = this.read(l, depth);
        // `process.env.X ?? 'default'`: the environment decides; the fallback only fills in for its absence.
        if ((op === '??' || op === '||') && (left.provenance.kind === 'environment' || left.provenance.kind === 'secret')) return { provenance: left.provenance };
        return { provenance: combine([left, this.read(r, depth)]) };
      }
      case 'ternary_expression': {
        const parts = ['condition', 'consequence', 'alternative'].map((f) => n.childForFieldName(f)).map((c) => (c ? this.read(c, depth) : UNKNOWN));
        return { provenance: combine(parts) };
      }
      default:
        return FUNCTION_TYPES.has(n.type) ? { provenance: { kind: 'literal' }, fn: n } : UNKNOWN;
    }
  }

  private unary(n: Node, depth: number): Reading {
    const op = n.childForFieldName('operator')?.text;
    const arg = n.childForFieldName('argument');
    if (!arg) return UNKNOWN;
    if (op === 'void') return literal(null);
    const r = this.read(arg, depth);
    if (r.provenance.kind !== 'literal' || r.constant === undefined) return { provenance: r.provenance };
    if (op === '!') return literal(!r.constant);
    if (op === '-' && typeof r.constant === 'number') return literal(-r.constant);
    if (op === '+') return literal(Number(r.constant));
    return { provenance: r.provenance };
  }

  /** `obj.key` given what `obj` is. */
  private member(obj: Reading, key: string, depth: number): Reading {
    if (obj.envObject) return { provenance: { kind: 'environment', name: key } };
    if (obj.object) {
      const v = propertyOf(obj.object, key);
      return v ? this.read(v, depth) : UNKNOWN;
    }
    return obj.provenance.kind === 'secret' || obj.provenance.kind === 'environment' ? { provenance: obj.provenance.kind === 'secret' ? obj.provenance : { kind: 'environment' } } : UNKNOWN;
  }

  private call(n: Node, depth: number): Reading {
    const fn = n.childForFieldName('function');
    if (!fn) return UNKNOWN;
    const args = argumentsOf(n);
    const callee = unwrap(fn);
    if (CONVERSIONS.has(callee.text)) {
      const r = args[0] ? this.read(args[0], depth) : UNKNOWN;
      return { provenance: r.provenance };
    }
    if (callee.text === 'Deno.env.get') {
      const name = stringValue(args[0]);
      return { provenance: name !== undefined ? { kind: 'environment', name } : { kind: 'environment' } };
    }
    if (isSecretRead(n, args)) return { provenance: { kind: 'secret' } };
    const m = memberCall(n);
    if (m) {
      if (PASS_METHODS.has(m.property.text)) return this.read(m.object, depth);
      if (SECRET_NAME.test(m.property.text)) return { provenance: { kind: 'secret' } };
      return UNKNOWN;
    }
    if (callee.type !== 'identifier') return UNKNOWN;
    if (SECRET_NAME.test(callee.text)) return { provenance: { kind: 'secret' } };
    // A local helper (`function redisPassword() { return process.env.X }`): what it returns.
    const local = this.decls.functionOf(callee);
    return local ? this.returned(local, depth) : UNKNOWN;
  }

  private returned(fn: Node, depth: number): Reading {
    const body = fn.childForFieldName('body');
    if (!body) return UNKNOWN;
    if (body.type !== 'statement_block') return this.read(body, depth);
    const values: Reading[] = [];
    const stack: Node[] = [body];
    while (stack.length) {
      const s = stack.pop()!;
      if (s.type === 'return_statement') values.push(s.namedChildren[0] ? this.read(s.namedChildren[0], depth) : literal(null));
      for (const c of s.namedChildren) if (c && !FUNCTION_TYPES.has(c.type)) stack.push(c);
    }
    if (values.length === 1) return values[0];
    return values.length ? { provenance: combine(values) } : UNKNOWN;
  }

  private named(id: Node, depth: number): Reading {
    const decl = this.decls.resolve(id);
    if (!decl || decl.binding) return UNKNOWN;
    return this.fromDecl(decl, depth);
  }

  private fromDecl(decl: Decl | undefined, depth: number): Reading {
    if (!decl) return UNKNOWN;
    const sources = decl.sources.filter((s) => !isParameterDefault(s));
    // A parameter's default is not where its value comes from: any caller may pass another.
    if (sources.length < decl.sources.length) return UNKNOWN;
    if (!sources.length) {
      const d = this.destructuring().get(decl);
      if (!d) return UNKNOWN;
      return this.member(this.read(d.value, depth), d.key, depth);
    }
    if (sources.length === 1) return this.read(sources[0], depth);
    const all = sources.map((s) => this.read(s, depth));
    const first = all[0];
    const same = all.every((r) => r.provenance.kind === 'literal' && r.constant !== undefined && r.constant === first.constant);
    return same ? first : { provenance: combine(all) };
  }

  /** `const { REDIS_URL, PASSWORD: pw } = process.env`: each name and the property it takes. Built on first use. */
  private destructuring(): Map<Decl, { value: Node; key: string }> {
    if (this.destructured) return this.destructured;
    const out = new Map<Decl, { value: Node; key: string }>();
    for (const d of this.positions.nodes) {
      if (d.type !== 'variable_declarator') continue;
      const pattern = d.childForFieldName('name');
      const value = d.childForFieldName('value');
      if (pattern?.type !== 'object_pattern' || !value) continue;
      for (const p of pattern.namedChildren) {
        if (!p) continue;
        let id: Node | null = null; let key: string | undefined;
        if (p.type === 'shorthand_property_identifier_pattern') { id = p; key = p.text; }
        else if (p.type === 'object_assignment_pattern') { id = p.childForFieldName('left'); key = id?.text; }
        else if (p.type === 'pair_pattern') {
          const k = p.childForFieldName('key'); let v = p.childForFieldName('value');
          if (v?.type === 'assignment_pattern') v = v.childForFieldName('left');
          key = k ? stringValue(k) ?? k.text : undefined;
          id = v?.type === 'identifier' ? v : null;
        }
        const decl = id && key !== undefined ? this.decls.resolve(id) : undefined;
        if (decl && key !== undefined) out.set(decl, { value, key });
      }
    }
    return (this.destructured = out);
  }
}

function literal(constant: string | number | boolean | null): Reading {
  return { provenance: { kind: 'literal' }, constant };
}

/**
 * Parts of one value: unknown if any part is, else secret if any is (the secret is what matters), else the
 * environment (named when one variable), else literal.
 */
export function combine(parts: Reading[]): Provenance {
  if (parts.some((p) => p.provenance.kind === 'unknown')) return { kind: 'unknown' };
  if (parts.some((p) => p.provenance.kind === 'secret')) return { kind: 'secret' };
  const env = parts.filter((p) => p.provenance.kind === 'environment');
  if (env.length) {
    const names = new Set(env.map((p) => (p.provenance.kind === 'environment' ? p.provenance.name : undefined)));
    const [name] = names;
    return names.size === 1 && name !== undefined ? { kind: 'environment', name } : { kind: 'environment' };
  }
  return { kind: 'literal' };
}

/** The value of a plain `key: value` (or shorthand `key`) property of an object literal; the last one wins. */
export function propertyOf(obj: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const p of obj.namedChildren) {
    if (p?.type === 'pair' && keyOf(p) === key) found = p.childForFieldName('value') ?? undefined;
    else if (p?.type === 'shorthand_property_identifier' && p.text === key) found = p;
  }
  return found;
}

/** A property's key as a name (`tls`, `'tls'`), undefined when computed. */
export function keyOf(pair: Node): string | undefined {
  const k = pair.childForFieldName('key');
  if (!k || k.type === 'computed_property_name') return undefined;
  return stringValue(k) ?? k.text;
}

function isParameterDefault(source: Node): boolean {
  const t = source.parent?.type;
  return t === 'assignment_pattern' || t === 'required_parameter' || t === 'optional_parameter';
}

/**
 * A read from a secret store: AWS SDK v3 `client.send(new GetSecretValueCommand(…))` (SSM `GetParameterCommand`
 * with `WithDecryption: true`), v2 `secretsManager.getSecretValue(…)`, `ssm.getParameter({ WithDecryption: true })`.
 */
function isSecretRead(call: Node, args: Node[]): boolean {
  const m = memberCall(call);
  const method = m?.property.text;
  if (method === 'send' && args[0]) {
    const cmd = unwrap(args[0]);
    const ctor = cmd.type === 'new_expression' ? cmd.childForFieldName('constructor')?.text.split('.').pop() : undefined;
    if (ctor && SECRET_COMMANDS.has(ctor)) return true;
    if (ctor && PARAMETER_COMMANDS.has(ctor)) return decrypts(argumentsOf(cmd)[0]);
  }
  if (method === 'getSecretValue' || method === 'batchGetSecretValue') return true;
  if (method === 'getParameter' || method === 'getParameters' || method === 'getParametersByPath') return decrypts(args[0]);
  return false;
}

function decrypts(arg: Node | undefined): boolean {
  const obj = arg && unwrap(arg);
  const v = obj?.type === 'object' ? propertyOf(obj, 'WithDecryption') : undefined;
  return !!v && unwrap(v).type === 'true';
}
