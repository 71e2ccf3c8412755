import os

import redis

cache = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, ssl=True, decode_responses=True)
