/**
 * Deterministic Python service code on redis-py: Flask-style handlers, classes holding a client, pipelines and
 * transactions, cluster and standalone clients, and plenty of code that is not Redis at all. Each block declares
 * the findings it must produce.
 */
import { cycleBlocks, fitLines, type Expected, type Generated } from './generated';

const HEADER = `"""Order, cart and session endpoints of the shop API, backed by ElastiCache through redis-py."""
import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Optional

import redis
from flask import Flask, jsonify, request
from redis.cluster import RedisCluster

app = Flask(__name__)
log = logging.getLogger(__name__)

cache = redis.Redis.from_url(os.environ.get("CACHE_URL", "rediss://localhost:6379/0"), decode_responses=True)
catalogue = RedisCluster(host=os.environ["CATALOGUE_HOST"], port=6379, ssl=True)

DEFAULT_TTL = 3600


@dataclass
class Order:
    """An order as the API returns it."""
    order_id: str
    user_id: str
    lines: list = field(default_factory=list)
    total_cents: int = 0

    def add_line(self, sku: str, qty: int, price_cents: int) -> None:
        self.lines.append({"sku": sku, "qty": qty, "price": price_cents})
        self.total_cents += qty * price_cents

    def to_dict(self) -> dict:
        return {"id": self.order_id, "user": self.user_id, "lines": self.lines, "total": self.total_cents}
`;

interface Block { text: string; expected: Expected }

