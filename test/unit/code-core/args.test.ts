/**
 * The core's reading of neutral arguments (core/args.ts), on arguments built by hand: what is flat, what is a key,
 * what expiry a write states. Every extractor feeds these functions, so their answers are pinned here exactly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallArg, StringSegment } from '../../../server/src/model/code';
import { dynamicHashTag, flatArgs, keyArgOf, keysOf, literalOf, optionsOf, resolveCommand } from '../../../server/src/formats/code/core/args';
import { commandInfo } from '../../../server/src/formats/code/core/commands';

/** Arguments laid out on line 0, one after another: `at` is the start column. */
const range = (at: number, length: number) => ({ start: { line: 0, character: at }, end: { line: 0, character: at + length } });
const str = (value: string, at = 0): CallArg => ({ kind: 'string', segments: [{ kind: 'literal', value }], value, text: `'${value}'`, range: range(at, value.length + 2) });
const num = (value: number, at = 0): CallArg => ({ kind: 'number', value, text: String(value), range: range(at, String(value).length) });
const name = (text: string, at = 0): CallArg => ({ kind: 'unknown', text, range: range(at, text.length) });
const spread = (text: string, at = 0): CallArg => ({ kind: 'spread', text, range: range(at, text.length) });
const word = (w: string, conditional = false): CallArg =>
  (conditional ? { kind: 'keyword', name: w, conditional: true, text: w, range: range(0, w.length) } : { kind: 'keyword', name: w, text: w, range: range(0, w.length) });
const template = (segments: StringSegment[], text: string, at = 0): CallArg => ({ kind: 'string', segments, text, range: range(at, text.length) });
const SET = commandInfo('SET');

describe('flatArgs', () => {
  it('returns a copy of a list without collections', () => {
    const args = [str('k'), str('v')];
    const flat = flatArgs(args);
    assert.deepEqual(flat, args);
    assert.notEqual(flat, args);
  });

  it('spreads lists and mappings in order, a mapping entry as key then value, nested too', () => {
    const a = str('a'), b = str('b'), one = num(1), two = num(2), rest = spread('**extra');
    const map: CallArg = { kind: 'map', entries: [[a, one], rest, [b, two]], text: '{…}', range: range(0, 5) };
    const list: CallArg = { kind: 'list', items: [str('x'), { kind: 'list', items: [str('y')], text: '[y]', range: range(0, 3) }], text: '[…]', range: range(0, 5) };
    assert.deepEqual(flatArgs([list, map]).map(literalOf), ['x', 'y', 'a', '1', undefined, 'b', '2']);
    assert.equal(flatArgs([map])[2], rest);
  });
});

describe('literalOf', () => {
  it('gives the text of strings, numbers and unconditional keywords only', () => {
    assert.deepEqual([str('k'), num(-1), word('EX'), word('NX', true), name('ttl'), spread('...xs'), undefined].map(literalOf),
      ['k', '-1', 'EX', undefined, undefined, undefined, undefined]);
  });
});

describe('dynamicHashTag', () => {
  it('reads a tag that spans an interpolation written in the string', () => {
    // `{user:${id}}:cart`: the tag opens in "{user:", crosses ${id}, closes in "}:cart" → "user:" + "${id}" + "".
    assert.equal(dynamicHashTag([{ kind: 'literal', value: '{user:' }, { kind: 'interpolated', text: '${id}' }, { kind: 'literal', value: '}:cart' }]), 'user:${id}');
  });

  it('gives none for a tag that crosses no interpolation, an operand with no text, or a tag never closed', () => {
    assert.equal(dynamicHashTag([{ kind: 'literal', value: '{user}:' }, { kind: 'interpolated', text: '${id}' }]), undefined);
    assert.equal(dynamicHashTag([{ kind: 'literal', value: '{user:' }, { kind: 'interpolated' }, { kind: 'literal', value: '}' }]), undefined);
    assert.equal(dynamicHashTag([{ kind: 'literal', value: '{user:' }, { kind: 'interpolated', text: '${id}' }]), undefined);
  });
});

