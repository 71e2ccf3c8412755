/**
 * Minified and generated files: recognised by name, banner, bundler preamble, source-map trailer or line shape,
 * with the exact reason shown to the user; hand-written files with long data lines, a quoted banner or a
 * source-map comment in the wrong place are left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { generatedReason } from '../../server/src/engine/generated';

/** A realistic hand-written module (ioredis cache helpers), about 2 KB; 1 KB minified. */
const HANDWRITTEN = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

export interface Session { id: string; userId: string; expiresAt: number }

/** Sessions live one hour; the cart a day. */
const SESSION_TTL = 3600;
const CART_TTL = 86400;

export async function saveSession(session: Session): Promise<void> {
  await redis.set(\`session:\${session.id}\`, JSON.stringify(session), 'EX', SESSION_TTL);
}

export async function loadSession(id: string): Promise<Session | undefined> {
  const raw = await redis.get(\`session:\${id}\`);
  return raw ? (JSON.parse(raw) as Session) : undefined;
}

export async function addToCart(userId: string, sku: string, quantity: number): Promise<void> {
  const key = \`cart:{\${userId}}\`;
  await redis.multi().hincrby(key, sku, quantity).expire(key, CART_TTL).exec();
}

export async function cartTotal(userId: string, prices: Map<string, number>): Promise<number> {
  const items = await redis.hgetall(\`cart:{\${userId}}\`);
  let total = 0;
  for (const [sku, quantity] of Object.entries(items)) total += (prices.get(sku) ?? 0) * Number(quantity);
  return total;
}

export async function clearCarts(userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const keys = userIds.map((u) => \`cart:{\${u}}\`);
  let removed = 0;
  for (const key of keys) removed += await redis.del(key);
  return removed;
}

export function retryDelay(attempt: number): number {
  const base = Math.min(2000, 50 * 2 ** attempt);
  return base + Math.floor(Math.random() * base * 0.2);
}

export async function withLock<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  const token = Math.random().toString(36).slice(2);
  const ok = await redis.set(\`lock:\${name}\`, token, 'PX', 30_000, 'NX');
  if (ok !== 'OK') return undefined;
  try {
    return await work();
  } finally {
    const current = await redis.get(\`lock:\${name}\`);
    if (current === token) await redis.del(\`lock:\${name}\`);
  }
}
`;

const minify = (code: string) => transformSync(code, { loader: 'ts', minify: true }).code;
const longestLine = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

test('ordinary hand-written sources are not generated', () => {
  assert.equal(generatedReason('src/cache.ts', HANDWRITTEN), undefined);
  assert.equal(generatedReason('src/cache.js', HANDWRITTEN), undefined);
  assert.equal(generatedReason('app/admin.js', HANDWRITTEN), undefined);
  assert.equal(generatedReason('app/minimal.py', 'import redis\n\nr = redis.Redis()\n'), undefined);
  assert.equal(generatedReason('empty.js', ''), undefined);
});

test('esbuild-minified code: one long line, or nearly all text on wide lines', () => {
  // Copies with their names renumbered: six make the minified line pass 5,000 characters, three stay under it.
  const copy = (i: number) => HANDWRITTEN.replace(/\b(redis|SESSION_TTL|CART_TTL|Session|saveSession|loadSession|addToCart|cartTotal|clearCarts|retryDelay|withLock)\b/g, `$1${i}`);
  const copies = (n: number) => minify(Array.from({ length: n }, (_, i) => (i === 0 ? copy(i) : copy(i).replace(/^import.*$/m, ''))).join('\n'));
  const big = copies(6);
  const length = longestLine(big);
  assert.ok(length > 5000, `${length}`);
  assert.equal(generatedReason('dist/app.js', big), `minified: a ${length.toLocaleString('en-US')}-character line`);
  const small = copies(3);
  assert.ok(longestLine(small) < 5000 && small.length > 2000, `${small.length}`);
  assert.match(generatedReason('dist/cache.js', small)!, /^minified: (9\d|100)% of the text is on lines of 300\+ characters$/);
  // Closure Compiler wraps its output at about 500 characters.
  const wrapped = big.match(/[^]{1,500}/g)!.join('\n');
  assert.match(generatedReason('dist/app.js', wrapped)!, /^minified: 9\d% of the text is on lines of 300\+ characters$/);
});

test('names that say minified or generated', () => {
  assert.equal(generatedReason('public/vendor/jquery-3.7.1.min.js', 'x'), 'minified: the file name says so (jquery-3.7.1.min.js)');
  assert.equal(generatedReason('C:\\app\\static\\app.min.mjs', 'x'), 'minified: the file name says so (app.min.mjs)');
  assert.equal(generatedReason('api/cache_pb2.py', 'x'), 'generated: a protocol buffer module (cache_pb2.py)');
  assert.equal(generatedReason('api/cache_pb2_grpc.py', 'x'), 'generated: a protocol buffer module (cache_pb2_grpc.py)');
});

test('generator banners at the top of the file, quoted in the reason', () => {
  const CASES: [string, string, string][] = [
    ['gen/cache.ts', `// Code generated by protoc-gen-ts_proto. DO NOT EDIT.\n// versions:\n//   protoc v4.25.1\nimport * as _m0 from "protobufjs/minimal";\n`,
      'generated: “Code generated by protoc-gen-ts_proto. DO NOT EDIT.”'],
    ['api/cache_types.py', `# -*- coding: utf-8 -*-\n# Generated by the protocol buffer compiler.  DO NOT EDIT!\n# source: cache.proto\n"""Generated protocol buffer code."""\nfrom google.protobuf import descriptor as _descriptor\n`,
      'generated: “Generated by the protocol buffer compiler.  DO NOT EDIT!”'],
    ['src/__generated__/Query.graphql.ts', `/**\n * @generated SignedSource<<3d2f7c1b9e>>\n * @lightSyntaxTransform\n */\n\n/* tslint:disable */\nexport type Query = {};\n`,
      'generated: “@generated SignedSource<<3d2f7c1b9e>>”'],
    ['gen/cache/ttypes.py', `#\n# Autogenerated by Thrift Compiler (0.16.0)\n#\n# DO NOT EDIT UNLESS YOU ARE SURE THAT YOU KNOW WHAT YOU ARE DOING\n#\n#  options string: py\n#\n\nfrom thrift.Thrift import TType\n`,
      'generated: “Autogenerated by Thrift Compiler (0.16.0)”'],
    ['src/client/api.ts', `#!/usr/bin/env node\n'use strict';\n/* eslint-disable */\n/**\n * This file was automatically generated by openapi-typescript.\n * Do not make direct changes to the file.\n * Do not edit the class manually.\n */\nexport interface paths {}\n`,
      'generated: “This file was automatically generated by openapi-typescript.”'],
  ];
  for (const [path, text, reason] of CASES) assert.equal(generatedReason(path, text), reason, path);
});

test('hand-written files that talk about generated code are not generated', () => {
  const CASES: [string, string][] = [
    // The header is about other files.
    ['src/cache/client.ts', `// Wraps the client in gen/, which is generated by protoc. Do not edit gen/ by hand.\nimport { CacheClient } from './gen/cache';\n`],
    // A banner quoted further down, after code.
    ['tools/codegen.ts', `import { writeFileSync } from 'node:fs';\n\n// Every file we write starts with:\n// Code generated by cachegen. DO NOT EDIT.\nexport const BANNER = '// Code generated by cachegen. DO NOT EDIT.';\n`],
    // The marker as a word in a sentence, not as the first word of a header.
    ['tools/relay.ts', `// Files we emit carry the @generated marker so reviewers skip them.\nexport const MARK = '@generated';\n`],
    // A generated-sounding header without the do-not-edit warning.
    ['app/migrations/0002_cache.py', `# Generated by Django 4.2.1 on 2023-05-01 12:00\n\nfrom django.db import migrations\n`],
    // A hand-written file that mentions webpack's runtime.
    ['src/public-path.js', `// Sets webpack's public path at run time, before any import is evaluated.\n__webpack_public_path__ = window.__CDN__;\n__webpack_require__.nc = window.__NONCE__;\n`],
  ];
  for (const [path, text] of CASES) assert.equal(generatedReason(path, text), undefined, path);
});

test('bundler preambles and compiler helpers', () => {
  const CASES: [string, string, string][] = [
    ['dist/main.js', `/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({\n\n/***/ "./src/index.js":\n/***/ ((module) => {\n\nmodule.exports = 1;\n\n/***/ })\n/******/ \t});\n`, 'generated: a webpack bundle'],
    ['dist/main.js', `/*! For license information please see main.js.LICENSE.txt */\n(()=>{"use strict";var e={};})();\n`, 'generated: a webpack bundle'],
    ['dist/index.umd.js', `(function (global, factory) {\n  typeof exports === 'object' && typeof module !== 'undefined' ? factory(exports) :\n  typeof define === 'function' && define.amd ? define(['exports'], factory) :\n  (global = typeof globalThis !== 'undefined' ? globalThis : global || self, factory(global.cache = {}));\n})(this, (function (exports) { 'use strict';\n`, 'generated: a Rollup bundle'],
    ['dist/index.cjs', `'use strict';\n\nvar Redis = require('ioredis');\n\nfunction _interopDefaultLegacy (e) { return e && typeof e === 'object' && 'default' in e ? e : { 'default': e }; }\n`, 'generated: a Rollup bundle'],
    ['dist/index.js', `var $parcel$global = globalThis;\nfunction $parcel$interopDefault(a) {\n  return a && a.__esModule ? a.default : a;\n}\n`, 'generated: a Parcel bundle'],
    ['dist/bundle.js', `(function(){function r(e,n,t){function o(i,f){if(!n[i]){if(!e[i]){var c="function"==typeof require&&require;if(!f&&c)return c(i,!0);}}}}})()\n`, 'generated: a Browserify bundle'],
    ['lib/cache.js', `"use strict";\nvar __importDefault = (this && this.__importDefault) || function (mod) {\n    return (mod && mod.__esModule) ? mod : { "default": mod };\n};\n`, 'generated: TypeScript compiler output'],
    ['dist/cache.cjs', transformSync(HANDWRITTEN, { loader: 'ts', format: 'cjs' }).code, 'generated: esbuild output'],
  ];
  for (const [path, text, reason] of CASES) assert.equal(generatedReason(path, text), reason, `${path}: ${text.slice(0, 40)}`);
});

test('a sourceMappingURL trailer marks compiled JavaScript, not a TypeScript source or a string', () => {
  const compiled = `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.ttl = ttl;\nfunction ttl() { return 3600; }\n//# sourceMappingURL=ttl.js.map\n\n`;
  assert.equal(generatedReason('lib/ttl.js', compiled), 'generated: compiled output (it ends with a sourceMappingURL comment)');
  assert.equal(generatedReason('lib/ttl.js', compiled.replace('//#', '//@')), 'generated: compiled output (it ends with a sourceMappingURL comment)');
  // A TypeScript source is what maps lead back to; a trailing map comment there does not make it compiled output.
  assert.equal(generatedReason('src/ttl.ts', `export function ttl() { return 3600; }\n//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==\n`), undefined);
  // A build plugin writes the trailer in a template literal; and a trailer not on the last line is not one.
  assert.equal(generatedReason('plugins/maps.js', 'export const withMap = (code, url) => `${code}\n//# sourceMappingURL=${url}`;\n'), undefined);
  assert.equal(generatedReason('plugins/maps.js', `//# sourceMappingURL=old.js.map\n${HANDWRITTEN}`), undefined);
});

test('hand-written files with one long line of data are not minified', () => {
  const base64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg'.repeat(400);
  const url = `https://example.com/report?${Array.from({ length: 400 }, (_, i) => `field${i}=value${i}`).join('&')}`;
  const table = `[${Array.from({ length: 800 }, (_, i) => `{"id":${i},"sku":"SKU-${i}","price":${(i * 1.5).toFixed(2)}}`).join(',')}]`;
  const emoji = `/${Array.from({ length: 900 }, (_, i) => `\\u{1F${(0x300 + i).toString(16)}}`).join('|')}|(?:\\uD83C[\\uDDE6-\\uDDFF]){2}/u`;
  const markup = `<table class="report">${Array.from({ length: 200 }, (_, i) => `<tr><td class="k">key ${i}</td><td>value ${i}</td></tr>`).join('')}</table>`;
  const CASES: [string, string][] = [
    ['src/logo.ts', `${HANDWRITTEN}\nexport const LOGO = 'data:image/png;base64,${base64}';\n`],
    ['src/report.js', `${HANDWRITTEN}\nexport const REPORT_URL = '${url}';\n`],
    ['src/prices.ts', `export const PRICES = ${table};\n${HANDWRITTEN}`],
    ['src/emoji.js', `export const EMOJI = ${emoji};\n${HANDWRITTEN}`],
    ['src/mail.ts', `export const TEMPLATE = '${markup}';\n${HANDWRITTEN}`],
    ['app/crc.py', `import redis\n\nTABLE = [${Array.from({ length: 2000 }, (_, i) => (i * 4129) & 0xffff).join(', ')}]\n\nr = redis.Redis()\n`],
  ];
  for (const [path, text] of CASES) {
    assert.ok(longestLine(text) > 5000, `${path}: ${longestLine(text)}`);
    assert.equal(generatedReason(path, text), undefined, path);
  }
  // A small module that is one data line and little else: data, not minified code.
  assert.equal(generatedReason('src/prices.js', `export default ${table};\n`), undefined);
});

test('large and pathological inputs finish', () => {
  const started = Date.now();
  const huge = 'a'.repeat(4_000_000);
  assert.equal(generatedReason('a.js', huge), undefined);
  assert.equal(generatedReason('a.js', `//# sourceMappingURL=${'x'.repeat(3_000_000)}'`), undefined);
  assert.equal(generatedReason('a.js', `x\n${' '.repeat(3_000_000)}`), undefined);
  assert.equal(generatedReason('a.js', '\n'.repeat(3_000_000)), undefined);
  assert.equal(generatedReason('a.js', '/*'.repeat(1_000_000)), undefined);
  // Generous: each is one linear pass; a backtracking pattern would take minutes.
  assert.ok(Date.now() - started < 20_000);
});