const blocks: ((i: number) => Block)[] = [
  (i) => ({ expected: {}, text: `

@dataclass
class Address${i}:
    """A postal address as the checkout form sends it; plain data, nothing to do with the cache."""
    street: str
    city: str
    postcode: str
    country: str = "GB"

    def validate(self) -> list:
        problems = []
        if not self.street.strip():
            problems.append("street is required")
        if self.country == "GB" and len(self.postcode.replace(" ", "")) not in (5, 6, 7):
            problems.append(f"postcode {self.postcode!r} is not a UK postcode")
        return problems
` }),
  (i) => ({ expected: {}, text: `

@app.post("/orders/${i}/<order_id>")
def save_order_${i}(order_id):
    payload = request.get_json()
    order = Order(order_id=order_id, user_id=payload["user"])
    for line in payload.get("lines", []):
        order.add_line(line["sku"], line["qty"], line["price"])
    cache.set(f"order:{order_id}", json.dumps(order.to_dict()), ex=DEFAULT_TTL)
    log.info("saved order %s with %d lines", order_id, len(order.lines))
    return jsonify(order.to_dict())
` }),
  (i) => ({ expected: { 'missing-ttl': 1 }, text: `

@app.put("/profile/${i}/<user_id>")
def update_profile_${i}(user_id):
    profile = request.get_json()
    if not profile.get("email"):
        return jsonify(error="email required"), 400
    cache.set(f"profile:{user_id}:v${i}", json.dumps(profile))
    return jsonify(ok=True)
` }),
  (i) => ({ expected: {}, text: `

class RateLimiter${i}:
    """Fixed-window rate limiting per client address."""

    def __init__(self, client: redis.Redis, limit: int = 100, window: int = 60):
        self.client = client
        self.limit = limit
        self.window = window

    def allow(self, ip: str) -> bool:
        key = f"rate:${i}:{ip}"
        count = self.client.incr(key)
        if count == 1:
            self.client.expire(key, self.window)
        return count <= self.limit
` }),
  // A transaction (redis-py pipelines are MULTI/EXEC by default) over keys with no common hash tag.
  (i) => ({ expected: { 'missing-hash-tag': 1 }, text: `

@app.post("/cart/${i}/<user_id>/checkout")
def checkout_${i}(user_id):
    order_id = request.args["order"]
    with cache.pipeline() as pipe:
        pipe.hset(f"order:{order_id}:state", mapping={"user": user_id, "state": "new", "at": time.time()})
        pipe.expire(f"order:{order_id}:state", 7 * 24 * 3600)
        pipe.delete(f"cart:{user_id}")
        pipe.execute()
    return jsonify(order=order_id)
` }),
  (i) => ({ expected: { 'cross-slot-keys': 1 }, text: `

@app.get("/catalogue/${i}/featured")
def featured_${i}():
    first, second = catalogue.mget("product:${i}:hero", "product:${i}:runner-up")
    return jsonify(first=first, second=second)
` }),
  (i) => ({ expected: { 'missing-hash-tag': 1 }, text: `

@app.get("/catalogue/${i}/<sku>/related")
def related_${i}(sku):
    price, stock = catalogue.mget(f"price:{sku}", f"stock:{sku}")
    return jsonify(price=price, stock=stock)
` }),
  (i) => ({ expected: {}, text: `

@app.get("/catalogue/${i}/<sku>")
def product_${i}(sku):
    name, price = catalogue.mget(f"{{product:{sku}}}:name", f"{{product:{sku}}}:price")
    if name is None:
        return jsonify(error="not found"), 404
    return jsonify(name=name, price=price)
` }),
  (i) => ({ expected: { 'keys-command': 1 }, text: `

@app.get("/admin/${i}/sessions")
def list_sessions_${i}():
    names = sorted(cache.keys("session:${i}:*"))
    return jsonify(count=len(names), names=names[:100])
` }),
  (i) => ({ expected: {}, text: `

def export_settings_${i}(config: dict, prefix: Optional[str] = None) -> list:
    """Not Redis: dictionaries and the environment have keys() too."""
    names = sorted(config.keys())
    env = {k: v for k, v in os.environ.items() if k in os.environ.keys()}
    if prefix:
        names = [n for n in names if n.startswith(prefix)]
    return [(n, config[n], env.get(n.upper())) for n in names]
` }),
  (i) => ({ expected: {}, text: `

def purge_expired_${i}(batch: int = 500) -> int:
    removed = 0
    for key in cache.scan_iter(match="tmp:${i}:*", count=batch):
        cache.unlink(key)
        removed += 1
    return removed
` }),
  (i) => ({ expected: { 'missing-ttl': 1 }, text: `

class JobQueue${i}:
    """Jobs pushed by the API and consumed by the worker; each job's audit record is kept forever."""

    def __init__(self, client: redis.Redis):
        self.client = client

    def push(self, job: dict) -> None:
        self.client.lpush("jobs:${i}", json.dumps(job))
        self.client.hset(f"audit:${i}:{job['id']}", "pushed_at", time.time())

    def pop(self, timeout: int = 5) -> Optional[dict]:
        item = self.client.brpop("jobs:${i}", timeout=timeout)
        return json.loads(item[1]) if item else None
` }),
];

/** Service code of `n` blocks; see cycleBlocks. */
export function python(n: number, first = 0): Generated {
  return cycleBlocks(HEADER, blocks, n, first);
}

export function pythonOfLines(lines: number, first = 0): Generated {
  return fitLines(lines, (n) => python(n, first));
}

/** Application code that never touches the cache: most files in a real workspace. */
export function pythonWithoutCache(functions: number): Generated {
  const out = ['import json', 'import logging', '', 'log = logging.getLogger(__name__)', ''];
  for (let i = 0; i < functions; i++) {
    out.push(
      `def handler_${i}(user_id, payload):`, `    key = f"user:{user_id}:item${i}"`, '    data = json.dumps(payload)', '    config = {"a": 1}',
      '    for k in config.keys():', '        log.info("%s %s", k, key)', `    result = [x * ${i} for x in range(10) if x % 2]`, '    return data, result', '',
    );
  }
  return { text: out.join('\n'), expected: {} };
}

export function pythonWithoutCacheOfLines(lines: number): Generated {
  return fitLines(lines, pythonWithoutCache);
}
