"""Cart storage: the shared connection comes from the package."""
import json

from store import cache


def save_cart(user_id: str, items: list[str]) -> None:
    cache.set(f"cart:{user_id}", json.dumps(items))
