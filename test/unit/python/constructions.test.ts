/**
 * Python client constructions: connection options with their provenance, opacity, lifetime, the bound name and
 * the link from call sites back to the construction, on modules written the way applications are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientConstruction, ConnectionOptions, ConnectionSetting } from '../../../server/src/model/code';
import { parsePython } from './support';

const ORDER: (keyof ConnectionOptions)[] = ['url', 'host', 'db', 'username', 'password', 'tls', 'verifyCertificate', 'verifyHostname'];

function settingText(s: ConnectionSetting<unknown>): string {
  const p = s.provenance;
  const where = p.kind === 'environment' ? (p.name ? `env:${p.name}` : 'env') : p.kind === 'literal' ? 'lit' : p.kind;
  return s.value === undefined ? where : `${where}=${String(s.value)}`;
}

/** `line bound lifetime [opaque] [exported] option=provenance[=value] …`, lines 1-based. */
function summarize(c: ClientConstruction): string {
  const life = c.lifetime.kind === 'per-call' ? `${c.lifetime.reason}@${c.lifetime.where.start.line + 1}` : c.lifetime.kind;
  const parts = [`${c.range.start.line + 1}`, c.boundTo ?? '-', life];
  if (c.opaque) parts.push('opaque');
  if (c.exported) parts.push('exported');
  for (const key of ORDER) {
    const s = c.options[key] as ConnectionSetting<unknown> | undefined;
    if (s) parts.push(`${key}=${settingText(s)}`);
  }
  return parts.join(' ');
}

async function constructions(src: string, path = 'app/service.py'): Promise<string[]> {
  return (await parsePython(src, path)).model.clients.map(summarize);
}

/** `line COMMAND receiver→construction line` for each call site linked to a construction. */
async function origins(src: string): Promise<string[]> {
  const { model } = await parsePython(src);
  return model.calls.map((c) => {
    const o = c.client.origin;
    return `${c.calleeRange.start.line + 1} ${c.command} ${c.client.receiverText}→${o ? model.clients[o.index].range.start.line + 1 : '?'}`;
  });
}

test('Flask app: a module client is shared, a client built in a route is per request', async () => {
  const src = `
import os
import redis
from flask import Flask, Blueprint, g, jsonify

app = Flask(__name__)
bp = Blueprint("carts", __name__)
redis_connection = redis.from_url(os.environ["REDIS_URL"], decode_responses=True)


@app.route("/health")
def health():
    return jsonify(ok=redis_connection.ping())


@bp.route("/carts/<cart_id>", methods=["POST"])
def add_item(cart_id):
    r = redis.Redis(host=os.environ.get("REDIS_HOST", "localhost"), port=6379, password=os.getenv("REDIS_PASSWORD"))
    r.hset(f"cart:{cart_id}", "sku", 1)
    return jsonify(ok=True)


class PluginRegistry:
    def get(self, name):
        return lambda f: f


registry = PluginRegistry()


@registry.get("stats")
def stats_plugin():
    return redis.Redis(host="localhost")


@app.before_request
def open_cache():
    g.cache = redis.Redis(host="cache.internal")


@app.teardown_appcontext
def close_cache(exc):
    redis.Redis(host="cache.internal").close()
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '7 redis_connection shared exported url=env:REDIS_URL',
    '17 r request-handler@16 host=env:REDIS_HOST password=env:REDIS_PASSWORD',
    // A `get` decorator on an object no web framework built: not a route.
    '32 - unknown host=lit=localhost',
    // Runs before every request.
    '37 g.cache request-handler@36 host=lit=cache.internal',
    // Once per app context: not a request hook this reader knows.
    '42 - unknown host=lit=cache.internal',
  ]);
  assert.deepEqual(await origins(src), ['12 PING redis_connection→7', '18 HSET r→17']);
});

test('FastAPI: routes and dependencies run per request; cached getters and startup hooks are shared', async () => {
  const src = `
from functools import lru_cache
from fastapi import APIRouter, Depends, FastAPI
import redis.asyncio as aioredis
from redis.asyncio import Redis
from .config import settings

app = FastAPI()
router = APIRouter(prefix="/items")


def get_redis() -> Redis:
    return Redis.from_url(settings.redis_url)


@lru_cache
def get_cached_redis() -> Redis:
    return Redis(host=settings.redis_host, ssl=True)


@app.on_event("startup")
async def startup() -> None:
    app.state.redis = aioredis.from_url("rediss://cache.internal:6379/0")


@router.post("/{item_id}")
async def create_item(item_id: str, cache: Redis = Depends(get_redis)):
    fresh = aioredis.Redis(host="cache.internal", ssl=True, ssl_cert_reqs="required")
    await fresh.set(f"item:{item_id}", "1", ex=60)
    await cache.expire(f"item:{item_id}", 60)
    return {"ok": True}


@app.get("/ping")
async def ping():
    cached = get_cached_redis()
    await cached.ping()
    return {}
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '12 - request-handler@11 url=unknown',
    '17 - shared host=unknown tls=lit=true',
    '22 app.state.redis shared url=lit=rediss://cache.internal:6379/0',
    '27 fresh request-handler@26 host=lit=cache.internal tls=lit=true verifyCertificate=lit=true',
  ]);
  // The dependency's parameter is what the dependency returns.
  assert.deepEqual(await origins(src), ['28 SET fresh→27', '29 EXPIRE cache→12', '36 PING cached→17']);
});

