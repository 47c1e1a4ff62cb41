import pytest
from django.test.utils import override_settings

from tests.alerts.smtp import SMTPServer


@pytest.fixture
def smtp():
    """A real SMTP server in this process; Django's SMTP backend sends to it, unthrottled."""
    with SMTPServer() as server, override_settings(**server.settings(), ALERTS_SEND_RATE=0):
        yield server


@pytest.fixture(autouse=True)
def _unthrottled(settings):
    settings.ALERTS_SEND_RATE = 0
    settings.SITE_URL = "https://analysis.example.org"
    settings.DEFAULT_FROM_EMAIL = "alerts@example.org"
    settings.ALERTS_UNSUBSCRIBE_MAILTO = "unsubscribe@example.org"
