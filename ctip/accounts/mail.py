"""Mail about accounts: invitations, password reset, e-mail confirmation and notices.

Every message is written from two templates (`<name>_subject.txt`, `<name>.txt` in
templates/accounts/mail/) in the user's language when we know it (Preferences), else English,
and goes out through Django's mail settings (SMTP, or the console for the demo). Nothing
personal is logged: a failure names the kind of mail and the user's id, never the address.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("ctip.security")

FALLBACK_LANGUAGE = "en"


class MailNotSent(Exception):
    """The mail server could not be reached or refused the message."""


def language_of(user) -> str:
    """The language USER's mail is written in: their known preference, else English."""
    from .models import Preferences

    if user is None or getattr(user, "pk", None) is None:
        return FALLBACK_LANGUAGE
    language = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
    return language or FALLBACK_LANGUAGE


def remember_language(user, language: str) -> None:
    """Keep LANGUAGE as USER's preference (a code from settings.LANGUAGES, else ignored)."""
    from .models import Preferences

    if language not in dict(settings.LANGUAGES):
        return
    if Preferences.objects.filter(user=user, language=language).exists():
        return  # unchanged: no write at every login
    Preferences.objects.update_or_create(user=user, defaults={"language": language})


def absolute_url(path: str, request=None) -> str:
    """PATH as a full link for a mail: CTIP_BASE_URL when set, else the address REQUEST came
    to, else the address `ctip serve` listens on by default."""
    if settings.CTIP_BASE_URL:
        return settings.CTIP_BASE_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return "http://127.0.0.1:8000" + path


def compose(name: str, to: str, context: dict, language: str) -> EmailMessage:
    """The message NAME (its two templates) to address TO, written in LANGUAGE."""
    context = {"product": "CTIP MERL", **context}
    with translation.override(language):
        subject = render_to_string(f"accounts/mail/{name}_subject.txt", context)
        body = render_to_string(f"accounts/mail/{name}.txt", context)
    subject = " ".join(subject.split())  # one line: a header cannot hold a newline
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    message.extra_headers["Content-Language"] = language
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    message.ctip_kind = name
    return message


def send(message: EmailMessage, *, user_id=None) -> None:
    """Send MESSAGE now; MailNotSent (logged, without the address) when it could not go."""
    try:
        message.send()
    except Exception as error:
        logger.warning(
            "mail not sent: %s for user id %s (%s)",
            getattr(message, "ctip_kind", "mail"),
            user_id,
            type(error).__name__,
        )
        raise MailNotSent from error
    logger.info("mail sent: %s for user id %s", getattr(message, "ctip_kind", "mail"), user_id)


def send_quietly(message: EmailMessage, *, user_id=None) -> bool:
    """Send MESSAGE now; a failure is logged, not raised (a notice must not undo the change it
    tells of). True if it went."""
    try:
        send(message, user_id=user_id)
    except MailNotSent:
        return False
    return True


def send_in_background(message: EmailMessage, *, user_id=None) -> threading.Thread:
    """Send MESSAGE from another thread, so the page answers in the same time whether or not
    there was anything to send (the password reset page must not tell, by how long it takes,
    which addresses have an account)."""
    thread = threading.Thread(
        target=send_quietly,
        args=(message,),
        kwargs={"user_id": user_id},
        name="ctip-mail",
        daemon=True,
    )
    thread.start()
    return thread
