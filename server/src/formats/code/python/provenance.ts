/**
 * Where a Python expression's value comes from, for connection settings: written in the source (or a constant it
 * names), read from the process environment, fetched from a secret store, or unknown. Names are followed through
 * this file's bindings; a parameter, a settings object or any call not recognised is unknown.
 */
import type { Provenance } from '../../../model/code';
import type { Binding, Scope } from './scopes';
import { constantString } from './strings';
import { callArgs, unparen, type Node } from './syntax';

export type Literal = string | number | boolean | null;

export interface Traced {
  provenance: Provenance;
  /** The constant, when `provenance` is literal and the value is one. */
  value?: Literal;
  /** The expression the value was read from after following names (`CERT_NONE` behind `REQS = ssl.CERT_NONE`). */
  origin: Node;
}

/** Names followed through before giving up (`A = B`, `B = C` …). */
const MAX_DEPTH = 12;
/**
 * Helpers whose name says they fetch a secret (`get_secret`, `fetch_secret`, boto3's `get_secret_value`, hvac's
 * `read_secret_version`), and Parameter Store reads, which are secret only when decrypted.
 */
const SECRET_CALL = /(^|_)secrets?($|_)|secret_?value|^getsecret/i;
const PARAMETER_CALL = /^get_parameters?(_by_path)?$/;
/** Functions that keep their argument's provenance (conversions, `json.loads`), and methods that keep their receiver's. */
const CONVERSIONS = new Set(['int', 'str', 'bool', 'float', 'loads']);
const VALUE_METHODS = new Set(['get', 'strip', 'decode', 'lower', 'upper', 'encode']);
/** `os.environ` readers that take the variable's name first. */
const ENV_READERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.__getitem__']);

/**
 * The bindings of the scope a name resolves in; `outer` when that scope encloses the one asking (or the name is
 * declared `global`/`nonlocal`), so that any of them may apply.
 */
export function bindingListOf(name: string, scope: Scope): { list: Binding[]; outer: boolean; in: Scope } | undefined {
  let outer = false;
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s !== scope && s.kind === 'class') continue;
    if (s.outer.has(name)) { outer = true; continue; }
    const list = s.names.get(name);
    if (list) return { list, outer, in: s };
    if (s.kind === 'function') outer = true;
  }
  return undefined;
}

/** The latest binding at or before `at` (lists are sorted by start). */
export function latestBinding(list: Binding[], at: number): Binding | undefined {
  let lo = 0, hi = list.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? undefined : list[found];
}

/**
 * The bindings a name can have at an offset, as the resolver sees them: in the scope asking, the latest before the
 * offset; from an enclosing scope (or a `global`), any of them but `None`, since the inner function may run after
 * any of them.
 */
export function bindingsAt(name: string, scope: Scope, at: number): Binding[] {
  const where = bindingListOf(name, scope);
  if (!where) return [];
  if (where.outer) return where.list.filter((b) => !(b.value && unparen(b.value).type === 'none'));
  const b = latestBinding(where.list, at);
  return b ? [b] : [];
}

/** The last name of a called expression (`get_secret` of `vault.get_secret`). */
export function calleeName(fn: Node): string | undefined {
  const n = unparen(fn);
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text;
  return undefined;
}

const unknown = (origin: Node): Traced => ({ provenance: { kind: 'unknown' }, origin });

export class ProvenanceReader {
  /**
   * The dotted path an expression names through imports (`os.environ` for `environ` after `from os import environ`,
   * `ssl.CERT_NONE`), when its root is an imported module.
   */
  importedPath(expr: Node, scope: Scope, depth = 0): string | undefined {
    const n = unparen(expr);
    if (depth > MAX_DEPTH) return undefined;
    if (n.type === 'identifier') {
      const found = bindingsAt(n.text, scope, n.startIndex);
      if (found.length !== 1) return undefined;
      const b = found[0];
      if (b.kind === 'import') return b.importPath;
      if (b.kind === 'value' && b.value && b.scope.names.get(n.text)?.length === 1) return this.importedPath(b.value, b.scope, depth + 1);
      return undefined;
    }
    if (n.type === 'attribute') {
      const obj = n.childForFieldName('object');
      const attr = n.childForFieldName('attribute');
      const base = obj && this.importedPath(obj, scope, depth + 1);
      return base && attr ? `${base}.${attr.text}` : undefined;
    }
    return undefined;
  }

