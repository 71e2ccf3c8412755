/**
 * The fast path (values, headers and attributes read from the text, bodies walked with a cursor) must read every
 * block exactly as the defensive reading from the tree does. Each expression below is read both ways, as a
 * resource attribute, inside a nested block, inside a collection and through a local, and the results compared
 * whole: values, ranges, names and the layout the edit builder uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Tree } from 'web-tree-sitter';
import { Grammars } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { topBlocks, type TopBlock } from '../../../server/src/formats/terraform/blocks';
import { BodyReader } from '../../../server/src/formats/terraform/body';
import { collectScope } from '../../../server/src/formats/terraform/symbols';
import { blockParts, labelText } from '../../../server/src/formats/terraform/syntax';
import { blockHeader, tokenCollection, tokenValue } from '../../../server/src/formats/terraform/tokens';
import { bodyProperties } from '../../../server/src/formats/terraform/values';

const EXPRESSIONS = [
  // literals
  'true', 'false', 'null', '0', '42', '1.5', '1.5e3', '2.0E-2', '0x1F', '007',
  '-1', '--1', '- 1', '-1.5', '!true', '1 + 2', '(1)', '((true))', '("x")', '(var.x)',
  // strings
  '""', '"a"', '"a b c"', '"a\\"b"', '"a\\\\"', '"\\u00e9\\U0001F600"', '"\\n\\t\\r"', '"\\q"', '"a$b"', '"a%b"', '"$"', '"%"',
  '"$${x}"', '"%%{x}"', '"$$${x}"', '"a$$"', '"${x}"', '"a${x}b"', '"%{if true}y%{endif}"', '"#x"', '"//x"', '"/*x*/"', '"x # ${y}"',
  '"a" == "b"', '"${a}" == "b"', '"x" ? 1 : 2', '"é"', '"${join(",", var.l)}"', '"a" /* c */',
  // Terraform 0.11: a string that is one interpolation reads as the expression itself
  '"${aws_x.y.id}"', '"${ var.tls }"', '"${local.tls}"', '"${aws_x.y.0.id}"', '"${aws_x.y.*.id}"', '"${var.x} "', '" ${var.x}"',
  '"${var.a ? "x" : "y"}"', '"${true}"', '"${a}" == "}"', '"${~ var.x ~}"', '"${var.x}${var.y}"', '"${var.x /* c */}"',
  // heredocs
  '<<EOT\nplain\nEOT', '<<-EOT\n    indented\n      more\n  EOT', '<<EOT\n${x}\nEOT', '<<EOT\nEOT',
  // traversals
  'var.x', 'local.x', 'aws_x.y', 'aws_x.y.id', 'aws_x.y[0].id', 'aws_x.y["k"].id', 'aws_x.y[*].id', 'aws_x.y.*.id',
  'aws_x.y.0.id', 'data.x.y.z', 'module.m.o', 'each.value', 'count.index', 'self.x', 'var.x.y', 'var.x[0]', 'local.missing',
  'a.true', 'a.null', 'true.x', 'null.x', 'a-b.c', 'aws_x.my-name.id', 'var.count-1', 'var.x - 1', 'foo', 'each', 'aws_x . y . id',
  'aws_x.y[var.i].id', 'aws_x.y["a-b"].id', 'aws_x.y [0]', 'local.tls', 'local.chain', 'local.list', 'local.cycle', 'var.tls',
  // calls and operations
  'f()', 'f(x)', 'f (x)', 'f(x).y', 'f(x)[0]', 'f(x) + 1', 'provider::aws::arn_parse(x)', 'tobool("true")', 'length([1, 2]) == 2',
  'var.a ? var.b : var.c', 'var.env == "prod"', 'a && b', '!var.x', '1 + 2 * 3', 'var.a\n    ? 1\n    : 2', 'local.tls ? 2 : 1',
  'each.value.replicas + 1', 'a.b / 2', 'a.b /* c */ + 1', 'a.b // c\n', 'a.b % 2', 'a.b >= 1', 'a.b < 1', '"a" != "b"', 'true || false',
  'null == var.x', 'a.b[0] > 1', 'a.b -1', 'a.b-1', '1e5 + 1', 'a.b[*].c + 1', 'true ? local.tls : var.tls', '[1] == [2]', '[for x in var.l : x]', '{ for k, v in var.m : k => v }',
  // collections
  '[]', '[ ]', '[1]', '[1, 2,]', '[a.b, "x"]', '[\n  "a",\n  "b",\n]', '["a", [1]]', '[1 /* c */, 2]', '[1, # c\n 2]', '[1][0]',
  '[a] == [b]', '[-1]', '[true, null, false]', '[foo, bar.baz]', '[null.x]', '[local.tls, var.tls]', '[f(x)]', '["${x}"]', '["${aws_x.y.id}", "a"]',
  '{}', '{ }', '{a = 1}', '{ a = 1, b = "x" }', '{"a" = 1}', '{a: 1}', '{ true = 1 }', '{ null = 2 }', '{ a = 1\n b = 2 }',
  '{ a = 1 b = 2 }', '{ (var.k) = 1 }', '{ a.b = 1 }', '{ my-key = 1 }', '{ a = 1, a = 2 }', '{ "a\\"b" = 1 }', '{ for = 1 }',
  '{ in = 1 }', '{ a = [1] }', '{ a = { b = 1 } }', '{a=1}.a', '{\n  team = "x"\n  cost = var.c\n}', '{ a = local.tls }',
];

