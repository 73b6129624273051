"""Which event IDs a user may give a new event, decided without revealing other countries'.

Event IDs are unique within a program. A country officer who types an ID that an event of
another country already holds must not learn that it exists (the same answer as a missing
one: docs/access.md). So the ID space is partitioned by country: an ID that starts with a
country's code and a hyphen (`TH-…`) belongs to that country's events, and a country
officer's new IDs start with one of their countries' codes. Whatever a country officer types
is then either refused for its shape alone (whether or not it exists) or can only collide
with an event of their own countries, which they can see anyway.

Administrators and MEL officers may use any ID (regional IDs such as `AA3-WEB-01`), except
one that starts with another country's code: that keeps the partition true for new data.
IDs held before this rule are kept as they are; an old ID that breaks it (a Cambodian event
`TH-7`) can still be found by a Thai officer trying `TH-7` — docs/security.md.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ctip.countries.models import Country


def _prefix(country_code: str) -> str:
    return f"{country_code.upper()}-"


def _country_prefixes(allowed: set[str] | None) -> dict[str, str]:
    """The prefix of every country a country officer may hold: the ASEAN members and
    the user's own."""
    codes = set(Country.objects.filter(is_asean_member=True).values_list("code", flat=True))
    return {_prefix(code): code for code in codes | set(allowed or ())}


def new_code_refusal(code: str, country_code: str | None, allowed: set[str] | None) -> str | None:
    """Why CODE may not name a new (or renamed) event in COUNTRY_CODE for a user who may
    hold events in ALLOWED countries (None: any country); None when it may.

    The answer depends on CODE's shape and the user's countries only, never on which events
    exist, so it tells nobody anything about other countries' events."""
    upper = code.upper()
    prefixes = _country_prefixes(allowed)
    owner = next((prefixes[p] for p in prefixes if upper.startswith(p)), None)
    if allowed is not None and owner not in allowed:
        return _("IDs of the events you create start with %(prefixes)s") % {
            "prefixes": " or ".join(_prefix(country) for country in sorted(allowed))
        }
    if owner is not None and country_code and owner != country_code:
        return _(
            "an event ID that starts with %(prefix)s is for an event in that country; "
            "choose the event's own country's code (%(own)s) or another ID"
        ) % {"prefix": _prefix(owner), "own": _prefix(country_code)}
    return None
