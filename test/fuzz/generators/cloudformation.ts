/**
 * Random CloudFormation templates: the resource types and property names the engine models, values that are
 * literals or intrinsic functions (well-formed, flattened into odd places, or malformed), rendered as YAML in
 * random layouts (short tags or long forms, block or flow, anchors and merge keys) or as JSON.
 */
import fc from 'fast-check';
import { RESOURCE_SCHEMAS } from '../../../server/src/model/iac-schema';
import { INTRINSIC_NAMES } from '../../../server/src/formats/cloudformation/tags';
import { fraction } from '../mutate';

export type Value =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'list'; items: Value[] }
  | { t: 'map'; entries: [string, Value][] }
  | { t: 'fn'; name: string; arg: Value };

const str = (v: string): Value => ({ t: 'str', v });
const map = (entries: [string, Value][]): Value => ({ t: 'map', entries });
const list = (items: Value[]): Value => ({ t: 'list', items });

const CFN_TYPES = RESOURCE_SCHEMAS.flatMap((s) => (s.cfnType ? [s.cfnType] : []));
const TLS_TYPES = ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::MemoryDB::Cluster'];
const OTHER_TYPES = ['AWS::S3::Bucket', 'Custom::Thing', 'AWS::ElastiCache::Nope', 'aws::elasticache::replicationgroup', 'AWS::ElastiCache::ReplicationGroup ', 'AWS::'];
const PROPERTY_NAMES = [...new Set(RESOURCE_SCHEMAS.flatMap((s) => Object.values(s.properties).flatMap(([cfn]) => (cfn ? [cfn] : []))))];
const TLS_NAMES = ['TransitEncryptionEnabled', 'TLSEnabled', 'TransitEncryptionMode', 'Engine', 'EngineVersion', 'AuthToken', 'UserGroupIds', 'ReplicationGroupId', 'GlobalReplicationGroupId'];
const PARAMS = ['EnableTls', 'Env', 'Tls', 'AWS::NoValue', 'AWS::Region', 'Missing'];
const CONDITIONS = ['IsProd', 'UseTls', 'Nope'];

const word = fc.constantFrom('sessions', 'cache', 'a', 'true', 'false', 'yes', 'no', 'valkey', 'redis', 'memcached', '7.1', '3.2.4', '1.6.6', 'preferred', 'required', '', ' ', 'x:y', '${AWS::StackName}-c', '#not a comment', '- dash', '{a}', 'ü', '\u{1F600}');
const scalar: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: fc.boolean().map((v): Value => ({ t: 'bool', v })) },
  { weight: 3, arbitrary: word.map(str) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.double({ noNaN: true })).map((v): Value => ({ t: 'num', v })) },
  { weight: 1, arbitrary: fc.constant<Value>({ t: 'null' }) },
);

/** Intrinsic functions with arguments of the right shape, the wrong shape, or nested in each other. */
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: scalar },
    { weight: 2, arbitrary: fc.constantFrom(...PARAMS).map((p): Value => ({ t: 'fn', name: 'Ref', arg: str(p) })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...CONDITIONS), tie('v'), tie('v')).map(([c, a, b]): Value => ({ t: 'fn', name: 'If', arg: list([str(c), a, b]) })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...INTRINSIC_NAMES), tie('v')).map(([name, arg]): Value => ({ t: 'fn', name, arg })) },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 4 }).map(list) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom('Key', 'Value', 'Ref', 'Fn::If', 'Fn::Sub', 'Condition', 'Name'), tie('v')), { maxLength: 3 }).map(map) },
  ),
})).v;

const properties: fc.Arbitrary<Value> = fc.oneof(
  { weight: 8, arbitrary: fc.uniqueArray(fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TLS_NAMES) }, { weight: 2, arbitrary: fc.constantFrom(...PROPERTY_NAMES) }), value), { maxLength: 8, selector: ([k]) => k }).map(map) },
  // A whole Properties block chosen by a condition, and other shapes the normaliser must not choke on.
  { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]): Value => map([['Fn::If', list([str('IsProd'), a, b])]])) },
  { weight: 1, arbitrary: value },
);

