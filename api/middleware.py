"""
What every answer of the API carries, cached or not: CORS headers for reading from any
origin (GET only, no credentials), and the per-client rate limit (429 with Retry-After).
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import set_response_etag

from core.ratelimit import client_of, spend

PREFIX = "/api/"
READ = ("GET", "HEAD")


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(READ)
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = str(settings.API_CORS_MAX_AGE)
        elif not spend(
            f"api:{client_of(request)}",
            limit=settings.API_RATE_PER_CLIENT,
            window=settings.API_RATE_WINDOW_SECONDS,
        ):
            response = JsonResponse({"detail": "Too many requests; try again later."}, status=429)
            response["Retry-After"] = str(settings.API_RATE_WINDOW_SECONDS)
        elif request.method == "HEAD":
            # The views answer GET; HEAD is the same answer without its body (and the same
            # ETag, so a HEAD revalidation matches the GET it stands for).
            request.method = "GET"
            response = self.get_response(request)
            request.method = "HEAD"
            if not response.streaming:
                if not response.has_header("ETag"):
                    set_response_etag(response)
                response.content = b""
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response