  trace(expr: Node, scope: Scope, depth = 0): Traced {
    const n = unparen(expr);
    if (depth > MAX_DEPTH) return unknown(n);
    // A member of the standard `ssl` module (`ssl.CERT_NONE`, `CERT_NONE` imported from it) is a constant named by its path.
    if (n.type === 'identifier' || n.type === 'attribute') {
      const path = this.importedPath(n, scope);
      if (path?.startsWith('ssl.')) return { provenance: { kind: 'literal' }, value: path, origin: n };
    }
    switch (n.type) {
      case 'integer': {
        const v = Number(n.text.replace(/_/g, ''));
        return Number.isSafeInteger(v) ? { provenance: { kind: 'literal' }, value: v, origin: n } : unknown(n);
      }
      case 'true': return { provenance: { kind: 'literal' }, value: true, origin: n };
      case 'false': return { provenance: { kind: 'literal' }, value: false, origin: n };
      case 'none': return { provenance: { kind: 'literal' }, value: null, origin: n };
      case 'string': case 'concatenated_string': {
        const value = constantString(n);
        return value === undefined ? unknown(n) : { provenance: { kind: 'literal' }, value, origin: n };
      }
      case 'identifier': return this.name(n, scope, depth);
      case 'subscript': return this.subscript(n, scope, depth);
      case 'call': return this.call(n, scope, depth);
      case 'await': {
        const inner = n.namedChild(0);
        return inner ? this.trace(inner, scope, depth + 1) : unknown(n);
      }
      case 'boolean_operator': {
        // `os.environ.get("X") or "localhost"`: the environment decides, the literal is a fallback.
        const left = n.childForFieldName('left');
        const t = left && this.trace(left, scope, depth + 1);
        return t && (t.provenance.kind === 'environment' || t.provenance.kind === 'secret') ? { provenance: t.provenance, origin: n } : unknown(n);
      }
      case 'comparison_operator': {
        // `os.getenv("REDIS_TLS") == "true"`
        for (const c of n.namedChildren) {
          const t = c && this.trace(c, scope, depth + 1);
          if (t?.provenance.kind === 'environment') return { provenance: t.provenance, origin: n };
        }
        return unknown(n);
      }
      case 'conditional_expression': {
        const [a, , b] = [n.namedChild(0), n.namedChild(1), n.namedChild(2)];
        if (!a || !b) return unknown(n);
        const ta = this.trace(a, scope, depth + 1);
        const tb = this.trace(b, scope, depth + 1);
        // `os.environ["REDIS_PASSWORD"] if AUTH else None`: where a value is given, it is the other branch's.
        const none = (t: Traced) => t.provenance.kind === 'literal' && t.value === null;
        if (none(ta) !== none(tb)) {
          const given = none(ta) ? tb : ta;
          return given.provenance.kind === 'literal' ? unknown(n) : { provenance: given.provenance, origin: n };
        }
        if (ta.provenance.kind !== tb.provenance.kind || ta.provenance.kind === 'literal') return unknown(n);
        return { provenance: ta.provenance, origin: n };
      }
      // `settings.REDIS_PASSWORD`, `config.url`: set somewhere this file does not show.
      default: return unknown(n);
    }
  }

  /** A name bound once in the scope it is read from (or an import): what it is bound to. */
  private name(n: Node, scope: Scope, depth: number): Traced {
    const found = bindingsAt(n.text, scope, n.startIndex);
    if (!found.length) return unknown(n);
    const traced = found.map((b): Traced | undefined => {
      if (b.kind !== 'value' || !b.value) return undefined;
      return this.trace(b.value, b.scope, depth + 1);
    });
    const first = traced[0];
    if (!first || traced.some((t) => !t || t.provenance.kind !== first.provenance.kind)) return unknown(n);
    if (first.provenance.kind !== 'literal') return traced.length === 1 ? first : { provenance: first.provenance, origin: n };
    // A constant only when every binding reaching here is the same one (a global assigned in a function is not).
    if (traced.length !== 1 || found[0].scope.names.get(n.text)?.length !== 1) return unknown(n);
    return first;
  }

  private envName(arg: Node | undefined, scope: Scope, depth: number): Provenance {
    const t = arg && this.trace(arg, scope, depth + 1);
    return typeof t?.value === 'string' ? { kind: 'environment', name: t.value } : { kind: 'environment' };
  }

  private subscript(n: Node, scope: Scope, depth: number): Traced {
    const obj = n.childForFieldName('value');
    if (!obj) return unknown(n);
    if (this.importedPath(obj, scope) === 'os.environ') {
      return { provenance: this.envName(n.childForFieldName('subscript') ?? undefined, scope, depth), origin: n };
    }
    // `json.loads(secret["SecretString"])["password"]`: a part of a secret is secret.
    const t = this.trace(obj, scope, depth + 1);
    return t.provenance.kind === 'secret' ? { provenance: t.provenance, origin: n } : unknown(n);
  }

  private call(n: Node, scope: Scope, depth: number): Traced {
    const fn = n.childForFieldName('function');
    if (!fn) return unknown(n);
    const args = callArgs(n.childForFieldName('arguments'));
    const path = this.importedPath(fn, scope);
    if (path && ENV_READERS.has(path)) return { provenance: this.envName(args.positional[0] ?? args.keywords.get('key'), scope, depth), origin: n };
    const name = calleeName(fn);
    if (!name) return unknown(n);
    if (SECRET_CALL.test(name)) return { provenance: { kind: 'secret' }, origin: n };
    if (PARAMETER_CALL.test(name)) {
      const decrypted = args.keywords.get('WithDecryption');
      return decrypted && unparen(decrypted).type === 'true' ? { provenance: { kind: 'secret' }, origin: n } : unknown(n);
    }
    const fnNode = unparen(fn);
    const recv = fnNode.type === 'attribute' ? fnNode.childForFieldName('object') : null;
    const onModule = !recv || this.importedPath(recv, scope) !== undefined;
    // `secret.get("password")`, `os.getenv("PORT").strip()`, `int(os.environ["DB"])`, `json.loads(payload)`.
    const carried = recv && !onModule && VALUE_METHODS.has(name) ? recv
      : onModule && CONVERSIONS.has(name) ? args.positional[0] : null;
    if (!carried) return unknown(n);
    const t = this.trace(carried, scope, depth + 1);
    if (t.provenance.kind === 'literal' || t.provenance.kind === 'unknown') return unknown(n);
    return { provenance: t.provenance, origin: n };
  }
}
