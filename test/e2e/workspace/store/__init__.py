"""The store package: one connection, shared by every module."""
from .redis_client import cache