test('Django: a settings-based singleton factory is shared, views build per request', async () => {
  const src = `
import redis
from django.apps import AppConfig
from django.conf import settings
from django.http import JsonResponse
from rest_framework.views import APIView
from rest_framework.response import Response

_client = None


def get_client():
    global _client
    if _client is None:
        _client = redis.Redis(host=settings.REDIS_HOST, password=settings.REDIS_PASSWORD, ssl=settings.REDIS_SSL)
    return _client


def profile(request, user_id):
    r = redis.Redis(host=settings.REDIS_HOST)
    return JsonResponse({"views": r.incr(f"views:{user_id}")})


def warm(request_id):
    return redis.Redis(host=settings.REDIS_HOST)


class StatsView(APIView):
    def get(self, request):
        conn = redis.StrictRedis.from_url(settings.CACHES["default"]["LOCATION"])
        return Response(conn.info())


class CacheConfig(AppConfig):
    name = "cache"

    def ready(self):
        self.client = redis.Redis(host="localhost")


def counter():
    get_client().incr("hits")
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '14 _client shared host=unknown password=unknown tls=unknown',
    '19 r request-handler@18 host=unknown',
    // `request_id` is not a request.
    '24 - unknown host=unknown',
    '29 conn request-handler@28 url=unknown',
    '37 self.client shared host=lit=localhost',
  ]);
  assert.deepEqual(await origins(src), ['20 INCR r→19', '30 INFO conn→29', '41 INCR get_client()→14']);
});

test('Lambda: a client built in the handler is per invocation; a module client is shared', async () => {
  const src = `
import json
import os

import boto3
import redis

secrets = boto3.client("secretsmanager")
ssm = boto3.client("ssm")
auth = json.loads(secrets.get_secret_value(SecretId=os.environ["SECRET_ARN"])["SecretString"])
shared = redis.Redis(host=os.environ["CACHE_HOST"], password=auth["password"], ssl=True)


def lambda_handler(event, context):
    token = ssm.get_parameter(Name="/cache/token", WithDecryption=True)["Parameter"]["Value"]
    client = redis.Redis(host=os.environ["CACHE_HOST"], password=token, ssl=True)
    client.set(event["id"], json.dumps(event), ex=300)
    shared.incr("invocations")
    return {"statusCode": 200}


def handler(event, context):
    plain = ssm.get_parameter(Name="/cache/host")["Parameter"]["Value"]
    return redis.Redis(host=plain).ping()


def retry_handler(message, retries):
    return redis.Redis(host="localhost")
`.slice(1);
  assert.deepEqual(await constructions(src, 'lambda_function.py'), [
    '10 shared shared exported host=env:CACHE_HOST password=secret tls=lit=true',
    '15 client lambda-handler@13 host=env:CACHE_HOST password=secret tls=lit=true',
    // Not decrypted: a parameter, not a secret.
    '23 - lambda-handler@21 host=unknown',
    // Named like a handler, but not called with (event, context).
    '27 - unknown host=lit=localhost',
  ]);
  assert.deepEqual(await origins(src), ['16 SET client→15', '17 INCR shared→10', '23 PING redis.Redis(host=plain)→23']);
});

test('a repository class: fields set in __init__, the class body or a lazy property are shared', async () => {
  const src = `
from typing import Optional

from redis import Redis
import redis


class SessionRepository:
    default = Redis(host="sessions.internal", db=1)

    def __init__(self, url: str):
        self.redis = Redis.from_url(url, ssl_cert_reqs=None, ssl_check_hostname=False)
        self._replica: Optional[Redis] = None

    @property
    def replica(self) -> Redis:
        if self._replica is None:
            self._replica = redis.Redis(host="replica.internal", ssl=True)
        return self._replica

    def reconnect(self):
        self.spare = redis.Redis(host="spare.internal")

    def load(self, sid: str):
        return self.redis.get(f"session:{sid}")

    def load_replica(self, sid: str):
        return self.replica.get(f"session:{sid}")

    def count(self):
        return self.default.dbsize()
`.slice(1);
  assert.deepEqual(await constructions(src, 'app/repositories/sessions.py'), [
    '8 default shared host=lit=sessions.internal db=lit=1',
    '11 self.redis shared url=unknown verifyCertificate=lit=false verifyHostname=lit=false',
    '17 self._replica shared host=lit=replica.internal tls=lit=true',
    '21 self.spare unknown host=lit=spare.internal',
  ]);
  assert.deepEqual(await origins(src), ['24 GET self.redis→11', '27 GET self.replica→17', '30 DBSIZE self.default→8']);
});

test('a Celery task and a CLI script: plain functions are unknown, loops build per iteration', async () => {
  const src = `
import argparse
import redis
from celery import Celery

app = Celery("jobs")


@app.task
def sync_inventory(skus):
    r = redis.Redis(host="inventory.internal")
    for sku in skus:
        conn = redis.Redis(host="inventory.internal")
        conn.incr(sku)
    pools = [redis.Redis(host=h) for h in ("a", "b")]
    return r.ping()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host")
    args = parser.parse_args()
    client = redis.Redis(args.host, 6380, 2, "s3cret")
    while client.llen("queue"):
        client.lpop("queue")


if __name__ == "__main__":
    cli = redis.Redis("localhost", 6379, 0)
    main()
`.slice(1);
  assert.deepEqual(await constructions(src, 'scripts/sync.py'), [
    '10 r unknown host=lit=inventory.internal',
    '12 conn loop@11 host=lit=inventory.internal',
    // In a list: bound to nothing.
    '14 - loop@14 host=unknown',
    '22 client unknown host=unknown db=lit=2 password=lit=s3cret',
    '28 cli shared exported host=lit=localhost db=lit=0',
  ]);
});

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
