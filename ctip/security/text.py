"""Text that enters through the web or is saved by any path passes one normalisation point,
`ctip.lib.normalise.strip_invisible` (docs/security.md, "Invisible characters"):

- `CleanInputMiddleware`: every query string. Control characters (NUL and the like) are
  refused with a 400 page; invisible format characters (bidi overrides, zero-width
  characters) are removed before any view reads the value.
- `clean_form_text`: every text field of every form (ours, the admin site's, Django's own),
  however the body was encoded: a control character is refused with an error on the field;
  format characters are removed before the form validates. Fields that keep what was typed
  (`strip=False`: passwords) are left alone. File contents are the import reader's, which
  checks every cell (ctip/imports/actions.py).
- `strip_before_save`: every text field of our models and of user accounts, whatever saved
  it (the admin site, a command, an action): the last line, which strips and never refuses.
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.db import models

from ctip.lib.normalise import control_refusal, has_control, strip_invisible

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
        return self.get_response(request)


def install_form_cleaning() -> None:
    """Make every forms.CharField (and so EmailField, SlugField, the admin's text fields)
    refuse control characters and strip invisible format characters."""
    from django import forms

    original = forms.CharField.to_python
    if getattr(original, "ctip_cleans", False):
        return

    def to_python(self, value):
        value = original(self, value)
        if not isinstance(value, str) or not self.strip:
            return value
        if has_control(value):
            raise forms.ValidationError(control_refusal(), code="control")
        value = strip_invisible(value).strip()
        return value if value else self.empty_value

    to_python.ctip_cleans = True
    forms.CharField.to_python = to_python


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
