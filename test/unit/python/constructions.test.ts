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
from flask import Flask, Blueprint, jsonify

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
`.slice(1);
  assert.deepEqual(await constructions(src), [
    '7 redis_connection shared exported url=env:REDIS_URL',
    '17 r request-handler@16 host=env:REDIS_HOST password=env:REDIS_PASSWORD',
    // A `get` decorator on an object no web framework built: not a route.
    '32 - unknown host=lit=localhost',
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
  assert.deepEqual(await origins(src), ['28 SET fresh→27', '35 PING cached→17']);
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