const resource: fc.Arbitrary<Value> = fc.record({
  type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TLS_TYPES) }, { weight: 3, arbitrary: fc.constantFrom(...CFN_TYPES) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) }),
  props: fc.option(properties, { freq: 8 }),
  condition: fc.option(fc.constantFrom(...CONDITIONS), { freq: 4 }),
}).map(({ type, props, condition }) => {
  const entries: [string, Value][] = [['Type', str(type)]];
  if (condition) entries.push(['Condition', str(condition)]);
  if (props) entries.push(['Properties', props]);
  return map(entries);
});

const parameter: fc.Arbitrary<Value> = fc.record({
  type: fc.constantFrom('String', 'Number', 'CommaDelimitedList', 'AWS::SSM::Parameter::Value<String>'),
  def: fc.option(scalar, { freq: 2 }),
  noEcho: fc.boolean(),
}).map(({ type, def, noEcho }) => {
  const entries: [string, Value][] = [['Type', str(type)]];
  if (def) entries.push(['Default', def]);
  if (noEcho) entries.push(['NoEcho', { t: 'bool', v: true }]);
  return map(entries);
});

export const template: fc.Arbitrary<Value> = fc.record({
  version: fc.boolean(),
  parameters: fc.uniqueArray(fc.tuple(fc.constantFrom(...PARAMS.slice(0, 3)), parameter), { maxLength: 3, selector: ([k]) => k }),
  resources: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/), resource), { minLength: 1, maxLength: 6, selector: ([k]) => k }),
}).map(({ version, parameters, resources }) => {
  const entries: [string, Value][] = [];
  if (version) entries.push(['AWSTemplateFormatVersion', str('2010-09-09')]);
  if (parameters.length) entries.push(['Parameters', map(parameters)]);
  const isProd: Value = { t: 'fn', name: 'Equals', arg: list([{ t: 'fn', name: 'Ref', arg: str('Env') }, str('prod')]) };
  entries.push(['Conditions', map([['IsProd', isProd]])]);
  entries.push(['Resources', map(resources)]);
  return map(entries);
});

// ---- JSON ----

function toJson(v: Value): unknown {
  switch (v.t) {
    case 'str': case 'num': case 'bool': return v.v;
    case 'null': return null;
    case 'list': return v.items.map(toJson);
    case 'map': return Object.fromEntries(v.entries.map(([k, x]) => [k, toJson(x)]));
    case 'fn': return { [v.name === 'Ref' || v.name === 'Condition' ? v.name : `Fn::${v.name}`]: toJson(v.arg) };
  }
}

