"""Which pages may be served in which language, and the English fallback when a catalogue
does not cover a page (docs/languages.md).

A page is never served under a language it is not written in. "Covered" is read from the
catalogues themselves (ctip/locale/<lang>/LC_MESSAGES/django.po, which name the file every
message comes from):

- participant pages (self-registration, feedback, partner survey, the pages after sending,
  error pages): every message from a file in PARTICIPANT_SOURCES, and the choice labels in
  PARTICIPANT_CHOICES, translated and not fuzzy. One missing message and the language falls
  back to English for these pages.
- staff pages: at least STAFF_THRESHOLD of all the catalogue's messages translated.

A page that falls back is served as `lang="en"` and says so in the requested language when
the catalogue has the notice, else in English.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"

# Files (relative to the ctip package) whose messages a participant reads.
PARTICIPANT_SOURCES = (
    "registration/templates/self_registration/public_base.html",
    "registration/templates/self_registration/_languages.html",
    "registration/templates/self_registration/_choices.html",
    "registration/templates/self_registration/_field.html",
    "registration/templates/self_registration/_error_summary.html",
    "registration/templates/self_registration/form.html",
    "registration/templates/self_registration/thanks.html",
    "registration/templates/self_registration/closed.html",
    "registration/templates/self_registration/invalid.html",
    "registration/templates/self_registration/too_many.html",
    "registration/templates/self_registration/cookies.html",
    "registration/forms.py",
    "surveys/templates/surveys/public_base.html",
    "surveys/templates/surveys/_feedback_offer.html",
    "surveys/templates/surveys/_survey_fields.html",
    "surveys/templates/surveys/already.html",
    "surveys/templates/surveys/feedback.html",
    "surveys/templates/surveys/feedback_closed.html",
    "surveys/templates/surveys/invalid.html",
    "surveys/templates/surveys/partner.html",
    "surveys/templates/surveys/partner_closed.html",
    "surveys/templates/surveys/thanks.html",
    "surveys/templates/surveys/too_many.html",
    "surveys/forms.py",
    "surveys/defaults.py",
    "web/templates/400.html",
    "web/templates/403.html",
    "web/templates/403_csrf.html",
    "web/templates/404.html",
    "web/templates/500.html",
    "web/templates/web/error_base.html",
    "web/templates/web/_language_notice.html",
    "web/languages.py",
)


def _participant_choices():
    """Choice labels participants read, whose classes live among staff messages."""
    from ctip.organisations.models import Organisation
    from ctip.people.models import Difficulty
    from ctip.registration.forms import ASEAN_COUNTRY_NAMES
    from ctip.surveys.models import Likert

    with translation.override(None):  # the message ids, not their translations
        labels = [*Difficulty.labels, *Organisation.Type.labels, *Likert.labels]
        return [str(label) for label in labels] + [*ASEAN_COUNTRY_NAMES, *LANGUAGE_IDS]


# The fraction of a catalogue's messages that must be translated for staff pages.
STAFF_THRESHOLD = 0.95

# The languages' names as message ids, and in each language the name of the language the
# page was asked for ("Lao", "ลาว", ...).
LANGUAGE_IDS = (
    "English",
    "Thai",
    "Lao",
    "Khmer",
    "Vietnamese",
    "Indonesian",
    "Filipino",
    "Burmese",
)
LANGUAGE_NAMES = {
    "en": gettext_lazy("English"),
    "th": gettext_lazy("Thai"),
    "lo": gettext_lazy("Lao"),
    "km": gettext_lazy("Khmer"),
    "vi": gettext_lazy("Vietnamese"),
    "id": gettext_lazy("Indonesian"),
    "fil": gettext_lazy("Filipino"),
    "my": gettext_lazy("Burmese"),
}
NOTICE = gettext_noop("This page is not yet available in %(language)s; shown in English.")


@dataclass(frozen=True)
class Coverage:
    """How much of one language's catalogue is written."""

    language: str
    participant_missing: tuple[str, ...]
    staff_translated: int
    staff_total: int

    @property
    def participant_pages(self) -> bool:
        return not self.participant_missing

    @property
    def staff_pages(self) -> bool:
        if self.language == SOURCE_LANGUAGE:
            return True
        return self.staff_total > 0 and self.staff_translated / self.staff_total >= (
            STAFF_THRESHOLD
        )

    @property
    def staff_percent(self) -> int:
        return round(100 * self.staff_translated / self.staff_total) if self.staff_total else 0


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def _is_participant_entry(entry, choices: set[str]) -> bool:
    if entry.msgid in choices:
        return True
    return any(path.removeprefix("ctip/") in PARTICIPANT_SOURCES for path, _ in entry.occurrences)


