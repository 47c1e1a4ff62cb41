"""Project middleware: outage handling and the Content Security Policy."""

import logging

from csp.constants import NONCE
from csp.middleware import CSPMiddleware, PolicyParts
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """
    Answer 503 with a page and Retry-After when the database cannot be reached.

    Django hands view and template errors to process_exception; __call__ catches what
    other middleware raises. The connection is health-checked at the next request
    (CONN_HEALTH_CHECKS), so the site recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self.unavailable(request, error)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return self.unavailable(request, exception)
        return None

    @staticmethod
    def unavailable(request, error: DatabaseError):
        logger.error("Database unavailable: %s", error)
        html = render_to_string("503.html", request=None)
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    The site-wide policy, with inline styles allowed in the admin, whose templates use them,
    and the admin's per-request nonce for scripts (the rich-text editor's import map). The
    API's docs pages (Swagger UI, ReDoc) add their styles from script, and ReDoc runs its
    search in a worker made from a blob: inline styles and blob: workers there only.
    """

    API_DOCS = ("/api/v1/docs", "/api/v1/redoc")

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.update = {
                **(parts.update or {}),
                "style-src": ["'unsafe-inline'"],
                "script-src": [NONCE],
            }
        elif not report_only and request.path_info.startswith(self.API_DOCS):
            parts.update = {
                **(parts.update or {}),
                "style-src": ["'unsafe-inline'"],
                "worker-src": ["'self'", "blob:"],
            }
        return parts


class LocaleMiddleware(DjangoLocaleMiddleware):
    """
    Django's LocaleMiddleware, except in the admin: public URLs without a prefix are
    English, but the admin (which has no prefix) speaks the language the staff member
    chose (the language cookie) or their browser asks for, right to left where it applies.
    """

    def process_request(self, request):
        if not request.path_info.startswith("/admin/"):
            return super().process_request(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/"):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
