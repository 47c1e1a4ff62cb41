"""A Redis cache that degrades to a miss while Redis is unreachable."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    """
    Django's Redis cache, except that a Redis outage reads as a miss and writes are
    dropped: pages are then served uncached instead of failing.
    """

    def _quietly(name, default=None):  # noqa: N805  (a decorator factory used in the class body)
        method = getattr(RedisCache, name)

        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                logger.warning("Redis unavailable for cache.%s: %s", name, error)
                return default(*args, **kwargs) if callable(default) else default

        wrapper.__name__ = name
        return wrapper

    get = _quietly("get", default=lambda key, default=None, version=None: default)
    get_many = _quietly("get_many", default=lambda *args, **kwargs: {})
    has_key = _quietly("has_key", default=False)
    set = _quietly("set")
    add = _quietly("add", default=False)
    set_many = _quietly("set_many", default=lambda data, *args, **kwargs: list(data))
    touch = _quietly("touch", default=False)
    delete = _quietly("delete", default=False)
    delete_many = _quietly("delete_many")
    incr = _quietly("incr", default=None)
    clear = _quietly("clear", default=False)
    del _quietly
