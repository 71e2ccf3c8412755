/**
 * Clients reached through a subclass of this file (`self`, `cls`, `super()`) and pipelines known only from a
 * parameter's annotation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython, sites } from './support';

test('subclass of a client: self and super() are the client', async () => {
  const src = `
import redis

class RedisWrapper(redis.Redis):
    def get_keys(self, key):
        return self.keys(key)

    def set_value(self, key, val):
        self.set(key, val)

    def lpush(self, key, value):
        super().lpush(key, value)
        super(RedisWrapper, self).hset(key, "a", 1)

    def batch(self):
        pipe = self.pipeline()
        pipe.set("p", 1)
        pipe.execute()
`.slice(1);
  const { model } = await parsePython(src);
  assert.deepEqual(model.calls.map((c) => `${c.calleeRange.start.line + 1} ${c.command} ${c.client.receiverText}`), [
    '5 KEYS self', '8 SET self', '11 LPUSH super()', '12 HSET super(RedisWrapper, self)', '16 SET pipe',
  ]);
  assert.deepEqual(await sites(src), [
    '5 KEYS []', '8 SET [?:key] ttl=none', '11 LPUSH [?:key] ttl=none', '12 HSET [?:key] ttl=none',
    '16 SET [lit:p] ttl=none batch=tx',
  ]);
});

test('subclass of a client: a method the subclass defines is not the command, but super()\'s is', async () => {
  const src = `
import redis

class Prefixed(redis.Redis):
    prefix = "app:"
    get = None

    def keys(self, pattern="*"):
        return super().keys(self.prefix + pattern)

    def set(self, name, value, ex=None):
        return super(Prefixed, self).set(self.prefix + name, value, ex=ex)

    def clear(self):
        for k in self.keys():
            self.delete(k)
        self.set("a", 1)
        self.get("a")

class Deeper(Prefixed):
    def run(self):
        self.keys("x")
        self.incr("n")
        super().keys("y")
        super().incr("m")

w = Prefixed()
w.keys("*")
w.set("k", 1)
w.hgetall("h")
`.slice(1);
  assert.deepEqual(await sites(src), [
    // The overrides call the commands through super(); their callers (self.keys, w.set …) call the overrides.
    '8 KEYS []', '11 SET [?:self.prefix + name] ttl=set', '15 DEL [?:k] loop',
    // Deeper inherits Prefixed's overrides, and its super() reaches them first.
    '22 INCR [lit:n] ttl=none', '24 INCR [lit:m] ttl=none',
    '29 HGETALL [lit:h]',
  ]);
});

test('subclass of a client: library and cluster from the base, cls, and subclasses of subclasses', async () => {
  const src = `
import valkey
from redis.cluster import RedisCluster
from redis.asyncio import Redis as AsyncRedis

class Cluster(RedisCluster):
    def scan_all(self):
        return self.keys("*")

class Valkeyish(valkey.Valkey):
    def touch_it(self, k):
        self.expire(k, 60)

    @classmethod
    def build(cls, url):
        client = cls.from_url(url)
        client.set("built", 1, ex=5)
        cls.get("unbound")
        return client

class Leaf(Cluster):
    def go(self):
        self.mget(["a", "b"])
        super().get("leaf")

class Aio(AsyncRedis):
    async def go(self):
        await self.set("x", 1)

def helper():
    Valkeyish.build("valkey://h").get("h")
`.slice(1);
  assert.deepEqual(await sites(src), [
    '7 KEYS [] cluster', '11 EXPIRE [?:k] valkey-py', '16 SET [lit:built] ttl=set valkey-py',
    '22 MGET [lit:a, lit:b] cluster', '23 GET [lit:leaf] cluster', '27 SET [lit:x] ttl=none await',
    '30 GET [lit:h] valkey-py',
  ]);
});

test('subclass of something else: self and super() stay silent', async () => {
  const src = `
import redis
from mylib import Redis as NotRedis

class Store(dict):
    def keys(self):
        return super().keys()
    def save(self, k, v):
        self.set(k, v)
        super().set(k, v)

class Fake(NotRedis):
    def go(self):
        self.keys("*")
        super().set("k", 1)
        super(Fake, self).get("k")

class Pooled(redis.ConnectionPool):
    def go(self):
        self.get("k")
        super().get("k")

class Holder:
    def __init__(self):
        self.r = redis.Redis()
    def go(self):
        self.keys("*")
        super().keys("*")
        self.r.keys("*")

def not_a_method():
    super().keys("*")
`.slice(1);
  assert.deepEqual(await sites(src), ['28 KEYS []']);
});

test('pipeline parameters: redis-py pipeline annotations are batches, one per parameter', async () => {
  const src = `
from typing import Optional
import redis
import redis.asyncio
from redis.client import Pipeline
from redis.cluster import ClusterPipeline
from valkey.client import Pipeline as ValkeyPipeline

def fill(pipeline: Pipeline, p: redis.client.Pipeline, q: 'Pipeline', o: Optional[Pipeline]):
    pipeline.set("a", 1)
    pipeline.expire("a", 10)
    p.incr("b")
    q.get("c")
    o.get("d")

def cluster(pipe: redis.cluster.ClusterPipeline, other: ClusterPipeline, v: ValkeyPipeline):
    pipe.get("e").get("f")
    other.get("g")
    v.get("h")

async def aio(pipe: redis.asyncio.client.Pipeline):
    pipe.get("i")
    await pipe.execute()
`.slice(1);
  const { model } = await parsePython(src);
  assert.deepEqual(model.calls.map((c) => `${c.calleeRange.start.line + 1} ${c.command} ${c.client.library} ${c.client.cluster ? 'cluster' : 'single'} ${c.batch?.id} ${c.batch?.transactional ? 'tx' : 'pipe'}`), [
    '9 SET redis-py single pipeline@8:20 tx',
    '10 EXPIRE redis-py single pipeline@8:20 tx',
    '11 INCR redis-py single pipeline@8:33 tx',
    '12 GET redis-py single pipeline@8:59 tx',
    '13 GET redis-py single pipeline@8:83 tx',
    '16 GET redis-py cluster pipeline@15:19 pipe',
    '16 GET redis-py cluster pipeline@15:19 pipe',
    '17 GET redis-py cluster pipeline@15:57 pipe',
    '18 GET valkey-py single pipeline@15:77 tx',
    '21 GET redis-py single pipeline@20:21 tx',
  ]);
});

test('pipeline annotations: other Pipeline classes, and functions declared to return one', async () => {
  const src = `
import redis
from redis.client import Pipeline
from sklearn.pipeline import Pipeline as SkPipeline
from redis import Pipeline as Guess

def train(p: SkPipeline, g: Guess):
    p.set("a", 1)
    g.set("b", 1)

def make() -> Pipeline:
    return build()

def use():
    make().set("x", 1)
    make().set("y", 1)
    p = make()
    p.set("z", 1)
    p.get("z")
`.slice(1);
  const { model } = await parsePython(src);
  assert.deepEqual(model.calls.map((c) => `${c.calleeRange.start.line + 1} ${c.command} ${c.batch?.id}`), [
    // Each call of make() hands out its own pipeline; a name bound to one keeps it.
    '14 SET pipeline@14:5', '15 SET pipeline@15:5', '17 SET pipeline@16:9', '18 GET pipeline@16:9',
  ]);
});
