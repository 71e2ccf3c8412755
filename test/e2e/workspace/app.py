"""Session store for the checkout service (redis-py against ElastiCache)."""
import os

import redis

r = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, ssl=True, decode_responses=True)


def active_session_keys() -> list[str]:
    return r.keys("session:*")


def remember(session_id: str, v: str) -> None:
    r.set(f"session:{session_id}", v)


def cache_profile(user_id: str, profile: str) -> None:
    r.set(f"profile:{user_id}", profile, ex=300)
