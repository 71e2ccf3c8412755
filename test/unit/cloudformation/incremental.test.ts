/**
 * Incremental parsing of block-style templates: a file is cut into pieces at top-level keys and section entries,
 * and the pieces of its last parse are reused. Whatever the history of edits, every parse must give exactly what
 * one whole parse of the same text gives: the same nodes (values, styles, tags, anchors, every offset), the same
 * errors, the same findings and fix edits; and the reuse must never cross files or grow without bound.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { FileAnalysis } from '../../../server/src/engine/analyze';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { splitTemplate } from '../../../server/src/formats/cloudformation/chunks';
import { composeText } from '../../../server/src/formats/cloudformation/compose';
import { PieceMemo, type Piece } from '../../../server/src/formats/cloudformation/memo';
import { parseText } from '../../../server/src/formats/cloudformation/parse';
import { Source } from '../../../server/src/formats/cloudformation/source';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = 'AWS::ElastiCache::ReplicationGroup';
const ROOT = join(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** Everything of a node tree the normaliser and the edit builder can see. */
function shape(n: unknown): unknown {
  if (n === null || n === undefined) return n;
  const node = n as { range?: unknown; tag?: string; anchor?: string; flow?: boolean };
  const common = { range: node.range, tag: node.tag, anchor: node.anchor };
  if (isScalar(n)) return { scalar: n.value, type: n.type, ...common };
  if (isAlias(n)) return { alias: n.source, ...common };
  if (isSeq(n)) return { seq: n.items.map(shape), flow: !!n.flow, ...common };
  if (isMap(n)) return { map: n.items.map((p) => [shape(p.key), shape(p.value)]), flow: !!n.flow, ...common };
  return { unexpected: String(n) };
}

const parseAt = (path: string, text: string) => parseText(new Source(text, new LineIndex(text), false), path);

/** `text` parsed for `path` (reusing that path's pieces) equals one whole parse: nodes when clean, else errors. */
function assertSameAsWhole(path: string, text: string, label: string): { how: 'pieces' | 'whole'; root: unknown } {
  const parsed = parseAt(path, text);
  const whole = composeText(text);
  const clean = !whole.errors.length && whole.cut === undefined;
  if (clean) assert.deepEqual(shape(parsed.root), shape(whole.contents), label);
  // A piecewise parse never has errors: they only ever come from the whole parse.
  else assert.deepEqual(parsed.errors, parseAt(`${path}#cold`, text).errors, label);
  assert.equal(parsed.errors.length > 0, !clean, label);
  return { how: clean && splitTemplate(text) ? 'pieces' : 'whole', root: parsed.root };
}

let seed = 11;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };

/** A one-character or one-line edit of the kinds typing produces, at a random spot. */
function edit(text: string): string {
  const at = rnd(text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const next = text.indexOf('\n', at);
  const lineEnd = next === -1 ? text.length : next + 1;
  switch (rnd(6)) {
    case 0: return text.slice(0, at) + text.slice(at + 1);
    case 1: return text.slice(0, at) + 'x' + text.slice(at);
    case 2: return text.slice(0, at) + ' ' + text.slice(at);
    case 3: return text.slice(0, lineStart) + text.slice(lineEnd);
    case 4: return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd).replace(/(\w+):/, '$1Copy:') + text.slice(lineEnd);
    default: return text.slice(0, at) + ['\n', ':', '#', "'", '- ', '\n  '][rnd(6)] + text.slice(at);
  }
}

/** A template of `n` cache/security-group pairs, in the style of generated stacks. */
function generated(n: number): string {
  const out = ["AWSTemplateFormatVersion: '2010-09-09'", 'Parameters:', '  Env:', '    Type: String', '    Default: dev', 'Resources:'];
  for (let i = 0; i < n; i++) {
    out.push(
      `  Cache${i}:`, `    Type: ${RG}`, '    Properties:', `      ReplicationGroupDescription: !Sub 'cache ${i} in \${Env}'`,
      '      Engine: valkey', '      CacheNodeType: cache.r7g.large', `      TransitEncryptionEnabled: ${i % 3 ? 'true' : 'false'}`,
      '      SecurityGroupIds:', `        - !GetAtt Sg${i}.GroupId`,
      `  Sg${i}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      GroupDescription: cache ${i}`, '      VpcId: !ImportValue vpc-id',
    );
  }
  return out.join('\n') + '\n';
}

