"""
/robots.txt: keep crawlers out of the admin and previews, and point them at the sitemap;
and /favicon.ico, which browsers and crawlers ask for whatever the pages link.
"""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

# Paths that are never for search engines: the admin, and shared previews of unpublished
# translations (/preview/<token>/, issue 4).
DISALLOWED = ["/admin/", "/preview/"]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Send /favicon.ico to the static icon (its hashed name changes: not a permanent move)."""
    response = HttpResponseRedirect(staticfiles_storage.url("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