export const jsonTemplate: fc.Arbitrary<string> = fc.tuple(template, fc.constantFrom<string | number>(0, 1, 2, 4, '\t'), fc.boolean())
  .map(([t, indent, crlf]) => {
    const text = JSON.stringify(toJson(t), null, indent) + '\n';
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

// ---- YAML ----

interface Style { indent: number; shortTags: boolean; flowBias: number; quote: '"' | "'"; crlf: boolean; comments: boolean; pick: () => number }

const PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function scalarText(v: Value, s: Style): string {
  switch (v.t) {
    case 'bool': return s.pick() < 0.2 ? (v.v ? 'True' : 'False') : String(v.v);
    case 'num': return String(v.v);
    case 'null': return s.pick() < 0.5 ? 'null' : '~';
    case 'str':
      if (PLAIN.test(v.v) && !RESERVED.test(v.v) && s.pick() < 0.6) return v.v;
      return s.quote === "'" ? `'${v.v.replace(/'/g, "''")}'` : JSON.stringify(v.v);
    default: throw new Error('not a scalar');
  }
}

const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

function flow(v: Value, s: Style): string {
  switch (v.t) {
    case 'list': return `[${v.items.map((x) => flow(x, s)).join(', ')}]`;
    case 'map': return `{${v.entries.map(([k, x]) => `${key(k, s)}: ${flow(x, s)}`).join(', ')}}`;
    case 'fn': return s.shortTags ? `!${v.name} ${flow(v.arg, s)}` : `{${key(longName(v.name), s)}: ${flow(v.arg, s)}}`;
    default: return scalarText(v, s);
  }
}

function key(k: string, s: Style): string {
  return PLAIN.test(k) || /^Fn::[A-Za-z]+$/.test(k) || /^AWS::/.test(k) ? k : scalarText(str(k), s);
}

const isCollection = (v: Value) => (v.t === 'list' && v.items.length > 0) || (v.t === 'map' && v.entries.length > 0);

/** Lines of a value written in block style at `depth`, for a value that follows `key:` or `- `. */
function block(v: Value, depth: number, s: Style, out: string[], lead: string): void {
  if (v.t === 'fn' && s.shortTags && isCollection(v.arg) && s.pick() > s.flowBias) {
    out.push(`${lead} !${v.name}`);
    blockBody(v.arg, depth + 1, s, out);
    return;
  }
  if (v.t === 'fn' && !s.shortTags) {
    out.push(lead);
    block(v.arg, depth + 1, s, out, `${' '.repeat((depth + 1) * s.indent)}${longName(v.name)}:`);
    return;
  }
  if (!isCollection(v) || s.pick() < s.flowBias) {
    out.push(`${lead} ${flow(v, s)}${s.comments && s.pick() < 0.1 ? ' # note: keep' : ''}`);
    return;
  }
  out.push(lead);
  blockBody(v, depth + 1, s, out);
}

function blockBody(v: Value, depth: number, s: Style, out: string[]): void {
  const pad = ' '.repeat(depth * s.indent);
  if (v.t === 'map') for (const [k, x] of v.entries) block(x, depth, s, out, `${pad}${key(k, s)}:`);
  else if (v.t === 'list') for (const x of v.items) block(x, depth, s, out, `${pad}-`);
}

/** Anchors a random resource's Properties and merges or aliases them into another, the YAML-only sharing forms. */
function share(lines: string[], s: Style): string[] {
  const props = lines.map((l, i) => (/^\s+Properties:$/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (props.length < 2 || s.pick() < 0.6) return lines;
  const [a, b] = [props[0], props[props.length - 1]];
  const out = [...lines];
  out[a] = `${out[a]} &shared`;
  out.splice(b + 1, 0, `${' '.repeat(3 * s.indent)}<<: *shared`);
  return out;
}

export const yamlTemplate: fc.Arbitrary<string> = fc.tuple(
  template,
  fc.record({ indent: fc.integer({ min: 1, max: 4 }), shortTags: fc.boolean(), flowBias: fraction, quote: fc.constantFrom<'"' | "'">('"', "'"), crlf: fc.boolean(), comments: fc.boolean() }),
  fc.array(fraction, { minLength: 61, maxLength: 61 }),
).map(([t, style, dice]) => {
  let i = 0;
  const s: Style = { ...style, pick: () => dice[i++ % dice.length] };
  const out: string[] = [];
  if (s.comments) out.push('# generated template');
  blockBody(t, 0, s, out);
  const text = share(out, s).join('\n') + '\n';
  return s.crlf ? text.replace(/\n/g, '\r\n') : text;
});

/** A template of about `bytes` characters: many resources, each with a finding and fixes. */
export function bigYaml(bytes: number): string {
  const head = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Tls:\n    Type: String\n    Default: 'false'\nResources:\n";
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const r = `  Group${i}:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: !Sub '\${AWS::StackName}-${i}'\n      Engine: valkey\n      TransitEncryptionEnabled: ${i % 3 === 0 ? '!Ref Tls' : i % 3 === 1 ? 'false' : '!If [IsProd, true, false]'}\n      SecurityGroupIds: [!GetAtt Sg.GroupId]\n`;
    parts.push(r);
    size += r.length;
  }
  return parts.join('');
}

export function bigJson(bytes: number): string {
  const parts = ['{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const r = `    "Group${i}": {\n      "Type": "AWS::ElastiCache::ReplicationGroup",\n      "Properties": {\n        "ReplicationGroupDescription": {"Fn::Sub": "\${AWS::StackName}-${i}"},\n        "TransitEncryptionEnabled": ${i % 2 ? 'false' : '{"Fn::If": ["IsProd", true, false]}'}\n      }\n    },\n`;
    parts.push(r);
    size += r.length;
  }
  parts.push('    "Last": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "memcached"}}\n  }\n}\n');
  return parts.join('');
}
