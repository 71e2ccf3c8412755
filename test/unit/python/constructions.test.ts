/**
 * Python client constructions: connection options with their provenance, opacity, lifetime, the bound name and
 * the link from call sites back to the construction, on modules written the way applications are.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constructions, origins } from './construction-support';

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
