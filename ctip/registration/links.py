"""An event's registration link: a signed token that names the event, and its QR code.

The token is signed with the site's secret key and a salt of its own, so nobody can make
a link for another event by changing a number; raising the window's link_version makes
every older link for the event stop working."""

from __future__ import annotations

import io

import segno
from django.core import signing
from django.urls import reverse

from ctip.events.models import Event

from .models import window_for

SALT = "ctip.registration.link"


class InvalidLink(Exception):
    """The link was tampered with, replaced by a newer one, or names no event."""


def link_token(event: Event) -> str:
    # A plain signer (no timestamp): the window, not the link's age, decides when it works.
    return signing.Signer(salt=SALT).sign_object([event.pk, window_for(event).link_version])


def event_from_token(token: str) -> Event:
    """The event TOKEN was made for; InvalidLink if it was altered or replaced.
    The signature is the permission here: the public form needs no login."""
    try:
        event_id, version = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLink from None
    event = (
        Event.objects.select_related("program", "country", "registration_window")
        .filter(pk=event_id)
        .first()
    )
    if event is None or window_for(event).link_version != version:
        raise InvalidLink
    return event


def registration_url(request, event: Event) -> str:
    """The absolute link participants open (it uses the host staff reached the site by)."""
    return request.build_absolute_uri(reverse("register", args=[link_token(event)]))


def qr_svg(url: str) -> bytes:
    """The QR code for URL as an SVG document (rendered here, no network). It scales to
    any size: pages set its width."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=10, border=2, dark="#000", light="#fff", svgclass=None
    )
    return buffer.getvalue()