const ATTRIBUTE_SHAPES = ['a = E', 'a=E', 'a   =    E', 'a = /* c */ E', 'a /* c */ = E', 'a\t=\tE'];
const BLOCK_SHAPES = [
  'n {\n    x = E\n  }', 'n { x = E }', 'n "l" {\n    x = E\n  }', 'n l {\n    x = E\n  }', 'n /* c */ {\n    x = E\n  }',
  'n {\n    x = E\n    # trailing\n  }', 'n {\n    # only a comment\n  }', 'n {}', 'dynamic "ingress" {\n    content {\n      x = E\n    }\n  }',
];

function fileFor(expr: string, attribute: string, block: string): string {
  return [
    'variable "tls" {', '  default = false', '}',
    'locals {', `  probe = ${expr}`, '  tls   = false', '  chain = local.tls', '  list  = [1, 2]', '  cycle = local.cycle', '}',
    'resource "aws_elasticache_replication_group" "r" {', `  ${attribute.replace('E', expr)}`, `  via = local.probe`,
    `  ${block.replace('E', expr)}`, `  ${block.replace('E', expr)}`, `  list = [${expr}]`, `  obj = { k = ${expr} }`, '}', '',
  ].join('\n');
}

let grammars: Grammars | undefined;
async function parse(text: string): Promise<Tree> {
  grammars ??= new Grammars(nodeGrammarSource());
  await grammars.ensure('terraform');
  return grammars.parser('terraform').parse(text)!;
}

/** Both readings of one file: the fast path as the format runs it, and the tree-only reading of the same blocks. */
function readBoth(tree: Tree, text: string) {
  const lines = new LineIndex(text);
  const cursor = tree.rootNode.walk();
  const reader = new BodyReader(cursor, text);
  const fast = topBlocks(tree.rootNode, reader, text);
  const nodes = new Map<number, Node>(tree.rootNode.namedChildren[0].namedChildren.map((n) => [n.startIndex, n]));
  const slow: TopBlock[] = fast.map((b) => ({ ...b, clean: false, entries: reader.entries(nodes.get(b.start)!, false) }));
  const read = (blocks: TopBlock[]) => {
    const scope = collectScope(blocks, lines);
    return blocks.map((b) => {
      const properties = bodyProperties(b.entries, { lines, reader, scope, clean: b.clean });
      // Where each entry sits, as the edit builder reads it.
      const items = b.entries.map(({ kind, name, start, end, nameEnd, ...a }) => ({ kind, name, start, end, nameEnd, ...('equals' in a ? { equals: a.equals, valueStart: a.valueStart } : {}) }));
      return { variables: scope.variables, properties, items };
    });
  };
  try {
    return { fast: read(fast), slow: read(slow), blocks: fast, nodes };
  } finally {
    cursor.delete();
  }
}

