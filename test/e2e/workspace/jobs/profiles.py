import os

import redis

cache = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, ssl=True, ssl_cert_reqs="none")


def get_profile(user_id):
    return cache.get(f"profile:{user_id}")
