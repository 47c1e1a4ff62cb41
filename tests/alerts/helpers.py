"""Subscribers made as a confirmed request would make them."""

import time

from alerts.services import subscriber_confirm


def subscribe(
    email,
    *,
    choices=(("everything", 0),),
    languages=("en",),
    language=None,
    frequency="instant",
    at=None,
):
    """A confirmed subscriber (through the confirmation service)."""
    return subscriber_confirm(
        request={
            "email": email,
            "language": language or languages[0],
            "languages": list(languages),
            "frequency": frequency,
            "choices": [list(choice) for choice in choices],
            "at": int(at if at is not None else time.time()) - 1,
        }
    )
