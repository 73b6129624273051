"""Text that enters through the web or is saved by any path passes one normalisation point,
`ctip.lib.normalise.strip_invisible` (docs/security.md, "Invisible characters"):

- `CleanInputMiddleware`: every query string and url-encoded form body. Control characters
  (NUL and the like) are refused with a 400 page; invisible format characters (bidi
  overrides, zero-width characters) are removed before any form sees the value. Passwords
  stay exactly as typed. Multipart bodies (file uploads) are left to the import reader, which
  checks every cell (ctip/imports/actions.py).
- `strip_before_save`: every text field of our models and of user accounts, whatever saved
  it (the admin site, a command, an action): the last line, which strips and never refuses.
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.db import models

from ctip.lib.normalise import has_control, strip_invisible

# Fields never rewritten: what the user typed is what is checked.
_KEPT = ("password",)


class ControlCharacters(SuspiciousOperation):
    """A request whose parameters hold control characters: answered with a 400 page."""


def _kept(name: str) -> bool:
    return any(word in name for word in _KEPT) or name == "csrfmiddlewaretoken"


def _cleaned(query):
    cleaned = query.copy()
    for name in query:
        if _kept(name):
            continue
        values = query.getlist(name)
        if any(has_control(value) for value in values):
            raise ControlCharacters("a request parameter holds control characters")
        cleaned.setlist(name, [strip_invisible(value) for value in values])
    cleaned._mutable = False
    return cleaned


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET:
            request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            request.POST = _cleaned(request.POST)
        return self.get_response(request)


def strip_before_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: strip invisible characters from every text field of INSTANCE."""
    if raw or not (sender.__module__.startswith("ctip.") or sender._meta.label == "auth.User"):
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or _kept(field.name):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            stripped = strip_invisible(value)
            if stripped != value:
                setattr(instance, field.attname, stripped)
