/**
 * Python client constructions: connection options with their provenance, opacity, lifetime, the bound name and
 * the link from call sites back to the construction, on modules written the way applications are.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constructions, origins } from './construction-support';
import { parsePython } from './support';

test('pools: a client takes the options of a pool built in this file; a pool it cannot see is opaque', async () => {
  const src = `
import os
import ssl
import redis
from redis import BlockingConnectionPool, ConnectionPool, SSLConnection
from redis.connection import Connection

POOL = BlockingConnectionPool.from_url(os.environ["REDIS_URL"], max_connections=20)
tls_pool = ConnectionPool(connection_class=SSLConnection, host="master.prod.cache.amazonaws.com", ssl_cert_reqs=ssl.CERT_NONE)
plain_pool = ConnectionPool(Connection, host="10.0.0.12", db="4")


class Audited(Connection):
    pass


def handle(event, context):
    r = redis.Redis(connection_pool=POOL)
    return r.get(event["key"])


def audited():
    return redis.Redis(connection_pool=ConnectionPool(connection_class=Audited, host="h"))


def from_param(pool, **overrides):
    a = redis.Redis(connection_pool=pool)
    b = redis.Redis.from_pool(tls_pool)
    c = redis.Redis(host="h", password="pw", **overrides)
    d = redis.Redis.from_pool(plain_pool)
    return a, b, c, d
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '7 POOL shared exported url=env:REDIS_URL',
    '8 tls_pool shared exported host=lit=master.prod.cache.amazonaws.com tls=lit=true verifyCertificate=lit=false',
    '9 plain_pool shared exported host=lit=10.0.0.12 db=lit=4',
    // Built per invocation, but over a module pool: its connections are shared.
    '17 r shared url=env:REDIS_URL',
    // A connection class of this file may do anything: the client and its inline pool are opaque.
    '22 - unknown opaque host=lit=h',
    '22 - unknown opaque host=lit=h',
    '26 a unknown opaque',
    '27 b shared host=lit=master.prod.cache.amazonaws.com tls=lit=true verifyCertificate=lit=false',
    '28 c unknown opaque host=lit=h password=lit=pw',
    '29 d shared host=lit=10.0.0.12 db=lit=4',
  ]);
  const { model } = await parsePython(src);
  // The pool's settings keep the pool's ranges: a fix edits the pool's arguments.
  assert.deepEqual(model.clients[7].options.verifyCertificate!.entryRange, { start: { line: 7, character: 98 }, end: { line: 7, character: 125 } });
  assert.deepEqual(model.clients[7].options.verifyCertificate!.range, { start: { line: 7, character: 112 }, end: { line: 7, character: 125 } });
});

test('opacity: splats, SSL contexts, connection classes and credential providers', async () => {
  const src = `
import os
import ssl
import redis
from redis.credentials import UsernamePasswordCredentialProvider
from myapp.auth import ElastiCacheIAMProvider

OPTIONS = {"host": "cache.internal", "ssl": True}
ctx = ssl.create_default_context()

a = redis.Redis(**OPTIONS)
b = redis.Redis(*os.environ["REDIS_ARGS"].split(","))
c = redis.Redis(host="cache.internal", ssl=True, ssl_context=ctx, ssl_cert_reqs="none", ssl_check_hostname=False)
d = redis.Redis(host="cache.internal", ssl=True, credential_provider=UsernamePasswordCredentialProvider("app", os.environ["REDIS_PASSWORD"]))
e = redis.Redis(host="cache.internal", ssl=True, credential_provider=ElastiCacheIAMProvider(user="app", cluster_name="prod"))
f = redis.Redis(host="cache.internal", password=None, ssl_cert_reqs="optional")
g = redis.Redis(connection_pool=redis.BlockingConnectionPool(50, host="cache.internal"))
`.slice(1);
  assert.deepEqual(await constructions(src), [
    // A dict of this file, never changed: its entries are keywords.
    '10 a shared exported host=lit=cache.internal tls=lit=true',
    '11 b shared opaque exported',
    // The context decides verification: the keywords beside it do not apply.
    '12 c shared opaque exported host=lit=cache.internal tls=lit=true',
    '13 d shared exported host=lit=cache.internal username=lit=app password=env:REDIS_PASSWORD tls=lit=true',
    '14 e shared exported host=lit=cache.internal password=unknown tls=lit=true',
    '15 f shared exported host=lit=cache.internal verifyCertificate=lit=true',
    // A size, not a connection class.
    '16 g shared exported host=lit=cache.internal',
    '16 - shared host=lit=cache.internal',
  ]);
});

test('provenance: environment, secret stores and helpers, settings objects, constants', async () => {
  const src = `
import os
from os import environ, getenv
import hvac
import redis
from django.conf import settings
from myapp.secrets import get_secret, fetch_secret
from myapp.config import config, REDIS_PASSWORD

HOST_VAR = "REDIS_HOST"
PORT_DB = 3
vault = hvac.Client(url=os.environ["VAULT_ADDR"])
creds = vault.secrets.kv.v2.read_secret_version(path="cache")["data"]["data"]

a = redis.Redis(host=environ["REDIS_HOST"], password=getenv("REDIS_PASSWORD"), db=PORT_DB)
b = redis.Redis(host=os.environ.get(HOST_VAR, "localhost"), password=os.getenv("REDIS_PASSWORD") or "")
c = redis.Redis(host=settings.REDIS_HOST, password=config["redis"]["password"], username=REDIS_PASSWORD)
d = redis.Redis(host="cache.internal", password=get_secret("redis/auth"), username=creds["username"])
e = redis.Redis(host="cache.internal", password=fetch_secret("redis")["token"].strip())
f = redis.Redis(host=f"{os.environ['STAGE']}.cache.internal", password=f"pw-{PORT_DB}", ssl=os.getenv("REDIS_TLS") == "1")
g = redis.Redis(host="cache.internal", password=creds.get("password"), ssl=True if os.getenv("TLS") else False)
h = redis.Redis(host="cache.internal", password=os.environ["REDIS_PASSWORD"] if os.getenv("AUTH") else None)
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '14 a shared exported host=env:REDIS_HOST db=lit=3 password=env:REDIS_PASSWORD',
    '15 b shared exported host=env:REDIS_HOST password=env:REDIS_PASSWORD',
    // Set somewhere this file does not show, an imported name included.
    '16 c shared exported host=unknown username=unknown password=unknown',
    '17 d shared exported host=lit=cache.internal username=secret password=secret',
    '18 e shared exported host=lit=cache.internal password=secret',
    '19 f shared exported host=unknown password=unknown tls=env:REDIS_TLS',
    '20 g shared exported host=lit=cache.internal password=secret tls=unknown',
    '21 h shared exported host=lit=cache.internal password=env:REDIS_PASSWORD',
  ]);
});

test('look-alikes: a Redis class of another package, a name rebound, a route decorator on a cache object', async () => {
  const src = `
from upstash_redis import Redis
from myapp.cache import cache
import redis as real


@cache.get("/x")
def cached_view(request):
    return real.Redis(host="localhost")


r = Redis(url="https://eu1.upstash.io", token="t0ken")
r.set("k", "v")
`.slice(1);
  assert.deepEqual(await constructions(src), ['8 - unknown host=lit=localhost']);
});

test('exact ranges, argsRange and the legacy url', async () => {
  const src = `
import redis

cache = redis.Redis.from_url(
    "rediss://:hunter2@master.prod.use1.cache.amazonaws.com:6379/0",
    ssl_cert_reqs="none",
)
`.slice(1);
  const { model } = await parsePython(src);
  const [c] = model.clients;
  assert.deepEqual(c.argsRange, { start: { line: 2, character: 28 }, end: { line: 5, character: 1 } });
  assert.deepEqual(c.options.url, {
    value: 'rediss://:hunter2@master.prod.use1.cache.amazonaws.com:6379/0', provenance: { kind: 'literal' },
    text: '"rediss://:hunter2@master.prod.use1.cache.amazonaws.com:6379/0"',
    range: { start: { line: 3, character: 4 }, end: { line: 3, character: 67 } },
  });
  assert.deepEqual(c.url, { value: 'rediss://:hunter2@master.prod.use1.cache.amazonaws.com:6379/0', range: { start: { line: 3, character: 4 }, end: { line: 3, character: 67 } } });
  assert.deepEqual(c.options.verifyCertificate, {
    value: false, provenance: { kind: 'literal' }, text: '"none"',
    range: { start: { line: 4, character: 18 }, end: { line: 4, character: 24 } },
    entryRange: { start: { line: 4, character: 4 }, end: { line: 4, character: 24 } },
  });
  assert.deepEqual([c.boundTo, c.exported, c.opaque, c.lifetime], ['cache', true, false, { kind: 'shared' }]);
});

test('exported: public module names or those in __all__; a loop or handler gives its range', async () => {
  const src = `
import redis
from redis.asyncio import Redis as AsyncRedis
from redis.cluster import RedisCluster
import valkey

__all__ = ["_primary"]

_primary = redis.Redis(host="primary.internal")
_replica = redis.Redis(host="replica.internal")
cluster = RedisCluster(host="cfg.prod.cache.amazonaws.com", ssl=True, password="x")
aio = AsyncRedis(host="aio.internal", db=2)
vk = valkey.Valkey.from_url("valkeys://vk.internal:6379")


def warm(keys):
    for key in keys:
        (tmp := redis.Redis(host="tmp.internal")).get(key)
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '8 _primary shared exported host=lit=primary.internal',
    '9 _replica shared host=lit=replica.internal',
    '10 cluster shared exported host=lit=cfg.prod.cache.amazonaws.com password=lit=x tls=lit=true',
    '11 aio shared exported host=lit=aio.internal db=lit=2',
    '12 vk shared exported url=lit=valkeys://vk.internal:6379',
    '17 tmp loop@16 host=lit=tmp.internal',
  ]);
  const { model } = await parsePython(src);
  const loop = model.clients[5].lifetime;
  assert.deepEqual(loop.kind === 'per-call' && loop.where, { start: { line: 15, character: 4 }, end: { line: 16, character: 58 } });
});

test('origins: linked only when every binding reaching the receiver is the same construction', async () => {
  const src = `
import os
import redis

if os.environ.get("REPLICA"):
    reader = redis.Redis(host="replica.internal")
else:
    reader = redis.Redis(host="primary.internal")
writer = redis.Redis(host="primary.internal")
alias = writer


def sync(key):
    reader.get(key)
    alias.set(key, 1)
    with writer.pipeline() as pipe:
        pipe.incr(key)
        pipe.execute()


def local(client: redis.Redis, key):
    client.get(key)
    writer.delete(key)


reader.ttl("k")
`.slice(1);
  assert.deepEqual(await origins(src), [
    '13 GET reader→?', '14 SET alias→8', '16 INCR pipe→8', '21 GET client→?', '22 DEL writer→8',
    // At module level the latest binding is the one that runs.
    '25 TTL reader→7',
  ]);
});

test('more frameworks: lifespan, aiohttp route tables, DRF function views, Flask method views, FlaskRedis', async () => {
  const src = `
from contextlib import asynccontextmanager

import redis
import redis.asyncio as aioredis
from aiohttp import web
from fastapi import FastAPI
from flask.views import MethodView
from flask_redis import FlaskRedis
from rest_framework.decorators import api_view
from redis.cluster import ClusterNode, RedisCluster

routes = web.RouteTableDef()
store = FlaskRedis()


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.redis = aioredis.Redis(host="cache.internal")
    yield


@routes.get("/stock/{sku}")
async def stock(request):
    r = aioredis.from_url("redis://cache.internal")
    return web.json_response(await r.get(request.match_info["sku"]))


@api_view(["GET"])
def leaderboard(request):
    top = redis.Redis(host="cache.internal").zrange("board", 0, 9)
    return top


class CartView(MethodView):
    def post(self, request):
        cluster = RedisCluster(startup_nodes=[ClusterNode("cfg.prod.cache.amazonaws.com", 6379)], ssl=True)
        return cluster.ping()


def legacy():
    return RedisCluster(startup_nodes=[{"host": "cfg.legacy.cache.amazonaws.com", "port": "6379"}])
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '13 store shared opaque exported',
    '18 app.state.redis shared host=lit=cache.internal',
    '24 r request-handler@23 url=lit=redis://cache.internal',
    '30 - request-handler@29 host=lit=cache.internal',
    '36 cluster request-handler@35 host=lit=cfg.prod.cache.amazonaws.com tls=lit=true',
    '41 - unknown host=lit=cfg.legacy.cache.amazonaws.com',
  ]);
});

test('a module global assigned by a lazy getter is exported unless private', async () => {
  const src = `
import redis
from valkey.asyncio import Valkey

client = None


def get_client():
    global client
    if not client:
        client = redis.Redis(host="cache.internal")
    return client


async def get_valkey():
    return Valkey(host="vk.internal", ssl=True, ssl_cert_reqs=None)
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '10 client shared exported host=lit=cache.internal',
    '15 - unknown host=lit=vk.internal tls=lit=true verifyCertificate=lit=false',
  ]);
  const { model } = await parsePython(src);
  assert.equal(model.clients[1].client.library, 'valkey-py');
});

test('provenance look-alikes: an environ of another module, a shadowed os, a non-decrypting parameter helper', async () => {
  const src = `
import redis
from myapp.runtime import environ, getenv


class FakeOs:
    environ = {"REDIS_PASSWORD": "x"}


os = FakeOs()
a = redis.Redis(host=environ["REDIS_HOST"], password=getenv("REDIS_PASSWORD"))
b = redis.Redis(host="cache.internal", password=os.environ["REDIS_PASSWORD"])


def rotate(params):
    c = redis.Redis(host="cache.internal", password=params.get_parameters(Names=["/cache/auth"])["Parameters"][0]["Value"])
    return c
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '10 a shared exported host=unknown password=unknown',
    '11 b shared exported host=lit=cache.internal password=unknown',
    '15 c unknown host=lit=cache.internal password=unknown',
  ]);
});

test('**options: a dict written in this file is read; one changed in place, built elsewhere or passed in is opaque', async () => {
  const src = `
import os
import redis

BASE = {"host": os.environ["CACHE_HOST"], "ssl": True, "ssl_cert_reqs": "none"}
TUNED = dict(host="cache.internal", password=os.environ["CACHE_PASSWORD"], socket_timeout=5)
EXTRA = {"host": "cache.internal"}
EXTRA["ssl"] = False

a = redis.Redis(**BASE)
b = redis.Redis(db=1, **TUNED)
c = redis.Redis(**EXTRA)
d = redis.Redis(**{"host": "inline.internal", "ssl_check_hostname": False})
e = redis.Redis(**BASE, **TUNED)
f = redis.Redis(**{**BASE, "db": 2})


def build(**overrides):
    return redis.Redis(**BASE), redis.Redis(**overrides)
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '9 a shared exported host=env:CACHE_HOST tls=lit=true verifyCertificate=lit=false',
    '10 b shared exported host=lit=cache.internal db=lit=1 password=env:CACHE_PASSWORD',
    '11 c shared opaque exported',
    '12 d shared exported host=lit=inline.internal verifyHostname=lit=false',
    '13 e shared opaque exported',
    '14 f shared opaque exported',
    '18 - unknown host=env:CACHE_HOST tls=lit=true verifyCertificate=lit=false',
    '18 - unknown opaque',
  ]);
  const { model } = await parsePython(src);
  // The entry is the dict's pair, where a fix removes it.
  assert.deepEqual(model.clients[0].options.verifyCertificate!.entryRange, { start: { line: 3, character: 55 }, end: { line: 3, character: 78 } });
});
