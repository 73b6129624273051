"""A real SMTP server for the account mail tests: aiosmtpd on a free loopback port, with
Django's SMTP backend pointed at it, so a test reads what was delivered."""

from __future__ import annotations

import email
import email.policy
import logging
import re
import socket
import threading
import time
from dataclasses import dataclass

import pytest


@dataclass
class Delivered:
    recipients: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"]).strip()  # a folded encoded header may start " "

    @property
    def body(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def link(self) -> str:
        """The one link in the mail."""
        (link,) = set(re.findall(r"https?://\S+", self.body))
        return link


class Mailbox:
    """What the SMTP server received, in order."""

    def __init__(self):
        self.delivered: list[Delivered] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.delivered.append(Delivered(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Delivered]:
        """The first COUNT messages, waiting up to TIMEOUT seconds for them (some mail leaves
        from another thread)."""
        deadline = time.monotonic() + timeout
        while len(self.delivered) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} mail(s), got {len(self.delivered)}")
            time.sleep(0.02)
        return self.delivered[:count]

    def to(self, address: str) -> list[Delivered]:
        return [d for d in self.delivered if address in d.recipients]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port; Django's mail settings point at it."""
    from aiosmtpd.controller import Controller

    # The test server's own log repeats every message line by line: not ours, and noisy.
    server_log = logging.getLogger("mail.log")
    level = server_log.level
    server_log.setLevel(logging.WARNING)
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "CTIP MERL <merl@example.org>"
    try:
        yield mailbox
    finally:
        controller.stop()
        server_log.setLevel(level)


@pytest.fixture
def no_smtp_server(settings):
    """Mail settings pointing at a port nobody listens on (a mail server that is down)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
