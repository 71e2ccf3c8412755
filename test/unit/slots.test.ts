import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc16, keySlot } from '../../server/src/rules/code/slots';
import { hashedPart, literalHashTag } from '../../server/src/model/hash-tag';
import { slotVerdict } from '../../server/src/rules/code/multi-key';
import { commonTag } from '../../server/src/rules/code/hash-tag-fix';
import type { KeyArg } from '../../server/src/model/code';

const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const lit = (value: string): KeyArg => ({ kind: 'literal', value, text: JSON.stringify(value), range: r });
const tpl = (text: string, extra: Partial<Extract<KeyArg, { kind: 'template' }>> = {}): KeyArg => ({ kind: 'template', text, literalPrefix: '', range: r, ...extra });

test('CRC16/XMODEM check value', () => {
  assert.equal(crc16('123456789'), 0x31c3);
  assert.equal(crc16(''), 0);
});

test('key slots match the Redis cluster specification examples', () => {
  // The slots `CLUSTER KEYSLOT` returns for these keys (Redis cluster tutorial): foo=12182, bar=5061, hello=866.
  assert.equal(keySlot('foo'), 12182);
  assert.equal(keySlot('bar'), 5061);
  assert.equal(keySlot('hello'), 866);
  assert.equal(keySlot('{user1000}.following'), keySlot('{user1000}.followers'));
  assert.equal(keySlot('{user1000}.following'), keySlot('user1000'));
});

test('hash tag extraction follows the first {…} with content', () => {
  assert.equal(hashedPart('foo{bar}{zap}'), 'bar');
  assert.equal(hashedPart('foo{}{bar}'), 'foo{}{bar}');
  assert.equal(hashedPart('foo{{bar}}zap'), '{bar');
  assert.equal(hashedPart('foo{bar'), 'foo{bar');
  assert.equal(hashedPart('plain'), 'plain');
  assert.equal(literalHashTag(['user:', ':{x}']), 'x');
  assert.equal(literalHashTag(['{user:', '}:cart']), undefined, 'a tag spanning an interpolation is not literal');
  assert.equal(literalHashTag(['{}', '{a}']), undefined, 'an empty first tag means the whole key is hashed');
});

test('slot verdicts', () => {
  assert.equal(slotVerdict([lit('user:1'), lit('user:2')]).kind, 'different');
  assert.equal(slotVerdict([lit('{u1}:a'), lit('{u1}:b')]).kind, 'same');
  assert.equal(slotVerdict([tpl('f"{{u}}:{x}"', { hashTag: 'u' }), lit('{u}:b')]).kind, 'same');
  assert.equal(slotVerdict([tpl('`{user:${id}}:a`', { hashTagText: 'user:${id}' }), tpl('`{user:${id}}:b`', { hashTagText: 'user:${id}' })]).kind, 'same');
  assert.equal(slotVerdict([tpl('`{user:${id}}:a`', { hashTagText: 'user:${id}' }), tpl('`{user:${other}}:b`', { hashTagText: 'user:${other}' })]).kind, 'unproven');
  assert.equal(slotVerdict([lit('a'), { kind: 'unknown', text: 'k', range: r }]).kind, 'unproven');
});

test('the hash tag is the entity id: the last interpolated segment of the common part, else its last segment', () => {
  assert.deepEqual(commonTag([lit('user:42:profile'), lit('user:42:settings')]), { lead: 'user:', tag: '42' });
  assert.deepEqual(commonTag([tpl('`user:${id}:cart`'), tpl('`user:${id}:wishlist`')]), { lead: 'user:', tag: '${id}' });
  assert.deepEqual(commonTag([tpl('f"user:{uid}:cart"'), tpl('f"user:{uid}:seen"')]), { lead: 'user:', tag: '{uid}' });
  assert.deepEqual(commonTag([tpl('f"user:{uid}:cart:a"'), tpl('f"user:{uid}:cart:b"')]), { lead: 'user:', tag: '{uid}' }, 'not the constant `cart` after the id');
  assert.deepEqual(commonTag([tpl('`t:${t}:u:${u}:a`'), tpl('`t:${t}:u:${u}:b`')]), { lead: 't:${t}:u:', tag: '${u}' });
  assert.deepEqual(commonTag([tpl('`${order.id}:a`'), tpl('`${order.id}:b`')]), { lead: '', tag: '${order.id}' }, 'a dot inside a substitution is no delimiter');
  assert.deepEqual(commonTag([lit('checkout:42:totals'), lit('checkout:42:taxes')]), { lead: 'checkout:', tag: '42' });
  assert.equal(commonTag([lit('checkout:totals'), lit('checkout:taxes')]), undefined, 'a shared namespace would put every such key in one slot');
  assert.equal(commonTag([tpl('f"cart:{a}"'), tpl('f"cart:{b}"')]), undefined);
  assert.equal(commonTag([lit('alpha'), lit('beta')]), undefined);
  assert.equal(commonTag([lit('user:4:a'), lit('user:42:b')]), undefined);
  assert.equal(commonTag([lit('a:b'), { kind: 'unknown', text: 'k', range: r }]), undefined);
});
