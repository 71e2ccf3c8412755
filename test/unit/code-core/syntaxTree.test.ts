/**
 * The plain copy of a tree-sitter tree answers every question the extractors ask exactly as web-tree-sitter's own
 * nodes do: by the fast walk over the runtime's exports, by the public cursor API, and for a tree with errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { Grammars, wasmExports, type GrammarName } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { SyntaxTree, type SyntaxNode } from '../../../server/src/formats/code/core/syntaxTree';

const PYTHON = `import os
import redis

r = redis.Redis.from_url(os.environ["CACHE_URL"])


class Carts:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    @property
    def size(self):
        return self.client.dbsize()

    def add(self, user_id: str, sku: str, qty: int = 1) -> None:
        key = f"cart:{{{user_id}}}:items"
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hincrby(key, sku, qty)
            pipe.expire(key, 3600)
            pipe.execute()
        r.set("greeting\\x41\\n" "more", b"\\x00", ex=None)
        totals = [r.get(f"price:{s}") for s in (sku,) if s]
        return (await_ := totals) and -1
`;

const TYPESCRIPT = `import Redis from 'ioredis';
import { createClient } from 'redis';

const redis = new Redis(process.env.REDIS_URL!);
const client = createClient({ url: 'rediss://cache:6380' });

export class SessionStore {
  constructor(private readonly cache: Redis = redis) {}

  async save(id: string, body: Record<string, unknown>): Promise<void> {
    await this.cache.set(\`session:\${id}\`, JSON.stringify(body), 'EX', 1800);
    const pipe = this.cache.multi().incr('sessions:count').expire('sessions:count', 60);
    for (const k of await this.cache.keys('session:*')) await (client as any).del(k);
    await pipe.exec();
  }
}
`;

const BROKEN_PYTHON = 'def f(:\n  x = r.get("a"\n  if x\n    return "\\x41{" f"{a}b\\n"\n';
const BROKEN_TYPESCRIPT = 'function f( { const x = await r.get(`a${b}`;\n class { \n';

let grammars: Grammars | undefined;
async function parser(name: GrammarName) {
  grammars ??= new Grammars(nodeGrammarSource());
  await grammars.ensure(name);
  return grammars.parser(name);
}

const FIELDS = ['function', 'arguments', 'object', 'attribute', 'property', 'left', 'right', 'name', 'body', 'value', 'type', 'operator', 'alias', 'parameters'];

/** Every node, field and lookup of the copy against the tree it was copied from. */
function assertSame(real: Node, copy: SyntaxNode, root: Node, copyRoot: SyntaxNode, where = 'root'): void {
  const facts = (n: Node | SyntaxNode) => [n.type, n.isNamed, n.startIndex, n.endIndex, n.hasError, n.childCount, n.namedChildCount,
    n.startPosition.row, n.startPosition.column, n.endPosition.row, n.endPosition.column, n.text];
  assert.deepEqual(facts(copy), facts(real), where);
  for (const f of FIELDS) {
    const a = real.childForFieldName(f), b = copy.childForFieldName(f);
    assert.deepEqual(b && [b.type, b.startIndex], a && [a.type, a.startIndex], `${where} field ${f}`);
  }
  assert.deepEqual(copy.childrenForFieldName('name').map((c) => c.startIndex), real.childrenForFieldName('name').map((c) => c!.startIndex), `${where} names`);
  const found = copyRoot.descendantForIndex(copy.startIndex, copy.endIndex), expected = root.descendantForIndex(real.startIndex, real.endIndex)!;
  assert.deepEqual([found.type, found.startIndex, found.endIndex], [expected.type, expected.startIndex, expected.endIndex], `${where} descendantForIndex`);
  for (let i = 0; i < real.childCount; i++) {
    assert.equal(copy.children[i].fieldName, real.fieldNameForChild(i), `${where}/${i} field name`);
    assert.equal(copy.children[i].parent, copy, `${where}/${i} parent`);
    assertSame(real.child(i)!, copy.children[i], root, copyRoot, `${where}/${i}`);
  }
}

for (const [name, grammar, source] of [
  ['Python', 'python', PYTHON], ['TypeScript', 'typescript', TYPESCRIPT],
  ['Python with syntax errors', 'python', BROKEN_PYTHON], ['TypeScript with syntax errors', 'typescript', BROKEN_TYPESCRIPT],
] as const) {
  test(`syntax tree copy: ${name}, by the fast walk and by the public API, is the tree`, async () => {
    const tree = (await parser(grammar)).parse(source)!;
    try {
      assert.ok(wasmExports(), 'the runtime exports the cursor functions the fast walk uses');
      for (const runtime of [wasmExports(), undefined]) {
        const copy = new SyntaxTree(source, tree, runtime);
        assertSame(tree.rootNode, copy.rootNode, tree.rootNode, copy.rootNode);
        // The same object for the same node, however it is reached.
        const first = copy.rootNode.namedChildren[0];
        assert.equal(copy.rootNode.child(0)?.equals(first) || copy.rootNode.children.includes(first), true);
        assert.equal(first.parent, copy.rootNode);
      }
      // The tree is still usable after the fast walk handed its cursor back.
      assert.equal(tree.rootNode.walk().gotoFirstChild(), true);
    } finally {
      tree.delete();
    }
  });
}

test('syntax tree copy: outermost reaches the marked nodes below, not inside one another, in source order', async () => {
  const tree = (await parser('python')).parse(PYTHON)!;
  try {
    const copy = new SyntaxTree(PYTHON, tree, wasmExports());
    const calls = copy.rootNode.tree.symbolTable(isCall);
    const outer = copy.rootNode.outermost(calls).map((c) => c.text.split('(')[0]);
    assert.deepEqual(outer, ['redis.Redis.from_url', 'self.client.dbsize', 'self.client.pipeline', 'pipe.hincrby', 'pipe.expire', 'pipe.execute', 'r.set', 'r.get']);
    // `descendantsOfType` finds the nested ones too (the `os.environ[…]` inside `from_url(…)` is a subscript, not a call).
    assert.equal(copy.rootNode.descendantsOfType('call').length, 8);
  } finally {
    tree.delete();
  }
});

function isCall(type: string): boolean {
  return type === 'call';
}