def participant_messages(language: str) -> list:
    """The catalogue entries of LANGUAGE that participant pages show (polib entries)."""
    import polib

    choices = set(_participant_choices())
    catalogue = polib.pofile(str(catalogue_path(language)))
    return [
        entry for entry in catalogue if not entry.obsolete and _is_participant_entry(entry, choices)
    ]


def is_translated(entry) -> bool:
    """Translated, every plural form, and not marked fuzzy."""
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return all(text.strip() for text in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


@functools.cache
def coverage(language: str) -> Coverage:
    """LANGUAGE's coverage, read once per process from its catalogue."""
    if language == SOURCE_LANGUAGE:
        return Coverage(language, (), 1, 1)
    if not catalogue_path(language).exists():
        return Coverage(language, ("(no catalogue)",), 0, 0)
    import polib

    choices = set(_participant_choices())
    entries = [e for e in polib.pofile(str(catalogue_path(language))) if not e.obsolete]
    missing = tuple(
        e.msgid for e in entries if _is_participant_entry(e, choices) and not is_translated(e)
    )
    # Choice labels the catalogue does not even list are missing too.
    listed = {e.msgid for e in entries}
    missing += tuple(label for label in sorted(choices) if label not in listed)
    translated = sum(1 for e in entries if is_translated(e))
    return Coverage(language, missing, translated, len(entries))


def _known(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else SOURCE_LANGUAGE


def participant_language(requested: str | None) -> str:
    """The language a participant page is served in when REQUESTED is asked for."""
    requested = _known(requested)
    return requested if coverage(requested).participant_pages else SOURCE_LANGUAGE


def staff_language(requested: str | None) -> str:
    """The language a staff page is served in when REQUESTED is asked for."""
    requested = _known(requested)
    return requested if coverage(requested).staff_pages else SOURCE_LANGUAGE


@dataclass(frozen=True)
class Notice:
    """The sentence that says a page is shown in English, and the language it is in."""

    text: str
    lang: str


def fallback_notice(requested: str | None, served: str) -> Notice | None:
    """The notice in the requested language when its catalogue has it, else in English;
    None when the page is served in the requested language."""
    requested = _known(requested)
    if requested == served:
        return None
    with translation.override(requested):
        notice = gettext(NOTICE)
        if notice != NOTICE:
            return Notice(notice % {"language": LANGUAGE_NAMES[requested]}, requested)
    with translation.override(SOURCE_LANGUAGE):
        return Notice(NOTICE % {"language": LANGUAGE_NAMES[requested]}, SOURCE_LANGUAGE)


class StaffLanguageMiddleware:
    """After LocaleMiddleware: a staff page asked for in a language whose catalogue does not
    cover the staff interface is served in English, with a notice (web/_language_notice.html).
    Public participant pages choose their own language (ctip.registration.views)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        requested = translation.get_language()
        request.language_requested = _known(requested)
        served = staff_language(requested)
        request.language_notice = fallback_notice(requested, served)
        if served != requested:
            translation.activate(served)
            request.LANGUAGE_CODE = served
        return self.get_response(request)


def error_language(request) -> tuple[str, Notice | None]:
    """(language, notice) for an error page: the one asked for when the participant pages
    (error pages among them) are written in it, else English."""
    requested = getattr(request, "language_requested", None) or translation.get_language()
    served = participant_language(requested)
    return served, fallback_notice(requested, served)


def _error_view(default_view):
    def view(request, *args, **kwargs):
        served, notice = error_language(request)
        request.language_notice = notice
        with translation.override(served):
            response = default_view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response["Content-Language"] = served
        return response

    return view


def _bad_request(request, exception):
    from django.views import defaults

    return defaults.bad_request(request, exception)


def _permission_denied(request, exception):
    from django.views import defaults

    return defaults.permission_denied(request, exception)


def _page_not_found(request, exception):
    from django.views import defaults

    return defaults.page_not_found(request, exception)


def _server_error(request):
    from ctip.security.errors import server_error as security_server_error

    return security_server_error(request)


bad_request = _error_view(_bad_request)
permission_denied = _error_view(_permission_denied)
page_not_found = _error_view(_page_not_found)
server_error = _error_view(_server_error)
