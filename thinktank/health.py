"""/healthz: is this app server able to serve? Checks the database and the cache."""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down"; say which
        return f"error: {type(error).__name__}"
    return "ok"


def check_cache() -> str:
    key = "healthz:probe"
    value = str(time.time())
    try:
        cache.set(key, value, 10)
        if cache.get(key) != value:
            return "error: the cache did not return what was stored"
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"


@never_cache
def healthz(request):
    """
    Report the database and the cache. Without the database this server cannot serve:
    503. Without the cache it still can, slower: 200 with status "degraded".
    """
    checks = {"database": check_database(), "cache": check_cache()}
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)
