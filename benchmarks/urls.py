"""The site's URLs plus /bench/trivial: the ceiling a Django view can reach on this machine."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from thinktank.urls import handler500  # noqa: F401
from thinktank.urls import urlpatterns as site_urlpatterns


@never_cache
def trivial(request):
    """A fixed string through the full middleware stack, never cached."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial), *site_urlpatterns]