describe('keyArgOf', () => {
  it('reads literals, numbers and names', () => {
    assert.deepEqual(keyArgOf(str('session', 4)), { kind: 'literal', value: 'session', text: "'session'", range: range(4, 9) });
    assert.deepEqual(keyArgOf(num(42, 1)), { kind: 'literal', value: '42', text: '42', range: range(1, 2) });
    assert.deepEqual(keyArgOf(name('key', 2)), { kind: 'unknown', text: 'key', range: range(2, 3) });
  });

  it('reads a template: the prefix before the first hole, a literal tag, or a tag across a hole', () => {
    // `cart:{${uid}}:totals` → prefix "cart:{" (all text before the first hole); the constant parts "cart:{" and
    // "}:totals" hold no whole tag; across the hole the tag is "" + "${uid}" + "" = "${uid}".
    const crossing = template([{ kind: 'literal', value: 'cart:{' }, { kind: 'interpolated', text: '${uid}' }, { kind: 'literal', value: '}:totals' }], '`cart:{${uid}}:totals`');
    assert.deepEqual(keyArgOf(crossing), { kind: 'template', text: '`cart:{${uid}}:totals`', literalPrefix: 'cart:{', hashTagText: '${uid}', range: range(0, 22) });
    // `{cart}:` + uid → the tag "cart" is written out in the first constant part.
    const literal = template([{ kind: 'literal', value: '{cart}:' }, { kind: 'interpolated' }], "'{cart}:' + uid");
    assert.deepEqual(keyArgOf(literal), { kind: 'template', text: "'{cart}:' + uid", literalPrefix: '{cart}:', hashTag: 'cart', range: range(0, 15) });
    const plain = template([{ kind: 'literal', value: 'user:' }, { kind: 'interpolated', text: '{uid}' }], 'f"user:{uid}"');
    assert.deepEqual(keyArgOf(plain), { kind: 'template', text: 'f"user:{uid}"', literalPrefix: 'user:', range: range(0, 13) });
  });
});

describe('keysOf', () => {
  it('places keys by the command table', () => {
    assert.deepEqual(keysOf(SET, [str('k'), str('v')]).map((k) => k.text), ["'k'"]);
    // MSET k1 v1 k2 v2: every second argument from the first.
    assert.deepEqual(keysOf(commandInfo('MSET'), [str('k1'), num(1), str('k2'), num(2)]).map((k) => k.text), ["'k1'", "'k2'"]);
    assert.deepEqual(keysOf(undefined, [str('k')]), []);
  });

  it('stops at a spread: the key there is unknown and nothing after it is placed', () => {
    const keys = keysOf(commandInfo('DEL'), [str('a'), spread('...rest', 5), str('b', 14)]);
    assert.deepEqual(keys.map((k) => [k.kind, k.text]), [['literal', "'a'"], ['unknown', '...rest']]);
  });

  it('reads what follows an unknown numkeys as one unknown key spanning it', () => {
    // EVAL script numkeys k…: numkeys is a name, so the keys from index 2 on are one unknown key.
    const keys = keysOf(commandInfo('EVAL'), [str('return 1', 0), name('n', 12), name('k1', 15), name('arg', 19)]);
    assert.deepEqual(keys, [{ kind: 'unknown', text: 'k1, arg', range: { start: { line: 0, character: 15 }, end: { line: 0, character: 22 } } }]);
  });
});

describe('optionsOf', () => {
  const flat = (...args: CallArg[]) => args;
  it('reads the expiry a write states', () => {
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v')), 1), { expiry: 'none' });
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v'), word('EX'), num(10)), 1), { expiry: 'set' });
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v'), str('px'), num(10)), 1), { expiry: 'set' });
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v'), word('KEEPTTL')), 1), { expiry: 'keep' });
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v'), word('NX'), word('EX'), num(5)), 1), { expiry: 'set', nx: true });
  });

  it('is unknown where a value not known stands for an option, or an option is sent on a condition', () => {
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v'), name('opts')), 1), { expiry: 'unknown' });
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v'), spread('...opts')), 1), { expiry: 'unknown' });
    assert.deepEqual(optionsOf(SET, flat(str('k'), str('v'), word('EX', true), name('ttl')), 1), { expiry: 'unknown' });
    // A conditional NX does not count as NX; the value slot (index 1) is fixed, so a name there is the value.
    assert.deepEqual(optionsOf(SET, flat(str('k'), name('v'), word('NX', true)), 1), { expiry: 'none' });
  });

  it('answers SETEX and SETNX by name, and nothing for a read', () => {
    assert.deepEqual(optionsOf(commandInfo('SETEX'), flat(str('k'), num(10), str('v')), 1), { expiry: 'set' });
    assert.deepEqual(optionsOf(commandInfo('SETNX'), flat(str('k'), str('v')), 1), { expiry: 'none', nx: true });
    assert.deepEqual(optionsOf(commandInfo('GET'), flat(str('k')), 1), {});
  });
});

describe('command lookups', () => {
  it('answer every spelling with the one shared entry', () => {
    const set = commandInfo('SET');
    assert.equal(commandInfo('set'), set);
    assert.equal(commandInfo(' set '), set);
    assert.equal(resolveCommand('Set', undefined), set);
    const configGet = commandInfo('CONFIG GET');
    assert.equal(configGet?.name, 'CONFIG GET');
    assert.equal(commandInfo('config', 'get'), configGet);
    assert.equal(commandInfo('CONFIG|GET'), configGet);
    // A subcommand is read only for a container: SET's first argument is not one.
    assert.equal(commandInfo('SET', 'GET'), set);
    assert.equal(commandInfo('CONFIG', 'NOPE'), undefined);
    assert.equal(commandInfo('NOT-A-COMMAND'), undefined);
  });
});
