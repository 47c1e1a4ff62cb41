"""
A real SMTP server in the test process (aiosmtpd), and the messages it received read
back with Python's email parser, as a mail client would.

Recipients whose address starts with "bounce" are refused for good (550), those that
start with "busy" for now (451): the server's answers the sending code must sort out.
"""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Handler:
    messages: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user here"
        if address.startswith("busy"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self):
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, server_hostname="localhost"
        )

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self) -> list:
        with self.handler.lock:
            return list(self.handler.messages)

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]

    def clear(self) -> None:
        with self.handler.lock:
            self.handler.messages.clear()

    def settings(self) -> dict:
        """The settings that send through this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }


def parts(message) -> tuple[str, str]:
    """The plain-text and HTML bodies of a message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html
