"""
The signed links of the alerts: nothing in them can be forged without SECRET_KEY.

- The confirmation link carries the whole request (address, languages, choices) and
  expires (ALERTS_CONFIRM_MAX_AGE): nothing is stored before the address confirms.
- The preferences and unsubscribe links name a subscriber and their key; they do not
  expire (an old email's unsubscribe link must work) but die with the key, which is
  renewed when the subscriber's data is deleted.
"""

import time

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM_SALT = "alerts.confirm"
PURPOSES = ("preferences", "unsubscribe")


class BadToken(Exception):
    """The link is malformed, forged or expired."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def confirm_token(request: dict) -> str:
    """Sign a subscription request ({email, language, languages, frequency, choices})."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {**request, "at": int(time.time())}, compress=True
    )


def confirm_request(token: str) -> dict:
    """Return the request a confirmation link carries, its "at" the time it was signed."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        request = signer.unsign_object(token, max_age=settings.ALERTS_CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise BadToken() from None
    if not isinstance(request, dict) or not isinstance(request.get("at"), int):
        raise BadToken()
    return request


def subscriber_token(subscriber: Subscriber, purpose: str) -> str:
    return signing.Signer(salt=f"alerts.{purpose}").sign_object([subscriber.pk, subscriber.key])


def subscriber_from(token: str, purpose: str) -> Subscriber:
    """Return the subscriber a preferences or unsubscribe link names, or raise BadToken."""
    try:
        pk, key = signing.Signer(salt=f"alerts.{purpose}").unsign_object(token)
        subscriber = Subscriber.objects.get(pk=int(pk), key=str(key))
    except (signing.BadSignature, ValueError, TypeError, UnicodeError, Subscriber.DoesNotExist):
        raise BadToken() from None
    return subscriber
