"""Session helpers for the shop front end (talks to the SessionStore replication group)."""
import json
import os

import redis
from redis.cluster import RedisCluster

sessions = RedisCluster.from_url(os.environ["SESSION_CACHE_URL"])
counters = redis.Redis(host=os.environ["COUNTER_HOST"], port=6379, ssl=True)

SESSION_TTL = 1800


def save_session(session_id, data):
    # Fine: the write carries its own expiry.
    sessions.set(f"session:{session_id}", json.dumps(data), ex=SESSION_TTL)


def touch_profile(user_id, profile):
    # Deliberate mistake: no TTL, and nothing expires it later.
    sessions.set(f"profile:{user_id}", json.dumps(profile))


def count_visit(page):
    # Fine: INCR followed by EXPIRE on the same key.
    key = f"visits:{page}"
    counters.incr(key)
    counters.expire(key, 86400)


def active_sessions():
    # Deliberate mistake: KEYS blocks the shard and, on a cluster client, sees one node only.
    return sessions.keys("session:*")


def user_overview(user_id):
    # Deliberate mistake: these two keys hash to different slots (CROSSSLOT in cluster mode).
    return sessions.mget("user:42:profile", "user:42:settings")


def cart_and_wishlist(user_id):
    # Deliberate mistake: dynamic keys with no common hash tag.
    return sessions.mget(f"cart:{user_id}", f"wishlist:{user_id}")


def orders_page(user_id):
    # Fine: a shared hash tag keeps both keys in one slot.
    return sessions.mget(f"{{user:{user_id}}}:orders", f"{{user:{user_id}}}:returns")


def snapshot(config):
    # Not Redis: dict.keys() must not be reported.
    return sorted(config.keys())
