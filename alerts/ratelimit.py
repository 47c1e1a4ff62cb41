"""
Rate limits of the subscribe form (core.ratelimit), kept in the shared cache.

Per client (address of the request) a refusal is said plainly (429); per email address
the request is answered as any other but no mail goes out, so that the answer says
nothing about the address and nobody can flood an inbox with confirmation requests.
"""

from django.conf import settings

from core.ratelimit import client_of, spend


def client_allowed(request) -> bool:
    return spend(
        f"alerts:client:{client_of(request)}",
        limit=settings.ALERTS_RATE_PER_CLIENT,
        window=settings.ALERTS_RATE_WINDOW_SECONDS,
    )


def address_allowed(email: str) -> bool:
    return spend(
        f"alerts:address:{email}",
        limit=settings.ALERTS_RATE_PER_ADDRESS,
        window=settings.ALERTS_RATE_WINDOW_SECONDS,
    )
