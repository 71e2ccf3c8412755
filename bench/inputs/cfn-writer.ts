/**
 * One CloudFormation template value, written two ways: YAML with the short intrinsic tags people write by hand,
 * and JSON with the long `Fn::` forms. The YAML and JSON inputs then carry the same resources and the same findings.
 */

export type CfnValue = string | number | boolean | CfnValue[] | Intrinsic | { [key: string]: CfnValue };

export class Intrinsic {
  constructor(readonly fn: string, readonly arg: CfnValue) {}
}

export const Ref = (name: string) => new Intrinsic('Ref', name);
export const Sub = (s: string) => new Intrinsic('Sub', s);
export const GetAtt = (resource: string, attribute: string) => new Intrinsic('GetAtt', [resource, attribute]);
export const If = (condition: string, yes: CfnValue, no: CfnValue) => new Intrinsic('If', [condition, yes, no]);
export const Equals = (a: CfnValue, b: CfnValue) => new Intrinsic('Equals', [a, b]);
export const Not = (a: CfnValue) => new Intrinsic('Not', [a]);
export const And = (...xs: CfnValue[]) => new Intrinsic('And', xs);
export const Condition = (name: string) => new Intrinsic('Condition', name);
export const FindInMap = (map: string, key: CfnValue, attr: string) => new Intrinsic('FindInMap', [map, key, attr]);
export const ImportValue = (name: CfnValue) => new Intrinsic('ImportValue', name);
export const Split = (sep: string, s: CfnValue) => new Intrinsic('Split', [sep, s]);
export const Join = (sep: string, xs: CfnValue[]) => new Intrinsic('Join', [sep, xs]);
export const Select = (i: number, xs: CfnValue) => new Intrinsic('Select', [i, xs]);
export const GetAZs = (region: string) => new Intrinsic('GetAZs', region);

export interface Template {
  sections: [name: string, value: CfnValue][];
  /** A comment line above a resource, in YAML only (JSON has none). */
  comments: Map<string, string>;
}

export function toJson(t: Template): string {
  const json = (v: CfnValue): unknown => {
    if (v instanceof Intrinsic) {
      const key = v.fn === 'Ref' || v.fn === 'Condition' ? v.fn : `Fn::${v.fn}`;
      return { [key]: json(v.arg) };
    }
    if (Array.isArray(v)) return v.map(json);
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]));
    return v;
  };
  return JSON.stringify(Object.fromEntries(t.sections.map(([k, v]) => [k, json(v)])), null, 2) + '\n';
}

export function toYaml(t: Template): string {
  const out: string[] = [];
  for (const [name, value] of t.sections) {
    if (isMap(value)) {
      if (out.length) out.push('');
      out.push(`${name}:`);
      // A blank line between the entries of each top-level section, as templates are written by hand.
      Object.entries(value).forEach(([key, v], i) => {
        if (i && name === 'Resources') out.push('');
        const comment = t.comments.get(key);
        if (comment) out.push(`  # ${comment}`);
        entry(out, key, v, 2);
      });
    } else {
      entry(out, name, value, 0);
    }
  }
  return out.join('\n') + '\n';
}

function isMap(v: CfnValue): v is { [key: string]: CfnValue } {
  return typeof v === 'object' && !Array.isArray(v) && !(v instanceof Intrinsic);
}

const pad = (n: number) => ' '.repeat(n);

function entry(out: string[], key: string, v: CfnValue, indent: number): void {
  if (typeof v === 'string' && v.includes('\n')) {
    out.push(`${pad(indent)}${key}: |`);
    for (const line of v.replace(/\n$/, '').split('\n')) out.push(line ? pad(indent + 2) + line : '');
  } else if (isMap(v)) {
    out.push(`${pad(indent)}${key}:`);
    for (const [k, x] of Object.entries(v)) entry(out, k, x, indent + 2);
  } else if (Array.isArray(v) && !isFlow(v)) {
    out.push(`${pad(indent)}${key}:`);
    for (const x of v) item(out, x, indent + 2);
  } else {
    out.push(`${pad(indent)}${key}: ${inline(v, false)}`);
  }
}

function item(out: string[], v: CfnValue, indent: number): void {
  if (isMap(v)) {
    const start = out.length;
    for (const [k, x] of Object.entries(v)) entry(out, k, x, indent + 2);
    out[start] = `${pad(indent)}- ${out[start].slice(indent + 2)}`;
  } else if (Array.isArray(v) && !isFlow(v)) {
    out.push(`${pad(indent)}-`);
    for (const x of v) item(out, x, indent + 2);
  } else {
    out.push(`${pad(indent)}- ${inline(v, false)}`);
  }
}

/** Short lists of scalars and intrinsics read best on one line: `[a, b]`, `!Equals [!Ref Env, prod]`. */
function isFlow(v: CfnValue[]): boolean {
  return v.every((x) => !isMap(x) && !(Array.isArray(x) && !isFlow(x)) && !(typeof x === 'string' && x.includes('\n')));
}

function inline(v: CfnValue, flow: boolean): string {
  if (v instanceof Intrinsic) {
    if (v.fn === 'GetAtt') return `!GetAtt ${(v.arg as string[]).join('.')}`;
    return `!${v.fn} ${inline(v.arg, flow)}`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => inline(x, true)).join(', ')}]`;
  if (typeof v === 'string') return scalar(v, flow);
  return String(v);
}

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** Plain when YAML reads it back as the same string; `a::b` is plain only outside flow collections. */
function scalar(s: string, flow: boolean): string {
  const chars = flow ? /^[A-Za-z_/][\w./ *-]*$/ : /^[A-Za-z_/][\w./ *:-]*$/;
  const plain = chars.test(s) && !/: |:$/.test(s) && !RESERVED.test(s) && !s.endsWith(' ');
  return plain ? s : `'${s.replace(/'/g, "''")}'`;
}
