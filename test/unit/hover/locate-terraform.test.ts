/** The Terraform locator on HCL and Terraform JSON, written and half-written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateTerraform } from '../../../server/src/formats/terraform/locate';
import { outline } from '../../../server/src/formats/terraform/hcl-outline';
import { lineCol, marked } from './support';

function at(src: string, json = false) {
  const { text, offset } = marked(src);
  const s = locateTerraform(text, offset, json);
  return s && { kind: s.kind, type: s.resource?.type, name: s.resource?.name, engine: s.resource?.engine, path: s.path, key: s.key, word: s.word.text, at: lineCol(text, s.word.start), quoted: s.word.quoted, siblings: s.siblings };
}

const MAIN = `resource "aws_elasticache_replication_group" "sessions" {
  engine               = "valkey"
  node_type            = "cache.r7g.large" # 20 GiB of sessions
  description          = <<-EOT
    Sessions } and { braces in a heredoc
  EOT
  tags = { Team = "web" }
  security_group_ids   = [aws_security_group.cache.id]
}

resource "aws_security_group" "cache" {
  ingress {
    from_port   = 6379
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    from_port   = 6379
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}

module "cache" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "~> 1.4"
}
`;
const mark = (find: string, d = 0, text = MAIN) => { const i = text.indexOf(find) + d; return text.slice(0, i) + '|' + text.slice(i); };

test('HCL: the type label, an argument, a value past a heredoc holding braces, a nested block\'s list item', () => {
  assert.deepEqual(at(mark('aws_elasticache_repl', 4)), { kind: 'resourceType', type: 'aws_elasticache_replication_group', name: 'sessions', engine: undefined, path: [], key: 'type', word: 'aws_elasticache_replication_group', at: '1:11', quoted: true, siblings: [] });
  const key = at(mark('node_type', 3))!;
  assert.deepEqual([key.kind, key.key, key.at, key.engine, key.siblings], ['key', 'node_type', '3:3', 'valkey', ['engine', 'description', 'security_group_ids', 'tags']]);
  const value = at(mark('r7g.large', 2))!;
  assert.deepEqual([value.kind, value.key, value.word, value.at, value.quoted], ['value', 'node_type', 'cache.r7g.large', '3:27', true]);
  const ref = at(mark('security_group.cache.id', 4))!;
  assert.deepEqual([ref.kind, ref.key, ref.word, ref.quoted], ['value', 'security_group_ids', 'aws_security_group.cache.id', false]);
  const cidr = at(mark('"0.0.0.0/0"', 3))!;
  assert.deepEqual([cidr.kind, cidr.type, cidr.path, cidr.key, cidr.word], ['value', 'aws_security_group', ['ingress', 1], 'cidr_blocks', '0.0.0.0/0']);
  const block = at(mark('ingress {', 2))!;
  assert.deepEqual([block.kind, block.key, block.path], ['key', 'ingress', []]);
});

test('HCL: a module\'s source', () => {
  const src = at(mark('elasticache/aws', 3))!;
  assert.deepEqual([src.kind, src.name, src.word], ['moduleSource', 'cache', 'terraform-aws-modules/elasticache/aws']);
  // Other arguments of a module block are its inputs (the engine reads them through a known module's table).
  const version = at(mark('~> 1.4', 1))!;
  assert.deepEqual([version.kind, version.key, version.word], ['value', 'version', '~> 1.4']);
});

test('HCL half-written: an unterminated block and string, a half-typed name before the next resource, a blank line, a label', () => {
  const open = at('resource "aws_elasticache_replication_group" "x" {\n  engine    = "valkey"\n  node_type = "cache.r7g.|')!;
  assert.deepEqual([open.kind, open.key, open.word, open.engine], ['value', 'node_type', 'cache.r7g.', 'valkey']);
  // tree-sitter reads `node_` here as the type of a block that swallows the security group; the outline does not.
  const half = at('resource "aws_elasticache_replication_group" "x" {\n  engine = "valkey"\n  node_|\n}\nresource "aws_security_group" "s" {\n  ingress {\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n')!;
  assert.deepEqual([half.kind, half.type, half.key, half.siblings], ['key', 'aws_elasticache_replication_group', 'node_', ['engine']]);
  const blank = at('resource "aws_elasticache_serverless_cache" "s" {\n  engine = "redis"\n  cache_usage_limits {\n    data_storage {\n      |\n    }\n  }\n}\n')!;
  assert.deepEqual([blank.kind, blank.path, blank.key], ['key', ['cache_usage_limits', 0, 'data_storage', 0], '']);
  const label = at('resource "aws_elasti|')!;
  assert.deepEqual([label.kind, label.word, label.quoted], ['resourceType', 'aws_elasti', true]);
  const empty = at('resource "aws_elasticache_replication_group" "x" {\n  transit_encryption_mode = |\n}')!;
  assert.deepEqual([empty.kind, empty.key, empty.word, empty.quoted], ['value', 'transit_encryption_mode', '', false]);
  const quote = at('resource "aws_elasticache_replication_group" "x" {\n  transit_encryption_mode = "|"\n}')!;
  assert.deepEqual([quote.kind, quote.word, quote.quoted], ['value', '', true]);
});

test('the HCL outline: a stray `}` at the top level, comments and interpolations with braces', () => {
  const o = outline('}\n# a { comment\nresource "a" "b" {\n  x = "${var.y}}" // }\n  /* } */ z = 1\n}\nlocals {\n}\n');
  assert.deepEqual(o.blocks.map((b) => b.words), [['resource', 'a', 'b'], ['locals']]);
  assert.deepEqual(o.blocks[0].attrs.map((a) => a.name), ['x', 'z']);
});

test('Terraform JSON: resource bodies as objects or arrays, a type key being typed, a module source', () => {
  const v = at('{"resource": {"aws_elasticache_replication_group": {"x": {"engine": "valkey", "node_type": "cache.r7g.|', true)!;
  assert.deepEqual([v.kind, v.type, v.name, v.engine, v.key, v.word], ['value', 'aws_elasticache_replication_group', 'x', 'valkey', 'node_type', 'cache.r7g.']);
  const type = at('{"resource": {"aws_elasticache_replica|', true)!;
  assert.deepEqual([type.kind, type.word], ['resourceType', 'aws_elasticache_replica']);
  const src = at('{"module": {"c": {"source": "terraform-aws-modules/elasticache/aws|"}}}', true)!;
  assert.deepEqual([src.kind, src.word], ['moduleSource', 'terraform-aws-modules/elasticache/aws']);
  const nested = at('{"resource": [{"aws_security_group": {"s": [{"ingress": [{"cidr_blocks": ["0.0.0.0|/0"]}]}]}}]}', true)!;
  assert.deepEqual([nested.kind, nested.type, nested.path, nested.key, nested.word], ['value', 'aws_security_group', ['ingress', 0], 'cidr_blocks', '0.0.0.0/0']);
  assert.equal(at('{"variable": {"engine": {"default": "val|key"}}}', true), undefined);
});

test('HCL with CRLF line ends and a byte-order mark', () => {
  const v = at('\ufeffresource "aws_elasticache_replication_group" "r" {\r\n  engine = "valkey"\r\n  node_type = "cache.r7g.la|rge"\r\n}\r\n')!;
  assert.deepEqual([v.kind, v.type, v.key, v.word, v.engine], ['value', 'aws_elasticache_replication_group', 'node_type', 'cache.r7g.large', 'valkey']);
});
