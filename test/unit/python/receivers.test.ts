/** Receiver resolution: only expressions that provably hold a redis-py / valkey-py client produce call sites. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython, sites } from './support';

test('receivers: imports and constructions that make a client', async () => {
  const src = `
import redis as rds
import redis.asyncio as aioredis
from redis import Redis, StrictRedis, from_url
from redis.cluster import RedisCluster
from redis.asyncio.cluster import RedisCluster as AsyncCluster
from rediscluster import RedisCluster as LegacyCluster
import valkey
from valkey import Valkey
from valkey.cluster import ValkeyCluster

a = rds.Redis()
b = Redis.from_url("rediss://h:6379")
c = StrictRedis(connection_pool=rds.ConnectionPool(host="h"))
d = from_url("redis://h")
e = RedisCluster(host="h")
f = RedisCluster.from_url("rediss://cfg")
g = aioredis.from_url("redis://h")
h = AsyncCluster(host="h")
i = LegacyCluster(startup_nodes=[])
j = valkey.Valkey()
k = Valkey.from_url("valkeys://h")
l = ValkeyCluster(host="h")
m = rds.StrictRedis()
for x in (a, b, c, d, e, f, g, h, i, j, k, l, m):
    pass
a.get("a"); b.get("b"); c.get("c"); d.get("d"); e.get("e"); f.get("f"); g.get("g")
h.get("h"); i.get("i"); j.get("j"); k.get("k"); l.get("l"); m.get("m")
`.slice(1);
  assert.deepEqual(await sites(src), [
    '26 GET [lit:a]', '26 GET [lit:b]', '26 GET [lit:c]', '26 GET [lit:d]', '26 GET [lit:e] cluster', '26 GET [lit:f] cluster', '26 GET [lit:g]',
    '27 GET [lit:h] cluster', '27 GET [lit:i] cluster', '27 GET [lit:j] valkey-py', '27 GET [lit:k] valkey-py',
    '27 GET [lit:l] cluster valkey-py', '27 GET [lit:m]',
  ]);
});

test('receivers: attributes, parameters, with, factories', async () => {
  const src = `
from typing import Optional
import redis
from redis.cluster import RedisCluster

class Cache:
    shared = redis.Redis()
    declared: redis.Redis

    def __init__(self, url):
        self.r = redis.from_url(url)

    @property
    def conn(self):
        return self.r

    def client(self) -> redis.Redis:
        return self.declared

    def read(self, k):
        self.r.get(k)
        self.conn.get(k)
        self.shared.get(k)
        self.declared.get(k)
        self.client().get(k)
        Cache.shared.get(k)

def get_redis():
    return redis.Redis()

def uses(r: "redis.Redis", rc: RedisCluster, o: Optional[redis.Redis], u: redis.Redis | None, cache: "Cache"):
    r.get("p1")
    rc.get("p2")
    o.get("p3")
    u.get("p4")
    cache.r.get("p5")
    get_redis().get("f1")
    c = get_redis()
    c.get("f2")
    with redis.Redis() as w:
        w.get("w1")
    if (z := redis.Redis()):
        z.get("z1")
`.slice(1);
  assert.deepEqual(await sites(src), [
    '20 GET [?:k]', '21 GET [?:k]', '22 GET [?:k]', '23 GET [?:k]', '24 GET [?:k]', '25 GET [?:k]',
    '31 GET [lit:p1]', '32 GET [lit:p2] cluster', '33 GET [lit:p3]', '34 GET [lit:p4]', '35 GET [lit:p5]',
    '36 GET [lit:f1]', '38 GET [lit:f2]', '40 GET [lit:w1]', '42 GET [lit:z1]',
  ]);
});

test('receivers: module globals through global-cached getters and closures', async () => {
  const src = `
import redis
_client = None

def get_client():
    global _client
    if _client is None:
        _client = redis.Redis()
    return _client

def handler():
    get_client().keys()
    r = redis.Redis()
    def inner():
        r.get("inner")
    return lambda: r.get("lambda")
`.slice(1);
  const { model } = await parsePython(src, 'svc/app.py');
  assert.deepEqual(model.calls.map((c) => `${c.command} ${c.scopeId} ${c.client.receiverText}`), [
    'KEYS svc/app.py:handler:10 get_client()',
    'GET svc/app.py:handler.<locals>.inner:13 r',
    'GET svc/app.py:handler.<locals>.<lambda>:15:12 r',
  ]);
});

test('not a Redis client: dicts, os.environ, other caches, shadowed names, unrelated imports', async () => {
  const src = `
import os
import redis
from mylib import Redis
from cachetools import TTLCache
from django.core.cache import cache

r = redis.Redis()
d = {"a": 1}
d.keys()
os.environ.keys()
{"x": 1}.keys()
TTLCache(10, 10).set("a", 1)
cache.set("k", 1)
cache.keys("*")
fake = Redis()
fake.set("k", 1)

def param_shadows(r):
    r.keys()

def local_shadows():
    r = {}
    r.keys()

def loop_shadows(items):
    for r in items:
        r.set("x", 1)

def reassigned():
    c = redis.Redis()
    c = make_something_else()
    c.set("x", 1)

class Store:
    def __init__(self):
        self.r = {}
    def read(self):
        return self.r.keys()

r.pipeline().execute()
r.lock("l")
r.pubsub()
`.slice(1);
  assert.deepEqual(await sites(src), []);
});

test('receivers: base classes of this file, django-redis and Flask-Redis', async () => {
  const src = `
import redis
from django_redis import get_redis_connection
from flask_redis import FlaskRedis

class Base:
    def __init__(self):
        self.r = redis.Redis()

class Child(Base):
    def load(self):
        return self.r.get("child")

store = FlaskRedis(app)
store.set("flask", 1)
def view(request):
    conn = get_redis_connection("default")
    conn.keys("*")
`.slice(1);
  const { model } = await parsePython(src);
  assert.deepEqual(model.calls.map((c) => `${c.command} ${c.client.receiverText}`), ['GET self.r', 'SET store', 'KEYS conn']);
  // Asking django-redis for its shared connection builds nothing.
  assert.deepEqual(model.clients.map((c) => c.client.receiverText), ['self.r', 'store']);
});

test('receivers: chained assignment, lambdas, and a loop target that shadows only inside its body', async () => {
  const src = `
import redis
a = b = redis.Redis()
make = lambda: redis.Redis()
A = B = "k"
a.get(B)
b.get(A)
make().get("lambda")
r = redis.Redis()
for r in r.scan_iter("x"):
    r.get("shadowed")
`.slice(1);
  assert.deepEqual(await sites(src), ['5 GET [lit:k]', '6 GET [lit:k]', '7 GET [lit:lambda]', '9 SCAN []']);
});

test('receivers: a module imported twice, or optionally, still resolves', async () => {
  const src = `
try:
    import redis
except ImportError:
    redis = None
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import redis

def client():
    return redis.Redis()

def use():
    client().incr("hits")
`.slice(1);
  assert.deepEqual(await sites(src), ['13 INCR [lit:hits] ttl=none']);
});