const FIXTURES = [
  'test/fixtures/cloudformation/cache-stack.yaml',
  'examples/cloudformation/sessions.yaml',
];

const SHAPES = [
  // comments between and after entries, at every indentation, and a trailing one at the end of a section
  `# head\n\nAWSTemplateFormatVersion: '2010-09-09'\nResources: # the stack\n  # first\n  A:\n    Type: ${RG}\n  # c2\n# c0\n\n  B:\n    Type: ${RG} # tc\n  # trailing\nOutputs:\n  O:\n    Value: 1\n# end\n\n`,
  // anchors, aliases and a merge inside one entry; block and flow values across lines
  `Resources:\n  A:\n    Type: ${RG}\n    Metadata: &m\n      k: v\n    Properties:\n      <<: *m\n      Tags: [a,\n        b]\n      Description: |\n        text\n\n        more\n      Note: >-\n        folded\n`,
  // under-indented quoted continuation lines, quoted keys, a section of scalars, CRLF
  `Description: 'multi\n  line'\nResources:\n  "A":\n    Type: ${RG}\n    Properties:\n      ReplicationGroupDescription: 'x\n      y'\n`,
  `Resources:\r\n  A:\r\n    Type: ${RG}\r\n\r\n  B:\r\n    Type: ${RG}\r\n`,
];

