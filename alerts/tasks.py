"""The alerts' background work: announce what became public, send digests and confirmations."""

from django.core.mail import get_connection

from core.tasks import background

from . import mail, sending


@background()
def alerts_publish(article_id: int, languages: list[str]) -> int:
    """Send the instant alerts of an article's translations that are public now."""
    return sending.alerts_for_article(article_id, languages)


@background()
def alerts_retry_due() -> int:
    """Try again the instant alerts the mail server deferred, once their time has come."""
    return sending.alerts_retry_due()


@background()
def digests_due(frequency: str) -> int:
    """Send the digests of the last whole period (idempotent: once per subscriber and period)."""
    return sending.digests_send(frequency)


@background(retries=3)
def confirmation_send(email: str, language: str, token: str) -> None:
    """Send the confirmation link of a subscription request."""
    message = mail.confirmation_message(email=email, language=language, token=token)
    with get_connection(fail_silently=False) as connection:
        connection.send_messages([message])