test('every expression, attribute and block shape reads the same from the text as from the tree', async () => {
  let compared = 0;
  for (const expr of EXPRESSIONS) {
    for (const [i, attribute] of ATTRIBUTE_SHAPES.entries()) {
      const text = fileFor(expr, attribute, BLOCK_SHAPES[i % BLOCK_SHAPES.length]);
      const tree = await parse(text);
      try {
        if (tree.rootNode.hasError) continue; // only a file without errors takes the fast path
        const { fast, slow } = readBoth(tree, text);
        assert.deepEqual(fast, slow, `${JSON.stringify(expr)} as ${attribute}`);
        compared++;
      } finally {
        tree.delete();
      }
    }
  }
  for (const block of BLOCK_SHAPES) {
    const text = fileFor('var.tls', 'a = E', block);
    const tree = await parse(text);
    const { fast, slow } = readBoth(tree, text);
    assert.deepEqual(fast, slow, block);
    tree.delete();
  }
  // Nearly all of the corpus is valid HCL: the comparison must not pass by skipping it.
  assert.ok(compared > EXPRESSIONS.length * ATTRIBUTE_SHAPES.length * 0.85, `compared ${compared}`);
});

test('block headers read from the text agree with the tree, and unusual ones are left to it', async () => {
  const headers = [
    'resource "aws_elasticache_cluster" "c" {}', 'resource  "a"\t"b"{}', 'locals {}', 'locals{}', 'variable "v" {}', 'variable v {}',
    'resource "a" /* c */ "b" {}', 'resource "a\\"x" "b" {}', 'resource "a"\n"b" {}', 'data "x" "y" {}', 'resource-x "a" {}',
  ];
  let plain = 0;
  for (const h of headers) {
    const tree = await parse(h + '\n');
    const node = tree.rootNode.namedChildren[0].namedChildren[0];
    const header = blockHeader(h, 0);
    if (header) {
      plain++;
      const b = blockParts(node);
      assert.equal(header.type, b.type, h);
      assert.deepEqual(header.labels, b.labels.map((l) => ({ value: labelText(l), start: l.startIndex, end: l.endIndex })), h);
      assert.equal(header.open, b.start!.startIndex, h);
    }
    tree.delete();
  }
  assert.equal(plain, 7);
});

test('the text decides the common shapes, so the fast path is really taken', () => {
  assert.deepEqual(tokenValue('aws_security_group.cache.id'), { kind: 'traversal', root: 'aws_security_group', steps: [{ attr: 'cache' }, { attr: 'id' }] });
  assert.deepEqual(tokenValue('"cache.r7g.large"'), { kind: 'literal', value: 'cache.r7g.large' });
  assert.deepEqual(tokenValue('"shard-${var.env}"'), { kind: 'computed' });
  assert.deepEqual(tokenValue('merge(local.tags, {})'), { kind: 'computed' });
  assert.deepEqual(tokenValue('6379'), { kind: 'literal', value: 6379 });
  // A condition is left to the tree, which reads a simple one as a choice (issue 7).
  assert.equal(tokenValue('local.is_prod ? 2 : 1'), undefined);
  assert.deepEqual(tokenValue('var.environment == "prod"'), { kind: 'computed' });
  for (const undecided of ['-1', '"$${x}"', 'a-b.c', 'null.x', 'aws_x.y[*].id', 'a.b /* c */ + 1', '<<EOT\nx\nEOT', '0x1F']) {
    assert.equal(tokenValue(undecided), undefined, undecided);
  }
  assert.deepEqual(tokenCollection('[aws_security_group.a.id, "sg-1"]')?.kind, 'tuple');
  assert.deepEqual(tokenCollection('{\n  team = "x"\n  "cost centre" = 7\n}'), {
    kind: 'object',
    entries: [
      { name: 'team', key: { start: 4, end: 8 }, value: { start: 11, end: 14, token: { kind: 'literal', value: 'x' } } },
      { name: 'cost centre', key: { start: 17, end: 30 }, value: { start: 33, end: 34, token: { kind: 'literal', value: 7 } } },
    ],
  });
  for (const undecided of ['[1][0]', '[a] == [b]', '[1 /* c */]', '[[1]]', '{ for = 1 }', '[for x in y : x]']) {
    assert.equal(tokenCollection(undecided), undefined, undecided);
  }
});