describe('CloudFormation: incremental parsing', () => {
  it('cuts at top-level keys and at the entries of each section, nowhere else', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  # c\n  A:\n    Type: X\n  B: {Type: Y}\nOutputs: {}\nList:\n  - a\n`;
    const at = (s: string) => text.indexOf(s);
    assert.deepEqual(splitTemplate(text), [
      { start: 0, end: at('Resources:') },
      { start: at('Resources:'), end: at('Outputs:'), entries: [{ start: at('  A:'), end: at('  B:') }, { start: at('  B:'), end: at('Outputs:') }] },
      { start: at('Outputs:'), end: at('List:') },
      { start: at('List:'), end: text.length },
    ]);
  });

  for (const [name, text] of [
    ['a flow (JSON) root', `{"Resources": {}}`],
    ['a tab in the indentation', `Resources:\n\tA: 1\n`],
    ['a document marker', `Resources:\n  A: 1\n---\nB: 2\n`],
    ['a directive', `%YAML 1.1\n---\nResources: {}\n`],
    ['a byte-order mark', `\uFEFFResources: {}\n`],
    ['a sequence at the root', `- a\n- b\n`],
    ['an indented first line', `  Resources: {}\n`],
  ] as const) {
    it(`${name}: parsed whole`, () => assert.equal(splitTemplate(text), undefined));
  }

  it('a section whose first line under it is not a plain key is one piece', () => {
    for (const text of ['Resources:\n  - a\n  - b\n', 'Resources:\n  ? a\n  : b\n', 'Resources:\n    A: 1\n  B: 2\n']) {
      assert.deepEqual(splitTemplate(text), [{ start: 0, end: text.length }], text);
    }
  });

  it('fixtures, generated input and layout shapes: the same nodes as one whole parse, in fresh and reused pieces', () => {
    const texts = [...FIXTURES.map(read), generated(40), ...SHAPES];
    texts.forEach((text, i) => {
      const path = `shape-${i}.yaml`;
      // Parsed whole the first time; then in pieces, all new; then in pieces, all reused.
      const [first, fresh, reused] = [0, 1, 2].map((n) => assertSameAsWhole(path, text, `text ${i}, parse ${n}`).root);
      const pairs = (root: unknown) => (isMap(root) ? root.items.map((p) => p.key) : []);
      assert.equal(pairs(first).filter((k) => pairs(fresh).includes(k)).length, 0, `text ${i}: the second parse is a new one`);
      assert.deepEqual(pairs(reused), pairs(fresh), `text ${i}: the third parse reuses the second's nodes`);
    });
  });

  it('random edits in sequence on each input: every step equals a whole parse, clean or broken', () => {
    const inputs = [...FIXTURES.map(read), generated(12), ...SHAPES];
    let pieces = 0, broken = 0;
    inputs.forEach((original, i) => {
      let text = original;
      for (let step = 0; step < 150; step++) {
        // Every few edits back to the original: edits that broke the text, then mended.
        text = step % 8 === 7 ? original : edit(text);
        const { how } = assertSameAsWhole(`edits-${i}.yaml`, text, `input ${i}, step ${step}`);
        if (how === 'pieces') pieces++; else broken++;
      }
    });
    assert.ok(pieces > 300 && broken > 300, `both paths exercised: ${pieces} piecewise, ${broken} whole`);
  });

  it('random edits in sequence: every analysis (model, findings, fixes, errors) equals a cold one', async () => {
    const strip = (r: unknown) => r && JSON.parse(JSON.stringify(r, (k, v) => (k === 'path' || k === 'evidence' ? undefined : v instanceof Map ? [...v] : v)));
    const inputs = [read(FIXTURES[0]), generated(10), SHAPES[1]];
    let cold = 0;
    for (const [i, original] of inputs.entries()) {
      let text = original;
      for (let step = 0; step < 80; step++) {
        text = step % 8 === 7 ? original : edit(text);
        const warm = await analyzeSource(`model-${i}.yaml`, text);
        assert.deepEqual(strip(warm), strip(await analyzeSource(`model-cold-${cold++}.yaml`, text)), `input ${i}, step ${step}`);
      }
    }
  });

  it("a parameter's default or the set of logical ids changing re-reads the unchanged resources that use them", async () => {
    const text = (def: string, sg: string) => [
      'Parameters:', '  Tls:', '    Type: String', `    Default: '${def}'`, 'Resources:',
      '  Cache:', `    Type: ${RG}`, '    Properties:', '      TransitEncryptionEnabled: !Ref Tls', '      SecurityGroupIds: [!GetAtt Sg.GroupId]',
      `  ${sg}:`, '    Type: AWS::EC2::SecurityGroup', '',
    ].join('\n');
    const sgValue = (r: FileAnalysis | undefined) => r?.iac?.resources.find((x) => x.name === 'Cache')?.properties.get('securityGroupIds')?.value;
    for (const t of [text('false', 'Sg'), text('false', 'Sg')]) await analyzeSource('context.yaml', t);
    assert.deepEqual((await analyzeSource('context.yaml', text('true', 'Sg')))?.findings, [], 'the new default is read');
    const renamed = await analyzeSource('context.yaml', text('true', 'Sx'));
    const list = sgValue(renamed);
    assert.deepEqual(list?.kind === 'list' && list.items.map((v) => v.kind), ['unknown'], 'Sg no longer exists');
    assert.deepEqual(summarize(await analyzeSource('context.yaml', text('false', 'Sx'))), ['transit-encryption-disabled@9:33']);
  });

  it('typing, pasting and deleting resources, breaking and mending: each analysis equals a cold one', async () => {
    const base = generated(30);
    const resource = `  Pasted:\n    Type: ${RG}\n    Properties:\n      Engine: valkey\n      TransitEncryptionEnabled: false\n`;
    const steps: [string, (t: string) => string][] = [
      ['a character inside a value', (t) => t.replace('cache.r7g.large', 'cache.r7g.xlarge')],
      ['a new character in a description', (t) => t.replace("'cache 7 in", "'cache 7x in")],
      ['a deleted character in a key', (t) => t.replace('      Engine: valkey\n      CacheNodeType', '      Engin: valkey\n      CacheNodeType')],
      ['a whole resource pasted', (t) => t.replace('  Cache3:\n', `${resource}  Cache3:\n`)],
      ['a resource deleted', (t) => t.replace(/  Cache5:\n(    .*\n)+/, '')],
      ['the YAML broken', (t) => t.replace('  Cache9:\n', '  Cache9\n')],
      ['and mended', (t) => t.replace('  Cache9\n', '  Cache9:\n')],
      ['a key written twice', (t) => t.replace('  Sg2:\n', '  Sg1:\n')],
      ['and renamed', (t) => t.replace('  Sg1:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: cache 2', '  Sg2:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: cache 2')],
    ];
    let text = base;
    const strip = (r: unknown) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'path' || k === 'evidence' ? undefined : v)));
    await analyzeSource('typing.yaml', text);
    for (const [i, [name, change]] of steps.entries()) {
      const next = change(text);
      assert.notEqual(next, text, `${name}: the step changes the text`);
      text = next;
      const warm = await analyzeSource('typing.yaml', text);
      const cold = await analyzeSource(`cold-${i}.yaml`, text);
      assert.deepEqual(strip(warm), strip(cold), name);
      if (name === 'the YAML broken') assert.equal(warm?.errors[0].message, `YAML syntax error: Implicit keys need to be on a single line at line ${text.split('\n').indexOf('  Cache9') + 1}, column 3`);
      else if (name === 'a key written twice') assert.deepEqual(warm?.errors.map((e) => e.message), [`YAML syntax error: Map keys must be unique at line ${text.split('\n').lastIndexOf('  Sg1:') + 1}, column 3`]);
      else assert.deepEqual(warm?.errors, [], name);
    }
    assert.ok(text.includes('Pasted:') && !text.includes('Cache5:'));
  });

  it('a template over a million characters is parsed in pieces from its first parse, to the same nodes', () => {
    const text = `# ${'x'.repeat(1_050_000)}\n${generated(3)}`;
    const first = parseAt('big.yaml', text);
    assert.deepEqual(shape(first.root), shape(composeText(text).contents));
    const again = parseAt('big.yaml', text);
    assert.equal((again.root as { items: { key: unknown }[] }).items[0].key, (first.root as { items: { key: unknown }[] }).items[0].key, 'reused from the first');
  });

  it('two files with the same text share no node, and editing one leaves the other as it was', () => {
    const text = generated(5);
    for (const path of ['same-a.yaml', 'same-b.yaml']) parseAt(path, text);
    const a = parseAt('same-a.yaml', text);
    const b = parseAt('same-b.yaml', text);
    const nodes = (root: unknown) => {
      const out = new Set<unknown>();
      const stack = [root];
      while (stack.length) {
        const n = stack.pop();
        out.add(n);
        if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
        else if (isSeq(n)) stack.push(...n.items);
      }
      return out;
    };
    const inA = nodes(a.root);
    assert.equal([...nodes(b.root)].filter((n) => inA.has(n)).length, 0);
    const before = JSON.stringify(shape(b.root));
    parseAt('same-a.yaml', `# moved down\n${text}`);
    assert.equal(JSON.stringify(shape(b.root)), before);
  });

  it("an earlier parse's fix edits are refused once a later parse moved its nodes, and still given if not", () => {
    const grammars = new Grammars(nodeGrammarSource());
    const text = `Resources:\n  C:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: false\n`;
    const parse = (t: string) => cloudformation.parse({ path: 'stale.yaml', text: t }, new LineIndex(t), grammars)!;
    const whole = parse(text);
    const first = parse(text);
    const intent = { kind: 'setProperties' as const, resource: first.model.resources[0], values: [{ property: 'transitEncryptionEnabled', value: true }] };
    parse(text);
    assert.deepEqual(first.buildEdits(intent)?.map((e) => e.newText), ['true']);
    parse(`# a line above moves every node\n${text}`);
    assert.equal(first.buildEdits(intent), undefined);
    // The first parse was whole: its nodes are its own, never moved.
    assert.deepEqual(whole.buildEdits({ ...intent, resource: whole.model.resources[0] })?.map((e) => e.newText), ['true']);
  });

  it('the memo keeps the most recently parsed files, within a total size', () => {
    const memo = new PieceMemo(2, 100);
    const none = new Map<string, Piece[]>();
    memo.keep('a', none, 10, false);
    memo.keep('b', none, 10, false);
    memo.keep('a', none, 10, false);
    memo.keep('c', none, 10, false);
    assert.deepEqual(['a', 'b', 'c'].map((p) => memo.pieces(p) !== undefined), [true, false, true]);
    memo.keep('d', none, 95, false);
    assert.deepEqual(['a', 'c', 'd'].map((p) => memo.pieces(p) !== undefined), [false, false, true]);
    memo.keep('e', none, 101, false);
    assert.deepEqual(['d', 'e'].map((p) => memo.pieces(p) !== undefined), [true, false], 'a file over the limit is not kept');
  });

  it('a result is stale only once a later parse of its file moved kept pieces', () => {
    const memo = new PieceMemo(1, 100);
    const none = new Map<string, Piece[]>();
    const first = memo.keep('a', none, 10, false);
    const second = memo.keep('a', none, 10, false);
    assert.deepEqual([memo.isCurrent('a', first), memo.isCurrent('a', second)], [true, true], 'nothing moved');
    const third = memo.keep('a', none, 10, true);
    assert.deepEqual([first, second, third].map((v) => memo.isCurrent('a', v)), [false, false, true]);
    memo.keep('b', none, 10, false);
    assert.equal(memo.isCurrent('a', third), true, 'evicted pieces are never moved again');
  });
});
