"""
The site's URLs plus /bench/trivial: the ceiling a Django view can reach on this machine.

With BENCHMARK_SERVES_MEDIA=1 (benchmarks/lighthouse.py) /media/ is served too, as the
front server does in production (README "Deploying"), so pages show their images.
"""

import os

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.decorators.cache import never_cache

from thinktank import media
from thinktank.urls import handler500  # noqa: F401
from thinktank.urls import urlpatterns as site_urlpatterns


@never_cache
def trivial(request):
    """A fixed string through the full middleware stack, never cached."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial), *site_urlpatterns]
if os.environ.get("BENCHMARK_SERVES_MEDIA") == "1" and not settings.DEBUG:
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(
        0,
        re_path(
            rf"^{prefix}(?P<path>.*)$",
            media.serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    )
